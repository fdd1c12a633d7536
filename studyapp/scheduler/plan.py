"""Planning for an exam date: which questions to study on which day, within a daily budget.

The plan simulates the days up to the exam with the FSRS model, assuming each planned review
is answered right (Good): every day it takes what falls due plus questions never studied, up to
the number of questions the daily minutes allow, then uses the room left on the last days to
lift each question whose predicted recall on the exam day is still below the target.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from types import MappingProxyType
from typing import Generic, TypeVar

from studyapp.scheduler import CardState, Rating, retrievability, review

K = TypeVar("K", bound=Hashable)

DEFAULT_SECONDS_PER_QUESTION = 30.0


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

    @property
    def short(self) -> tuple[K, ...]:
        """Questions that would still fall below the target on the exam day."""
        return tuple(k for k, r in self.recall.items() if r < self.target)

    @property
    def reachable(self) -> bool:
        return not self.short

    def per_day(self) -> list[tuple[date, int]]:
        return [(d.day, d.questions) for d in self.days]


def plan_exam(
    states: Mapping[K, CardState | None],
    now: datetime,
    exam: date,
    daily_minutes: float,
    target: float = 0.9,
    seconds_per_question: float = DEFAULT_SECONDS_PER_QUESTION,
    tz: tzinfo = UTC,
) -> ExamPlan[K]:
    """A day-by-day plan from today to the day before `exam`; `None` states are unseen."""
    if not 0 < target < 1:
        raise ValueError("the target recall must be between 0 and 1")
    today = now.astimezone(tz).date()
    days = [today + timedelta(d) for d in range((exam - today).days)]
    capacity = max(0, math.floor(daily_minutes * 60 / seconds_per_question))
    exam_moment = datetime.combine(exam, time(), tzinfo=tz).astimezone(UTC)

    def study_time(day: date) -> datetime:
        noon = datetime.combine(day, time(12), tzinfo=tz).astimezone(UTC)
        return max(now, noon) if day == today else noon

    current: dict[K, CardState | None] = dict(states)
    last_day: dict[K, date] = {}
    planned: dict[date, list[K]] = {d: [] for d in days}

    def study(key: K, day: date) -> None:
        current[key] = review(current[key], Rating.Good, study_time(day), target)
        last_day[key] = day
        planned[day].append(key)

    def exam_recall(key: K) -> float:
        return retrievability(current[key], exam_moment)

    for day in days:
        end = datetime.combine(day + timedelta(1), time(), tzinfo=tz).astimezone(UTC)
        due = [k for k, s in current.items() if s is not None and s.due < end]
        due.sort(key=exam_recall)
        new = [k for k, s in current.items() if s is None]
        for key in (due + new)[: capacity - len(planned[day])]:
            study(key, day)

    # Whatever is still short gets one more review as late as the budget allows.
    for key in sorted(current, key=exam_recall):
        if exam_recall(key) >= target:
            continue
        for day in reversed(days):
            if len(planned[day]) < capacity and (key not in last_day or day > last_day[key]):
                study(key, day)
                break

    return ExamPlan(
        exam=exam,
        target=target,
        days=tuple(
            PlanDay(d, tuple(planned[d]), len(planned[d]) * seconds_per_question / 60) for d in days
        ),
        recall=MappingProxyType({k: exam_recall(k) for k in current}),
    )
