"""Aiken and CSV: guarded lines and skipped kinds in Aiken, one row per question in CSV."""

from __future__ import annotations

import csv
import dataclasses
import io
import re

from interop_sample import hostile_bank

from studyapp.interop.aiken import export_aiken
from studyapp.interop.common import attribution_prompt
from studyapp.interop.csv_export import HEADER, export_csv
from studyapp.model import Attribution, ShortAnswer


def _read_aiken_as_moodle_does(text: str) -> list[tuple[str, list[str], int]]:
    """Moodle's Aiken rules, restated: a choice line is a capital, '.' or ')' and a space;
    'ANSWER:' closes a question; any other line (of two characters or more) starts one."""
    questions: list[tuple[str, list[str], int]] = []
    prompt, choices = "", []
    for raw in text.splitlines():
        line = raw.strip()
        if len(line) < 2:
            continue
        if re.match(r"^[A-Z][).][ \t]", line):
            choices.append(line[2:].strip())
        elif line.startswith("ANSWER:"):
            letter = line.split(":", 1)[1].strip()[:1]
            questions.append((prompt, choices, ord(letter) - ord("A")))
            prompt, choices = "", []
        else:
            assert not prompt, f"question {prompt!r} was never closed"
            prompt = line
    return questions


def test_aiken_reads_back_as_moodle_reads_it() -> None:
    bank = hostile_bank()
    text, _ = export_aiken(bank)
    read = _read_aiken_as_moodle_does(text)
    prompts = [p for p, _, _ in read]
    who = bank.question("who-deal")
    assert isinstance(who, Attribution)
    assert prompts[0] == " ".join(attribution_prompt(who).split())
    by_prompt = {p: (c, a) for p, c, a in read}
    # Question lines that would read as a choice or as the answer line carry a guard.
    assert "Question: A. Lincoln asked: which = right?" in by_prompt
    assert "Question: ANSWER: which are NATO members?" not in by_prompt  # several answers
    assert "Question: ANSWER: B is not how this line should be read" in by_prompt
    assert "Question: C) looks like a choice" in by_prompt
    choices, answer = by_prompt["Question: A. Lincoln asked: which = right?"]
    assert choices[answer].startswith('He said "~no = yes" {maybe}')
    assert "ANSWER: C" in choices
    choices, answer = by_prompt["Question: ANSWER: B is not how this line should be read"]
    assert choices[answer] == "False"


def test_aiken_turns_a_position_shift_into_two_questions() -> None:
    text, _ = export_aiken(hostile_bank())
    read = _read_aiken_as_moodle_does(text)
    shift = [(p, c, a) for p, c, a in read if p.startswith("United States on security")]
    assert [c[a] for _, c, a in shift] == [
        "Guarantees are on the table",
        "No guarantees: Europe's job",
    ]


def test_aiken_lists_every_question_it_skips_and_the_lost_feedback() -> None:
    _, problems = export_aiken(hostile_bank())
    messages = [p.message for p in problems]
    skipped = sorted(m.split("'")[1] for m in messages if "skipped" in m)
    assert skipped == [
        "cloze-one",
        "cloze-two",
        "match-capitals",
        "ms-three",
        "order-events",
        "short-one",
    ]
    assert any("no feedback" in m and "3 question(s)" in m for m in messages)


def test_csv_has_a_header_and_one_row_per_question() -> None:
    bank = hostile_bank()
    rows = list(csv.reader(io.StringIO(export_csv(bank), newline="")))
    assert tuple(rows[0]) == HEADER
    assert [r[1] for r in rows[1:]] == [q.id for q in bank.questions]
    col = {name: i for i, name in enumerate(HEADER)}
    mc = next(r for r in rows if r[col["id"]] == "mc-hostile")
    assert mc[col["prompt"]] == "A. Lincoln asked:\nwhich = right?"
    assert mc[col["answer"]].startswith('He said "~no = yes" {maybe} #1: a\\b ]]>')
    assert mc[col["options"]].split("\n")[3] == "%50% off"
    assert mc[col["explanation"]] == "Line one\nline two: {x} ]]> #### done"
    assert mc[col["tags"]] == "interop; hostile"
    who = next(r for r in rows if r[col["id"]] == "who-deal")
    assert who[col["answer"]] == "Donald Trump"
    assert who[col["evidence"]] == (
        'a passage with "quotes" and ]]> inside\n\na passage over\ntwo lines'
    )


def test_csv_cells_that_a_spreadsheet_would_run_are_guarded() -> None:
    formula = '=HYPERLINK("http://example.invalid","click")'
    bank = dataclasses.replace(
        hostile_bank(),
        questions=(ShortAnswer(id="f", prompt=formula, answers=("@SUM(A1)", "-1+1")),),
    )
    text = export_csv(bank)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1][3] == "'" + formula
    assert rows[1][5] == "'@SUM(A1)"
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@"))
    assert text.endswith("\r\n")
