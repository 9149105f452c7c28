"""The package's own errors. The CLI turns each into one sentence and an exit code."""

# no `from __future__ import annotations`: NamedTuple would compile each annotation string

from typing import NamedTuple

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_BUG = 70  # EX_SOFTWARE: only for a true bug, never for anything a user gave
MAX_MESSAGE = 500  # a knowledge-base problem's message, shown in full up to this


class Said(NamedTuple):
    """A sentence of the phrasebook (render/phrases.py) and its values, put into words in a
    language only where it is shown: an error is raised before anyone knows who reads it."""

    phrase: str
    values: dict[str, object]

    def words(self, lang: str) -> str:
        from .render.phrases import ui  # only when a sentence is shown

        values = {k: _shown(v, lang) for k, v in self.values.items()}
        return ui(self.phrase, lang, **values)  # type: ignore[arg-type]


def _shown(value: object, lang: str) -> object:
    """A value as a sentence shows it: put in words, and on the sentence's one line (a path
    or a name may hold a line break)."""
    if isinstance(value, (Said, Count)):
        return value.words(lang)
    if hasattr(value, "__fspath__"):  # a path (pathlib is not imported for this)
        value = str(value)
    if isinstance(value, str):
        from ._text import one_line

        return one_line(value)
    return value


class Count(NamedTuple):
    """A number in a sentence, written as the reader's language writes it (100.000, 100,000)."""

    value: int

    def words(self, lang: str) -> str:
        from .render.phrases import number

        return number(self.value, lang)  # type: ignore[arg-type]


def said(phrase: str, /, **values: object) -> Said:
    return Said(phrase, values)


def in_words(text: "str | Said", lang: str) -> str:
    """A sentence in a language: a phrase put into words, a plain text as it is."""
    return text.words(lang) if isinstance(text, Said) else text


class PartnerAdvisorError(Exception):
    """Base of every error a user can cause; its message is meant for the user: a sentence of
    the phrasebook (Said), which words() puts in the reader's language, or plain text.
    str() is the English sentence."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: "str | Said" = "") -> None:
        # args hold the English sentence, as for any exception; `message` the phrase
        super().__init__(in_words(message, "en"))
        self.message = message

    def __reduce__(self) -> tuple[type["PartnerAdvisorError"], tuple[object, ...]]:
        return type(self), (self.message,)  # the phrase, not its English, to another process

    def __str__(self) -> str:
        return self.words("en")

    def words(self, lang: str) -> str:
        return in_words(self.message, lang)


class Problem(NamedTuple):
    """One problem in a knowledge-base file, located as precisely as the YAML allows.

    A NamedTuple, not a dataclass: this module is imported on every run and should cost nothing.
    """

    file: str
    message: "str | Said"  # for whoever edits the YAML: English, but for a missing directory
    field: str = ""
    line: int | None = None

    def __str__(self) -> str:
        return self.words("en")

    def words(self, lang: str) -> str:
        from ._text import one_line

        where = one_line(self.file if self.line is None else f"{self.file}:{self.line}")
        message = in_words(self.message, lang)
        if len(message) > MAX_MESSAGE:  # e.g. a value quoted in full from a hostile file
            message = message[:MAX_MESSAGE] + "..."
        return f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"


class KnowledgeBaseError(PartnerAdvisorError):
    """The knowledge base could not be read or is not valid; holds every problem found."""

    def __init__(self, directory: str, problems: list[Problem]) -> None:
        self.directory = directory
        self.problems = problems
        super().__init__(self.words("en"))

    def words(self, lang: str) -> str:
        count = len(self.problems)
        phrase = "error_kb_problem" if count == 1 else "error_kb_problems"
        head = said(phrase, directory=self.directory, count=count).words(lang)
        return "\n".join([head, *(f"  {p.words(lang)}" for p in self.problems)])

    def __reduce__(self) -> tuple[type["PartnerAdvisorError"], tuple[object, ...]]:
        return KnowledgeBaseError, (self.directory, self.problems)


class AnswersError(PartnerAdvisorError):
    """An answers document (file, inline option, batch row) is not valid."""


class InputFileError(PartnerAdvisorError):
    """A file the user named cannot be read or parsed."""


class OutputError(PartnerAdvisorError):
    """A result cannot be written where the user asked."""


class NoTerminalError(PartnerAdvisorError):
    """An interactive command was started without a terminal."""


class Interrupted(PartnerAdvisorError):
    """The run was interrupted (Ctrl-C, SIGTERM); the message says what was kept."""

    exit_code = EXIT_INTERRUPTED


class OutputClosed(PartnerAdvisorError):
    """The reader of standard output went away (`| head`): not a failure, nothing to say."""

    exit_code = EXIT_OK
