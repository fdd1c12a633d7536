"""Hostile bank files: each is refused with its file and line, or loads and is shown as text,
within a time and memory bound. The figures list every input and how it was answered."""

from __future__ import annotations

import os
import resource
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from bank_helpers import replace_once, sample_folder
from pytestqt.qtbot import QtBot

from studyapp.bank.loader import load_file

SECONDS = 5.0
PEAK_BYTES = 64 * 1024 * 1024
HEAD = "studyapp: 1\nid: hostile\ntitle: Hostile\n"
TF = "questions:\n  - id: q1\n    type: true_false\n    statement: {}\n    answer: yes\n"


def _bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    return HEAD + "\n".join(lines) + "\n" + TF.format("*a9")


def _wide_bomb() -> str:
    items = ", ".join(f"w{i}" for i in range(2000))
    text = HEAD + "questions:\n"
    text += f"  - {{id: q0, type: ordering, prompt: P, items: &w [{items}]}}\n"
    return text + "".join(
        f"  - {{id: q{i}, type: ordering, prompt: P, items: *w}}\n" for i in range(1, 3000)
    )


def _deep_blocks() -> str:
    body = "".join(f"{'  ' * i}k{i}:\n" for i in range(2000)) + "  " * 2000 + "end\n"
    return HEAD + "description:\n" + "".join("  " + line + "\n" for line in body.splitlines())


