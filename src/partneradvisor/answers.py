"""A company's answers, validated against the knowledge base's questions.

The same validation serves the answers file, inline options, batch rows and the wizard, so
they can never disagree. It is hand-written over the question definitions (not a schema
library) because batch runs it for every row.

It forgives what a person types: an id or a choice is matched regardless of case, `_`, `-`
and spaces; a question's labels (in every language) stand for its values and a benefit's name
for its id; a number written as text is a number ("5"); and a near miss is answered with
"did you mean ...?" (difflib). All of that is here, once: `Vocabulary` is also what `explain`,
`kb show` and `--goal` use to find an id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ._record import Record
from ._text import excerpt, whole_number
from .errors import AnswersError, PartnerAdvisorError, Said, said
from .kb.model import IMPORTANCE_MAX, IMPORTANCE_MIN, KnowledgeBase, Question

if TYPE_CHECKING:
    from .kb.model import Text

GOALS_KEY = "goals"
CLOSE_ENOUGH = 0.6  # difflib's similarity ratio from which a word is a near miss
MAX_TYPO = 200  # characters: a longer word is no near miss of an id or a label


class Answers(Record):
    """Validated answers: goals in the knowledge base's benefit order, every other question's
    value (its default where it was not given)."""

    goals: dict[str, int]
    values: dict[str, str | None]
    company: str | None = None  # the answer to the question with role `name`

    def to_document(self) -> dict[str, Any]:
        """The answers as an answers file holds them (what the wizard saves)."""
        document: dict[str, Any] = {}
        for key, value in self.values.items():
            if value is not None:
                document[key] = value
        document[GOALS_KEY] = dict(self.goals)
        return document


# --- words a user may type for an id ---------------------------------------------------------


def normalised(word: str) -> str:
    """A word as it is compared: case, `_`, `-` and runs of spaces do not count."""
    return " ".join(word.replace("_", " ").replace("-", " ").split()).casefold()


def did_you_mean(*suggestions: str | None) -> Said | str:
    """The end of a refusal that has suggestions: "; did you mean 'x'?", "; did you mean 'x'
    or 'y'?" (else nothing)."""
    names = [repr(s) for s in suggestions if s]
    if not names:
        return ""
    if len(names) == 1:
        return said("error_did_you_mean", suggestion=names[0])
    return said("error_did_you_mean_either", first=", ".join(names[:-1]), last=names[-1])


class Vocabulary:
    """The words that stand for one of a set of ids: each id and its labels (in every
    language), compared as `normalised` does. A word that two ids share stands for neither
    (unless it is one's own id): a guess could give the wrong answer."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        words: dict[str, str] = {}
        shared: set[str] = set()
        ids: list[str] = []
        for item_id, labels in entries:
            ids.append(item_id)
            for word in labels:
                key = normalised(word)
                if words.setdefault(key, item_id) != item_id:
                    shared.add(key)
        for key in shared:
            del words[key]
        for item_id in ids:  # an id always stands for itself
            words[normalised(item_id)] = item_id
        self.ids: tuple[str, ...] = tuple(ids)
        self.words = words

    def find(self, word: object) -> str | None:
        """The id that `word` stands for, else None."""
        if isinstance(word, bool) or not isinstance(word, (str, int)):
            return None
        return self.words.get(normalised(str(word)))

    def closest(self, word: object) -> str | None:
        """The id of the word most like `word`, if one is close enough (a likely typo)."""
        import difflib

        if isinstance(word, bool) or not isinstance(word, (str, int)):
            return None
        if len(str(word)) > MAX_TYPO:  # no typo of an id is that long: not worth comparing
            return None
        found = difflib.get_close_matches(normalised(str(word)), self.words, 1, CLOSE_ENOUGH)
        return self.words[found[0]] if found else None


def _text_words(text: Text | None) -> tuple[str, ...]:
    return (text.nl, text.en) if text is not None else ()


def _label_words(text: Text) -> tuple[str, ...]:
    """A choice's label in every language, and each label's head, the words before its
    explanation ("Medium" for "Medium (tens of thousands of euros a year)")."""
    heads = (label.partition(" (")[0].partition(":")[0] for label in (text.nl, text.en))
    return (text.nl, text.en, *heads)


def form_vocabulary(kb: KnowledgeBase) -> Vocabulary:
    """Form ids, and the forms' names in every language."""
    return Vocabulary((f.id, _text_words(f.name)) for f in kb.forms)


