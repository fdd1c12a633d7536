"""Settings › Sync driven by keys, and the main window picking up another device's answers
from the synced folder by itself."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.progress import Store
from studyapp.ui.backend import Backend
from studyapp.ui.settings.dialog import SettingsDialog
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.settings.sync_section import SyncSection
from studyapp.ui.window import MainWindow
from tests.progress_helpers import Clock
from tests.sync_helpers import Courier, Device, make_device
from tests.ui.conftest import make_bank
from tests.ui.insight_helpers import backend_for

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def where(tmp_path: Path) -> paths.Paths:
    return paths.resolve(tmp_path / "data", env={"STUDYAPP_CONFIG_DIR": str(tmp_path / "cfg")})


@pytest.fixture
def store(where: paths.Paths) -> Iterator[Store]:
    with Store.open(where.progress_db, lambda: NOW) as s:
        yield s


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Device]:
    device = make_device(tmp_path, "desktop", "00000000000000bb", Clock())
    yield device
    device.store.close()


def press_button(qtbot: QtBot, section: SyncSection, name: str) -> None:
    """Tab to the button as a learner would, then press Space on it."""
    button = section.findChild(QPushButton, name)
    assert button is not None
    assert button.isEnabled()
    for _ in range(40):
        if QApplication.focusWidget() is button:
            break
        qtbot.keyClick(QApplication.focusWidget() or section, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is button
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_joining_shows_the_devices_and_the_files_it_cannot_read(
    qtbot: QtBot, store: Store, where: paths.Paths, other: Device, tmp_path: Path
) -> None:
    dialog = SettingsDialog(backend_for(store, {"demo": make_bank()}, lambda: NOW, where), "ana")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    section = dialog.findChild(SyncSection)
    assert section is not None
    summary = section.findChild(QLabel, "sync-summary")
    assert "Sync is off" in summary.text()
    devices = section.findChild(QTreeWidget, "sync-devices")
    assert not devices.isVisible()
    # The other device has answered twice; its file is in this device's copy of the folder.
    mine = tmp_path / "laptop-synced"
    mine.mkdir()
    for question in ("q1", "q2"):
        other.clock.tick(minutes=3)
        other.answer(question, 3)
    other.store.sync()
    Courier(random.Random(1)).settle(other, Device(store, mine, "x", Clock()))
    section.rng = random.Random(5)
    section.join(mine)
    assert section.syncing  # the pass runs beside the dialog
    qtbot.waitUntil(lambda: not section.syncing, timeout=10000)
    assert store.review_count() == 2
    assert "This device:" in summary.text()
    assert devices.isVisible()
    assert devices.topLevelItemCount() == 1
    row = devices.topLevelItem(0)
    assert (row.text(0), row.text(2), row.text(3)) == ("desktop", "2", "✓ read")
    # A file from a newer StudyApp appears as unreadable, with the reason, after "Sync now".
    newer = mine / "studyapp-00000000000000cc.jsonl"
    newer.write_bytes(b'00000000 {"studyapp_sync":9,"device":"00000000000000cc"}\n')
    press_button(qtbot, section, "sync-now")
    qtbot.waitUntil(lambda: not section.syncing, timeout=10000)
    problems = section.findChild(QLabel, "sync-problems")
    assert problems.isVisible()
    assert "studyapp-00000000000000cc.jsonl" in problems.text()
    assert devices.topLevelItemCount() == 2
    press_button(qtbot, section, "sync-stop")
    assert "Sync is off" in summary.text()
    assert store.sync_identity is not None
    assert store.sync_identity.folder is None


def test_the_window_shows_answers_from_another_device_without_being_asked(
    qtbot: QtBot, tmp_path: Path, other: Device
) -> None:
    where = paths.resolve(tmp_path / "data")
    mine = tmp_path / "laptop-synced"
    mine.mkdir()
    with Store.open(where.progress_db, lambda: NOW) as first:
        first.join_sync(mine, "00000000000000aa", "laptop")
    backend = Backend(where, clock=lambda: other.clock.now + timedelta(minutes=5))
    bank = make_bank("multiple_choice", "true_false", bank_id="news", title="News")
    backend.banks = {bank.id: bank}
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.show()
    win._open_store()
    win._refresh_library()
    win.start_sync()
    question = next(iter(bank.questions)).id
    other.clock.tick(minutes=1)
    other.answer(question, 3, bank="news")
    other.store.sync()
    Courier(random.Random(2)).settle(other, Device(backend.store, mine, "x", Clock()))
    # The watcher notices the new file, merges it, and the library redraws with the answer.
    qtbot.waitUntil(lambda: backend.store.review_count() == 1, timeout=10000)
    qtbot.waitUntil(lambda: "1 answered" in win.library.today.text(), timeout=5000)
    win.close()
