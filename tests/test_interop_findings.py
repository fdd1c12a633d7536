"""The ten interoperability findings, one test each (plus the checks that go with them)."""

from __future__ import annotations

import argparse
import os
import stat
from pathlib import Path

import pytest
from interop_sample import load_bank

from studyapp.bank.loader import load_file
from studyapp.commands import import_
from studyapp.interop.aiken import export_aiken
from studyapp.interop.aiken_reader import read_aiken
from studyapp.interop.common import ClozeItem, slugify
from studyapp.interop.gift import export_gift
from studyapp.interop.gift_reader import read_gift
from studyapp.interop.moodle_xml import export_moodle_xml
from studyapp.interop.moodle_xml_reader import XmlError, read_moodle_xml


def _import(
    tmp_path: Path, name: str, text: str | bytes, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str, Path]:
    source = tmp_path / name
    if isinstance(text, str):
        source.write_text(text, encoding="utf-8")
    else:
        source.write_bytes(text)
    out = tmp_path / "out.yaml"
    parser = argparse.ArgumentParser()
    import_.add_arguments(parser)
    code = import_.run(parser.parse_args([str(source), "-o", str(out), *extra]))
    return code, capsys.readouterr().err, out


def _bank(tmp_path: Path, questions: str, title: str = "T") -> Path:
    path = tmp_path / "b.yaml"
    path.write_text(
        f"studyapp: 1\nid: b\ntitle: {title}\nquestions:\n{questions}", encoding="utf-8"
    )
    return path


def test_1_html_marked_sections_are_read_as_a_browser_reads_them() -> None:
    gift = read_gift("::m::[html]Kyiv<![ok]> is <![CDATA[x]]>in Ukraine.{T}\n")
    assert gift.items[0].statement == "Kyiv is in Ukraine."  # type: ignore[union-attr]
    xml = (
        '<?xml version="1.0"?><quiz><question type="truefalse"><name><text>t</text></name>'
        '<questiontext format="html"><text><![CDATA[A <![if x]>b]]></text></questiontext>'
        '<answer fraction="100"><text>true</text></answer>'
        '<answer fraction="0"><text>false</text></answer></question></quiz>'
    )
    assert read_moodle_xml(xml.encode()).items[0].statement == "A b"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "encoding", ["Shift_JIS", "GB2312", "GBK", "EUC-KR", "EUC-JP", "Big5", "UTF-7", "UTF-32"]
)
def test_2_declared_encodings_python_knows_are_decoded(encoding: str) -> None:
    xml = (
        f'<?xml version="1.0" encoding="{encoding}"?><quiz><question type="shortanswer">'
        "<name><text>n</text></name><questiontext><text>Capital?</text></questiontext>"
        '<answer fraction="100"><text>北京</text></answer></question></quiz>'
    )
    item = read_moodle_xml(xml.encode(encoding.lower())).items[0]
    assert item.answers == ("北京",)  # type: ignore[union-attr]


@pytest.mark.parametrize("encoding", ["x-no-such-thing", "rot13", "base64"])
def test_2_encodings_it_cannot_decode_are_refused_by_name(encoding: str) -> None:
    xml = f'<?xml version="1.0" encoding="{encoding}"?><quiz/>'
    with pytest.raises(XmlError, match=f"the encoding '{encoding}' is not one"):
        read_moodle_xml(xml.encode())


def test_2_mac_roman_is_read_under_its_registered_name() -> None:
    xml = '<?xml version="1.0" encoding="x-mac-roman"?><quiz/>'
    assert read_moodle_xml(xml.encode("mac-roman")).items == []


def test_3_many_to_one_matching_is_carried_and_what_cannot_be_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gift = (
        "::m::Match {=Paris -> France =Lyon -> France =Rome -> Italy}\n\n"
        "::p::Punctuation {=%}\n\n::e::{T}\n\n::ok::Kyiv is in Ukraine.{T}\n"
    )
    code, err, out = _import(tmp_path, "q.gift", gift, capsys)
    assert code == 0, err
    bank = load_bank(out)
    assert [q.id for q in bank.questions] == ["m", "ok"]
    assert bank.question("m").pairs == (  # type: ignore[attr-defined]
        ("Paris", "France"),
        ("Lyon", "France"),
        ("Rome", "Italy"),
    )
    assert "q.gift:3:1: warning: question 'p' is not one the loader accepts" in err
    assert "q.gift:5:1: warning: question 'e' is not one the loader accepts" in err


def test_3_a_shared_match_is_offered_once_and_graded_per_pair(tmp_path: Path) -> None:
    import random

    from studyapp.answering.grading import grade
    from studyapp.answering.presentation import present

    path = _bank(
        tmp_path,
        "- id: m\n  type: matching\n  prompt: Match.\n  pairs:\n"
        "    - [Paris, France]\n    - [Lyon, France]\n    - [Rome, Italy]\n",
    )
    bank = load_bank(path)
    question = bank.question("m")
    shown = present(question, bank, random.Random(3))
    assert sorted(shown.options) == ["France", "Italy"]
    result = grade(question, {"Paris": "France", "Lyon": "France", "Rome": "France"})
    assert result.parts == (True, True, False)


