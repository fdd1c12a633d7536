"""Power cuts and a second app on the same profile, with the real store in real processes.

Power cut: a writer process records answers as fast as it can, printing each one once `record`
has returned. At random moments the test freezes it (SIGSTOP), copies the database, its -wal and
its -shm, and lets it go on (SIGCONT). A frozen process is one instant of the files, with any
write half done, which is what a power cut leaves (copying the files while they change would be
no instant at all). Each copy must open, pass integrity_check and hold every answer reported
before the freeze.

Two instances: the store takes its write lock with BEGIN IMMEDIATE and waits up to its busy
timeout, so two processes answering at once on one profile both get every answer saved.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO

from studyapp.progress import Store

WRITER = """
import random, sys
sys.path.insert(0, "tests")
from progress_helpers import Clock, make_bank, right_response, wrong_response
from studyapp.progress import Store
from studyapp.study import Session, SessionConfig

db, profile, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
clock = Clock()
bank = make_bank(n_choice=300)
store = Store.open(db, clock)
rng = random.Random(seed)
n = 0
while count < 0 or n < count:
    session = Session({bank.id: bank}, store, profile, SessionConfig(), clock, rng)
    while (shown := session.current()) is not None and (count < 0 or n < count):
        clock.tick(seconds=2)
        pick = right_response if rng.random() < 0.7 else wrong_response
        outcome = session.answer(pick(shown.question))
        n += 1
        print(n, shown.question.id, outcome.verdict, flush=True)
        session.advance()
print("done", flush=True)
"""


def writer(db: Path, profile: str, seed: int, count: int = -1) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), profile, str(seed), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def open_copy(folder: Path) -> tuple[str, list[tuple[str, str]]]:
    conn = sqlite3.connect(folder / "progress.sqlite3")
    try:
        check = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        rows = conn.execute("SELECT question, verdict FROM reviews ORDER BY id").fetchall()
    finally:
        conn.close()
    return check, rows


def power_cuts(tmp_path: Path, snapshots: int, seed: int, figures: Callable[[str], None]) -> None:
    rng = random.Random(seed)
    db = tmp_path / "live" / "progress.sqlite3"
    db.parent.mkdir()
    lines: list[str] = []
    process = writer(db, "ana", seed)

    def read() -> None:
        assert process.stdout is not None
        lines.extend(line.rstrip("\n") for line in process.stdout)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    copies = []
    try:
        while len(lines) < 5:
            time.sleep(0.01)
        for n in range(snapshots):
            time.sleep(rng.uniform(0.0, 0.15))
            os.kill(process.pid, signal.SIGSTOP)
            time.sleep(0.02)  # lets the reader take in every line printed before the freeze
            reported = list(lines)
            target = tmp_path / f"cut-{n}"
            target.mkdir()
            for suffix in ("", "-wal", "-shm"):
                source = db.with_name(db.name + suffix)
                if source.exists():
                    shutil.copyfile(source, target / source.name)
            os.kill(process.pid, signal.SIGCONT)
            copies.append((target, reported))
    finally:
        process.kill()
        process.wait(timeout=30)
        reader.join(timeout=30)
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        process.stderr.close()
    missing = ahead = 0
    for target, reported in copies:
        check, rows = open_copy(target)
        assert check == "ok", target
        expected = [tuple(line.split()[1:3]) for line in reported]
        missing += sum(1 for a, b in zip(expected, rows, strict=False) if a != b)
        missing += max(0, len(expected) - len(rows))
        assert rows[: len(expected)] == expected, target
        ahead += len(rows) - len(expected)
        # The app itself opens the copy without moving it aside.
        with Store.open(target / "progress.sqlite3", lambda: None) as store:  # type: ignore[arg-type,return-value]
            assert store.notice is None
            assert store.review_count() == len(rows)
    figures(
        f"{len(copies)} snapshots during writes: all opened, integrity_check ok, "
        f"{missing} committed answers missing (up to {max(len(r) for _, r in copies)} "
        f"answers in one copy); {ahead} answers committed but not yet reported were also there"
    )
    assert missing == 0


def test_snapshots_during_writes_open_with_every_committed_answer(
    tmp_path: Path, figures: Callable[[str], None]
) -> None:
    power_cuts(tmp_path, snapshots=15, seed=3, figures=figures)


@pytest.mark.slow
def test_snapshots_during_writes_many(tmp_path: Path, figures: Callable[[str], None]) -> None:
    power_cuts(tmp_path, snapshots=300, seed=11, figures=figures)


def two_instances(tmp_path: Path, each: int, figures: Callable[[str], None]) -> None:
    db = tmp_path / "progress.sqlite3"
    Store.open(db, lambda: None).close()  # type: ignore[arg-type,return-value]
    started = time.monotonic()
    processes = [writer(db, "ana", seed, each) for seed in (1, 2)]
    outputs = [p.communicate(timeout=600) for p in processes]
    seconds = time.monotonic() - started
    reported: list[tuple[str, str]] = []
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        lines = out.splitlines()
        assert lines[-1] == "done"
        reported += [tuple(line.split()[1:3]) for line in lines[:-1]]  # type: ignore[misc]
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT question, verdict FROM reviews WHERE profile = 'ana'"
        ).fetchall()
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    assert check == "ok"
    assert len(reported) == 2 * each
    assert sorted(rows) == sorted(reported)
    figures(
        f"two processes on one profile: {len(reported)} answers given at once in "
        f"{seconds:.1f} s, {len(rows)} in the log, 0 lost, no 'database is locked'"
    )


def test_two_instances_on_one_profile_lose_no_answer(
    tmp_path: Path, figures: Callable[[str], None]
) -> None:
    two_instances(tmp_path, each=150, figures=figures)


@pytest.mark.slow
def test_two_instances_on_one_profile_many_answers(
    tmp_path: Path, figures: Callable[[str], None]
) -> None:
    two_instances(tmp_path, each=2000, figures=figures)
