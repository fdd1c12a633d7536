"""`studyapp export --to qti`: a QTI 1.2 package as Canvas, Blackboard, D2L and Schoology import
it, checked against an independent writer of the format (text2qti): the same questions written
by both have the same item structure."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from studyapp.interop.common import html_to_text

REPO = Path(__file__).resolve().parents[1]
NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}

BANK = """\
studyapp: 1
id: qti-sample
title: QTI sample
questions:
- id: who
  type: multiple_choice
  prompt: Who leads France?
  choices: [Emmanuel Macron, Keir Starmer, Olaf Scholz]
  answer: Emmanuel Macron
  explanation: He was re-elected.
- id: which
  type: multiple_select
  prompt: Which are in the EU?
  choices: [France, Norway, Italy]
  answers: [France, Italy]
- id: kyiv
  type: true_false
  statement: Kyiv is the capital of Ukraine.
  answer: true
- id: capital
  type: short_answer
  prompt: The capital of France?
  answers: [Paris, Paname]
- id: pairs
  type: matching
  prompt: Match each city with its country.
  pairs:
    - [Paris, France]
    - [Lyon, France]
    - [Rome, Italy]
- id: gaps
  type: cloze
  text: The deal gives access to {{rare earth|rare-earth}} minerals and {{ports}}.
- id: order
  type: ordering
  prompt: Put in order.
  items: [first, second]
"""

# The same four questions as text2qti writes them from its plain-text quiz format.
TEXT2QTI = """\
Quiz title: QTI sample

1. Who leads France?
... He was re-elected.
*a) Emmanuel Macron
b) Keir Starmer
c) Olaf Scholz

2. Which are in the EU?
[*] France
[ ] Norway
[*] Italy

3. Kyiv is the capital of Ukraine.
*a) True
b) False

4. The capital of France?
* Paris
* Paname
"""


def _export(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK, encoding="utf-8")
    command = [sys.executable, "-m", "studyapp", "export", str(bank), "--to", "qti"]
    return subprocess.run(
        [*command, "-o", str(tmp_path / "quiz.zip")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def _assessment(package: Path) -> ET.Element:
    with zipfile.ZipFile(package) as z:
        # Packages these tests just wrote (ours, text2qti's): no untrusted XML here.
        manifest = ET.fromstring(z.read("imsmanifest.xml"))  # noqa: S314
        hrefs = [
            f.attrib["href"]
            for r in manifest.iter()
            if r.tag.endswith("resource") and r.attrib.get("type") == "imsqti_xmlv1p2"
            for f in r
            if f.tag.endswith("file")
        ]
        assert len(hrefs) == 1
        return ET.fromstring(z.read(hrefs[0]))  # noqa: S314


def _text(element: ET.Element | None) -> str:
    if element is None:
        return ""
    mattext = element.find(".//q:mattext", NS)
    return html_to_text(mattext.text or "")[0] if mattext is not None else ""


def _structure(item: ET.Element) -> dict[str, Any]:
    """What an importer reads of an item: its kind, prompt, how it is answered, what is right."""
    fields = {
        f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
        for f in item.iterfind(".//q:qtimetadatafield", NS)
    }
    presentation = item.find("q:presentation", NS)
    assert presentation is not None
    responses = [e for e in presentation if e.tag.split("}")[1].startswith("response_")]
    labels = {
        label.attrib["ident"]: _text(label)
        for label in presentation.iterfind(".//q:response_label", NS)
    }
    right: set[str] = set()
    for condition in item.iterfind(".//q:respcondition", NS):
        setvar = condition.find("q:setvar", NS)
        if setvar is None or float(setvar.text or 0) <= 0:
            continue
        for equal in condition.iterfind("q:conditionvar/q:varequal", NS):
            right.add(labels.get(equal.text or "", equal.text or ""))
        for equal in condition.iterfind("q:conditionvar/q:and/q:varequal", NS):
            right.add(labels.get(equal.text or "", ""))
    return {
        "type": fields.get("question_type"),
        "prompt": _text(presentation),
        "responses": [(r.tag.split("}")[1], r.attrib.get("rcardinality")) for r in responses],
        "choices": sorted(t for t in labels.values() if t),
        "right": sorted(right),
        "feedback": item.find("q:itemfeedback", NS) is not None,
    }


def test_every_kind_qti_can_carry_is_written_and_the_rest_reported(tmp_path: Path) -> None:
    result = _export(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "question 'order' (ordering) has no equivalent in QTI; skipped" in result.stderr
    items = _assessment(tmp_path / "quiz.zip").findall(".//q:item", NS)
    kinds = [_structure(i)["type"] for i in items]
    assert kinds == [
        "multiple_choice_question",
        "multiple_answers_question",
        "true_false_question",
        "short_answer_question",
        "matching_question",
        "fill_in_multiple_blanks_question",
    ]
    matching = _structure(items[4])
    assert matching["choices"] == ["France", "Italy"]  # a shared match is one choice
    assert len(matching["responses"]) == 3  # one drop-down per left item
    assert matching["right"] == ["France", "Italy"]
    gaps = _structure(items[5])
    assert gaps["prompt"] == "The deal gives access to [blank1] minerals and [blank2]."
    assert gaps["right"] == ["ports", "rare earth", "rare-earth"]


def test_the_same_package_every_time(tmp_path: Path) -> None:
    from studyapp.bank.loader import load_file
    from studyapp.interop.qti import export_qti

    (tmp_path / "bank.yaml").write_text(BANK, encoding="utf-8")
    bank = load_file(tmp_path / "bank.yaml").banks[0]
    assert export_qti(bank, 1_700_000_000.0)[0] == export_qti(bank, 1_700_000_000.0)[0]


@pytest.mark.skipif(
    shutil.which("text2qti") is None and not (Path(sys.executable).parent / "text2qti").exists(),
    reason="text2qti (the test-only reference writer) is not installed",
)
def test_items_have_the_structure_text2qti_gives_them(tmp_path: Path) -> None:
    ours = _export(tmp_path)
    assert ours.returncode == 0, ours.stderr
    quiz = tmp_path / "ref.txt"
    quiz.write_text(TEXT2QTI, encoding="utf-8")
    tool = shutil.which("text2qti") or str(Path(sys.executable).parent / "text2qti")
    reference = subprocess.run(
        [tool, str(quiz)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert reference.returncode == 0, reference.stderr
    theirs = [_structure(i) for i in _assessment(tmp_path / "ref.zip").findall(".//q:item", NS)]
    mine = [_structure(i) for i in _assessment(tmp_path / "quiz.zip").findall(".//q:item", NS)]
    assert len(theirs) == 4
    for a, b in zip(mine[:4], theirs, strict=True):
        assert a == b
