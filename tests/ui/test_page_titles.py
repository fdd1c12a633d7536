"""The statistics and timeline windows carry titles of their own, so that a window manager,
a screen reader's window list and `xdotool search --name` tell them from the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.ui.backend import Backend
from studyapp.ui.insight.menu import PageWindow
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.ui.conftest import make_bank

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_page_windows_opened_by_keys_have_their_own_titles(qtbot: QtBot, tmp_path: Path) -> None:
    where = paths.resolve(tmp_path / "data", env={"STUDYAPP_CONFIG_DIR": str(tmp_path / "cfg")})
    backend = Backend(where, bundled=False)
    bank = make_bank("position_shift", "true_false")
    backend.banks = {bank.id: bank}
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_S, SHIFT_CTRL)
    qtbot.keyClick(win, Qt.Key.Key_T, SHIFT_CTRL)
    pages = {w.objectName(): w for w in QApplication.topLevelWidgets() if isinstance(w, PageWindow)}
    assert set(pages) == {"statistics-window", "timeline-window"}
    titles = {name: page.windowTitle() for name, page in pages.items()}
    assert titles["statistics-window"].startswith("Statistics — ana")
    assert titles["timeline-window"].startswith("Positions timeline")
    assert win.windowTitle() not in titles.values()
    for page in pages.values():
        page.close()
