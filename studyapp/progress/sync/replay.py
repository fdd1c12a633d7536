"""Replaying a card's answers in bulk: FSRS's step, on plain values, for the merge.

A merge replays every answer it brings in (100,000 from another device's file is the case it is
sized for). Going through `scheduler.review` costs a Card, a copy of it and a CardState per
answer, which is most of a large merge's time. `Replayer` computes the same step on plain
values instead: the same formulas in the same order as fsrs's `Scheduler.review_card`, with the
parameters, steps and bounds read from fsrs's own scheduler, so that the floating-point results
are the same to the last bit. tests/test_sync_replay.py holds the two equal over many random
histories; a device that records an answer (through `scheduler.review`) and a device that
merges it (through this) must compute the same state, or their schedules would drift apart.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TypeVar

from fsrs import Scheduler

from studyapp.scheduler import CardState, Phase

_LEARNING, _REVIEW, _RELEARNING = int(Phase.LEARNING), int(Phase.REVIEW), int(Phase.RELEARNING)
_AGAIN, _HARD, _GOOD, _EASY = 1, 2, 3, 4
# fsrs's bounds (fsrs.scheduler's STABILITY_MIN, MIN_DIFFICULTY and MAX_DIFFICULTY).
_STABILITY_MIN = 0.001
_DIFFICULTY_MIN, _DIFFICULTY_MAX = 1.0, 10.0

# A card between answers: phase, step, stability, difficulty, due, last review, reps, lapses.
Values = tuple[int, int | None, float | None, float | None, datetime, datetime | None, int, int]


def values_of(state: CardState) -> Values:
    return (
        int(state.phase),
        state.step,
        state.stability,
        state.difficulty,
        state.due,
        state.last_review,
        state.reps,
        state.lapses,
    )


def state_json(values: Values) -> str:
    """The text `json.dumps(CardState.to_dict(), sort_keys=True)` gives for the same state.

    Written out by hand: a merge writes one per answer, and dumps costs more than the step.
    Numbers print as json prints them (repr); the test holds the two texts equal.
    """
    phase, step, stability, difficulty, due, last, reps, lapses = values
    shown_last = f'"{last.isoformat()}"' if last else "null"
    return (
        f'{{"difficulty": {_number(difficulty)}, "due": "{due.isoformat()}", '
        f'"lapses": {lapses}, "last_review": {shown_last}, "phase": {phase}, "reps": {reps}, '
        f'"stability": {_number(stability)}, "step": {_number(step)}, "v": 1}}'
    )


_FINITE = 1e308


def stepped_json(values: Values, last_text: str | None = None) -> str:
    """`state_json` for a state a step has just made, which always has a stability, a
    difficulty and a last review: the same text with fewer calls (a merge writes one per
    answer, 100,000 in a large one); a number json spells out (inf, nan) goes the long way.
    `last_text`, when the caller has it, is the last review's `isoformat()`."""
    phase, step, stability, difficulty, due, last, reps, lapses = values
    if (
        stability is None
        or difficulty is None
        or last is None
        or not -_FINITE < stability < _FINITE
        or not -_FINITE < difficulty < _FINITE
    ):
        return state_json(values)
    return (
        f'{{"difficulty": {difficulty!r}, "due": "{due.isoformat()}", '
        f'"lapses": {lapses}, "last_review": "{last_text or last.isoformat()}", '
        f'"phase": {phase}, '
        f'"reps": {reps}, "stability": {stability!r}, '
        f'"step": {"null" if step is None else step}, "v": 1}}'
    )


def _number(value: float | None) -> str:
    if value is None:
        return "null"
    if -_FINITE < value < _FINITE:  # what json writes as repr does (inf and nan it spells out)
        return repr(value)
    return json.dumps(value)


_Number = TypeVar("_Number", int, float)


def _clamp(value: _Number, low: _Number, high: _Number) -> _Number:
    """min(max(value, low), high) with the same result in every case (max and min return
    their first argument unless another compares greater or less), written out: a merge
    takes a few per answer, and the builtins' calls cost more than the comparisons."""
    if low > value:
        value = low
    return high if high < value else value


