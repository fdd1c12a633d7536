"""Moodle XML: a well-formed file in the layout Moodle's importer reads, CDATA that survives
"]]>", only the grades Moodle accepts, and the round trip through our reader and the loader."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from interop_sample import hostile_bank, items_to_bank

from studyapp.interop.moodle_xml import cdata, export_moodle_xml
from studyapp.interop.moodle_xml_reader import XmlError, read_moodle_xml
from studyapp.model import Attribution, Matching, MultipleChoice, Ordering, PositionShift

# Moodle's grade list (question_bank::fraction_options_full), as percentages.
_SHARES = [1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3]
_SHARES += [0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0]
ACCEPTED = {round(100 * s, 5) for s in _SHARES} | {round(-100 * s, 5) for s in _SHARES}


def _xml(data: str | bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 - parses only what our exporter wrote


def test_cdata_splits_its_own_terminator() -> None:
    text = "a ]]> b ]]]]> c"
    doc = _xml(f"<t>{cdata(text)}</t>")
    assert doc.text == text


def test_file_starts_with_the_declaration_and_parses() -> None:
    text, _ = export_moodle_xml(hostile_bank())
    assert text.splitlines()[0] == '<?xml version="1.0" encoding="UTF-8"?>'
    quiz = _xml(text.encode("utf-8"))
    assert quiz.tag == "quiz"
    kinds = [q.get("type") for q in quiz.iter("question")]
    assert kinds == [
        "category",
        "multichoice",  # attribution
        "matching",  # position shift
        "multichoice",
        "multichoice",
        "truefalse",
        "truefalse",
        "matching",
        "cloze",
        "cloze",
        "shortanswer",
    ]


def test_texts_are_cdata_holding_escaped_html() -> None:
    text, _ = export_moodle_xml(hostile_bank())
    quiz = _xml(text.encode("utf-8"))
    mc = next(q for q in quiz.iter("question") if q.findtext("name/text") == "mc-hostile")
    answers = [a.findtext("text") for a in mc.findall("answer")]
    assert answers[0] == (
        'He said "~no = yes" {maybe} #1: a\\b ]]&gt; &lt;b&gt;bold&lt;/b&gt; &amp; more'
    )
    assert mc.findtext("questiontext/text") == "A. Lincoln asked:<br>\nwhich = right?"
    # Every text with content is written as CDATA.
    for line in text.splitlines():
        if "<text>" in line and "<text></text>" not in line:
            assert "<text><![CDATA[" in line


def test_only_grades_moodle_accepts_are_written() -> None:
    text, _ = export_moodle_xml(hostile_bank())
    quiz = _xml(text.encode("utf-8"))
    fractions = [float(a.get("fraction", "")) for a in quiz.iter("answer") if a.get("fraction")]
    assert fractions
    assert all(round(f, 5) in ACCEPTED for f in fractions)
    ms = next(q for q in quiz.iter("question") if q.findtext("name/text") == "ms-three")
    assert ms.findtext("single") == "false"
    assert [a.get("fraction") for a in ms.findall("answer")] == [
        "33.33333",
        "-33.33333",
        "33.33333",
        "-33.33333",
        "33.33333",
    ]


def test_explanation_and_evidence_go_to_general_feedback() -> None:
    text, _ = export_moodle_xml(hostile_bank())
    quiz = _xml(text.encode("utf-8"))
    who = next(q for q in quiz.iter("question") if q.findtext("name/text") == "who-deal")
    feedback = who.findtext("generalfeedback/text") or ""
    assert feedback.startswith('Said at a "press" conference.<br>')
    assert '&gt; a passage with "quotes" and ]]&gt; inside' in feedback


def test_cloze_gaps_use_moodles_embedded_answer_syntax() -> None:
    text, _ = export_moodle_xml(hostile_bank())
    quiz = _xml(text.encode("utf-8"))
    cloze = next(q for q in quiz.iter("question") if q.findtext("name/text") == "cloze-two")
    assert cloze.findtext("questiontext/text") == (
        "{1:SHORTANSWER:=Kyiv} and {1:SHORTANSWER:=Warsaw &amp; co} are capitals ~ both."
    )


def test_round_trip_gives_back_every_question_moodle_xml_can_carry(tmp_path: Path) -> None:
    original = hostile_bank()
    text, problems = export_moodle_xml(original)
    assert [p.message.split("'")[1] for p in problems] == ["order-events"]
    result = read_moodle_xml(text.encode("utf-8"))
    back = items_to_bank(result.items, tmp_path)
    by_id = {q.id: q for q in back.questions}
    for q in original.questions:
        if isinstance(q, Attribution | PositionShift | Ordering):
            continue
        assert by_id[q.id] == q, q.id  # tags and the shuffle flag travel too
    assert isinstance(by_id["who-deal"], MultipleChoice)
    assert isinstance(by_id["us-guarantees"], Matching)


def test_questions_of_kinds_we_lack_are_reported_with_their_line() -> None:
    source = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Capitals</text></category></question>
  <question type="essay">
    <name><text>essay</text></name>
    <questiontext format="html"><text>Write.</text></questiontext>
  </question>
  <question type="truefalse">
    <name><text>Kyiv</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Kyiv is the capital of <b>Ukraine</b>.</p>]]></text>
    </questiontext>
    <generalfeedback format="html"><text>Since 1934.</text></generalfeedback>
    <answer fraction="100"><text>true</text><feedback><text>Yes!</text></feedback></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
"""
    result = read_moodle_xml(source)
    assert result.category == "$course$/top/Capitals"
    assert len(result.items) == 1
    item = result.items[0]
    assert item.statement == "Kyiv is the capital of Ukraine."
    assert item.feedback == "Since 1934."
    assert result.notes[0] == (
        4,
        "a question of type 'essay'; our format has no equivalent; skipped",
    )
    assert result.notes[1] == (8, "feedback on the answer 'true' dropped (no equivalent)")


@pytest.mark.parametrize(
    ("source", "line"),
    [
        (b"<?xml version='1.0'?>\n<quiz>\n<question>\n</quiz>\n", 4),
        (b'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaa">]>\n<quiz/>\n', 2),
        (b"<?xml version='1.0'?>\n<notaquiz/>\n", 1),
    ],
)
def test_broken_or_hostile_xml_is_an_error_with_a_line(source: bytes, line: int) -> None:
    with pytest.raises(XmlError) as caught:
        read_moodle_xml(source)
    assert caught.value.line == line


def test_kept_flag_no_shuffle_survives(tmp_path: Path) -> None:
    bank = hostile_bank()
    mc = bank.question("mc-hostile")
    assert isinstance(mc, MultipleChoice)
    fixed = dataclasses.replace(bank, questions=(dataclasses.replace(mc, shuffle=False),))
    text, _ = export_moodle_xml(fixed)
    back = items_to_bank(read_moodle_xml(text.encode("utf-8")).items, tmp_path)
    assert back.questions[0].shuffle is False
