"""Settings › Sharing driven by keys against a real LRS (Ralph on 127.0.0.1)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import ralph_driver
from progress_helpers import Clock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot
from sync_helpers import Device

from studyapp import paths
from studyapp.lrs.secret import Keeper
from studyapp.progress import Store
from studyapp.ui.settings.dialog import SettingsDialog
from studyapp.ui.share_section import ShareSection
from studyapp.ui.share_send import Sender
from tests.ui.conftest import make_bank
from tests.ui.insight_helpers import backend_for

pytestmark = pytest.mark.skipif(
    ralph_driver.python() is None, reason=".ci/run installs Ralph in .ralph/"
)
NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def ralph(tmp_path: Path) -> Iterator[ralph_driver.Ralph]:
    server = ralph_driver.Ralph(tmp_path / "ralph")
    server.start()
    yield server
    server.stop()


def type_into(qtbot: QtBot, section: ShareSection, name: str, text: str) -> None:
    field = section.findChild(QLineEdit, name)
    field.setFocus()
    qtbot.keyClicks(field, text)


def test_set_up_test_and_send_from_settings(
    qtbot: QtBot, tmp_path: Path, ralph: ralph_driver.Ralph
) -> None:
    where = paths.resolve(tmp_path / "data", env={"STUDYAPP_CONFIG_DIR": str(tmp_path / "cfg")})
    clock = Clock()
    with Store.open(where.progress_db, clock) as store:
        # No keyring here: the secret typed is held by this run of the app only.
        keeper = Keeper({}, None)
        sender = Sender(lambda: store, lambda: keeper)
        backend = backend_for(store, {"demo": make_bank()}, lambda: NOW, where)
        dialog = SettingsDialog(backend, "ana", sender=sender)
        qtbot.addWidget(dialog)
        dialog.show()
        section = dialog.findChild(ShareSection)
        status = section.findChild(QLabel, "share-status")
        assert "Not set up" in status.text()
        assert "Nothing else leaves this device" in section.findChild(QLabel, "share-what").text()
        type_into(qtbot, section, "share-endpoint", ralph.endpoint)
        type_into(qtbot, section, "share-key", ralph_driver.USER)
        type_into(qtbot, section, "share-secret", ralph_driver.SECRET)
        save = section.findChild(QPushButton, "share-save")
        save.setFocus()
        qtbot.keyClick(save, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: "Connected to the LRS" in status.text(), timeout=20000)
        assert store.sharing is not None
        assert store.sharing.enabled
        device = Device(store, tmp_path, "-", clock, profile="ana-gui")
        for question in ("q1", "q2"):
            clock.tick(seconds=30)
            device.answer(question, 3)
        section.refresh()
        assert status.text().startswith("2 answers waiting")
        send = section.findChild(QPushButton, "share-send")
        send.setFocus()
        qtbot.keyClick(send, Qt.Key.Key_Space)
        qtbot.waitUntil(
            lambda: status.text().startswith("0 answers waiting, 2 sent"), timeout=20000
        )
        names = [s["actor"]["account"]["name"] for s in ralph.statements()]
        assert names.count("ana-gui") == 2
        # Off: answers are no longer queued.
        section.findChild(type(section.enabled), "share-on").setChecked(False)
        clock.tick(seconds=30)
        device.answer("q3", 3)
        assert store.xapi_outbox().waiting == 0
        dialog.close()
        QApplication.processEvents()
