"""The main window by keyboard: library, a session, undo, summary, exam, settings on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import FILE_NAME, open_settings
from studyapp.ui.study.summary import ScoreBar
from studyapp.ui.window import ZOOM_STEP, MainWindow
from tests.ui.conftest import make_bank, on_library

ENTER = Qt.Key.Key_Return


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(
    qtbot: QtBot, key: Qt.Key | str, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    if isinstance(key, str):
        qtbot.keyClicks(_focus(), key)
    else:
        qtbot.keyClick(_focus(), key, mods)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    where = paths.resolve(tmp_path / "data")
    backend = Backend(where)
    backend.banks = {
        b.id: b
        for b in (
            make_bank("multiple_choice", "true_false", "short_answer", bank_id="a", title="Alpha"),
            make_bank("attribution", bank_id="b", title="Beta"),
        )
    }
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    return on_library(qtbot, win)


def _answer_current_right(qtbot: QtBot, win: MainWindow) -> None:
    q = win.study.shown.question
    widget = win.study.widget
    if q.TYPE == "short_answer":
        press(qtbot, q.answers[0])
    else:
        value = q.answer
        press(qtbot, str(widget.values.index(value) + 1))


def test_library_opens_on_first_bank_and_enter_starts_the_review(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert "StudyApp" in window.windowTitle()
    assert window.library.table.hasFocus()
    assert window.library.selected_bank() == "a"
    assert window.library.model.rows[0].questions == 3
    press(qtbot, ENTER)
    assert window.stack.currentWidget() is window.study
    assert window.study.count.text() == "1 of 3"
    assert window.study.where.text() == "Alpha · Review"  # all three new, within the limit


def test_arrow_then_enter_starts_the_other_bank(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, Qt.Key.Key_Down)
    assert window.library.selected_bank() == "b"
    press(qtbot, ENTER)
    assert window.study.where.text() == "Beta · Review"


def test_whole_session_by_keys_then_summary_then_library(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, ENTER)
    for _ in range(3):
        _answer_current_right(qtbot, window)
        press(qtbot, ENTER)
        assert window.study.feedback.verdict.text().startswith("✓ Right")
        press(qtbot, ENTER)
    assert window.stack.currentWidget() is window.summary_holder
    assert window.summary.review_button.isHidden()
    # Progress was recorded through the session: the library now shows nothing new.
    window.summary.back_button.click()
    assert window.library.model.rows[0].new == 0
    assert "3 answered, 100 % right" in window.library.today.text()


def test_undo_takes_back_the_last_answer(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, ENTER)
    first = window.study.shown.question.id
    _answer_current_right(qtbot, window)
    press(qtbot, ENTER)
    assert window.study.outcome is not None
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.study.outcome is None
    assert window.study.shown.question.id == first
    assert not window.study.feedback.isVisible()
    assert window.backend.store.review_count("ana") == 0


def test_escape_ends_the_session_with_a_summary(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, ENTER)
    q = window.study.shown.question
    # Answer wrongly on purpose (a choice that is not the answer, or a wrong word).
    if q.TYPE == "short_answer":
        press(qtbot, "Lyon")
    else:
        press(
            qtbot,
            str(next(i for i, v in enumerate(window.study.widget.values, 1) if v != q.answer)),
        )
    press(qtbot, ENTER)
    assert window.study.feedback.verdict.text().startswith("✗ Wrong")
    press(qtbot, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.summary_holder
    assert window.summary.review_button.isVisible()
    assert window.summary.review_button.hasFocus()
    press(qtbot, Qt.Key.Key_Space)  # "Review mistakes now"
    assert window.stack.currentWidget() is window.study
    assert window.study.where.text() == "Alpha · Mistakes"
    assert window.study.shown.question.id == q.id


def test_exam_hides_feedback_until_the_end(qtbot: QtBot, window: MainWindow) -> None:
    window.library.mode_buttons["exam"].setChecked(True)
    window.library.focus_banks()
    press(qtbot, ENTER)
    assert window.study.where.text() == "Alpha · Exam"
    assert window.study.clock_label.isVisible()
    assert window.study.clock_label.text().endswith("left")
    for i in range(3):
        assert window.study.count.text() == f"{i + 1} of 3"
        _answer_current_right(qtbot, window)
        press(qtbot, ENTER)
        assert not window.study.feedback.isVisible()
    assert window.stack.currentWidget() is window.summary_holder
    assert window.summary.content is not None
    score = [w.text() for w in window.summary.content.findChildren(type(window.study.where))]
    assert "100 %" in score


def test_zoom_keys_and_geometry_are_kept_in_an_ini_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    size = window.library.font().pointSizeF()
    press(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.library.font().pointSizeF() > size
    press(qtbot, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.library.font().pointSizeF() == pytest.approx(size)
    window.resize(1000, 777)
    window.close()
    ini = paths.resolve().config / FILE_NAME
    assert ini.is_file()
    stored = QSettings(str(ini), QSettings.Format.IniFormat)
    assert not stored.value("geometry").isEmpty()


def test_zoom_keeps_the_pick_not_yet_checked(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, ENTER)
    for _ in range(3):
        _answer_current_right(qtbot, window)
        widget = window.study.widget
        assert widget is not None
        pending = widget.response()
        label = widget.findChildren(QLabel)[0]
        size = label.font().pointSizeF()
        press(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(50)  # let anything the zoom queued run
        assert window.study.widget is widget
        assert widget.response() == pending
        assert label.font().pointSizeF() == pytest.approx(size * ZOOM_STEP)
        press(qtbot, ENTER)
        assert window.study.feedback.verdict.text().startswith("✓ Right")
        press(qtbot, ENTER)
    assert window.zoom == 3
    assert window.stack.currentWidget() is window.summary_holder


def test_every_control_is_named_and_reachable_by_tab(qtbot: QtBot, window: MainWindow) -> None:
    seen = []
    for _ in range(30):
        widget = _focus()
        if widget in seen:
            break
        seen.append(widget)
        press(qtbot, Qt.Key.Key_Tab)
    names = [w.accessibleName() for w in seen]
    assert all(names), [type(w).__name__ for w, n in zip(seen, names, strict=True) if not n]
    assert {"Banks", "Profile", "Tags"} <= set(names)
    assert window.library.start_button in seen
    assert window.library.start_button.accessibleName() == "Learn 3 new (Enter)"


def test_a_page_that_fits_shows_no_scroll_bar(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, Qt.Key.Key_Down)  # Beta: an attribution with explanation and evidence
    press(qtbot, ENTER)
    press(qtbot, str(window.study.widget.values.index("trump") + 1))
    press(qtbot, ENTER)
    assert window.study.feedback.isVisible()
    page = window.study.pane
    # Make the window just taller than the page needs at this width, wrapped text and all.
    need = page.widget().layout().totalHeightForWidth(page.viewport().width())
    window.resize(960, window.height() - page.viewport().height() + need + 8)
    qtbot.waitUntil(lambda: not page.verticalScrollBar().isVisible(), timeout=2000)
    assert page.widget().height() <= page.viewport().height()


def test_start_check_and_next_each_show_the_enter_key_alike(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.library.start_button.text() == "Learn 3 new  ⏎"
    press(qtbot, ENTER)
    button = window.study.action_button
    assert button.text() == "Check  ⏎"
    assert button.isVisible()
    _answer_current_right(qtbot, window)
    press(qtbot, ENTER)  # the key the button shows does what the button says
    assert window.study.outcome is not None
    assert button.text() == "Next  ⏎"
    first = window.study.shown.question.id
    press(qtbot, ENTER)
    assert window.study.shown.question.id != first
    assert button.text() == "Check  ⏎"
    # The mark fits: the whole label is drawn, not elided.
    assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())


def _finish_alpha_all_right(qtbot: QtBot, win: MainWindow) -> None:
    press(qtbot, ENTER)
    for _ in range(3):
        _answer_current_right(qtbot, win)
        press(qtbot, ENTER)
        press(qtbot, ENTER)
    assert win.stack.currentWidget() is win.summary_holder


def _miss_one_then_end(qtbot: QtBot, win: MainWindow) -> str:
    press(qtbot, ENTER)
    q = win.study.shown.question
    if q.TYPE == "short_answer":
        press(qtbot, "Lyon")
    else:
        wrong = next(i for i, v in enumerate(win.study.widget.values, 1) if v != q.answer)
        press(qtbot, str(wrong))
    press(qtbot, ENTER)
    press(qtbot, Qt.Key.Key_Escape)
    assert win.stack.currentWidget() is win.summary_holder
    return str(q.id)


def test_enter_on_the_summary_reviews_the_mistakes(qtbot: QtBot, window: MainWindow) -> None:
    missed = _miss_one_then_end(qtbot, window)
    summary = window.summary
    assert summary.review_button.text() == "Review mistakes now  ⏎"
    assert summary.back_button.text() == "Back to library"
    # Enter does what the marked button says even when another control has the focus.
    summary.back_button.setFocus()
    press(qtbot, ENTER)
    assert window.stack.currentWidget() is window.study
    assert window.study.where.text() == "Alpha · Mistakes"
    assert window.study.shown.question.id == missed


def test_enter_on_a_clean_summary_goes_back_to_the_library(
    qtbot: QtBot, window: MainWindow
) -> None:
    _finish_alpha_all_right(qtbot, window)
    summary = window.summary
    assert summary.review_button.isHidden()
    assert summary.back_button.text() == "Back to library  ⏎"
    assert summary.back_button.hasFocus()
    press(qtbot, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert window.stack.currentWidget() is window.library
    assert "3 answered, 100 % right" in window.library.today.text()


def test_escape_on_the_summary_goes_back_to_the_library(qtbot: QtBot, window: MainWindow) -> None:
    _miss_one_then_end(qtbot, window)
    assert window.summary.review_button.hasFocus()
    press(qtbot, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.library
    # The library is live again: Enter starts a new session there.
    press(qtbot, ENTER)
    assert window.stack.currentWidget() is window.study


def test_summary_bars_say_the_partial_score_they_show(qtbot: QtBot, tmp_path: Path) -> None:
    where = paths.resolve(tmp_path / "data")
    backend = Backend(where)
    bank = make_bank("multiple_select", bank_id="m", title="Mixed")
    backend.banks = {bank.id: bank}
    win = MainWindow(backend, open_settings(where.config), "ana")
    qtbot.addWidget(win)
    on_library(qtbot, win)
    press(qtbot, ENTER)
    # One of the two right leaders, nothing wrong: half the credit, not a right answer.
    press(qtbot, str(win.study.widget.values.index("Macron") + 1))
    press(qtbot, ENTER)
    assert win.study.feedback.verdict.text().startswith("◐ Partly right")
    press(qtbot, ENTER)
    assert win.stack.currentWidget() is win.summary_holder
    bars = win.summary.findChildren(ScoreBar)
    assert bars
    assert {bar.fraction for bar in bars} == {0.5}
    words = {label.text() for label in win.summary.findChildren(QLabel, "tagWords")}
    assert words == {"50 % · 0 of 1 fully right"}


def test_review_says_it_follows_the_exam_plan(qtbot: QtBot, window: MainWindow) -> None:
    from datetime import timedelta

    exam = (window.backend.clock() + timedelta(days=10)).date()
    window.backend.store.update_profile("ana", exam_date=exam, daily_minutes=20)
    window.library.mode_buttons["review"].setChecked(True)
    press(qtbot, ENTER)
    assert window.stack.currentWidget() is window.study
    assert window.study.where.text() == f"Alpha · Review for the exam on {exam.day} {exam:%B}"
    # Every question is new, and the plan (not the daily limit) asks for all three today.
    assert window.study.count.text() == "1 of 3"


@pytest.mark.parametrize(
    ("days", "minutes", "out_of_reach"),
    # Three new questions and the exam tomorrow at a minute a day cannot reach the target;
    # twenty days at an hour a day can, and then nothing more is said.
    [(1, 1, True), (20, 60, False)],
)
def test_review_for_an_exam_out_of_reach_says_so_from_the_first_question(
    qtbot: QtBot, window: MainWindow, days: int, minutes: int, out_of_reach: bool
) -> None:
    from datetime import timedelta

    exam = (window.backend.clock() + timedelta(days=days)).date()
    window.backend.store.update_profile("ana", exam_date=exam, daily_minutes=minutes)
    window.library.mode_buttons["review"].setChecked(True)
    press(qtbot, ENTER)
    assert window.stack.currentWidget() is window.study
    note = window.study.exam_note
    assert note.isVisible() is out_of_reach
    if out_of_reach:
        assert note.text().startswith("⚠ At this pace, recall on the exam day would reach only")
        assert "Settings" in note.text()
