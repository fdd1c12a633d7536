"""Started as a child process by the benchmarks: a window that says when it is painted.

    python _probe.py bare                 a bare PySide6 main window
    python _probe.py app ARG...           studyapp, started as `studyapp ARG...` starts it
    python _probe.py bare-keys N          a bare window: N key presses, each to a label repainted
    python _probe.py app-keys N ARG...    studyapp: practice, then N answers by keys, each timed
                                          from the key press to the feedback painted

It prints PAINTED at the first paint of the main window and READY at the first paint of a list
that shows rows (the library with its banks loaded; for the bare window, its first paint).
Both kinds of window are observed the same way: the QApplication is replaced, before anything
imports it, by a subclass whose only addition is an event filter that watches paint events.
"""

from __future__ import annotations

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
    """The sum of the list's "Questions" column: what the library says it has loaded."""
    model = view.model()
    columns = [
        c
        for c in range(model.columnCount())
        if str(model.headerData(c, Qt.Orientation.Horizontal)).startswith("Questions")
    ]
    if not columns:
        return -1
    cells = (str(model.index(r, columns[0]).data()) for r in range(model.rowCount()))
    return sum(int("".join(ch for ch in cell if ch.isdigit()) or 0) for cell in cells)


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
            app().observer.watchers.remove(on_paint)
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
        # Choose the generated bank in the library's list; Enter there starts practice.
        qapp = app()
        qapp.processEvents()
        view = next(
            v
            for w in qapp.topLevelWidgets()
            if isinstance(w, QtWidgets.QMainWindow)
            for v in w.findChildren(QtWidgets.QAbstractItemView)
            if v.isVisible() and v.model() is not None and v.model().rowCount() > 0
        )
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

    ON_START.append(lambda: watch_start_up(drive if keys else lambda: app().quit()))
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
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
