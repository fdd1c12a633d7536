"""FSRS scheduling through studyapp.scheduler, and exam-date planning."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from progress_helpers import START

from studyapp.answering.grading import Grade
from studyapp.scheduler import (
    CardState,
    Phase,
    Rating,
    parse_rating,
    rating_for,
    retrievability,
    review,
)
from studyapp.scheduler.plan import plan_exam

ratings = st.sampled_from(list(Rating))
gaps = st.integers(min_value=0, max_value=60 * 24 * 90)  # minutes


def replay(steps: list[tuple[int, Rating]]) -> CardState | None:
    state: CardState | None = None
    moment = START
    for minutes, rating in steps:
        moment += timedelta(minutes=minutes)
        state = review(state, rating, moment)
    return state


@given(st.lists(st.tuples(gaps, ratings), min_size=1, max_size=12))
def test_state_round_trips_through_dict_and_json(steps: list[tuple[int, Rating]]) -> None:
    state = replay(steps)
    assert state is not None
    assert CardState.from_dict(state.to_dict()) == state
    assert CardState.from_dict(json.loads(json.dumps(state.to_dict()))) == state
    assert state.reps == len(steps)


@given(st.lists(st.tuples(gaps, ratings), min_size=1, max_size=12))
def test_same_answers_give_the_same_schedule(steps: list[tuple[int, Rating]]) -> None:
    assert replay(steps) == replay(steps)


def test_good_answers_space_reviews_further_apart() -> None:
    state = None
    moment = START
    intervals = []
    for _ in range(6):
        state = review(state, Rating.Good, moment)
        intervals.append(state.due - moment)
        moment = state.due
    assert state is not None
    assert state.phase == Phase.REVIEW
    assert intervals[-1] > intervals[-2] > timedelta(days=1)


def test_again_in_review_counts_a_lapse_and_comes_back_soon() -> None:
    state = review(None, Rating.Easy, START)
    assert state.phase == Phase.REVIEW
    later = state.due + timedelta(hours=1)
    lapsed = review(state, Rating.Again, later)
    assert lapsed.lapses == 1
    assert lapsed.phase == Phase.RELEARNING
    assert lapsed.due - later < timedelta(hours=1)


def test_recall_fades_with_time_and_higher_retention_reviews_sooner() -> None:
    state = review(review(None, Rating.Easy, START), Rating.Good, START + timedelta(days=8))
    base = START + timedelta(days=8)
    assert retrievability(None, base) == 0.0
    recall = [retrievability(state, base + timedelta(days=d)) for d in (0, 5, 30, 300)]
    assert recall == sorted(recall, reverse=True)
    assert recall[0] == pytest.approx(1.0)
    strict = review(state, Rating.Good, base + timedelta(days=20), desired_retention=0.97)
    relaxed = review(state, Rating.Good, base + timedelta(days=20), desired_retention=0.8)
    assert strict.due < relaxed.due


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone"):
        review(None, Rating.Good, datetime(2025, 1, 1))


@pytest.mark.parametrize(
    ("score", "seconds", "confidence", "expected"),
    [
        (0.0, 3, None, Rating.Again),
        (0.5, 3, None, Rating.Hard),
        (1.0, 30, None, Rating.Good),
        (1.0, 3, None, Rating.Easy),
        (1.0, None, None, Rating.Good),
        (1.0, 3, "hard", Rating.Hard),
        (0.5, 30, 4, Rating.Easy),
        (0.0, 3, "easy", Rating.Again),
    ],
)
def test_rating_from_grade_time_and_confidence(
    score: float, seconds: float | None, confidence: object, expected: Rating
) -> None:
    assert rating_for(Grade(score, "x"), seconds, confidence=confidence) == expected


def test_quick_threshold_is_a_setting() -> None:
    assert rating_for(Grade(1.0, "x"), 10, quick_seconds=12) == Rating.Easy
    assert rating_for(Grade(1.0, "x"), 10, quick_seconds=5) == Rating.Good


@pytest.mark.parametrize("bad", ["sure", 0, 5, True, None, 2.5])
def test_unknown_confidence_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="not a rating"):
        parse_rating(bad)


def test_unknown_state_format_is_refused() -> None:
    data = review(None, Rating.Good, START).to_dict()
    data["v"] = 99
    with pytest.raises(ValueError, match="format 99"):
        CardState.from_dict(data)


def test_exam_plan_with_enough_time_reaches_the_target_within_budget() -> None:
    states: dict[str, CardState | None] = {f"q{i}": None for i in range(30)}
    states["seen"] = review(None, Rating.Good, START - timedelta(days=2))
    exam = date(2025, 3, 17)
    plan = plan_exam(states, START, exam, daily_minutes=10, target=0.9)
    capacity = 10 * 60 // 30
    assert plan.reachable
    assert all(r >= 0.9 for r in plan.recall.values())
    assert set(plan.recall) == set(states)
    assert plan.days[0].day == START.date()
    assert plan.days[-1].day == exam - timedelta(days=1)
    assert all(d.questions <= capacity for d in plan.days)
    assert sum(d.questions for d in plan.days) >= len(states)
    # Every question is studied at least once before the exam.
    studied = {k for d in plan.days for k in d.keys}
    assert studied == set(states)


def test_exam_plan_too_short_reports_what_falls_short() -> None:
    states: dict[str, CardState | None] = {f"q{i}": None for i in range(100)}
    plan = plan_exam(states, START, date(2025, 3, 5), daily_minutes=5)
    assert not plan.reachable
    assert plan.per_day() == [(date(2025, 3, 3), 10), (date(2025, 3, 4), 10)]
    assert len(plan.short) >= 80
