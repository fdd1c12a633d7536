"""The bundled bank: it loads cleanly, every answer it expects grades as right, every passage it
cites is in the article, and every direct quote of the article is asked."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from studyapp.answering.grading import grade
from studyapp.answering.typed import match_typed, normalise_passage
from studyapp.bank.loader import load_file
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
        typed = [o for o in bank.questions if isinstance(o, ShortAnswer)]
        others = [b.accepted[0] for o in clozes for b in o.blanks] + [o.answers[0] for o in typed]
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


# Editorial rules: each catches a way a bank can be answered without reading the article, or
# can say more than the article does.


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9’']+", normalise_passage(text).casefold().replace("’", "'"))


def _longest_copied_run(text: str, article: str) -> int:
    """The longest run of consecutive words of `text` that also occurs in the article."""
    words = _words(text)
    body = " " + " ".join(_words(article)) + " "
    best = 0
    for start in range(len(words)):
        for end in range(start + best + 1, len(words) + 1):
            if " " + " ".join(words[start:end]) + " " not in body:
                break
            best = end - start
    return best


def _shown(q: Question, bank: Bank) -> list[str]:
    """Everything a learner reads before answering: prompt, context, options, statement."""
    if isinstance(q, Attribution):
        return [q.quote, q.context, q.prompt]
    if isinstance(q, PositionShift):
        return [
            bank.actor_name(q.actor),
            q.issue,
            q.before.label,
            q.after.label,
            q.before.stance,
            q.after.stance,
            *q.distractors,
        ]
    if isinstance(q, MultipleChoice | MultipleSelect):
        return [q.prompt, *q.choices]
    if isinstance(q, TrueFalse):
        return [q.statement]
    if isinstance(q, Matching):
        return [q.prompt, *(side for pair in q.pairs for side in pair)]
    if isinstance(q, Ordering):
        return [q.prompt, *q.items]
    if isinstance(q, Cloze):
        return [re.sub(r"\{\{.*?\}\}", "___", q.text)]
    assert isinstance(q, ShortAnswer)
    return [q.prompt]


def _shifts(bank: Bank) -> list[PositionShift]:
    return [q for q in bank.questions if isinstance(q, PositionShift)]


def test_every_stance_of_every_shift_has_its_own_evidence(bank: Bank) -> None:
    shifts = _shifts(bank)
    assert len(shifts) >= 6
    for q in shifts:
        assert q.before.evidence, q.id
        assert q.after.evidence, q.id
        # The two ends are shown by different passages, not one passage made to serve both.
        assert set(q.before.evidence).isdisjoint(q.after.evidence), q.id


def test_an_implied_stance_is_marked_and_explained_as_implied(bank: Bank) -> None:
    implied = 0
    for q in _shifts(bank):
        for stance in (q.before, q.after):
            if stance.implied:
                implied += 1
                assert any(
                    normalise_passage(stance.cue) in normalise_passage(p) for p in stance.evidence
                )
        # The explanation tells the learner which ends the article states and which it implies.
        if q.before.implied or q.after.implied:
            assert "implied" in q.explanation, q.id
        else:
            assert "stated" in q.explanation or "claims" in q.explanation, q.id
    assert implied >= 1


def test_the_shift_heading_and_slots_read_as_english(bank: Bank, article: str) -> None:
    # The app heads a shift "<actor> on <issue>" and its slots "Before · <label>".
    for q in _shifts(bank):
        first = q.issue.split()[0]
        # Lowercase after "on", unless a name ("Ukraine joining NATO").
        assert first[0].islower() or first in article.split(), q.issue
        # The actor is already named in the heading; the issue does not name it again.
        for name in (bank.actor_name(q.actor), "the US", "Washington"):
            assert name.casefold() not in q.issue.casefold(), q.issue
        for stance in (q.before, q.after):
            assert stance.label.split()[0].casefold() not in {"before", "after"}, stance.label


def test_true_false_is_balanced_paraphrased_and_free_of_absolutes(bank: Bank, article: str) -> None:
    statements = [q for q in bank.questions if isinstance(q, TrueFalse)]
    true = [q for q in statements if q.answer]
    assert len(statements) >= 4
    assert abs(2 * len(true) - len(statements)) <= 1
    absolutes = {"always", "never", "all", "every", "none", "only", "already", "entirely"}
    absolutes |= {"completely", "certainly", "definitely", "will", "must", "concrete"}
    for q in statements:
        assert absolutes.isdisjoint(_words(q.statement)), q.statement
        # A true statement in the article's own words is answered by recognition, not
        # understanding: no run of six words is copied.
        if q.answer:
            assert _longest_copied_run(q.statement, article) < 6, q.statement


def test_attribution_distractors_are_chosen_for_each_remark(bank: Bank) -> None:
    quotes = [q for q in bank.questions if isinstance(q, Attribution)]
    sets = [frozenset(q.distractors) for q in quotes]
    assert len(set(sets)) == len(sets)
    for q in quotes:
        assert len(q.distractors) >= 2
        speaker = bank.actors[q.speaker].name
        # The context says what the remark is about, never who made it.
        words = set(_words(q.context))
        assert words.isdisjoint(_words(speaker)), q.context
        assert words.isdisjoint({"his", "her", "administration", "our", "my"}), q.context


def test_who_holds_each_reported_view_is_asked(bank: Bank) -> None:
    # Every person the article reports a view of in its own words, not in quotes, is the
    # answer of a question that offers other leaders too.
    names = {bank.actors[a].name for a in ("macron", "starmer", "biden", "trump")}
    asked = {
        q.answer
        for q in bank.questions
        if isinstance(q, MultipleChoice)
        and q.answer in names
        and set(q.choices) <= {a.name for a in bank.actors.values()}
    }
    assert asked == names


def test_right_options_are_no_longer_than_the_wrong_ones(bank: Bank) -> None:
    for q in bank.questions:
        if isinstance(q, MultipleChoice):
            rights, wrongs = [q.answer], [c for c in q.choices if c != q.answer]
        elif isinstance(q, MultipleSelect):
            rights, wrongs = list(q.answers), [c for c in q.choices if c not in q.answers]
        elif isinstance(q, PositionShift):
            rights, wrongs = [q.before.stance, q.after.stance], list(q.distractors)
        else:
            continue
        longest_wrong = max(len(w) for w in wrongs)
        for right in rights:
            assert len(right) <= longest_wrong * 1.1, (q.id, right)


def test_right_options_do_not_echo_the_article_more_than_wrong_ones(
    bank: Bank, article: str
) -> None:
    for q in bank.questions:
        if isinstance(q, MultipleChoice):
            rights, wrongs = [q.answer], [c for c in q.choices if c != q.answer]
        elif isinstance(q, MultipleSelect):
            rights, wrongs = list(q.answers), [c for c in q.choices if c not in q.answers]
        else:
            continue
        copied_wrong = max(_longest_copied_run(w, article) for w in wrongs)
        for right in rights:
            assert _longest_copied_run(right, article) <= copied_wrong + 2, (q.id, right)


def test_no_question_shows_the_answer_to_another(bank: Bank) -> None:
    person_names = {a.name for a in bank.actors.values()}
    typed: dict[str, list[str]] = {}
    for q in bank.questions:
        if isinstance(q, ShortAnswer):
            typed[q.id] = list(q.answers)
        elif isinstance(q, Cloze):
            typed[q.id] = [a for b in q.blanks for a in b.accepted]
    for owner, answers in typed.items():
        if answers[0] in person_names:
            continue  # leaders are named as options everywhere; who did what is asked instead
        for q in bank.questions:
            if q.id == owner:
                continue
            shown = " " + " ".join(" ".join(_words(t)) for t in _shown(q, bank)) + " "
            for answer in answers:
                assert " " + " ".join(_words(answer)) + " " not in shown, (owner, q.id, answer)
    # Nothing but its own attribution question repeats a quote (five words running or more).
    quotes = [q for q in bank.questions if isinstance(q, Attribution)]
    for quote in quotes:
        for q in bank.questions:
            if q is quote:
                continue
            for text in _shown(q, bank):
                assert _longest_copied_run(text, quote.quote) < 5, (quote.id, q.id, text)


def test_the_person_who_visits_washington_is_named_nowhere_else_with_the_visit(
    bank: Bank,
) -> None:
    for q in bank.questions:
        if q.id == "who-visits-washington":
            continue
        for text in _shown(q, bank):
            assert not ("Zelenskyy" in text and ("Washington" in text or "visit" in text)), q.id


@pytest.mark.parametrize(
    ("question_id", "typed"),
    [
        ("who-visits-washington", "Volodymyr Zelensky"),
        ("who-visits-washington", "Volodymyr Zelenskiy"),
        ("where-trump-confirmed-visit", "Cabinet"),
        ("where-trump-confirmed-visit", "a meeting of his cabinet"),
        ("un-vote-where", "UN"),
        ("un-vote-where", "U.N."),
        ("un-vote-day", "monday"),
        # Forms the grader accepts by its own rules, so the bank does not list them.
        ("un-vote-day", "on Monday"),
        ("un-vote-where", "at the UN"),
        ("un-vote-where", "UN General Assembly"),
        ("who-visits-washington", "President Zelenskyy"),
        ("who-visits-washington", "Zelensky"),
        ("where-trump-confirmed-visit", "at a cabinet meeting"),
    ],
)
def test_typed_answers_the_article_supports_are_accepted(
    bank: Bank, question_id: str, typed: str
) -> None:
    q = _question(bank, question_id)
    assert grade(q, typed, bank).correct, typed


def test_an_answer_the_article_does_not_give_is_not_accepted(bank: Bank) -> None:
    # The article says only "the United Nations"; naming one of its organs goes beyond it.
    assert not grade(_question(bank, "un-vote-where"), "Security Council", bank).correct


def test_only_the_intended_flaw_is_silenced() -> None:
    # The article quotes no one but Trump; every other item-writing check must pass on its own.
    with BANK_FILE.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    assert raw["allow"] == ["same-speaker"]
    assert [q["id"] for q in raw["questions"] if "allow" in q] == []
    result = subprocess.run(
        [sys.executable, "-m", "studyapp", "validate", "--strict", str(BANK_FILE)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 warnings" in result.stdout
