"""How well drafting finds quotes and their speakers, over articles with answer keys.

Each test article in tests/data/articles has a key (*.gold.yaml) written by reading it: every
direct quote and who said it. energy-summit.txt was written after the rules were settled; its
first run is reported in docs/authoring.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from draft_helpers import Gold, bundled_article, gold_articles

from studyapp.authoring.article import read_article
from studyapp.authoring.people import find_people
from studyapp.authoring.quotes import find_quotes
from studyapp.authoring.speakers import attribute

QUOTE_FLOOR = 0.9
ATTRIBUTION_FLOOR = 0.85


@dataclass
class Tally:
    expected: int = 0
    found: int = 0  # quotes the rules reported
    found_right: int = 0  # of those, quotes in the key
    attributed: int = 0  # quotes in the key given a speaker
    attributed_right: int = 0


def _score(gold: Gold, tally: Tally) -> None:
    article = read_article(gold.article)
    paragraphs = list(article.paragraphs)
    quotes = find_quotes(paragraphs)
    results = attribute(quotes, paragraphs, find_people(paragraphs))
    tally.expected += len(gold.quotes)
    tally.found += len(results)
    for result in results:
        key = [g for g in gold.quotes if result.quote.text.startswith(g["starts"])]
        if not key:
            continue
        tally.found_right += 1
        if result.speaker is not None:
            tally.attributed += 1
            tally.attributed_right += result.speaker == key[0]["speaker"]


def _bundled_gold() -> list[Gold]:
    path = bundled_article()
    if path is None:
        return []
    openings = [
        "It’s a great deal",
        "Nobody’s going",
        "NATO—you can forget",
        "I think that’s",
        "We’re going to do",
        "He’s a very smart guy",
        "If I didn’t get elected",
    ]
    return [Gold(path, {}, [{"starts": o, "speaker": "trump"} for o in openings])]


def test_precision_and_recall_meet_their_floors() -> None:
    tally = Tally()
    for gold in [*gold_articles(), *_bundled_gold()]:
        _score(gold, tally)
    figures = {
        "quote precision": tally.found_right / tally.found,
        "quote recall": tally.found_right / tally.expected,
        "attribution precision": tally.attributed_right / tally.attributed,
        "attribution recall": tally.attributed_right / tally.expected,
    }
    for name, value in figures.items():
        floor = QUOTE_FLOOR if name.startswith("quote") else ATTRIBUTION_FLOOR
        verdict = "meets" if value >= floor else "BELOW"
        print(f"{name}: {value:.3f} (floor {floor}) {verdict}; {tally.expected} quotes in keys")
    assert tally.expected >= 30
    assert figures["quote precision"] >= QUOTE_FLOOR
    assert figures["quote recall"] >= QUOTE_FLOOR
    assert figures["attribution precision"] >= ATTRIBUTION_FLOOR
    assert figures["attribution recall"] >= ATTRIBUTION_FLOOR


def test_people_in_each_key_are_found_with_their_name_and_role() -> None:
    for gold in gold_articles():
        people = find_people(list(read_article(gold.article).paragraphs))
        for ident, expected in gold.people.items():
            assert ident in people, f"{gold.article.name}: {ident} not found"
            found = people[ident]
            assert (found.name, found.role) == (expected["name"], expected["role"]), ident
