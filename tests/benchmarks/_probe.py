"""Started as a child process by the benchmarks: a window that says when it is painted.

    python _probe.py bare                 a bare PySide6 main window
    python _probe.py app ARG...           studyapp, started as `studyapp ARG...` starts it
    python _probe.py bare-keys N          a bare window: N key presses, each to a label repainted
    python _probe.py app-keys N ARG...    studyapp: practice, then N answers by keys, each timed
                                          from the key press to the feedback painted
    python _probe.py app-loading ARG...   studyapp: while banks still load, Down and Up in turn
                                          in the list every 50 ms, each timed to its repaint
                                          (from two rows listed: a press must move the
                                          selection); STUDYAPP_PROBE_STALLS=1 prints the stacks
                                          behind each press slower than 50 ms
    python _probe.py app-open N ARG...    studyapp: N times, select a bank titled "Generated
                                          bank of 10000", press Enter, time to the question painted

With STUDYAPP_PROBE_EXPECT=N in the environment it also prints LISTED at the first paint of the
list once it counts at least N questions (every bank listed, on a start that loads some later).

It prints PAINTED at the first paint of the main window and READY at the first paint of a list
that shows rows (the library with its banks loaded; for the bare window, its first paint).
Both kinds of window are observed the same way: the QApplication is replaced, before anything
imports it, by a subclass whose only addition is an event filter that watches paint events.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, Qt, QTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

Watcher = Callable[[QtWidgets.QWidget], None]


class PaintObserver(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.watchers: list[Watcher] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(obj, QtWidgets.QWidget):
            for watcher in list(self.watchers):
                watcher(obj)
        return False


ON_START: list[Callable[[], None]] = []  # called once the QApplication exists
EXPECT = int(os.environ.get("STUDYAPP_PROBE_EXPECT", "0"))


class ObservedApplication(QtWidgets.QApplication):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.observer = PaintObserver(self)
        self.installEventFilter(self.observer)
        for hook in ON_START:
            hook()


QtWidgets.QApplication = ObservedApplication  # type: ignore[misc]


def app() -> ObservedApplication:
    instance = QtWidgets.QApplication.instance()
    assert isinstance(instance, ObservedApplication)
    return instance


def say(mark: str, rest: str = "") -> None:
    print(f"{mark} {rest}".rstrip(), flush=True)


def questions_listed(view: QtWidgets.QAbstractItemView) -> int:
    """The sum of the rows' question counts: what the library says it has loaded (each row
    carries its BankRow under UserRole; -1 when the model does not say)."""
    model = view.model()
    total = 0
    for r in range(model.rowCount()):
        count = getattr(model.index(r, 0).data(Qt.ItemDataRole.UserRole), "questions", None)
        if not isinstance(count, int):
            return -1
        total += count
    return total


def quit_app() -> None:
    app().quit()


def watch_start_up(then: Callable[[], None]) -> None:
    """Say PAINTED, then READY, as the main window paints; then call `then`."""
    said: set[str] = set()

    def on_paint(widget: QtWidgets.QWidget) -> None:
        if not isinstance(widget.window(), QtWidgets.QMainWindow):
            return
        if "PAINTED" not in said:
            said.add("PAINTED")
            say("PAINTED")
        view = widget.parentWidget()
        bare = type(widget.window()) is QtWidgets.QMainWindow
        listed = (
            isinstance(view, QtWidgets.QAbstractItemView)
            and widget is view.viewport()
            and view.model() is not None
            and view.model().rowCount() > 0
        )
        if "READY" not in said and (bare or listed):
            said.add("READY")
            say("READY", f"questions={0 if bare else questions_listed(view)}")
            if then is not quit_app or bare or not EXPECT:
                QTimer.singleShot(0, then)
        if "READY" not in said:
            return
        if bare or not EXPECT:
            app().observer.watchers.remove(on_paint)
        elif listed and questions_listed(view) >= EXPECT:
            say("LISTED", f"questions={questions_listed(view)}")
            app().observer.watchers.remove(on_paint)
            if then is quit_app:
                QTimer.singleShot(0, then)

    app().observer.watchers.append(on_paint)


def time_to_paint(press: Callable[[], None], painted: Callable[[QtWidgets.QWidget], bool]) -> float:
    """Seconds from a key press to the first paint that `painted` accepts (or -1 if none)."""
    seen: list[float] = []

    def on_paint(widget: QtWidgets.QWidget) -> None:
        if not seen and painted(widget):
            seen.append(time.perf_counter())

    qapp = app()
    qapp.observer.watchers.append(on_paint)
    start = time.perf_counter()
    press()
    while not seen and time.perf_counter() - start < 2:
        qapp.processEvents()
    qapp.observer.watchers.remove(on_paint)
    return seen[0] - start if seen else -1.0


def key(k: Qt.Key) -> Callable[[], None]:
    from PySide6.QtTest import QTest

    return lambda: QTest.keyClick(QtWidgets.QApplication.focusWidget(), k)


def bare(keys: int) -> int:
    qapp = QtWidgets.QApplication(sys.argv[:1])
    window = QtWidgets.QMainWindow()
    window.setWindowTitle("bare")
    label = QtWidgets.QLabel("0", window)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    window.setCentralWidget(label)
    window.resize(960, 720)

    original = label.keyPressEvent

    def count(event: object) -> None:
        label.setText(str(int(label.text()) + 1))
        original(event)  # type: ignore[arg-type]

    label.keyPressEvent = count  # type: ignore[method-assign]

    def drive() -> None:
        label.setFocus()
        times = [time_to_paint(key(Qt.Key.Key_Return), lambda w: w is label) for _ in range(keys)]
        say("KEYS", " ".join(f"{t:.6f}" for t in times))
        qapp.quit()

    watch_start_up(drive if keys else qapp.quit)
    window.show()
    return qapp.exec()


def feedback_painted(widget: QtWidgets.QWidget) -> bool:
    while widget is not None:
        if type(widget).__name__ == "FeedbackPanel":
            return True
        widget = widget.parentWidget()
    return False


def studyapp(keys: int, argv: list[str]) -> int:
    from studyapp import cli

    def drive() -> None:
        # Choose the generated bank in the library's list; Enter there starts practice. The
        # bundled bank is listed first and a bank named on the command line once it has
        # loaded in the background: wait for that.
        qapp = app()
        qapp.processEvents()
        view = library_view()
        while getattr(view.window(), "loading", None) is not None:
            qapp.processEvents()
        view = library_view()
        model = view.model()
        row = next(
            r for r in range(model.rowCount()) if "Generated" in str(model.index(r, 0).data())
        )
        view.setCurrentIndex(model.index(row, 0))
        view.setFocus()
        key(Qt.Key.Key_Return)()
        settle = time.perf_counter()
        while time.perf_counter() - settle < 0.3:  # the study view takes the focus when idle
            qapp.processEvents()
        times = []
        for _ in range(keys):
            key(Qt.Key.Key_1)()  # pick the first option, then the second: a position
            key(Qt.Key.Key_2)()  # shift takes one for before and one for after
            times.append(time_to_paint(key(Qt.Key.Key_Return), feedback_painted))
            key(Qt.Key.Key_Return)()  # on to the next question
        say("KEYS", " ".join(f"{t:.6f}" for t in times))
        qapp.quit()

    ON_START.append(lambda: watch_start_up(drive if keys else quit_app))
    return cli.main(argv)


def library_view() -> QtWidgets.QAbstractItemView:
    return next(
        v
        for w in app().topLevelWidgets()
        if isinstance(w, QtWidgets.QMainWindow)
        for v in w.findChildren(QtWidgets.QTableView)
        if v.isVisible() and v.model() is not None and v.model().rowCount() > 0
    )


class StallSampler:
    """With STUDYAPP_PROBE_STALLS=1: while a key waits for its repaint, a thread samples the
    GUI thread's stack every 10 ms; a press answered later than 50 ms prints what it was doing
    (STALL lines on stderr), which is how the worst key's cause is found."""

    def __init__(self) -> None:
        import threading

        self.on = os.environ.get("STUDYAPP_PROBE_STALLS") == "1"
        self.gui = threading.get_ident()
        self.pending = False
        self.presses = 0
        self.samples: list[str] = []
        if self.on:
            threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        import threading
        import traceback

        began = 0.0
        while True:
            time.sleep(0.01)
            if not self.pending:
                began = 0.0
                continue
            began = began or time.perf_counter()
            if time.perf_counter() - began > 0.04:
                for ident, frame in sys._current_frames().items():
                    if ident == threading.get_ident():
                        continue
                    where = "GUI" if ident == self.gui else f"thread {ident}"
                    stack = "".join(traceback.format_stack(frame, limit=12)[-6:])
                    self.samples.append(f"{where}:\n{stack}")

    def press(self, timed: Callable[[], float]) -> float:
        self.samples = []
        self.presses += 1
        self.pending = True
        cpu = time.thread_time()
        took = timed()
        cpu = time.thread_time() - cpu
        self.pending = False
        if self.on and (took < 0 or took > 0.05):
            from collections import Counter

            common = Counter(self.samples).most_common(6)
            print(
                f"STALL {took * 1000:.0f} ms, GUI thread CPU {cpu * 1000:.0f} ms,"
                f" press {self.presses}, {len(self.samples)} samples",
                file=sys.stderr,
            )
            for stack, n in common:
                print(f"  {n} x\n{stack}", file=sys.stderr)
        return took


