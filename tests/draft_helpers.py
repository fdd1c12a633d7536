"""Helpers for the authoring tests: the real command in a subprocess, test articles and their
answer keys."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from conftest import REPO, SHARED

from studyapp.authoring.article import parse_article
from studyapp.authoring.people import find_people
from studyapp.authoring.quotes import find_quotes
from studyapp.authoring.speakers import Attributed, attribute

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
BUNDLED_NAME = "us-withdraws-security-promises-for-ukraine.txt"


def speakers(text: str) -> tuple[list[Attributed], dict[str, str]]:
    """The article's quotes as attributed, and the people found: their ids and names."""
    article = parse_article(text, Path("speakers.txt"))
    paragraphs = list(article.paragraphs)
    people = find_people(paragraphs)
    results = attribute(find_quotes(paragraphs), paragraphs, people)
    return results, {ident: person.name for ident, person in people.items()}


def bundled_article() -> Path | None:
    """The bundled article: beside the bundled bank once it ships there, else the shared copy."""
    for path in (REPO / "questions" / "sources" / BUNDLED_NAME, SHARED / "sources" / BUNDLED_NAME):
        if path.is_file():
            return path
    return None


def studyapp(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


@dataclass(frozen=True)
class Gold:
    article: Path
    people: dict[str, dict[str, str]]
    quotes: list[dict[str, str]]  # {starts, speaker}


def gold_articles() -> list[Gold]:
    out = []
    for key in sorted(ARTICLES.glob("*.gold.yaml")):
        stem = key.name.removesuffix(".gold.yaml")
        (article,) = [p for p in ARTICLES.glob(stem + ".*") if p != key]
        data = yaml.safe_load(key.read_text(encoding="utf-8"))
        out.append(Gold(article, data["people"], data["quotes"]))
    return out
