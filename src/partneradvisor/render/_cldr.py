"""Numbers, percentages and dates as each language writes them, without loading Babel.

Babel's locale data takes some 20 ms to load (it unpickles the whole CLDR locale and imports
its date classes), for two symbols and twelve month names. This applies Babel's own steps for
the plain patterns the program uses (#,##0 with a fixed number of decimals, as a number or a
percentage; a date in full) with the CLDR data of each language's locale;
tests/test_cldr.py holds it to Babel, data included. A number not finite goes to Babel.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from ..kb.model import Lang

# The locale whose conventions each language's numbers and dates follow (Flanders first).
LOCALES = {"nl": "nl_BE", "en": "en_GB"}
# CLDR's decimal and group symbols of those locales (their minus and percent signs are ASCII)
SYMBOLS = {"nl": (",", "."), "en": (".", ",")}
# CLDR's month names of those locales, whose long date format is "d MMMM y" in both
MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "en": "January February March April May June July August September October November December",
}


def pattern(decimals: int) -> str:
    """The Babel (CLDR) pattern of a number with that many decimals."""
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def formatted(value: float, lang: Lang, decimals: int, percent: bool = False) -> str:
    """What Babel's format_decimal (or, for a percentage, format_percent) makes of value with
    pattern(decimals) in the language's locale."""
    exact = Decimal(str(value)).scaleb(2 if percent else 0)
    if not exact.is_finite():
        from babel.numbers import format_decimal, format_percent

        babel = format_percent if percent else format_decimal
        suffix = "%" if percent else ""
        return str(babel(value, pattern(decimals) + suffix, locale=LOCALES[lang]))
    rounded = abs(exact).normalize().quantize(Decimal(1).scaleb(-decimals))
    whole, _, fraction = f"{rounded:f}".partition(".")
    point, group = SYMBOLS[lang]
    groups = [whole[max(0, end - 3) : end] for end in range(len(whole), 0, -3)]
    text = group.join(reversed(groups))
    if decimals:
        text += point + fraction.ljust(decimals, "0")
    return ("-" if exact.is_signed() else "") + text + ("%" if percent else "")


def long_date(day: dt.date, lang: Lang) -> str:
    """What Babel's format_date makes of the day in the "long" format: "30 november 2026"."""
    return f"{day.day} {MONTHS[lang].split()[day.month - 1]} {day.year}"
