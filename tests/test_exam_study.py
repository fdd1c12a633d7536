"""Studying for an exam date: the planner's two targets, review following the plan, and the
memory model fitted to the learner."""

from __future__ import annotations

import math
import random
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Scheduler
from progress_helpers import START, Clock, make_bank, right_response, wrong_response

from studyapp.progress import Store
from studyapp.scheduler import (
    CardState,
    Phase,
    Rating,
    forgetting_curve,
    interval_for,
    recalled_in_review,
    retrievability,
    review,
)
from studyapp.scheduler.calibrate import (
    PRIOR_ANSWERS,
    SCALE_MAX_DAYS,
    Sample,
    calibrate,
    samples,
)
from studyapp.scheduler.plan import (
    HORIZON_DAYS,
    RELEARN_WAIT_DAYS,
    STRETCH_ENDS_DAYS,
    plan_exam,
)
from studyapp.study import Session, SessionConfig
from studyapp.study.plan import exam_plan


def test_the_curve_is_fsrs_own_at_whole_days() -> None:
    state = review(None, Rating.Good, START)
    for _ in range(3):
        state = review(state, Rating.Good, state.due)
        for days in (0, 1, 2, 5, 17, 90):
            moment = state.last_review + timedelta(days=days)  # type: ignore[operator]
            assert forgetting_curve(state.stability or 0, days) == pytest.approx(
                retrievability(state, moment), abs=1e-12
            )


@pytest.mark.parametrize("fitted", [False, True])
def test_the_planners_quick_step_is_fsrs_own_review_to_the_last_bit(fitted: bool) -> None:
    """The planner's shortcut for a right answer must give what `review` gives, exactly, from
    every phase it covers, and decline the rest (same day, a learning step still to come)."""
    weights = list(Scheduler().parameters)
    weights[8], weights[20] = weights[8] * 1.1, 0.3
    parameters = tuple(weights) if fitted else None
    quick = recalled_in_review(parameters)
    rng = random.Random(5)
    covered = {Phase.LEARNING: 0, Phase.REVIEW: 0, Phase.RELEARNING: 0}
    declined = 0
    for _ in range(600):
        state = None
        moment = START
        for _ in range(rng.randint(1, 6)):
            state = review(state, Rating(rng.choice([1, 2, 3, 3, 4])), moment, 0.9, parameters)
            moment += timedelta(days=rng.choice([0, 0, 1, 3, 12, 40]), hours=rng.randint(0, 23))
        assert state is not None
        assert state.last_review is not None
        elapsed = (moment - state.last_review).days
        step = quick(state, elapsed)
        after = review(state, Rating.Good, moment, 0.9, parameters)
        if step is None:
            declined += 1
            continue
        covered[state.phase] += 1
        assert (after.phase, after.step) == (Phase.REVIEW, None)
        assert step == (after.stability, after.difficulty)  # equal, not merely close
    assert min(covered.values()) > 10, covered
    assert declined > 10


def test_spacing_never_rounds_under_the_retention() -> None:
    for stability in (0.3, 1.0, 2.3065, 7.7, 31.2, 400.0):
        for retention in (0.8, 0.85, 0.9, 0.95):
            days = interval_for(stability, retention)
            assert days >= 1
            assert days == 1 or forgetting_curve(stability, days) >= retention


def _seen(days_ago: int, goods: int = 1) -> CardState:
    """A question answered right `goods` times, each when it fell due, the last `days_ago`."""
    moment = START - timedelta(days=days_ago)
    state = review(None, Rating.Good, moment)
    for _ in range(goods - 1):
        state = review(state, Rating.Good, state.due)
    shift = START - timedelta(days=days_ago) - state.last_review  # type: ignore[operator]
    return (
        review(None, Rating.Good, moment)
        if goods == 1
        else CardState(
            state.phase,
            state.step,
            state.stability,
            state.difficulty,
            state.due + shift,
            state.last_review + shift,
            state.reps,
            state.lapses,  # type: ignore[operator]
        )
    )


