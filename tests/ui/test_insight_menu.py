"""The main window's Insight menu and Settings: each page opens from its action, a mix-up
drills in the study view, settings reach the window, progress exports."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.study import Session, SessionConfig
from studyapp.ui.backend import Backend
from studyapp.ui.insight.stats import StatsPage
from studyapp.ui.insight.timeline import TimelinePage
from studyapp.ui.settings.dialog import FOLDERS_KEY, SettingsDialog
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.ui.conftest import make_bank
from tests.ui.insight_helpers import wait_ready


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    where = paths.resolve(tmp_path / "data", env={"STUDYAPP_CONFIG_DIR": str(tmp_path / "cfg")})
    settings = open_settings(where.config)
    settings.setValue(FOLDERS_KEY, [str(tmp_path / "more-banks")])
    backend = Backend(where)
    bank = make_bank("attribution", "position_shift", "true_false")
    backend.banks = {bank.id: bank}
    # Two wrong attributions: Trump's words given to Macron.
    for _ in range(2):
        session = Session(
            backend.banks,
            backend.store,
            "ana",
            SessionConfig(question_ids=("who-nato",)),
            backend.clock,
            random.Random(1),
        )
        session.answer("macron")
    win = MainWindow(backend, settings, "ana")
    qtbot.addWidget(win)
    win.show()
    return win


def action(win: MainWindow, name: str) -> QAction:
    found = win.findChild(QAction, name)
    assert found is not None, name
    return found


def test_saved_bank_folders_join_the_sources(window: MainWindow, tmp_path: Path) -> None:
    assert tmp_path / "more-banks" in window.backend.sources


def test_statistics_opens_and_a_mix_up_drills_in_the_study_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    action(window, "statistics").trigger()
    holder = window.insight.pages["statistics"]
    qtbot.waitExposed(holder)
    page = holder.page
    assert isinstance(page, StatsPage)
    wait_ready(qtbot, page)  # the figures come from a worker
    assert page.confusions.model.index(0, 0).data() == (
        "You attribute Donald Trump’s words to Emmanuel Macron (2 times)"
    )
    page.confusions.button.click()
    assert window.stack.currentWidget() is window.study
    assert window.study.session is not None
    assert window.study.session.total == 1
    assert window.study.shown.question.id == "who-nato"
    assert not holder.isVisible()


def test_timeline_opens_for_the_bank(qtbot: QtBot, window: MainWindow) -> None:
    action(window, "timeline").trigger()
    page = window.insight.pages["timeline"].page
    assert isinstance(page, TimelinePage)
    assert page.chooser.currentText() == "Demo bank"
    assert len(page.rows) == 1


def test_settings_change_the_theme_the_menu_shows(qtbot: QtBot, window: MainWindow) -> None:
    action(window, "settings").trigger()
    dialog = window.findChild(SettingsDialog, "settings-dialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.zoom.setCurrentIndex(dialog.zoom.findData(1))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.theme_actions["dark"].isChecked()
    assert window.zoom == 1
    assert window.settings.value("theme") == "dark"
    from studyapp.ui.common import theme

    assert theme.is_dark(QApplication.palette())
    theme.apply(QApplication.instance(), "system")


def test_export_progress_from_the_menu(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    target = tmp_path / "for-teacher.json"

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, choose)
            return
        dialog.selectFile(str(target))
        dialog.accept()

    QTimer.singleShot(0, choose)
    with qtbot.waitSignal(window.insight.export_finished) as done:
        action(window, "export-progress").trigger()
    assert done.args == [str(target)]
    data = json.loads(target.read_text("utf-8"))
    assert [r["response"] for r in data["reviews"]] == ["macron", "macron"]
    assert "Exported 2 answers of ana" in window.statusBar().currentMessage()


def test_settings_open_by_a_key_on_every_platform(qtbot: QtBot, window: MainWindow) -> None:
    settings = action(window, "settings")
    assert QKeySequence("Ctrl+,") in settings.shortcuts()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(SettingsDialog, "settings-dialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.reject()


def test_page_windows_close_with_a_plain_button(qtbot: QtBot, window: MainWindow) -> None:
    action(window, "timeline").trigger()
    holder = window.insight.pages["timeline"]
    close = holder.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.icon().isNull()
    room = window.screen().availableGeometry()
    assert holder.width() <= room.width()
    assert holder.height() <= room.height()
