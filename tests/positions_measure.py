"""Scoring drafted position shifts against a key (tests/data/positions/README.md).

A drafted shift is right when its actor and issue match a key shift and each of its ends has
the evidence the key names (or is implied by its cue, where the key allows that).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from studyapp.authoring.article import read_article
from studyapp.authoring.people import find_people
from studyapp.authoring.positions import End, Found, Shift, find_positions
from studyapp.authoring.quotes import find_quotes
from studyapp.authoring.speakers import attribute

KEYS = Path(__file__).resolve().parent / "data" / "positions"


@dataclass
class Tally:
    expected: int = 0  # key shifts that count for recall
    found: int = 0  # shifts drafted
    right: int = 0  # drafted shifts that match a key shift
    recalled: int = 0  # counted key shifts matched
    articles: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.expected if self.expected else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name}: {len(self.articles)} articles, {self.expected} shifts in keys, "
            f"{self.found} drafted; precision {self.precision:.2f} "
            f"({self.right}/{self.found}), recall {self.recall:.2f} "
            f"({self.recalled}/{self.expected})"
        )


def _end_matches(end: End, allowed: list[str], text: str) -> bool:
    if end.evidence not in text:
        return False  # evidence must be the article's own words
    if end.implied:
        return "implied" in allowed
    # str(): a key may name a bare number ("110"), which YAML reads as an int.
    return any(str(f).lower() in end.evidence.lower() for f in allowed if f != "implied")


def matches(shift: Shift, key: dict[str, object], found: Found, text: str) -> bool:
    holder = found.holders.holder(shift.actor)
    who = f"{holder.id} {holder.name}".lower().replace("-", " ")
    actors: list[str] = key["actor"]  # type: ignore[assignment]
    issues: list[str] = key["issue"]  # type: ignore[assignment]
    if not any(a.lower() in who for a in actors):
        return False
    if not any(i.lower() in shift.issue.lower() for i in issues):
        return False
    before: list[str] = key["before"]  # type: ignore[assignment]
    after: list[str] = key["after"]  # type: ignore[assignment]
    return _end_matches(shift.before, before, text) and _end_matches(shift.after, after, text)


def score(key_path: Path, article: Path, tally: Tally, report: list[str] | None = None) -> None:
    key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
    parsed = read_article(article)
    found = find_positions(parsed, find_people(list(parsed.paragraphs)))
    text = "\n".join(p.text for p in parsed.paragraphs)
    shifts: list[dict[str, object]] = key["shifts"]
    tally.articles.append(article.name)
    tally.expected += sum(1 for k in shifts if not k.get("optional"))
    tally.found += len(found.shifts)
    hit: set[int] = set()
    for shift in found.shifts:
        # A second draft of a shift already matched is a duplicate, not a right answer.
        which = [i for i, k in enumerate(shifts) if i not in hit and matches(shift, k, found, text)]
        tally.right += bool(which)
        hit.update(which[:1])
        if report is not None:
            mark = "right" if which else "WRONG (or a duplicate)"
            report.append(f"  {article.name}: {mark}: {shift.actor} on {shift.issue}")
    tally.recalled += sum(1 for i in hit if not shifts[i].get("optional"))
    if report is not None:
        for i, k in enumerate(shifts):
            if i not in hit and not k.get("optional"):
                actor, issue = k["actor"][0], k["issue"][0]  # type: ignore[index]
                report.append(f"  {article.name}: MISSED: {actor} on {issue}")


@dataclass
class QuoteTally:
    """Quotes found and attributed, against the `quotes:` of the keys that have them."""

    expected: int = 0
    found: int = 0
    found_right: int = 0
    attributed: int = 0
    attributed_right: int = 0

    def line(self, name: str) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.2f} ({a}/{b})" if b else "— (0/0)"

        return (
            f"{name} quotes: {self.expected} in keys, {self.found} found; precision "
            f"{ratio(self.found_right, self.found)}, recall "
            f"{ratio(self.found_right, self.expected)}; attribution precision "
            f"{ratio(self.attributed_right, self.attributed)}, recall "
            f"{ratio(self.attributed_right, self.expected)}"
        )


def score_quotes(
    key_path: Path, article: Path, tally: QuoteTally, report: list[str] | None = None
) -> None:
    """A found quote is right when it starts with a key's opening; its speaker is right when
    any word the key gives is in the speaker's id or name."""
    key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
    if "quotes" not in key:
        return
    parsed = read_article(article)
    paragraphs = list(parsed.paragraphs)
    people = find_people(paragraphs)
    results = attribute(find_quotes(paragraphs), paragraphs, people)
    gold: list[dict[str, object]] = key["quotes"] or []
    tally.expected += len(gold)
    tally.found += len(results)
    for result in results:
        which = [g for g in gold if result.quote.text.startswith(str(g["starts"]))]
        if not which:
            if report is not None:
                report.append(f"  {article.name}: quote not in key: {result.quote.text[:40]}")
            continue
        tally.found_right += 1
        if result.speaker is None:
            continue
        tally.attributed += 1
        name = people[result.speaker].name if result.speaker in people else ""
        who = f"{result.speaker} {name}".lower().replace("-", " ")
        words: list[str] = which[0]["speaker"]  # type: ignore[assignment]
        right = any(w.lower() in who for w in words)
        tally.attributed_right += right
        if report is not None and not right:
            opening = which[0]["starts"]
            report.append(f"  {article.name}: quote given to {result.speaker}: {opening}")
