"""Drafting the other kinds: matching people to the titles the article gives them, cloze items
on its numbers, dates and places, and true/false statements whose false variant changes one
detail. Every drafted question validates, carries the draft tag and verbatim evidence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from draft_helpers import bundled_article, studyapp
from positions_measure import KEYS

ABSOLUTES = re.compile(r"\b(?:always|never|all|none|only|every|completely)\b", re.IGNORECASE)


def _draft(article: Path, tmp_path: Path) -> tuple[dict[str, object], str]:
    bank = tmp_path / f"{article.stem}.yaml"
    done = studyapp("draft", article, "-o", bank)
    assert done.returncode == 0, done.stderr
    checked = studyapp("validate", bank)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    data = yaml.safe_load(bank.read_text(encoding="utf-8"))
    flat = " ".join(article.read_text(encoding="utf-8").split())
    return data, flat


def _articles() -> list[Path]:
    out = [KEYS / "tuning" / "rail-pay.txt", KEYS / "tuning" / "harbour-levy.txt"]
    seed = bundled_article()
    return out + ([seed] if seed is not None else [])


@pytest.mark.parametrize("article", _articles(), ids=lambda p: p.stem)
def test_drafted_facts_carry_draft_tag_and_verbatim_evidence(article: Path, tmp_path: Path) -> None:
    data, flat = _draft(article, tmp_path)
    facts = [q for q in data["questions"] if q["type"] in ("cloze", "true_false", "matching")]
    assert facts, "no fact question drafted"
    for q in facts:
        assert "draft" in q["tags"]
        evidence = q["evidence"] if isinstance(q["evidence"], list) else [q["evidence"]]
        for passage in evidence:
            assert " ".join(passage.split()) in flat


@pytest.mark.parametrize("article", _articles(), ids=lambda p: p.stem)
def test_cloze_blanks_a_detail_of_the_evidence_sentence(article: Path, tmp_path: Path) -> None:
    data, _flat = _draft(article, tmp_path)
    clozes = [q for q in data["questions"] if q["type"] == "cloze"]
    for q in clozes:
        blanks = re.findall(r"\{\{(.+?)\}\}", q["text"])
        assert len(blanks) == 1
        assert q["text"].replace("{{", "").replace("}}", "") == q["evidence"]


@pytest.mark.parametrize("article", _articles(), ids=lambda p: p.stem)
def test_false_variant_changes_one_detail_and_adds_no_absolute(
    article: Path, tmp_path: Path
) -> None:
    data, _flat = _draft(article, tmp_path)
    falses = [q for q in data["questions"] if q["type"] == "true_false" and not q["answer"]]
    trues = [q for q in data["questions"] if q["type"] == "true_false" and q["answer"]]
    assert not trues  # the article's own sentence as a true statement is left to the author
    for q in falses:
        said, stated = q["evidence"], q["statement"]
        assert said != stated
        # One span differs: what is left of each side matches once the changed detail is cut.
        head = len(_common_prefix(said, stated))
        tail = len(_common_prefix(said[::-1], stated[::-1]))
        changed_old = said[head : len(said) - tail]
        changed_new = stated[head : len(stated) - tail]
        assert changed_old
        assert changed_new
        assert len(changed_new.split()) <= 4
        assert len(ABSOLUTES.findall(stated)) == len(ABSOLUTES.findall(said))


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def test_rail_pay_drafts_a_cloze_and_a_false_variant_on_its_figures(tmp_path: Path) -> None:
    data, _flat = _draft(KEYS / "tuning" / "rail-pay.txt", tmp_path)
    clozes = [q for q in data["questions"] if q["type"] == "cloze"]
    falses = [q for q in data["questions"] if q["type"] == "true_false"]
    assert any("{{five per cent}}" in q["text"] for q in clozes)
    assert any(("three per cent" in q["statement"] and "five per cent" in q["evidence"])
               or ("five per cent" in q["statement"] and "three per cent" in q["evidence"])
               for q in falses)  # fmt: skip


def test_matching_pairs_people_with_titles_the_article_prints(tmp_path: Path) -> None:
    seed = bundled_article()
    if seed is None:
        pytest.skip("the seed article is not in ../shared/sources")
    data, flat = _draft(seed, tmp_path)
    matching = [q for q in data["questions"] if q["type"] == "matching"]
    assert len(matching) == 1
    q = matching[0]
    assert len(q["pairs"]) >= 3
    for (name, title), passage in zip(q["pairs"], q["evidence"], strict=True):
        assert name in passage
        assert title in passage
        assert passage in flat


def test_an_organisation_named_as_a_subject_is_drafted_as_a_short_answer(tmp_path: Path) -> None:
    article = tmp_path / "ferry-board.txt"
    article.write_text(
        "The Harbour Ferry Authority has withdrawn its plan to close the night crossing after "
        "a petition from island residents.\n\n"
        "Residents had collected signatures for three weeks before the meeting at the town "
        "hall on the quay.\n",
        encoding="utf-8",
    )
    data, flat = _draft(article, tmp_path)
    (asked,) = [q for q in data["questions"] if q["type"] == "short_answer"]
    assert asked["answers"] == ["Harbour Ferry Authority"]
    assert asked["prompt"].startswith("Which organisation has withdrawn its plan")
    assert "Harbour Ferry Authority" not in asked["prompt"]
    assert "draft" in asked["tags"]
    assert " ".join(asked["evidence"].split()) in flat
    assert asked["answers"][0] in asked["evidence"]
