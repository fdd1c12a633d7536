"""A learner's whole library: 100,000 questions listed, loaded and opened, beside a bare window.

Run: python tests/benchmarks/bench_library.py [--quick | --growth]

Two libraries of 100,000 questions: 200 banks of 500 and 10 banks of 10,000 (--quick: 20 banks
of 500 and 2 of 10,000). Every start-up figure is measured from outside, as bench_startup.py
does, against a bare PySide6 window started in the same run.

Targets (issue 24):
- second start: banks listed within 2.5x of the bare window; peak memory at most 150 MB;
- first start: the first banks listed within 2.5x of the bare window; every bank listed within
  1.1x of `studyapp validate` on the same files, timed from its spawn to its exit;
- a key press while the first start loads: answered (the list repainted) within 50 ms;
- Enter on a 10,000-question bank, warm cache: its first question painted within 150 ms.
Also, for information: listing the first start's files in worker processes against one thread.

--growth: how start-up grows with the library, 1,000 to 100,000 questions in banks of 500, one
start of each kind per size, beside the bare window of the same run.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import _common as common
from _common import Child, Figure, median, show

from studyapp.bank.background import ListingJob
from studyapp.bank.loader import bank_files

PROBE = str(common.BENCH / "_probe.py")
BARE = "bare PySide6 window"
BUNDLED = 36  # questions in the bundled bank, listed beside the library


def start(home: Path, mode: str, *args: str, expect: int = 0) -> Child:
    env = common.child_env(home)
    if expect:
        env["STUDYAPP_PROBE_EXPECT"] = str(expect)
    return common.run_child([sys.executable, PROBE, mode, *args], env)


def times(child: Child, mark: str) -> list[float]:
    return [float(t) * 1000 for t in child.lines[mark].split()]


def library_figures(
    label: str, folder: Path, library: Path, total: int, runs: int, bare_ms: float, bare_mb: float
) -> list[Figure]:
    out: list[Figure] = []
    expect = total + BUNDLED
    cold = [
        start(folder / f"{label}-cold-{i}", "app", str(library), expect=expect) for i in range(runs)
    ]
    for child in cold:
        listed = int(child.lines["LISTED"].partition("questions=")[2])
        assert listed >= expect, f"{listed} questions listed, {expect} expected"
    # The floor: `studyapp validate` on the same files, timed as the app is, from its spawn.
    began = time.perf_counter()
    common.run_child(
        [sys.executable, "-m", "studyapp", "validate", str(library)],
        common.child_env(folder / "validate"),
    )
    validate_ms = (time.perf_counter() - began) * 1000
    out.append(
        show(
            Figure(
                f"{label}, first start: first banks listed",
                median(c.marks["READY"] for c in cold) * 1000,
                "ms",
                bare_ms,
                BARE,
                max_ratio=2.5,
            )
        )
    )
    out.append(
        show(
            Figure(
                f"{label}, first start: every bank listed",
                median(c.marks["LISTED"] for c in cold) * 1000,
                "ms",
                validate_ms,
                "studyapp validate",
                max_ratio=1.1,
            )
        )
    )
    out.append(
        show(
            Figure(
                f"{label}, first start: peak memory",
                max(c.peak_mb for c in cold),
                "MB",
                bare_mb,
                BARE,
            )
        )
    )
    home = folder / f"{label}-cold-0"  # its cache is full now
    warm = [start(home, "app", str(library)) for _ in range(runs)]
    for child in warm:
        listed = int(child.lines["READY"].partition("questions=")[2])
        assert listed >= expect, f"second start listed {listed} of {expect} questions"
    out.append(
        show(
            Figure(
                f"{label}, second start: banks listed",
                median(c.marks["READY"] for c in warm) * 1000,
                "ms",
                bare_ms,
                BARE,
                max_ratio=2.5,
            )
        )
    )
    out.append(
        show(
            Figure(
                f"{label}, second start: peak memory",
                max(c.peak_mb for c in warm),
                "MB",
                bare_mb,
                BARE,
                max_value=150.0,
            )
        )
    )
    return out


def key_while_loading(
    folder: Path, library: Path, total: int, bare_keys: list[float]
) -> list[Figure]:
    child = start(folder / "keys-cold", "app-loading", str(library), expect=total + BUNDLED)
    pressed = times(child, "KEYS")
    answered = [t for t in pressed if t >= 0]
    assert answered, "no key was answered while loading"
    assert len(answered) == len(pressed), f"{len(answered)} of {len(pressed)} keys answered"
    label = f"key press while loading ({len(answered)} presses)"
    return [
        show(
            Figure(
                f"{label}: median",
                median(answered),
                "ms",
                median(bare_keys),
                "bare key to repaint",
                max_value=50.0,
            )
        ),
        show(
            Figure(
                f"{label}: worst",
                max(answered),
                "ms",
                max(bare_keys),
                "bare key to repaint",
                max_value=50.0,
            )
        ),
    ]


def opening(folder: Path, library: Path, count: int, bare_keys: list[float]) -> list[Figure]:
    home = folder / "open-home"
    start(home, "app", str(library), expect=count * 10_000)  # fills the cache
    child = start(home, "app-open", str(count), str(library))
    opened = times(child, "OPEN")
    assert len(opened) == count, opened
    assert min(opened) >= 0, opened
    label = f"Enter to first question, 10,000-question bank, warm ({count} banks)"
    return [
        show(
            Figure(
                f"{label}: median",
                median(opened),
                "ms",
                median(bare_keys),
                "bare key to repaint",
                max_value=150.0,
            )
        ),
        show(
            Figure(
                f"{label}: worst",
                max(opened),
                "ms",
                max(bare_keys),
                "bare key to repaint",
                max_value=150.0,
            )
        ),
    ]


def processes_against_thread(folder: Path, library: Path) -> list[Figure]:
    files = bank_files([library])

    def job(workers: int, cache: Path) -> float:
        began = time.perf_counter()
        listing = ListingJob(files, cache, lambda _i, _l: None, lambda: None, workers)
        listing.start()
        listing.wait()
        return (time.perf_counter() - began) * 1000

    thread = job(0, folder / "job-thread")
    processes = job(2, folder / "job-processes")
    return [
        show(
            Figure(
                f"list {len(files)} files (first start), 2 worker processes",
                processes,
                "ms",
                thread,
                "one thread",
            )
        ),
    ]


def figures(quick: bool = False) -> list[Figure]:
    runs = 1 if quick else 3
    shapes = ((20, 500), (2, 10_000)) if quick else ((200, 500), (10, 10_000))
    out: list[Figure] = []
    with common.scratch() as tmp:
        folder = Path(tmp)
        bare = [start(folder / "bare", "bare") for _ in range(3 if quick else 5)]
        bare_ms = median(c.marks["READY"] for c in bare) * 1000
        bare_mb = max(c.peak_mb for c in bare)
        out.append(show(Figure("start-up, bare PySide6 window (the floor)", bare_ms, "ms")))
        out.append(show(Figure("peak memory, bare PySide6 window", bare_mb, "MB")))
        bare_keys = times(start(folder / "bare-keys", "bare-keys", "20"), "KEYS")
        libraries = {}
        for banks, size in shapes:
            library = common.write_library(folder / "banks", banks, size)
            libraries[size] = library
            label = f"{banks} banks of {size:,}"
            out += library_figures(label, folder, library, banks * size, runs, bare_ms, bare_mb)
        small, large = shapes
        out += key_while_loading(folder, libraries[small[1]], small[0] * small[1], bare_keys)
        out += opening(folder, libraries[large[1]], large[0], bare_keys)
        out += processes_against_thread(folder, libraries[small[1]])
    return out


def growth(sizes: tuple[int, ...] = (1_000, 10_000, 100_000)) -> list[Figure]:
    out: list[Figure] = []
    with common.scratch() as tmp:
        folder = Path(tmp)
        bare = [start(folder / "bare", "bare") for _ in range(3)]
        bare_ms = median(c.marks["READY"] for c in bare) * 1000
        bare_mb = max(c.peak_mb for c in bare)
        out.append(show(Figure("start-up, bare PySide6 window (the floor)", bare_ms, "ms")))
        for total in sizes:
            banks = total // 500
            library = common.write_library(folder / f"banks-{total}", banks, 500)
            home = folder / f"home-{total}"
            expect = total + BUNDLED
            cold = start(home, "app", str(library), expect=expect)
            warm = start(home, "app", str(library))
            label = f"{total:,} questions ({banks} banks)"
            for name, value, unit, floor in (
                ("first start, first banks listed", cold.marks["READY"] * 1000, "ms", bare_ms),
                ("first start, every bank listed", cold.marks["LISTED"] * 1000, "ms", None),
                ("second start, banks listed", warm.marks["READY"] * 1000, "ms", bare_ms),
                ("second start, peak memory", warm.peak_mb, "MB", bare_mb),
            ):
                out.append(show(Figure(f"{label}: {name}", value, unit, floor, BARE)))
    return out


if __name__ == "__main__":
    if "--growth" in sys.argv:
        sys.exit(0 if common.table(growth()) else 1)
    sys.exit(0 if common.table(figures("--quick" in sys.argv)) else 1)