def test_4_aiken_question_lines_like_a_choice_label_are_guarded(tmp_path: Path) -> None:
    path = _bank(
        tmp_path,
        "".join(
            f"- id: q{n}\n  type: multiple_choice\n  prompt: {prompt}\n"
            "  choices: [Yes, No]\n  answer: 'Yes'\n"
            for n, prompt in enumerate(["U.S. troops stay?", "A.I. rules?", "Plain one?"])
        ),
    )
    text, _ = export_aiken(load_bank(path))
    back = read_aiken(text)  # read as Moodle now reads it: a label needs no space after it
    assert [i.prompt for i in back.items] == [  # type: ignore[union-attr]
        "Question: U.S. troops stay?",
        "Question: A.I. rules?",
        "Plain one?",
    ]


def test_5_a_cloze_answer_ending_in_a_backslash_keeps_its_gap(tmp_path: Path) -> None:
    path = _bank(tmp_path, "- id: c\n  type: cloze\n  text: 'Type {{brace\\}} here.'\n")
    bank = load_bank(path)
    text, _ = export_moodle_xml(bank)
    assert "{1:SHORTANSWER:=brace&#92;}" in text
    back = read_moodle_xml(text.encode())
    assert isinstance(back.items[0], ClozeItem)
    assert back.items[0].parts[1] == ("brace\\",)


def test_6_a_title_with_line_breaks_stays_a_comment_in_gift(tmp_path: Path) -> None:
    path = _bank(
        tmp_path,
        "- id: t\n  type: true_false\n  statement: Kyiv is in Ukraine.\n  answer: true\n",
        title='"First\\n\\nStray {T}"',
    )
    text, _ = export_gift(load_bank(path))
    assert text.startswith("// First\n// \n// Stray {T}\n")
    assert [i.name for i in read_gift(text).items] == ["t"]


def test_8_literal_double_braces_are_not_read_as_gaps(tmp_path: Path) -> None:
    result = read_gift(r"Use \{\{name\}\} for the {=moustache} syntax." + "\n")
    assert result.items == []
    assert "literal '{{'" in result.notes[0][1]


def test_9_losses_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xml = (
        '<?xml version="1.0"?><quiz>'
        '<question type="category"><category><text>$course$/top/Alpha</text></category>'
        "</question>"
        '<question type="shortanswer"><name><text>s</text></name>'
        '<questiontext format="moodle_auto_format"><text>Say &lt;b&gt;it&lt;/b&gt;</text>'
        "</questiontext><usecase>1</usecase><image>old.png</image>"
        '<answer fraction="100"><text>Yes</text></answer></question>'
        '<question type="category"><category><text>$course$/top/Alpha/Beta</text></category>'
        "</question>"
        '<question type="truefalse"><name><text>t</text></name>'
        "<questiontext><text>Kyiv</text></questiontext>"
        '<answer fraction="100"><text>true</text></answer>'
        '<answer fraction="0"><text>false</text></answer></question></quiz>'
    )
    code, err, out = _import(tmp_path, "q.xml", xml, capsys)
    assert code == 0, err
    assert "answers were case-sensitive" in err
    assert "HTML formatting dropped (<b>)" in err
    assert "old <image> field dropped" in err
    bank = load_bank(out)
    assert bank.question("s").prompt == "Say it"  # type: ignore[attr-defined]
    assert bank.question("s").tags == ("Alpha",)
    assert bank.question("t").tags == ("Alpha / Beta",)
    gift = "// [id:q-17] [tag:week 1] [tag:maps]\n::n::Kyiv is in Ukraine.{T}\n"
    item = read_gift(gift).items[0]
    assert (item.name, item.tags) == ("q-17", ("week 1", "maps"))


def test_10_files_are_written_with_the_users_umask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = os.umask(0o022)
    try:
        code, err, out = _import(tmp_path, "q.gift", "::a::Kyiv is in Ukraine.{T}\n", capsys)
    finally:
        os.umask(old)
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_10_smaller_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert slugify("création d'État") == "creation-d-etat"
    path = _bank(
        tmp_path,
        "- id: ms\n  type: multiple_select\n  prompt: Which?\n  choices: [a, b]\n  answers: [a]\n",
    )
    _, problems = export_aiken(load_bank(path))
    assert "is a multiple-select question" in problems[0].message
    assert "several right answers" not in problems[0].message
    code, err, _ = _import(tmp_path, "q.gift", "\n  ::e::Essay{}\n", capsys)
    assert code == 1
    assert "q.gift:2:3: warning: an essay question" in err


def test_import_never_writes_onto_its_own_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "q.gift"
    source.write_text("::a::Kyiv is in Ukraine.{T}\n", encoding="utf-8")
    parser = argparse.ArgumentParser()
    import_.add_arguments(parser)
    code = import_.run(parser.parse_args([str(source), "-o", str(source), "--force"]))
    assert code == 1
    assert "is the file being imported" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == "::a::Kyiv is in Ukraine.{T}\n"
    assert load_file(source).banks == ()
