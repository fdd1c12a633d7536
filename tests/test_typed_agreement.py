"""The grader against a teacher: typed answers judged by hand before the grader was tuned.

tuning.jsonl is what the rules were shaped on; reporting.jsonl was kept apart and is the figure
we report. Both were written, verdicts included, before the grader was run on them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from studyapp.answering.grading import grade
from studyapp.bank.loader import load_paths
from studyapp.model import Bank, ShortAnswer

DATA = Path(__file__).parent / "data" / "grading"
REPO = Path(__file__).parents[1]


@cache  # loading the bundled bank, with its evidence checks, once for every case
def _bank(path: Path) -> Bank:
    result = load_paths([path])
    assert result.errors == ()
    return result.banks[0]


def _judged(name: str) -> list[dict[str, object]]:
    lines = (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize(("name", "floor"), [("tuning", 0.95), ("reporting", 0.95)])
def test_the_grader_agrees_with_the_teacher(name: str, floor: float) -> None:
    bank = _bank(DATA / "bank.yaml")
    rows = _judged(name)
    assert len(rows) >= 100
    verdicts = []
    for row in rows:
        question = bank.question(str(row["question"]))
        assert question is not None, row
        verdicts.append((row, grade(question, row["response"], bank).verdict))
    agree = sum(v == row["teacher"] for row, v in verdicts) / len(verdicts)
    too_kind = [
        (row["question"], row["response"], v)
        for row, v in verdicts
        if (row["teacher"] == "wrong" and v != "wrong")
        or (row["teacher"] == "partial" and v == "right")
    ]
    assert too_kind == []  # no answer the teacher refused is accepted
    assert agree >= floor, f"{name}: {agree:.1%} agreement"


def test_both_sets_together_reach_150_and_cover_every_kind_of_answer() -> None:
    bank = _bank(DATA / "bank.yaml")
    rows = _judged("tuning") + _judged("reporting")
    assert len(rows) >= 150
    kinds = {bank.question(str(r["question"])).TYPE for r in rows}  # type: ignore[union-attr]
    assert kinds == {"short_answer", "cloze"}
    assert {r["teacher"] for r in rows} == {"right", "partial", "wrong"}
    tuning = {(r["question"], json.dumps(r["response"])) for r in _judged("tuning")}
    reporting = {(r["question"], json.dumps(r["response"])) for r in _judged("reporting")}
    assert tuning.isdisjoint(reporting)


@pytest.mark.parametrize(
    ("answers", "typed", "verdict"),
    [
        ("Monday", "on Monday", "right"),
        ("Monday", "Mon", "right"),
        ("Monday", "Monday or Tuesday", "wrong"),
        ("Monday", "not Monday", "wrong"),
        ("the United Nations|UN", "at the UN", "right"),
        ("the United Nations|UN", "the UN General Assembly", "right"),
        ("Keir Starmer", "Kier Starmer", "right"),
        ("Keir Starmer", "Prime Minister Starmer", "right"),
        ("Keir Starmer", "Keir", "wrong"),
        ("Keir Starmer", "Macron", "wrong"),
        ("Joe Biden", "President Biden", "right"),
        ("Joe Biden", "Joe", "wrong"),
        ("Joe Biden", "Biden and Trump", "wrong"),
        ("Volodymyr Zelenskyy", "President Zelenskyy", "right"),
        ("Volodymyr Zelenskyy", "Zelenskyy, President of Ukraine", "right"),
        ("Volodymyr Zelenskyy", "Zelenskyy, President of Russia", "wrong"),
        ("Volodymyr Zelenskyy", "Putin", "wrong"),
        ("a cabinet meeting", "cabinet meetings", "right"),
    ],
)
def test_answers_found_in_the_bundled_bank_are_read_as_a_teacher_would(
    answers: str, typed: str, verdict: str
) -> None:
    """Keys written as in the bundled bank, among its own actors, with no listed variants."""
    bundled = _bank(REPO / "questions" / "us-ukraine-security.yaml")
    q = ShortAnswer(id="q", prompt="?", answers=tuple(answers.split("|")))
    bank = Bank(id="b", title="B", questions=(q,), actors=bundled.actors)
    assert grade(q, typed, bank).verdict == verdict


def test_the_bundled_banks_typed_questions_take_the_answers_of_the_issue() -> None:
    bank = _bank(REPO / "questions" / "us-ukraine-security.yaml")
    typed = [q for q in bank.questions if isinstance(q, ShortAnswer)]
    by_first = {q.answers[0]: q for q in typed}
    for first, answer in (("Monday", "on Monday"), ("the United Nations", "at the UN")):
        if first in by_first:
            assert grade(by_first[first], answer, bank).correct, answer
    for q in typed:  # every accepted form, with a leading "the", is still right
        assert grade(q, "the " + q.answers[0], bank).correct, q.id
