"""Other people's test suites, read from ../shared/fixtures: an independent GIFT parser's 51
files with the parses it expects, and Moodle's own GIFT, XML and Aiken importer fixtures.

Every file is held to one rule: no traceback; whatever is written loads; a file with a question
our format can carry is imported, each question it cannot carry reported by line and column.
Where the suites say what a question is (type, text, answers), our reading must agree.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from studyapp.bank.loader import load_file
from studyapp.commands import import_
from studyapp.interop.common import (
    ChoiceItem,
    ClozeItem,
    MatchingItem,
    ShortItem,
    TrueFalseItem,
    html_to_text,
)
from studyapp.interop.gift_reader import read_gift

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / ".." / "shared" / "fixtures"
pytestmark = pytest.mark.skipif(not FIXTURES.is_dir(), reason="../shared/fixtures is absent")


def _files() -> list[Path]:
    if not FIXTURES.is_dir():
        return []
    found = [
        *sorted((FIXTURES / "gift-pegjs").glob("*.gift")),
        FIXTURES / "moodle" / "questions.gift.txt",
        *sorted((FIXTURES / "moodle" / "gift-php").glob("*.gift")),
        *sorted((FIXTURES / "moodle" / "gift-php").glob("*.gift.txt")),
        *sorted((FIXTURES / "moodle" / "xml").glob("*.xml")),
        *sorted((FIXTURES / "moodle" / "aiken").glob("*.aiken.txt")),
        FIXTURES / "moodle" / "aiken" / "aiken_errors.txt",
    ]
    return [f for f in found if f.exists()]


def _format(path: Path) -> str:
    if path.suffix == ".xml":
        return "moodle-xml"
    return "aiken" if path.parent.name == "aiken" else "gift"


def _import(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    import_.add_arguments(parser)
    args = parser.parse_args([str(path), "--format", _format(path), "-o", str(out)])
    code = import_.run(args)
    return code, capsys.readouterr().err


_WARNING = re.compile(r"^(?P<file>.+?):(?P<line>[0-9]+):(?P<column>[0-9]+): warning: ", re.M)


@pytest.mark.parametrize("path", _files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_imports_or_is_refused_cleanly(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bank.yaml"
    code, err = _import(path, out, capsys)
    assert "Traceback" not in err
    warnings = list(_WARNING.finditer(err))
    for w in warnings:
        assert w["file"] == str(path)
        assert int(w["line"]) >= 1
        assert int(w["column"]) >= 1  # a real column, never 0
    if code == 0:
        loaded = load_file(out)
        assert [p for p in loaded.problems if p.severity == "error"] == []
        assert len(loaded.banks[0].questions) >= 1
    else:
        # Refused only when nothing can be carried, and then every question is accounted for.
        assert code == 1
        assert "no question our format can carry; nothing written" in err
        assert not out.exists()
        text = path.read_text(encoding="utf-8")
        if "{" in text or path.suffix == ".xml":  # it has questions: each one is reported
            assert warnings, err


def test_the_real_cli_imports_one_fixture_of_each_kind(tmp_path: Path) -> None:
    picks = [
        FIXTURES / "moodle" / "questions.gift.txt",
        FIXTURES / "moodle" / "xml" / "nested_categories_with_questions.xml",
        FIXTURES / "moodle" / "aiken" / "questions.aiken.txt",
    ]
    for n, path in enumerate(p for p in picks if p.exists()):
        out = tmp_path / f"b{n}.yaml"
        command = [sys.executable, "-m", "studyapp", "import", str(path)]
        result = subprocess.run(
            [*command, "--format", _format(path), "-o", str(out)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert load_file(out).banks


# --- the independent GIFT parser's expected parses -------------------------------------------


def _text(field: dict[str, Any] | str | None) -> str:
    """A text of the expected parse as our reader should give it: HTML as its text."""
    if field is None:
        return ""
    if isinstance(field, str):
        text = field
    else:
        text = field["text"]
        if field.get("format") == "html":
            text = html_to_text(text)[0]
    # The parsers differ only in the spaces they keep beside a blank.
    return re.sub(r"\s*_____\s*", "_____", " ".join(text.split()))


def _ours(item: object) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """(kind, stem, choices, right) of one of our items, in the parse's terms."""
    if isinstance(item, ChoiceItem):
        return (
            "MC",
            _text(item.prompt),
            tuple(map(_text, item.choices)),
            tuple(map(_text, item.correct)),
        )
    if isinstance(item, TrueFalseItem):
        return "TF", _text(item.statement), (), (str(item.answer),)
    if isinstance(item, MatchingItem):
        flat = tuple(f"{_text(a)} -> {_text(b)}" for a, b in item.pairs)
        return "Matching", _text(item.prompt), flat, flat
    if isinstance(item, ShortItem):
        return "Short", _text(item.prompt), (), tuple(map(_text, item.answers))
    assert isinstance(item, ClozeItem)
    stem = "".join(p if isinstance(p, str) else "_____" for p in item.parts)
    gap = next(p for p in item.parts if isinstance(p, tuple))
    return "Short", _text(stem), (), tuple(map(_text, gap))


