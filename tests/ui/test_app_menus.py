"""Help › About, File › New bank from article…, and `studyapp preview`'s window, by keys."""

from __future__ import annotations

import argparse
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import REPO
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.ui.about import AboutDialog
from studyapp.ui.app import preview_window
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow

ENTER = Qt.Key.Key_Return
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
VALID = REPO / "tests" / "banks" / "valid.yaml"
ARTICLE = """\
Harbor council reverses course on ferry plan

The harbor council voted on Monday to scrap the ferry plan it backed last year.

"We listened to the people of the harbor," said Mayor Cara Jensen.

Opposition leader Ben Okafor was not convinced. "This is a delay, not a decision," he said.
"""


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    where = paths.resolve(tmp_path / "data")
    win = MainWindow(Backend(where, bundled=False), open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.start_up()
    return win


def _menu_action(win: MainWindow, menu_title: str, item_text: str) -> QAction:
    # Popping the menu up is what the offscreen platform cannot do; the item is the real one.
    menu = next(
        a.menu() for a in win.menuBar().actions() if a.text().replace("&", "") == menu_title
    )
    assert isinstance(menu, QMenu)
    return next(a for a in menu.actions() if a.text().replace("&", "") == item_text)


def test_help_about_opens_the_about_dialog_with_this_windows_folders(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _menu_action(window, "Help", "About StudyApp").trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AboutDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AboutDialog)
    assert dialog.parent() is window
    assert dialog.values["Progress file"].text() == str(tmp_path / "data" / "progress.sqlite3")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _type_into_file_dialog(qtbot: QtBot, path: Path) -> None:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QFileDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QFileDialog)
    # Typing would pop up the path completer, which the offscreen platform warns about.
    dialog.selectFile(str(path))
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(_focus(), ENTER)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_new_bank_from_article_drafts_watches_and_opens_the_editor(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    article = tmp_path / "articles" / "harbor.txt"
    article.parent.mkdir()
    article.write_text(ARTICLE, encoding="utf-8")
    bank = tmp_path / "banks" / "harbor.yaml"
    bank.parent.mkdir()
    assert window.library.model.rows == []

    action = _menu_action(window, "File", "New bank from article…")
    assert action.shortcut() == QKeySequence("Ctrl+Shift+N")
    qtbot.keyClick(window.library.table, Qt.Key.Key_N, CTRL_SHIFT)
    _type_into_file_dialog(qtbot, article)
    _type_into_file_dialog(qtbot, bank)

    assert bank.is_file()
    assert (bank.parent / "sources" / "harbor.txt").read_bytes() == article.read_bytes()
    assert [u.toLocalFile() for u in opened] == [str(bank.resolve())]
    rows = window.library.model.rows
    assert [r.title for r in rows] == ["Harbor council reverses course on ferry plan"]
    # one per attributed quote, and the council's move on the ferry plan (backed, then scrapped)
    assert rows[0].questions == 3
    assert str(bank) in window.backend.watched_files()
    # What needs the instructor's eye is listed, each at its line in the article.
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert f"{article}:7: check: “This is a delay" in box.informativeText()
    assert "We listened" not in box.informativeText()  # "said Mayor Cara Jensen" settles it
    qtbot.keyClick(box, ENTER)
    qtbot.waitUntil(lambda: not box.isVisible())
    # Live reload: the instructor retitles the bank in the editor and the library follows.
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("title: Harbor council", "title: Ferry vote"), encoding="utf-8")
    qtbot.waitUntil(
        lambda: window.library.model.rows[0].title.startswith("Ferry vote"), timeout=3000
    )


def test_an_unreadable_article_is_explained_in_a_message_box(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    article = tmp_path / "empty.txt"
    article.write_bytes(b"\xff\xfe\x00 not text")
    bank = tmp_path / "empty.yaml"
    qtbot.keyClick(window.library.table, Qt.Key.Key_N, CTRL_SHIFT)
    _type_into_file_dialog(qtbot, article)
    _type_into_file_dialog(qtbot, bank)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert str(article) in box.informativeText()
    assert not bank.exists()
    assert opened == []
    qtbot.keyClick(box, ENTER)
    qtbot.waitUntil(lambda: not box.isVisible())


def _preview(qtbot: QtBot, tmp_path: Path, *question_ids: str) -> MainWindow:
    bank = tmp_path / "bank" / "valid.yaml"
    shutil.copytree(VALID.parent, bank.parent)
    args = argparse.Namespace(data_dir=str(tmp_path / "data"), profile=None)
    win = preview_window(args, str(bank), "sample-bank", question_ids)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.study)
    return win


def _reviews(data: Path) -> int:
    db = data / "progress.sqlite3"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM reviews").fetchone()[0])


def test_preview_of_one_question_grades_it_and_records_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    win = _preview(qtbot, tmp_path, "capital")
    assert win.study.count.text() == "1 of 1"
    assert win.study.where.text() == "A sample bank · Practice · not recorded"
    assert win.study.shown.question.id == "capital"
    qtbot.keyClick(_focus(), Qt.Key.Key_1)  # Port Ellis, listed first (not shuffled)
    qtbot.keyClick(_focus(), ENTER)
    assert win.study.feedback.verdict.text().startswith("✓ Right")
    assert win.study.outcome is not None
    assert not win.study.outcome.recorded
    qtbot.keyClick(_focus(), ENTER)
    assert win.stack.currentWidget() is win.summary_holder
    win.summary.back_button.click()
    assert win.library.today.text().startswith("Preview")
    assert win.library.model.rows[0].new == len(win.backend.banks["sample-bank"].questions)
    win.close()
    assert _reviews(tmp_path / "data") == 0
    assert not (tmp_path / "data" / "progress.sqlite3").exists()


def test_preview_of_a_whole_bank_asks_every_question(qtbot: QtBot, tmp_path: Path) -> None:
    win = _preview(qtbot, tmp_path)
    total = len(win.backend.banks["sample-bank"].questions)
    assert win.study.count.text() == f"1 of {total}"
    assert "Preview" in win.windowTitle()
