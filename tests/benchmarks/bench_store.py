"""A large progress file: today's numbers for 200 banks, the statistics page, quick_check.

Run: python tests/benchmarks/bench_store.py [--quick | --growth]

A store holding 100,000 reviews of 50,000 questions spread over 200 banks of 500 (--quick:
10,000 reviews), and a progress file of 1 GB (--quick: 100 MB). Targets (issue 24): the
library's numbers for all 200 banks under 50 ms; the statistics page built under 300 ms; the
integrity check at open measured, against the 100 ms above which it must leave start-up.

Today's numbers are timed twice: the first count after a change to every bank (each bank's
cards read and its tally kept, schema v7) and a later start, which reads the kept tallies. The
first is what the learner meets once after upgrading; after that only the banks whose cards
changed are counted again (one bank per session).

--growth: today's numbers and Store.open from 1,000 to 1,000,000 reviews.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import _common as common
from _common import Figure, show
from progress_helpers import START, Clock

from studyapp.bank.info import BankInfo, info_of
from studyapp.insight import figures as insight
from studyapp.model import Bank, TrueFalse, content_hash
from studyapp.progress import Store
from studyapp.progress.store import encode_response, timestamp
from studyapp.scheduler import Rating, review

BANKS = 200
PER_BANK = 500
PROFILE = "bench"


def library(banks: int = BANKS, size: int = PER_BANK) -> dict[str, Bank]:
    """Banks of true/false questions made in memory (the store figures need no YAML)."""
    out = {}
    for b in range(banks):
        questions = tuple(
            TrueFalse(
                id=f"q{i}",
                statement=f"Statement {i} of bank {b}.",
                answer=i % 2 == 0,
                tags=(f"t{i % 7}",),
            )
            for i in range(size)
        )
        out[f"bank-{b}"] = Bank(id=f"bank-{b}", title=f"Bank {b}", questions=questions)
    return out


def fill(path: Path, banks: dict[str, Bank], reviews: int) -> None:
    """`reviews` answers, two per question, over the first questions of every bank."""
    Store.open(path, Clock()).close()  # the schema, made by the store itself
    rng = random.Random(5)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    asked = reviews // 2
    keys = [(b.id, q) for b in banks.values() for q in b.questions][: max(1, asked)]
    state = review(None, Rating.Good, START)
    state = review(state, Rating.Good, START + timedelta(days=3))
    for n, (bank_id, q) in enumerate(keys):
        digest = content_hash(q)
        at = START - timedelta(minutes=reviews - 2 * n)
        due = START + timedelta(hours=rng.randrange(-72, 240))
        card = json.dumps({**state.to_dict(), "due": due.isoformat()})
        for k in range(2):
            db.execute(
                "INSERT INTO reviews (profile, bank, question, content_hash, at, response, verdict,"
                " score, duration_ms, mode, rating, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    PROFILE,
                    bank_id,
                    q.id,
                    digest,
                    timestamp(at + timedelta(seconds=k)),
                    encode_response(True),
                    rng.choice(("right", "right", "wrong")),
                    1.0,
                    4000,
                    "review",
                    3,
                    card,
                ),
            )
        db.execute(
            "INSERT OR REPLACE INTO cards VALUES (?,?,?,?,?,?,?,?,?)",
            (
                PROFILE,
                bank_id,
                q.id,
                digest,
                card,
                timestamp(due),
                timestamp(at),
                timestamp(at),
                "right",
            ),
        )
    db.execute("COMMIT")
    db.close()


def large_file(path: Path, megabytes: int) -> None:
    """A progress file of about `megabytes` MB: answers carrying 1 kB responses."""
    Store.open(path, Clock()).close()
    db = sqlite3.connect(path, isolation_level=None)
    filler = json.dumps("x" * 1000)
    rows = megabytes * 1000
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO reviews (profile, bank, question, content_hash, at, response, verdict,"
        " score, duration_ms, mode, rating, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                PROFILE,
                "b",
                f"q{i % 5000}",
                "h",
                timestamp(START),
                filler,
                "right",
                1.0,
                1,
                "review",
                3,
                "{}",
            )
            for i in range(rows)
        ),
    )
    db.execute("COMMIT")
    db.close()


def figures(quick: bool = False) -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from studyapp.ui.insight.stats import StatsPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    reviews = 10_000 if quick else 100_000
    out: list[Figure] = []
    with common.scratch() as tmp:
        folder = Path(tmp)
        banks = library()
        infos = [info_of(b) for b in banks.values()]
        path = folder / "progress.sqlite3"
        fill(path, banks, reviews)
        clock = Clock(START + timedelta(hours=2))
        store = Store.open(path, clock)
        now = clock()

        def numbers() -> None:
            insight.summaries(store, PROFILE, infos, now)
            insight.today(store, PROFILE, now)

        def recount() -> None:
            store._db.execute("DELETE FROM bank_tallies")  # as after a change to every bank
            numbers()

        def floor() -> None:
            db = sqlite3.connect(path)
            db.execute(
                "SELECT question, content_hash, due FROM cards WHERE profile = ?", (PROFILE,)
            ).fetchall()
            db.close()

        label = f"{reviews:,} reviews"
        out.append(
            show(
                Figure(
                    f"today's numbers, {BANKS} banks, {label}, every bank counted",
                    common.best(recount, 3) * 1000,
                    "ms",
                    common.best(floor, 5) * 1000,
                    "sqlite read of the cards",
                )
            )
        )
        out.append(
            show(
                Figure(
                    f"today's numbers, {BANKS} banks, {label}",
                    common.best(numbers, 5) * 1000,
                    "ms",
                    common.best(floor, 5) * 1000,
                    "sqlite read of the cards",
                    max_value=50.0,
                )
            )
        )

        def page() -> None:
            StatsPage(store, banks, PROFILE, clock).deleteLater()
            app.processEvents()

        out.append(
            show(
                Figure(
                    f"statistics page built, {BANKS * PER_BANK:,} questions, {label}",
                    common.best(page, 3) * 1000,
                    "ms",
                    max_value=300.0,
                )
            )
        )
        store.close()

        megabytes = 100 if quick else 1000
        big = folder / "big.sqlite3"
        large_file(big, megabytes)
        size = os.path.getsize(big) / 1e6

        def check() -> None:
            db = sqlite3.connect(big)
            db.execute("PRAGMA quick_check(1)").fetchone()
            db.close()

        def read_all() -> None:
            with open(big, "rb") as f:
                while f.read(1 << 24):
                    pass

        out.append(
            show(
                Figure(
                    f"quick_check at open, {size:,.0f} MB progress file",
                    common.best(check, 2) * 1000,
                    "ms",
                    common.best(read_all, 2) * 1000,
                    "reading the file",
                    max_value=100.0,
                )
            )
        )
        began = time.perf_counter()
        Store.open(big, Clock()).close()
        out.append(
            show(
                Figure(
                    f"Store.open, {size:,.0f} MB progress file",
                    (time.perf_counter() - began) * 1000,
                    "ms",
                )
            )
        )
    return out


def growth(sizes: tuple[int, ...] = (1_000, 10_000, 100_000, 1_000_000)) -> list[Figure]:
    out: list[Figure] = []
    with common.scratch() as tmp:
        folder = Path(tmp)
        for reviews in sizes:
            # Two answers per question: 1,000,000 reviews need 500,000 questions (200 of 2,500).
            per_bank = max(PER_BANK, reviews // 2 // BANKS)
            banks = library(BANKS, per_bank)
            infos = [info_of(b) for b in banks.values()]
            path = folder / f"progress-{reviews}.sqlite3"
            fill(path, banks, reviews)
            clock = Clock(START + timedelta(hours=2))
            began = time.perf_counter()
            store = Store.open(path, clock)
            opened = (time.perf_counter() - began) * 1000
            now = clock()

            def numbers(
                store: Store = store, infos: list[BankInfo] = infos, now: datetime = now
            ) -> None:
                insight.summaries(store, PROFILE, infos, now)
                insight.today(store, PROFILE, now)

            def recount(store: Store = store, numbers: Callable[[], None] = numbers) -> None:
                store._db.execute("DELETE FROM bank_tallies")
                numbers()

            label = f"{reviews:,} reviews, {BANKS} banks of {per_bank:,}"
            for name, value in (
                ("today's numbers, every bank counted", common.best(recount, 2) * 1000),
                ("today's numbers, tallies kept", common.best(numbers, 5) * 1000),
                ("Store.open (first open, cards and log scanned)", opened),
            ):
                out.append(show(Figure(f"{label}: {name}", value, "ms")))
            store.close()
            path.unlink()
    return out


if __name__ == "__main__":
    if "--growth" in sys.argv:
        sys.exit(0 if common.table(growth()) else 1)
    sys.exit(0 if common.table(figures("--quick" in sys.argv)) else 1)
