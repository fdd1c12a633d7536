"""A message that lists many things (a new bank's review notes, files moved aside) is never
taller than the screen: its long text scrolls, and OK stays on screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QScrollArea
from pytestqt.qtbot import QtBot

from studyapp.ui.common.alerts import alert
from studyapp.ui.new_bank import NewBankFlow

NOTES = [
    f"article.txt:{7 + 4 * i}: check: “Quote number {i} about the ferry, said by someone”"
    for i in range(60)
]


def _window(qtbot: QtBot) -> QMainWindow:
    win = QMainWindow()
    qtbot.addWidget(win)
    win.setCentralWidget(QLabel("the library"))
    win.resize(780, 560)
    win.show()
    return win


def _on_screen(qtbot: QtBot, box: QMessageBox) -> None:
    qtbot.waitUntil(box.isVisible)
    screen = box.screen().availableGeometry()
    assert box.frameGeometry().height() <= screen.height(), (box.height(), screen)
    ok = box.button(QMessageBox.StandardButton.Ok)
    assert ok is not None
    corner = ok.mapToGlobal(ok.rect().bottomRight())
    assert screen.contains(corner), (corner, screen)


def test_sixty_review_notes_scroll_inside_a_box_that_fits(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot)
    flow = NewBankFlow(win, lambda _path: None)
    flow._tell(
        QMessageBox.Icon.Information,
        "Drafted 70 questions. 60 quotes need a look:",
        "\n".join(NOTES),
    )
    box = flow.message
    assert box is not None
    _on_screen(qtbot, box)
    # Every note is there, whole, in a scroll area the keys and the wheel reach.
    assert box.informativeText() == "\n".join(NOTES)
    area = box.findChild(QScrollArea, "message-text")
    assert area is not None
    assert area.verticalScrollBar().maximum() > 0
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())


def test_a_short_message_is_left_as_qt_draws_it(qtbot: QtBot) -> None:
    win = _window(qtbot)
    flow = NewBankFlow(win, lambda _path: None)
    flow._tell(QMessageBox.Icon.Warning, "The bank was not written.", "One line of why.")
    box = flow.message
    assert box is not None
    _on_screen(qtbot, box)
    assert box.findChild(QScrollArea, "message-text") is None
    box.close()


def test_a_long_alert_about_progress_fits_too(qtbot: QtBot) -> None:
    win = _window(qtbot)
    moved = "\n".join(f"/home/ana/.local/share/studyapp/progress-{i}.sqlite3" for i in range(80))
    box = alert(win, "Progress", f"These files were moved aside:\n{moved}")
    _on_screen(qtbot, box)
    assert box.findChild(QScrollArea, "message-text") is not None
    box.close()
    QApplication.processEvents()
