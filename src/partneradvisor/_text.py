"""Text from users and knowledge bases made safe to show: in a terminal, and in a message."""

from __future__ import annotations

from typing import Any

EXCERPT_CHARS = 60
# C0 controls except newline and tab, DEL and the C1 controls (\x9b is a CSI on some
# terminals): what a terminal would act on instead of showing
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])
# the bidirectional overrides and isolates: they reorder what follows them on the screen, so
# text can read other than it is (a name can hide what comes after it)
_CONTROLS.update(dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))


def printable(text: str) -> str:
    """text without the control characters a terminal would act on."""
    return text if text.isprintable() else text.translate(_CONTROLS)


def one_line(text: str) -> str:
    """text on one line of a message: a line break in a path or an id is shown as \\n."""
    if "\n" not in text and "\r" not in text:
        return text
    return text.replace("\r", "\\r").replace("\n", "\\n")


def excerpt(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """A short, escaped repr of value, for a message: never longer than about limit chars,
    however large or deep value is (a YAML alias bomb is shared, not copied, until printed)."""
    import reprlib

    shown = reprlib.Repr()
    shown.maxstring = shown.maxother = limit
    shown.maxlevel, shown.maxlist, shown.maxdict = 2, 4, 4
    shown.maxtuple = shown.maxset = shown.maxfrozenset = 4
    text = shown.repr(value)
    return text if len(text) <= limit + 10 else text[:limit] + "..."


MAX_DIGITS = 18  # a number longer than this is no importance, and Python refuses past 4300


def whole_number(text: str) -> int | None:
    """text as a whole number in ASCII digits (a leading - allowed), else None: int() alone
    takes '٣' and '1_0', fails on '²', and refuses thousands of digits with an error."""
    digits = text.removeprefix("-")
    if digits.isascii() and digits.isdigit() and len(digits) <= MAX_DIGITS:
        return int(text)
    return None


class LongNumber(float):
    """A whole number too long to be an importance or a count: infinity, which every check
    refuses in one sentence (Python itself refuses to convert 4,300 digits or more). Where
    it is an id (a member number), `digits` keeps it as it was written."""

    digits: str

    def __new__(cls, digits: str) -> LongNumber:
        number = super().__new__(cls, "inf")
        number.digits = digits
        return number

    def __reduce__(self) -> tuple[type[LongNumber], tuple[str]]:  # to a batch's workers
        return LongNumber, (self.digits,)

    def __repr__(self) -> str:  # as a refusal quotes it (an excerpt: at most some digits)
        return self.digits


def bounded_int(text: str) -> int | float:
    """For a JSON or YAML parser: a number too long to be anything a user meant becomes
    infinity (a LongNumber), which every check then refuses in one sentence."""
    return int(text) if len(text.lstrip("+-")) <= MAX_DIGITS else LongNumber(text)


def has_surrogates(text: str) -> bool:
    """Whether text holds a lone surrogate: a byte that was not UTF-8, or a JSON escape of
    half a character, which no output file or terminal can take."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
