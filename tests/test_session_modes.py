"""Review, mistakes and exam sessions, and editing banks in the middle of a session."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from progress_helpers import Clock, make_bank, right_response, wrong_response

from studyapp.model import Bank
from studyapp.progress import Store
from studyapp.study import Session, SessionConfig, SessionError


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    s = Store.open(tmp_path / "progress.sqlite3", clock)
    yield s
    s.close()


def run(session: Session, clock: Clock, answer_right: set[str] | None = None) -> list[str]:
    ids = []
    while (shown := session.current()) is not None:
        clock.tick(seconds=20)
        q = shown.question
        ok = answer_right is None or q.id in answer_right
        session.answer(right_response(q) if ok else wrong_response(q))
        ids.append(q.id)
        session.advance()
    return ids


def new_session(store: Store, clock: Clock, bank: Bank | None = None, **cfg: object) -> Session:
    bank = bank or make_bank()
    config = SessionConfig(**cfg)  # type: ignore[arg-type]
    return Session({bank.id: bank}, store, "ana", config, clock, random.Random(11))


def test_review_puts_due_first_then_new_within_the_daily_limit(store: Store, clock: Clock):
    store.update_profile("ana", daily_new_limit=3)
    first = run(new_session(store, clock, mode="review"), clock, answer_right=set())
    assert len(first) == 3  # only new ones, three a day
    clock.tick(minutes=30)  # the wrong ones come due again within minutes
    second = run(new_session(store, clock, mode="review"), clock)
    assert second == first  # the day's new allowance is spent: due only, most overdue first
    clock.tick(days=1)
    third = new_session(store, clock, mode="review")
    order = run(third, clock)
    assert set(first) <= set(order[:3])
    assert len(order) == 6
    assert not set(order[3:]) & set(first)


def test_mistakes_are_the_latest_wrong_answers_newest_first(store: Store, clock: Clock):
    run(
        new_session(store, clock, question_ids=("mc-0", "mc-1", "mc-2", "tf-1")),
        clock,
        answer_right={"mc-1"},
    )
    clock.tick(hours=1)
    run(new_session(store, clock, question_ids=("mc-2",)), clock)  # put right since
    mistakes = new_session(store, clock, mode="mistakes")
    assert run(mistakes, clock) == ["tf-1", "mc-0"]


def test_exam_hides_feedback_counts_unanswered_and_breaks_down_by_tag(store: Store, clock: Clock):
    exam = new_session(store, clock, mode="exam", limit=5, tags=("facts", "quotes"))
    assert exam.total == 5
    shown = exam.current()
    assert shown is not None
    assert shown.time_left is None
    outcome = exam.answer(right_response(shown.question))
    assert not outcome.show_feedback
    exam.advance()
    shown = exam.current()
    assert shown is not None
    exam.answer(wrong_response(shown.question))
    exam.advance()
    exam.advance()  # skipped
    summary = exam.summary()
    assert (summary.total, summary.answered, summary.right) == (5, 2, 1)
    assert summary.fraction == pytest.approx(1 / 5)
    assert len(summary.missed) == 4
    assert sum(1 for m in summary.missed if m.verdict == "unanswered") == 3
    assert sum(t.total for t in summary.per_tag.values()) >= 5
    assert set(summary.per_tag) <= {"facts", "quotes", "europe"}
    assert store.review_count("ana") == 2


def test_exam_time_limit_ends_the_exam(store: Store, clock: Clock):
    exam = new_session(store, clock, mode="exam", limit=4, time_limit=60)
    shown = exam.current()
    assert shown is not None
    assert shown.time_left is not None
    assert shown.time_left.total_seconds() == 60
    clock.tick(seconds=45)
    assert exam.current().time_left.total_seconds() == 15  # type: ignore[union-attr]
    clock.tick(seconds=15)
    assert exam.finished
    assert exam.current() is None
    with pytest.raises(SessionError, match="time is up"):
        exam.answer("beta")
    assert exam.summary().fraction == 0.0


def test_reload_skips_vanished_follows_renamed_and_reshows_edited(store: Store, clock: Clock):
    bank = make_bank()
    ids = ("mc-0", "mc-1", "mc-2", "mc-3")
    session = new_session(store, clock, bank, question_ids=ids)
    shown = session.current()
    assert shown is not None
    session.answer(right_response(shown.question))
    session.advance()
    assert session.current().question.id == "mc-1"  # type: ignore[union-attr]
    questions = {q.id: q for q in bank.questions}
    renamed = replace(questions["mc-1"], id="mc-one", aliases=("mc-1",), explanation="New.")
    edited = replace(questions["mc-3"], choices=("beta", "delta"))
    changed = replace(
        bank,
        questions=tuple(
            q
            for q in (
                questions["mc-0"],
                renamed,
                edited,
                *(q for q in bank.questions if not q.id.startswith("mc-")),
            )
        ),
    )
    before = session.current()
    session.reload({changed.id: changed})
    now = session.current()
    assert now is not None
    assert before is not None
    assert now.question.id == "mc-one"
    assert now.question.explanation == "New."
    assert now.presentation.options == before.presentation.options
    assert now.total == 3  # mc-2 vanished
    session.answer(right_response(now.question))
    session.advance()
    last = session.current()
    assert last is not None
    assert last.question.id == "mc-3"
    assert set(last.presentation.options) == {"beta", "delta"}
    session.answer("beta")
    assert session.advance() is None
    assert [r.question for r in store.reviews("ana")] == ["mc-0", "mc-one", "mc-3"]
    # The whole bank vanishing ends the session without an error.
    session.undo()
    session.reload({})
    assert session.current() is None
    assert session.finished


def test_exam_time_follows_the_number_of_questions_drawn(store: Store, clock: Clock):
    bank = make_bank()  # eight questions, fewer than an exam's usual twenty
    config = SessionConfig.for_mode("exam", (bank.id,))
    assert config.limit == 20
    exam = Session({bank.id: bank}, store, "ana", config, clock, random.Random(3))
    assert exam.total == len(bank.questions) == 8
    shown = exam.current()
    assert shown is not None
    assert shown.time_left is not None
    assert shown.time_left.total_seconds() == 8 * 60
    small = new_session(store, clock, mode="exam", limit=3, seconds_per_question=45)
    assert small.total == 3
    assert small.current().time_left.total_seconds() == 135  # type: ignore[union-attr]
    clock.tick(seconds=135)
    assert small.finished


def test_practice_is_untimed_and_config_rejects_two_time_rules():
    assert SessionConfig.for_mode("practice", ("b",)).seconds_per_question is None
    assert SessionConfig.for_mode("practice", ("b",)).limit is None
    with pytest.raises(ValueError, match="not both"):
        SessionConfig(mode="exam", time_limit=60, seconds_per_question=30)
    with pytest.raises(ValueError, match="positive"):
        SessionConfig(mode="exam", seconds_per_question=0)


def test_the_daily_new_limit_counts_from_the_learners_midnight(store: Store, clock: Clock):
    """A learner eight hours behind UTC: UTC midnight falls in their afternoon, not between days."""
    pacific = timezone(timedelta(hours=-8))
    bank = make_bank()

    def review() -> Session:
        config = SessionConfig(mode="review")
        return Session({bank.id: bank}, store, "ana", config, clock, random.Random(3), pacific)

    store.update_profile("ana", daily_new_limit=2)
    clock.now = datetime(2025, 3, 10, 22, 0, tzinfo=UTC)  # 14:00 on the 10th for the learner
    first = run(review(), clock)
    assert len(first) == 2
    clock.now = datetime(2025, 3, 11, 1, 0, tzinfo=UTC)  # a new UTC day, still the 10th locally
    local_day = review()
    # The same moment counted from UTC midnight would hand out two more new questions.
    config = SessionConfig(mode="review")
    utc_day = Session({bank.id: bank}, store, "ana", config, clock, random.Random(3))
    assert utc_day.total == local_day.total + 2
    assert set(run(local_day, clock)) <= set(first)  # only those already seen come back
    clock.now = datetime(2025, 3, 11, 8, 30, tzinfo=UTC)  # 00:30 on the 11th locally
    second = run(review(), clock)
    assert len(set(second) - set(first)) == 2  # the new day's allowance
