"""How fast the exam plan is rebuilt, beside the least any plan must do.

Run: python tests/benchmarks/bench_exam.py [--quick]
Target: re-planning a 10,000-question bank under 100 ms (the settings dialog re-plans on every
date change, and review re-plans at every start), for an exam 30 days away and for one in the
year 9999; and the far exam no slower than the near one (it plans only the first fortnight).
Floor: asking fsrs once per question for its recall on the exam day.

Times are CPU time of this process (the median of the runs), not wall time: the machine is
shared, and wall time under load measured the other users as much as the planner. The load is
printed beside them.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta

from _common import Figure, median, show

from studyapp.scheduler import CardState, Rating, retrievability, review
from studyapp.scheduler.plan import plan_exam

QUESTIONS = 10_000
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def library(rng: random.Random) -> dict[int, CardState | None]:
    """A bank part learnt over months: 30 % unseen, the rest with 1-6 answers, 10 % wrong."""
    states: dict[int, CardState | None] = {}
    for i in range(QUESTIONS):
        if rng.random() < 0.3:
            states[i] = None
            continue
        state: CardState | None = None
        moment = NOW - timedelta(days=rng.randint(20, 200))
        for _ in range(rng.randint(1, 6)):
            rating = Rating.Again if rng.random() < 0.1 else Rating.Good
            state = review(state, rating, moment)
            moment += timedelta(days=rng.randint(1, 20))
            if moment > NOW:
                break
        states[i] = state
    return states


def time_plan(states: dict[int, CardState | None], exam: date, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        began = time.process_time()
        plan_exam(states, NOW, exam, daily_minutes=60, retention=0.9)
        out.append((time.process_time() - began) * 1000)
    return out


def time_floor(states: dict[int, CardState | None], exam: date, runs: int) -> list[float]:
    moment = datetime(exam.year, exam.month, exam.day, 12, tzinfo=UTC)
    out = []
    for _ in range(runs):
        began = time.process_time()
        for state in states.values():
            retrievability(state, moment)
        out.append((time.process_time() - began) * 1000)
    return out


def figures(quick: bool = False) -> list[Figure]:
    runs = 3 if quick else 9
    states = library(random.Random(7))
    print(f"load average before: {load()} (2 cores shared); CPU time, median of {runs} runs")
    out = []
    planned: dict[str, float] = {}
    for label, exam in (("30 days away", date(2026, 4, 1)), ("in 9999", date(9999, 12, 31))):
        floor = median(time_floor(states, min(exam, date(2026, 4, 1)), runs))
        value = planned[label] = median(time_plan(states, exam, runs))
        out.append(
            show(
                Figure(
                    f"exam plan, {QUESTIONS:,} questions, exam {label}",
                    value,
                    "ms",
                    floor=floor,
                    floor_name="fsrs recall once per question",
                    max_value=100.0,
                )
            )
        )
    # An exam years away must cost no more than one a month away (the words).
    out.append(
        show(
            Figure(
                "exam plan, exam in 9999 against 30 days away",
                planned["in 9999"],
                "ms",
                floor=planned["30 days away"],
                floor_name="the plan for 30 days",
                max_ratio=1.0,
            )
        )
    )
    print(f"load average after: {load()}")
    return out


def load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    figures(quick="--quick" in sys.argv[1:])
