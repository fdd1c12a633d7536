"""How fast answers are made durable and a profile opens, beside the floor SQLite itself sets.

Run: python tests/benchmarks/bench_progress.py [--quick]
Targets: recording an answer at most 1 ms median and 10 ms p99 (with 0, 10,000 and 100,000
reviews in the log), against a bare SQLite insert committed with fsync; opening a profile and
building today's review queue under 100 ms, against opening the file and reading its cards.
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import time
from datetime import timedelta
from pathlib import Path

import _common as common
from _common import Figure, median, percentile, show
from progress_helpers import START, Clock, make_bank

from studyapp.model import content_hash
from studyapp.progress import Store
from studyapp.progress.store import encode_response, timestamp
from studyapp.scheduler import Rating, review
from studyapp.study import Session, SessionConfig

SAMPLES = 400
QUESTIONS = 500


def fill(store: Store, reviews: int) -> None:
    """Write `reviews` answers over QUESTIONS questions in one transaction (setup, not timed)."""
    if not reviews:
        return
    bank = make_bank(n_choice=QUESTIONS)
    state = review(None, Rating.Good, START)
    state_json = json.dumps(state.to_dict())
    # A second connection of our own: the store offers no bulk writes, and the set-up is not timed.
    db = sqlite3.connect(store.path, isolation_level=None)
    db.execute("BEGIN")
    rows = []
    for i in range(reviews):
        q = bank.questions[i % len(bank.questions)]
        at = timestamp(START - timedelta(minutes=reviews - i))
        rows.append(
            (
                "bench",
                bank.id,
                q.id,
                content_hash(q),
                at,
                encode_response("beta"),
                "right",
                1.0,
                4000,
                "review",
                3,
                state_json,
            )
        )
    db.executemany(
        "INSERT INTO reviews (profile, bank, question, content_hash, at, response, verdict, "
        "score, duration_ms, mode, rating, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    for q in bank.questions:
        due = START + timedelta(hours=random.Random(q.id).randrange(-48, 240))
        card_state = json.dumps({**state.to_dict(), "due": due.isoformat()})
        db.execute(
            "INSERT OR REPLACE INTO cards VALUES (?,?,?,?,?,?,?,?,?)",
            (
                "bench",
                bank.id,
                q.id,
                content_hash(q),
                card_state,
                timestamp(due),
                timestamp(START - timedelta(days=30)),
                timestamp(START),
                "right",
            ),
        )
    db.execute("COMMIT")
    db.close()


def time_record(store: Store) -> list[float]:
    state = review(None, Rating.Good, START)
    times = []
    for i in range(SAMPLES):
        t0 = time.perf_counter()
        store.record(
            profile="bench",
            bank="news",
            question=f"mc-{i % QUESTIONS}",
            content_hash="h",
            response="beta",
            verdict="right",
            score=1.0,
            duration_ms=3000,
            mode="review",
            rating=3,
            state=state,
        )
        times.append((time.perf_counter() - t0) * 1000)
    return times


def time_floor(folder: Path) -> list[float]:
    """A bare insert and commit in WAL mode with synchronous=FULL: the fsync SQLite must pay."""
    db = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    times = []
    for i in range(SAMPLES):
        t0 = time.perf_counter()
        db.execute("BEGIN")
        db.execute("INSERT INTO t (v) VALUES (?)", (str(i),))
        db.execute("COMMIT")
        times.append((time.perf_counter() - t0) * 1000)
    db.close()
    return times


def time_open_and_queue(path: Path) -> list[float]:
    bank = make_bank(n_choice=QUESTIONS)
    clock = Clock(START + timedelta(hours=1))
    times = []
    for seed in range(7):
        t0 = time.perf_counter()
        store = Store.open(path, clock)
        session = Session(
            {bank.id: bank},
            store,
            "bench",
            SessionConfig(mode="review"),
            clock,
            random.Random(seed),
        )
        shown = session.current()
        times.append((time.perf_counter() - t0) * 1000)
        assert shown is not None
        assert session.total > 0
        store.close()
    return times


def time_floor_open(path: Path) -> list[float]:
    """Opening the same file with bare sqlite3 and reading every card of the profile."""
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        db = sqlite3.connect(path)
        rows = db.execute("SELECT * FROM cards WHERE profile = ?", ("bench",)).fetchall()
        times.append((time.perf_counter() - t0) * 1000)
        assert rows
        db.close()
    return times


def record_figures(
    size: int, times: list[float], floor: list[float], label: str | None = None
) -> list[Figure]:
    label = label or f"record an answer, {size:,} reviews in log"
    return [
        show(
            Figure(
                f"{label}: median",
                median(times),
                "ms",
                median(floor),
                "SQLite insert + fsync",
                max_value=1.0,
            )
        ),
        show(
            Figure(
                f"{label}: p99",
                percentile(times, 99),
                "ms",
                percentile(floor, 99),
                "SQLite insert + fsync",
                max_value=10.0,
            )
        ),
    ]


def figures(quick: bool = False) -> list[Figure]:
    out: list[Figure] = []
    sizes = (0, 10_000) if quick else (0, 10_000, 100_000)
    with common.scratch() as tmp:
        folder = Path(tmp)
        floor = time_floor(folder)
        for size in sizes:
            path = folder / f"p{size}" / "progress.sqlite3"
            with Store.open(path, Clock()) as store:
                fill(store, size)
                times = time_record(store)
            out += record_figures(size, times, floor)
        path = folder / f"p{sizes[-1]}" / "progress.sqlite3"
        opening = time_open_and_queue(path)
        out.append(
            show(
                Figure(
                    f"open profile + today's queue, {sizes[-1]:,} reviews",
                    median(opening),
                    "ms",
                    median(time_floor_open(path)),
                    "sqlite open + read cards",
                    max_value=100.0,
                )
            )
        )
    return out


if __name__ == "__main__":
    sys.exit(0 if common.table(figures("--quick" in sys.argv)) else 1)