def test_final_pass_lifts_the_weakest_first_until_the_mean_reaches_the_target() -> None:
    # Five questions seen long ago (weak) and five fresh in memory; room for only a few reviews
    # on the last day: the weak ones take it.
    states: dict[str, CardState | None] = {f"weak{i}": _seen(40) for i in range(5)}
    states |= {f"strong{i}": _seen(1, goods=6) for i in range(5)}
    exam = START.date() + timedelta(days=3)
    plan = plan_exam(states, START, exam, daily_minutes=1.5, target=0.97, retention=0.9)
    lifted = {k for d in plan.days for k in d.keys}
    assert {f"weak{i}" for i in range(5)} <= lifted
    assert not any(k.startswith("strong") for k in lifted)
    before = plan_exam(states, START, exam, daily_minutes=0, target=0.97)
    assert plan.expected > before.expected
    for key in lifted:
        assert plan.recall[key] > before.recall[key]


def test_spacing_follows_the_retention_and_the_day_follows_the_target() -> None:
    states: dict[str, CardState | None] = {f"q{i}": None for i in range(40)}
    exam = START.date() + timedelta(days=30)
    cheap = plan_exam(states, START, exam, daily_minutes=60, target=0.96, retention=0.8)
    dear = plan_exam(states, START, exam, daily_minutes=60, target=0.96, retention=0.95)
    reviews = [sum(d.questions for d in p.days) for p in (cheap, dear)]
    assert reviews[0] < reviews[1]
    assert cheap.reachable
    assert dear.reachable
    assert cheap.expected >= 0.96
    assert dear.expected >= 0.96


def test_a_far_exam_stretches_intervals_on_the_learners_own_curve() -> None:
    # A question recalled a few times, last seen yesterday, exam 40 days away. The everyday
    # interval at 0.90 would bring it back after `near` days; with the exam far, the plan lets
    # it wait longer for an average learner, but not into the last days before the exam. For
    # a very fast forgetter (stability scale 0.1) the wait is shorter than the everyday interval.
    state = _seen(1, goods=3)
    assert state.reps >= 2
    exam = START.date() + timedelta(days=40)
    near = interval_for(state.stability or 0, 0.9) - 1  # days from today, last seen yesterday

    def first_review(scale: float) -> int:
        plan = plan_exam({"q": state}, START, exam, daily_minutes=60, retention=0.9, scale=scale)
        return next(i for i, d in enumerate(plan.days) if "q" in d.keys)

    assert near < first_review(1.0) <= 40 - STRETCH_ENDS_DAYS
    assert first_review(0.1) < near
    # The first interval after first studying a question is never stretched.
    once = review(None, Rating.Good, START - timedelta(days=1))
    plan = plan_exam({"q": once}, START, exam, daily_minutes=60, retention=0.9)
    assert plan.days[0].keys == ("q",) or plan.days[1].keys == ("q",)


def test_a_question_answered_once_since_first_study_is_stretched_less() -> None:
    # Both last seen yesterday with the same memory: one answered once since it was first
    # studied (two answers in all, as `reps` counts them), one more often. The first is the
    # least known, so it comes back sooner.
    exam = START.date() + timedelta(days=40)
    twice = _seen(1, goods=2)
    often = replace(twice, reps=3)

    def first_review(state: CardState) -> int:
        plan = plan_exam({"q": state}, START, exam, daily_minutes=60, retention=0.9)
        return next(i for i, d in enumerate(plan.days) if "q" in d.keys)

    near = interval_for(twice.stability or 0, 0.9) - 1
    assert near < first_review(twice) < first_review(often) <= 40 - STRETCH_ENDS_DAYS


