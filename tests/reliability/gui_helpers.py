"""The main window on a real data folder and a bank on disk, studied by keys in-process."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.reliability.quiz import BANK_ID


def open_window(qtbot: QtBot, data: Path, banks: Path) -> MainWindow:
    where = paths.resolve(data)
    win = MainWindow(Backend(where, [banks]), open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.show()
    win.start_up()
    return win


def alerts() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def start_drill(qtbot: QtBot, win: MainWindow) -> None:
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    rows = [row.bank_id for row in win.library.model.rows]
    win.library.select_row(rows.index(BANK_ID))
    win.library.focus_banks()
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.study


def check_answer(qtbot: QtBot, win: MainWindow) -> tuple[str, str] | None:
    """Pick option 1 and press Enter; the (question, verdict) shown, or None if not shown."""
    qtbot.keyClick(focus(), Qt.Key.Key_1)
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    outcome = win.study.outcome
    if outcome is None or not win.study.feedback.isVisible():
        return None
    return outcome.question.id, outcome.verdict


def answer_and_go_on(qtbot: QtBot, win: MainWindow) -> tuple[str, str]:
    shown = check_answer(qtbot, win)
    assert shown is not None
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    return shown
