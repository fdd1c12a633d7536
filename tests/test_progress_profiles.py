"""Profiles as a learner manages them: rename, delete, option shuffling, and format 2 -> 3."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from progress_helpers import Clock, make_bank, right_response
from test_progress_store import V1_SCHEMA

from studyapp.progress import Store, schema
from studyapp.scheduler import Rating, review
from studyapp.study import Session, SessionConfig


def answer_all(store: Store, profile: str, clock: Clock) -> int:
    bank = make_bank()
    session = Session({bank.id: bank}, store, profile, SessionConfig(), clock, random.Random(1))
    count = 0
    while (shown := session.current()) is not None:
        session.answer(right_response(shown.question))
        clock.tick(seconds=20)
        session.advance()
        count += 1
    return count


def test_rename_moves_settings_answers_and_cards(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "progress.sqlite3"
    with Store.open(path, clock) as store:
        answered = answer_all(store, "ana", clock)
        store.update_profile("ana", daily_new_limit=5, shuffle_options=False)
        renamed = store.rename_profile("ana", "Ana Silva")
        assert (renamed.name, renamed.daily_new_limit, renamed.shuffle_options) == (
            "Ana Silva",
            5,
            False,
        )
    with Store.open(path, clock) as store:  # read back from the file
        assert store.profiles() == ["Ana Silva"]
        assert store.review_count("Ana Silva") == answered
        assert store.review_count("ana") == 0
        assert len(store.cards("Ana Silva")) == answered
        assert store.integrity() == "ok"


def test_rename_refuses_clashes_and_blank_names(tmp_path: Path) -> None:
    clock = Clock()
    with Store.open(tmp_path / "progress.sqlite3", clock) as store:
        answer_all(store, "ana", clock)
        store.profile("ben")
        with pytest.raises(ValueError, match="already a profile named 'ben'"):
            store.rename_profile("ana", "ben")
        with pytest.raises(ValueError, match="needs a name"):
            store.rename_profile("ana", "   ")
        with pytest.raises(ValueError, match="no profile named 'zoe'"):
            store.rename_profile("zoe", "zed")
        assert store.review_count("ana") > 0
        assert store.review_count("ben") == 0


def test_delete_removes_one_profile_only(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "progress.sqlite3"
    with Store.open(path, clock) as store:
        ana = answer_all(store, "ana", clock)
        ben = answer_all(store, "ben", clock)
        assert store.delete_profile("ana") == ana
    with Store.open(path, clock) as store:
        assert store.profiles() == ["ben"]
        assert store.review_count("ben") == ben
        assert store.cards("ana") == {}


def test_unshuffled_options_keep_the_bank_order(tmp_path: Path) -> None:
    clock = Clock()
    bank = make_bank(n_choice=6)
    with Store.open(tmp_path / "progress.sqlite3", clock) as store:
        store.update_profile("ana", shuffle_options=False)
        config = SessionConfig(question_ids=tuple(f"mc-{i}" for i in range(6)))
        for seed in range(4):
            session = Session({bank.id: bank}, store, "ana", config, clock, random.Random(seed))
            shown = session.current()
            assert shown is not None
            assert shown.presentation.options == ("alpha", "beta", "gamma")
        store.update_profile("ana", shuffle_options=True)
        orders = set()
        for seed in range(8):
            session = Session({bank.id: bank}, store, "ana", config, clock, random.Random(seed))
            shown = session.current()
            assert shown is not None
            orders.add(shown.presentation.options)
        assert len(orders) > 1


V2_ALTER = """
ALTER TABLE profiles ADD COLUMN exam_date TEXT;
ALTER TABLE profiles ADD COLUMN daily_minutes INTEGER;
ALTER TABLE profiles ADD COLUMN quick_seconds REAL NOT NULL DEFAULT 8.0;
CREATE INDEX reviews_time ON reviews (profile, at);
CREATE INDEX cards_due ON cards (profile, due);
"""


def test_format_2_gains_option_shuffling_on_with_a_backup(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "progress.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA + V2_ALTER)
    db.execute(
        "INSERT INTO profiles (name, created, desired_retention, daily_new_limit, exam_date, "
        "daily_minutes) VALUES ('ana', '2025-03-01T00:00:00+00:00', 0.85, 9, '2025-04-01', 15)"
    )
    state = review(None, Rating.Good, clock())
    at = clock().isoformat(timespec="microseconds")
    db.execute(
        "INSERT INTO reviews VALUES (1, 'ana', 'news', 'mc-0', 'h', ?, '\"beta\"', 'right', 1.0,"
        " 900, 'practice', 3, ?)",
        (at, json.dumps(state.to_dict())),
    )
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with Store.open(path, clock) as store:
        assert store.notice is not None
        assert "backup" in store.notice
        ana = store.profile("ana")
        assert (ana.desired_retention, ana.daily_new_limit, ana.daily_minutes) == (0.85, 9, 15)
        assert ana.shuffle_options is True
        assert store.review_count("ana") == 1
    assert [p.name for p in tmp_path.iterdir() if ".v2-backup-" in p.name]
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    raw.close()
