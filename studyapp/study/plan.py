"""The learner's exam plan: today's share of the questions, from their cards, their own pace
and how their memory runs, up to the exam date they set."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo

from studyapp.model import Bank
from studyapp.progress.store import Store
from studyapp.scheduler import CardState
from studyapp.scheduler.calibrate import Calibration, calibrate, samples
from studyapp.scheduler.plan import (
    DEFAULT_EXAM_TARGET,
    DEFAULT_SECONDS_PER_QUESTION,
    ExamPlan,
    plan_exam,
)
from studyapp.study.cards import LearnerCards


def exam_plan(
    store: Store,
    profile: str,
    banks: Iterable[Bank],
    now: datetime,
    tz: tzinfo = UTC,
    *,
    exam_date: date | None = None,
    daily_minutes: int | None = None,
) -> ExamPlan[tuple[str, str]] | None:
    """The profile's plan for its exam date and daily minutes; None until both are set.

    `exam_date` and `daily_minutes` stand in for the saved ones (a settings screen previews a
    plan before it is saved). The time per question is the learner's own median over recent
    answers (30 s before any).
    """
    settings = store.profile(profile)
    exam_date = exam_date or settings.exam_date
    daily_minutes = daily_minutes or settings.daily_minutes
    if exam_date is None or not daily_minutes:
        return None
    states: dict[tuple[str, str], CardState | None] = {}
    banks = list(banks)
    view = LearnerCards.read(store, profile, banks)
    for bank in banks:
        for seen in view.of_bank(bank):  # answers under an earlier id count too
            states[bank.id, seen.question.id] = seen.state
    durations = sorted(store.recent_durations(profile, 500))
    seconds = durations[len(durations) // 2] / 1000 if durations else DEFAULT_SECONDS_PER_QUESTION
    return plan_exam(
        states,
        now,
        exam_date,
        daily_minutes,
        target=max(DEFAULT_EXAM_TARGET, settings.desired_retention),
        seconds_per_question=max(seconds, 1.0),
        tz=tz,
        retention=settings.desired_retention,
        scale=calibration(store, profile).scale,
    )


def calibration(store: Store, profile: str) -> Calibration:
    """How far this learner's memory runs from FSRS's average learner, from recent answers."""
    answers = store.recent_answers(profile)
    return calibrate(samples(((b, q), at, rating, state) for b, q, at, rating, state in answers))
