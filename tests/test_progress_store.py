"""The progress file itself: durability settings, read-back, damaged and foreign files, migration,
and the figures the library screen and the charts read from it."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from progress_helpers import Clock, make_bank, right_response, wrong_response

from studyapp.insight import figures
from studyapp.model import content_hash
from studyapp.progress import Store, StoreError, schema
from studyapp.scheduler import Rating, review
from studyapp.study import Session, SessionConfig


def open_store(path: Path, clock: Clock | None = None) -> Store:
    return Store.open(path, clock or Clock())


def record(store: Store, question: str = "mc-0", verdict: str = "right", **extra: object) -> int:
    state = review(None, Rating.Good if verdict == "right" else Rating.Again, store.clock())
    fields: dict[str, object] = {
        "profile": "ana",
        "bank": "news",
        "question": question,
        "content_hash": "abc",
        "response": "beta",
        "verdict": verdict,
        "score": 1.0 if verdict == "right" else 0.0,
        "duration_ms": 1500,
        "mode": "practice",
        "rating": 3,
        "state": state,
    }
    fields.update(extra)
    return store.record(**fields)  # type: ignore[arg-type]


def test_new_store_uses_wal_full_sync_and_our_version(tmp_path: Path) -> None:
    with open_store(tmp_path / "progress.sqlite3") as store:
        assert store.pragma("journal_mode") == "wal"
        assert store.pragma("synchronous") == 2  # FULL
        busy = store.pragma("busy_timeout")
        assert isinstance(busy, int)
        assert busy >= 1000
        assert store.notice is None
    raw = sqlite3.connect(tmp_path / "progress.sqlite3")
    assert raw.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    assert raw.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    raw.close()


def test_answers_and_sets_are_read_back_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    clock = Clock()
    with open_store(path, clock) as store:
        first = record(store, response={"beta", "alpha"}, question="ms")
        clock.tick(minutes=1)
        record(store, verdict="wrong", response=["x", "y"])
    with open_store(path, clock) as store:
        rows = list(store.reviews("ana"))
        assert rows[0].id == first
        assert rows[0].response == ["alpha", "beta"]
        assert rows[1].response == ["x", "y"]
        assert rows[1].verdict == "wrong"
        assert rows[1].at - rows[0].at == timedelta(minutes=1)
        card = store.card("ana", "news", "mc-0")
        assert card is not None
        assert card.last_verdict == "wrong"
        assert store.profiles() == ["ana"]
        assert store.integrity() == "ok"


def test_profile_settings_persist_and_bad_values_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with open_store(path) as store:
        assert store.profile("ben").desired_retention == 0.9
        store.update_profile(
            "ben", desired_retention=0.85, daily_new_limit=5, exam_date=date(2025, 4, 1)
        )
        with pytest.raises(ValueError, match="retention"):
            store.update_profile("ben", desired_retention=1.5)
        with pytest.raises(ValueError, match="unknown"):
            store.update_profile("ben", colour="red")
    with open_store(path) as store:
        ben = store.profile("ben")
        assert (ben.desired_retention, ben.daily_new_limit) == (0.85, 5)
        assert ben.exam_date == date(2025, 4, 1)


def test_undo_of_an_older_answer_keeps_the_newer_state(tmp_path: Path) -> None:
    with open_store(tmp_path / "progress.sqlite3") as store:
        old = record(store)
        store.clock.tick(minutes=5)  # type: ignore[attr-defined]
        record(store, verdict="wrong")
        latest = store.card("ana", "news", "mc-0")
        assert store.undo(old)
        assert store.card("ana", "news", "mc-0") == latest
        assert not store.undo(old)
        assert store.review_count("ana") == 1


def test_reset_forgets_one_profile_only(tmp_path: Path) -> None:
    with open_store(tmp_path / "progress.sqlite3") as store:
        record(store)
        record(store, profile="ben")
        assert store.reset("ana") == 1
        assert store.review_count("ana") == 0
        assert store.review_count("ben") == 1
        assert store.cards("ana") == {}


def assert_moved_aside(tmp_path: Path, original: bytes, store: Store) -> None:
    aside = [
        p
        for p in tmp_path.iterdir()
        if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(aside) == 1, list(tmp_path.iterdir())
    assert aside[0].read_bytes() == original
    assert store.notice is not None
    assert aside[0].name in store.notice
    record(store)
    assert store.review_count() == 1
    assert store.integrity() == "ok"


def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    original = b"my shopping list\n" * 100
    path.write_bytes(original)
    with open_store(path) as store:
        assert_moved_aside(tmp_path, original, store)
        assert "not a SQLite database" in (store.notice or "")


def test_another_programs_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.execute("INSERT INTO recipes VALUES ('soup')")
    other.commit()
    other.close()
    original = path.read_bytes()
    with open_store(path) as store:
        assert_moved_aside(tmp_path, original, store)
        assert "another program" in (store.notice or "")


def test_a_newer_format_is_moved_aside_not_downgraded(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with open_store(path) as store:
        record(store)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    original = path.read_bytes()
    with open_store(path) as store:
        assert_moved_aside(tmp_path, original, store)
        assert "newer" in (store.notice or "")


def test_a_damaged_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with open_store(path) as store:
        for i in range(50):
            record(store, question=f"q{i}")
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    # Keep the header's magic; scribble over the rest of the first page (the schema).
    data[100:4096] = bytes(random.Random(3).randrange(256) for _ in range(3996))
    path.write_bytes(bytes(data))
    with open_store(path) as store:
        assert_moved_aside(tmp_path, bytes(data), store)


def test_a_data_folder_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the data folder"):
        open_store(blocker / "progress.sqlite3")
    assert blocker.read_text() == "not a folder"


def test_a_folder_in_place_of_the_progress_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "progress.sqlite3"
    blocker.mkdir()
    with pytest.raises(StoreError, match="cannot be opened") as caught:
        open_store(blocker)
    assert str(blocker) in str(caught.value)
    assert blocker.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.sqlite3"]


V1_SCHEMA = """
CREATE TABLE profiles (name TEXT PRIMARY KEY, created TEXT NOT NULL,
    desired_retention REAL NOT NULL DEFAULT 0.9, daily_new_limit INTEGER NOT NULL DEFAULT 20);
