"""Loading banks from files and folders: good banks load, bad ones are reported, never raised."""

from __future__ import annotations

from pathlib import Path

from bank_helpers import VALID, replace_once, sample_folder

from studyapp.bank.loader import load_file, load_paths
from studyapp.model import Attribution, Cloze, PositionShift, Stance, TrueFalse


def test_the_sample_bank_loads_with_every_type() -> None:
    result = load_file(VALID)
    assert result.problems == ()
    (bank,) = result.banks
    assert bank.id == "sample-bank"
    assert bank.path == str(VALID)
    assert {q.TYPE for q in bank.questions} == {
        "attribution",
        "position_shift",
        "multiple_choice",
        "multiple_select",
        "true_false",
        "matching",
        "ordering",
        "cloze",
        "short_answer",
    }
    assert bank.actors["land"].kind == "country"
    assert bank.actors["ana"].role == "Minister of Finance"
    assert bank.source is not None
    assert bank.source.file == "sources/article.txt"


def test_questions_keep_their_line_and_values() -> None:
    bank = load_file(VALID).banks[0]
    lines = VALID.read_text(encoding="utf-8").splitlines()
    for q in bank.questions:
        assert lines[q.line - 1].strip() == f"- id: {q.id}"
    shift = bank.question("shift-land")
    assert isinstance(shift, PositionShift)
    assert shift.before == Stance("Last year", "Opposed the treaty")
    assert shift.distractors == ("Asked for a referendum", "Left the talks")
    tf = bank.question("balanced")
    assert isinstance(tf, TrueFalse)
    assert tf.answer is True
    who = bank.question("who-budget")
    assert isinstance(who, Attribution)
    assert who.evidence[0].startswith("“The budget")
    cloze = bank.question("fill-old")
    assert isinstance(cloze, Cloze)
    assert cloze.id == "fill"
    # A number written plainly in a list of text stays the text that was written.
    choices = bank.question("capital").choices  # type: ignore[union-attr]
    assert choices[-1] == "1914"


def test_a_bad_bank_in_a_folder_does_not_stop_the_good_one(tmp_path: Path) -> None:
    good = sample_folder(tmp_path)
    bad_text = replace_once(good.read_text(encoding="utf-8"), "id: sample-bank", "id: other")
    bad_text = replace_once(bad_text, "answer: Port Ellis", "anwser: Port Ellis")
    bad = good.parent / "sub" / "bad.yml"
    bad.parent.mkdir()
    bad.write_text(bad_text, encoding="utf-8")
    result = load_paths([good.parent])
    assert [b.id for b in result.banks] == ["sample-bank"]
    messages = [str(p) for p in result.errors]
    line = bad_text.splitlines().index("    anwser: Port Ellis") + 1
    assert (
        f"{bad}:{line}:5: error: unknown key `anwser` in a multiple_choice question; "
        "did you mean `answer`?" in messages
    )


def test_the_same_bank_id_twice_is_an_error_at_the_second(tmp_path: Path) -> None:
    first = sample_folder(tmp_path, name="a.yaml")
    second = sample_folder(tmp_path, name="b.yaml")
    result = load_paths([first.parent])
    assert [b.path for b in result.banks] == [str(first)]
    (problem,) = result.problems
    line = second.read_text(encoding="utf-8").splitlines().index("id: sample-bank") + 1
    assert (problem.path, problem.line) == (str(second), line)
    assert "already used by" in problem.message
    assert str(first) in problem.message


def test_missing_paths_are_problems_not_exceptions(tmp_path: Path) -> None:
    result = load_paths([tmp_path / "nowhere"])
    assert result.banks == ()
    assert result.problems[0].message == "no such file or folder"
