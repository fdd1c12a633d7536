"""The learner's exam plan: today's share of the questions, from their cards, their own pace
and how their memory runs, up to the exam date they set."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from types import MappingProxyType

from studyapp.model import Bank
from studyapp.progress.store import Store
from studyapp.scheduler import CardState, Parameters
from studyapp.scheduler.calibrate import Calibration, Spacing, calibrate, samples
from studyapp.scheduler.fit import replay
from studyapp.scheduler.plan import (
    DEFAULT_EXAM_TARGET,
    DEFAULT_SECONDS_PER_QUESTION,
    ExamPlan,
    plan_exam,
)
from studyapp.study.cards import LearnerCards
from studyapp.study.memory import READ_ANSWERS


@dataclass(frozen=True, slots=True)
class PlanInputs:
    """What a plan reads from the store, read once: a settings screen re-plans on every change
    of date or minutes without reading (or replaying) the answers again."""

    states: Mapping[tuple[str, str], CardState | None]
    seconds_per_question: float
    scale: float
    parameters: Parameters


def plan_inputs(store: Store, profile: str, banks: Iterable[Bank]) -> PlanInputs:
    """The profile's cards, its median seconds per answer (30 s before any) and its memory
    model: fitted parameters once there are some, else the defaults' calibrated scale."""
    states: dict[tuple[str, str], CardState | None] = {}
    banks = list(banks)
    view = LearnerCards.read(store, profile, banks)
    for bank in banks:
        for seen in view.of_bank(bank):  # answers under an earlier id count too
            states[bank.id, seen.question.id] = seen.state
    # A memory model fitted to this learner, once there is one, predicts instead of the
    # defaults and their stability scale: each question's answers are replayed under it.
    # Only the prediction changes; the stored states (the ones sync replays) keep the defaults.
    model = store.memory_model(profile)
    scale = 1.0
    if model is None:
        scale = calibration(store, profile).scale
    else:
        fitted = replay(
            (
                ((b, q), at, rating, state)
                for b, q, at, rating, state in store.recent_answers(profile, READ_ANSWERS)
                if (b, q) in states
            ),
            model.parameters,
        )
        for key in states:
            replayed = fitted.get(key)
            if replayed is not None:
                states[key] = replayed
    durations = sorted(store.recent_durations(profile, 500))
    seconds = durations[len(durations) // 2] / 1000 if durations else DEFAULT_SECONDS_PER_QUESTION
    return PlanInputs(
        MappingProxyType(states),
        max(seconds, 1.0),
        scale,
        None if model is None else model.parameters,
    )


def exam_plan(
    store: Store,
    profile: str,
    banks: Iterable[Bank],
    now: datetime,
    tz: tzinfo = UTC,
    *,
    exam_date: date | None = None,
    daily_minutes: int | None = None,
    inputs: PlanInputs | None = None,
) -> ExamPlan[tuple[str, str]] | None:
    """The profile's plan for its exam date and daily minutes; None until both are set.

    `exam_date` and `daily_minutes` stand in for the saved ones (a settings screen previews a
    plan before it is saved), and `inputs` for reading the store again.
    """
    settings = store.profile(profile)
    exam_date = exam_date or settings.exam_date
    daily_minutes = daily_minutes or settings.daily_minutes
    if exam_date is None or not daily_minutes:
        return None
    inputs = inputs or plan_inputs(store, profile, banks)
    return plan_exam(
        inputs.states,
        now,
        exam_date,
        daily_minutes,
        target=max(DEFAULT_EXAM_TARGET, settings.desired_retention),
        seconds_per_question=inputs.seconds_per_question,
        tz=tz,
        retention=settings.desired_retention,
        scale=inputs.scale,
        parameters=inputs.parameters,
    )


def calibration(store: Store, profile: str) -> Calibration:
    """How far this learner's memory runs from FSRS's average learner, from recent answers."""
    answers = store.recent_spacings(profile)
    return calibrate(
        samples(
            ((b, q), at, rating, Spacing(stability, last))
            for b, q, at, rating, stability, last in answers
        )
    )