def test_a_question_answered_wrong_waits_before_it_is_asked_again() -> None:
    # Answered wrong yesterday (relearning, its 10-minute step long past), the exam in the last
    # week, where questions are spaced at the everyday retention: FSRS's short stability after
    # the lapse would ask it again today; the plan waits until the day RELEARN_WAIT_DAYS after
    # the wrong answer.
    known = _seen(5, goods=3)
    wrong = review(known, Rating.Again, START - timedelta(days=1))
    assert wrong.phase == Phase.RELEARNING
    assert interval_for(wrong.stability or 0, 0.9) <= 1
    exam = START.date() + timedelta(days=5)
    plan = plan_exam({"q": wrong}, START, exam, daily_minutes=60, retention=0.9)
    first = next(i for i, d in enumerate(plan.days) if "q" in d.keys)
    assert first == RELEARN_WAIT_DAYS - 1


def test_the_wait_after_a_wrong_answer_holds_while_the_exam_is_far_and_follows_the_learner() -> (
    None
):
    # Known at once (Easy), answered wrong yesterday, the exam far enough away that the plan
    # stretches intervals on the learner's curve. For a learner who forgets somewhat faster
    # than FSRS's average (scale 0.6) the stretch on the lapsed card's short stability alone
    # would ask it again today; the wait holds. For a very fast forgetter (scale 0.15) a
    # re-shown answer is not still well known two days on, so the wait is a single day.
    known = review(None, Rating.Easy, START - timedelta(days=4))
    wrong = review(known, Rating.Again, START - timedelta(days=1))
    assert wrong.phase == Phase.RELEARNING
    exam = START.date() + timedelta(days=40)

    def first_review(scale: float) -> int:
        plan = plan_exam({"q": wrong}, START, exam, daily_minutes=60, retention=0.9, scale=scale)
        return next(i for i, d in enumerate(plan.days) if "q" in d.keys)

    assert first_review(1.0) == first_review(0.6) == RELEARN_WAIT_DAYS - 1
    assert first_review(0.15) == 0


def test_answers_after_long_intervals_leave_the_scale_alone() -> None:
    short = [Sample(days=2, stability=10.0, recalled=i % 10 != 0) for i in range(200)]
    far = [Sample(days=SCALE_MAX_DAYS + 8, stability=10.0, recalled=False) for _ in range(50)]
    alone = calibrate(short)
    both = calibrate(short + far)
    assert both.scale == alone.scale
    assert both.answers == alone.answers == 200


def test_an_exam_years_away_is_planned_quickly_as_ordinary_spacing() -> None:
    states: dict[int, CardState | None] = {i: None for i in range(2000)}
    started = time.perf_counter()
    plan = plan_exam(states, START, date(9999, 12, 31), daily_minutes=30)
    assert time.perf_counter() - started < 2.0  # a fortnight of days, not eight thousand years
    assert not plan.complete
    assert plan.reachable
    assert len(plan.days) < HORIZON_DAYS
    assert plan.today()


def test_review_follows_the_exam_plan_while_the_exam_lies_ahead(tmp_path: Path) -> None:
    clock = Clock()
    bank = make_bank()
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        store.update_profile(
            "ana", exam_date=(START + timedelta(days=5)).date(), daily_minutes=30, daily_new_limit=2
        )

        def session() -> Session:
            return Session(
                {bank.id: bank},
                store,
                "ana",
                SessionConfig(mode="review"),
                clock,
                random.Random(3),
                tz=UTC,
            )

        first = session()
        assert first.plan is not None
        expected = [key for key in first.plan.today()]
        asked = []
        while (shown := first.current()) is not None:
            clock.tick(seconds=20)
            asked.append((bank.id, shown.question.id))
            q = shown.question
            first.answer(wrong_response(q) if q.id == "mc-0" else right_response(q))
            first.advance()
        # The plan, not the daily new limit of two, decides: every question on the first day.
        assert asked == expected
        assert len(asked) == len(bank.questions)
        # Straight after, the plan asks nothing more today: a same-day repeat buys no days.
        again = session()
        assert again.plan is not None
        assert again.current() is None
        # Next day the missed question comes back, rebuilt from the store.
        clock.tick(days=1)
        next_day = session()
        assert next_day.plan is not None
        assert (bank.id, "mc-0") in next_day.plan.today()
        # Once the exam date has passed, review is plain FSRS again.
        clock.tick(days=10)
        after = session()
        assert after.plan is None


