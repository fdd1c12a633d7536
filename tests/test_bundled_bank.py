"""The bundled bank: it loads cleanly, every answer it expects grades as right, every passage it
cites is in the article, and every direct quote of the article is asked."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from studyapp.bank.grading import grade
from studyapp.bank.loader import load_file
from studyapp.bank.typed import match_typed, normalise_passage
from studyapp.model import (
    QUESTION_TYPES,
    Attribution,
    Bank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    PositionShift,
    Question,
    ShortAnswer,
    TrueFalse,
)

REPO = Path(__file__).resolve().parent.parent
BANK_FILE = REPO / "questions" / "us-ukraine-security.yaml"


def _question_ids() -> list[str]:
    # Read the ids straight from the file so that each question is its own test case.
    with BANK_FILE.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return [q["id"] for q in raw["questions"]]


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load_file(BANK_FILE)
    assert [str(p) for p in result.problems] == []
    assert len(result.banks) == 1
    return result.banks[0]


@pytest.fixture(scope="module")
def article(bank: Bank) -> str:
    assert bank.source is not None
    assert bank.source.file is not None
    return (BANK_FILE.parent / bank.source.file).read_text(encoding="utf-8")


def _question(bank: Bank, question_id: str) -> Question:
    q = bank.question(question_id)
    assert q is not None, question_id
    return q


def _right_responses(q: Question) -> list[object]:
    """Every response the question itself says is right, built from its own fields."""
    if isinstance(q, Attribution):
        return [q.speaker]
    if isinstance(q, PositionShift):
        return [(q.before.stance, q.after.stance)]
    if isinstance(q, MultipleChoice | TrueFalse):
        return [q.answer]
    if isinstance(q, MultipleSelect):
        return [set(q.answers)]
    if isinstance(q, Matching):
        return [dict(q.pairs)]
    if isinstance(q, Ordering):
        return [list(q.items)]
    if isinstance(q, Cloze):
        widest = max(len(b.accepted) for b in q.blanks)
        return [[b.accepted[min(i, len(b.accepted) - 1)] for b in q.blanks] for i in range(widest)]
    assert isinstance(q, ShortAnswer)
    return list(q.answers)


def _wrong_response(q: Question, bank: Bank) -> object:
    """A response a confused learner might give: another option of the same question, or the
    answer to a neighbouring question of the same kind."""
    if isinstance(q, Attribution):
        return q.distractors[0]
    if isinstance(q, PositionShift):
        return (q.after.stance, q.before.stance)
    if isinstance(q, MultipleChoice):
        return next(c for c in q.choices if c != q.answer)
    if isinstance(q, MultipleSelect):
        return {c for c in q.choices if c not in q.answers}
    if isinstance(q, TrueFalse):
        return not q.answer
    if isinstance(q, Matching):
        rights = [right for _, right in q.pairs]
        return {left: rights[(i + 1) % len(rights)] for i, (left, _) in enumerate(q.pairs)}
    if isinstance(q, Ordering):
        return list(reversed(q.items))
    if isinstance(q, Cloze):
        clozes = [o for o in bank.questions if isinstance(o, Cloze) and o != q]
        others = [b.accepted[0] for o in clozes for b in o.blanks]
        return [next(o for o in others if not match_typed(o, b.accepted).ok) for b in q.blanks]
    assert isinstance(q, ShortAnswer)
    others = [o.answers[0] for o in bank.questions if isinstance(o, ShortAnswer) and o != q]
    return next(o for o in others if not match_typed(o, q.answers).ok)


def test_bank_loads_with_its_article(bank: Bank, article: str) -> None:
    assert bank.id == "us-ukraine-security"
    assert bank.version == 1
    assert bank.source is not None
    # The article's second line is its headline; the bank names it as its source title.
    assert bank.source.title == article.splitlines()[1]
    assert BANK_FILE.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=bank.schema.json\n"
    )


def test_bank_uses_every_question_type(bank: Bank) -> None:
    assert {q.TYPE for q in bank.questions} == set(QUESTION_TYPES)


@pytest.mark.parametrize("question_id", _question_ids())
def test_right_answer_grades_right_and_wrong_answer_wrong(bank: Bank, question_id: str) -> None:
    q = _question(bank, question_id)
    for response in _right_responses(q):
        result = grade(q, response, bank)
        assert result.correct, (response, result)
        assert result.verdict == "right"
    wrong = _wrong_response(q, bank)
    result = grade(q, wrong, bank)
    assert not result.correct, (wrong, result)
    assert result.verdict in ("wrong", "partial")


@pytest.mark.parametrize("question_id", _question_ids())
def test_every_question_explains_and_cites_the_article(
    bank: Bank, article: str, question_id: str
) -> None:
    q = _question(bank, question_id)
    text = normalise_passage(article)
    assert q.explanation.strip()
    assert q.tags
    assert q.evidence
    for passage in q.evidence:
        assert normalise_passage(passage) in text, passage


def _bare(quote: str) -> str:
    # A quote set off in running text ends in a comma ("...," Trump said); asked on its own it
    # ends in a full stop. The words are what must match.
    return normalise_passage(quote).rstrip(",.")


def test_each_direct_quote_of_the_article_is_asked_as_attribution(bank: Bank, article: str) -> None:
    quoted = [_bare(q) for q in re.findall(r"“(.+?)”", article)]
    assert len(quoted) == 7
    asked = {_bare(q.quote): q for q in bank.questions if isinstance(q, Attribution)}
    assert set(quoted) == set(asked)
    for q in asked.values():
        # Distractors are other people the article names, never the speaker.
        assert q.context
        assert q.distractors
        assert q.speaker not in q.distractors
        for actor_id in (q.speaker, *q.distractors):
            assert bank.actors[actor_id].kind == "person"
            assert bank.actors[actor_id].name in article
        assert any(_bare(q.quote) in normalise_passage(e) for e in q.evidence)


@pytest.mark.parametrize(
    "topic", ["nato", "security-guarantees", "minerals-deal", "un-vote", "europe", "russia"]
)
def test_each_topic_can_be_studied_on_its_own(bank: Bank, topic: str) -> None:
    tagged = [q for q in bank.questions if topic in bank.tags_of(q)]
    # Enough for a short session, and more than one kind of question.
    assert len(tagged) >= 4
    assert len({q.TYPE for q in tagged}) >= 3


def test_position_shifts_offer_real_alternatives(bank: Bank) -> None:
    shifts = [q for q in bank.questions if isinstance(q, PositionShift)]
    assert shifts
    for q in shifts:
        stances = {q.before.stance, q.after.stance, *q.distractors}
        assert len(stances) == 2 + len(q.distractors) >= 4
        # One of the two placed right is partial credit, not full.
        half = grade(q, (q.before.stance, q.distractors[0]), bank)
        assert half.verdict == "partial"


def test_validate_command_accepts_the_bundled_folder() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "studyapp", "validate", str(REPO / "questions")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "error:" not in result.stdout + result.stderr
    assert "warning:" not in result.stdout + result.stderr