class _Step:
    """fsrs's review step for one desired retention (fsrs 6's formulas, see the module note)."""

    def __init__(self, retention: float) -> None:
        fsrs = Scheduler(desired_retention=retention, enable_fuzzing=False)
        self.w = fsrs.parameters
        self.decay = -self.w[20]
        self.factor = 0.9 ** (1 / self.decay) - 1
        self.retention = fsrs.desired_retention
        self.learning = fsrs.learning_steps
        self.relearning = fsrs.relearning_steps
        self.maximum = fsrs.maximum_interval
        # Worked out once, not once a step: the same numbers, so the same bits.
        self.easy = self._initial_difficulty(_EASY, clamp=False)
        self.intervals: dict[int, timedelta] = {}

    def _retrievability(
        self, stability: float | None, last: datetime | None, now: datetime
    ) -> float:
        if last is None or stability is None:
            return 0
        elapsed = (now - last).days
        if elapsed < 0:  # max(0, elapsed), written out (see _clamp)
            elapsed = 0
        return float((1 + self.factor * elapsed / stability) ** self.decay)

    def _initial_difficulty(self, rating: int, clamp: bool) -> float:
        w = self.w
        difficulty: float = w[4] - (math.e ** (w[5] * (rating - 1))) + 1
        if clamp:
            difficulty = min(max(difficulty, _DIFFICULTY_MIN), _DIFFICULTY_MAX)
        return difficulty

    def _interval(self, stability: float) -> timedelta:
        days = (stability / self.factor) * ((self.retention ** (1 / self.decay)) - 1)
        whole = _clamp(round(days), 1, self.maximum)
        interval = self.intervals.get(whole)
        if interval is None:
            interval = self.intervals[whole] = timedelta(days=whole)
        return interval

    def _short_term(self, stability: float, rating: int) -> float:
        w = self.w
        increase: float = (math.e ** (w[17] * (rating - 3 + w[18]))) * (stability ** -w[19])
        if rating != _AGAIN:
            increase = max(increase, 1.0)
        return max(stability * increase, _STABILITY_MIN)

    def _difficulty(self, difficulty: float, rating: int) -> float:
        w = self.w
        delta = -(w[6] * (rating - 3))
        damped = difficulty + (10.0 - difficulty) * delta / 9.0
        return _clamp(w[7] * self.easy + (1 - w[7]) * damped, _DIFFICULTY_MIN, _DIFFICULTY_MAX)

    def _stability(self, difficulty: float, stability: float, recall: float, rating: int) -> float:
        w = self.w
        after: float
        if rating == _AGAIN:
            long_term = (
                w[11]
                * (difficulty ** -w[12])
                * (((stability + 1) ** (w[13])) - 1)
                * (math.e ** ((1 - recall) * w[14]))
            )
            short_term = stability / (math.e ** (w[17] * w[18]))
            after = short_term if short_term < long_term else long_term  # min(), written out
        else:
            hard = w[15] if rating == _HARD else 1
            easy = w[16] if rating == _EASY else 1
            after = stability * (
                1
                + (math.e ** (w[8]))
                * (11 - difficulty)
                * (stability ** -w[9])
                * ((math.e ** ((1 - recall) * w[10])) - 1)
                * hard
                * easy
            )
        return _STABILITY_MIN if after < _STABILITY_MIN else after  # max(), written out

    def _update(
        self, stability: float, difficulty: float, last: datetime | None, now: datetime, r: int
    ) -> tuple[float, float]:
        days = (now - last).days if last else None
        if days is not None and days < 1:
            return self._short_term(stability, r), self._difficulty(difficulty, r)
        recall = self._retrievability(stability, last, now)
        return self._stability(difficulty, stability, recall, r), self._difficulty(difficulty, r)

    def __call__(self, before: Values | None, rating: int, now: datetime) -> Values:
        step: int | None
        stability: float | None
        difficulty: float | None
        last: datetime | None
        if before is None:
            phase, step, stability, difficulty, last = _LEARNING, 0, None, None, None
            reps = lapses = 0
        else:
            phase, step, stability, difficulty, _due, last, reps, lapses = before
        if last is not None and now < last:
            now = last  # the scheduler never sees time run backwards (ledger.step)
        lapsed = phase == _REVIEW and rating == _AGAIN
        interval: timedelta
        if phase == _REVIEW:
            assert stability is not None
            assert difficulty is not None
            days = (now - last).days if last else None
            if days is not None and days < 1:
                stability = self._short_term(stability, rating)
            else:
                recall = self._retrievability(stability, last, now)
                stability = self._stability(difficulty, stability, recall, rating)
            difficulty = self._difficulty(difficulty, rating)
            if rating == _AGAIN and self.relearning:
                phase, step, interval = _RELEARNING, 0, self.relearning[0]
            else:
                interval = self._interval(stability)
        else:
            steps = self.learning if phase == _LEARNING else self.relearning
            if step is None:
                step = 0  # what fsrs's Card makes of a learning card without one
            if stability is None or difficulty is None:
                assert phase == _LEARNING
                stability = max(self.w[rating - 1], _STABILITY_MIN)
                difficulty = self._initial_difficulty(rating, clamp=True)
            else:
                stability, difficulty = self._update(stability, difficulty, last, now, rating)
            if not steps or (step >= len(steps) and rating != _AGAIN):
                phase, step, interval = _REVIEW, None, self._interval(stability)
            elif rating == _AGAIN:
                step, interval = 0, steps[0]
            elif rating == _HARD:
                if step == 0 and len(steps) == 1:
                    interval = steps[0] * 1.5
                elif step == 0:
                    interval = (steps[0] + steps[1]) / 2.0
                else:
                    interval = steps[step]
            elif rating == _GOOD and step + 1 != len(steps):
                step += 1
                interval = steps[step]
            else:  # Good on the last step, or Easy
                phase, step, interval = _REVIEW, None, self._interval(stability)
        return (phase, step, stability, difficulty, now + interval, now, reps + 1, lapses + lapsed)


class Replayer:
    """Steps cards through their answers; one per merge (it keeps one step per retention)."""

    def __init__(self) -> None:
        self._steps: dict[float, _Step] = {}

    def step(self, before: Values | None, rating: int, at: datetime, retention: float) -> Values:
        stepper = self._steps.get(retention)
        if stepper is None:
            stepper = self._steps[retention] = _Step(retention)
        return stepper(before, rating, at)

    def run(
        self, before: Values | None, answers: Iterable[tuple[int, datetime, float]]
    ) -> list[Values]:
        """The state after each of `answers` (rating, time, retention), in order."""
        out: list[Values] = []
        for rating, at, retention in answers:
            before = self.step(before, rating, at, retention)
            out.append(before)
        return out
