"""The grader against a teacher: typed answers judged by hand before the grader was tuned.

tuning.jsonl is what the rules were shaped on; reporting.jsonl was kept apart and is the figure
we report. Both were written, verdicts included, before the grader was run on them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studyapp.bank.grading import grade
from studyapp.bank.loader import load_paths
from studyapp.model import Bank

DATA = Path(__file__).parent / "data" / "grading"
REPO = Path(__file__).parents[1]


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
    ("question", "typed", "verdict"),
    [
        ("un-vote-day", "on Monday", "right"),
        ("un-vote-day", "Mon", "right"),
        ("un-vote-day", "Monday or Tuesday", "wrong"),
        ("un-vote-day", "not Monday", "wrong"),
        ("un-vote-where", "at the UN", "right"),
        ("un-vote-where", "the UN General Assembly", "right"),
        ("who-meets-trump", "Kier Starmer", "right"),
        ("who-meets-trump", "Prime Minister Starmer", "right"),
        ("who-meets-trump", "Keir", "wrong"),
        ("who-meets-trump", "Macron", "wrong"),
        ("who-backed-nato-membership", "President Biden", "right"),
        ("who-backed-nato-membership", "Joe", "wrong"),
        ("who-backed-nato-membership", "Biden and Trump", "wrong"),
        ("who-visits-washington", "President Zelenskyy", "right"),
        ("who-visits-washington", "Zelenskyy, President of Ukraine", "right"),
        ("who-visits-washington", "Zelenskyy, President of Russia", "wrong"),
        ("who-visits-washington", "Putin", "wrong"),
        ("where-trump-confirmed-visit", "cabinet meetings", "right"),
    ],
)
def test_the_bundled_bank_reads_typed_answers_as_a_teacher(
    question: str, typed: str, verdict: str
) -> None:
    bank = _bank(REPO / "questions" / "us-ukraine-security.yaml")
    q = bank.question(question)
    assert q is not None
    assert grade(q, typed, bank).verdict == verdict
