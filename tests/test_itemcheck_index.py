"""The shortcuts that keep the item checks fast change no warning: texts folded all at once
fold as one at a time, and the cheap tests that rule questions out before a check runs never
rule out a question the check flags (run here on every question, over every marked-up bank)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from itemcheck_measure import ARTICLES, DATA

from studyapp.bank.itemcheck import index
from studyapp.bank.itemcheck import run as itemcheck_run
from studyapp.bank.itemcheck.catalogue import CHECKS_BY_CODE
from studyapp.bank.itemcheck.detect import DETECTORS
from studyapp.bank.itemcheck.words import Bared, Folded, bare, fold
from studyapp.bank.loader import load_file
from studyapp.model import Bank

REPO = Path(__file__).resolve().parent.parent


def _texts(rng: random.Random, count: int) -> list[str]:
    # Every ASCII character but NUL, typographic marks, accents and Unicode spaces.
    alphabet = [chr(i) for i in range(1, 128)] + list("éÅ’“”‘—\u00a0\u2003 ") + list("aa  ..''")
    return ["".join(rng.choices(alphabet, k=rng.randint(0, 40))) for _ in range(count)]


def test_folding_many_texts_at_once_folds_each_as_fold_does() -> None:
    texts = [*_texts(random.Random(17), 5000), "", " ", "  The  End. ", "an A.B.C"]
    folded = Folded()
    folded.fill(texts)
    assert len(folded) == len(set(texts))
    assert [folded[t] for t in texts] == [fold(t) for t in texts]
    bared = Bared(folded)
    bared.fill()
    assert [bared[t] for t in texts] == [bare(fold(t)) for t in texts]


def test_a_text_with_a_nul_of_its_own_is_folded_alone() -> None:
    texts = ["a\x00b", "Plain TEXT", "x"]
    folded = Folded()
    folded.fill(texts)
    assert [folded[t] for t in texts] == [fold(t) for t in texts]


def _banks(tmp_path: Path) -> list[tuple[Bank, str | None]]:
    """Every marked-up bank beside its article, and the bundled banks, as the builder hands
    them to the checks."""
    handed: list[tuple[Bank, str | None]] = []

    def keep(path: str, bank: Bank, placed: object, allow: object, source: str | None) -> list:
        handed.append((bank, source))
        return []

    targets = []
    for bank in sorted(DATA.rglob("*.yaml")):
        home = tmp_path / bank.parent.name
        home.mkdir(exist_ok=True)
        shutil.copy(bank, home / bank.name)
        for article in ARTICLES.iterdir():
            shutil.copy(article, home / article.name)
        targets.append(home / bank.name)
    targets += sorted((REPO / "questions").glob("*.yaml"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(itemcheck_run, "run", keep)
        for target in targets:
            assert not load_file(target, item_checks=True).errors
    assert len(handed) == len(targets)
    return handed


def test_no_shortcut_leaves_out_a_question_its_check_flags(tmp_path: Path) -> None:
    flagged_somewhere: set[str] = set()
    for bank, source in _banks(tmp_path):
        facts, by_type = itemcheck_run.prepare(bank, source)
        could = index.candidates(by_type, facts)
        for code, maybe in could.items():
            for kind in CHECKS_BY_CODE[code].types:
                for q in by_type.get(kind, ()):
                    if list(DETECTORS[code](q, facts)):
                        flagged_somewhere.add(code)
                        assert id(q) in maybe, (bank.id, q.id, code)
    # The banks flag every check that has a shortcut, so each shortcut was put to the test.
    assert flagged_somewhere == set(could)
