"""The library beside Anki's deck list: Start names the one next step and takes it, the bank
title is not cut at 1280x800, and the selected row keeps its count colours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow
from tests.ui.conftest import make_bank
from tests.ui.contrast import ratio

ENTER = Qt.Key.Key_Return
# Sixty-one characters: a news headline of the usual length.
HEADLINE = "US withdraws security promises for Ukraine as NATO bid stalls"


class Clock:
    def __init__(self) -> None:
        local = datetime.now().astimezone().replace(hour=10, minute=0, second=0, microsecond=0)
        self.now = local.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now


def _window(
    qtbot: QtBot,
    tmp_path: Path,
    clock: Clock,
    title: str = "Alpha",
    size: tuple[int, int] = (900, 700),
) -> MainWindow:
    where = paths.resolve(tmp_path / "data")
    backend = Backend(where, clock=clock, bundled=False)
    bank = make_bank("true_false", "multiple_choice", bank_id="a", title=title)
    backend.banks = {bank.id: bank}
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.show_library()
    return win


def _start_text(win: MainWindow) -> str:
    library = win.library
    if library.nothing_to_start.isVisible():
        return library.nothing_to_start.text()
    return library.start_button.text().removesuffix("  ⏎")


def _answer_all(qtbot: QtBot, win: MainWindow, right: bool) -> None:
    """Answer every question of the session on screen by keys, then go back to the library."""
    while win.stack.currentWidget() is win.study:
        shown = win.study.shown
        assert shown is not None
        values = win.study.widget.values
        pick = next(i for i, v in enumerate(values, 1) if (v == shown.question.answer) == right)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0 + pick)
        qtbot.keyClick(QApplication.focusWidget(), ENTER)  # Check
        qtbot.keyClick(QApplication.focusWidget(), ENTER)  # Next (or the summary)
    assert win.stack.currentWidget() is win.summary_holder
    win.summary.back_button.click()


def test_start_names_the_next_step_and_takes_it(qtbot: QtBot, tmp_path: Path) -> None:
    clock = Clock()
    win = _window(qtbot, tmp_path, clock)
    library = win.library
    # Nothing answered yet: the scheduled path learns the new questions.
    assert library.mode() == "review"
    assert _start_text(win) == "Learn 2 new"
    assert library.start_button.accessibleName() == "Learn 2 new (Enter)"
    qtbot.keyClick(library.table, ENTER)
    assert win.study.where.text() == "Alpha · Review"
    assert win.study.count.text() == "1 of 2"
    _answer_all(qtbot, win, right=False)

    # Both missed: within minutes they are due again, and Start says how many.
    clock.now += timedelta(hours=2)
    win.show_library()
    assert (library.model.rows[0].due, library.model.rows[0].new) == (2, 0)
    assert _start_text(win) == "Study 2 due"
    qtbot.keyClick(library.table, ENTER)
    assert win.study.where.text() == "Alpha · Review"
    _answer_all(qtbot, win, right=True)

    # Nothing due, nothing new: Start still does something, and says it will practise.
    win.show_library()
    assert (library.model.rows[0].due, library.model.rows[0].new) == (0, 0)
    assert _start_text(win) == "Nothing due — practise"
    qtbot.keyClick(library.table, ENTER)
    assert win.study.where.text() == "Alpha · Practice"
    assert win.study.count.text() == "1 of 2"


def test_mistakes_with_none_says_so_and_offers_no_start(qtbot: QtBot, tmp_path: Path) -> None:
    """The mistakes mode offered "Go over mistakes" with none to go over, and its Start opened
    nothing; it now says there is nothing and offers no button until a question is missed."""
    clock = Clock()
    win = _window(qtbot, tmp_path, clock)
    library = win.library
    library.mode_buttons["mistakes"].setChecked(True)
    assert library.mode() == "mistakes"
    assert library.nothing_to_start.isVisible()
    assert library.nothing_to_start.text() == "No mistakes to go over"
    assert not library.start_button.isVisible()
    qtbot.keyClick(library.table, ENTER)  # Enter opens nothing, and the status bar says why
    assert win.stack.currentWidget() is win.library
    assert win.statusBar().currentMessage() == "No mistakes to go over in this bank."

    library.mode_buttons["practice"].setChecked(True)
    assert library.start_button.isVisible()
    assert not library.nothing_to_start.isVisible()
    qtbot.keyClick(library.table, ENTER)
    _answer_all(qtbot, win, right=False)
    win.show_library()
    library.mode_buttons["mistakes"].setChecked(True)
    assert library.start_button.isVisible()
    assert not library.nothing_to_start.isVisible()
    assert _start_text(win) == "Go over 2 mistakes"
    qtbot.keyClick(library.table, ENTER)
    assert win.study.where.text() == "Alpha · Mistakes"
    assert win.study.count.text() == "1 of 2"
    _answer_all(qtbot, win, right=True)
    win.show_library()
    assert library.mode() == "mistakes"
    assert _start_text(win) == "No mistakes to go over"
    assert not library.start_button.isVisible()


def test_start_counts_new_questions_within_the_daily_limit(qtbot: QtBot, tmp_path: Path) -> None:
    clock = Clock()
    win = _window(qtbot, tmp_path, clock)
    win.backend.store.update_profile("ana", daily_new_limit=1)
    win.show_library()
    assert _start_text(win) == "Learn 1 new"
    qtbot.keyClick(win.library.table, ENTER)
    assert win.study.count.text() == "1 of 1"  # what the button said is what the session drew
    _answer_all(qtbot, win, right=True)
    win.show_library()
    # Today's one new question is used up, and nothing is due: practice, said so.
    assert _start_text(win) == "Nothing due — practise"


def test_start_says_what_each_mode_and_tag_will_do(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path, Clock())
    library = win.library
    words = {}
    for mode in ("practice", "exam", "mistakes", "review"):
        library.mode_buttons[mode].setChecked(True)
        words[mode] = _start_text(win)
    assert words == {
        "practice": "Practise all 2",
        "exam": "Start a 2-question exam",
        "mistakes": "No mistakes to go over",  # said beside the hidden button, not on it
        "review": "Learn 2 new",
    }
    library.tags.setCurrentIndex(library.tags.findData("demo"))
    assert _start_text(win) == "Learn 2 new in “demo”"  # the bank's tag: all of its questions
    library.mode_buttons["practice"].setChecked(True)
    assert _start_text(win) == "Practise 2 in “demo”"
    qtbot.keyClick(library.table, ENTER)
    assert win.study.where.text() == "Alpha · Practice"


def test_the_bank_title_is_whole_at_1280x800(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path, Clock(), title=HEADLINE, size=(1280, 800))
    table = win.library.table
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    cell = table.visualRect(win.library.model.index(0, 0))
    padding = 2 * 10  # the cells' padding in the library's style sheet
    need = table.fontMetrics().horizontalAdvance(HEADLINE)
    assert cell.width() - padding >= need, (cell.width(), need)
    # Every other column is whole too: nothing scrolls sideways or hides past the edge.
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()


def _cell_image(win: MainWindow, row: int, column: int) -> tuple[QImage, QRect]:
    table = win.library.table
    rect = table.visualRect(win.library.model.index(row, column))
    return table.viewport().grab(rect).toImage(), rect


def _ink(image: QImage) -> tuple[QColor, QColor]:
    """The cell's background (its commonest colour) and its ink: the pixel farthest from it."""
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            p = image.pixel(QPoint(x, y))
            counts[p] = counts.get(p, 0) + 1
    background = QColor.fromRgb(max(counts, key=counts.__getitem__))
    ink = max((QColor.fromRgb(p) for p in counts), key=lambda c: ratio(c, background))
    return background, ink


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_selected_row_keeps_its_count_colours(
    qtbot: QtBot, tmp_path: Path, theme: str, restore_theme: None
) -> None:
    win = _window(qtbot, tmp_path, Clock())
    win.set_theme(theme)  # a live switch, from the palette the window opened with
    qtbot.wait(10)
    library = win.library
    # A second bank, so that an unselected row is there to compare with.
    other = make_bank("true_false", bank_id="b", title="Beta")
    win.backend.banks = {**win.backend.banks, other.id: other}
    win.show_library()
    library.select_row(0)
    qtbot.wait(10)
    palette = QApplication.palette()
    blue = palette.color(palette.ColorRole.Link)
    for row in (0, 1):  # selected, then not
        background, ink = _ink(_cell_image(win, row, 3)[0])
        assert ratio(ink, background) >= 4.5, (row, ink.name(), background.name())
        # The "new" count is blue on both rows: its hue, not the highlight's white text.
        assert ink.hsvHue() >= 0, (row, ink.name())  # not grey nor white
        assert abs(ink.hsvHue() - blue.hsvHue()) <= 20, (row, ink.name())
        assert ink.saturationF() > 0.25, (row, ink.name())
    # A zero count is drawn faint, not in a count colour: the counts to act on stand out.
    background, zero = _ink(_cell_image(win, 0, 1)[0])
    assert zero.saturationF() < 0.25, zero.name()
    assert ratio(zero, background) >= 4.5
    # The selected row is told apart without hue too: a bar of the full highlight at its start.
    image, _rect = _cell_image(win, 0, 0)
    bar = QColor.fromRgb(image.pixel(QPoint(1, image.height() // 2)))
    assert bar.name() == palette.color(palette.ColorRole.Highlight).name()
    base = palette.color(palette.ColorRole.Base)
    assert ratio(bar, base) >= 3.0  # WCAG's non-text contrast for a state


def _tagged_window(qtbot: QtBot, tmp_path: Path, clock: Clock) -> MainWindow:
    """Bank "a" of three questions, two of them tagged "nato"."""
    from dataclasses import replace

    where = paths.resolve(tmp_path / "data")
    backend = Backend(where, clock=clock, bundled=False)
    base = make_bank("true_false", "multiple_choice", "multiple_select", bank_id="a", title="A")
    first, second, third = base.questions
    questions = (replace(first, tags=("nato",)), second, replace(third, tags=("nato",)))
    bank = replace(base, tags=(), questions=questions)
    backend.banks = {bank.id: bank}
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.resize(900, 700)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.show_library()
    return win


def test_with_a_tag_chosen_start_counts_that_tags_questions(qtbot: QtBot, tmp_path: Path) -> None:
    clock = Clock()
    win = _tagged_window(qtbot, tmp_path, clock)
    library = win.library
    library.tags.setCurrentIndex(library.tags.findData("nato"))
    # Two of the bank's three questions carry the tag; none answered yet.
    assert _start_text(win) == "Learn 2 new in “nato”"
    library.mode_buttons["practice"].setChecked(True)
    assert _start_text(win) == "Practise 2 in “nato”"
    library.mode_buttons["exam"].setChecked(True)
    assert _start_text(win) == "Start a 2-question exam on “nato”"
    library.mode_buttons["review"].setChecked(True)
    qtbot.keyClick(library.table, ENTER)
    assert win.study.count.text() == "1 of 2"  # what the button said is what the session drew


def test_with_a_tag_chosen_start_counts_due_and_falls_back_to_practice(
    qtbot: QtBot, tmp_path: Path
) -> None:
    clock = Clock()
    win = _tagged_window(qtbot, tmp_path, clock)
    library = win.library
    qtbot.keyClick(library.table, ENTER)  # all three, untagged, answered wrong
    assert win.study.count.text() == "1 of 3"
    _answer_each(qtbot, win, right=False)
    clock.now += timedelta(hours=2)
    win.show_library()
    assert _start_text(win) == "Study 3 due"
    library.tags.setCurrentIndex(library.tags.findData("nato"))
    assert _start_text(win) == "Study 2 due in “nato”"
    qtbot.keyClick(library.table, ENTER)
    assert win.study.count.text() == "1 of 2"
    _answer_each(qtbot, win, right=True)
    win.show_library()
    # The tag's two are done for now (the bank's third is still due): practice, said so.
    assert _start_text(win) == "Nothing due in “nato” — practise"
    assert library.model.rows[0].due == 1
    qtbot.keyClick(library.table, ENTER)
    assert win.study.where.text() == "A · Practice"
    assert win.study.count.text() == "1 of 2"


def _answer_each(qtbot: QtBot, win: MainWindow, right: bool) -> None:
    """Each question on screen answered by its number keys (all right, or one wrong pick)."""
    while win.stack.currentWidget() is win.study:
        widget = win.study.widget
        assert widget is not None
        correct = widget.correct_values()  # type: ignore[attr-defined]
        values = widget.values  # type: ignore[attr-defined]
        picks = [i for i, v in enumerate(values, 1) if (v in correct) == right]
        for pick in picks if right else picks[:1]:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0 + pick)
        qtbot.keyClick(QApplication.focusWidget(), ENTER)  # Check
        qtbot.keyClick(QApplication.focusWidget(), ENTER)  # Next (or the summary)
    win.summary.back_button.click()


def test_a_long_title_in_the_study_header_gives_way_to_the_mode_and_the_progress(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # A title longer than the header used to push the mode ("· Review", "· not recorded")
    # out of sight and squeeze the progress strip to nothing at 800x600.
    title = (
        "A bank with very long texts, many options and typed answers to see how the study "
        "screen copes with them at small window sizes"
    )
    win = _window(qtbot, tmp_path, Clock(), title=title, size=(800, 600))
    qtbot.keyClick(win.library.table, ENTER)
    study = win.study
    assert study.count.text() == "1 of 2"
    shown = study.where.text()
    assert shown.startswith("A bank with very long")
    assert shown.endswith("… · Review")
    qtbot.waitUntil(
        lambda: (
            study.where.fontMetrics().horizontalAdvance(study.where.text())
            <= study.where.contentsRect().width()
        )
    )
    assert study.where.text().endswith("… · Review")
    assert study.bar.isVisible()
    assert study.bar.width() >= 100
    assert study.where.geometry().right() < study.count.geometry().left()
    tip = QTextDocument()
    tip.setHtml(study.where.toolTip())  # the tip is the title as HTML that says it as written
    assert tip.toPlainText().replace("\xa0", " ") == f"{title} · Review"
    win.resize(1400, 700)  # room for it all: the whole title again
    qtbot.waitUntil(lambda: study.where.text() == f"{title} · Review")
