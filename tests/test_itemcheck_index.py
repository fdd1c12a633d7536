"""The shortcuts that keep the item checks fast change no warning: texts folded all at once
fold as one at a time, and the cheap tests that rule questions out before a check runs never
rule out a question the check flags (run here on every question, over every marked-up bank)."""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path

import pytest
from itemcheck_measure import ARTICLES, DATA

from studyapp.bank.itemcheck import across, index
from studyapp.bank.itemcheck import run as itemcheck_run
from studyapp.bank.itemcheck.catalogue import CHECKS_BY_CODE, CUE_COMMON_MIN, CUE_COMMON_SHARE
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

    def keep(
        path: str, bank: Bank, placed: object, allowing: object, allow: object, source: str | None
    ) -> list:
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


def test_the_flat_lists_hold_what_each_question_shows_and_guards(tmp_path: Path) -> None:
    for bank, source in _banks(tmp_path):
        facts, by_type = itemcheck_run.prepare(bank, source)
        index.shown(by_type, facts)
        index.guarded(by_type, facts)
        shown = Counter(p for pieces in facts.shows.values() for p in pieces)
        guarded = Counter(entry[1] for entries in facts.guarded.values() for entry in entries)
        assert Counter(index.pieces(by_type, facts)) == shown, bank.id
        assert Counter(index.answers(by_type, facts)) == guarded, bank.id


def _possible_by_definition(bank: Bank, source: str | None) -> set[str]:
    """The answers' forms whose every word some piece holds, and no more than the common
    share of pieces: counted piece by piece, as the check defines it."""
    facts, by_type = itemcheck_run.prepare(bank, source)
    pieces = [fold(p) for p in index.pieces(by_type, facts)]
    holding = Counter(word for piece in pieces for word in set(piece.split()))
    common = max(CUE_COMMON_MIN, CUE_COMMON_SHARE * len(pieces))
    forms = {bare(fold(a)) for a in index.answers(by_type, facts)}
    return {f for f in forms if all(0 < holding[word] <= common for word in f.split())}


# A word said over and over in a few statements is counted more often than the common share
# (20 pieces here) but is held by only 3 of them, so its answer could still be a cue; a word
# in 25 statements is common, and its answer is no cue.
_REPEATS = "\n".join(
    [
        "studyapp: 1",
        "id: repeats",
        "title: Repeats",
        "questions:",
        "  - {id: zebra, type: short_answer, prompt: Where do people cross?, answers: "
        "[zebra crossing]}",
        "  - {id: harbour, type: short_answer, prompt: What was voted on?, answers: "
        "[harbour vote]}",
        *(
            f"  - {{id: z{i}, type: true_false, statement: {'zebra stripes ' * 10}crossing {i}, "
            "answer: true}"
            for i in range(3)
        ),
        *(
            f"  - {{id: h{i}, type: true_false, statement: The harbour vote {i} was held, "
            "answer: false}"
            for i in range(25)
        ),
    ]
)


def test_the_answers_that_could_be_cues_are_those_the_definition_gives(tmp_path: Path) -> None:
    repeats = tmp_path / "repeats.yaml"
    repeats.write_text(_REPEATS + "\n", encoding="utf-8")
    handed = _banks(tmp_path)
    with pytest.MonkeyPatch.context() as mp:
        kept: list[Bank] = []
        mp.setattr(itemcheck_run, "run", lambda path, bank, *_: kept.append(bank) or [])
        assert not load_file(repeats, item_checks=True).errors
    handed.append((kept[0], None))
    for bank, source in handed:
        facts, _ = itemcheck_run.prepare(bank, source)
        got = across._possible(bank.questions, facts, bank.questions)
        assert got == _possible_by_definition(bank, source), bank.id
    facts, _ = itemcheck_run.prepare(kept[0], None)
    assert across._possible(kept[0].questions, facts, kept[0].questions) == {"zebra crossing"}
