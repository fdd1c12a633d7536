"""`studyapp draft`: what an instructor gets from an article, checked by loading the result."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest
import yaml
from draft_helpers import ARTICLES, bundled_article, gold_articles, studyapp

from studyapp.answering.typed import normalise_passage
from studyapp.bank.loader import load_file
from studyapp.model import Attribution

SEVEN_OPENINGS = (
    "It’s a great deal for Ukraine",
    "Nobody’s going to be messing around",
    "NATO—you can forget about it",
    "I think that’s probably the reason",
    "We’re going to do the best we can",
    "He’s a very smart guy",
    "If I didn’t get elected",
)


def _draft(article: Path, bank: Path, *extra: str) -> tuple[str, list[str]]:
    result = studyapp("draft", article, "-o", bank, *extra)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return bank.read_text(encoding="utf-8"), result.stdout.splitlines()


def _load_clean(bank: Path):  # type: ignore[no-untyped-def]
    result = load_file(bank)
    assert [str(p) for p in result.problems] == []
    (loaded,) = result.banks
    return loaded


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    article = bundled_article()
    if article is None:
        pytest.skip("the bundled article is not in this checkout")
    return article


def test_bundled_article_gives_seven_quotes_all_to_trump(bundled: Path, tmp_path: Path) -> None:
    bank_path = tmp_path / "drafts" / "ukraine.yaml"
    text, out = _draft(bundled, bank_path)
    bank = _load_clean(bank_path)

    questions = [q for q in bank.questions if isinstance(q, Attribution)]
    assert len(questions) == 7
    for opening in SEVEN_OPENINGS:
        (q,) = [q for q in questions if q.quote.startswith(opening)]
        assert q.speaker == "trump"
        assert "draft" in q.tags
        assert "trump" not in q.distractors
        assert q.distractors
    assert bank.actor_name("trump") == "Donald Trump"
    people = {(a.name, a.role) for a in bank.actors.values()}
    assert ("Emmanuel Macron", "French President") in people
    assert ("Keir Starmer", "British Prime Minister") in people
    assert ("Joe Biden", "former President") in people
    assert ("Vladimir Putin", "Russian President") in people
    on_putin = [q for q in questions if q.context == "on Putin"]
    assert len(on_putin) == 2
    assert all("putin" not in q.distractors for q in on_putin)

    # The evidence is the article's own text, in the copy the bank cites, inside its folder.
    assert bank.source is not None
    assert bank.source.file is not None
    copy = bank_path.parent / bank.source.file
    assert copy.read_bytes() == bundled.read_bytes()
    source = normalise_passage(copy.read_text(encoding="utf-8"))
    for q in questions:
        assert q.evidence
        assert all(normalise_passage(e) in source for e in q.evidence)
        assert normalise_passage(q.quote).rstrip(".") in normalise_passage(q.evidence[0])
    assert text.startswith("# yaml-language-server: $schema=")
    assert "7 attribution questions from 7 quotes" in out[0]


@pytest.mark.skipif(
    importlib.util.find_spec("studyapp.commands.validate") is None,
    reason="`studyapp validate` is not on this branch yet",
)
def test_validate_command_accepts_the_draft(bundled: Path, tmp_path: Path) -> None:
    bank_path = tmp_path / "ukraine.yaml"
    _draft(bundled, bank_path)
    result = studyapp("validate", bank_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("gold", gold_articles(), ids=lambda g: g.article.name)
def test_test_articles_draft_into_valid_banks_with_named_people(gold, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bank_path = tmp_path / "bank.yaml"
    text, _ = _draft(gold.article, bank_path)
    bank = _load_clean(bank_path)
    for ident, person in gold.people.items():
        assert bank.actors[ident].name == person["name"]
        assert bank.actors[ident].role == person["role"]
    speakers = {q.quote: q.speaker for q in bank.questions if isinstance(q, Attribution)}
    for expected in gold.quotes:
        assert any(quote.startswith(expected["starts"]) for quote in speakers), expected
    # Block style throughout: no flow mappings or sequences an editor has to untangle.
    body = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not any(line.rstrip().endswith(("}", "]")) for line in body)
    assert all(isinstance(q.tags, tuple) and "draft" in q.tags for q in bank.questions)


def test_guesses_are_marked_for_the_instructor(tmp_path: Path) -> None:
    bank_path = tmp_path / "bank.yaml"
    text, out = _draft(ARTICLES / "security-council.html", bank_path)
    assert "# CHECK: “she” taken as Dorothy Shea; could be Vassily Nebenzia" in text
    assert any(line.startswith(f"{ARTICLES / 'security-council.html'}:14: check:") for line in out)
    # The HTML's text, not its markup, is what the bank cites.
    copy = tmp_path / "sources" / "security-council.txt"
    assert "<p>" not in copy.read_text(encoding="utf-8")
    assert "var tracking" not in copy.read_text(encoding="utf-8")


def test_unattributed_quotes_are_printed_and_left_commented_out(tmp_path: Path) -> None:
    article = tmp_path / "rumour.txt"
    article.write_text(
        "Rumours in the capital\n"
        "“The ministry will be closed by the end of the year,” read a note found on a desk.\n"
        "Finance Minister Ana Costa denied it. “Nothing of the kind is planned,” Costa said.\n"
        "Prime Minister Rui Alves and Economy Minister Sofia Reis declined to comment.\n",
        encoding="utf-8",
    )
    bank_path = tmp_path / "rumour.yaml"
    text, out = _draft(article, bank_path)
    assert f"{article}:2: not attributed: “The ministry will be closed" in "\n".join(out)
    # One of each is said in the singular (it read "1 quotes"), many in the plural.
    assert out[0].startswith(f"wrote {bank_path}: 3 people, 1 attribution question from 2 quotes;")
    assert "1 quote left commented out" in out[-1]
    assert "# UNATTRIBUTED (article line 2)" in text
    bank = _load_clean(bank_path)
    # Besides the one attribution, the draft matches the three ministers to their titles.
    (q,) = [x for x in bank.questions if isinstance(x, Attribution)]
    assert q.speaker == "costa"
    # Uncommenting the question's lines and naming the speaker gives a second valid question.
    fixed = [
        re.sub(r"^  # (?=- |  )", "  ", line).replace("REPLACE-ME", "costa")
        for line in text.splitlines()
    ]
    block = "\n".join(fixed).replace("- id: costa\n", "- id: note-on-the-desk\n", 1)
    bank_path.write_text(block + "\n", encoding="utf-8")
    again = _load_clean(bank_path).questions
    assert len([x for x in again if isinstance(x, Attribution)]) == 2


def test_an_article_already_beside_the_bank_is_cited_where_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    (folder / "articles").mkdir(parents=True)
    article = folder / "articles" / "paris.txt"
    shutil.copy(ARTICLES / "paris-talks.txt", article)
    bank_path = folder / "paris.yaml"
    text, _ = _draft(article, bank_path)
    assert yaml.safe_load(text)["source"]["file"] == "articles/paris.txt"
    assert not (folder / "sources").exists()
    _load_clean(bank_path)


def test_existing_files_are_kept_unless_forced(tmp_path: Path) -> None:
    bank_path = tmp_path / "bank.yaml"
    bank_path.write_text("mine\n", encoding="utf-8")
    refused = studyapp("draft", ARTICLES / "paris-talks.txt", "-o", bank_path)
    assert refused.returncode == 1
    assert f"{bank_path} exists; use --force" in refused.stderr
    assert bank_path.read_text(encoding="utf-8") == "mine\n"

    # Another article of the same name already copied beside the bank is not replaced either.
    copy = tmp_path / "sources" / "paris-talks.txt"
    copy.parent.mkdir()
    copy.write_text("a different article\n", encoding="utf-8")
    refused = studyapp("draft", ARTICLES / "paris-talks.txt", "-o", tmp_path / "b2.yaml")
    assert refused.returncode == 1
    assert "exists with other content" in refused.stderr
    assert copy.read_text(encoding="utf-8") == "a different article\n"

    _draft(ARTICLES / "paris-talks.txt", bank_path, "--force")
    assert copy.read_bytes() == (ARTICLES / "paris-talks.txt").read_bytes()
    _load_clean(bank_path)


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read the article"), (b"caf\xe9 au lait\n", ":1: the article is not UTF-8")],
)
def test_unreadable_articles_get_a_message_not_a_traceback(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    article = tmp_path / "article.txt"
    if content is not None:
        article.write_bytes(content)
    result = studyapp("draft", article, "-o", tmp_path / "bank.yaml")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(article) in result.stderr
    assert message in result.stderr
    assert not (tmp_path / "bank.yaml").exists()
