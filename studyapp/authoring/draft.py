"""From an article file to the text of a draft bank and the copy of the article it cites."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studyapp.authoring.article import Article, read_article
from studyapp.authoring.people import Person, find_people, slug
from studyapp.authoring.positions import Found, find_positions
from studyapp.authoring.quotes import find_quotes
from studyapp.authoring.speakers import Attributed, attribute
from studyapp.authoring.template import SCHEMA_URL
from studyapp.authoring.writer import BankHeader, render
from studyapp.bank.problems import Problem

SOURCES_DIR = "sources"


@dataclass(frozen=True, slots=True)
class Draft:
    bank_text: str
    source_path: Path  # where the article belongs beside the bank
    source_bytes: bytes | None  # what to write there; None when the article already is there
    article: Article
    people: dict[str, Person]
    results: tuple[Attributed, ...]
    found: Found
    # What the item-writing checks said of the written bank; each is a CHECK comment in it.
    item_warnings: tuple[Problem, ...] = ()

    @property
    def unattributed(self) -> tuple[Attributed, ...]:
        return tuple(r for r in self.results if r.speaker is None)

    @property
    def unsure(self) -> tuple[Attributed, ...]:
        return tuple(r for r in self.results if r.speaker is not None and r.note)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _source_for(article: Article, bank_path: Path) -> tuple[Path, bytes | None]:
    """An article already in the bank's folder is cited where it is; otherwise a copy is made
    (as plain text, so that every evidence passage can be found in it)."""
    folder = bank_path.parent
    if article.kind == "text" and _inside(article.path, folder):
        return article.path.resolve(), None
    if article.kind == "text":
        content = article.path.read_bytes()
    else:
        content = article.plain_text().encode("utf-8")
    return folder / SOURCES_DIR / f"{article.path.stem}.txt", content


def make_draft(article_path: Path, bank_path: Path, bank_id: str | None = None) -> Draft:
    """Raises ArticleError when the article cannot be read."""
    article = read_article(article_path)
    paragraphs = list(article.paragraphs)
    people = find_people(paragraphs)
    quotes = find_quotes(paragraphs)
    results = tuple(attribute(quotes, paragraphs, people))
    source_path, source_bytes = _source_for(article, bank_path)
    relative = source_path.resolve().relative_to(bank_path.parent.resolve()).as_posix()
    header = BankHeader(
        id=bank_id or slug(article.title)[:60].rstrip("-") or "draft",
        title=article.title,
        source_title=article.title,
        source_file=relative,
        tags=article.hashtags,
        schema=SCHEMA_URL,
    )
    found = find_positions(article, people)
    used = _used(people, results)
    used.update({k: people[k] for k in found.holders.found if k in people and k not in used})
    text = render(header, article, used, results, found)
    return Draft(text, source_path, source_bytes, article, people, results, found)


def _used(people: dict[str, Person], results: tuple[Attributed, ...]) -> dict[str, Person]:
    """Everyone named, except unnamed spokespersons nobody quoted (they only clutter choices)."""
    speakers = {r.speaker for r in results}
    return {k: p for k, p in people.items() if p.mentions or k in speakers}