def _theirs(q: dict[str, Any]) -> tuple[str, str, tuple[str, ...], tuple[str, ...]] | None:
    """The same from the expected parse; None for what our format has no kind for."""
    kind = q["type"]
    stem = _text(q.get("stem"))
    if kind == "MC":
        choices = tuple(_text(c["text"]) for c in q["choices"])
        # With an "=" answer it is single-answer (partial credit is not credit to us); without,
        # each answer of positive weight is one to tick.
        if any(c["isCorrect"] for c in q["choices"]):
            right = tuple(_text(c["text"]) for c in q["choices"] if c["isCorrect"])
        else:
            right = tuple(_text(c["text"]) for c in q["choices"] if (c["weight"] or 0) > 0)
        return kind, stem, choices, right
    if kind == "TF":
        return kind, stem, (), (str(q["isTrue"]),)
    if kind == "Matching":
        flat = tuple(
            f"{_text(p['subquestion'])} -> {_text(p['subanswer'])}"
            for p in q["matchPairs"]
            if _text(p["subquestion"])
        )
        return kind, stem, flat, flat
    if kind == "Short":
        right = tuple(
            _text(c["text"])
            for c in q["choices"]
            if c["isCorrect"] and (c["weight"] is None or c["weight"] >= 100)
        )
        return kind, stem, (), right
    return None  # Essay, Numerical, Description, Category


def _pegjs_pairs() -> list[Path]:
    folder = FIXTURES / "gift-pegjs"
    return sorted(p for p in folder.glob("*.gift") if p.with_suffix(".json").exists())


@pytest.mark.parametrize("path", _pegjs_pairs(), ids=lambda p: p.stem)
def test_our_gift_reading_agrees_with_the_independent_parsers_expectations(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    result = read_gift(path.read_text(encoding="utf-8"))
    theirs = [t for t in map(_theirs, expected) if t is not None]
    ours = [_ours(item) for item in result.items]
    # Every question we carry is one the suite expects, in the same order, with its kind, text
    # and answers (several questions may share a text, so they are matched in order).
    waiting = list(theirs)
    for kind, stem, choices, right in ours:
        at = next((i for i, t in enumerate(waiting) if t[1] == stem), None)
        assert at is not None, f"{stem!r} is not among {[t[1] for t in waiting]}"
        t_kind, _, t_choices, t_right = waiting[at]
        del waiting[: at + 1]
        if t_kind == "MC" and kind == "MC":
            assert choices == t_choices
        assert kind == t_kind
        assert set(right) == set(t_right)
    # Every question the suite expects that we did not carry is reported, not dropped.
    assert len(result.notes) >= len(expected) - len(ours) - _categories(expected)
    # The suite's id numbers and tags come through on what we carry.
    for q in expected:
        if q["type"] in {"MC", "TF", "Short", "Matching"} and q.get("id"):
            assert any(item.name == q["id"] for item in result.items)


def _categories(expected: list[dict[str, Any]]) -> int:
    return sum(q["type"] == "Category" for q in expected)


# --- what Moodle's own GIFT tests assert -----------------------------------------------------

_PHP = FIXTURES / "moodle" / "gift-php"


def _php_cases() -> list[str]:
    expected = _PHP / "php_expected.json"
    if not expected.exists():
        return []
    return sorted(json.loads(expected.read_text(encoding="utf-8")))


@pytest.mark.parametrize("case", _php_cases())
def test_our_gift_reading_agrees_with_moodles_own_tests(case: str) -> None:
    want = json.loads((_PHP / "php_expected.json").read_text(encoding="utf-8"))[case]
    result = read_gift((_PHP / f"{case}.gift").read_text(encoding="utf-8"))
    qtype = want["qtype"]
    if qtype in {"essay", "numerical"}:
        assert result.items == []
        assert any(qtype in message for _, message in result.notes)
        return
    (item,) = result.items
    assert item.name == want.get("idnumber", want["name"])
    if "questiontext" in want:
        stem = {
            ChoiceItem: "prompt",
            TrueFalseItem: "statement",
            MatchingItem: "prompt",
            ShortItem: "prompt",
        }[type(item)]
        assert _text(getattr(item, stem)) == _text(html_to_text(want["questiontext"])[0])
    if "generalfeedback" in want:
        assert item.feedback == want["generalfeedback"]
    if qtype == "truefalse":
        assert isinstance(item, TrueFalseItem)
        assert item.answer == bool(want["correctanswer"])
    elif qtype == "match":
        assert isinstance(item, MatchingItem)
        assert list(item.pairs) == [tuple(p) for p in want["pairs"] if p[0]]
        extras = [p[1] for p in want["pairs"] if not p[0]]
        assert all(any(e in m for _, m in result.notes) for e in extras)
    elif qtype == "multichoice":
        assert isinstance(item, ChoiceItem)
        assert list(item.choices) == want["answers"]
        right = [a for a, f in zip(want["answers"], want["fraction"], strict=True) if f > 0]
        assert list(item.correct) == right
        assert item.multiple == (want["single"] == 0)
    elif qtype == "shortanswer":
        assert isinstance(item, ShortItem)
        full = [a for a, f in zip(want["answers"], want["fraction"], strict=True) if f >= 1]
        assert list(item.answers) == full
        dropped = [a for a, f in zip(want["answers"], want["fraction"], strict=True) if f < 1]
        assert all(any(repr(a) in m for _, m in result.notes) for a in dropped)
