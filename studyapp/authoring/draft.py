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
from studyapp.printable import is_readable_name, readable_name

SOURCES_DIR = "sources"
# A draft asks about the first this many quotes; the rest are counted. An article rarely holds
# more than a hundred, and the cap keeps the bank within a stated size of its article (see
# writer.EVIDENCE_CONTEXT) and well inside what the loader accepts.
MAX_QUOTES = 1000


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
    quotes_left_out: int = 0  # quotes past MAX_QUOTES, not drafted

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
    (as plain text, so that every evidence passage can be found in it: also when characters
    were dropped from a plain-text article, whose original then holds text the bank does not)."""
    folder = bank_path.parent
    verbatim = article.kind == "text" and not article.dropped
    # A bank names its article's copy in UTF-8: an article whose name is not is copied.
    if verbatim and _inside(article.path, folder) and is_readable_name(str(article.path.resolve())):
        return article.path.resolve(), None
    content = article.path.read_bytes() if verbatim else article.plain_text().encode("utf-8")
    return folder / SOURCES_DIR / f"{readable_name(article.path.stem)}.txt", content


def make_draft(article_path: Path, bank_path: Path, bank_id: str | None = None) -> Draft:
    """Raises ArticleError when the article cannot be read."""
    article = read_article(article_path)
    paragraphs = list(article.paragraphs)
    people = find_people(paragraphs)
    quotes = find_quotes(paragraphs)
    left_out = max(0, len(quotes) - MAX_QUOTES)
    results = tuple(attribute(quotes[:MAX_QUOTES], paragraphs, people))
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
    return Draft(
        text,
        source_path,
        source_bytes,
        article,
        people,
        results,
        found,
        quotes_left_out=left_out,
    )


def _used(people: dict[str, Person], results: tuple[Attributed, ...]) -> dict[str, Person]:
    """Everyone named, except unnamed spokespersons nobody quoted (they only clutter choices)."""
    speakers = {r.speaker for r in results}
    return {k: p for k, p in people.items() if p.mentions or k in speakers}
