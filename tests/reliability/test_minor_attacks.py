"""The small ones: a 4 MB tag echoed whole, a pipe given as a bank, a backup cut short by a full
disk left behind on every try, and an endless `daily_minutes`."""

from __future__ import annotations

import math
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPO

from studyapp.bank.problems import MAX_MESSAGE
from studyapp.progress import Store


def _validate(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", "validate", *map(str, paths)],
        capture_output=True, text=True, timeout=60, cwd=REPO, check=False,
    )  # fmt: skip


def test_a_huge_tag_is_not_echoed_whole(tmp_path: Path) -> None:
    bank = tmp_path / "tag.yaml"
    bank.write_text(
        "studyapp: 1\nid: t\ntitle: !" + "a" * 4_000_000 + " x\nquestions: []\n", "utf-8"
    )
    out = _validate(bank)
    assert out.returncode == 1
    assert "is not allowed in a bank" in out.stdout
    assert len(out.stdout) < 2 * MAX_MESSAGE + 500  # one line of problem and the summary
    assert "Traceback" not in out.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_given_as_a_bank_is_named_for_what_it_is(tmp_path: Path) -> None:
    pipe = tmp_path / "bank.yaml"
    os.mkfifo(pipe)
    out = _validate(pipe)  # must not wait for a writer
    assert out.returncode == 1
    assert f"{pipe}:0:0: error: a pipe, not a bank file" in out.stdout
    assert "no such file" not in out.stdout


def test_a_backup_cut_short_leaves_nothing_behind(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    db = tmp_path / "progress.sqlite3"
    with Store.open(db, lambda: datetime(2025, 3, 1, tzinfo=UTC)) as store:
        store.update_profile("ana", daily_new_limit=5)
        store._db.execute("CREATE TABLE padding (x BLOB)")
        store._db.execute("INSERT INTO padding VALUES (zeroblob(400000))")
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA user_version = 1")  # an older format: opening backs it up first
    # The file may not grow past 64 kB in the child: the 400 kB copy fails part way, as on a
    # full disk, every time the store is opened.
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        from datetime import datetime
        from studyapp.progress import Store, StoreError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
        for _ in range(3):
            try:
                Store.open({str(db)!r}, lambda: datetime(2025, 3, 1))
            except StoreError as error:
                print("refused:", error)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=REPO,
        check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("refused:") == 3, out.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        p for p in ("progress.sqlite3", "progress.sqlite3-shm", "progress.sqlite3-wal")
        if (tmp_path / p).exists()
    ]  # fmt: skip


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, 10**9])
def test_an_endless_daily_minutes_is_refused(tmp_path: Path, value: float) -> None:
    from datetime import UTC, datetime

    with Store.open(
        tmp_path / "progress.sqlite3", lambda: datetime(2025, 3, 1, tzinfo=UTC)
    ) as store:
        with pytest.raises(ValueError, match="daily minutes"):
            store.update_profile("ana", daily_minutes=value)
        assert store.profile("ana").daily_minutes is None


def test_an_endless_daily_minutes_written_by_another_program_is_set_back(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    db = tmp_path / "progress.sqlite3"
    clock = lambda: datetime(2025, 3, 1, tzinfo=UTC)  # noqa: E731
    with Store.open(db, clock) as store:
        store.update_profile("ana", daily_minutes=30)
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE profiles SET daily_minutes = 9e999")  # SQLite's infinity
    with Store.open(db, clock) as store:
        assert store.notice is not None
        assert "1 profile setting(s), set back to their defaults" in store.notice
        assert store.profile("ana").daily_minutes is None
