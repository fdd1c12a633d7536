"""How fast answers are made durable and a profile opens, beside the floor SQLite itself sets.

Run: python tests/benchmarks/bench_progress.py  (or pytest tests/benchmarks/bench_progress.py -s)
Targets: recording an answer at most 1 ms median and 10 ms p99 with 100,000 reviews in the log;
opening a profile with 100,000 reviews and building today's review queue under 100 ms.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

# Run as a script, import this checkout (and the test helpers) before any installed copy.
_TESTS = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(_TESTS.parent), str(_TESTS)]

from progress_helpers import START, Clock, make_bank  # noqa: E402

from studyapp.model import content_hash  # noqa: E402
from studyapp.progress import Store  # noqa: E402
from studyapp.progress.store import encode_response, timestamp  # noqa: E402
from studyapp.scheduler import Rating, review  # noqa: E402
from studyapp.session import Session, SessionConfig  # noqa: E402

SAMPLES = 400
QUESTIONS = 500


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def fill(store: Store, reviews: int) -> None:
    """Write `reviews` answers over QUESTIONS questions in one transaction (setup, not timed)."""
    if not reviews:
        return
    bank = make_bank(n_choice=QUESTIONS)
    state = review(None, Rating.Good, START)
    state_json = json.dumps(state.to_dict())
    db = store.connection
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


def line(label: str, times: list[float], floor: list[float]) -> bool:
    median, p99 = statistics.median(times), percentile(times, 99)
    ok = median <= 1.0 and p99 <= 10.0
    print(
        f"{label:<28} median {median:6.3f} ms  p99 {p99:6.3f} ms   "
        f"(floor median {statistics.median(floor):6.3f} ms, p99 {percentile(floor, 99):6.3f} ms)"
        f"  target <=1 / <=10 ms: {'met' if ok else 'NOT met'}"
    )
    return ok


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


def main() -> bool:
    ok = True
    with tempfile.TemporaryDirectory(prefix="studyapp-bench-") as tmp:
        folder = Path(tmp)
        floor = time_floor(folder)
        for size in (0, 10_000, 100_000):
            path = folder / f"p{size}" / "progress.sqlite3"
            with Store.open(path, Clock()) as store:
                fill(store, size)
                times = time_record(store)
            ok &= line(f"record, {size:>7,} in log", times, floor)
        path = folder / "p100000" / "progress.sqlite3"
        opening = time_open_and_queue(path)
        median = statistics.median(opening)
        met = median < 100
        ok &= met
        print(
            f"{'open + review queue, 100k':<28} median {median:6.1f} ms  max {max(opening):6.1f} ms"
            f"   target <100 ms: {'met' if met else 'NOT met'}"
        )
    return ok


def test_progress_benchmark() -> None:
    assert main()


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
