"""The advice: what the engine returns and every front end presents.

Named tuples (immutable, and cheap to define on every start), importable without the
engine. The model, in a manager's words:

- **fit** (`score`, 0-100 %): how much of what the company asked for a form delivers, the
  importance-weighted average of its strengths for the chosen goals; it depends only on how
  the goals compare. `contributions` add up to it exactly.
- **tier**: whether the company's means reach the form: `fits`, `stretch` (one step more than
  it has, counting each level of money or staff time short and each rule that stretches it)
  or out of reach (then the form is under `excluded`). Forms that fit come first.
"""

# no `from __future__ import annotations`: NamedTuple compiles each annotation given as a
# string (some 2 ms for these classes at every start); names only a type checker knows are quoted

from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from .answers import Answers
    from .kb.model import Text

Tier = Literal["fits", "stretch", "out_of_reach"]
FITS: Tier = "fits"
STRETCH: Tier = "stretch"
OUT_OF_REACH: Tier = "out_of_reach"
TIERS: tuple[Tier, Tier, Tier] = (FITS, STRETCH, OUT_OF_REACH)  # best first


class Contribution(NamedTuple):
    """One goal's share of a form's fit: importance x strength, as points of the 100."""

    benefit: str
    importance: int
    strength: int
    points: float


class StrengthChange(NamedTuple):
    """A rule that makes a form deliver a benefit less in the company's situation."""

    rule: str
    benefit: str
    old: int
    new: int
    reason: "Text"


class Obstacle(NamedTuple):
    """Why a form is a stretch or out of reach: a rule (with its reason), or a gap between
    what the form needs and what the company has (`means`: money or staff_time)."""

    rule: str  # the rule's id, or `needs.<means>` for a gap in means
    reason: "Text | None" = None
    means: str | None = None
    need: str | None = None  # the level the form needs
    have: str | None = None  # the level the company has
    in_kind: bool = False  # the money may be given in kind instead


class Ranked(NamedTuple):
    rank: int
    form: str
    score: float
    tier: Tier = FITS
    tied_with: tuple[str, ...] = ()  # forms in the same tier with exactly the same fit
    contributions: tuple[Contribution, ...] = ()
    changes: tuple[StrengthChange, ...] = ()
    obstacles: tuple[Obstacle, ...] = ()  # for a stretch: what it would take


class Excluded(NamedTuple):
    form: str
    score: float  # the fit it would have, were it within reach
    obstacles: tuple[Obstacle, ...]
    changes: tuple[StrengthChange, ...] = ()

    @property
    def rule(self) -> str:
        return self.obstacles[0].rule


class NotServing(NamedTuple):
    form: str
    tier: Tier = FITS  # judged as for any form, though it is never advice
    obstacles: tuple[Obstacle, ...] = ()
    changes: tuple[StrengthChange, ...] = ()  # e.g. a rule that lowered its only link to 0


class GoalChange(NamedTuple):
    """The smallest change of one goal's importance that gives another first place."""

    goal: str
    old: int
    new: int
    new_winner: str


class Robustness(NamedTuple):
    winner: str
    runner_up: str | None
    margin: float | None  # in fit points; 0 for a tie
    tied_with: tuple[str, ...]  # forms exactly as suitable as the winner
    change: GoalChange | None  # None: no change of one importance changes the first place
    single_goal: bool  # one goal: its importance cannot change the order


class GoalCover(NamedTuple):
    benefit: str
    form: str | None  # the member delivering this goal best (None: no member delivers it)
    strength: int


class ConflictWarning(NamedTuple):
    forms: tuple[str, str]
    reason: "Text"


class CombinationAdvice(NamedTuple):
    forms: tuple[str, ...]  # the first place, then each added form in the order it was added
    coverage: float  # share of the goals (weighted by importance) the members cover, 0..100
    best_single: float  # the first place's fit alone
    covers: tuple[GoalCover, ...]
    warnings: tuple[ConflictWarning, ...] = ()
    limit: "Text | None" = None  # why the combination holds fewer forms than it could


class Alternative(NamedTuple):
    """When nothing within the company's means suits it: the best form beyond them."""

    form: str
    score: float
    tier: Tier
    obstacles: tuple[Obstacle, ...]


class Advice(NamedTuple):
    answers: "Answers"
    recommendations: tuple[Ranked, ...]
    excluded: tuple[Excluded, ...]
    not_serving: tuple[NotServing, ...] = ()  # forms within reach delivering none of the goals
    nothing_fits: bool = False  # no form that fits the means reaches the fit floor
    fit_floor: float = 0.0
    alternative: Alternative | None = None  # with nothing_fits: what would change it
    robustness: Robustness | None = None
    combination: CombinationAdvice | None = None
    explained: bool = False  # contributions, robustness and combination were worked out

    @property
    def status(self) -> str:
        return "nothing_fits" if self.nothing_fits else "advice"
