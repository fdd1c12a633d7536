"""A stance may carry its own evidence and, when the source only implies it, the cue that does:
both are checked against the source, kept by the cache, and shown to the learner as implied."""

from __future__ import annotations

from pathlib import Path

from bank_helpers import VALID, replace_once, sample_folder

from studyapp.answering.presentation import implied_note
from studyapp.bank.cache import decode_entry, encode_entry
from studyapp.bank.loader import load_file
from studyapp.bank.serialise import bank_from_data, bank_to_data, dump_bank
from studyapp.model import PositionShift

OLD_SHIFT = """\
    before: {label: Last year, stance: Opposed the treaty}
    after: {label: Now, stance: Signed the treaty}
    distractors: [Asked for a referendum, Left the talks]
    evidence:
      - Freedonia, which opposed the treaty last year, signed it on Monday.
"""

PASSAGE = "Freedonia, which opposed the treaty last year"


def _shift(before_extra: str, after_extra: str = "") -> str:
    new = (
        "    before:\n"
        "      label: Last year\n"
        "      stance: Opposed the treaty\n"
        f"{before_extra}"
        "    after:\n"
        "      label: Now\n"
        "      stance: Signed the treaty\n"
        f"{after_extra}"
        "    distractors: [Asked for a referendum, Left the talks]\n"
    )
    return replace_once(VALID.read_text(encoding="utf-8"), OLD_SHIFT, new)


def _loaded_shift(tmp_path: Path, text: str) -> tuple[PositionShift | None, list[str]]:
    result = load_file(sample_folder(tmp_path, text))
    problems = [p.message for p in result.problems]
    if not result.banks:
        return None, problems
    q = result.banks[0].question("shift-land")
    assert isinstance(q, PositionShift)
    return q, problems


def test_each_stance_keeps_its_evidence_and_the_question_cites_both(tmp_path: Path) -> None:
    text = _shift(
        f"      evidence: {PASSAGE}\n      cue: which opposed\n",
        "      evidence: signed it on Monday\n",
    )
    q, problems = _loaded_shift(tmp_path, text)
    assert problems == []
    assert q is not None
    assert q.before.evidence == (PASSAGE,)
    assert q.before.cue == "which opposed"
    assert q.before.implied
    assert not q.after.implied
    assert q.after.evidence == ("signed it on Monday",)
    # The question's evidence is the stances' passages, each once, in order.
    assert q.evidence == (PASSAGE, "signed it on Monday")


def test_a_stance_passage_missing_from_the_source_is_an_error_at_its_line(
    tmp_path: Path,
) -> None:
    text = _shift("      evidence: Freedonia always loved the treaty\n")
    q, problems = _loaded_shift(tmp_path, text)
    assert q is None
    assert problems == [
        "evidence not found in the source file: “Freedonia always loved the treaty”"
    ]
    result = load_file(sample_folder(tmp_path, text))
    line = text.splitlines().index("      evidence: Freedonia always loved the treaty") + 1
    assert [p.line for p in result.problems] == [line]


def test_a_cue_must_be_words_of_that_stances_evidence(tmp_path: Path) -> None:
    q, problems = _loaded_shift(
        tmp_path, _shift(f"      evidence: {PASSAGE}\n      cue: in contrast\n")
    )
    assert q is None
    assert problems == ["the cue “in contrast” is not in the evidence of `before`"]


def test_a_cue_without_evidence_must_still_be_in_the_source(tmp_path: Path) -> None:
    q, problems = _loaded_shift(tmp_path, _shift("      cue: a departure from\n"))
    assert q is None
    assert problems == ["the cue “a departure from” is not in the source file"]
    q, problems = _loaded_shift(tmp_path, _shift("      cue: last year\n"))
    assert problems == []
    assert q is not None
    assert q.before.implied


def test_evidence_and_cue_survive_yaml_and_the_cache(tmp_path: Path) -> None:
    text = _shift(f"      evidence: [{PASSAGE}]\n      cue: which opposed\n")
    (bank,) = load_file(sample_folder(tmp_path, text)).banks
    again_path = tmp_path / "banks" / "again.yaml"
    again_path.write_text(dump_bank(bank), encoding="utf-8")
    result = load_file(again_path)
    assert result.errors == ()
    (again,) = result.banks
    assert again.questions == bank.questions
    entry = decode_entry(encode_entry({"bank": bank_to_data(again, columns=True)}))
    cached = bank_from_data(entry["bank"], again.path)
    assert cached.questions == again.questions
    shift = cached.question("shift-land")
    assert isinstance(shift, PositionShift)
    assert shift.before.cue == "which opposed"


def test_the_learner_is_told_which_words_imply_a_stance() -> None:
    assert implied_note("In contrast") == "Implied by “In contrast”; the source does not state it."
    assert implied_note("") == ""
