"""Planning for an exam date: which questions to study on which day, within a daily budget.

Two targets, because they answer two questions. Before the exam, questions are spaced at the
learner's everyday retention (what FSRS would do anyway, and cheaper than spacing at the exam's
own target). For the exam day itself, a final pass places one more review, as late as the
budget allows, on each question whose predicted recall on the exam day is still below the exam
target, lowest first. Spacing at 0.95 to be sure of 0.95 on the day costs far more reviews
than spacing at 0.9 and lifting the weak questions the day before. While the exam is far,
intervals may also grow longer than the everyday retention allows (see STRETCH_RETENTION):
the final pass catches what that leaves weak.

Days are whole days: a question last seen k days before the exam is predicted at k days
(FSRS counts elapsed days, and a plan that studies at noon but judged the exam at midnight
used to lose one). Every planned review is assumed answered right; the plan is rebuilt from
the store every time it is asked, so a wrong answer or a missed day changes the next one.

`scale` stretches every stability before it predicts (see `scheduler.calibrate`): a learner
who forgets faster than FSRS's average learner gets a scale below 1 and more reviews.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from types import MappingProxyType
from typing import Generic, TypeVar

from studyapp.scheduler import (
    DEFAULT_RETENTION,
    CardState,
    Parameters,
    Phase,
    Rating,
    curve_of,
    forgetting_curve,
    recalled_in_review,
    review,
)

K = TypeVar("K", bound=Hashable)

DEFAULT_SECONDS_PER_QUESTION = 30.0
# Mean predicted recall the final pass aims at on the exam day. Below the 0.96 a learner
# wants, because the predictions for the last days run low: the stability scale (calibrate.py)
# is fitted on short intervals, where FSRS's default learner is most optimistic. Chosen in the
# scheduler simulation (seed 20250101, learners 0-15) together with the second stretch and the
# relearning wait below: 0.94 left recall on the day at 95.8 %, 0.945 at 96.1 %.
DEFAULT_EXAM_TARGET = 0.945
# The final review of a question falls in the last week before the exam, as early there as
# still carries it above the target by this margin.
FINAL_WINDOW_DAYS = 7
FINAL_MARGIN = 0.01
# Days simulated one by one. An exam further away is planned as ordinary spacing until it
# comes within this many days (the plan is rebuilt every day), so a date years ahead costs no
# more than this and never overflows a date.
HORIZON_DAYS = 60
FAR_PREVIEW_DAYS = 14
# While the exam is far, a question answered at least once after first studying it
# (STRETCH_AFTER_REPS answers in all: `reps` counts every answer, right or wrong) waits longer
# than the everyday retention would let it: until its recall on the learner's own
# (calibrated) curve falls to STRETCH_RETENTION, but no later than
# STRETCH_ENDS_DAYS before the exam. A review at lower recall builds more lasting memory, and
# what the stretch leaves weak is caught by the final pass. The first interval is not
# stretched: a question met once is the least known. Measured in the scheduler simulation:
# about 12 % fewer reviews than spacing at 0.90 throughout, with higher recall on the day; an
# earlier end (4-5 days) saved a few more reviews but left less than 80 % a month later.
STRETCH_RETENTION = 0.75
STRETCH_AFTER_REPS = 2
STRETCH_ENDS_DAYS = 6
# A question answered only once since first study (exactly STRETCH_AFTER_REPS answers in all,
# the second right or wrong) is the least known of the stretched ones,
# and its prediction reaches furthest past anything the learner has shown about it: it waits
# only until its recall on the learner's curve falls to this, and is stretched fully from its
# next answer. Stretching it to 0.75 at once brought every such question back on the
# same day, six days before the exam, where 43 % of them failed against a predicted 25 %, and
# most of the last week's reviews went to those failures (docs/performance.md).
STRETCH_SECOND_RETENTION = 0.85
# A question just answered wrong (in relearning) has been shown its answer (the 10-minute
# relearning step is a same-day step); the plan asks it again after up to this many days, not
# the next day, when recall of a re-shown answer is still high and a right answer builds
# little. How long on the learner's own curve: see `relearn_days` in plan_exam. A fixed wait
# of 2 for every learner (which a short stretch used to undo whenever the lapsed stability
# was small) saved 5 reviews on the simulation's base learners but dropped the fast
# forgetters' P10 recall on the day from 95.7 to 92.1 % (docs/performance.md). A wrong answer
# before the question left learning (phase LEARNING, step 0) is not waited for: waiting cost
# the base learners 10 more reviews for 1.5 points a month later.
RELEARN_WAIT_DAYS = 2


@dataclass(frozen=True, slots=True)
class PlanDay(Generic[K]):
    day: date
    keys: tuple[K, ...]
    minutes: float

    @property
    def questions(self) -> int:
        return len(self.keys)


@dataclass(frozen=True, slots=True)
class ExamPlan(Generic[K]):
    exam: date
    target: float
    days: tuple[PlanDay[K], ...]
    recall: Mapping[K, float] = field(default_factory=lambda: MappingProxyType({}))
    retention: float = DEFAULT_RETENTION
    # False when the exam lies beyond HORIZON_DAYS: `days` then covers only the horizon and
    # `recall` is not yet a prediction for the exam day.
    complete: bool = True

    @property
    def expected(self) -> float:
        """The mean predicted recall over the plan's questions on the exam day."""
        return sum(self.recall.values()) / len(self.recall) if self.recall else 1.0

    @property
    def short(self) -> tuple[K, ...]:
        """Questions predicted below the target on the exam day, weakest first."""
        if not self.complete:
            return ()
        weak = sorted((r, i, k) for i, (k, r) in enumerate(self.recall.items()) if r < self.target)
        return tuple(k for _, _, k in weak)

    @property
    def reachable(self) -> bool:
        """Whether the plan meets the target on average over its questions."""
        return not self.complete or self.expected >= self.target

    def per_day(self) -> list[tuple[date, int]]:
        return [(d.day, d.questions) for d in self.days]

    def today(self) -> tuple[K, ...]:
        """What the plan asks for on its first day (empty when there is no day left)."""
        return self.days[0].keys if self.days else ()


