"""The window is painted before the banks load, and they then load by themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.ui.backend import Backend
from studyapp.ui.first_paint import FALLBACK_MS, AfterFirstPaint
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow

BANK = """\
studyapp: 1
id: tiny
title: Tiny bank
questions:
  - id: q1
    type: true_false
    statement: The sky is green.
    answer: false
"""


class FirstPaintSeen(QObject):
    """Notes whether any bank had loaded when the window was first painted."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.banks_at_first_paint: list[int] = []
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.banks_at_first_paint:
            self.banks_at_first_paint.append(len(self.window.backend.banks))
        return False


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    bank = tmp_path / "tiny.yaml"
    bank.write_text(BANK, encoding="utf-8")
    where = paths.resolve(tmp_path / "data")
    win = MainWindow(Backend(where, [str(bank)], bundled=False), open_settings(where.config))
    qtbot.addWidget(win)
    return win


def test_the_window_is_painted_before_the_banks_load(qtbot: QtBot, window: MainWindow) -> None:
    seen = FirstPaintSeen(window)
    window.show()
    AfterFirstPaint(window, window.start_up)
    qtbot.waitUntil(lambda: bool(window.library.model.rows))
    assert seen.banks_at_first_paint == [0]
    assert [row.title for row in window.library.model.rows] == ["Tiny bank"]


def test_a_window_never_painted_still_loads_its_banks(qtbot: QtBot, window: MainWindow) -> None:
    AfterFirstPaint(window, window.start_up)  # never shown: no paint will come
    qtbot.waitUntil(lambda: bool(window.backend.banks), timeout=FALLBACK_MS * 4)
    assert list(window.backend.banks) == ["tiny"]


def test_the_step_runs_once_however_often_the_window_paints(
    qtbot: QtBot, window: MainWindow
) -> None:
    calls: list[int] = []
    window.show()
    AfterFirstPaint(window, lambda: calls.append(len(calls)))
    for _ in range(3):
        window.repaint()
        qtbot.wait(20)
    qtbot.wait(FALLBACK_MS + 200)
    assert calls == [0]


def _window_on(qtbot: QtBot, tmp_path: Path, *sources: Path) -> MainWindow:
    where = paths.resolve(tmp_path / "data")
    backend = Backend(where, [str(s) for s in sources], bundled=False)
    win = MainWindow(backend, open_settings(where.config))
    qtbot.addWidget(win)
    return win


def _menu_texts(window: MainWindow) -> list[str]:
    file_menu = window.menuBar().actions()[0].menu()
    return [a.text().replace("&", "") for a in file_menu.actions() if a.text()]


def test_the_library_says_loading_until_the_first_load_finishes(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show()
    qtbot.waitExposed(window)
    library = window.library
    assert library.empty_title.isVisible()
    assert library.empty_title.text() == "Loading banks…"
    assert not library.table.isVisible()
    assert not library.start_button.isEnabled()
    AfterFirstPaint(window, window.start_up)
    qtbot.waitUntil(lambda: library.table.isVisible())
    assert not library.empty_title.isVisible()
    assert not library.empty.isVisible()
    assert library.start_button.isEnabled()


def test_a_load_that_finds_nothing_says_how_to_add_a_bank(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "no-banks"
    folder.mkdir()
    window = _window_on(qtbot, tmp_path, folder)
    window.show()
    AfterFirstPaint(window, window.start_up)
    library = window.library
    qtbot.waitUntil(lambda: library.empty_title.text() != "Loading banks…")
    assert library.empty_title.text() == "No banks yet"
    assert library.empty_title.isVisible()
    assert library.empty.isVisible()
    help_text = library.empty.text()
    # Each way named is a real menu entry (as the File menu spells it) or the command line.
    for entry in ("Open bank…", "New bank from article…"):
        assert entry in _menu_texts(window)
        assert f"File › {entry}" in help_text
    assert "studyapp PATH" in help_text
    assert "problems" not in help_text


def test_a_load_where_every_bank_is_broken_points_at_the_problems(
    qtbot: QtBot, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BANK.replace("answer: false", "answer: maybe"), encoding="utf-8")
    window = _window_on(qtbot, tmp_path, broken)
    window.show()
    AfterFirstPaint(window, window.start_up)
    library = window.library
    qtbot.waitUntil(lambda: library.empty_title.text() == "No banks yet")
    assert library.problems.isVisible()
    assert "problems are listed below" in library.empty.text()
    assert "File › Open bank…" in library.empty.text()
