"""Driving the wizard by what it asks, not by counting arrow presses.

Two ways in, one vocabulary (modelled on copier's tests/helpers.py):

- in a pseudo-terminal, `Terminal` keeps a small screen of what the program drew, so a test
  waits for the next prompt, reads its question and its choices as the user sees them, and
  moves the pointer (questionary's `»`) until it rests on the wanted label;
- through a prompt_toolkit pipe, where keys are sent before anything is drawn, the key
  sequences are computed from the question's definition in the knowledge base
  (`keys_to_choose(question, "medium")`), never written as counts.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from prompt_toolkit.input.ansi_escape_sequences import REVERSE_ANSI_SEQUENCES
from prompt_toolkit.keys import Keys

from partneradvisor.kb.loader import KB_ENV, load_knowledge_base
from partneradvisor.kb.model import KnowledgeBase

DATA = Path(__file__).resolve().parent.parent / "data"


class Keyboard(str, Enum):
    """Named keys, as a terminal sends them."""

    Enter = "\r"
    Space = " "
    Tab = REVERSE_ANSI_SEQUENCES[Keys.Tab]
    Escape = REVERSE_ANSI_SEQUENCES[Keys.Escape]
    Up = REVERSE_ANSI_SEQUENCES[Keys.Up]
    Down = REVERSE_ANSI_SEQUENCES[Keys.Down]
    Right = REVERSE_ANSI_SEQUENCES[Keys.Right]
    Left = REVERSE_ANSI_SEQUENCES[Keys.Left]
    Home = REVERSE_ANSI_SEQUENCES[Keys.Home]
    End = REVERSE_ANSI_SEQUENCES[Keys.End]
    ControlC = REVERSE_ANSI_SEQUENCES[Keys.ControlC]
    ControlH = REVERSE_ANSI_SEQUENCES[Keys.ControlH]
    ControlU = REVERSE_ANSI_SEQUENCES[Keys.ControlU]  # empties a text prompt's line

    # the same keystrokes under the names people use for them
    Backspace = ControlH
    Esc = Escape
    Alt = Escape

    def __str__(self) -> str:  # str() of a str enum is its name from Python 3.11
        return str(self.value)


def keys(*parts: str | Keyboard) -> str:
    """Keystrokes and text as one string, e.g. keys("ACME", Keyboard.Enter)."""
    return "".join(str(part) for part in parts)


# --- the knowledge base and the command under test ------------------------------------------


@functools.cache
def packaged_kb() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per test process (property tests build their
    strategies from it at import, before any fixture) as a user's run loads it: from the
    validated copy shipped with the package, which test_packaging holds to its YAML files
    (validating the YAML under coverage costs each worker 0.6 s)."""
    saved = os.environ.pop(KB_ENV, None)  # a developer's own knowledge base is not the packaged
    try:
        return load_knowledge_base(use_cache=False)
    finally:
        if saved is not None:
            os.environ[KB_ENV] = saved


def command() -> str | None:
    """The `partneradvisor` installed with the interpreter that runs the tests, else the one
    on PATH: a pseudo-terminal test must exercise the same code as the in-process tests."""
    beside = Path(sys.executable).parent / "partneradvisor"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("partneradvisor")


def terminal_env(**extra: str) -> dict[str, str]:
    """The environment for a program in a pseudo-terminal.

    PROMPT_TOOLKIT_NO_CPR: without it prompt_toolkit asks the terminal where the cursor is
    and waits a second for an answer that pexpect never gives, at every prompt.
    """
    env = {
        **os.environ,
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
        "LANG": "en_GB.UTF-8",
        "NO_COLOR": "1",
    }
    env.update(extra)
    return env


# --- a screen: what a terminal would show ----------------------------------------------------

_TOKEN = re.compile(
    r"\x1b\[(?P<params>[0-?]*)[ -/]*(?P<final>[@-~])"  # CSI: cursor, erase, modes, colours
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, e.g. the window title
    r"|\x1b[ -/]*[0-Z\\^-~]"  # other escapes (ESC 7, ESC =, ESC ( B)
    r"|[\x00-\x1a\x1c-\x1f\x7f]"  # control characters
    r"|[^\x00-\x1f\x7f]+"  # text
)


