"""Drafting position shifts: measured on the tuning articles in the repository (the seed article
and articles in our own words), and the shifts written into a real draft bank.

The real news pages no rule was tuned on are measured by tests/benchmarks/bench_positions.py.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from draft_helpers import bundled_article, studyapp
from positions_measure import KEYS, Tally, score

SHIFT_RECALL_FLOOR = 0.7
SHIFT_PRECISION_FLOOR = 0.8


def _tuning_in_repo() -> list[tuple[Path, Path]]:
    out = []
    for key in sorted((KEYS / "tuning").glob("*.key.yaml")):
        stem = key.name.removesuffix(".key.yaml")
        text = key.with_name(stem + ".txt")
        if text.is_file():
            out.append((key, text))
    seed = bundled_article()
    if seed is not None:
        out.append((KEYS / "tuning" / f"{seed.stem}.key.yaml", seed))
    return out


def test_shift_precision_and_recall_on_tuning_articles_meet_their_floors() -> None:
    tally, report = Tally(), []
    for key, text in _tuning_in_repo():
        score(key, text, tally, report)
    print(tally.line("tuning (in repo)"), *report, sep="\n")
    assert len(tally.articles) >= 3
    assert tally.expected >= 6
    assert tally.recall >= SHIFT_RECALL_FLOOR
    assert tally.precision >= SHIFT_PRECISION_FLOOR


def test_draft_writes_valid_shift_questions_with_verbatim_evidence(tmp_path: Path) -> None:
    article = KEYS / "tuning" / "rail-pay.txt"
    bank = tmp_path / "rail.yaml"
    done = studyapp("draft", article, "-o", bank)
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load(bank.read_text(encoding="utf-8"))
    shifts = [q for q in data["questions"] if q["type"] == "position_shift"]
    source = article.read_text(encoding="utf-8")
    flat = " ".join(source.split())
    assert {q["actor"] for q in shifts} >= {"okafor", "treasury"}
    for q in shifts:
        assert "draft" in q["tags"]
        assert len(q["distractors"]) >= 2
        for end in (q["before"], q["after"]):
            assert " ".join(end["evidence"].split()) in flat
    okafor = next(q for q in shifts if q["actor"] == "okafor")
    assert okafor["before"]["label"] == "As recently as two weeks ago"
    assert "cue" not in okafor["before"]  # stated, not implied
    treasury = next(q for q in shifts if q["actor"] == "treasury")
    assert treasury["before"]["cue"] == "withdrew its objection to"
    assert data["actors"]["treasury"]["kind"] == "organization"
    text = bank.read_text(encoding="utf-8")
    assert "# CHECK: the earlier stance is implied by “withdrew its objection to”" in text
    checked = studyapp("validate", bank)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_stated_positions_are_drafted_as_the_bank_s_positions(tmp_path: Path) -> None:
    from studyapp.bank.loader import load_file

    bank_path = tmp_path / "harbour.yaml"
    done = studyapp("draft", KEYS / "tuning" / "harbour-levy.txt", "-o", bank_path)
    assert done.returncode == 0, done.stderr
    result = load_file(bank_path)
    assert not [p for p in result.problems if p.severity == "error"]
    (bank,) = result.banks
    stated = {(p.actor, p.stances[0].stance) for p in bank.positions}
    assert ("berg", "Supports the plan to spend its revenue on the sea wall") in stated
    # A stance already asked in a shift is not repeated as a stated position.
    assert not [p for p in bank.positions if p.actor == "lindqvist"]
