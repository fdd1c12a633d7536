"""Rows that pass `PRAGMA quick_check` but cannot be read: a state that is not JSON, a time that
is not a time (or not on the calendar), an exam on 9999-99-99, a text where a number belongs.

Before: the JSON export and the session raised, and the GUI stayed on "Loading banks…" with no
dialog. Now the file is copied aside whole, the rows that cannot be read are left out of the
working file (settings go back to their defaults), the learner is told, and every other row is
kept: the export lists them, and study goes on by keys.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import REPO
from pytestqt.qtbot import QtBot

from studyapp.progress import Store
from studyapp.progress.repair import find_damage
from studyapp.scheduler import Rating, review
from tests.reliability.gui_helpers import alerts, answer_and_go_on, open_window, start_drill
from tests.reliability.quiz import BANK_ID, write_quiz_bank

MOMENT = datetime(2025, 3, 1, tzinfo=UTC)


def _answers(path: Path, count: int) -> None:
    with Store.open(path, lambda: MOMENT) as store:
        store.update_profile("ana", exam_date=MOMENT.date() + timedelta(days=30))
        for i in range(count):
            at = MOMENT + timedelta(minutes=i)
            store.record(
                profile="ana", bank=BANK_ID, question=f"q{i % 40}", content_hash="h",
                response="x", verdict="right", score=1.0, duration_ms=1000,
                mode="practice", rating=int(Rating.Good), state=review(None, Rating.Good, at),
                at=at,
            )  # fmt: skip


# What a database browser (or another program) might leave; each is one damaged row or value.
DAMAGE = {
    "state not JSON": "UPDATE reviews SET state = '{\"phase\": 2, ' WHERE id = 3",
    "time not a time": "UPDATE reviews SET at = 'yesterday' WHERE id = 5",
    "a day not on the calendar": "UPDATE reviews SET at = '2025-02-30T10:00:00.000000+00:00' "
    "WHERE id = 7",
    "response not JSON": "UPDATE reviews SET response = 'x' WHERE id = 9",
    "a card state without its keys": "UPDATE cards SET state = '{}' WHERE question = 'q11'",
    "exam on 9999-99-99": "UPDATE profiles SET exam_date = '9999-99-99'",
    "daily limit as text": "UPDATE profiles SET daily_new_limit = 'many'",
}


def _damage(db: Path) -> None:
    with sqlite3.connect(db) as raw:
        for statement in DAMAGE.values():
            raw.execute(statement)
        assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "progress.sqlite3"
    _answers(db, 100)
    _damage(db)
    return data


def test_the_export_keeps_every_readable_row_and_a_copy(damaged: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "studyapp", "progress", "--data-dir", str(damaged),
         "--format", "json"],
        capture_output=True, text=True, timeout=120, cwd=REPO, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert "could not be read: 4 answer(s), 1 card state(s), 2 profile setting(s)" in out.stderr
    reviews = json.loads(out.stdout)["reviews"]
    assert sorted(r["id"] for r in reviews) == sorted(set(range(1, 101)) - {3, 5, 7, 9})
    (copy,) = damaged.glob("progress.sqlite3.damaged-*")
    with sqlite3.connect(copy) as kept:  # the file as it was, damage and all
        assert kept.execute("SELECT count(*) FROM reviews").fetchone()[0] == 100
        assert kept.execute("SELECT exam_date FROM profiles").fetchone()[0] == "9999-99-99"
    with Store.open(damaged / "progress.sqlite3", lambda: MOMENT) as store:
        assert store.notice is None  # told once; the working file is whole now
        profile = store.profile("ana")
        assert (profile.exam_date, profile.daily_new_limit) == (None, 20)
        cards = store.cards("ana")
        assert len(cards) == 40  # q11's card rebuilt from its answers
        assert cards[(BANK_ID, "q11")].last_at == MOMENT + timedelta(minutes=91)
    again = subprocess.run(
        [sys.executable, "-m", "studyapp", "progress", "--data-dir", str(damaged)],
        capture_output=True, text=True, timeout=120, cwd=REPO, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""


def test_the_window_tells_the_learner_and_study_goes_on(
    qtbot: QtBot, tmp_path: Path, damaged: Path
) -> None:
    banks = tmp_path / "banks"
    write_quiz_bank(banks, n=40)
    win = open_window(qtbot, damaged, banks)
    # The cards and settings are repaired at open, the answers just after, off start-up: one
    # dialog each, both naming the copy kept.
    qtbot.waitUntil(lambda: len(alerts()) == 2, timeout=20_000)
    box = next(b for b in alerts() if "answer(s)" in b.text())
    assert "card state(s)" in next(b for b in alerts() if b is not box).text()
    assert "could not be read" in box.text()
    copies = sorted(damaged.glob("progress.sqlite3.damaged-*"))
    assert len(copies) == 2  # the file before each repair
    assert any(c.name in box.text() for c in copies)
    for box in alerts():
        box.close()
    start_drill(qtbot, win)
    shown = [answer_and_go_on(qtbot, win) for _ in range(3)]
    with Store.open(damaged / "progress.sqlite3", lambda: MOMENT) as store:
        assert [(r.question, r.verdict) for r in store.reviews("ana")][-3:] == shown


def test_finding_damage_is_cheap_beside_opening(
    tmp_path: Path, figures: Callable[[str], None]
) -> None:
    db = tmp_path / "progress.sqlite3"
    _answers(db, 20_000)
    with sqlite3.connect(db) as raw:
        start = time.perf_counter()
        found = find_damage(raw)
        seconds = time.perf_counter() - start
        quick = time.perf_counter()
        raw.execute("PRAGMA quick_check").fetchone()
        quick_seconds = time.perf_counter() - quick
    assert found == ([], [], [])
    figures(
        f"finding damaged rows among 20,000 answers: {seconds * 1000:.0f} ms "
        f"(quick_check of the same file: {quick_seconds * 1000:.0f} ms)"
    )
    assert seconds < max(0.5, 5 * quick_seconds)


def test_the_window_scans_the_answers_after_start_up(
    tmp_path: Path, figures: Callable[[str], None]
) -> None:
    db = tmp_path / "progress.sqlite3"
    _answers(db, 20_000)

    def opening(**how: bool) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            Store.open(db, lambda: MOMENT, **how).close()
            times.append(time.perf_counter() - start)
        return min(times)

    full, later = opening(), opening(log_later=True)
    with sqlite3.connect(db) as raw:
        raw.execute(DAMAGE["time not a time"])
    with Store.open(db, lambda: MOMENT, log_later=True) as store:
        assert store.notice is None
        assert store.log_unchecked
        notice = store.check_log()
        assert notice is not None
        assert "1 answer(s)" in notice
        assert not store.log_unchecked
        assert store.review_count("ana") == 19_999  # the damaged answer left out
        assert store.check_log() is None  # and the rest is whole
    assert len(list(tmp_path.glob("progress.sqlite3.damaged-*"))) == 1
    figures(
        f"opening a store of 20,000 answers: {full * 1000:.0f} ms with the answers scanned, "
        f"{later * 1000:.0f} ms with the scan left to just after start-up (best of 3)"
    )


def test_a_synced_store_gets_a_damaged_answer_back_from_its_device(tmp_path: Path) -> None:
    from progress_helpers import Clock
    from sync_helpers import make_device

    clock = Clock()
    ana = make_device(tmp_path, "laptop", "a1a1a1a1", clock)
    bea = make_device(tmp_path, "desktop", "b2b2b2b2", clock)
    for i in range(6):
        bea.answer(f"q{i % 3}", 3 if i % 2 else 1)
        clock.tick(minutes=5)
    bea.store.sync()
    (ana.folder / bea.own_file.name).write_bytes(bea.own_file.read_bytes())
    ana.store.sync()
    want = {key: card.state for key, card in bea.store.cards("ana").items()}
    assert {key: card.state for key, card in ana.store.cards("ana").items()} == want
    path = ana.store.path
    ana.store.close()
    with sqlite3.connect(path) as raw:  # one of bea's answers, as another program left it
        (victim,) = raw.execute("SELECT id FROM reviews WHERE question = 'q1' LIMIT 1").fetchone()
        raw.execute("UPDATE reviews SET at = 'yesterday' WHERE id = ?", (victim,))
    store = Store.open(path, clock)
    assert store.notice is not None
    assert "1 answer(s)" in store.notice
    assert store.review_count("ana") == 5
    store.sync()  # bea's file is read again: the answer comes back whole
    assert store.review_count("ana") == 6
    assert {key: card.state for key, card in store.cards("ana").items()} == want
    store.close()
    bea.store.close()


def test_a_synced_store_puts_its_own_damaged_answer_back_from_its_outbox(tmp_path: Path) -> None:
    from progress_helpers import Clock
    from sync_helpers import make_device

    clock = Clock()
    ana = make_device(tmp_path, "laptop", "a1a1a1a1", clock)
    bea = make_device(tmp_path, "desktop", "b2b2b2b2", clock)
    for i in range(6):
        ana.answer(f"q{i % 3}", 3 if i % 2 else 1)
        clock.tick(minutes=5)
    ana.store.sync()
    (bea.folder / ana.own_file.name).write_bytes(ana.own_file.read_bytes())
    bea.store.sync()
    want = {key: card.state for key, card in ana.store.cards("ana").items()}
    rows = [r.to_dict() for r in ana.store.reviews("ana")]
    path = ana.store.path
    ana.store.close()
    with sqlite3.connect(path) as raw:  # two of ana's own answers, as another program left them
        raw.execute("UPDATE reviews SET at = 'yesterday' WHERE id = 2")
        raw.execute("UPDATE reviews SET response = 'x', state = '{' WHERE id = 5")
        raw.commit()
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file alone, to copy
    for how in ({}, {"log_later": True}):
        shutil.copy(path, tmp_path / "damaged.sqlite3")
        store = Store.open(tmp_path / "damaged.sqlite3", clock, **how)
        notice = store.notice or store.check_log()
        assert notice is not None
        assert "2 answer(s) (2 put back whole from this device's sync outbox)" in notice
        assert [r.to_dict() for r in store.reviews("ana")] == rows  # every value as given
        assert {key: card.state for key, card in store.cards("ana").items()} == want
        assert find_damage(store._db) == ([], [], [])
        store.close()
    # The peer never lost them, and both still compute the same cards.
    assert {key: card.state for key, card in bea.store.cards("ana").items()} == want
    bea.store.close()


def test_readers_of_the_log_wait_for_the_scan_left_off_start_up(tmp_path: Path) -> None:
    """The window leaves the answers' scan to just after start-up; the statistics page opened
    at once (on a reader, in its worker thread) and an export must still meet no damaged row."""
    import threading

    from studyapp.insight.statistics import gather
    from studyapp.progress.export import export_reviews

    db = tmp_path / "progress.sqlite3"
    _answers(db, 100)
    with sqlite3.connect(db) as raw:
        for what in ("state not JSON", "time not a time", "a day not on the calendar",
                     "response not JSON"):  # fmt: skip
            raw.execute(DAMAGE[what])
    kept = sorted(set(range(1, 101)) - {3, 5, 7, 9})
    with Store.open(db, lambda: MOMENT, log_later=True) as store:
        assert store.log_unchecked
        figures: list[object] = []

        def statistics() -> None:  # as the statistics page's worker reads them
            with store.reader() as reader:
                figures.append(gather(reader, "ana", [], MOMENT + timedelta(hours=2)))

        worker = threading.Thread(target=statistics)
        worker.start()
        worker.join(60)
        assert len(figures) == 1
        assert figures[0].total == 96  # type: ignore[attr-defined]
        exported = json.loads(export_reviews(store, "ana", "json"))["reviews"]
        assert sorted(r["id"] for r in exported) == kept
        assert not store.log_unchecked
        assert len(list(tmp_path.glob("progress.sqlite3.damaged-*"))) == 1
        notice = store.check_log()  # the window still hears of it, once
        assert notice is not None
        assert "4 answer(s)" in notice
        assert store.check_log() is None
