"""Drafts of the other kinds from facts an article states: matching people to the titles it
gives them, cloze items on its numbers, dates and places, and true/false statements whose
false variant changes one checkable detail.

Every item is built from one sentence of the article, kept verbatim as its evidence; the
false variant swaps one detail for another of the same kind that the article itself names (a
number for another of its numbers, a place for another of its places), so it can be checked
against the article and never leans on an absolute word ("always", "never") to be false.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from studyapp.authoring.article import Article
from studyapp.authoring.cues import COUNTRY_NAMES
from studyapp.authoring.people import Person
from studyapp.authoring.sentences import Sentence, sentences
from studyapp.authoring.yamltext import comment, scalar

DRAFT_TAG = "draft"
MAX_CLOZE = 3
MAX_TRUE_FALSE = 3
MIN_PAIRS = 3
MAX_PAIRS = 6
MAX_SENTENCE = 220  # a fact in a longer sentence is hard to read as one item

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Details a reader can check against the article, by kind.
_DETAILS: dict[str, re.Pattern[str]] = {
    "money": re.compile(
        r"(?:[$£€]\s?\d[\d,.]*(?:\s?(?:billion|million|trillion|bn|m)\b)?|"
        r"\d[\d,.]*\s(?:billion|million)\s(?:dollars|pounds|euros))"
    ),
    "percent": re.compile(
        r"\b(?:\d[\d.]*|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty)"
        r"\s?(?:%|per\s?cent\b|percent\b)"
    ),
    "date": re.compile(
        rf"\b(?:{_MONTHS})\s+\d{{1,2}}(?:,\s+\d{{4}})?\b|\b\d{{1,2}}\s+(?:{_MONTHS})\b"
    ),
    "year": re.compile(r"\b(?:19|20)\d{2}\b"),
    "count": re.compile(r"\b\d{1,3}(?:,\d{3})*\b"),
}
_PLACE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(n) for n in sorted(COUNTRY_NAMES, key=len, reverse=True) if len(n) > 3)
    + r")(?![\w])"
)


@dataclass(frozen=True, slots=True)
class Detail:
    kind: str
    text: str
    start: int  # offset in the sentence
    end: int


def _details(s: Sentence) -> list[Detail]:
    """The checkable details of a sentence, widest kinds first, none overlapping."""
    out: list[Detail] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DETAILS.items():
        for m in pattern.finditer(s.text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(
                Detail(kind, m.group(0).strip(), m.start(), m.start() + len(m.group(0).strip()))
            )
    for m in _PLACE.finditer(s.text):
        if not any(m.start() < b and a < m.end() for a, b in taken):
            taken.append((m.start(), m.end()))
            out.append(Detail("place", m.group(0), m.start(), m.end()))
    return sorted(out, key=lambda d: d.start)


def _plain(s: Sentence) -> bool:
    """A sentence fit to ask about: a statement of the reporter's, not a quotation, a heading
    or a run-on paragraph."""
    text = s.text
    return (
        not s.heading
        and 40 <= len(text) <= MAX_SENTENCE
        and not re.search(r"[\"“”‘’]", text.replace("’s", "").replace("’t", ""))
        and text.rstrip().endswith((".", "!"))
        and "?" not in text
        # A sentence that leans on the one before ("Instead, he …") says too little alone.
        and not re.match(
            r"(?:He|She|It|They|This|That|These|Those|Instead|However|But|Also)\b", text
        )
    )


def _facts(all_sentences: list[Sentence]) -> list[tuple[Sentence, Detail]]:
    """(sentence, detail) pairs, at most one per sentence, in article order: the first
    number-like detail of each plain sentence, else its first place."""
    out = []
    seen: set[str] = set()
    for s in all_sentences:
        if not _plain(s):
            continue
        found = _details(s)
        numeric = [d for d in found if d.kind != "place" and d.kind != "count"]
        counts = [d for d in found if d.kind == "count" and not re.fullmatch(r"0|1", d.text)]
        places = [d for d in found if d.kind == "place"]
        choices = [d for d in numeric or counts or places if d.text not in seen]
        if choices:
            seen.add(choices[0].text)  # one item per detail: "Ukraine" is asked once
            out.append((s, choices[0]))
    return out


def _id(prefix: str, text: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())[:5]
    base = "-".join([prefix, *words])[:56].rstrip("-")
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _line(article: Article, s: Sentence) -> int:
    return article.paragraphs[s.paragraph].line


def cloze_questions(
    article: Article, facts: list[tuple[Sentence, Detail]], taken: set[str]
) -> list[str]:
    out: list[str] = []
    # Numbers and dates only: a place is named across the article, so its blank would be
    # answered by other questions' text.
    for s, d in [f for f in facts if f[1].kind != "place"][:MAX_CLOZE]:
        text = s.text[: d.start] + "{{" + d.text + "}}" + s.text[d.end :]
        if "{" in s.text or "}" in s.text:
            continue  # the article's own braces would read as blanks
        out.append("")
        out += comment(f"article line {_line(article, s)}; the blank is a {d.kind} it states", 2)
        out.append(f"  - id: {_id('cloze', d.text + ' ' + s.text, taken)}")
        out.append("    type: cloze")
        out.append(f"    text: {scalar(text, 4)}")
        out.append(f"    evidence: {scalar(s.text, 4)}")
        out += ["    tags:", f"      - {DRAFT_TAG}"]
    return out


def _swap(facts: list[tuple[Sentence, Detail]], s: Sentence, d: Detail) -> str | None:
    """Another detail of the same kind the article states elsewhere, to make the false variant:
    one checkable change, taken from the article so it is plausible."""
    for other_s, _ in facts:
        for other in _details(other_s):
            if other.kind == d.kind and other.text != d.text and other.text not in s.text:
                return other.text
    return None


def true_false_questions(
    article: Article, facts: list[tuple[Sentence, Detail]], taken: set[str]
) -> list[str]:
    """False statements: a fact's sentence with one detail swapped for another of the article's.
    A true statement would be the article's own words, which the item-writing checks rightly
    flag (a learner should recognise the fact, not the sentence), so true ones are left to the
    instructor to put in other words."""
    out: list[str] = []
    for s, d in facts:
        if sum(1 for row in out if row.startswith("  - id: ")) >= MAX_TRUE_FALSE:
            break
        other = _swap(facts, s, d)
        if other is None:
            continue
        statement = s.text[: d.start] + other + s.text[d.end :]
        out.append("")
        line = _line(article, s)
        out += comment(f"article line {line}; false variant: {d.text} changed to {other}", 2)
        out.append(f"  - id: {_id('tf', s.text, taken)}")
        out.append("    type: true_false")
        out.append(f"    statement: {scalar(statement, 4)}")
        out.append("    answer: false")
        why = f"The article gives {d.text}, not {other}."
        out.append(f"    explanation: {scalar(why, 4)}")
        out.append(f"    evidence: {scalar(s.text, 4)}")
        out += ["    tags:", f"      - {DRAFT_TAG}"]
    return out


def _titled(text: str, person: Person) -> tuple[str, str] | None:
    """The title the article puts next to a person's name, and the words that show it: "French
    President Emmanuel Macron", or "Emmanuel Macron, the French president,"."""
    if not person.role:
        return None
    for form in (f"{person.role} {person.name}", f"{person.name}, {person.role}"):
        if form in text:
            return person.role, form
    return None


