"""Real bank files: the problems panel for a broken one, and live reload of an edited one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.ui.backend import Backend
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow

GOOD = """\
studyapp: 1
id: harbor
title: Harbor council reverses course
questions:
  - id: q1
    type: true_false
    statement: The council approved the plan.
    answer: false
  - id: q2
    type: true_false
    statement: The vote was unanimous.
    answer: true
"""

BROKEN = """\
studyapp: 1
id: broken
title: Broken bank
questions:
  - id: q1
    type: multiple_choice
    prompt: Which one?
    choices: [a, b]
    anwser: a
"""


@pytest.fixture(autouse=True)
def _no_bundled_banks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests count the banks they write themselves; the bundled ones would only add noise.
    empty = tmp_path / "no-bundled"
    empty.mkdir()
    monkeypatch.setattr("studyapp.ui.backend.bundled_questions", lambda: empty)


def _window(qtbot: QtBot, tmp_path: Path, *files: Path) -> MainWindow:
    where = paths.resolve(tmp_path / "data")
    win = MainWindow(
        Backend(where, [str(f) for f in files], bundled=False), open_settings(where.config), "ana"
    )
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.start_up()
    return win


def _replace_atomically(path: Path, text: str) -> None:
    # How editors save: write a new file beside it, then rename it over the old one.
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def test_broken_bank_is_listed_with_file_line_and_message(qtbot: QtBot, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(BROKEN, encoding="utf-8")
    win = _window(qtbot, tmp_path, good, bad)
    assert [r.bank_id for r in win.library.model.rows] == ["harbor"]
    panel = win.library.problems
    assert panel.isVisible()
    assert panel.toggle.text().startswith("⚠ 1 bank could not be loaded")
    text = panel.text.toPlainText()
    assert f"{bad}:9:" in text
    assert "anwser" in text
    panel.toggle.click()
    assert panel.text.isVisible()
    panel.text.selectAll()
    panel.text.copy()
    assert "anwser" in QApplication.clipboard().text()


RELOAD_WAIT_MS = 5000


def test_edited_bank_reloads_and_keeps_the_session_place(qtbot: QtBot, tmp_path: Path) -> None:
    bank = tmp_path / "harbor.yaml"
    bank.write_text(GOOD, encoding="utf-8")
    win = _window(qtbot, tmp_path, bank)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert win.study.count.text() == "1 of 2"
    first = win.study.shown.question
    edited = GOOD.replace("The council approved the plan.", "The council backed the plan.")
    edited = edited.replace("The vote was unanimous.", "The vote was close.")
    _replace_atomically(bank, edited)
    # Generous waits: this test is about what a reload keeps, not how soon it comes; on a
    # loaded two-core machine the reload once took over a second.
    qtbot.waitUntil(
        lambda: (
            "backed" in win.study.shown.question.statement
            or "close" in win.study.shown.question.statement
        ),
        timeout=RELOAD_WAIT_MS,
    )
    assert win.study.count.text() == "1 of 2"
    assert win.study.shown.question.id == first.id
    # A broken save: the error goes to the panel and the last good version keeps serving.
    _replace_atomically(bank, edited.replace("answer: true", "answer: maybe"))
    qtbot.waitUntil(lambda: bool(win.library.problems.problems), timeout=RELOAD_WAIT_MS)
    assert f"{bank}:" in win.library.problems.text.toPlainText()
    assert "harbor" in win.backend.banks
    # Fixed again: the problem goes away; the watch survived two renames.
    _replace_atomically(bank, GOOD)
    qtbot.waitUntil(lambda: not win.library.problems.problems, timeout=RELOAD_WAIT_MS)
    assert win.study.shown.question.id == first.id


def test_the_library_starts_on_the_bank_named_on_the_command_line(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `studyapp mine.yaml` (or "Open with") listed the bundled banks first and selected the
    # first row, so Enter studied a bank the learner never asked for.
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "harbor.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr("studyapp.ui.backend.bundled_questions", lambda: shipped)
    mine = tmp_path / "mine" / "ferry.yaml"
    mine.parent.mkdir()
    mine.write_text(
        GOOD.replace("id: harbor", "id: ferry").replace("Harbor council", "Ferry week"),
        encoding="utf-8",
    )
    where = paths.resolve(tmp_path / "data")
    win = MainWindow(Backend(where, [str(mine)]), open_settings(where.config), "ana")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.start_up()
    assert [row.bank_id for row in win.library.model.rows] == ["harbor", "ferry"]
    assert win.library.selected_bank() == "ferry"
    qtbot.keyClick(win.library.table, Qt.Key.Key_Return)
    assert win.study.where.text().startswith("Ferry week reverses course · ")
