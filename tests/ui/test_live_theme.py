"""A theme switched while the app runs reaches every widget at once, mid-feedback too."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.ui.conftest import make_bank, on_library
from tests.ui.contrast import drawn, luminance, text_contrast

AA = 4.5  # WCAG 2 level AA for body text


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, restore_theme: None) -> MainWindow:
    where = paths.resolve(tmp_path / "data")
    backend = Backend(where)
    backend.banks = {
        "b": make_bank("attribution", "ordering", bank_id="b", title="Beta"),
        "c": make_bank("cloze", bank_id="c", title="Gamma"),
    }
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.resize(900, 900)
    return on_library(qtbot, win)


def _feedback_texts(win: MainWindow) -> list[QWidget]:
    panel = win.study.feedback
    shown = [w for w in panel.findChildren(QLabel) if w.isVisible() and w.text()]
    assert win.study.feedback.explanation.isVisible()
    return [*shown, panel.explanation]


def _switch(qtbot: QtBot, win: MainWindow, key: str) -> None:
    win.set_theme(key)
    qtbot.wait(10)  # let polish and repaint events run, as they would between two frames


def test_switching_theme_mid_feedback_keeps_every_feedback_text_readable(
    qtbot: QtBot, window: MainWindow
) -> None:
    _switch(qtbot, window, "light")
    qtbot.keyClick(window.library.table, Qt.Key.Key_Return)
    study = window.study
    while study.shown.question.TYPE != "attribution":  # type: ignore[union-attr]
        study.next()
    widget = study.widget
    wrong = next(t for v, t in zip(widget.values, widget.tiles, strict=True) if v != "trump")
    qtbot.keyClick(study, str(wrong.number))
    qtbot.keyClick(study, Qt.Key.Key_Return)
    assert study.feedback.isVisible()
    assert study.feedback.evidence is not None
    for key in ("dark", "light", "dark"):
        _switch(qtbot, window, key)
        texts = _feedback_texts(window)
        assert len(texts) >= 5  # verdict, answer, evidence passage, source, explanation
        for label in texts:
            measured = text_contrast(label)
            assert measured >= AA, (key, type(label).__name__, label.objectName(), measured)
        # The tiles and the number badges on them follow too.
        for tile in widget.tiles:
            assert text_contrast(tile) >= AA, (key, tile.full_text)


def _commonest(widget: QWidget, area: QRect | None = None) -> QColor:
    image = drawn(widget, area)
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            p = image.pixel(x, y)
            counts[p] = counts.get(p, 0) + 1
    return QColor.fromRgb(max(counts, key=counts.__getitem__))


def test_library_table_follows_a_live_switch_both_ways(qtbot: QtBot, window: MainWindow) -> None:
    table = window.library.table
    assert window.library.selected_bank() == "b"
    # The second row is not selected: what it shows is the table's own background and text.
    row = table.visualRect(table.model().index(1, 0)).united(
        table.visualRect(table.model().index(1, 4))
    )
    for key, bright in (("light", True), ("dark", False), ("light", True)):
        _switch(qtbot, window, key)
        for widget, area in ((table.viewport(), row), (table.horizontalHeader(), None)):
            background = luminance(_commonest(widget, area))
            assert (background > 0.6) if bright else (background < 0.1), (key, widget, background)
            assert text_contrast(widget, area) >= AA, (key, widget)
