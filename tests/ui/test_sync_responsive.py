"""A large merge runs beside the learner: keys are answered while it is under way."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.progress import Store
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.sync_helpers import write_peer_file
from tests.ui.conftest import make_bank

NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
MERGED = 60_000  # several seconds of merging here: far longer than answering one question


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_a_key_is_answered_while_a_large_merge_runs(qtbot: QtBot, tmp_path: Path) -> None:
    where = paths.resolve(tmp_path / "data", env={"STUDYAPP_CONFIG_DIR": str(tmp_path / "cfg")})
    mine = tmp_path / "synced"
    mine.mkdir()
    with Store.open(where.progress_db, lambda: NOW) as first:
        first.join_sync(mine, "00000000000000aa", "laptop")
    write_peer_file(mine, "00000000000000bb", MERGED)
    backend = Backend(where, clock=lambda: NOW)
    bank = make_bank("multiple_choice", bank_id="news", title="News")
    backend.banks = {bank.id: bank}
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win._open_store()
    win._refresh_library()
    win.library.select_row(0)
    win.library.focus_banks()
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)  # Start
    assert win.stack.currentWidget() is win.study

    win.start_sync()
    qtbot.waitUntil(lambda: win.sync_watcher.running, timeout=5000)
    shown, widget = win.study.shown, win.study.widget
    assert shown is not None
    assert widget is not None
    right = widget.correct_values()  # type: ignore[attr-defined]
    number = next(n for n, v in enumerate(widget.values, 1) if v in right)  # type: ignore[attr-defined]
    began = time.perf_counter()
    qtbot.keyClick(_focus(), str(number))
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)  # Check: the answer is recorded
    took = time.perf_counter() - began
    # Answered, saved and shown while the merge is still under way, without waiting for it.
    assert win.study.outcome is not None
    assert win.study.outcome.grade.verdict == "right"
    assert win.sync_watcher.running
    assert backend.store.card("ana", "news", shown.question.id) is not None
    assert took < 1.5, f"answering took {took:.2f} s while the merge ran"

    qtbot.waitUntil(lambda: not win.sync_watcher.running, timeout=120_000)
    assert backend.store.review_count("ana") == MERGED + 1
    assert not any(p.problem for p in backend.store.sync_peers())
    win.close()
