"""Every kind of question is handled everywhere a kind is dispatched on, in one style.

Code that does something different for each kind does it with a `match` over the Question union
(or over Kind, before a question is built), whose last case is `assert_never`: mypy then names
every such match a new kind is missing from. This test names the places (the validator's checks,
presentation, grading, the widget factory, the quiz formats' items and the Anki and CSV
exports), proves each covers every kind in that style, runs each on every kind, and keeps the
older styles (kind-keyed dicts of functions, isinstance chains) from coming back.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import random
from pathlib import Path

import pytest
from benchmarks import _common as common

from studyapp.answering.grading import Grade, expected_answer, grade
from studyapp.answering.presentation import present
from studyapp.bank.loader import load_file
from studyapp.bank.problems import Problem
from studyapp.bank.serialise import bank_from_data, bank_to_data
from studyapp.interop.aiken import export_aiken
from studyapp.interop.common import to_items
from studyapp.interop.gift import export_gift
from studyapp.interop.moodle_xml import export_moodle_xml
from studyapp.interop.qti import export_qti
from studyapp.model import QUESTION_TYPES, Bank, Kind

REPO = Path(__file__).resolve().parent.parent


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


# Every function that dispatches on a question's kind: (module, function).
DISPATCHES = (
    ("studyapp.bank.checks", "by_kind"),
    ("studyapp.answering.presentation", "present"),
    ("studyapp.answering.grading", "_grade"),
    ("studyapp.ui.study.questions.factory", "make_question_widget"),
    ("studyapp.interop.common", "to_items"),
    ("studyapp.interop.anki", "_front_and_options"),
    ("studyapp.interop.csv_export", "_prompt_and_options"),
    ("studyapp.bank.itemcheck.detect", "options"),
    ("studyapp.bank.itemcheck.across", "_answer_keys"),
    ("studyapp.bank.itemcheck.detect", "_in_stem"),
    ("studyapp.answering.responses", "read_response"),
    ("studyapp.ui.study.summary", "question_text"),
    ("studyapp.ui.study.summary", "response_text"),
)
CLASS_NAMES = {cls.__name__: kind for kind, cls in QUESTION_TYPES.items()}


def _pattern_kinds(pattern: ast.pattern) -> set[Kind]:
    """The kinds a case pattern names: `Attribution()`, `Kind.CLOZE`, or an `|` of them."""
    if isinstance(pattern, ast.MatchOr):
        return set().union(*(_pattern_kinds(p) for p in pattern.patterns))
    if isinstance(pattern, ast.MatchClass) and isinstance(pattern.cls, ast.Name):
        return {CLASS_NAMES[pattern.cls.id]}
    if isinstance(pattern, ast.MatchValue) and isinstance(pattern.value, ast.Attribute):
        return {Kind[pattern.value.attr]}
    return set()


@pytest.mark.parametrize(("module", "name"), DISPATCHES)
def test_each_dispatch_is_a_match_over_every_kind_closed_by_assert_never(
    module: str, name: str
) -> None:
    function = getattr(importlib.import_module(module), name)
    tree = ast.parse(inspect.getsource(function).strip())
    (match,) = [node for node in ast.walk(tree) if isinstance(node, ast.Match)]
    *cases, last = match.cases
    named = [_pattern_kinds(case.pattern) for case in cases]
    assert set().union(*named) == set(Kind), f"{module}.{name} misses a kind"
    # A guarded case (`case Cloze() if ...`) may be followed by its kind's plain case.
    plain = [kinds for kinds, case in zip(named, cases, strict=True) if case.guard is None]
    assert sum(map(len, plain)) == len(Kind), f"{module}.{name} names a kind twice"
    assert isinstance(last.pattern, ast.MatchAs)
    assert last.pattern.pattern is None, f"{module}.{name} ends on a named case"
    (closing,) = last.body
    assert "assert_never" in ast.unparse(closing), f"{module}.{name} is not closed"


def _kind_test(test: ast.expr) -> set[str]:
    """The question classes an `if` tests with isinstance(x, A | B), or none."""
    if not (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id == "isinstance"
        and len(test.args) == 2
    ):
        return set()
    return {n.id for n in ast.walk(test.args[1]) if isinstance(n, ast.Name) and n.id in CLASS_NAMES}


def _dispatch_shapes(tree: ast.AST) -> list[str]:
    """The older ways of dispatching on kind found in a module: a function branching three or
    more times on isinstance over three or more question classes (a guard that keeps to some
    kinds, or a choice between two, is not a dispatch), or a dict naming three or more kinds as
    keys of callables, or functools.singledispatch."""
    found = []
    kind_texts = {str(kind) for kind in Kind}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            branches = [
                tested
                for branch in ast.walk(node)
                if isinstance(branch, ast.If) and (tested := _kind_test(branch.test))
            ]
            if len(branches) >= 3 and len(set().union(*branches)) >= 3:
                found.append(f"an isinstance chain in {node.name}()")
        if isinstance(node, ast.Name | ast.Attribute) and "singledispatch" in ast.unparse(node):
            found.append(f"singledispatch at line {node.lineno}")
        if isinstance(node, ast.Dict):
            keys = {
                k.value
                for k in node.keys
                if isinstance(k, ast.Constant) and isinstance(k.value, str)
            } | {
                str(Kind[k.attr])
                for k in node.keys
                if isinstance(k, ast.Attribute)
                and isinstance(k.value, ast.Name)
                and k.value.id == "Kind"
            }
            functions = [v for v in node.values if isinstance(v, ast.Name | ast.Attribute)]
            if len(keys & kind_texts) >= 3 and len(functions) >= 3:
                found.append(f"a kind-keyed table of callables at line {node.lineno}")
    return found


def test_no_module_dispatches_on_kind_in_an_older_style() -> None:
    package = REPO / "studyapp"
    found = {
        str(path.relative_to(REPO)): shapes
        for path in sorted(package.rglob("*.py"))
        if (shapes := _dispatch_shapes(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_study_screen_makes_a_widget_for_every_kind(every_kind: Bank, qtbot: object) -> None:
    from studyapp.ui.study.questions.factory import make_question_widget

    rng = random.Random(5)
    for question in every_kind.questions:
        shown = present(question, every_kind, rng)
        widget = make_question_widget(question, shown.options, every_kind)
        try:
            assert widget.question is question
            assert type(widget).__name__.startswith(type(question).__name__)
        finally:
            widget.deleteLater()


def test_every_kind_becomes_items_or_says_why_not(every_kind: Bank) -> None:
    for question in every_kind.questions:
        for matching in (True, False):
            items = to_items(question, every_kind, "a format", matching=matching)
            if isinstance(items, str):
                assert question.TYPE is Kind.ORDERING, items
            else:
                assert items, question.TYPE
                assert all(i.name for i in items), question.TYPE


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
