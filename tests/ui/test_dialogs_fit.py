"""Every dialog and page window fits a 640x480 screen (the main window's minimum) or scrolls,
with its buttons in view; and each Alt key in a dialog means one thing only."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.study import Session, SessionConfig
from studyapp.ui.about import AboutDialog
from studyapp.ui.backend import Backend
from studyapp.ui.common.dialog_fit import FRAME_ALLOWANCE
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.ui.conftest import make_bank

SMALL = QSize(640, 480) - FRAME_ALLOWANCE  # the client area a 640x480 screen leaves a dialog


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    # A deep data folder: About lists it, and it must not widen the dialog past the screen.
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 8)
    where = paths.resolve(deep / "data", env={"STUDYAPP_CONFIG_DIR": str(tmp_path / "cfg")})
    backend = Backend(where)
    bank = make_bank()
    backend.banks = {bank.id: bank}
    session = Session(
        backend.banks, backend.store, "ana", SessionConfig(), backend.clock, random.Random(1)
    )
    while (shown := session.current()) is not None and shown.index < 4:
        session.answer("macron" if shown.question.TYPE == "attribution" else "x")
        session.advance()
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.show()
    return win


def _open(window: MainWindow, which: str) -> QDialog:
    if which == "about":
        about = AboutDialog(window.backend.paths, window)
        about.show()
        return about
    opened: QDialog = getattr(window.insight, which)()
    return opened


def _inside(widget: QWidget, dialog: QWidget) -> bool:
    top_left = widget.mapTo(dialog, QPoint(0, 0))
    return QRect(QPoint(0, 0), dialog.size()).contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("which", ["settings", "about", "statistics", "timeline"])
def test_each_dialog_fits_640x480_with_its_buttons_in_view(
    qtbot: QtBot, window: MainWindow, which: str
) -> None:
    dialog = _open(window, which)
    qtbot.waitExposed(dialog)
    smallest = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert smallest.width() <= SMALL.width(), (which, smallest)
    assert smallest.height() <= SMALL.height(), (which, smallest)
    dialog.resize(SMALL)
    qtbot.waitUntil(lambda: dialog.size() == SMALL)
    boxes = dialog.findChildren(QDialogButtonBox)
    assert boxes
    buttons = [b for box in boxes for b in box.buttons()]
    assert buttons
    for button in buttons:
        assert button.isVisible()
        assert _inside(button, dialog), (which, button.text())


def test_settings_scrolls_to_each_field_tab_reaches_at_640x480(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _open(window, "settings")
    qtbot.waitExposed(dialog)
    dialog.resize(SMALL)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    area = dialog.findChild(QScrollArea, "dialog-body")
    assert area is not None
    seen: list[str] = []
    lowest = 0  # the focus goes round the whole dialog and back to the top: note how far down
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        if area.widget().isAncestorOf(focused):
            top_left = focused.mapTo(area.viewport(), QPoint(0, 0))
            assert area.viewport().rect().intersects(QRect(top_left, focused.size())), (
                focused.objectName() or type(focused).__name__
            )
            seen.append(type(focused).__name__)
        lowest = max(lowest, area.verticalScrollBar().value())
    assert "QListWidget" in seen  # the lower groups were reached, and scrolled to
    assert lowest > 0


def _mnemonics(dialog: QWidget) -> list[str]:
    texts = [b.text() for b in dialog.findChildren(QAbstractButton)]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    return [m.group(1).lower() for t in texts for m in re.finditer(r"(?<!&)&([^&\s])", t)]


def test_settings_gives_each_alt_key_to_one_control(window: MainWindow) -> None:
    keys = _mnemonics(_open(window, "settings"))
    assert len(keys) >= 10
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    assert repeated == []
