"""FSRS's memory model fitted to one learner: all its parameters, from the learner's answers.

The fitting itself is FSRS's own optimiser in Rust (the `fsrs-rs-python` binding, the one Anki
runs), imported only when a fit is made. What is ours: turning the review log into the training
items the optimiser reads, deciding when there is enough to fit, and the stored record of a fit
with its log-loss under FSRS's default parameters and under the fitted ones.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any

from studyapp.scheduler import CardState, Parameters, Rating, review

MODEL_FORMAT = 1
# Answers a day or more after the one before, across all questions, before a fit is made: fewer
# leave the optimiser little to move the 21 parameters by, so the defaults (calibrated by
# calibrate.py) serve better until then.
MIN_SPACED_ANSWERS = 400


@dataclass(frozen=True, slots=True)
class MemoryModel:
    """One fit: the parameters, how much it was fitted on and how well each set predicts it."""

    parameters: tuple[float, ...]
    answers: int  # spaced answers (training items) it was fitted on
    log_loss_default: float  # FSRS's default parameters on those answers
    log_loss_fitted: float  # the fitted parameters on the same answers
    fitted_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "parameters": list(self.parameters),
            "answers": self.answers,
            "log_loss_default": self.log_loss_default,
            "log_loss_fitted": self.log_loss_fitted,
            "fitted_at": self.fitted_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MemoryModel:
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"memory model format {data.get('format')!r} is not {MODEL_FORMAT}")
        parameters = tuple(float(p) for p in data["parameters"])
        if len(parameters) != 21:
            raise ValueError(f"a memory model has 21 parameters, not {len(parameters)}")
        return cls(
            parameters=parameters,
            answers=int(data["answers"]),
            log_loss_default=float(data["log_loss_default"]),
            log_loss_fitted=float(data["log_loss_fitted"]),
            fitted_at=datetime.fromisoformat(data["fitted_at"]),
        )


@dataclass(frozen=True, slots=True)
class History:
    """One question's answers, oldest first, as (whole days since the answer before, rating)."""

    steps: tuple[tuple[int, int], ...]


def histories(answers: Iterable[tuple[Hashable, datetime, int, CardState]]) -> list[History]:
    """Each question's answers from (question, at, rating, state after), oldest first.

    A question whose first answer here is not its first answer ever (the log read was cut, or
    the question was reset) is left out: the optimiser takes the first answer of a history as
    the first time the learner met the question."""
    by_key: dict[Hashable, list[tuple[datetime, int, CardState]]] = {}
    for key, at, rating, after in answers:
        by_key.setdefault(key, []).append((at, rating, after))
    out: list[History] = []
    for seen in by_key.values():
        if seen[0][2].reps != 1:
            continue
        steps = [(0, seen[0][1])]
        steps += [(max(0, (b[0] - a[0]).days), b[1]) for a, b in pairwise(seen)]
        out.append(History(tuple(steps)))
    return out


def spaced_answers(found: Sequence[History]) -> int:
    """The answers that are training items: each given a day or more after the one before."""
    return sum(1 for h in found for days, _ in h.steps[1:] if days > 0)


def _items(found: Sequence[History]) -> list[Any]:
    """The optimiser's training items: for each spaced answer, the history up to it (its
    last review is what the model must predict). Same-day answers stay inside histories as
    the short-term steps they are, but are not predicted on their own."""
    import fsrs_rs_python as rs  # heavy, and needed only for a fit

    items = []
    for h in found:
        reviews = [rs.FSRSReview(rating, days) for days, rating in h.steps]
        for end in range(2, len(reviews) + 1):
            if h.steps[end - 1][0] > 0:
                items.append(rs.FSRSItem(reviews[:end]))
    return items


def fit(found: Sequence[History], now: datetime) -> MemoryModel | None:
    """The learner's parameters fitted by FSRS's optimiser; None with too few spaced answers."""
    count = spaced_answers(found)
    if count < MIN_SPACED_ANSWERS:
        return None
    # heavy, and needed only for a fit
    import fsrs_rs_python as rs

    items = _items(found)
    default = rs.FSRS(list(rs.DEFAULT_PARAMETERS))
    parameters = [float(p) for p in default.compute_parameters(items)]
    return MemoryModel(
        parameters=tuple(parameters),
        answers=count,
        log_loss_default=float(default.evaluate(items).log_loss),
        log_loss_fitted=float(rs.FSRS(parameters).evaluate(items).log_loss),
        fitted_at=now,
    )


def replay(
    answers: Iterable[tuple[Hashable, datetime, int, CardState]], parameters: Parameters
) -> dict[Hashable, CardState]:
    """Each question's state under `parameters`, from (question, at, rating, state after) in
    time order: its answers replayed from its first one. A question whose first answer here
    is not its first ever is left out (its start is not known), as are later answers on one
    whose replay failed. Pure; the store's own states stay under FSRS's defaults."""
    out: dict[Hashable, CardState] = {}
    skipped: set[Hashable] = set()
    for key, at, rating, after in answers:
        if key in skipped:
            continue
        before = out.get(key)
        if before is None and after.reps != 1:
            skipped.add(key)
            continue
        out[key] = review(before, Rating(int(rating)), at, parameters=parameters)
    return out
