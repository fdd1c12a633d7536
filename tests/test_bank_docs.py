"""The instructors' guide and the format's own examples agree with what the loader accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.bank import docgen, spec
from studyapp.bank.loader import load_file

DOC = Path(__file__).resolve().parent.parent / "docs" / "question-format.md"

HEAD = """\
studyapp: 1
id: examples
title: Examples
actors:
  trump: {name: Donald Trump}
  putin: {name: Vladimir Putin}
  macron: {name: Emmanuel Macron}
  usa: {name: United States, kind: country}
questions:
"""


def test_the_generated_tables_are_up_to_date() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert docgen.render(text) == text, (
        "run `python -m studyapp.bank.docgen docs/question-format.md`"
    )
    for name in docgen.sections():
        assert f"<!-- generated: {name} -->" in text


@pytest.mark.parametrize("name", [t.name for t in spec.TYPES])
def test_each_documented_example_is_a_valid_question(tmp_path: Path, name: str) -> None:
    example = spec.TYPES_BY_NAME[name].example
    path = tmp_path / "bank.yaml"
    path.write_text(HEAD + "".join("  " + line + "\n" for line in example.splitlines()), "utf-8")
    result = load_file(path)
    assert result.problems == ()
    assert name == result.banks[0].questions[0].TYPE


def test_every_message_the_validator_gives_is_explained() -> None:
    text = DOC.read_text(encoding="utf-8")
    for start in (
        "did you mean",
        "is given twice",
        "is not allowed in a bank",
        "a tab in the indentation",
        "evidence not found in the source file",
        "is not one of the choices",
        "the cloze has no blank",
        "leads outside the bank's folder",
        "format version N is unknown",
        "too large",
    ):
        assert start in text, start
