"""The window follows the profile in use when another device renames it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.progress import Store
from studyapp.progress.records import name_id
from studyapp.progress.sync import file_name
from studyapp.progress.sync.lines import FORMAT, encode
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.ui.conftest import make_bank

NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
OTHER = "00000000000000bb"


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
    rename = {
        "seq": 1,
        "stamp": "2026-03-03T09:05:00.000000+00:00",
        "kind": "profile",
        "profile_id": name_id("ana"),
        "event": "name",
        "name": "Ana B.",
    }
    header = {"studyapp_sync": FORMAT, "device": OTHER, "name": "desktop"}
    (mine / file_name(OTHER)).write_bytes(encode(header) + encode(rename))
    merged = backend.store.sync()
    assert merged.profiles == 1
    win.synced(merged)
    assert win.profile == "Ana B."
    assert settings.value("profile") == "Ana B."
    assert backend.store.profiles() == ["Ana B."]
    win.close()