def benefit_vocabulary(kb: KnowledgeBase) -> Vocabulary:
    """Benefit ids, and the benefits' names in every language."""
    return Vocabulary((b.id, _text_words(b.name)) for b in kb.benefits)


def item_vocabulary(kb: KnowledgeBase) -> Vocabulary:
    """Form and benefit ids (what `kb show` shows), and their names in every language."""
    return Vocabulary(
        [(f.id, _text_words(f.name)) for f in kb.forms]
        + [(b.id, _text_words(b.name)) for b in kb.benefits]
    )


def find_id(vocabulary: Vocabulary, word: str, what: str) -> str:
    """The id `word` stands for, else a one-sentence refusal: a suggestion for a near miss,
    the list of ids when nothing is near (`what`: "form" or "form_or_benefit")."""
    return _lookup(
        vocabulary,
        word,
        f"error_unknown_{what}",
        "error_known",
        vocabulary.ids,
        PartnerAdvisorError,
    )


def _lookup(
    vocabulary: Vocabulary,
    word: Any,
    refusal: str,
    known_as: str,
    known: Iterable[str],
    error: type[PartnerAdvisorError] = AnswersError,
) -> str:
    """What `word` stands for, else one sentence: a suggestion for a near miss, the list of
    what is known when nothing is near."""
    found = vocabulary.find(word)
    if found is not None:
        return found
    suggestion = vocabulary.closest(word)
    ending = did_you_mean(suggestion) if suggestion else said(known_as, known=", ".join(known))
    raise error(said("error_refused", head=said(refusal, word=excerpt(word)), ending=ending))


# --- the answers -----------------------------------------------------------------------------


def _known(items: Iterable[str]) -> str:
    return ", ".join(items)


class Flaw(Record):
    """An answer in a document that does not fit its question: what was given and, for a
    near miss, what was probably meant (an id or value)."""

    key: str  # the question's id, or the key as given when no question has it
    given: Any
    message: str  # one sentence, as validation would refuse it
    suggestion: str | None = None


class Triage:
    """A document sorted as the wizard needs it: the answers that fit their questions (as
    values and ids), and a flaw for each that does not. When the goals do not fit, the
    answers hold those that do, and `proposed` the others the file probably means (a goal
    named rightly, or the goal nearest a near miss), with their importance if it fits."""

    def __init__(self) -> None:
        self.answers: dict[str, Any] = {}
        self.flaws: dict[str, Flaw] = {}
        self.proposed: dict[str, int | None] = {}


