"""The shipped JSON Schema and the validator agree: check-jsonschema (a YAML 1.2 reader, as
editors are) accepts every valid bank the tests have, and both refuse twenty broken ones."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from studyapp.bank import spec
from studyapp.bank.loader import load_file

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO / "questions" / "bank.schema.json"
BANKS = REPO / "tests" / "banks"
FIXTURES = REPO / ".." / "shared" / "fixtures"


def _check(files: list[Path]) -> set[str]:
    """The files check-jsonschema refuses, by name."""
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA)]
    result = subprocess.run(
        [*command, "-o", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    refused = {Path(e["filename"]).name for e in report.get("errors", [])}
    refused |= {Path(e["filename"]).name for e in report.get("parse_errors", [])}
    return refused


def _valid_banks(folder: Path) -> list[Path]:
    files = [BANKS / "valid.yaml", BANKS / "interop_hostile.yaml"]
    files += sorted((REPO / "questions").glob("*.yaml"))
    # Every type's documented example, in one bank.
    examples = "".join(
        "".join(f"  {line}\n" for line in t.example.splitlines()) for t in spec.TYPES
    )
    every = folder / "examples.yaml"
    every.write_text(
        "studyapp: 1\nid: examples\ntitle: Examples\nactors:\n"
        "  zelenskyy: {name: Volodymyr Zelenskyy}\n  trump: {name: Donald Trump}\n"
        "  macron: {name: Emmanuel Macron}\n  putin: {name: Vladimir Putin}\n"
        "  usa: {name: United States, kind: country}\n"
        f"questions:\n{examples}",
        encoding="utf-8",
    )
    files.append(every)
    # Each spelling of a boolean the loader takes, in both places booleans go.
    for word in ["yes", "no", "on", "off", "y", "n", "True", "FALSE", "Yes", "oN"]:
        path = folder / f"bool-{word}.yaml"
        path.write_text(
            f"studyapp: 1\nid: bool\ntitle: B\nquestions:\n- id: t\n  type: true_false\n"
            f"  statement: Kyiv is in Ukraine.\n  answer: {word}\n"
            f"- id: m\n  type: multiple_choice\n  prompt: Which?\n  choices: [a, b]\n"
            f"  answer: a\n  shuffle: {word}\n",
            encoding="utf-8",
        )
        files.append(path)
    # The banks our importer writes from other people's files.
    if FIXTURES.is_dir():
        from studyapp.interop.gift_reader import read_gift
        from studyapp.interop.import_check import carry

        for n, gift in enumerate(sorted((FIXTURES / "gift-pegjs").glob("*.gift"))):
            items = read_gift(gift.read_text(encoding="utf-8")).items
            if items:
                written = carry(items, f"f{n}", gift.stem, "", "x.yaml", 0)
                if written.text is not None:
                    path = folder / f"imported-{gift.stem}.yaml"
                    path.write_text(written.text, encoding="utf-8")
                    files.append(path)
    return files


def test_every_valid_bank_passes_both_the_validator_and_the_schema(tmp_path: Path) -> None:
    files = _valid_banks(tmp_path)
    for path in files:
        errors = [p for p in load_file(path).problems if p.severity == "error"]
        assert errors == [], path
    assert _check(files) == set()
    assert len(files) > 20


Mutation = Callable[[dict[str, Any]], None]


def _question(data: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in data["questions"] if q["id"] == qid)


def _set(qid: str, key: str, value: object) -> Mutation:
    return lambda d: _question(d, qid).__setitem__(key, value)


def _drop(qid: str, key: str) -> Mutation:
    return lambda d: _question(d, qid).pop(key)


BROKEN: dict[str, Mutation] = {
    "no-id": lambda d: d.pop("id"),
    "no-title": lambda d: d.pop("title"),
    "wrong-version": lambda d: d.__setitem__("studyapp", 2),
    "unknown-top-key": lambda d: d.__setitem__("colour", "red"),
    "id-not-a-slug": lambda d: d.__setitem__("id", "Not A Slug"),
    "questions-a-mapping": lambda d: d.__setitem__("questions", {"a": 1}),
    "unknown-type": _set("who-budget", "type", "essay"),
    "question-without-type": _drop("who-budget", "type"),
    "question-without-id": _drop("who-budget", "id"),
    "unknown-question-key": _set("who-budget", "hint", "think"),
    "attribution-without-quote": _drop("who-budget", "quote"),
    "true-false-maybe": lambda d: next(
        q for q in d["questions"] if q["type"] == "true_false"
    ).__setitem__("answer", "maybe"),
    "shuffle-sometimes": lambda d: next(q for q in d["questions"] if "shuffle" in q).__setitem__(
        "shuffle", "sometimes"
    ),
    "pair-of-three": lambda d: next(
        q for q in d["questions"] if q["type"] == "matching"
    ).__setitem__("pairs", [["a", "b", "c"], ["d", "e"]]),
    "one-pair": lambda d: next(q for q in d["questions"] if q["type"] == "matching").__setitem__(
        "pairs", [["a", "b"]]
    ),
    "choices-a-text": lambda d: next(
        q for q in d["questions"] if q["type"] == "multiple_choice"
    ).__setitem__("choices", {"a": "b"}),
    "actor-kind-unknown": lambda d: d["actors"]["ana"].__setitem__("kind", "robot"),
    "actor-without-name": lambda d: d["actors"]["ana"].pop("name"),
    "tags-a-mapping": lambda d: d.__setitem__("tags", {"a": "b"}),
    "question-id-not-a-slug": _set("who-budget", "id", "Who Budget"),
}


def test_twenty_broken_banks_are_refused_by_both(tmp_path: Path) -> None:
    base = yaml.safe_load((BANKS / "valid.yaml").read_text(encoding="utf-8"))
    shutil.copytree(BANKS / "sources", tmp_path / "sources")
    files = []
    for name, mutate in BROKEN.items():
        data = copy.deepcopy(base)
        mutate(data)
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
        files.append(path)
        errors = [p for p in load_file(path).problems if p.severity == "error"]
        assert errors, f"the validator accepts {name}"
    assert len(files) == 20
    refused = _check(files)
    assert refused == {f.name for f in files}, {f.name for f in files} - refused


@pytest.mark.parametrize("word", ["maybe", "1", "truthy"])
def test_words_that_are_no_boolean_fail_both(tmp_path: Path, word: str) -> None:
    path = tmp_path / f"w{word}.yaml"
    path.write_text(
        "studyapp: 1\nid: w\ntitle: W\nquestions:\n- id: t\n  type: true_false\n"
        f"  statement: Kyiv is in Ukraine.\n  answer: {word}\n",
        encoding="utf-8",
    )
    assert load_file(path).banks == ()
    assert _check([path]) == {path.name}
