"""A fair exam: the clock warns in its last minute, an answer given in time but not checked is
handed in when time runs out, and the summary says that time was up."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.progress import Store
from studyapp.study import Session, SessionConfig
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.progress_helpers import Clock
from tests.ui.conftest import make_bank


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _exam(store: Store, clock: Clock) -> Session:
    bank = make_bank("multiple_choice", "true_false", "short_answer", bank_id="a", title="Alpha")
    config = SessionConfig(mode="exam", bank_ids=(bank.id,), time_limit=120)
    return Session({bank.id: bank}, store, "ana", config, clock, random.Random(5))


def test_the_session_counts_an_answer_handed_in_at_time_up(tmp_path: Path) -> None:
    clock = Clock()
    store = Store.open(tmp_path / "p.sqlite3", clock)
    try:
        exam = _exam(store, clock)
        shown = exam.current()
        assert shown is not None
        assert exam.hand_in("True") is None  # time is not up: answers go in by Check
        clock.tick(seconds=121)
        assert exam.time_up
        assert exam.hand_in("") is None  # a blank is never an answer
        given = "Paris" if shown.question.TYPE == "short_answer" else shown.presentation.options[0]
        if shown.question.TYPE == "true_false":
            given = True
        handed = exam.hand_in(given)
        assert handed is not None
        assert store.review_count("ana") == 1
        assert exam.hand_in(given) is None  # once only
        assert exam.time_up
        assert exam.current() is None
    finally:
        store.close()


def test_the_clock_warns_then_the_pick_on_screen_is_handed_in(qtbot: QtBot, tmp_path: Path) -> None:
    where = paths.resolve(tmp_path / "data")
    backend = Backend(where)
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    clock = Clock()
    store = Store.open(tmp_path / "exam.sqlite3", clock)
    try:
        exam = _exam(store, clock)
        view = win.study
        win.stack.setCurrentWidget(view)
        view.start(exam, "Alpha")
        view._tick()
        assert "⚠" not in view.clock_label.text()
        clock.tick(seconds=70)  # 50 s left
        view._tick()
        assert view.clock_label.text().startswith("⚠")
        assert "Under a minute" in view.clock_label.accessibleName()
        # A pick, not checked, when the bell rings.
        widget = view.widget
        assert widget is not None
        if widget.question.TYPE == "short_answer":
            qtbot.keyClicks(_focus(), "Rome")
        else:
            qtbot.keyClick(_focus(), "1")
        assert view.outcome is None
        clock.tick(seconds=60)
        view._tick()
        assert win.stack.currentWidget() is win.summary_holder
        assert store.review_count("ana") == 1  # handed in, not lost
        assert win.summary.content is not None
        note = win.summary.content.findChild(QLabel, "note")
        assert note is not None
        assert note.text().startswith("Time is up.")
        assert "counted" in note.text()
        assert "2 questions went unanswered" in note.text()
    finally:
        win.study.timer.stop()
        store.close()