# What a Good review does to a state, keyed by everything fsrs reads (phase, step, stability,
# difficulty, whole elapsed days). Many questions share a history, so one plan asks fsrs far
# fewer times than it plans reviews. Local to one planning call.
_StepKey = tuple[int, int | None, float | None, float | None, int]


def plan_exam(
    states: Mapping[K, CardState | None],
    now: datetime,
    exam: date,
    daily_minutes: float,
    target: float = DEFAULT_EXAM_TARGET,
    seconds_per_question: float = DEFAULT_SECONDS_PER_QUESTION,
    tz: tzinfo = UTC,
    *,
    retention: float = DEFAULT_RETENTION,
    scale: float = 1.0,
    parameters: Parameters = None,
) -> ExamPlan[K]:
    """A day-by-day plan from today to the day before `exam`; `None` states are unseen.

    `target` is the predicted recall wanted on the exam day, `retention` the spacing before it.
    `parameters` is a memory model fitted to the learner (the states given must be replayed
    under it); without one, FSRS's defaults with every stability times `scale`.
    """
    if not 0 < target < 1:
        raise ValueError("the target recall must be between 0 and 1")
    if not 0 < retention < 1:
        raise ValueError("the retention must be between 0 and 1")
    if not (math.isfinite(scale) and scale > 0):
        raise ValueError("the stability scale must be a positive number")
    if not math.isfinite(daily_minutes) or not math.isfinite(seconds_per_question):
        raise ValueError("the daily minutes and seconds per question must be finite")
    curve = curve_of(parameters)
    today = now.astimezone(tz).date()
    span = (exam - today).days
    complete = span <= HORIZON_DAYS
    # Beyond the horizon only the next fortnight is spaced out, enough for today's questions
    # and a sense of the daily load.
    n_days = max(0, span if complete else FAR_PREVIEW_DAYS)
    exam_index = span if complete else n_days
    capacity = max(0, math.floor(daily_minutes * 60 / max(seconds_per_question, 1.0)))
    start = now.astimezone(UTC)
    noon_today = datetime.combine(today, time(12), tzinfo=tz).astimezone(UTC)
    # Reviews are planned at the same moment of each day, so elapsed time is whole days.
    anchor = max(start, noon_today)

    keys = list(states)
    state: dict[K, CardState | None] = dict(states)
    # Day index (0 = today) of each question's latest review, planned or past.
    last: dict[K, int] = {}
    stability: dict[K, float] = {}
    memo: dict[_StepKey, CardState] = {}
    recalled = recalled_in_review(parameters)

    # Each question's predicted exam-day recall, kept current as reviews are planned: the
    # day loop sorts by it and would otherwise recompute it hundreds of thousands of times.
    at_exam: dict[K, float] = {}

    # forgetting_curve's and interval_for's arithmetic, in their order of operations (so the
    # same numbers), with what depends only on the retention worked out once: the day loop asks
    # them tens of thousands of times, and the calls cost a 10,000-question plan a fifth of
    # its time.
    decay, factor = curve
    near_days = retention ** (1 / decay) - 1
    far_days = STRETCH_RETENTION ** (1 / decay) - 1
    second_days = STRETCH_SECOND_RETENTION ** (1 / decay) - 1

    def interval(stable: float, per_stability: float) -> int:
        if stable <= 0:
            return 1
        days = stable / factor * per_stability
        return max(1, math.floor(days)) if days < math.inf else 36500  # also NaN

    # The wait after a wrong answer, on the learner's own curve: a re-shown answer is taken to
    # be as well known as a question first studied, and waits until its recall falls to
    # STRETCH_SECOND_RETENTION, at least a day and at most RELEARN_WAIT_DAYS.
    shown = review(None, Rating.Good, anchor, retention, parameters).stability or 0.0
    relearn_days = max(1, min(RELEARN_WAIT_DAYS, interval(shown * scale, second_days)))

    def settle(key: K, s: CardState) -> None:
        state[key] = s
        stable = stability[key] = (s.stability or 0.0) * scale
        days = exam_index - last[key]
        at_exam[key] = (
            (1 + factor * (days if days > 0 else 0) / stable) ** decay if stable > 0 else 0.0
        )

    for key in keys:
        s = state[key]
        if s is not None and s.last_review is not None and s.stability:
            last[key] = (s.last_review.astimezone(tz).date() - today).days
            settle(key, s)
        else:
            state[key] = None

    def good_after(key: K, day: int) -> CardState:
        """The state a right answer on `day` would leave, asked of fsrs once per history."""
        s = state[key]
        elapsed = 0 if s is None else max(0, day - last[key])
        step: _StepKey = (
            0 if s is None else int(s.phase),
            None if s is None else s.step,
            None if s is None else s.stability,
            None if s is None else s.difficulty,
            elapsed,
        )
        after = memo.get(step)
        if after is not None:
            return after
        # The common case without building a full review (the same numbers as `review`, and
        # the same count: a planned answer counts as the first of a state rebuilt from its
        # numbers). The dates of a remembered state are its first asker's; the plan reads
        # only `last`.
        when = anchor + timedelta(days=day)
        quick = None if s is None else recalled(s, elapsed)
        if quick is not None:
            after = CardState(Phase.REVIEW, None, quick[0], quick[1], when, when, 1, 0)
        else:
            before = (
                None
                if s is None
                else CardState(
                    s.phase, s.step, s.stability, s.difficulty, when, when - timedelta(elapsed)
                )
            )
            after = review(before, Rating.Good, when, retention, parameters)
        memo[step] = after
        return after

    def study(key: K, day: int) -> None:
        after = good_after(key, day)
        last[key] = day
        settle(key, after)
        planned[day].append(key)

    def next_day(key: K) -> int:
        # Everyday spacing is FSRS's own, unscaled; the stretch below reads the learner's curve.
        s = state[key]
        stable = (s.stability or 0.0) if s else 0.0
        day = last[key] + interval(stable, near_days)
        if complete and s is not None and s.reps >= STRETCH_AFTER_REPS:
            # On the learner's own curve: for one who forgets far faster than FSRS's average
            # learner (a scale below about 0.2) it comes sooner than FSRS's everyday interval.
            stretch = far_days if s.reps > STRETCH_AFTER_REPS else second_days
            far = last[key] + interval(stable * scale, stretch)
            day = min(far, max(day, n_days - STRETCH_ENDS_DAYS))
        if s is not None and s.phase == Phase.RELEARNING:
            # Last, so that neither a short stretch nor a short interval undoes the wait.
            day = max(day, min(last[key] + relearn_days, n_days - 1))
        return day

    planned: list[list[K]] = [[] for _ in range(n_days)]
    due_on: list[list[K]] = [[] for _ in range(n_days + 1)]
    fresh = [k for k in keys if state[k] is None]
    for key in keys:
        if key in last:
            due_on[min(max(0, next_day(key)), n_days)].append(key)

    # Questions due but not yet asked, weakest first. What is carried over was filtered and
    # sorted on an earlier day and has not changed since, so each day sorts only what fell due
    # (and Timsort merges the two runs in linear time).
    carried: list[K] = []
    for day in range(n_days):
        arrived = due_on[day]
        if complete:
            # A question already sure to meet the exam-day target needs nothing more before
            # the exam; spacing it further would only buy recall after the exam.
            arrived = [k for k in arrived if at_exam[k] < target]
        arrived.sort(key=at_exam.__getitem__)
        waiting = carried + arrived
        waiting.sort(key=at_exam.__getitem__)
        taken, carried = waiting[:capacity], waiting[capacity:]
        room = capacity - len(taken)
        taken += fresh[:room]
        fresh = fresh[room:]
        for key in taken:
            study(key, day)
            due_on[min(next_day(key), n_days)].append(key)

    def final_day(key: K) -> int | None:
        """The earliest day with room from which one review still carries the question to
        the exam above the target (an earlier review gains more lasting memory), else the
        latest day with room."""
        first = max(0, last.get(key, -1) + 1, n_days - FINAL_WINDOW_DAYS)
        open_days = [d for d in range(first, n_days) if len(planned[d]) < capacity]
        if not open_days:
            earlier = range(min(first, n_days) - 1, max(-1, last.get(key, -1)), -1)
            return next((d for d in earlier if len(planned[d]) < capacity), None)
        for day in open_days:
            if state[key] is None:
                break
            grown = (good_after(key, day).stability or 0.0) * scale
            if forgetting_curve(grown, exam_index - day, curve) >= min(0.99, target + FINAL_MARGIN):
                return day
        return open_days[-1] if open_days else None

    if complete and keys:
        # The final pass: while the mean predicted recall on the exam day is below the target,
        # one more review, as late as there is room, for the weakest question not yet lifted.
        total = sum(at_exam.get(k, 0.0) for k in keys)
        for key in sorted(keys, key=lambda k: at_exam.get(k, 0.0)):
            if total >= target * len(keys):
                break
            if not any(len(p) < capacity for p in planned):
                break  # no room left on any day: the rest stays as it is
            final = final_day(key)
            if final is not None:
                before = at_exam.get(key, 0.0)
                study(key, final)
                total += at_exam[key] - before

    return ExamPlan(
        exam=exam,
        target=target,
        days=tuple(
            PlanDay(
                today + timedelta(d),
                tuple(planned[d]),
                len(planned[d]) * seconds_per_question / 60,
            )
            for d in range(n_days)
        ),
        recall=MappingProxyType({k: at_exam.get(k, 0.0) for k in keys}),
        retention=retention,
        complete=complete,
    )