def _simulated_answers(
    forgetting: float, n_questions: int, rng: random.Random
) -> list[tuple[str, datetime, int, CardState]]:
    """Answers of a learner whose real stability is `forgetting` times FSRS's."""
    log: list[tuple[str, datetime, int, CardState]] = []
    for i in range(n_questions):
        state = review(None, Rating.Good, START)
        log.append((f"q{i}", START, int(Rating.Good), state))
        moment = START
        for _ in range(4):
            moment += timedelta(days=rng.randint(1, 12))
            days = (moment - state.last_review).days  # type: ignore[operator]
            recalled = rng.random() < forgetting_curve((state.stability or 0) * forgetting, days)
            rating = Rating.Good if recalled else Rating.Again
            state = review(state, rating, moment)
            log.append((f"q{i}", moment, int(rating), state))
    log.sort(key=lambda row: row[1])
    return log


def test_calibration_finds_a_fast_forgetter_and_lowers_the_log_loss() -> None:
    rng = random.Random(8)
    fitted = calibrate(samples(_simulated_answers(0.4, 120, rng)))
    assert fitted.answers > 300
    assert fitted.scale < 0.6
    assert fitted.log_loss_fitted is not None
    assert fitted.log_loss_default is not None
    assert fitted.log_loss_fitted < fitted.log_loss_default
    # The curve is flat where recall is high, so a learner like FSRS's average is placed only
    # roughly, from a few hundred questions.
    steady = calibrate(samples(_simulated_answers(1.0, 300, random.Random(1))))
    assert 0.75 < steady.scale < 1.35
    slow = calibrate(samples(_simulated_answers(2.0, 300, random.Random(1))))
    assert slow.scale > 1.5


def test_a_few_answers_barely_move_the_scale() -> None:
    few = [Sample(days=3, stability=10.0, recalled=False) for _ in range(5)]
    fitted = calibrate(few)
    assert fitted.answers == 5
    weight = 5 / (5 + PRIOR_ANSWERS)
    assert math.log(fitted.scale) == pytest.approx(math.log(0.1) * weight, rel=0.05)
    assert calibrate([]).scale == 1.0


def test_the_profiles_plan_uses_its_calibration(tmp_path: Path) -> None:
    clock = Clock()
    bank = make_bank()
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        store.update_profile("ana", exam_date=(START + timedelta(days=20)).date(), daily_minutes=30)
        trusting = exam_plan(store, "ana", [bank], clock(), UTC)
        # A learner who forgets everything after a few days: the fitted plan expects less.
        for day in range(12):
            session = Session(
                {bank.id: bank},
                store,
                "ana",
                SessionConfig(mode="practice"),
                clock,
                random.Random(day),
            )
            while (shown := session.current()) is not None:
                clock.tick(seconds=20)
                right = day == 0
                q = shown.question
                session.answer(right_response(q) if right else wrong_response(q))
                session.advance()
            clock.tick(days=3)
        from studyapp.study.plan import calibration

        fitted = calibration(store, "ana")
        assert fitted.scale < 1
        assert trusting is not None


