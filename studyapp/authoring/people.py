"""The people an article names, with the role it gives them, and where each is mentioned.

"French President Emmanuel Macron" gives the name Emmanuel Macron and the role French President;
"Kaja Kallas, the EU's foreign policy chief," gives the role from the apposition. A run of
capitalised words counts as a person only with some sign of it: a role, an honorific, a verb of
speech beside it, or a second mention. Later mentions by surname alone are tied back to them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from studyapp.authoring.article import Paragraph
from studyapp.authoring.lexicon import (
    BODY_TAILS,
    HEAD_TITLES,
    HONORIFICS,
    NATIONALITIES,
    NOT_NAMES,
    ORG_WORDS,
    PERSON_NOUNS,
    ROLE_FILLERS,
    SPEECH_VERBS,
    TITLE_WORDS,
)

_TOKEN = re.compile(r"[^\W\d_](?:[\w\-.]|[’'](?=\w))*")
_POSSESSIVE = re.compile(r"[’']s$")
_PARTICLES = frozenset(["de", "van", "von", "der", "da", "al", "bin", "la", "le", "du", "di"])
# Matched at an offset (no slice of the rest of the paragraph for every name).
# "Craig Tiley, chief executive of Tennis Australia -- the organising body …": a dash closes
# an apposition as a comma does.
_APPOSITION = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?([^,.;:“”\"«»]{3,120}?)(?:,|\s+(?:--|[—–])\s)")
MAX_NAME_TOKENS = 4
_SHORT_BODY = re.compile(r"[A-Z]{2}[a-z]")
# "Michael Havlin, a graduate student at the university, told reporters": a verb of speech
# after the apposition is a sign of a person as much as one beside the name.
_APPOSED_SPEECH = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)([^,.;:“”\"«»]{3,120}?),\s+(?:\w+ly\s+)?(?P<verb>\w+)\b"
)
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
    # "the league said": a body quoted as a person is, drafted as an actor of its kind.
    kind: str = "person"  # one of model.ACTOR_KINDS

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
        # "UMass", "NYPost": two capitals before the lower case letters spell a body's short
        # name; a person's ("McDonald", "DeSantis") has a lower case letter between them.
        and not _SHORT_BODY.match(token.base)
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
    m = _APPOSITION.match(text, end)
    if not m:
        return ""
    # The possessive off ("Ukraine's"), not every leading or trailing "s" ("spokesperson").
    words = [re.sub(r"[’']s$", "", w.lower()) for w in m.group(1).split()]
    return m.group(1).strip() if any(w in HEAD_TITLES | PERSON_NOUNS for w in words) else ""


def _speech_beside(text: str, toks: list[Token], first: int, last: int) -> bool:
    """A verb of speech right after the name ("Peskov said") or right before ("said Peskov")."""
    if (
        last + 1 < len(toks)
        and _adjacent(text, toks[last], toks[last + 1])
        and toks[last + 1].base.lower() in SPEECH_VERBS
    ):
        return True
    # "Gwyneth Williams has since confirmed": an auxiliary and an adverb between.
    if re.match(
        r" (?:has|had|have)\s+(?:(?:since|also|now|already|later)\s+)?(\w+)",
        text[toks[last].end : toks[last].end + 40],
    ):
        verb = re.match(
            r" \w+\s+(?:(?:since|also|now|already|later)\s+)?(\w+)", text[toks[last].end :]
        )
        if verb and verb.group(1).lower() in SPEECH_VERBS:
            return True
    if first > 0 and text[toks[first - 1].end : toks[first].start] in {" ", ", "}:
        # "said Mission High senior Ella Moaz": a run of capitals that a lower-case word
        # follows describes the speaker; it is not the speaker.
        if re.match(r" [a-z]", text[toks[last].end : toks[last].end + 2]):
            return False
        return toks[first - 1].base.lower() in SPEECH_VERBS
    return False


# "said parent Courtney Collier", "said UC Davis Professor of Law Ash Bhagwat": a speech verb,
# a few words that describe, and the name, which ends the clause.
_SAID_DESCRIBED = re.compile(r"\b(?:said|says|added|told)\s+((?:[\w.’'-]+\s+){1,6})$")


_TITLE_COMMA = re.compile(
    r"(?:^|(?<=[.;]\s))((?:[A-Z][\w’'-]*\s+){0,3}[A-Z][a-z]+|"
    # "Her deputy, Tom Reed,": a role in lower case after whose it is.
    r"(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he)\s+(?:[a-z-]+\s+){0,2}[a-z-]+),\s+$"
)


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
        following = toks[j + 1] if j + 1 < len(toks) else None
        if (
            j > i
            and following is not None
            and _adjacent(text, toks[j], following)
            and following.capitalised
            and following.base.lower() in ORG_WORDS | BODY_TAILS
        ):
            i = j + 2  # "American Civil Liberties Union": the run is part of a body's name
            continue
        if j > i and toks[j].base.lower() in BODY_TAILS:
            i = j + 1  # "Fox Sports said": a body's name, not a person's
            continue
        if j > i:
            name = " ".join(t.base for t in toks[i : j + 1])
            role = _role_before(text, toks, i)
            end = toks[j].end
            apposition = "" if role else _apposition_after(text, end)
            if not role and text[end : end + 1] == ",":
                # "EAF President, Bisrat Tirfe, told …": the title set off before the name.
                titled = _TITLE_COMMA.search(text, max(0, toks[i].start - 60), toks[i].start)
                if titled and any(w.lower() in TITLE_WORDS for w in titled.group(1).split()):
                    role = re.sub(
                        r"^(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he)\s+", "", titled.group(1)
                    )
            apposed = _APPOSED_SPEECH.match(text, end)
            if apposed and apposed.group("verb").lower() in SPEECH_VERBS:
                apposition = apposition or apposed.group(1).strip()
            described = _SAID_DESCRIBED.search(text, max(0, toks[i].start - 80), toks[i].start)
            if described and re.match(r"[,.;]|$", text[end : end + 1]) and not role:
                apposition = apposition or described.group(1).strip()
            honorific = i > 0 and toks[i - 1].text.lower() in HONORIFICS
            # "Colleen Powell also has kids in the district. She told the board …": a name
            # that opens a sentence and is the "he" or "she" of the next one is a person's.
            opens = toks[i].start == 0 or text[max(0, toks[i].start - 2) : toks[i].start] == ". "
            stop = text.find(". ", end)
            if opens and stop != -1 and re.match(r"(?:He|She)\s", text[stop + 2 : stop + 6]):
                honorific = True
            evidence = bool(role or apposition) + honorific + _speech_beside(text, toks, i, j)
            found.append((name, role or apposition, evidence, toks[i].start, end))
        i = j + 1
    return found


def _ids(names: list[str]) -> dict[str, str]:
    """Surname slugs where they are unique, full-name slugs where two people share one."""
    surnames = [slug(n.split()[-1]) for n in names]
    count = Counter(surnames)
    return {n: (s if count[s] == 1 else slug(n)) for n, s in zip(names, surnames, strict=True)}


# First words of place names that look like a person's first name beside a verb of speech.
_PLACE_STARTS = frozenset(["Los", "Las", "San", "Santa", "Fort", "Port", "Mount", "Lake", "Saint"])


# Titles only a person holds, before a lone name ("General Mills", "Chief Executive" are not).
_LONE_TITLES = frozenset(
    [
        "mayor",
        "councilmember",
        "councilman",
        "councilwoman",
        "councillor",
        "councilor",
        "senator",
        "governor",
        "president",
        "minister",
        "secretary",
        "ambassador",
        "commissioner",
        "representative",
        "congressman",
        "congresswoman",
        "chairman",
        "chairwoman",
        "judge",
        "sen",
        "rep",
        "gov",
    ]
)


def find_people(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> dict[str, Person]:
    """The people of the article in order of first mention, keyed by actor id."""
    seen: dict[str, Person] = {}
    for p in paragraphs:
        if p.heading:
            continue
        for name, role, evidence, _, _ in _candidates(p.text):
            if name.split()[0] in _PLACE_STARTS:
                continue  # "said in Los Angeles": a city, not a person
            person = seen.setdefault(name, Person("", name))
            person.role = person.role or role
            person.evidence += evidence
    # A lone surname beside a verb of speech ("Peskov said") names a person too.
    full_surnames = {n.split()[-1] for n in seen}
    # So does one written after a title ("Councilmember Dave, who …", "Mayor Stevens voted").
    for p in paragraphs:
        if p.heading:
            continue
        toks = tokens(p.text)
        for k in range(1, len(toks)):
            tok, title = toks[k], toks[k - 1]
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if (
                title.capitalised
                and title.base.lower() in _LONE_TITLES
                and _adjacent(p.text, title, tok)
                and _name_word(tok)
                and not tok.possessive
                and tok.base not in full_surnames
                and not (nxt and nxt.capitalised and _adjacent(p.text, tok, nxt))
                and not (
                    k > 1 and toks[k - 2].capitalised and _adjacent(p.text, toks[k - 2], title)
                )
            ):
                person = seen.setdefault(tok.base, Person("", tok.base))
                person.role = person.role or title.base
                person.evidence += 1
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
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if nxt and nxt.capitalised and _adjacent(p.text, tok, nxt):
                    continue  # "said Mission High senior …": the first word of a longer run
                person = seen.setdefault(tok.base, Person("", tok.base))
                person.evidence += 1
    people = list(seen.values())
    _collect_mentions(paragraphs, people)
    # Named again is a sign only when named again by surname alone, as a person is ("Brown"
    # after "Scott Brown"); a thing's name comes back whole ("Pride Tape", "Fox Sports").
    kept = [
        person
        for person in people
        if person.evidence
        or person.role
        or any(m.end - m.start < len(person.name) for m in person.mentions[1:])
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
    """Each person's mentions: full names first, longest first, then surnames alone.

    Names are looked up word by word in a tree of their words (a search per name per paragraph
    was quadratic: 20,000 names ran past 90 s), so each paragraph is read once, at most
    `_MAX_NAME_RUNS` words and gaps from each word that starts.
    """
    tree = _NameTree([p for p in people if len(p.name) <= MAX_NAME_CHARS])
    surname_count = Counter(person.surname for person in people)
    by_surname = {person.surname: person for person in people if surname_count[person.surname] == 1}
    for index, p in enumerate(paragraphs):
        if p.heading:
            continue
        text = p.text
        taken = bytearray(len(text) + 1)
        # At one place only the longest name counts: a shorter one starts inside it.
        found = sorted(tree.matches(text), key=lambda m: (-len(m[2].name), m[0]))
        for start, end, person in found:
            if not taken[start]:
                person.mentions.append(Mention(index, start, end, ""))
                taken[start:end] = b"\x01" * (end - start)
        for tok in tokens(text):
            person_or_none = by_surname.get(tok.base)
            if person_or_none is None or taken[tok.start]:
                continue
            person_or_none.mentions.append(Mention(index, tok.start, tok.end, ""))
    for person in people:
        person.mentions.sort(key=lambda m: (m.paragraph, m.start))


_RUN = re.compile(r"\w+|\W+")
_WORD = re.compile(r"\w+")
_WORD_START = re.compile(r"(?<!\w)\w")
# A name is a few words (MAX_NAME_TOKENS) of ordinary length; a longer one is not a person's.
MAX_NAME_CHARS = 120
_MAX_NAME_RUNS = 2 * MAX_NAME_TOKENS + 2


class _NameTree:
    """The names split into runs of word and non-word characters, as a tree of runs; a name
    matches where the text's runs from a word start spell it and a word does not go on."""

    def __init__(self, people: list[Person]) -> None:
        self.root: dict[str, Any] = {}
        for person in people:
            runs = _RUN.findall(person.name)
            if not runs or len(runs) > _MAX_NAME_RUNS or not _WORD.fullmatch(runs[-1]):
                continue
            node = self.root
            for run in runs:
                node = node.setdefault(run, {})
            node.setdefault("", person)  # the first person of a name, as a dict kept it

    def matches(self, text: str) -> list[tuple[int, int, Person]]:
        """(start, end, person) of the longest name that starts at each word start."""
        found = []
        for start in _WORD_START.finditer(text):
            at = start.start()
            node: dict[str, Any] | None = self.root
            best: tuple[int, int, Person] | None = None
            for run in _RUN.finditer(text, at):
                node = node.get(run.group()) if node is not None else None
                if node is None:
                    break
                person = node.get("")
                if person is not None:
                    best = (at, run.end(), person)
            if best is not None:
                found.append(best)
        return found