CREATE TABLE reviews (id INTEGER PRIMARY KEY, profile TEXT NOT NULL, bank TEXT NOT NULL,
    question TEXT NOT NULL, content_hash TEXT NOT NULL, at TEXT NOT NULL, response TEXT NOT NULL,
    verdict TEXT NOT NULL, score REAL NOT NULL, duration_ms INTEGER, mode TEXT NOT NULL,
    rating INTEGER NOT NULL, state TEXT NOT NULL);
CREATE INDEX reviews_card ON reviews (profile, bank, question, id);
CREATE TABLE cards (profile TEXT NOT NULL, bank TEXT NOT NULL, question TEXT NOT NULL,
    content_hash TEXT NOT NULL, state TEXT NOT NULL, due TEXT NOT NULL, first_at TEXT NOT NULL,
    last_at TEXT NOT NULL, last_verdict TEXT NOT NULL, PRIMARY KEY (profile, bank, question))
    WITHOUT ROWID;
"""


def build_v1(path: Path, clock: Clock) -> None:
    """A store as format 1 wrote it, written by hand so the test does not trust the migration."""
    import json

    state = review(None, Rating.Good, clock())
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.execute("INSERT INTO profiles VALUES ('ana', '2025-03-01T00:00:00+00:00', 0.8, 7)")
    at = clock().isoformat(timespec="microseconds")
    db.execute(
        "INSERT INTO reviews VALUES (1, 'ana', 'news', 'mc-0', 'h', ?, '\"beta\"', 'right', 1.0,"
        " 900, 'practice', 3, ?)",
        (at, json.dumps(state.to_dict())),
    )
    db.execute(
        "INSERT INTO cards VALUES ('ana', 'news', 'mc-0', 'h', ?, ?, ?, ?, 'right')",
        (json.dumps(state.to_dict()), state.due.isoformat(timespec="microseconds"), at, at),
    )
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()


def test_every_earlier_version_migrates_with_a_backup(tmp_path: Path) -> None:
    # Version 0 is an empty file (e.g. created by a crash before the first write).
    empty = tmp_path / "v0" / "progress.sqlite3"
    empty.parent.mkdir()
    empty.touch()
    with open_store(empty) as store:
        assert store.notice is None
        assert store.profile("ana").quick_seconds > 0
    clock = Clock()
    path = tmp_path / "v1" / "progress.sqlite3"
    path.parent.mkdir()
    build_v1(path, clock)
    with open_store(path, clock) as store:
        assert store.notice is not None
        assert "backup" in store.notice
        ana = store.profile("ana")
        assert (ana.desired_retention, ana.daily_new_limit, ana.exam_date) == (0.8, 7, None)
        [row] = list(store.reviews())
        assert (row.question, row.response, row.duration_ms) == ("mc-0", "beta", 900)
        assert store.card("ana", "news", "mc-0") is not None
        record(store)
        assert store.integrity() == "ok"
    backups = [p for p in path.parent.iterdir() if ".v1-backup-" in p.name]
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1
    old.close()
    # Format 2 -> 3 is tested from a hand-built file in test_progress_profiles.py, 3 -> 4 in
    # test_sync_folder.py, 4 -> 5 in test_xapi_queue.py, 5 -> 6 in test_memory_fit.py, 6 -> 7
    # in test_bank_tallies.py, 7 -> 8 in test_sync_profiles.py, 8 -> 9 in
    # test_review_quarters.py.
    assert len(schema.MIGRATIONS) == 9, "add a hand-built schema for the new version"


def test_library_figures_and_statistics(tmp_path: Path) -> None:
    clock = Clock()
    bank = make_bank()
    store = open_store(tmp_path / "progress.sqlite3", clock)
    assert figures.bank_summary(store, "ana", bank, clock()) == (8, 0, 8, 0.0, 0, None)
    session = Session(
        {bank.id: bank},
        store,
        "ana",
        SessionConfig(question_ids=("who-nato", "who-guarantees", "mc-0")),
        clock,
        random.Random(2),
    )
    shown = session.current()
    assert shown is not None
    session.answer(right_response(shown.question), confidence="easy")  # graduates at once
    session.advance()
    shown = session.current()
    assert shown is not None
    session.answer("biden")  # who-guarantees: Macron said it
    session.advance()
    shown = session.current()
    assert shown is not None
    session.answer(wrong_response(shown.question))
    summary = figures.bank_summary(store, "ana", bank, clock())
    assert (
        figures.today(store, "ana", clock()).due_now == 0
    )  # nothing is due the moment it is answered
    assert summary.total == 8
    assert summary.new == 5
    assert summary.mastered == pytest.approx(1 / 8)
    clock.tick(hours=1)
    assert figures.bank_summary(store, "ana", bank, clock()).due == 2
    line = figures.today(store, "ana", clock())
    assert (line.answered, line.right) == (3, 1)
    assert line.fraction_right == pytest.approx(1 / 3)
    assert line.next_due is not None
    assert line.next_due < clock()
    assert line.due_now == 2  # the two missed ones, the same as the library's due count
    days = figures.reviews_per_day(store, "ana", clock(), days=7)
    assert len(days) == 7
    assert (days[-1].answered, days[-1].right, days[-1].accuracy) == (3, 1, pytest.approx(1 / 3))
    assert sum(d.answered for d in days[:-1]) == 0
    forecast = figures.due_forecast(store, "ana", clock(), days=30)
    assert len(forecast) == 30
    assert forecast[0][1] == 2
    assert sum(n for _, n in forecast) == 3
    mastery = figures.tag_mastery(store, "ana", [bank], clock())
    assert (mastery["quotes"].mastered, mastery["quotes"].seen, mastery["quotes"].total) == (
        1,
        2,
        2,
    )
    assert mastery["facts"].seen == 1
    assert figures.confusion(store, "ana", {bank.id: bank}) == {
        ("trump", "trump"): 1,
        ("macron", "biden"): 1,
    }
    # An attribution edited since (new speaker) no longer counts its old answers.
    edited = bank.__class__(
        id=bank.id,
        title=bank.title,
        questions=(
            bank.questions[0].__class__(id="who-guarantees", quote="Changed.", speaker="starmer"),
        ),
        actors=bank.actors,
    )
    assert content_hash(edited.questions[0]) != content_hash(bank.questions[1])
    assert figures.confusion(store, "ana", {bank.id: edited}) == {}
    store.close()


def test_exam_plan_from_the_profiles_settings(tmp_path: Path) -> None:
    from studyapp.study.plan import exam_plan

    clock = Clock()
    bank = make_bank()
    with open_store(tmp_path / "progress.sqlite3", clock) as store:
        assert exam_plan(store, "ana", [bank], clock()) is None
        record(store, question="mc-0", content_hash=content_hash(bank.question("mc-0")))
        store.update_profile("ana", exam_date=date(2025, 3, 10), daily_minutes=5)
        plan = exam_plan(store, "ana", [bank], clock())
        assert plan is not None
        assert plan.exam == date(2025, 3, 10)
        assert len(plan.days) == 7
        assert set(plan.recall) == {(bank.id, q.id) for q in bank.questions}
        # The learner answers in 1.5 s (the logged duration), so 5 minutes fit everything that
        # needs study today: the seven unseen questions. mc-0, answered minutes ago, waits for
        # a later day (asking it again today would spend a review on short-term memory).
        assert plan.reachable
        assert plan.days[0].questions == 7
        assert (bank.id, "mc-0") not in plan.days[0].keys


def test_tag_mastery_and_exam_plan_follow_renamed_questions(tmp_path: Path) -> None:
    """Answers given before a question got a new id (the old one kept in `aliases`) still count."""
    from dataclasses import replace

    from studyapp.study.plan import exam_plan

    clock = Clock()
    bank = make_bank()
    with open_store(tmp_path / "progress.sqlite3", clock) as store:
        store.update_profile("ana", exam_date=date(2025, 3, 10), daily_minutes=1)
        config = SessionConfig(question_ids=("who-nato", "mc-0"))
        session = Session({bank.id: bank}, store, "ana", config, clock, random.Random(5))
        while (shown := session.current()) is not None:
            clock.tick(seconds=10)
            session.answer(right_response(shown.question))
            session.advance()
        renamed = replace(
            bank,
            questions=tuple(
                replace(q, id=f"{q.id}-renamed", aliases=(q.id,))
                if q.id in ("who-nato", "mc-0")
                else q
                for q in bank.questions
            ),
        )
        before = figures.tag_mastery(store, "ana", [bank], clock())
        after = figures.tag_mastery(store, "ana", [renamed], clock())
        assert (after["quotes"].seen, after["facts"].seen) == (1, 1)
        assert after == before
        old_plan = exam_plan(store, "ana", [bank], clock())
        new_plan = exam_plan(store, "ana", [renamed], clock())
        assert old_plan is not None
        assert new_plan is not None
        for qid in ("who-nato", "mc-0"):
            remembered = old_plan.recall[bank.id, qid]
            assert remembered > 0  # answered: not a question starting from nothing
            assert new_plan.recall[bank.id, f"{qid}-renamed"] == remembered
        assert new_plan.per_day() == old_plan.per_day()
