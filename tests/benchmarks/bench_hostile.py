"""The window's answer to a key while a hostile bank file loads in a watched folder (issue 23).

Run: python tests/benchmarks/bench_hostile.py [--quick]

The real window (offscreen), a library of two banks in a folder it watches. Each file of the
adversarial pass (tests/reliability/hostile_files.py; --quick: the default run's five, else all
eight) is moved into the folder; the folder's watcher notices it and the file is read. While it
is, a heartbeat on the window's thread and a key (Down, Up) on the library's list every 50 ms
are measured (tests/reliability/responsiveness.py). A key pressed at the worst moment waits the
worst gap between two beats, then takes its press-to-paint: their sum is the figure, against
50 ms. The floor is the same sum in a bare PySide6 window (a list of two rows, no app), measured
the same way for 2 s in the same run.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import _common as common
from _common import Figure, median, show

TARGET_MS = 50.0
BARE = "bare PySide6 window"


def _wait(until: Callable[[], bool], seconds: float) -> None:
    from PySide6.QtTest import QTest

    began = time.perf_counter()
    while not until():
        if time.perf_counter() - began > seconds:
            raise TimeoutError(f"not done in {seconds:.0f} s")
        QTest.qWait(5)


def _bare_ms() -> tuple[float, float]:
    """(worst gap + worst press-to-paint, median press-to-paint) of a bare window, in ms."""
    from PySide6.QtWidgets import QListWidget
    from reliability.responsiveness import Responsiveness

    view = QListWidget()
    view.addItems(["one", "two"])
    view.resize(960, 720)
    view.show()
    view.setCurrentRow(0)
    probe = Responsiveness(view)
    probe.start()
    _wait(lambda: len(probe.watch.keys) >= 40, 10)
    watch = probe.stop()
    view.close()
    return (watch.worst_gap + watch.worst_key) * 1000, median(watch.keys) * 1000


def figures(quick: bool = False) -> list[Figure]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from reliability import hostile_files
    from reliability.responsiveness import Responsiveness

    from studyapp import paths
    from studyapp.ui.backend import Backend
    from studyapp.ui.settings.prefs import open_settings
    from studyapp.ui.window import MainWindow

    builders = dict(hostile_files.QUICK)
    if not quick:
        builders.update(hostile_files.SLOW)
    bare, bare_median = _bare_ms()
    out: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        folder = home / "watched"
        common.write_bank(folder / "known", 30, seed=1)
        common.write_bank(folder / "other", 20, seed=2)
        where = paths.resolve(home / "data")  # never the learner's own folders
        win = MainWindow(
            Backend(where, [str(folder)], bundled=False), open_settings(where.config), "ana"
        )
        win.show()
        win.start_up()
        _wait(lambda: win.loading is None and len(win.library.model.rows) == 2, 60)
        probe = Responsiveness(win.library.table)
        for name, build in builders.items():
            staged = build(folder)
            probe.start()
            hostile_files.drop(staged, folder)
            _wait(lambda: win.loading is not None, 10)
            _wait(lambda: win.loading is None, 300)
            watch = probe.stop()
            worst = (watch.worst_gap + watch.worst_key) * 1000
            out.append(
                show(
                    Figure(
                        f"key while {name} loads: worst",
                        worst,
                        "ms",
                        bare,
                        BARE,
                        max_value=TARGET_MS,
                    )
                )
            )
            out.append(
                show(
                    Figure(
                        f"key while {name} loads: the window's own work in its worst gap",
                        watch.worst_gap_cpu * 1000,
                        "ms",
                    )
                )
            )
            out.append(
                show(
                    Figure(
                        f"key while {name} loads: median press to paint",
                        median(watch.keys) * 1000,
                        "ms",
                        bare_median,
                        BARE,
                    )
                )
            )
        win.close()
    del app
    return out


if __name__ == "__main__":
    began = time.process_time()
    figs = figures(quick="--quick" in sys.argv[1:])
    print(f"\nCPU time of the run: {time.process_time() - began:.1f} s\n")
    sys.exit(0 if common.table(figs) else 1)
