"""Start-up and answer speed of the window, each beside its floor.

Run: python tests/benchmarks/bench_startup.py
- window on screen with a 10,000-question bank loaded (second start, cache warm), against a bare
  PySide6 window started the same way; target: within 2.5x.
- a key press to its feedback painted; target: under 50 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BARE = """
import sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setWindowTitle("bare"); w.show()
def done():
    print(f"READY {time.perf_counter() - t0:.4f}", flush=True); app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

APP = """
import sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
def check():
    from studyapp.ui.window import MainWindow
    wins = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if wins and wins[0].library.model.rows:
        rows = wins[0].library.model.rows[0].questions
        print(f"READY {time.perf_counter() - t0:.4f} rows={rows}",
              flush=True)
        app.quit()
    else:
        QTimer.singleShot(1, check)
QTimer.singleShot(0, check)
from studyapp import cli
cli.main(["--data-dir", sys.argv[1], sys.argv[2]])
"""

FEEDBACK = """
import sys, time
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
times = []
def run():
    from studyapp.ui.window import MainWindow
    w = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
    if not w.library.model.rows:
        QTimer.singleShot(5, run); return
    w.activateWindow()
    QTest.qWaitForWindowActive(w)
    w.library.request_start()
    w.study.widget.focus_first()
    for _ in range(20):
        t = time.perf_counter()
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        w.study.repaint()
        times.append(time.perf_counter() - t)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    print("FEEDBACK " + " ".join(f"{x:.5f}" for x in times), flush=True)
    app.quit()
QTimer.singleShot(0, run)
from studyapp import cli
cli.main(["--data-dir", sys.argv[1], sys.argv[2]])
"""


def _bank(path: Path, n: int) -> None:
    lines = ["studyapp: 1", "id: big", "title: Ten thousand questions", "questions:"]
    for i in range(n):
        lines += [
            f"  - id: q{i}",
            "    type: multiple_choice",
            f"    prompt: Question number {i}?",
            f"    choices: [a{i}, b{i}, c{i}]",
            f"    answer: a{i}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _run(code: str, *args: str, env: dict[str, str]) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return out.stdout


def _ready(text: str) -> float:
    return float(next(line for line in text.splitlines() if line.startswith("READY")).split()[1])


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="studyapp-bench-"))
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for var in ("STUDYAPP_CONFIG_DIR", "STUDYAPP_CACHE_DIR", "STUDYAPP_LOG_DIR"):
        env[var] = str(home / var.lower())
    bank = home / "big.yaml"
    _bank(bank, 10_000)
    data = str(home / "data")
    _run(APP, data, str(bank), env=env)  # first start fills the cache
    bare = statistics.median(_ready(_run(BARE, env=env)) for _ in range(3))
    app = statistics.median(_ready(_run(APP, data, str(bank), env=env)) for _ in range(3))
    ratio = app / bare
    print(f"bare PySide6 window:                 {bare * 1000:7.0f} ms (floor)")
    print(
        f"StudyApp, 10,000 questions, warm:    {app * 1000:7.0f} ms = {ratio:.2f}x the floor "
        f"(target <= 2.5x: {'met' if ratio <= 2.5 else 'NOT met'})"
    )
    lines = _run(FEEDBACK, data, str(bank), env=env).splitlines()
    times = [float(x) for x in next(x for x in lines if x.startswith("FEEDBACK")).split()[1:]]
    worst, median = max(times) * 1000, statistics.median(times) * 1000
    print(
        f"key press to feedback painted:       median {median:.1f} ms, worst {worst:.1f} ms "
        f"(target < 50 ms: {'met' if worst < 50 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
