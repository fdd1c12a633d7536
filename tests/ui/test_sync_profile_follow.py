"""The window follows the profile in use when another device renames it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.progress import Store
from studyapp.progress.records import name_id
from studyapp.progress.sync import file_name
from studyapp.progress.sync.lines import FORMAT, encode
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.ui.conftest import make_bank, on_library

NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
OTHER = "00000000000000bb"


def _desktop_renames_ana(folder: Path) -> None:
    """The other device's file, as its sync engine delivers it: "ana" renamed "Ana B."."""
    rename = {
        "seq": 1,
        "stamp": "2026-03-03T09:05:00.000000+00:00",
        "kind": "profile",
        "profile_id": name_id("ana"),
        "event": "name",
        "name": "Ana B.",
    }
    header = {"studyapp_sync": FORMAT, "device": OTHER, "name": "desktop"}
    (folder / file_name(OTHER)).write_bytes(encode(header) + encode(rename))


def test_a_rename_on_another_device_moves_the_window_to_the_new_name(
    qtbot: QtBot, tmp_path: Path
) -> None:
    where = paths.resolve(tmp_path / "data", env={"STUDYAPP_CONFIG_DIR": str(tmp_path / "cfg")})
    mine = tmp_path / "synced"
    mine.mkdir()
    with Store.open(where.progress_db, lambda: NOW) as first:
        first.join_sync(mine, "00000000000000aa", "laptop")
        first.profile("ana")
        assert first.profile_ids() == {"ana": name_id("ana")}
    backend = Backend(where, clock=lambda: NOW)
    bank = make_bank("multiple_choice", bank_id="news", title="News")
    backend.banks = {bank.id: bank}
    settings = open_settings(where.config)
    win = MainWindow(backend, settings, "ana")
    qtbot.addWidget(win)
    win._open_store()
    win._refresh_library()
    _desktop_renames_ana(mine)
    merged = backend.store.sync()
    assert merged.profiles == 1
    win.synced(merged)
    assert win.profile == "Ana B."
    assert settings.value("profile") == "Ana B."
    assert backend.store.profiles() == ["Ana B."]
    win.close()


def test_a_rename_during_a_session_keeps_its_answers_in_the_one_profile(
    qtbot: QtBot, tmp_path: Path
) -> None:
    where = paths.resolve(tmp_path / "data", env={"STUDYAPP_CONFIG_DIR": str(tmp_path / "cfg")})
    mine = tmp_path / "synced"
    mine.mkdir()
    with Store.open(where.progress_db, lambda: NOW) as first:
        first.join_sync(mine, "00000000000000aa", "laptop")
        first.profile("ana")
    backend = Backend(where, clock=lambda: NOW)
    bank = make_bank("true_false", "multiple_choice", bank_id="news", title="News")
    backend.banks = {bank.id: bank}
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    on_library(qtbot, win)

    def answer_first_option() -> None:
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClicks(widget, "1")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # hand it in
        assert win.study.outcome is not None
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # on to the next

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # start the review
    assert win.study.session is not None
    answer_first_option()
    _desktop_renames_ana(mine)
    win.synced(backend.store.sync())
    answer_first_option()  # the second answer, after the rename arrived mid-session
    # One profile, under its new name, with both answers; no stray "ana" made by the session.
    assert backend.store.profiles() == ["Ana B."]
    assert [row.profile for row in backend.store.reviews()] == ["Ana B.", "Ana B."]
    win.close()