def while_loading(argv: list[str]) -> int:
    """Down in the list every 50 ms while the library still loads, each timed to its repaint."""
    from studyapp import cli

    def drive() -> None:
        qapp = app()
        view = library_view()
        window = view.window()
        times = []
        sampler = StallSampler()
        while getattr(window, "loading", None) is not None and len(times) < 2000:
            view.setFocus()
            # Each press must move the selection: Down on the last row or Up on the first would
            # not, and would wait for the next batch of rows to repaint the list (the first
            # presses, over the one or three rows listed first, were the "worst key" of 0.5 s).
            rows = view.model().rowCount()
            if rows < 2:
                qapp.processEvents()
                continue
            at = view.currentIndex().row()
            down = at < rows - 1 and (at <= 0 or len(times) % 2 == 0)  # Down, Up in turn
            step = Qt.Key.Key_Down if down else Qt.Key.Key_Up
            times.append(
                sampler.press(
                    lambda step=step: time_to_paint(key(step), lambda w: w is view.viewport())
                )
            )
            pause = time.perf_counter()
            while time.perf_counter() - pause < 0.05:
                qapp.processEvents()
        say("KEYS", " ".join(f"{t:.6f}" for t in times))
        while getattr(window, "loading", None) is not None:
            qapp.processEvents()
        qapp.quit()

    ON_START.append(lambda: watch_start_up(drive))
    return cli.main(argv)


