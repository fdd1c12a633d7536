"""The statistics page on a learner's whole library, as the app opens it.

Run: python tests/benchmarks/bench_stats.py [--quick] [--profile] [--reviews N]

200 generated banks of 500 questions (every kind) written as YAML, listed once so that the bank
cache is warm, then a fresh backend as a second start has it: banks listed from their infos,
no question built. A progress file of 100,000 answers (--quick: 10,000) over the first
questions of every bank, attributions answered with a speaker (a third of them wrong). Target
(issue 24): the statistics page opens in under 300 ms. The floor is one read of every card row
of the profile, which any figure of the page needs at least once.

Figures (medians of six warm opens; the first open is its own figure): the page shown
(painted, with its progress bar); the charts in view and the tables drawn (the figures'
worker's part); every figure drawn: every number on the page and every chart in view (charts
below the fold are made when scrolled or tabbed to), the memory model as kept, in wall and in
CPU time (every thread of the process: the machine may be shared); every chart drawn, below
the fold too (made one at a time StatsPage.IDLE_DRAW_MS after the page is complete, a wait
the figure includes); and the first open, when a fit of the memory model is due (once per 200
new answers): every figure drawn, and then the new fit shown (the fit starts once the page is
complete). Before the page opens, the library's counts are made once, as the app's start
makes them: they keep the banks' tallies, which the page reads mastery per tag from; and the
answers' damaged-row scan the window runs just after start-up is run first (timed as a figure
of its own).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import time
from datetime import timedelta
from pathlib import Path

import _common as common
from _common import Figure, median, show
from progress_helpers import START, Clock

from studyapp.insight.figures import summaries
from studyapp.model import Attribution, Bank, content_hash
from studyapp.paths import Paths
from studyapp.progress import Store
from studyapp.progress.records import encode_response, timestamp
from studyapp.scheduler import Rating, review

BANKS = 200
PER_BANK = 500
PROFILE = "bench"


def fill(path: Path, banks: list[Bank], reviews: int) -> None:
    """`reviews` answers, two per question, over the first questions of every bank in turn."""
    Store.open(path, Clock()).close()  # the schema, made by the store itself
    rng = random.Random(5)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    per_bank = max(1, reviews // 2 // len(banks))
    keys = [(b, q) for b in banks for q in b.questions[:per_bank]]
    state = review(None, Rating.Good, START)
    state = review(state, Rating.Good, START + timedelta(days=3))
    for n, (bank, q) in enumerate(keys):
        digest = content_hash(q)
        at = START - timedelta(minutes=reviews - 2 * n)
        due = START + timedelta(hours=rng.randrange(-72, 240))
        lapses = 9 if n % 997 == 0 else 0  # a few leeches
        card = json.dumps({**state.to_dict(), "due": due.isoformat(), "lapses": lapses})
        for k in range(2):
            right = rng.random() < 2 / 3
            if isinstance(q, Attribution):
                others = [a for a in bank.actors if a != q.speaker] or [q.speaker]
                response: object = q.speaker if right else rng.choice(others)
            else:
                response = True
            db.execute(
                "INSERT INTO reviews (profile, bank, question, content_hash, at, response, verdict,"
                " score, duration_ms, mode, rating, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    PROFILE,
                    bank.id,
                    q.id,
                    digest,
                    timestamp(at - timedelta(days=3 * (1 - k))),  # 3 days apart: a recall test
                    encode_response(response),
                    "right" if right else "wrong",
                    1.0 if right else 0.0,
                    4000,
                    "review",
                    3 if right else 1,
                    card,
                ),
            )
        db.execute(
            "INSERT OR REPLACE INTO cards VALUES (?,?,?,?,?,?,?,?,?)",
            (
                PROFILE,
                bank.id,
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


def figures(quick: bool = False, profile: bool = False, reviews: int = 0) -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from studyapp.ui.backend import Backend

    app = QApplication.instance() or QApplication(sys.argv[:1])
    reviews = reviews or (10_000 if quick else 100_000)
    # two answers per question: a million answers need banks of 2,500 (as bench_store's growth)
    per_bank = max(PER_BANK, -(-reviews // (2 * BANKS)))
    out: list[Figure] = []
    with common.scratch() as tmp:
        folder = Path(tmp)
        library = common.write_library(folder, BANKS, per_bank)
        paths = Paths(folder / "data", folder / "config", folder / "cache", folder / "logs")
        clock = Clock(START + timedelta(hours=2))
        first = Backend(paths, [library], clock, bundled=False)
        first.load()
        first.finish_pending()  # fills the cache: what follows is a second start
        fill(paths.progress_db, [first.banks[b] for b in first.infos], reviews)
        first.close()
        # The library's start counts each bank's tally (kept in the store), as the app's does
        # before the learner can open the statistics, which read mastery from them.
        with Store.open(paths.progress_db, clock) as store:
            summaries(store, PROFILE, first.infos.values(), clock())
        label = f"{BANKS * per_bank:,} questions, {reviews:,} reviews"

        def floor() -> None:
            db = sqlite3.connect(paths.progress_db)
            db.execute("SELECT * FROM cards WHERE profile = ?", (PROFILE,)).fetchall()
            db.close()

        floor_ms = common.best(floor, 5) * 1000
        from studyapp.ui.insight.stats import StatsPage

        shown: list[float] = []
        charts: list[float] = []
        ready: list[float] = []
        cpu: list[float] = []  # the process's CPU time (all threads) until every figure
        every_chart: list[float] = []  # below the fold too, drawn IDLE_DRAW_MS after
        scans: list[float] = []
        fitted = 0.0  # the first open: until its new fit of the memory model is shown
        for run in range(1 if profile else 7):
            backend = Backend(paths, [library], clock, bundled=False)
            backend.load()
            # Opened at start-up in the app, which scans the answers for damaged rows just after
            # (Window: check_log in a thread); a page opened before that scan ends waits for it.
            scan_began = time.perf_counter()
            backend.store.check_log()
            scans.append(time.perf_counter() - scan_began)
            if profile:
                import cProfile
                import pstats

                prof = cProfile.Profile()
                prof.enable()
            drawn: list[float] = []
            last: list[float] = []
            fit: list[float] = []
            began = time.perf_counter()
            began_cpu = time.process_time()
            page = StatsPage(backend, PROFILE)
            page.charts_ready.connect(
                lambda drawn=drawn, began=began: drawn.append(time.perf_counter() - began)
            )
            page.every_chart_drawn.connect(
                lambda last=last, began=began: last.append(time.perf_counter() - began)
            )
            page.memory_fitted.connect(
                lambda fit=fit, began=began: fit.append(time.perf_counter() - began)
            )
            page.resize(900, 760)
            page.show()
            app.processEvents()  # painted, with its progress bar
            shown.append(time.perf_counter() - began)
            while not page.ready:
                app.processEvents()
                time.sleep(0.001)
            app.processEvents()
            ready.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
            charts.append(drawn[0])
            if profile:
                prof.disable()
                pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
            while not last or not page.memory.fit_button.isEnabled():
                app.processEvents()  # the charts below the fold; the first open's fit
                time.sleep(0.001)
            every_chart.append(last[0])
            if run == 0 and fit:
                fitted = fit[0]
            page.deleteLater()
            app.processEvents()
            backend.close()
            del run
        out.append(
            show(
                Figure(
                    f"statistics page shown, {label}",
                    median(shown) * 1000,
                    "ms",
                    floor_ms,
                    "sqlite read of the cards",
                    max_value=300.0,
                )
            )
        )
        out.append(
            show(
                Figure(
                    f"statistics page, charts in view and tables drawn, {label}",
                    median(charts[1:] or charts) * 1000,
                    "ms",
                    floor_ms,
                    "sqlite read of the cards",
                    max_value=300.0,
                )
            )
        )
        out.append(
            show(
                Figure(
                    f"statistics page, every figure drawn (charts below the fold: when seen), "
                    f"{label}",
                    median(ready[1:] or ready) * 1000,
                    "ms",
                    floor_ms,
                    "sqlite read of the cards",
                    max_value=300.0,
                )
            )
        )
        out.append(
            show(
                Figure(
                    f"statistics page, every figure drawn, CPU time of all threads, {label}",
                    median(cpu[1:] or cpu) * 1000,
                    "ms",
                    floor_ms,
                    "sqlite read of the cards",
                )
            )
        )
        out.append(
            show(
                Figure(
                    f"statistics page, every chart drawn, below the fold too (idle, "
                    f"{StatsPage.IDLE_DRAW_MS} ms after), {label}",
                    median(every_chart[1:] or every_chart) * 1000,
                    "ms",
                    floor_ms,
                    "sqlite read of the cards",
                )
            )
        )
        out.append(
            show(
                Figure(
                    f"statistics page, first open (a fit due), every figure drawn, {label}",
                    ready[0] * 1000,
                    "ms",
                    floor_ms,
                    "sqlite read of the cards",
                )
            )
        )
        out.append(
            show(
                Figure(
                    f"statistics page, first open, the new fit of the memory model shown, {label}",
                    fitted * 1000,
                    "ms",
                    floor_ms,
                    "sqlite read of the cards",
                )
            )
        )
        out.append(
            show(
                Figure(
                    f"the answers' damaged-row scan after start-up, {label}",
                    median(scans) * 1000,
                    "ms",
                    floor_ms,
                    "sqlite read of the cards",
                )
            )
        )
    return out


if __name__ == "__main__":
    # --reviews N: another size of the log (how the page grows, 1,000 to 1,000,000)
    size = int(sys.argv[sys.argv.index("--reviews") + 1]) if "--reviews" in sys.argv else 0
    ok = common.table(figures("--quick" in sys.argv, "--profile" in sys.argv, size))
    sys.exit(0 if ok else 1)