def test_a_fitted_model_predicts_the_plan_and_leaves_the_stored_states(tmp_path: Path) -> None:
    from studyapp.scheduler.fit import MemoryModel
    from studyapp.study.plan import plan_inputs

    clock = Clock()
    bank = make_bank()
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        for _ in range(2):  # every question answered right twice, days apart
            session = Session(
                {bank.id: bank},
                store,
                "ana",
                SessionConfig(mode="practice"),
                clock,
                random.Random(1),
                tz=UTC,
            )
            while (shown := session.current()) is not None:
                clock.tick(seconds=20)
                session.answer(right_response(shown.question))
                session.advance()
            clock.tick(days=4)
        store.update_profile(
            "ana", exam_date=(clock() + timedelta(days=50)).date(), daily_minutes=60
        )
        stored = {q.id: store.card("ana", bank.id, q.id) for q in bank.questions}
        plain = exam_plan(store, "ana", [bank], clock())
        # A learner whose memories last far longer than FSRS's average learner's: the first
        # stabilities forty times the defaults (within FSRS's bound of 100 days).
        defaults = tuple(Scheduler().parameters)
        slow = tuple(min(100.0, p * 40) if i < 4 else p for i, p in enumerate(defaults))
        store.save_memory_model(
            "ana",
            MemoryModel(
                slow, answers=500, log_loss_default=0.4, log_loss_fitted=0.3, fitted_at=clock()
            ),
        )
        inputs = plan_inputs(store, "ana", [bank])
        assert inputs.parameters == slow
        assert inputs.scale == 1.0
        for q in bank.questions:
            state, card = inputs.states[bank.id, q.id], stored[q.id]
            assert state is not None
            assert card is not None
            assert state.reps == card.state.reps
            assert (state.stability or 0) > (card.state.stability or 0)
        fitted = exam_plan(store, "ana", [bank], clock())
        assert plain is not None
        assert fitted is not None
        reviews = [sum(d.questions for d in p.days) for p in (plain, fitted)]
        assert reviews[1] < reviews[0]
        # Planning read the log; what the store keeps (and sync replays) is unchanged.
        assert {q.id: store.card("ana", bank.id, q.id) for q in bank.questions} == stored


def test_the_calibration_reads_two_fields_of_each_state_as_whole_states_give_them(
    tmp_path: Path,
) -> None:
    """Store.recent_spacings (what the statistics page's calibration reads) against
    recent_answers' whole states, a few unreadable states among them."""
    import sqlite3

    from studyapp.study.plan import calibration

    path = tmp_path / "progress.sqlite3"
    log = _simulated_answers(0.5, 40, random.Random(4))
    with Store.open(path, Clock(START)) as store:
        for question, moment, rating, state in log:
            store.record(
                profile="ana",
                bank="news",
                question=question,
                content_hash="h",
                response="x",
                verdict="right" if rating != int(Rating.Again) else "wrong",
                score=1.0,
                duration_ms=900,
                mode="review",
                rating=rating,
                state=state,
                at=moment,
            )
    raw = sqlite3.connect(path)
    last = raw.execute("SELECT max(id) FROM reviews").fetchone()[0]
    damaged = (
        "not json",
        '{"v": 2, "phase": 2, "due": "2025-03-04T00:00:00+00:00", "stability": 3}',
        '{"phase": 2, "stability": 3, "last_review": "2025-03-04T00:00:00+00:00"}',
        '{"phase": 2, "due": "2025-03-04T00:00:00+00:00", "last_review": "2025-03-04T00:00:00"}',
    )
    for rid, state in zip(range(last - 30, last, 7), damaged, strict=False):
        raw.execute("UPDATE reviews SET state = ? WHERE id = ?", (state, rid))
    raw.commit()
    raw.close()
    with Store.open(path, Clock(START)) as store:
        whole = store.recent_answers("ana", 150)
        # left out (the answer with no JSON state may be set aside by the damaged-row scan)
        assert 150 - len(damaged) <= len(whole) < 150
        assert store.recent_spacings("ana", 150) == [
            (b, q, at, rating, state.stability, state.last_review)
            for b, q, at, rating, state in whole
        ]
        every = store.recent_answers("ana")
        fitted = calibrate(samples(((b, q), at, r, s) for b, q, at, r, s in every))
        assert fitted.answers > 100
        assert calibration(store, "ana") == fitted
