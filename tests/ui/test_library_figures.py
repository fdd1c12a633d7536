"""The library's counts and today's line are the core's figures, shown after real answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.ui.conftest import make_bank


class Clock:
    def __init__(self) -> None:
        # Mid-morning on the machine's own calendar, so that two hours later is the same day.
        local = datetime.now().astimezone().replace(hour=10, minute=0, second=0, microsecond=0)
        self.now = local.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now


def _library(qtbot: QtBot, tmp_path: Path, clock: Clock) -> MainWindow:
    """A window on one two-question bank, showing the library, on `clock`."""
    where = paths.resolve(tmp_path / "data")
    backend = Backend(where, clock=clock, bundled=False)
    bank = make_bank("true_false", "multiple_choice", bank_id="a", title="Alpha")
    backend.banks = {bank.id: bank}
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.show_library()
    return win


def test_a_missed_question_comes_due_and_the_library_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    clock = Clock()
    win = _library(qtbot, tmp_path, clock)
    row = win.library.model.rows[0]
    assert (row.questions, row.due, row.new, row.mastered_text) == (2, 0, 2, "—")
    assert win.library.today.text() == "Today: nothing answered yet"

    qtbot.keyClick(win.library.table, Qt.Key.Key_Return)
    shown = win.study.shown
    assert shown is not None
    wrong = next(i for i, v in enumerate(win.study.widget.values, 1) if v != shown.question.answer)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0 + wrong)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    win.summary.back_button.click()

    row = win.library.model.rows[0]
    assert (row.due, row.new) == (0, 1)
    assert row.mastered_text == "0 %"
    assert win.library.today.text().startswith("Today: 1 answered, 0 % right · next review in ")
    clock.now += timedelta(hours=2)  # the missed one is due again within minutes
    win.show_library()
    assert win.library.model.rows[0].due == 1
    assert win.library.today.text() == "Today: 1 answered, 0 % right · 1 due now"


def test_the_library_shows_learning_and_when_each_bank_was_last_studied(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from studyapp.ui.common.theme import contrast
    from studyapp.ui.library.model import COLUMNS

    clock = Clock()
    win = _library(qtbot, tmp_path, clock)
    assert COLUMNS == ("Bank", "Due", "Learning", "New", "Mastered", "Last studied")
    model = win.library.model
    assert [model.index(0, c).data() for c in range(1, 6)] == [0, 0, 2, "—", "never"]

    qtbot.keyClick(win.library.table, Qt.Key.Key_Return)
    shown = win.study.shown
    assert shown is not None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    win.summary.back_button.click()
    clock.now += timedelta(days=3)  # whatever was answered is not due for a while yet...
    win.show_library()
    row = model.rows[0]
    assert row.due + row.learning + row.new + round((row.mastered or 0) * row.questions) == 2
    assert row.new == 1
    assert model.index(0, 5).data() == "3 days ago"
    # Each non-zero count has a colour of its own that reads on the table (words say the rest).
    brushes = {c: model.index(0, c).data(Qt.ItemDataRole.ForegroundRole) for c in (1, 2, 3)}
    base = win.library.table.palette().color(win.library.table.backgroundRole())
    shown_colours = {c: b.color().name() for c, b in brushes.items() if b is not None}
    assert 3 in shown_colours
    assert len(set(shown_colours.values())) == len(shown_colours)
    for name in shown_colours.values():
        from PySide6.QtGui import QColor

        assert contrast(QColor(name), base) >= 4.5, name
