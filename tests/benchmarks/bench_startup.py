"""Start-up time and memory of the app, and a key press to its feedback, each beside a floor.

Run: python tests/benchmarks/bench_startup.py [--quick]

Every figure is measured from outside: the wall clock from spawning the process to reading the
line the window prints when it is painted (tests/benchmarks/_probe.py), and the process's peak
memory. The floor is a bare PySide6 main window started and observed the same way.

- the window on screen with its banks listed: the bundled banks, and generated banks of 1,000,
  10,000 and 100,000 questions beside them; first start (empty bank cache, no progress file)
  and second start (cache warm). Target: within 2.5x of the bare window with 10,000 questions,
  second start.
- a key press to its feedback painted, against a key press to a label repainted in the bare
  window. Target: under 50 ms.
"""

from __future__ import annotations

import sys
from pathlib import Path

import _common as common
from _common import Child, Figure, median, show

PROBE = str(common.BENCH / "_probe.py")
BARE = "bare PySide6 window"


BUNDLED = 36  # questions in the bundled bank, listed beside a bank named on the command line


def start(home: Path, mode: str, *args: str, expect: int = 0) -> Child:
    env = common.child_env(home)
    if expect:
        env["STUDYAPP_PROBE_EXPECT"] = str(expect)
    return common.run_child([sys.executable, PROBE, mode, *args], env)


def starts(folder: Path, runs: int, bank: Path | None, size: int, cold: bool) -> list[Child]:
    """`runs` starts of the app; cold ones each in fresh folders, warm ones after a first.

    With a bank named, the library lists the bundled bank first and the named one when it has
    loaded in the background, so each start is timed to the named bank listed (LISTED)."""
    args = [str(bank)] if bank else []
    expect = size + BUNDLED if bank else 0
    if cold:
        children = [start(folder / f"cold-{i}", "app", *args, expect=expect) for i in range(runs)]
    else:
        home = folder / "warm"
        start(home, "app", *args, expect=expect)
        children = [start(home, "app", *args, expect=expect) for _ in range(runs)]
    mark = "LISTED" if expect else "READY"
    for child in children:  # a bank refused would make a start-up look fast
        listed = int(child.lines[mark].partition("questions=")[2])
        assert listed >= max(size, expect), f"{listed} questions listed, {size} expected"
    return children


def listed_mark(child: Child) -> str:
    return "LISTED" if "LISTED" in child.marks else "READY"


def startup_figures(
    label: str, children: list[Child], bare: list[Child], target: float | None, painted: bool
) -> list[Figure]:
    floor_ready = median(c.marks["READY"] for c in bare) * 1000
    out = []
    if painted:
        out.append(
            Figure(
                f"start-up, {label}: window painted",
                median(c.marks["PAINTED"] for c in children) * 1000,
                "ms",
                floor_ready,
                BARE,
            )
        )
    out.append(
        Figure(
            f"start-up, {label}: banks listed",
            median(c.marks[listed_mark(c)] for c in children) * 1000,
            "ms",
            floor_ready,
            BARE,
            max_ratio=target,
        )
    )
    out.append(
        Figure(
            f"peak memory, {label}",
            max(c.peak_mb for c in children),
            "MB",
            max(c.peak_mb for c in bare),
            BARE,
        )
    )
    return [show(f) for f in out]


def key_figures(folder: Path, size: int, presses: int) -> list[Figure]:
    bank = common.write_bank(folder / "keys", size, kinds=common.PICKED_KINDS)
    home = folder / "keys-home"
    start(home, "app", str(bank))  # fills the cache: the keys are timed on a second start
    app = start(home, "app-keys", str(presses), str(bank))
    bare = start(folder / "bare-keys", "bare-keys", str(presses))
    times = [float(t) * 1000 for t in app.lines["KEYS"].split()]
    answered = [t for t in times if t >= 0]
    assert len(answered) >= presses - 1, f"only {len(answered)} of {presses} answers showed"
    floor = [float(t) * 1000 for t in bare.lines["KEYS"].split()]
    label = f"key press to feedback painted ({len(answered)} answers)"
    return [
        show(
            Figure(
                f"{label}: median",
                median(answered),
                "ms",
                median(floor),
                "bare key to repaint",
                max_value=50.0,
            )
        ),
        show(
            Figure(
                f"{label}: worst",
                max(answered),
                "ms",
                max(floor),
                "bare key to repaint",
                max_value=50.0,
            )
        ),
    ]


def figures(quick: bool = False) -> list[Figure]:
    runs = 2 if quick else 5
    sizes = (10_000,) if quick else (1000, 10_000, 100_000)
    out: list[Figure] = []
    with common.scratch() as tmp:
        folder = Path(tmp)
        bare = [start(folder / "bare", "bare") for _ in range(runs)]
        floor = median(c.marks["READY"] for c in bare) * 1000
        out.append(show(Figure("start-up, bare PySide6 window (the floor)", floor, "ms")))
        out.append(
            show(Figure("peak memory, bare PySide6 window", max(c.peak_mb for c in bare), "MB"))
        )
        for cold in (True, False):
            state = "first start" if cold else "second start"
            children = starts(folder / f"bundled-{state}", runs, None, 1, cold)
            out += startup_figures(f"bundled, {state}", children, bare, None, painted=not cold)
        for size in sizes:
            bank = common.write_bank(folder / "banks", size)
            for cold in (True, False):
                state = "first start" if cold else "second start"
                n = min(runs, 3) if size >= 100_000 else runs
                children = starts(folder / f"{size}-{state}", n, bank, size, cold)
                target = 2.5 if size == 10_000 and not cold else None
                label = f"+{size:,} questions, {state}"
                out += startup_figures(label, children, bare, target, painted=size == 10_000)
        out += key_figures(folder, 1000 if quick else 10_000, 15 if quick else 40)
    return out


if __name__ == "__main__":
    sys.exit(0 if common.table(figures("--quick" in sys.argv)) else 1)