class AnswersSchema:
    """Validates answers documents for one knowledge base (built once, used per row)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.benefit_order = {b: i for i, b in enumerate(kb.benefit_ids)}
        self.questions: dict[str, Question] = {q.id: q for q in kb.questions if q.kind != "goals"}
        self.choice_values = {q.id: frozenset(q.values) for q in kb.questions if q.kind == "choice"}
        self.defaults = {q.id: q.default for q in self.questions.values()}
        self.keys = (GOALS_KEY, *self.questions)
        self.known_keys = frozenset(self.keys)
        name = kb.role("name")
        self.name_key = name.id if name else None
        goals = next((q for q in kb.questions if q.kind == "goals"), None)
        self.scale = goals.importance if goals is not None else None

    # the vocabularies are built when a word is not an id or value as written: never on the
    # common path, which batch runs for every row

    @cached_property
    def key_words(self) -> Vocabulary:
        return Vocabulary((key, ()) for key in self.keys)

    @cached_property
    def goal_words(self) -> Vocabulary:
        return benefit_vocabulary(self.kb)

    @cached_property
    def choice_words(self) -> dict[str, Vocabulary]:
        return {
            q.id: Vocabulary((c.value, _label_words(c.label)) for c in q.choices)
            for q in self.questions.values()
            if q.kind == "choice"
        }

    @cached_property
    def importance_words(self) -> Vocabulary:
        levels = self.scale.scale if self.scale is not None else {}
        return Vocabulary(
            (str(n), _text_words(levels.get(n))) for n in range(IMPORTANCE_MIN, IMPORTANCE_MAX + 1)
        )

    # --- whole documents ---------------------------------------------------------------------

    def parse(self, data: Any) -> Answers:
        # `type(...) is dict` first: a plain dict (every batch row) skips the ABC check
        if type(data) is not dict and not isinstance(data, Mapping):
            raise AnswersError(said("error_not_a_mapping"))
        if not self.known_keys.issuperset(data):
            data = {self.key(key): value for key, value in self._distinct_keys(data)}
        goals = self.parse_goals(data.get(GOALS_KEY))
        values = self.defaults.copy()
        choices = self.choice_values
        for key, value in data.items():
            if key == GOALS_KEY or value is None:
                continue
            allowed = choices.get(key)
            if type(value) is str and (allowed is None or value in allowed):
                values[key] = value  # the common case, checked inline: batch runs this per row
            else:
                values[key] = self.value(key, value)
        return Answers(goals, values, values.get(self.name_key) if self.name_key else None)

    def _distinct_keys(self, data: Mapping[Any, Any]) -> Iterable[tuple[Any, Any]]:
        """The document's items, once it is clear that no two keys answer one question."""
        seen: dict[str, Any] = {}
        for key in data:
            known = self.key_words.find(key)
            if known is not None and known in seen:
                raise AnswersError(
                    said(
                        "error_answered_twice",
                        first=excerpt(seen[known]),
                        second=excerpt(key),
                        question=repr(known),
                    )
                )
            if known is not None:
                seen[known] = key
        return data.items()

    def parse_goals(self, raw: Any) -> dict[str, int]:
        if raw is None:
            raise AnswersError(said("error_no_goals", low=IMPORTANCE_MIN, high=IMPORTANCE_MAX))
        if type(raw) is not dict and not isinstance(raw, Mapping):
            raise AnswersError(said("error_goals_not_a_mapping"))
        if not raw:
            raise AnswersError(said("error_goals_empty"))
        order = self.benefit_order
        for benefit_id, importance in raw.items():
            if (
                benefit_id not in order
                or type(importance) is not int
                or not IMPORTANCE_MIN <= importance <= IMPORTANCE_MAX
            ):
                return self._goals_as_typed(raw)
        return {b: raw[b] for b in sorted(raw, key=order.__getitem__)}

    def _goals_as_typed(self, raw: Mapping[Any, Any]) -> dict[str, int]:
        goals: dict[str, int] = {}
        given: dict[str, Any] = {}
        for word, importance in raw.items():
            benefit_id = self.goal(word)
            if benefit_id in goals:
                raise AnswersError(
                    said(
                        "error_goal_twice",
                        first=excerpt(given[benefit_id]),
                        second=excerpt(word),
                        goal=repr(benefit_id),
                    )
                )
            given[benefit_id] = word
            goals[benefit_id] = self.importance(benefit_id, importance)
        order = self.benefit_order
        return {b: goals[b] for b in sorted(goals, key=order.__getitem__)}

    # --- one answer --------------------------------------------------------------------------

    def key(self, word: Any) -> str:
        """The question id a document's key stands for."""
        return _lookup(self.key_words, word, "error_unknown_key", "error_known_keys", self.keys)

    def goal(self, word: Any) -> str:
        """The benefit id a goal's key stands for (its id or its name, in any language)."""
        return _lookup(
            self.goal_words, word, "error_unknown_goal", "error_known_goals", self.benefit_order
        )

    def importance(self, benefit_id: str, value: Any) -> int:
        """An importance: a whole number in range, as a number or as text ("5"), or the
        scale's label for it ("essential")."""
        if type(value) is float and value.is_integer():
            value = int(value)
        if type(value) is int and IMPORTANCE_MIN <= value <= IMPORTANCE_MAX:
            return value
        words = self.importance_words
        suggestion = None
        if isinstance(value, str):
            text = value.strip()
            if text.isascii() and text.isdigit():  # int() would take '٣', '1_0' and ' -3'
                number = whole_number(text)  # None for thousands of digits, which int() refuses
                if number is not None and IMPORTANCE_MIN <= number <= IMPORTANCE_MAX:
                    return number
            elif not any(c.isdigit() for c in text):  # a label: "essential", "onmisbaar"
                found = words.find(text)
                if found is not None:
                    return int(found)
                suggestion = words.closest(text)
        refusal = said(
            "error_bad_importance",
            goal=excerpt(benefit_id),
            low=IMPORTANCE_MIN,
            high=IMPORTANCE_MAX,
            value=excerpt(value),
        )
        raise AnswersError(said("error_refused", head=refusal, ending=did_you_mean(suggestion)))

    def value(self, question_id: str, value: Any) -> str:
        """An answer to one question (not the goals): for a choice, its value, given as the
        value or as a label in any language."""
        question = self.questions[question_id]
        if question.kind == "choice":
            if isinstance(value, bool):  # YAML reads an unquoted yes/no as a boolean
                value = "yes" if value else "no"
            if isinstance(value, str) and value in self.choice_values[question.id]:
                return value
            words = self.choice_words[question.id]
            found = words.find(value)
            if found is not None:
                return found
            refusal = said(
                "error_bad_choice",
                question=repr(question.id),
                values=_known(question.values),
                value=excerpt(value),
            )
            ending = did_you_mean(words.closest(value))
            raise AnswersError(said("error_refused", head=refusal, ending=ending))
        if type(value) is int:  # a name such as 1860 is still a name
            return str(value)
        if not isinstance(value, str):
            raise AnswersError(
                said("error_not_text", question=repr(question.id), value=excerpt(value))
            )
        return value

    # --- what the wizard resumes -------------------------------------------------------------

    def triage(self, data: Mapping[Any, Any]) -> Triage:
        """Sort a document into the answers that fit and a flaw for each that does not,
        instead of refusing it whole: the wizard asks the flawed questions again."""
        result = Triage()
        for raw_key, value in data.items():
            try:
                key = self.key(raw_key)
            except AnswersError as exc:
                name = raw_key if isinstance(raw_key, str) else repr(raw_key)
                result.flaws[name] = Flaw(name, value, str(exc), self.key_words.closest(raw_key))
                continue
            if key in result.answers or key in result.flaws or value is None:
                continue  # a key given twice: the first one counts; nothing: no answer yet
            if key == GOALS_KEY:
                self._triage_goals(value, result)
            else:
                try:
                    result.answers[key] = self.value(key, value)
                except AnswersError as exc:
                    words = self.choice_words.get(key)
                    guess = words.closest(value) if words else None
                    result.flaws[key] = Flaw(key, value, str(exc), guess)
        return result

    def _triage_goals(self, raw: Any, result: Triage) -> None:
        try:
            self.parse_goals(raw)
        except AnswersError as exc:
            flaw = Flaw(GOALS_KEY, raw, str(exc))
        else:
            result.answers[GOALS_KEY] = self.parse_goals(raw)
            return
        good: dict[str, int] = {}
        if isinstance(raw, Mapping):
            for word, importance in raw.items():
                benefit_id = self.goal_words.find(word)
                guessed = benefit_id is None
                if benefit_id is None:
                    benefit_id = self.goal_words.closest(word)
                    flaw = Flaw(GOALS_KEY, word, flaw.message, benefit_id)
                    if benefit_id is None:
                        continue
                try:
                    rated: int | None = self.importance(benefit_id, importance)
                except AnswersError:
                    rated = None
                if rated is not None and not guessed:
                    good[benefit_id] = rated
                else:
                    result.proposed.setdefault(benefit_id, rated)
        if good:
            order = self.benefit_order
            result.answers[GOALS_KEY] = {b: good[b] for b in sorted(good, key=order.__getitem__)}
        result.flaws[GOALS_KEY] = flaw