def matching_question(article: Article, people: dict[str, Person], taken: set[str]) -> list[str]:
    text = "\n".join(p.text for p in article.paragraphs)
    pairs = [(p, t) for p in people.values() if (t := _titled(text, p)) is not None]
    titles = [t[0].lower() for _, t in pairs]
    # Two people with one title cannot be told apart by it.
    pairs = [(p, t) for p, t in pairs if titles.count(t[0].lower()) == 1][:MAX_PAIRS]
    if len(pairs) < MIN_PAIRS:
        return []
    out = [""]
    out += comment("each pair is a name and the title the article gives it, as printed", 2)
    out.append(f"  - id: {_id('match', 'people roles', taken)}")
    out.append("    type: matching")
    out.append("    prompt: Match each person named in the article to the title it gives them.")
    out.append("    pairs:")
    for person, (role, _form) in pairs:
        out.append(f"      - - {scalar(person.name, 10)}")
        out.append(f"        - {scalar(role, 10)}")
    out.append("    evidence:")
    out += [f"      - {scalar(form, 8)}" for _p, (_r, form) in pairs]
    out += ["    tags:", f"      - {DRAFT_TAG}"]
    return out


# Heads of a name that names an organisation: "the US Federal Trade Commission".
_ORG_HEADS = (
    "Commission|Council|Committee|Company|Corporation|Corp|Inc|Ltd|Union|Association|Party|"
    "Bank|Agency|Authority|Ministry|Department|Board|Federation|Institute|Organisation|"
    "Organization|Service|Office|Court|Parliament|Assembly|Senate|Congress|Group|Foundation"
)
# A sentence that opens on an organisation's name and goes straight on to its verb: the name is
# the answer of "Which organisation <verb> …?", the rest of the sentence its prompt.
_ORG_SUBJECT = re.compile(
    r"^(?:The\s+)?(?P<name>(?:[A-Z][\w.&’'-]*\s+){0,6}?(?:"
    + _ORG_HEADS
    + r")\b\.?)(?:\s+\((?P<short>[A-Z][A-Za-z&.]{1,9})\))?\s+"
    r"(?P<rest>(?:has|have|had|is|was|will|would|said|says|announced|agreed|voted|"
    r"[a-z]+ed)\b[^.?!]{12,}?)\.$"
)
MAX_SHORT_ANSWER = 3


