"""The item-writing checks: each documented example is flagged by its own check and no other,
`allow` silences a check, and `studyapp validate` reports them (text, JSON, --strict)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from studyapp.bank import schema, spec
from studyapp.bank.itemcheck import across, detect
from studyapp.bank.itemcheck.catalogue import CHECKS, CODES, Scope
from studyapp.bank.loader import load_file

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "questions" / "sources" / "us-withdraws-security-promises-for-ukraine.txt"

HEAD = """\
studyapp: 1
id: examples
title: Examples
source: {file: article.txt}
actors:
  trump: {name: Donald Trump, role: President of the United States}
  putin: {name: Vladimir Putin, role: President of Russia}
  macron: {name: Emmanuel Macron, role: President of France}
  usa: {name: United States, kind: country}
questions:
"""


def _bank(tmp_path: Path, questions: str, head: str = HEAD) -> Path:
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    path = tmp_path / "bank.yaml"
    body = "".join("  " + line + "\n" for line in questions.splitlines())
    path.write_text(head + body, encoding="utf-8")
    return path


def _codes(path: Path) -> list[str]:
    result = load_file(path, item_checks=True)
    assert not result.errors, [str(p) for p in result.errors]
    return [p.code for p in result.warnings]


def test_every_check_has_one_detector_and_the_format_knows_its_code() -> None:
    question_codes = {c.code for c in CHECKS if c.scope is Scope.QUESTION}
    bank_codes = {c.code for c in CHECKS if c.scope is Scope.BANK}
    assert set(detect.DETECTORS) == question_codes
    assert {*across.DETECTORS, across.CUE_OTHER} == bank_codes
    allow = {f.name: f for f in spec.COMMON_FIELDS}["allow"]
    assert allow.choices == CODES
    published = schema.bank_schema()
    for record in (published, published["definitions"]["multiple_choice"]):
        assert record["properties"]["allow"]["items"]["enum"] == list(CODES)


@pytest.mark.parametrize("code", CODES)
def test_each_documented_example_is_flagged_by_its_check_alone(tmp_path: Path, code: str) -> None:
    check = next(c for c in CHECKS if c.code == code)
    assert set(_codes(_bank(tmp_path, check.example))) == {code}


@pytest.mark.parametrize("code", CODES)
def test_allow_in_the_question_silences_its_check(tmp_path: Path, code: str) -> None:
    check = next(c for c in CHECKS if c.code == code)
    # Every question of the example allows the code: for a check comparing questions, each
    # one's flaw is then intended and none is counted.
    lines = []
    for line in check.example.splitlines():
        if line.startswith("- {"):
            line = line[:-1] + f", allow: [{code}]}}"
        lines.append(line)
        if line.startswith("- id:"):
            lines.append(f"  allow: [{code}]")
    assert _codes(_bank(tmp_path, "\n".join(lines) + "\n")) == []


def test_allow_at_the_top_of_the_bank_silences_a_check_for_every_question(
    tmp_path: Path,
) -> None:
    example = next(c for c in CHECKS if c.code == "same-speaker").example
    head = HEAD.replace("questions:\n", "allow: [same-speaker]\nquestions:\n")
    assert _codes(_bank(tmp_path, example, head)) == []


def test_an_unknown_code_in_allow_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    path = _bank(
        tmp_path,
        "- {id: a, type: true_false, statement: Trump spoke., answer: true,"
        " allow: [longest-answr]}\n",
    )
    result = load_file(path, item_checks=True)
    assert result.errors == ()
    assert [p.message for p in result.warnings] == [
        "`allow` names `longest-answr`, which is not an item-writing check; "
        "did you mean `longest-answer`?"
    ]
    assert result.banks[0].questions[0].id == "a"


def test_the_warning_points_at_the_value_that_shows_the_flaw(tmp_path: Path) -> None:
    example = next(c for c in CHECKS if c.code == "absolute-distractor").example
    path = _bank(tmp_path, example)
    [warning] = load_file(path, item_checks=True).warnings
    rows = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, r in enumerate(rows, 1) if "already been signed" in r)
    assert (warning.line, warning.column) == (line, 9)
    assert warning.question == "deal-status"
    assert warning.message == (
        "“already” appears in a wrong option (“It has already been signed”) and in no right "
        "one; take the absolute word out of the wrong option, or use one in a right option too"
    )
    assert str(warning) == (
        f"{path}:{line}:9: warning: deal-status: {warning.message} [absolute-distractor]"
    )


def test_loading_without_item_checks_gives_no_such_warnings(tmp_path: Path) -> None:
    example = next(c for c in CHECKS if c.code == "longest-answer").example
    assert load_file(_bank(tmp_path, example)).problems == ()


def _validate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", "validate", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )


def test_validate_warns_and_strict_makes_warnings_fail(tmp_path: Path) -> None:
    example = next(c for c in CHECKS if c.code == "negative-stem").example
    path = _bank(tmp_path, example)
    plain = _validate(str(path))
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert "warning: not-named: the prompt asks with “not”" in plain.stdout
    assert plain.stdout.splitlines()[0].endswith("[negative-stem]")
    assert plain.stdout.splitlines()[-1].endswith("0 errors, 1 warning")
    strict = _validate("--strict", str(path))
    assert strict.returncode == 1
    assert strict.stdout == plain.stdout
    quiet = _validate("--strict", "--no-item-checks", str(path))
    assert quiet.returncode == 0, quiet.stdout
    assert quiet.stdout.splitlines()[-1].endswith("0 errors, 0 warnings")


def test_validate_json_carries_the_code_and_the_question(tmp_path: Path) -> None:
    example = next(c for c in CHECKS if c.code == "too-few-pairs").example
    path = _bank(tmp_path, example)
    result = _validate("--format", "json", "--strict", str(path))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["strict"] is True
    [problem] = report["problems"]
    assert problem["code"] == "too-few-pairs"
    assert problem["question"] == "order-two"
    assert problem["severity"] == "warning"
    assert (
        problem["line"]
        == path.read_text(encoding="utf-8")
        .splitlines()
        .index("    items: [The cabinet meeting, Zelenskyy's visit to Washington]")
        + 1
    )