def open_banks(count: int, argv: list[str]) -> int:
    """Enter on `count` different 10,000-question banks, each timed to its question painted."""
    from studyapp import cli

    def question_painted(widget: QtWidgets.QWidget) -> bool:
        while widget is not None:
            if type(widget).__name__ == "StudyView":
                return True
            widget = widget.parentWidget()
        return False

    def drive() -> None:
        qapp = app()
        view = library_view()
        window = view.window()
        while getattr(window, "loading", None) is not None:
            qapp.processEvents()
        model = view.model()
        rows = [
            r for r in range(model.rowCount()) if "bank of 10000" in str(model.index(r, 0).data())
        ][:count]
        times = []
        for row in rows:
            view.setCurrentIndex(model.index(row, 0))
            view.setFocus()
            times.append(time_to_paint(key(Qt.Key.Key_Return), question_painted))
            window.show_library()  # type: ignore[attr-defined]
            settle = time.perf_counter()
            while time.perf_counter() - settle < 0.2:
                qapp.processEvents()
            view = library_view()
        say("OPEN", " ".join(f"{t:.6f}" for t in times))
        qapp.quit()

    ON_START.append(lambda: watch_start_up(drive))
    return cli.main(argv)


def main(args: list[str]) -> int:
    mode, rest = args[0], args[1:]
    if mode == "bare":
        return bare(0)
    if mode == "bare-keys":
        return bare(int(rest[0]))
    if mode == "app":
        return studyapp(0, rest)
    if mode == "app-keys":
        return studyapp(int(rest[0]), rest[1:])
    if mode == "app-loading":
        return while_loading(rest)
    if mode == "app-open":
        return open_banks(int(rest[0]), rest[1:])
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