# name -> (file contents, what must be said: a piece of the message, or None if it loads)
CASES: dict[str, tuple[bytes, str | None]] = {
    "!!python/object/apply tag on a value": (
        (HEAD + TF.format("!!python/object/apply:os.system ['touch PWNED']")).encode(),
        "the tag `!!python/object/apply:os.system` is not allowed",
    ),
    "!!python/name tag on the whole file": (
        b"!!python/name:os.system\n",
        "a bank starts with keys",
    ),
    "billion laughs (10**10 aliases)": (_bomb().encode(), "should be text"),
    "wide alias bomb (3,000 x 2,000 items)": (_wide_bomb().encode(), "too large"),
    "5,000 nested flow lists": (
        (HEAD + "description: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
        "",
    ),
    "2,000 nested block mappings": (_deep_blocks().encode(), ""),
    "a 10,000-character line of text": (
        (HEAD + TF.format("W" * 10_000)).encode(),
        None,
    ),
    "a 10,000-character key": ((HEAD + "k" * 10_000 + ": v\n" + TF.format("S")).encode(), ""),
    "a raw BEL control byte": (
        (HEAD + TF.format("ring \x07 ring")).encode(),
        "a control character (U+0007) cannot be in a bank file",
    ),
    "escaped ESC, terminal colours": (
        (HEAD + TF.format('"\\e[31mred\\e[0m"')).encode(),
        "a control character (U+001B)",
    ),
    "escaped NUL": ((HEAD + TF.format('"a\\0b"')).encode(), "a control character (U+0000)"),
    "right-to-left override, escaped": (
        (HEAD + TF.format('"txt.\\u202eexe"')).encode(),
        "a bidirectional override",
    ),
    "right-to-left override, raw": (
        (HEAD + TF.format("txt.\u202eexe")).encode(),
        "a bidirectional override",
    ),
    "Latin-1 bytes": ((HEAD + TF.format("Caf\xe9")).encode("latin-1"), "not valid UTF-8"),
    "UTF-16 with BOM": ((HEAD + TF.format("S")).encode("utf-16"), "UTF-16"),
    "random binary": (bytes(range(256)) * 8, ""),
    "NUL bytes only": (b"\0" * 1000, ""),
}


def _measure(path: Path) -> tuple[object, float, int]:
    tracemalloc.start()
    # CPU time of this thread, not wall time: the bound is on the work a hostile file can cause,
    # and wall time also counts whatever else a busy machine is running at the moment.
    started = time.thread_time()
    try:
        result = load_file(path)
        seconds = time.thread_time() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, seconds, peak


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_file_is_refused_or_loaded_within_bounds(
    tmp_path: Path, name: str, figures: Callable[[str], None]
) -> None:
    data, expected = CASES[name]
    path = tmp_path / "hostile.yaml"
    path.write_bytes(data)
    cwd = Path.cwd()
    os.chdir(tmp_path)  # a tag that ran `touch PWNED` would leave the file here
    try:
        result, seconds, peak = _measure(path)
    finally:
        os.chdir(cwd)
    assert not (tmp_path / "PWNED").exists()
    assert seconds < SECONDS
    assert peak < PEAK_BYTES
    if expected is None:
        assert result.errors == ()  # type: ignore[attr-defined]
        (bank,) = result.banks  # type: ignore[attr-defined]
        answer = f"loaded ({len(bank.questions)} question)"
    else:
        assert result.banks == ()  # type: ignore[attr-defined]
        errors = result.errors  # type: ignore[attr-defined]
        first = next((e for e in errors if expected in e.message), errors[0])
        assert first.path == str(path)
        assert expected in first.message
        where = f"line {first.line}" if first.line else "the whole file"
        answer = f"refused at {where}: {first.message[:70]}"
        if expected:
            # Only the alias budget speaks of the whole file: it is spent across the file.
            assert first.line >= 1 or "too large" in first.message
    figures(f"{name}: {answer}; {seconds * 1000:.0f} ms, peak {peak / 1e6:.1f} MB")


def test_a_100_mb_file_is_refused_unread(tmp_path: Path, figures: Callable[[str], None]) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.write(HEAD.encode())
        f.truncate(100 * 1024 * 1024)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result, seconds, peak = _measure(path)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    (error,) = result.errors  # type: ignore[attr-defined]
    assert "the file is 100.0 MB; the limit is 6 MB" in error.message
    assert seconds < 1.0
    assert peak < 1024 * 1024
    assert grown_kb < 10 * 1024
    figures(
        f"a 100 MB file: refused before reading ({error.message}); {seconds * 1000:.1f} ms, "
        f"peak {peak / 1e3:.0f} kB, resident size grew {grown_kb} kB"
    )


@pytest.mark.parametrize(
    "file", ["../outside.txt", "/etc/hostname", "sources/../../outside.txt", "link.txt"]
)
def test_a_source_leading_out_of_the_folder_is_refused_at_its_line(
    tmp_path: Path, file: str, figures: Callable[[str], None]
) -> None:
    path = sample_folder(tmp_path)
    (tmp_path / "outside.txt").write_text("secret text", encoding="utf-8")
    os.symlink(tmp_path / "outside.txt", path.parent / "link.txt")
    text = replace_once(path.read_text(encoding="utf-8"), "sources/article.txt", file)
    path.write_text(text, encoding="utf-8")
    result = load_file(path)
    (error,) = result.errors
    assert error.line == text.splitlines().index(f"  file: {file}") + 1
    assert "secret" not in error.message
    assert result.banks == ()
    figures(f"source.file {file}: refused at line {error.line}: {error.message[:60]}")


# Every text field of the format, each with markup that would show bold, run a script or read a
# file if it were taken as HTML.
MARK = "<b>bold</b><script>alert(1)</script><img src='file:///etc/passwd'>"
HTML_BANK = f"""studyapp: 1
id: html
title: "Title {MARK}"
description: "Description {MARK}"
source: {{title: "Source {MARK}"}}
actors:
  a: {{name: "Ana {MARK}", role: "Role {MARK}"}}
  b: {{name: "Ben {MARK}"}}
questions:
  - id: who
    type: attribution
    quote: "Quote {MARK}"
    speaker: a
    distractors: [b]
    context: "Context {MARK}"
    explanation: "Explanation {MARK}"
    evidence: "Evidence {MARK}"
  - id: shift
    type: position_shift
    actor: a
    issue: "Issue {MARK}"
    before: {{label: "Before {MARK}", stance: "Stance one {MARK}"}}
    after: {{label: "After {MARK}", stance: "Stance two {MARK}"}}
    distractors: ["Other {MARK}", "Third {MARK}"]
  - id: mc
    type: multiple_choice
    prompt: "Prompt {MARK}"
    choices: ["One {MARK}", "Two {MARK}"]
    answer: "One {MARK}"
  - id: ms
    type: multiple_select
    prompt: "Prompt {MARK}"
    choices: ["One {MARK}", "Two {MARK}"]
    answers: ["One {MARK}"]
  - id: tf
    type: true_false
    statement: "Statement {MARK}"
    answer: yes
  - id: match
    type: matching
    prompt: "Prompt {MARK}"
    pairs: [["Left {MARK}", "Right {MARK}"], ["Left two", "Right two"]]
  - id: order
    type: ordering
    prompt: "Prompt {MARK}"
    items: ["First {MARK}", "Second {MARK}"]
  - id: cloze
    type: cloze
    text: "Cloze {MARK} {{{{gap}}}}"
  - id: short
    type: short_answer
    prompt: "Prompt {MARK}"
    answers: ["Answer {MARK}"]
"""


def test_markup_in_every_text_field_is_shown_as_text(
    qtbot: QtBot, tmp_path: Path, figures: Callable[[str], None]
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTextEdit

    from tests.reliability.gui_helpers import focus, open_window

    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "html.yaml").write_text(HTML_BANK, encoding="utf-8")
    result = load_file(folder / "html.yaml")
    assert result.errors == ()
    win = open_window(qtbot, tmp_path / "data", folder)
    rows = [row.bank_id for row in win.library.model.rows]
    titles = [str(row.title) for row in win.library.model.rows]
    assert f"Title {MARK}" in titles
    win.library.select_row(rows.index("html"))
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.library.focus_banks()
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    screens = labels_checked = literal = answered = 0

    def check_screen() -> None:
        nonlocal screens, labels_checked, literal
        screens += 1
        for label in win.findChildren(QLabel):
            if "<" in label.text():
                labels_checked += 1
                assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
                literal += "<b>bold</b>" in label.text()
        for edit in win.findChildren(QTextEdit):
            if edit.isVisible() and "Explanation" in edit.toPlainText():
                assert "<script>alert(1)</script>" in edit.toPlainText()
                literal += 1
        for button in win.findChildren(QAbstractButton):
            literal += "<b>bold</b>" in button.text()

    for _ in range(len(result.banks[0].questions)):
        study = win.study
        assert study.widget is not None
        check_screen()  # the question
        if study.shown.question.TYPE in ("short_answer", "cloze"):
            qtbot.keyClicks(focus(), "x")
        else:
            qtbot.keyClick(focus(), Qt.Key.Key_1)
        if study.widget.has_response():
            qtbot.keyClick(focus(), Qt.Key.Key_Return)
            assert study.feedback.isVisible()
            answered += 1
            check_screen()  # its feedback
            qtbot.keyClick(focus(), Qt.Key.Key_Return)
        else:  # matching and ordering take more than one key: go on unanswered
            study.next()
    assert screens == len(result.banks[0].questions) + answered
    assert answered >= 6
    assert literal >= screens
    figures(
        f"HTML and <script> in all text fields of 9 question kinds: {screens} screens, "
        f"{labels_checked} labels with markup all plain text, markup shown literally "
        f"{literal} times, nothing fetched or run"
    )