def _named_subject(text: str, names: list[str]) -> re.Match[str] | None:
    """The sentence opening on one of the organisations' names and going on to its verb."""
    for name in sorted(names, key=len, reverse=True):
        form = re.compile(
            r"^(?:The\s+)?(?P<name>"
            + re.escape(name)
            + r")(?:\s+\((?P<short>[A-Z][A-Za-z&.]{1,9})\))?"
            r"\s+(?P<rest>(?:has|have|had|is|was|will|would|said|says|announced|agreed|voted|"
            r"[a-z]+ed)\b[^.?!]{12,}?)\.$"
        )
        m = form.match(text)
        if m is not None:
            return m
    return _ORG_SUBJECT.match(text)


def short_answer_questions(
    article: Article, taken: set[str], shown: Callable[[], str], names: list[str] | None = None
) -> list[str]:
    """Short answers on the organisations an article names as the subject of a plain sentence:
    "Which organisation has dropped its opposition to …?", answered by the name as printed
    (and its short form, where the article gives one). The prompt keeps the article's words
    after the name, so the answer stands in the evidence and nowhere in the prompt; a name the
    draft already shows (`shown()`, what the questions written before show) is not asked, as
    the other question would give it away."""
    seen: str | None = None  # read only when a sentence is a candidate: reading costs
    out: list[str] = []
    asked: set[str] = set()
    for s in sentences(article.paragraphs):
        if len(asked) >= MAX_SHORT_ANSWER:
            break
        if not _plain(s):
            continue
        m = _named_subject(s.text.strip(), names or [])
        if m is None:
            continue
        name = " ".join(m.group("name").split()).rstrip(".")
        short = m.group("short")
        rest = " ".join(m.group("rest").split())
        words = set(re.findall(r"\w+", name.lower()))
        seen = shown().lower() if seen is None else seen
        if name.lower() in seen or (short and short.lower() in seen):
            continue
        if name.lower() in asked or words & set(re.findall(r"\w+", rest.lower())) - _SMALL:
            continue  # asked already, or the prompt would give the name away
        asked.add(name.lower())
        answers = [name] + ([short] if short and short.lower() not in rest.lower() else [])
        out.append("")
        out += comment(
            f"article line {_line(article, s)}; the answer is the organisation it names", 2
        )
        out.append(f"  - id: {_id('who', name, taken)}")
        out.append("    type: short_answer")
        out.append(f"    prompt: {scalar(f'Which organisation {rest}?', 4)}")
        out.append("    answers:")
        out += [f"      - {scalar(a, 8)}" for a in answers]
        out.append(f"    evidence: {scalar(s.text, 4)}")
        out += ["    tags:", f"      - {DRAFT_TAG}"]
    return out


_SMALL = frozenset(["the", "of", "and", "for", "us", "uk", "a", "an", "in", "on", "to"])


def fact_questions(article: Article, people: dict[str, Person], taken: set[str]) -> list[str]:
    facts = _facts(sentences(article.paragraphs))
    return (
        matching_question(article, people, taken)
        + cloze_questions(article, facts, taken)
        + true_false_questions(article, facts, taken)
    )
