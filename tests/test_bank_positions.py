"""Positions as data: a bank's `positions` hold each actor's dated stances on an issue, written
once; a position_shift that names one takes its actor, issue and stances from it, and the
positions survive the cache and a dump back to YAML."""

from __future__ import annotations

from pathlib import Path

from bank_helpers import VALID, replace_once, sample_folder

from studyapp.bank.loader import load_file
from studyapp.bank.serialise import bank_from_data, bank_to_data, dump_bank
from studyapp.model import PositionShift

SHIFT = """\
    actor: land
    issue: the harbour treaty
    before: {label: Last year, stance: Opposed the treaty}
    after: {label: Now, stance: Signed the treaty}
"""
POSITIONS = """\
positions:
  - id: land-treaty
    actor: land
    issue: the harbour treaty
    stances:
      - label: Last year
        stance: Opposed the treaty
        evidence: Freedonia, which opposed the treaty last year
        cue: which opposed
        date: "2024"
      - label: On Monday
        stance: Signed the treaty
        evidence: signed it on Monday
        date: 2025-03-03
"""


def _bank(tmp_path: Path, shift: str = "    position: land-treaty\n", positions: str = POSITIONS):
    text = replace_once(VALID.read_text(encoding="utf-8"), SHIFT, shift)
    text = replace_once(text, "questions:\n", positions + "questions:\n")
    return sample_folder(tmp_path, text)


def test_a_shift_takes_actor_issue_and_stances_from_the_position(tmp_path: Path) -> None:
    result = load_file(_bank(tmp_path))
    assert result.problems == ()
    (bank,) = result.banks
    (position,) = bank.positions
    assert [s.date for s in position.stances] == ["2024", "2025-03-03"]
    q = bank.question("shift-land")
    assert isinstance(q, PositionShift)
    assert (q.actor, q.issue, q.position) == ("land", "the harbour treaty", "land-treaty")
    assert q.before == position.stances[0]
    assert q.after == position.stances[-1]
    assert "signed it on Monday" in q.evidence
    # The cache and a dump back to YAML keep the positions and the reference.
    again = bank_from_data(bank_to_data(bank, columns=True), bank.path)
    assert again.positions == bank.positions
    assert again.question("shift-land") == q
    dumped = tmp_path / "banks" / "dumped.yaml"
    dumped.write_text(dump_bank(bank), encoding="utf-8")
    reloaded = load_file(dumped)
    assert reloaded.problems == ()
    assert reloaded.banks[0].positions == bank.positions


def test_a_stance_written_in_the_question_wins_over_the_position(tmp_path: Path) -> None:
    shift = "    position: land-treaty\n    after: {label: Now, stance: Ratified the treaty}\n"
    q = load_file(_bank(tmp_path, shift)).banks[0].question("shift-land")
    assert isinstance(q, PositionShift)
    assert q.before.stance == "Opposed the treaty"
    assert q.after.stance == "Ratified the treaty"


def test_an_unknown_position_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = _bank(tmp_path, "    position: land-treaty-2\n")
    result = load_file(path)
    assert not result.banks
    (problem,) = result.problems
    assert problem.message.startswith("`position` names `land-treaty-2`, which is not among")
    line = path.read_text(encoding="utf-8").splitlines().index("    position: land-treaty-2")
    assert problem.line == line + 1


def test_without_a_position_the_four_keys_are_required(tmp_path: Path) -> None:
    result = load_file(_bank(tmp_path, "    actor: land\n", positions=""))
    messages = sorted(p.message for p in result.problems)
    assert messages == [
        f"a position_shift question lacks the required key `{key}`"
        for key in ("after", "before", "issue")
    ]


def test_a_position_s_stances_are_checked_against_the_source(tmp_path: Path) -> None:
    wrong = POSITIONS.replace("signed it on Monday", "signed it on Friday").replace(
        "date: 2025-03-03", "date: 3 March"
    )
    result = load_file(_bank(tmp_path, positions=wrong))
    messages = sorted(p.message for p in result.problems)
    assert messages == [
        "`date` '3 March' is not a date: write it as YYYY-MM-DD (or YYYY-MM, or YYYY)",
        "evidence not found in the source file: “signed it on Friday”",
    ]


def test_a_position_names_a_known_actor(tmp_path: Path) -> None:
    wrong = POSITIONS.replace("    actor: land\n", "    actor: atlantis\n")
    result = load_file(_bank(tmp_path, positions=wrong))
    assert any("`actor` names `atlantis`" in p.message for p in result.problems)


def test_moving_a_shift_s_stances_into_positions_keeps_its_fingerprint(tmp_path: Path) -> None:
    # Writing a stance once (under positions) asks the learner the same question: the
    # answers given to the inline version must still count, so the fingerprint must not move.
    from studyapp.model import content_hash

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    inline = load_file(_bank(tmp_path / "a", SHIFT, positions="")).banks[0]
    # The same labels and stances as the inline shift; dates, evidence and cue are extra.
    same = POSITIONS.replace("label: On Monday", "label: Now")
    named = load_file(_bank(tmp_path / "b", positions=same)).banks[0]
    before = inline.question("shift-land")
    after = named.question("shift-land")
    assert isinstance(before, PositionShift)
    assert isinstance(after, PositionShift)
    assert (before.before.stance, before.after.stance) == (after.before.stance, after.after.stance)
    assert after.position == "land-treaty"
    assert content_hash(after) == content_hash(before)
