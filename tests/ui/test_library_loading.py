"""A large library: listed without building questions, and loaded in the background with the
window answering keys and showing how far it has come."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from benchmarks import _common as common
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.bank import background, serialise
from studyapp.bank import loader as bank_loader
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow


def _window(qtbot: QtBot, home: Path, files: list[Path], **backend: object) -> MainWindow:
    where = paths.resolve(home / "data")
    win = MainWindow(
        Backend(where, [str(f) for f in files], bundled=False, **backend),  # type: ignore[arg-type]
        open_settings(where.config),
        "ana",
    )
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.start_up()
    return win


def _banks(folder: Path, count: int, size: int) -> list[Path]:
    """`count` banks of `size`, `size + 1`... questions (their ids come from their sizes)."""
    return [common.write_bank(folder / f"bank-{i}", size + i, seed=i) for i in range(count)]


def test_a_warm_start_lists_every_bank_without_building_its_questions(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _banks(tmp_path / "banks", 3, 40)
    first = _window(qtbot, tmp_path, files)
    assert [r.questions for r in first.library.model.rows] == [40, 41, 42]
    first.close()

    parsed: list[str] = []
    decoded: list[object] = []
    real_parse, real_decode = bank_loader.parse_and_build, serialise.questions_from_columns
    monkeypatch.setattr(
        bank_loader,
        "parse_and_build",
        lambda p, *a, **k: parsed.append(p) or real_parse(p, *a, **k),
    )
    monkeypatch.setattr(
        serialise, "questions_from_columns", lambda d: decoded.append(d) or real_decode(d)
    )
    win = _window(qtbot, tmp_path, files)
    rows = win.library.model.rows
    assert [r.questions for r in rows] == [40, 41, 42]
    assert [r.title for r in rows] == [f"Generated bank of {n} (0)" for n in (40, 41, 42)]
    assert parsed == []
    # At most the selected bank is being built, in the background, ready for Enter.
    selected = win.library.selected_bank()
    qtbot.waitUntil(lambda: set(win.backend.banks.built()) == {selected})
    assert len(decoded) == 1
    qtbot.keyClick(win.library.table, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.study
    assert set(win.backend.banks.built()) == {selected}
    assert len(decoded) == 1
    assert parsed == []


def test_a_first_start_loads_in_the_background_with_progress_and_keys_answered(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _banks(tmp_path / "banks", 3, 30)
    release = threading.Event()
    real = background.list_file

    def slow_second_file(path: str, cache: str | None) -> object:
        if path == str(files[1]):
            assert release.wait(30)  # a long file: the test says when it is read
        return real(path, cache)

    monkeypatch.setattr(background, "list_file", slow_second_file)
    win = _window(qtbot, tmp_path, files, inline_bytes=0, workers=0)
    library = win.library
    # Nothing listed yet; the bar says how many files there are, and the window is free.
    assert library.model.rows == []
    assert library.empty_title.text() == "Loading banks…"
    assert library.progress.isVisible()
    assert (library.progress.minimum(), library.progress.maximum()) == (0, 3)
    assert library.progress.text() == "Loading banks: 0 of 3"
    # The first bank appears while the second is still being read...
    qtbot.waitUntil(lambda: len(library.model.rows) == 1, timeout=10_000)
    assert library.progress.value() == 1
    assert library.progress.text() == "Loading banks: 1 of 3"
    assert win.loading is not None
    # ...and keys work meanwhile: Ctrl+= zooms in, Enter opens the bank that is listed.
    qtbot.keyClick(library.table, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert win.zoom == 1
    # (A review by default: the 30 new questions up to the daily limit of 20, as Start said.)
    assert library.start_button.text() == "Learn 20 new  ⏎"
    qtbot.keyClick(library.table, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.study
    assert win.study.count.text() == "1 of 20"
    assert win.loading is not None
    release.set()
    qtbot.waitUntil(lambda: win.loading is None, timeout=10_000)
    assert win.stack.currentWidget() is win.study  # the load did not pull the learner away
    win.show_library()
    assert [r.questions for r in library.model.rows] == [30, 31, 32]
    assert not library.progress.isVisible()


def test_closing_the_window_while_loading_stops_the_job(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _banks(tmp_path / "banks", 3, 10)
    release = threading.Event()
    real = background.list_file

    def held(path: str, cache: str | None) -> object:
        assert release.wait(30)
        return real(path, cache)

    monkeypatch.setattr(background, "list_file", held)
    win = _window(qtbot, tmp_path, files, inline_bytes=0, workers=0)
    job = win.loading.job
    win.close()
    release.set()
    assert job.wait(10)
    assert job.cancelled


def test_a_file_dropped_into_a_watched_folder_is_read_off_the_window_thread(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "watched"
    common.write_bank(folder / "known", 20, seed=1)
    where = paths.resolve(tmp_path / "data")
    win = MainWindow(
        Backend(where, [str(folder)], bundled=False, workers=0), open_settings(where.config), "ana"
    )
    qtbot.addWidget(win)
    win.show()
    win.start_up()
    qtbot.waitUntil(lambda: win.loading is None and len(win.library.model.rows) == 1)
    # A new file, small enough that start-up would have read it at once, held in its parse
    # (as a hostile file is, up to the loader's bounds): the window must not wait for it.
    release = threading.Event()
    readers: list[str] = []
    real = bank_loader.parse_and_build

    def held(*args: object, **kwargs: object) -> object:
        readers.append(threading.current_thread().name)
        assert release.wait(30)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bank_loader, "parse_and_build", held)
    common.write_bank(folder / "dropped", 25, seed=2)
    win.watcher.changed.emit()  # what the folder watcher says
    assert win.loading is not None
    qtbot.waitUntil(lambda: readers != [], timeout=10_000)
    assert threading.main_thread().name not in readers
    # Meanwhile the known bank stays listed and keys work.
    assert [r.questions for r in win.library.model.rows] == [20]
    qtbot.keyClick(win.library.table, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert win.zoom == 1
    release.set()
    qtbot.waitUntil(lambda: win.loading is None, timeout=10_000)
    assert sorted(r.questions for r in win.library.model.rows) == [20, 25]
