"""Spaced-repetition scheduling: pure functions over the `fsrs` package.

A question's memory state is a frozen `CardState`; `review` turns a state and a rating into the
next state. Nothing here keeps anything between calls, so the store can rebuild every state from
its review log by replaying the ratings.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum
from functools import lru_cache
from typing import Any, Protocol

from fsrs import Card, Rating, Scheduler, State

from studyapp.model import Verdict

STATE_FORMAT = 1
DEFAULT_RETENTION = 0.9
# An answer given this fast (and right) counts as effortless recall.
DEFAULT_QUICK_SECONDS = 8.0

__all__ = [
    "DEFAULT_QUICK_SECONDS",
    "DEFAULT_RETENTION",
    "STATE_FORMAT",
    "CardState",
    "Curve",
    "Parameters",
    "Phase",
    "Rating",
    "curve_of",
    "forgetting_curve",
    "interval_for",
    "parse_rating",
    "rating_for",
    "recalled_in_review",
    "retrievability",
    "review",
]


class Phase(IntEnum):
    """Where a card is in FSRS's life cycle (the values are fsrs.State's)."""

    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


@dataclass(frozen=True, slots=True)
class CardState:
    phase: Phase
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "v": STATE_FORMAT,
            "phase": int(self.phase),
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps,
            "lapses": self.lapses,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CardState:
        version = data.get("v", STATE_FORMAT)
        if version != STATE_FORMAT:
            raise ValueError(f"card state format {version} is not supported")

        def number(key: str) -> float | None:
            value = data.get(key)
            return None if value is None else float(value)

        step = data.get("step")
        last = data.get("last_review")
        return cls(
            phase=Phase(int(data["phase"])),
            step=None if step is None else int(step),
            stability=number("stability"),
            difficulty=number("difficulty"),
            due=_utc(datetime.fromisoformat(str(data["due"]))),
            last_review=None if last is None else _utc(datetime.fromisoformat(str(last))),
            reps=int(data.get("reps", 0)),
            lapses=int(data.get("lapses", 0)),
        )


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    # fsrs insists on the timezone.utc object itself, not merely an offset of zero.
    return moment.astimezone(UTC)


# A parameter set for FSRS: its 21 weights, or None for FSRS's defaults (the average learner).
Parameters = tuple[float, ...] | None


@lru_cache(maxsize=16)
def _scheduler(desired_retention: float, parameters: Parameters = None) -> Scheduler:
    # No fuzzing: fsrs would draw it from the global random module, and the same answers must
    # always give the same schedule. Kept per retention and parameter set: building one
    # validates its parameters each time, and review_card never changes the scheduler.
    if parameters is None:
        return Scheduler(desired_retention=desired_retention, enable_fuzzing=False)
    return Scheduler(
        parameters=parameters, desired_retention=desired_retention, enable_fuzzing=False
    )


Curve = tuple[float, float]


def curve_of(parameters: Parameters = None) -> Curve:
    """FSRS's forgetting curve R = (1 + factor * t / S) ** decay for a parameter set: decay is
    its last parameter, and factor makes R = 0.9 when t = S."""
    decay = -float(_scheduler(DEFAULT_RETENTION, parameters).parameters[20])
    return decay, 0.9 ** (1 / decay) - 1


def forgetting_curve(stability: float, days: float, curve: Curve | None = None) -> float:
    """FSRS's predicted recall after `days` whole days for a memory of `stability` days
    (under the default parameters' curve unless another is given).

    The same curve as fsrs's `get_card_retrievability` (a test holds them equal); planning
    asks it tens of thousands of times, where building a card for each would dominate.
    """
    if stability <= 0:
        return 0.0
    decay, factor = curve or _CURVE
    return float((1 + factor * max(0.0, days) / stability) ** decay)


# More whole days than a date can be away: a memory that lasts past it lasts "for ever".
_FOREVER_DAYS = 3_000_000


def days_recalled(stability: float, retention: float) -> int:
    """The most whole days d with forgetting_curve(stability, d) >= retention (-1 if none).

    Solved from the curve's formula, then settled against forgetting_curve itself, so that it
    agrees with asking the curve day by day even where floating point rounds.
    """
    if forgetting_curve(stability, 0) < retention:
        return -1
    decay, factor = _CURVE
    try:
        guess = stability / factor * (retention ** (1 / decay) - 1)
    except (OverflowError, ZeroDivisionError):
        return _FOREVER_DAYS
    if not guess < _FOREVER_DAYS:  # also NaN
        return _FOREVER_DAYS
    days = max(0, int(guess))
    while days > 0 and forgetting_curve(stability, days) < retention:
        days -= 1
    while days < _FOREVER_DAYS and forgetting_curve(stability, days + 1) >= retention:
        days += 1
    return days


def interval_for(stability: float, retention: float, curve: Curve | None = None) -> int:
    """Whole days before recall falls below `retention` (at least one); rounded down where
    fsrs rounds, so a plan never lets a question dip under the retention it spaces at."""
    if stability <= 0:
        return 1
    decay, factor = curve or _CURVE
    days = stability / factor * (retention ** (1 / decay) - 1)
    return max(1, math.floor(days)) if math.isfinite(days) else 36500


def _card(state: CardState) -> Card:
    return Card(
        card_id=0,
        state=State(int(state.phase)),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )


def review(
    state: CardState | None,
    rating: Rating,
    now: datetime,
    desired_retention: float = DEFAULT_RETENTION,
    parameters: Parameters = None,
) -> CardState:
    """The state after answering at `now` with `rating`; `None` is a question never seen.

    `parameters` (a fitted set) stands in for FSRS's defaults. The store's own states, which
    every device replays alike, are kept under the defaults; a fitted set serves predictions.
    """
    now = _utc(now)
    card = Card(card_id=0, due=now) if state is None else _card(state)
    before = card.state
    card, _log = _scheduler(desired_retention, parameters).review_card(
        card, Rating(int(rating)), now
    )
    lapsed = before == State.Review and Rating(int(rating)) == Rating.Again
    return CardState(
        phase=Phase(int(card.state)),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=_utc(card.due),
        last_review=_utc(card.last_review) if card.last_review else now,
        reps=(state.reps if state else 0) + 1,
        lapses=(state.lapses if state else 0) + int(lapsed),
    )


def recalled_in_review(
    parameters: Parameters = None,
) -> Callable[[CardState, int], tuple[float, float] | None]:
    """fsrs's step for a Good answer that leaves a card in the review phase, as a function of
    the card and the whole days since its last answer: the new stability and difficulty, or
    None where this does not apply (a same-day answer, a learning step still to come, a new
    card), which `review` must answer.

    fsrs's own formulas, written out in fsrs's own order of operations so that the result is
    the same to the last bit (a test holds it equal to `review`): the exam planner asks this
    thousands of times, and a full review (a Card built, copied and converted back, dates
    rebuilt) cost it most of its time.
    """
    scheduler = _scheduler(DEFAULT_RETENTION, parameters)
    w = scheduler.parameters
    # The last step of each phase: from there a Good answer graduates to the review phase.
    last_step = {
        Phase.LEARNING: len(scheduler.learning_steps) - 1,
        Phase.RELEARNING: len(scheduler.relearning_steps) - 1,
    }
    decay, factor = curve_of(parameters)
    growth = math.e ** (w[8])
    easy = w[4] - (math.e ** (w[5] * (Rating.Easy - 1))) + 1
    # A Good answer moves difficulty by nothing before the mean reversion towards Easy's.
    delta = -(w[6] * (Rating.Good - 3))

    def step(state: CardState, elapsed_days: int) -> tuple[float, float] | None:
        stability, difficulty = state.stability, state.difficulty
        if elapsed_days < 1 or stability is None or difficulty is None:
            return None
        if state.phase != Phase.REVIEW and (state.step or 0) < last_step[state.phase]:
            return None
        recall = (1 + factor * elapsed_days / stability) ** decay
        grown = stability * (
            1
            + growth
            * (11 - difficulty)
            * (stability ** -w[9])
            * ((math.e ** ((1 - recall) * w[10])) - 1)
        )
        moved = difficulty + (10.0 - difficulty) * delta / 9.0
        reverted = w[7] * easy + (1 - w[7]) * moved
        return max(grown, _STABILITY_MIN), min(max(reverted, 1.0), 10.0)

    return step


# fsrs's own floor on stability (fsrs.scheduler.STABILITY_MIN).
_STABILITY_MIN = 0.001


def retrievability(
    state: CardState | None, now: datetime, desired_retention: float = DEFAULT_RETENTION
) -> float:
    """The predicted chance (0 to 1) of recalling the question at `now`."""
    if state is None:
        return 0.0
    value = _scheduler(desired_retention).get_card_retrievability(_card(state), _utc(now))
    return float(value)


_CURVE = curve_of()

_NAMES = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}


def parse_rating(value: object) -> Rating:
    """A rating from a Rating, its number 1-4 or its name (again, hard, good, easy)."""
    if isinstance(value, Rating):
        return value
    if isinstance(value, str) and value.strip().casefold() in _NAMES:
        return _NAMES[value.strip().casefold()]
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4:
        return Rating(value)
    raise ValueError(f"not a rating: {value!r} (use again, hard, good or easy)")


class Graded(Protocol):
    """What rating_for reads of a grade (answering.grading.Grade is one): its verdict. A
    protocol, so that the scheduler needs nothing of how answers are graded."""

    @property
    def verdict(self) -> Verdict: ...


def rating_for(
    grade: Graded | Verdict,
    seconds: float | None,
    quick_seconds: float = DEFAULT_QUICK_SECONDS,
    confidence: Rating | int | str | None = None,
) -> Rating:
    """How well the learner knew it, from the grade's verdict and the time taken.

    `grade` is a grade or its verdict. The learner's own `confidence` (a rating, its number or
    its name) replaces the guess from the clock, except that a wrong answer is always Again:
    feeling sure does not make it remembered.
    """
    verdict = grade if isinstance(grade, Verdict) else grade.verdict
    if verdict is Verdict.WRONG:
        return Rating.Again
    if confidence is not None:
        return parse_rating(confidence)
    if verdict is Verdict.PARTIAL:
        return Rating.Hard
    if seconds is not None and seconds <= quick_seconds:
        return Rating.Easy
    return Rating.Good
