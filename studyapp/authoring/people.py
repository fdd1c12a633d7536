"""The people an article names, with the role it gives them, and where each is mentioned.

"French President Emmanuel Macron" gives the name Emmanuel Macron and the role French President;
"Kaja Kallas, the EU's foreign policy chief," gives the role from the apposition. A run of
capitalised words counts as a person only with some sign of it: a role, an honorific, a verb of
speech beside it, or a second mention. Later mentions by surname alone are tied back to them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from studyapp.authoring.article import Paragraph
from studyapp.authoring.lexicon import (
    HEAD_TITLES,
    HONORIFICS,
    NATIONALITIES,
    NOT_NAMES,
    ORG_WORDS,
    ROLE_FILLERS,
    SPEECH_VERBS,
    TITLE_WORDS,
)

_TOKEN = re.compile(r"[^\W\d_](?:[\w\-.]|[’'](?=\w))*")
_POSSESSIVE = re.compile(r"[’']s$")
_PARTICLES = frozenset(["de", "van", "von", "der", "da", "al", "bin", "la", "le", "du", "di"])
_APPOSITION = re.compile(r"^,\s+(?:the\s+|a\s+|an\s+)?([^,.;:“”\"«»]{3,80}?),")
MAX_NAME_TOKENS = 4
_LINKS = frozenset(["of", "the", "for", "and"])
# Letters that Unicode does not split into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d"}
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def base(self) -> str:
        return _POSSESSIVE.sub("", self.text).rstrip(".")

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def possessive(self) -> bool:
        return bool(_POSSESSIVE.search(self.text))


@dataclass(slots=True)
class Person:
    id: str
    name: str
    role: str = ""
    evidence: int = 0  # signs that the name is a person's (role, honorific, speech verb)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass(frozen=True, slots=True)
class Mention:
    paragraph: int
    start: int
    end: int
    person: str  # Person.id


def tokens(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        # A sentence's full stop is not part of its last word; "Mr." and "U.S." keep theirs.
        if word.endswith(".") and word.lower() not in HONORIFICS and word.count(".") == 1:
            word = word[:-1]
        out.append(Token(word, m.start(), m.start() + len(word)))
    return out


def slug(text: str) -> str:
    text = re.sub(r"[’']", "", text).translate(_UNDECOMPOSED)
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "person"


def _name_word(token: Token) -> bool:
    return (
        token.capitalised
        and token.base.lower() not in NOT_NAMES
        and len(token.base) > 1
        and not token.base.isupper()  # acronyms (NATO, EU) are not names
        and "." not in token.base
    )


def _adjacent(text: str, left: Token, right: Token) -> bool:
    return text[left.end : right.start] == " "


def _role_before(text: str, toks: list[Token], first: int) -> str:
    """The title words written just before a name, as the article writes them."""
    i = first
    while i > 0 and _adjacent(text, toks[i - 1], toks[i]):
        word = toks[i - 1]
        lower = word.base.lower()
        role_word = lower in TITLE_WORDS | NATIONALITIES | ORG_WORDS | ROLE_FILLERS
        if not (role_word or (word.possessive and word.capitalised)):
            break
        i -= 1
    while i < first and toks[i].base.lower() in _LINKS:
        i += 1
    words = [t.base.lower() for t in toks[i:first]]
    if not any(w in HEAD_TITLES for w in words):
        return ""
    return text[toks[i].start : toks[first - 1].end]


def _apposition_after(text: str, end: int) -> str:
    m = _APPOSITION.match(text[end:])
    if not m:
        return ""
    words = [w.lower().strip("’'s") for w in m.group(1).split()]
    return m.group(1).strip() if any(w in HEAD_TITLES for w in words) else ""


def _speech_beside(text: str, toks: list[Token], first: int, last: int) -> bool:
    """A verb of speech right after the name ("Peskov said") or right before ("said Peskov")."""
    if (
        last + 1 < len(toks)
        and _adjacent(text, toks[last], toks[last + 1])
        and toks[last + 1].base.lower() in SPEECH_VERBS
    ):
        return True
    if first > 0 and text[toks[first - 1].end : toks[first].start] in {" ", ", "}:
        return toks[first - 1].base.lower() in SPEECH_VERBS
    return False


def _candidates(text: str) -> list[tuple[str, str, int, int, int]]:
    """(name, role, evidence, start, end) for each full name written in one paragraph."""
    toks = tokens(text)
    found = []
    i = 0
    while i < len(toks):
        if not _name_word(toks[i]) or toks[i].possessive:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(toks)
            and j - i + 1 < MAX_NAME_TOKENS
            and not toks[j].possessive
            and _adjacent(text, toks[j], toks[j + 1])
            and (_name_word(toks[j + 1]) or toks[j + 1].text in _PARTICLES)
        ):
            j += 1
        while j > i and toks[j].text in _PARTICLES:
            j -= 1
        if j > i:
            name = " ".join(t.base for t in toks[i : j + 1])
            role = _role_before(text, toks, i)
            end = toks[j].end
            apposition = "" if role else _apposition_after(text, end)
            honorific = i > 0 and toks[i - 1].text.lower() in HONORIFICS
            evidence = bool(role or apposition) + honorific + _speech_beside(text, toks, i, j)
            found.append((name, role or apposition, evidence, toks[i].start, end))
        i = j + 1
    return found


def _ids(names: list[str]) -> dict[str, str]:
    """Surname slugs where they are unique, full-name slugs where two people share one."""
    surnames = [slug(n.split()[-1]) for n in names]
    return {
        n: (s if surnames.count(s) == 1 else slug(n)) for n, s in zip(names, surnames, strict=True)
    }


def find_people(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> dict[str, Person]:
    """The people of the article in order of first mention, keyed by actor id."""
    seen: dict[str, Person] = {}
    for p in paragraphs:
        if p.heading:
            continue
        for name, role, evidence, _, _ in _candidates(p.text):
            person = seen.setdefault(name, Person("", name))
            person.role = person.role or role
            person.evidence += evidence
    # A lone surname beside a verb of speech ("Peskov said") names a person too.
    full_surnames = {n.split()[-1] for n in seen}
    for p in paragraphs:
        if p.heading:
            continue
        toks = tokens(p.text)
        for k, tok in enumerate(toks):
            if (
                _name_word(tok)
                and not tok.possessive
                and tok.base not in full_surnames
                and _speech_beside(p.text, toks, k, k)
            ):
                prev = toks[k - 1] if k else None
                if prev and prev.capitalised and _adjacent(p.text, prev, tok):
                    continue  # part of a longer capitalised run
                person = seen.setdefault(tok.base, Person("", tok.base))
                person.evidence += 1
    people = list(seen.values())
    _collect_mentions(paragraphs, people)
    kept = [
        person for person in people if person.evidence or len(person.mentions) > 1 or person.role
    ]
    ids = _ids([person.name for person in kept])
    result: dict[str, Person] = {}
    for person in kept:
        person.id = ids[person.name]
        person.mentions = [Mention(m.paragraph, m.start, m.end, person.id) for m in person.mentions]
        result[person.id] = person
    return result


def _collect_mentions(
    paragraphs: tuple[Paragraph, ...] | list[Paragraph], people: list[Person]
) -> None:
    by_full = {person.name: person for person in people}
    surname_count: dict[str, int] = {}
    for person in people:
        surname_count[person.surname] = surname_count.get(person.surname, 0) + 1
    by_surname = {person.surname: person for person in people if surname_count[person.surname] == 1}
    for index, p in enumerate(paragraphs):
        if p.heading:
            continue
        text = p.text
        taken: list[tuple[int, int]] = []
        for name, person in sorted(by_full.items(), key=lambda kv: -len(kv[0])):
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if not any(s <= m.start() < e for s, e in taken):
                    person.mentions.append(Mention(index, m.start(), m.end(), ""))
                    taken.append((m.start(), m.end()))
        for tok in tokens(text):
            person_or_none = by_surname.get(tok.base)
            if person_or_none is None or any(s <= tok.start < e for s, e in taken):
                continue
            person_or_none.mentions.append(Mention(index, tok.start, tok.end, ""))
    for person in people:
        person.mentions.sort(key=lambda m: (m.paragraph, m.start))
