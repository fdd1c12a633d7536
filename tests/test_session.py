"""Study sessions driven as the GUI drives them, against a real progress file."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from progress_helpers import Clock, make_bank, right_response, wrong_response

from studyapp.model import content_hash
from studyapp.progress import Store
from studyapp.scheduler import Rating
from studyapp.study import Session, SessionConfig, SessionError


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    s = Store.open(tmp_path / "progress.sqlite3", clock)
    yield s
    s.close()


def start(store: Store | None, clock: Clock, **config: object) -> Session:
    bank = make_bank()
    cfg = SessionConfig(**config)  # type: ignore[arg-type]
    return Session({bank.id: bank}, store, "ana", cfg, clock, random.Random(7))


def log_rows(path: Path) -> list[tuple[str, str, float, int]]:
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT question, verdict, score, rating FROM reviews ORDER BY id"
        ).fetchall()


def test_practice_answers_every_question_and_each_is_in_the_file(store: Store, clock: Clock):
    session = start(store, clock)
    seen = []
    while (shown := session.current()) is not None:
        assert shown.index == len(seen)
        assert shown.total == 8
        clock.tick(seconds=20)
        outcome = session.answer(right_response(shown.question))
        assert outcome.show_feedback
        assert outcome.verdict == "right"
        assert outcome.rating == Rating.Good
        assert outcome.due > clock.now
        assert outcome.source_title == "US Withdraws Security Promises for Ukraine"
        seen.append(shown.question.id)
        # Durable before returning: a second connection sees the row at once.
        assert [r[0] for r in log_rows(store.path)] == seen
        session.advance()
    assert sorted(seen) == sorted(q.id for q in make_bank().questions)
    summary = session.summary()
    assert (summary.answered, summary.right, summary.fraction) == (8, 8, 1.0)
    assert summary.per_tag["facts"].right == summary.per_tag["facts"].total == 4
    assert summary.missed == ()


def test_wrong_and_quick_answers_give_again_and_easy(store: Store, clock: Clock):
    session = start(store, clock, question_ids=("mc-0", "mc-1"))
    first = session.current()
    assert first is not None
    assert first.question.id == "mc-0"
    clock.tick(seconds=30)
    assert session.answer(wrong_response(first.question)).rating == Rating.Again
    session.advance()
    clock.tick(seconds=2)
    second = session.current()
    assert second is not None
    assert session.answer(right_response(second.question)).rating == Rating.Easy
    assert [r[3] for r in log_rows(store.path)] == [1, 4]
    summary = session.summary()
    assert [m.question.id for m in summary.missed] == ["mc-0"]
    assert summary.missed[0].evidence == ("Passage 0.",)
    assert summary.missed[0].expected == "beta"


def test_confidence_overrides_the_clock_but_not_a_wrong_answer(store: Store, clock: Clock):
    session = start(store, clock, question_ids=("mc-0", "mc-1"))
    shown = session.current()
    assert shown is not None
    assert session.answer(right_response(shown.question), confidence="hard").rating == Rating.Hard
    session.advance()
    shown = session.current()
    assert shown is not None
    assert session.answer(wrong_response(shown.question), confidence="easy").rating == Rating.Again


def test_answering_twice_is_refused_and_undo_takes_the_answer_back(store: Store, clock: Clock):
    session = start(store, clock, question_ids=("mc-0",))
    shown = session.current()
    assert shown is not None
    session.answer(wrong_response(shown.question))
    with pytest.raises(SessionError):
        session.answer(right_response(shown.question))
    assert store.card("ana", "news", "mc-0") is not None
    assert session.undo()
    assert log_rows(store.path) == []
    assert store.card("ana", "news", "mc-0") is None
    again = session.current()
    assert again is not None
    assert again.outcome is None
    assert again.presentation == shown.presentation
    assert session.answer(right_response(shown.question)).verdict == "right"
    assert [r[1] for r in log_rows(store.path)] == ["right"]
    assert not start(store, clock).undo()


def test_undo_restores_the_previous_card_state(store: Store, clock: Clock):
    session = start(store, clock, question_ids=("mc-0",))
    shown = session.current()
    assert shown is not None
    session.answer(right_response(shown.question))
    before = store.card("ana", "news", "mc-0")
    clock.tick(days=3)
    later = start(store, clock, question_ids=("mc-0",))
    shown = later.current()
    assert shown is not None
    later.answer(wrong_response(shown.question))
    assert store.card("ana", "news", "mc-0") != before
    assert later.undo()
    assert store.card("ana", "news", "mc-0") == before


def test_preview_records_nothing(store: Store, clock: Clock):
    session = start(store, clock, record=False)
    shown = session.current()
    assert shown is not None
    outcome = session.answer(right_response(shown.question))
    assert not outcome.recorded
    assert log_rows(store.path) == []
    without_store = start(None, clock)
    shown = without_store.current()
    assert shown is not None
    assert without_store.answer(right_response(shown.question)).verdict == "right"


def test_choice_order_comes_from_the_rng(clock: Clock):
    def options(seed: int) -> list[tuple[str, ...]]:
        bank = make_bank()
        s = Session(
            {bank.id: bank}, None, "ana", SessionConfig(record=False), clock, random.Random(seed)
        )
        out = []
        while (shown := s.current()) is not None:
            out.append(shown.presentation.options)
            s.advance()
        return out

    assert options(1) == options(1)
    assert options(1) != options(2)


def test_edited_question_is_flagged_and_starts_afresh(store: Store, clock: Clock):
    session = start(store, clock, question_ids=("mc-0",))
    shown = session.current()
    assert shown is not None
    session.answer(right_response(shown.question))
    old_hash = content_hash(shown.question)
    bank = make_bank()
    edited_q = bank.questions[4].__class__(
        id="mc-0", prompt="Question 0, reworded?", choices=("alpha", "beta"), answer="beta"
    )
    edited = bank.__class__(
        id=bank.id,
        title=bank.title,
        questions=(*bank.questions[:4], edited_q, *bank.questions[5:]),
        actors=bank.actors,
    )
    clock.tick(minutes=5)
    later = Session(
        {edited.id: edited},
        store,
        "ana",
        SessionConfig(question_ids=("mc-0",)),
        clock,
        random.Random(1),
    )
    shown = later.current()
    assert shown is not None
    assert shown.changed
    outcome = later.answer("beta")
    assert outcome.changed
    card = store.card("ana", "news", "mc-0")
    assert card is not None
    assert card.content_hash != old_hash
    assert card.state.reps == 1
