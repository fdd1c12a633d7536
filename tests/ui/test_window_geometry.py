"""Where the main window opens: a minimum size, its saved place if sensible, else centred."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow


def _saved_geometry(qtbot: QtBot, rect: QRect) -> QByteArray:
    """What Qt itself saves for a window with this geometry."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setGeometry(rect)
    return widget.saveGeometry()


def _open(qtbot: QtBot, tmp_path: Path, saved: QByteArray | None = None) -> MainWindow:
    where = paths.resolve(tmp_path / "data")
    settings = open_settings(where.config)
    if saved is not None:
        settings.setValue("geometry", saved)
        settings.sync()
    win = MainWindow(Backend(where, bundled=False), open_settings(where.config))
    qtbot.addWidget(win)
    return win


def _assert_default_and_centred(win: MainWindow) -> None:
    room = QApplication.primaryScreen().availableGeometry()
    rect = win.geometry()
    assert rect.width() >= 640
    assert rect.height() >= 480
    assert rect.width() <= room.width()
    assert rect.height() <= room.height()
    assert abs(rect.center().x() - room.center().x()) <= 1
    assert abs(rect.center().y() - room.center().y()) <= 1


def test_first_start_opens_a_sensible_size_centred_with_a_minimum(
    qtbot: QtBot, tmp_path: Path
) -> None:
    win = _open(qtbot, tmp_path)
    assert (win.minimumWidth(), win.minimumHeight()) == (640, 480)
    _assert_default_and_centred(win)
    win.resize(300, 200)  # as a person dragging its corner would try
    assert (win.width(), win.height()) == (640, 480)


@pytest.mark.parametrize(
    "rect",
    [
        pytest.param(QRect(20, 30, 300, 200), id="smaller than the minimum"),
        pytest.param(QRect(5000, 5000, 700, 500), id="off every screen"),
        pytest.param(QRect(-2000, 100, 700, 500), id="left of every screen"),
    ],
)
def test_a_saved_geometry_that_makes_no_sense_is_ignored(
    qtbot: QtBot, tmp_path: Path, rect: QRect
) -> None:
    win = _open(qtbot, tmp_path, _saved_geometry(qtbot, rect))
    _assert_default_and_centred(win)


def test_bytes_that_are_not_a_geometry_are_ignored(qtbot: QtBot, tmp_path: Path) -> None:
    win = _open(qtbot, tmp_path, QByteArray(b"not a geometry at all, just bytes " * 3))
    _assert_default_and_centred(win)


def test_a_sensible_saved_geometry_comes_back_after_a_restart(qtbot: QtBot, tmp_path: Path) -> None:
    first = _open(qtbot, tmp_path)
    first.show()
    qtbot.waitExposed(first)
    first.setGeometry(QRect(40, 50, 700, 520))
    qtbot.waitUntil(lambda: first.geometry() == QRect(40, 50, 700, 520))
    first.close()
    again = _open(qtbot, tmp_path)
    assert again.geometry().size() == first.geometry().size()
    assert again.geometry().topLeft() == first.geometry().topLeft()