class Screen:
    """Just enough of a VT100 to replay what prompt_toolkit and rich write.

    Besides the cells it keeps `text`, everything printed in order (to wait for output
    that may have scrolled away), and two counters read from the modes prompt_toolkit
    sets: `prompts`, how many prompts have started (each turns bracketed paste on), and
    `frames`, how many drawings were completed (each turns line wrapping off, then on).
    """

    def __init__(self, rows: int, cols: int) -> None:
        self.rows, self.cols = rows, cols
        self.cells = [[" "] * cols for _ in range(rows)]
        self.row = self.col = 0
        self.wrap = True
        self.in_prompt = False
        self.prompts = 0
        self.frames = 0
        self.frames_before_prompt = 0
        self.text = ""
        self._pending = ""

    # reading

    @property
    def lines(self) -> list[str]:
        return ["".join(cells).rstrip() for cells in self.cells]

    @property
    def drawn(self) -> bool:
        """No drawing is half done."""
        return self.wrap

    def __str__(self) -> str:
        lines = self.lines
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines)

    # writing

    def feed(self, data: str) -> None:
        data, self._pending = self._pending + data, ""
        pos = 0
        while pos < len(data):
            match = _TOKEN.match(data, pos)
            if match is None:  # an escape sequence cut in two: wait for the rest
                if len(data) - pos < 64:
                    self._pending = data[pos:]
                    return
                pos += 1
                continue
            token = match.group()
            pos = match.end()
            if match.group("final"):
                self._csi(match.group("params"), match.group("final"))
            elif token[0] == "\x1b":
                continue
            elif len(token) == 1 and (token < " " or token == "\x7f"):
                self._control(token)
            else:
                self._print(token)

    def _print(self, text: str) -> None:
        self.text += text
        for char in text:
            if self.col >= self.cols:
                if self.wrap:
                    self.col = 0
                    self._linefeed()
                else:
                    self.col = self.cols - 1
            self.cells[self.row][self.col] = char
            self.col += 1

    def _control(self, char: str) -> None:
        if char == "\r":
            self.col = 0
        elif char in "\n\x0b\x0c":
            self.text += "\n"
            self._linefeed()
        elif char == "\b":
            self.col = max(0, min(self.col, self.cols - 1) - 1)
        elif char == "\t":
            self.col = min(self.cols - 1, (self.col // 8 + 1) * 8)

    def _linefeed(self) -> None:
        if self.row == self.rows - 1:
            del self.cells[0]
            self.cells.append([" "] * self.cols)
        else:
            self.row += 1

    def _csi(self, params: str, final: str) -> None:
        if params.startswith("?"):
            if final in "hl":
                for mode in params[1:].split(";"):
                    self._mode(mode, final == "h")
            return
        if final not in "ABCDEFGHfJK":
            return  # colours and the like
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        n = max(1, numbers[0]) if numbers else 1
        self.col = min(self.col, self.cols - 1)
        if final == "A":
            self.row = max(0, self.row - n)
        elif final == "B":
            self.row = min(self.rows - 1, self.row + n)
        elif final == "C":
            self.col = min(self.cols - 1, self.col + n)
        elif final == "D":
            self.col = max(0, self.col - n)
        elif final == "E":
            self.row, self.col = min(self.rows - 1, self.row + n), 0
        elif final == "F":
            self.row, self.col = max(0, self.row - n), 0
        elif final == "G":
            self.col = min(self.cols - 1, n - 1)
        elif final in "Hf":
            row = numbers[0] if numbers else 1
            col = numbers[1] if len(numbers) > 1 else 1
            self.row = min(self.rows - 1, max(1, row) - 1)
            self.col = min(self.cols - 1, max(1, col) - 1)
        elif final == "J":
            how = numbers[0] if numbers else 0
            rows = {
                0: range(self.row + 1, self.rows),
                1: range(self.row),
            }.get(how, range(self.rows))
            for row in rows:
                self.cells[row] = [" "] * self.cols
            if how in (0, 1):
                self._erase_in_line(how)
        elif final == "K":
            self._erase_in_line(numbers[0] if numbers else 0)

    def _erase_in_line(self, how: int) -> None:
        line = self.cells[self.row]
        span = {0: range(self.col, self.cols), 1: range(self.col + 1)}.get(how, range(self.cols))
        for col in span:
            line[col] = " "

    def _mode(self, mode: str, on: bool) -> None:
        if mode == "7":  # line wrapping: prompt_toolkit turns it off while it draws
            if on and not self.wrap:
                self.frames += 1
            self.wrap = on
        elif mode == "2004":  # bracketed paste: on while a prompt reads keys
            if on and not self.in_prompt:
                self.prompts += 1
                self.frames_before_prompt = self.frames
            self.in_prompt = on


# --- a prompt as the user sees it ------------------------------------------------------------

POINTER = "»"  # questionary's mark on the current choice
_PROGRESS = re.compile(r"^(\d+)/(\d+) ")
_INDICATORS = "●○"  # a checkbox's chosen / not chosen


def _item(line: str) -> str:
    """A choice's label as shown, without the pointer and the checkbox indicator."""
    text = line.strip()
    if text.startswith(POINTER):
        text = text[1:].strip()
    if text[:1] in _INDICATORS and text[1:2] == " ":
        text = text[2:]
    return text.strip()


def shows(item: str, label: str) -> bool:
    """Whether a choice shown as `item` is the one labelled `label`: the whole label, or
    its first words (an importance `5` is shown as `5 – essential`)."""
    return item == label or item.startswith(label + " ")


@dataclass(frozen=True)
class Prompt:
    question: str  # the prompt's line, without questionary's `?`
    lines: tuple[str, ...]  # the lines under it, as drawn
    row: int  # the question's row on the screen

    @property
    def progress(self) -> tuple[int, int] | None:
        """Where the question is in the interview ("3/10" before its text), if it says."""
        found = _PROGRESS.match(self.question)
        return (int(found[1]), int(found[2])) if found else None

    @property
    def text(self) -> str:
        """The question without its progress."""
        return _PROGRESS.sub("", self.question, count=1)

    @property
    def items(self) -> list[str]:
        return [_item(line) for line in self.lines]

    @property
    def pointer(self) -> int | None:
        """The index of the line the pointer rests on; None for a text prompt."""
        for index, line in enumerate(self.lines):
            if line.lstrip().startswith(POINTER):
                return index
        return None

    @property
    def current(self) -> str | None:
        index = self.pointer
        return None if index is None else self.items[index]

    def offers(self, label: str) -> bool:
        return any(shows(item, label) for item in self.items)


Answer = str | Sequence[str]


class Terminal:
    """A program in a pseudo-terminal (a pexpect child) and the screen it draws."""

    def __init__(self, child: Any, timeout: float = 20) -> None:
        rows, cols = child.getwinsize()
        child.delaybeforesend = None  # the screen tells when the program is ready for keys
        self.child = child
        self.screen = Screen(rows, cols)
        self.timeout = timeout
        self._mark = 0  # `expect` looks at what was printed after this
        self._prompts_seen = 0
        self._eof = False

    # reading

    def _pump(self, done: Callable[[], bool], what: str, timeout: float | None = None) -> None:
        import pexpect

        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while not done():
            if self._eof:
                raise AssertionError(f"the program ended while we waited for {what}\n{self}")
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {what}\n{self}")
            try:
                data = self.child.read_nonblocking(65536, timeout=min(left, 0.2))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                self._eof = True
                continue
            self.screen.feed(data)

    def __str__(self) -> str:
        return f"--- the screen ---\n{self.screen}\n------------------"

    def expect(self, text: str, timeout: float | None = None) -> None:
        """Wait until the program prints `text` (after the last keys sent and the last match)."""

        def printed() -> bool:
            found = self.screen.text.find(text, self._mark)
            if found >= 0:
                self._mark = found + len(text)
            return found >= 0

        self._pump(printed, repr(text), timeout)

    def expect_eof(self, timeout: float | None = None) -> int:
        """Wait for the program to end; its exit status."""
        self._pump(lambda: self._eof, "the program to end", timeout)
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)

    def prompt(self) -> Prompt | None:
        """The prompt on the screen now (the lowest line that starts with questionary's `?`)."""
        lines = self.screen.lines
        for row in range(len(lines) - 1, -1, -1):
            if lines[row].startswith("?"):
                under: list[str] = []
                for line in lines[row + 1 :]:
                    if not line.strip():
                        break
                    under.append(line)
                return Prompt(lines[row][1:].strip(), tuple(under), row)
        return None

    def next_prompt(self, timeout: float | None = None) -> Prompt:
        """Wait for the next prompt to be drawn whole; return it."""
        wanted = self._prompts_seen + 1

        def ready() -> bool:
            screen = self.screen
            return (
                screen.prompts >= wanted
                and screen.in_prompt
                and screen.drawn
                and screen.frames > screen.frames_before_prompt
                and self.prompt() is not None
            )

        self._pump(ready, "the next prompt", timeout)
        self._prompts_seen = self.screen.prompts
        prompt = self.prompt()
        assert prompt is not None
        return prompt

    # writing

    def send(self, *parts: str | Keyboard) -> None:
        self._mark = len(self.screen.text)
        self.child.send(keys(*parts))

    def _redrawn(self, before: Prompt, what: str) -> Prompt:
        def changed() -> bool:
            now = self.prompt()
            return self.screen.drawn and now is not None and now.lines != before.lines

        self._pump(changed, what)
        prompt = self.prompt()
        assert prompt is not None
        return prompt

    def point_at(self, label: str) -> Prompt:
        """Move the pointer down until it rests on the choice labelled `label`."""
        prompt = self.prompt()
        assert prompt is not None and prompt.pointer is not None, f"no choices shown\n{self}"
        assert prompt.offers(label), f"{prompt.question!r} offers no {label!r}: {prompt.items}"
        for _ in range(len(prompt.lines)):
            if shows(prompt.current or "", label):
                return prompt
            self.send(Keyboard.Down)
            prompt = self._redrawn(prompt, f"the pointer to move towards {label!r}")
        raise AssertionError(f"the pointer never reached {label!r}\n{self}")

    def choose(self, label: str) -> None:
        """Pick the choice labelled `label` in the select prompt on the screen."""
        self.point_at(label)
        self.send(Keyboard.Enter)

    def check(self, labels: Iterable[str]) -> None:
        """Tick the choices labelled `labels` in the checkbox on the screen, and confirm."""
        for label in labels:
            prompt = self.point_at(label)
            self.send(Keyboard.Space)
            self._redrawn(prompt, f"{label!r} to be ticked")
        self.send(Keyboard.Enter)

    def type(self, text: str) -> None:
        """Replace what a text prompt proposes with `text`, and confirm."""
        self.send(Keyboard.ControlU, text, Keyboard.Enter)

    def answer(self, prompt: Prompt, answer: Answer) -> None:
        """A label for a select, labels for a checkbox, text for a text prompt."""
        if not isinstance(answer, str):
            self.check(answer)
        elif prompt.pointer is not None:
            self.choose(answer)
        else:
            self.type(answer)


def expect_prompt(terminal: Terminal, text: str, timeout: float | None = None) -> Prompt:
    """Wait for the next prompt; it must ask `text`."""
    prompt = terminal.next_prompt(timeout)
    assert text in prompt.question, f"expected a prompt for {text!r}, got {prompt.question!r}"
    return prompt


def answer_interview(
    terminal: Terminal, answers: Mapping[str, Answer], until: str, limit: int = 60
) -> list[tuple[str, str | None]]:
    """Answer every prompt by what it asks until one offers the choice `until`.

    `answers` maps a part of a question's text to its answer; a question none of them
    names is answered with its default (Enter). Returns each question asked (its text,
    without its progress) with the key of `answers` that answered it (None: the default).
    The prompt offering `until` is left on the screen for the caller. More than `limit`
    prompts means the interview goes round in circles (e.g. a default that is no answer).
    """
    asked: list[tuple[str, str | None]] = []
    while True:
        assert len(asked) < limit, f"{limit} prompts and no {until!r}: {asked}"
        prompt = terminal.next_prompt()
        if prompt.offers(until):
            return asked
        key = next((k for k in answers if k in prompt.question), None)
        asked.append((prompt.text, key))
        if key is None:
            terminal.send(Keyboard.Enter)
        else:
            terminal.answer(prompt, answers[key])


# --- keys for a prompt_toolkit pipe, computed from the knowledge base ------------------------

WHY = "__why__"  # the "why do we ask?" option the wizard adds after a question's choices
BACK = "__back__"  # the "back" option after it (every question but the first has one)


def keys_to_move(values: Sequence[Any], start: Any, target: Any) -> str:
    """The arrow presses that move a pointer from `start` to `target` among `values`."""
    offset = list(values).index(target) - list(values).index(start)
    return Keyboard.Down * offset if offset >= 0 else Keyboard.Up * -offset


def _choice_value(question: Any, wanted: str) -> str:
    if wanted in (WHY, BACK):
        return wanted
    for choice in question.choices:
        if wanted == choice.value or wanted in (choice.label.nl, choice.label.en):
            return str(choice.value)
    raise AssertionError(f"question {question.id!r} has no choice {wanted!r}")


def keys_to_choose(question: Any, wanted: str, current: str | None = None) -> str:
    """The keys that pick `wanted` (a choice's value or label, WHY or BACK) in a choice
    question.

    The wizard puts the pointer on the current answer, else on the question's default,
    else on the first choice; `current` is that answer if there is one.
    """
    values = [*question.values, WHY, BACK]
    start = current if current in values else question.default
    start = start if start in values else values[0]
    return keys_to_move(values, start, _choice_value(question, wanted)) + Keyboard.Enter


def goal_order(kb: Any) -> list[str]:
    """The benefits in the order the goals question lists them: by group."""
    return [b.id for group in kb.groups for b in kb.benefits if b.group == group.id]


def picker_items(kb: Any) -> list[str]:
    """What the pointer visits in the goal picker: the goals by group, then WHY and BACK."""
    return [*goal_order(kb), WHY, BACK]


def keys_to_pick_goals(
    kb: Any, goals: Mapping[str, int], chosen: Mapping[str, int] | None = None
) -> str:
    """The keys that tick `goals` in the goals question, then give each its importance.

    The pointer starts on the first benefit and skips the group headings; the importance
    questions follow in the order the goals are listed, each starting from the goal's
    earlier importance (`chosen`) or the scale's default.
    """
    question = next(q for q in kb.questions if q.kind == "goals")
    scale = question.importance
    order = goal_order(kb)
    chosen = dict(chosen or {})
    ticks, at = "", order[0]
    for benefit in order:
        if (benefit in goals) != (benefit in chosen):
            ticks += keys_to_move(order, at, benefit) + Keyboard.Space
            at = benefit
    levels = sorted(scale.scale)
    importances = "".join(
        keys_to_move(levels, chosen.get(b) or scale.default, goals[b]) + Keyboard.Enter
        for b in order
        if b in goals
    )
    return ticks + Keyboard.Enter + importances


def keys_to_review(interview: Any, question_id: str | None = None) -> str:
    """The keys that pick, in the review, "change <question>" (None: "show the advice").

    The review lists "show the advice" first, then every question that applies, in the
    knowledge base's order.
    """
    applying = [q.id for q in interview.kb.questions if interview.applies(q)]
    return keys_to_move([None, *applying], None, question_id) + Keyboard.Enter
