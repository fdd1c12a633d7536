"""Fitting FSRS's predictions to one learner's own record.

FSRS's default parameters describe an average learner. Someone who forgets faster is told
that a question will be remembered when it will not, which matters most for an exam date.
Until there are enough answers to fit every parameter, one number does most of the work: a
scale on every memory's stability, chosen to make the learner's past answers most likely
under FSRS's forgetting curve. Few answers pull the scale towards 1 (the default learner), so
a handful of lucky or unlucky answers cannot swing a plan.

Pure: it reads the answers and states given to it and returns numbers.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from studyapp.scheduler import Rating, forgetting_curve

# Answers that count as much as the default learner's prior: below this, the fitted scale is
# pulled towards 1 in proportion.
PRIOR_ANSWERS = 60
# Enough answers for a fit to be worth showing at all.
MIN_ANSWERS = 20
# The scales tried: 0.1 to 10, evenly in log space (fine enough, and never fails to converge).
_GRID = tuple(math.exp(math.log(0.1) + i * (math.log(100.0) / 160)) for i in range(161))
_EPS = 1e-6
# Answers given more than this many days after the one before are left out of the scale. One
# scale cannot fit FSRS's curve to a learner at both short and long intervals when their
# forgetting is steeper than FSRS's curve: the first long (stretched) intervals' failures
# dragged it down by a third in the scheduler simulation, and every prediction for the exam's
# last week (all within a few days) became too pessimistic, spending reviews on questions that
# were still known. The planner's long-interval predictions are guarded by its stretch limits
# instead (plan.py).
SCALE_MAX_DAYS = 12


@dataclass(frozen=True, slots=True)
class Sample:
    """One answer given after `days` whole days to a memory of `stability` days."""

    days: int
    stability: float
    recalled: bool


@dataclass(frozen=True, slots=True)
class Calibration:
    scale: float
    answers: int
    log_loss_default: float | None
    log_loss_fitted: float | None

    @property
    def fitted(self) -> bool:
        return self.answers >= MIN_ANSWERS


DEFAULT = Calibration(scale=1.0, answers=0, log_loss_default=None, log_loss_fitted=None)


class Spaced(Protocol):
    """What `samples` reads of the state an answer left: a CardState, or a Spacing."""

    @property
    def stability(self) -> float | None: ...
    @property
    def last_review(self) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class Spacing:
    """The two fields of a card state that the calibration reads, read without the rest
    (Store.recent_spacings): decoding 5,000 whole states was most of its time."""

    stability: float | None
    last_review: datetime | None


def samples(answers: Iterable[tuple[Hashable, datetime, int, Spaced]]) -> list[Sample]:
    """What the curve can explain in a log of (question, when, rating, state after) in time
    order: each answer paired with the state the previous answer to the same question left.

    Answers on the day of the previous one are left out: FSRS's curve is about days, and a
    same-day repeat measures short-term memory.
    """
    out: list[Sample] = []
    before: dict[Hashable, Spaced] = {}
    for key, at, rating, after in answers:
        prior = before.get(key)
        before[key] = after
        if prior is None or prior.last_review is None or not prior.stability:
            continue
        days = (at - prior.last_review).days
        if days >= 1:
            out.append(Sample(days, prior.stability, rating != Rating.Again))
    return out


def log_loss(data: Sequence[Sample], scale: float) -> float:
    total = 0.0
    for s in data:
        p = min(1 - _EPS, max(_EPS, forgetting_curve(s.stability * scale, s.days)))
        total -= math.log(p if s.recalled else 1 - p)
    return total / len(data)


def calibrate(data: Iterable[Sample]) -> Calibration:
    """The stability scale that best explains the learner's answers, shrunk towards 1."""
    points = [p for p in data if p.days <= SCALE_MAX_DAYS]
    if not points:
        return DEFAULT
    best = min(_GRID, key=lambda c: log_loss(points, c))
    weight = len(points) / (len(points) + PRIOR_ANSWERS)
    scale = math.exp(weight * math.log(best))
    return Calibration(
        scale=scale,
        answers=len(points),
        log_loss_default=log_loss(points, 1.0),
        log_loss_fitted=log_loss(points, scale),
    )
