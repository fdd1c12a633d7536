"""GIFT: escaping as Moodle's reader expects, the mapping of each kind, the round trip through
our reader and the real loader, and Moodle's own importer fixture."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from interop_sample import MOODLE_GIFT, hostile_bank, items_to_bank

from studyapp.interop.common import attribution_prompt
from studyapp.interop.gift import escape, export_gift
from studyapp.interop.gift_reader import read_gift
from studyapp.model import Attribution, Cloze, Matching, MultipleChoice, Ordering, PositionShift


def _blocks(text: str) -> list[str]:
    return [b for b in text.split("\n\n") if "::" in b]


def test_escape_covers_every_reserved_character_and_line_breaks() -> None:
    assert escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert escape("one\ntwo\r\nthree") == "one\\ntwo\\nthree"
    # What the reader makes of an escaped text is the text itself.
    hostile = 'x "~= #{}:\\ ]]> \\n y'
    item = read_gift(f"::q::{escape(hostile)}{{=a =b}}\n").items[0]
    assert item.prompt == hostile


def test_full_credit_is_written_with_equals_never_as_a_hundred_percent() -> None:
    text, _ = export_gift(hostile_bank())
    assert "%100%" not in text
    mc = next(b for b in _blocks(text) if "::mc-hostile::" in b)
    right = [line for line in mc.splitlines() if line.startswith("\t=")]
    assert len(right) == 1
    assert right[0].startswith('\t=He said "\\~no \\= yes" \\{maybe\\} \\#1\\: a\\\\b ]]>')


def test_each_question_is_one_block_whose_lines_cannot_be_misread() -> None:
    text, _ = export_gift(hostile_bank())
    blocks = _blocks(text)
    assert len(blocks) == 9  # eleven questions, less the ordering and the two-blank cloze
    for block in blocks:
        lines = [line for line in block.splitlines() if not line.startswith("//")]
        assert lines[0].startswith("::")
        # No line inside a question is blank or a comment, which would split or hide it.
        for line in lines[1:]:
            assert line.strip()
            assert not line.strip().startswith("//")


def test_wrong_answer_that_looks_like_a_weight_and_a_format_mark_are_guarded() -> None:
    text, _ = export_gift(hostile_bank())
    mc = next(b for b in _blocks(text) if "::mc-hostile::" in b)
    assert "\t~%0%%50% off" in mc.splitlines()
    assert "\t~[plain][html]<i>not html</i>" in mc.splitlines()


def test_multiple_select_uses_equal_shares_moodle_accepts() -> None:
    text, _ = export_gift(hostile_bank())
    ms = next(b for b in _blocks(text) if "::ms-three::" in b)
    weights = re.findall(r"~%(-?[0-9.]+)%", ms)
    assert weights == ["33.33333", "-33.33333", "33.33333", "-33.33333", "33.33333"]


def test_what_gift_cannot_carry_is_listed_with_the_question_line() -> None:
    text, problems = export_gift(hostile_bank())
    messages = [str(p) for p in problems]
    assert any("'order-events' (ordering) has no equivalent in GIFT" in m for m in messages)
    assert any("'cloze-two' (cloze) has 2 blanks" in m for m in messages)
    assert all(p.severity == "warning" and p.line > 0 for p in problems)
    assert "order-events" not in text
    assert "cloze-two" not in text


def test_round_trip_gives_back_every_question_gift_can_carry(tmp_path: Path) -> None:
    original = hostile_bank()
    text, _ = export_gift(original)
    result = read_gift(text)
    back = items_to_bank(result.items, tmp_path)
    by_id = {q.id: q for q in back.questions}
    for q in original.questions:
        if isinstance(q, Attribution | PositionShift | Ordering) or q.id == "cloze-two":
            continue
        # GIFT has no tags and no "keep this order" flag; everything else must come back.
        expected = dataclasses.replace(q, tags=())
        assert by_id[q.id] == expected, q.id

    who = by_id["who-deal"]
    assert isinstance(who, MultipleChoice)
    assert who.answer == "Donald Trump"
    assert who.prompt == attribution_prompt(original.question("who-deal"))
    assert who.evidence == original.question("who-deal").evidence

    shift = by_id["us-guarantees"]
    assert isinstance(shift, Matching)
    assert shift.pairs == (
        ("Before: in February", "Guarantees are on the table"),
        ("After: in March", "No guarantees: Europe's job"),
    )
    # The distractors travel as unmatched answers, which our matching cannot hold.
    assert any("Troops on the ground" in message for _, message in result.notes)


def test_cloze_with_its_blank_at_the_end_comes_back_as_short_answer(tmp_path: Path) -> None:
    bank = dataclasses.replace(
        hostile_bank(), questions=(Cloze(id="end", text="The capital is {{Kyiv|Kiev}}"),)
    )
    text, problems = export_gift(bank)
    assert problems == []
    back = items_to_bank(read_gift(text).items, tmp_path)
    q = back.questions[0]
    assert q.TYPE == "short_answer"
    assert (q.prompt, q.answers) == ("The capital is", ("Kyiv", "Kiev"))


def test_documented_gift_forms_are_read_as_moodle_reads_them(tmp_path: Path) -> None:
    # Written here after the forms in Moodle's GIFT documentation.
    source = "\n".join(
        [
            "// a comment line",
            "Which river runs through Kyiv?{~Danube =Dnipro ~Vistula}",
            "",
            "Kyiv lies on the {=Dnipro =Dnieper} river.",
            "",
            "Warsaw is the capital of Poland.{T}",
            "",
            "::pairs::Match capitals.{=Ukraine -> Kyiv =Poland -> Warsaw =France -> Paris}",
            "",
            "Which of these are rivers?{~%50%Dnipro ~%50%Vistula ~%-100%Kyiv}",
            "",
            "Name the capital of Ukraine.{=Kyiv =Kiev}",
            "",
            "When was NATO founded?{#1949:0}",
            "",
            "Write about the talks.{}",
        ]
    )
    result = read_gift(source)
    back = items_to_bank(result.items, tmp_path)
    types = [q.TYPE for q in back.questions]
    assert types == [
        "multiple_choice",
        "cloze",
        "true_false",
        "matching",
        "multiple_select",
        "short_answer",
    ]
    assert back.questions[1].text == "Kyiv lies on the {{Dnipro|Dnieper}} river."
    assert back.question("pairs") is not None
    notes = dict(result.notes)
    assert "numerical" in notes[14]
    assert "essay" in notes[16]


@pytest.mark.skipif(not MOODLE_GIFT.exists(), reason="Moodle's GIFT fixture is not present")
def test_moodles_own_fixture_maps_what_we_carry_and_reports_the_rest(tmp_path: Path) -> None:
    result = read_gift(MOODLE_GIFT.read_text(encoding="utf-8"))
    back = items_to_bank(result.items, tmp_path)
    kinds = {q.id: q.TYPE for q in back.questions}
    assert kinds == {
        "moodle-activities": "matching",
        "q2": "multiple_choice",
        "colours": "multiple_select",
        "shortanswer": "short_answer",
        "q1": "true_false",
        "2-08-tsl": "true_false",
        "2-08-tsl-2": "true_false",
    }
    match = back.question("moodle-activities")
    assert match.prompt == "Match the activity to the description."
    assert len(match.pairs) == 4
    assert back.question("colours").answers == ("yellow", "off-beige")
    assert back.question("shortanswer").answers == ("Frog",)
    q1 = back.question("q1")
    assert q1.answer is False
    assert "Hitchiker" in q1.explanation
    assert back.question("2-08-tsl").answer is True

    lines = MOODLE_GIFT.read_text(encoding="utf-8").splitlines()
    notes = result.notes
    essay = next(n for n, m in notes if "essay" in m)
    numerical = next(n for n, m in notes if "numerical" in m)
    assert lines[essay - 1].startswith("::Q8::")
    assert lines[numerical - 1].startswith("::Q5::")
    assert any("'Chat'" in m for _, m in notes)
    assert any("partial credit" in m and "'Cat'" in m for _, m in notes)
