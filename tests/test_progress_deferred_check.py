"""A progress file too large to check at open is checked after start-up, and a damage found
then is acted on at the next open."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from progress_helpers import Clock

from studyapp.progress import Store, opening


def _store_with_answers(path: Path, answers: int = 3000) -> None:
    Store.open(path, Clock()).close()
    db = sqlite3.connect(path)
    db.executemany(
        "INSERT INTO reviews (profile, bank, question, content_hash, at, response, verdict,"
        " score, duration_ms, mode, rating, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                "ana",
                "b",
                f"q{i}",
                "h",
                "2025-01-01T00:00:00.000000+00:00",
                '"x"',
                "right",
                1.0,
                1,
                "review",
                3,
                "{}",
            )
            for i in range(answers)
        ),
    )
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _damage_the_log(path: Path) -> None:
    """Scramble a page near the end of the file: the answers' pages, not the profiles'."""
    data = bytearray(path.read_bytes())
    page = 4096
    start = (len(data) // page - 3) * page + 100
    rng = random.Random(4)
    data[start : start + 1500] = bytes(rng.randrange(256) for _ in range(1500))
    path.write_bytes(bytes(data))


def test_a_large_file_opens_without_its_check_and_is_checked_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "progress.sqlite3"
    _store_with_answers(path)
    monkeypatch.setattr(opening, "QUICK_CHECK_BYTES", path.stat().st_size - 1)
    store = Store.open(path, Clock())
    assert store.unchecked
    assert store.check()
    assert not store.unchecked
    assert not opening.damage_marker(path).exists()
    store.close()


def test_damage_found_after_start_up_moves_the_file_aside_at_the_next_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "progress.sqlite3"
    _store_with_answers(path)
    _damage_the_log(path)
    monkeypatch.setattr(opening, "QUICK_CHECK_BYTES", 0)
    store = Store.open(path, Clock())  # nothing read yet touches the damaged page
    assert store.notice is None
    assert store.unchecked
    assert not store.check()
    assert opening.damage_marker(path).exists()
    store.close()
    again = Store.open(path, Clock())
    assert again.notice is not None
    assert "damaged" in again.notice
    assert not again.unchecked
    assert not opening.damage_marker(path).exists()
    assert list(tmp_path.glob("progress.sqlite3.corrupt-*"))
    again.close()
