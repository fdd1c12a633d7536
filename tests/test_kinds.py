"""Every kind of question is handled everywhere a kind is dispatched on.

A new kind touches several places written in different styles (a checker table, grading by
type, presentation, the widget table, each exporter). This test names them all, so a kind left
out of one fails here instead of at a learner's screen.
"""

from __future__ import annotations

import random

import pytest
from benchmarks import _common as common

from studyapp.answering.grading import Grade, expected_answer, grade
from studyapp.answering.presentation import present
from studyapp.bank import checks
from studyapp.bank.loader import load_file
from studyapp.bank.problems import Problem
from studyapp.bank.serialise import bank_from_data, bank_to_data
from studyapp.interop.aiken import export_aiken
from studyapp.interop.gift import export_gift
from studyapp.interop.moodle_xml import export_moodle_xml
from studyapp.interop.qti import export_qti
from studyapp.model import QUESTION_TYPES, Bank, Kind


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    path = common.write_bank(tmp_path_factory.mktemp("kinds"), 2 * len(Kind))
    result = load_file(path)
    assert result.errors == ()
    (bank,) = result.banks
    assert {q.TYPE for q in bank.questions} == set(Kind)
    return bank


def test_the_kinds_are_the_question_types() -> None:
    assert set(QUESTION_TYPES) == set(Kind)
    for kind, cls in QUESTION_TYPES.items():
        assert cls.TYPE is kind
        assert isinstance(cls.TYPE, Kind)


def test_the_validator_has_a_checker_for_every_kind() -> None:
    assert set(checks.BY_TYPE) == set(Kind)


def test_the_study_screen_has_a_widget_for_every_kind() -> None:
    from studyapp.ui.study.questions.factory import WIDGETS

    assert set(WIDGETS) == set(Kind)


def test_every_kind_is_presented_and_graded(every_kind: Bank) -> None:
    rng = random.Random(5)
    for question in every_kind.questions:
        shown = present(question, every_kind, rng)
        assert shown.question is question
        blank = grade(question, None, every_kind)
        assert isinstance(blank, Grade)
        assert blank.score == 0.0, question.TYPE
        assert expected_answer(question, every_kind), question.TYPE


def test_every_kind_round_trips_through_the_cache_form(every_kind: Bank) -> None:
    again = bank_from_data(bank_to_data(every_kind, columns=True), every_kind.path)
    assert again.questions == every_kind.questions


def _skipped(problems: list[Problem]) -> set[str]:
    """The ids of the questions a format said it could not carry (interop.common.skipped)."""
    return {p.message.split("'")[1] for p in problems if p.message.startswith("question '")}


def test_every_exporter_writes_or_names_every_kind(every_kind: Bank) -> None:
    # A format without a kind says so with a problem naming the question; none may crash or
    # drop a question in silence.
    ids = {q.id for q in every_kind.questions}
    for text, problems in (export_gift(every_kind), export_moodle_xml(every_kind)):
        left_out = _skipped(problems)
        assert left_out < ids
        assert all(q in text for q in ids - left_out)
    # Aiken keeps no ids, and a position shift becomes two of its questions (before, after):
    # each question carried gives at least one answer line.
    text, problems = export_aiken(every_kind)
    assert _skipped(problems) < ids
    assert text.count("ANSWER: ") >= len(ids - _skipped(problems))
    _data, count, problems = export_qti(every_kind, 0.0)
    assert count == len(ids - _skipped(problems))
