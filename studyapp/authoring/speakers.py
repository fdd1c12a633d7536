"""Who said each quotation: the rules a careful reader applies, in order of how sure they are.

1. A speech clause right after the quote ("…,” Trump said / said the PM / he added).
2. A speech clause just before it in the same sentence (“Macron added: “…”", or a partial quote
   after "Starmer said the plan was").
3. The speaker of the quote before it in the same paragraph (the second half of a split quote).
4. A clause ending in a colon on the line before ("The PM said:").
5. An adjacent sentence with a speech clause; this and pronouns or titles that could mean more
   than one person are marked unsure, for the instructor to check.

"X said of Y" gives X as speaker and "on Y" as context. A spokesperson speaks in their own right:
"a Kremlin spokesperson said" becomes an actor of its own, never the person spoken for.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from studyapp.authoring.article import Paragraph
from studyapp.authoring.cues import ORG_HEADS
from studyapp.authoring.lexicon import (
    DESCRIBED,
    HEAD_TITLES,
    NATIONALITIES,
    NOT_NAMES,
    ORG_WORDS,
    ROLE_FILLERS,
    SOURCES,
    SPEECH_VERBS,
    SPOKES,
    TITLE_WORDS,
)
from studyapp.authoring.people import Mention, Person, slug
from studyapp.authoring.quotes import Quote

_VERB = r"(?:" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")\b"
_ADVERB = r"(?:(?:has|had|have|also|later|then|once|\w+ly)\s+){0,2}"
_CAP = r"[A-Z][\w’'\-]*"
# Unnamed sources who speak in their own right: "a Kremlin spokesperson", "a senior official".
_SOURCE_WORDS = r"spokes(?:man|woman|person)|official|diplomat|aide"
_SOURCE_ADJECTIVES = r"senior|top|junior|government|military|western|ministry|former|foreign"
# People a report describes instead of naming (lexicon.DESCRIBED), quoted in their own right as
# unnamed sources are. Never before a name: "said parent Ana Ortiz" and "a resident, Ana
# Ortiz," are Ana Ortiz speaking.
_DESCRIBED_RE = (
    r"(?:(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother)\s+(?:[a-z][\w-]*\s+){0,2}|(?:" + _CAP + r"\s+){1,2})"
    r"(?:" + "|".join(sorted(DESCRIBED, key=len, reverse=True)) + r")\b(?!-)"
    r"(?!,?\s+(?:[A-Z]|of\s+[A-Z]))"
    # "a resident who lives near the dam said": who they are, up to the verb of speech.
    r"(?:\s+who(?:\s+[a-z][\w’'-]*){1,8}?(?=\s+(?:said|says|told)\b))?"
)
_SPOKES_RE = (
    r"(?:(?:(?:[Aa]n?|[Tt]he)\s+)?(?:(?:" + _CAP + "|" + _SOURCE_ADJECTIVES + r")\s+){0,3}"
    r"(?:" + _SOURCE_WORDS + r")\b"
    r"(?:\s+for\s+(?:the\s+)?" + _CAP + r"(?:\s+" + _CAP + r"){0,3})?|" + _DESCRIBED_RE + ")"
)
# Short titles as roles print them ("Louisiana Gov. John Bel Edwards" has the role "governor").
_ABBREVIATIONS = {
    "pm": "prime minister",
    "fm": "foreign minister",
    "gov.": "governor",
    "sen.": "senator",
    "rep.": "representative",
}
_TITLE_HEADS = sorted(
    (HEAD_TITLES - SPOKES) | {"prime minister", "foreign minister", "foreign secretary"},
    key=len,
    reverse=True,
)
_TITLE_RE = (
    r"[Tt]he\s+(?:[\w’'\-]+\s+){0,2}?(?i:" + "|".join(re.escape(t) for t in _TITLE_HEADS) + r")\b"
)
_OWNED_NOUNS = (
    r"order|statement|letter|petition|memo|note|email|post|tweet|message|plea|words|complaint|"
    r"comment|reply|answer|warning|appeal|request|report|ruling|decision|release"
)
# A cheap test before the owner's pattern: the noun must be there.
_OWNED_HINT = re.compile(rf"\b(?:{_OWNED_NOUNS})\b[^“”\"«»]{{0,30}}$")
_OWNED_VERBS = r"says|said|reads|read|adds|added|states|stated|notes|noted|warns|warned"
_LEADER_RE = r"\b(?:president|prime minister|chancellor|premier|king|queen|taoiseach)\b"
_PRONOUN_RE = r"(?:[Hh]e|[Ss]he)\b"


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# The title words that may stand between a verb of speech and a name ("said Mayor Cara Jensen",
# "said Ukraine’s Foreign Minister Andrii Sybiha"); a link word never opens the title, so that
# "said of Okafor" stays a remark about Okafor.
_ROLE_WORDS = TITLE_WORDS | NATIONALITIES | ORG_WORDS | ROLE_FILLERS
_ROLE_FIRST = (
    r"(?:(?i:" + _alternatives(_ROLE_WORDS - {"of", "for", "and"}) + r")|" + _CAP + r"[’']s)"
)
_ROLE_NEXT = r"(?:(?i:" + _alternatives(_ROLE_WORDS) + r")|" + _CAP + r"[’']s)"
_TITLED = rf"{_ROLE_FIRST}\s+(?:{_ROLE_NEXT}\s+){{0,4}}"
# A sentence's end: not after a short title ("Rep. Ro Khanna", "Gov. Edwards"), nor before a
# word in lower case ("(D., Calif.) for their support" runs on).
_BOUNDARY = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\b[A-Z])(?<!\bRep)(?<!\bSen)(?<!\bGov)(?<!\bGen)"
    r"(?<!\bLt)(?<!\bCol)(?<!\bSgt)(?<!\bCapt)(?<!\bCmdr)(?<!\bProf)(?<!\bRev)"
    r"[.!?][”\"’»)]?\s+(?![a-z])"
)


# How many of the latest mentions a pronoun, a title or "the spokesperson" may refer back to.
RECALL = 200


def name_pattern(names: Iterable[str]) -> str:
    """A pattern matching any of `names`, a longer one first where one name begins another.

    Written as a tree of the names' common beginnings, so that a match tries each character
    once: an alternation of every name tried each name at every place, which made each speech
    clause cost as much as the article's people (20,000 names ran for minutes).
    """
    tree: dict[str, Any] = {}
    for name in names:
        node = tree
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree) if tree else "(?!)"


def _branches(node: dict[str, Any]) -> str:
    # Iterative, and each chain of single children written as one literal, so that the
    # nesting (and the parser's recursion) is only as deep as the points where names part.
    stack: list[tuple[dict[str, Any], list[str], list[str]]] = []
    out: list[str] = []
    # (node, remaining child keys, written alternatives)
    stack.append((node, sorted(node, reverse=True), []))
    while stack:
        current, keys, written = stack[-1]
        if not keys:
            stack.pop()
            # Longer names first: the end of a name ("") is the last alternative.
            alternatives = [w for w in written if w] + [w for w in written if not w]
            text = (
                alternatives[0]
                if len(alternatives) == 1
                else ("(?:" + "|".join(alternatives) + ")")
            )
            if len(alternatives) == 2 and alternatives[1] == "":
                text = "(?:" + alternatives[0] + ")?"
            if stack:
                stack[-1][2].append(stack[-1][2].pop() + text)
            else:
                out.append(text)
            continue
        key = keys.pop()
        if key == "":
            written.append("")
            continue
        literal = re.escape(key)
        child = current[key]
        while len(child) == 1 and "" not in child:
            (char,) = child
            literal += re.escape(char)
            child = child[char]
        written.append(literal)
        stack.append((child, sorted(child, reverse=True), []))
    return out[0]


@dataclass(frozen=True, slots=True)
class Attributed:
    quote: Quote
    speaker: str | None  # actor id
    how: str  # which rule settled it
    note: str = ""  # set when the instructor should check
    context: str = ""  # "on Putin" from "said of Putin"
    uses: tuple[int, ...] = ()  # other paragraphs the attribution rests on (evidence for it)


class _Subjects:
    """Recognises who a speech clause names and turns it into an actor id."""

    def __init__(
        self, people: dict[str, Person], paragraphs: list[Paragraph], quotes: list[Quote]
    ) -> None:
        self.people = people
        self.paragraphs = paragraphs
        self.quotes = quotes
        names: dict[str, str] = {}
        surnames = Counter(p.surname for p in people.values())
        for person in people.values():
            names[person.name] = person.id
            if surnames[person.surname] == 1:
                names[person.surname] = person.id
        self.names = names
        self.name_re = name_pattern(names)
        self._fitting: dict[tuple[str, int], list[Person]] = {}
        self.after_re = re.compile(
            rf"^[\s,]*(?:{self._subject('a_')}\s+{_ADVERB}{_VERB}"
            rf"|{_VERB}\s+{self._subject('b_')}"
            rf"|{_VERB}\s+{_TITLED}(?P<d_name>{self.name_re})(?![\w’'])"
            # "said Nebenzia's counterpart from Ukraine, Ambassador Sergiy Kyslytsya"
            rf"|{_VERB}\s+[^.,;“”\"«»]{{1,60}},\s+(?:{_CAP}\s+){{0,3}}(?P<c_name>{self.name_re})"
            r"(?![\w’'])"
            # "…," CNN quoted United spokesperson Maggie Schmerin as saying.'
            rf"|(?:[\w.]+\s+){{0,3}}?quoted\s+(?:[\w.’'-]+\s+){{0,4}}?(?P<g_name>{self.name_re})"
            r"\s+as\s+saying"
            # "said parent Courtney Collier", "said Mission High senior Ella Moaz": words that
            # describe the speaker between the verb and the name that ends the clause.
            rf"|{_VERB}\s+(?:[\w.’'-]+\s+){{1,6}}?(?P<f_name>{self.name_re})(?=[,.;]|\s*$)"
            # "…,” Michael Malone, vice chancellor for research at UMass, said in a statement"
            rf"|(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(?P<e_name>{self.name_re})(?![\w’']),\s+"
            rf"(?:[^.,;“”\"«»]{{1,120}}?,\s+){{1,2}}?{_ADVERB}{_VERB})"
        )
        # "Ruiz, asked about the delay, replied": a short aside between subject and verb.
        self.clause_re = re.compile(
            rf"{self._subject('')}(?:,\s+(?:asked|speaking|pressed|writing)\b[^,“”\"«»]{{0,60}},)?"
            rf"\s+{_ADVERB}{_VERB}"
        )
        self.of_re = re.compile(rf"^\s+of\s+(?P<of>{self.name_re}|(?:{_CAP}\s?){{1,3}})")
        # Per paragraph, the (start, end) of its quotations in order: a set of every offset
        # inside one held a tuple per quoted character (600 MB for a 5 MB article of quotes).
        self.quoted: dict[int, list[tuple[int, int]]] = {}
        for q in quotes:
            self.quoted.setdefault(q.paragraph, []).append((q.start, q.end))
        self.named = [
            m
            for person in people.values()
            for m in person.mentions
            if not self._inside(m.paragraph, m.start)
        ]
        # Spokespersons and titles ("the PM") are mentions too, for pronouns to refer back to.
        self.extra: list[Mention] = []
        self.mentions = sorted(self.named, key=lambda m: (m.paragraph, m.start))
        spokes = re.compile(_SPOKES_RE)
        titles = re.compile(_TITLE_RE)
        named_next = re.compile(rf"\s+(?:{self.name_re})(?![\w’'])")
        for index, paragraph in enumerate(paragraphs):
            if paragraph.heading:
                continue
            for pattern, kind in ((spokes, "spokes"), (titles, "title")):
                for m in pattern.finditer(paragraph.text):
                    if self._inside(index, m.start()) or named_next.match(paragraph.text, m.end()):
                        continue  # inside a quote, or a named person's title
                    ident, _ = self.resolve({kind: m.group()}, (index, m.start()))
                    if ident:
                        self._add(Mention(index, m.start(), m.end(), ident))
        self.by_paragraph: dict[int, list[Mention]] = {}
        for mention in self.mentions:
            self.by_paragraph.setdefault(mention.paragraph, []).append(mention)
        self.gender = self._genders()

    def _genders(self) -> dict[str, str]:
        """ "he" or "she" for the people the article itself refers to so: the first pronoun
        after a person who opens a sentence, in that sentence or opening the next one
        ("Chief Maria Gomez defended her decision"). One vote the other way leaves it unknown."""
        votes: dict[str, Counter[str]] = {}
        # Each paragraph's sentence starts found once (slicing the text before every mention
        # was quadratic in a paragraph of a thousand quotes).
        starts: dict[int, list[int]] = {}
        for m in self.named:
            text = self.paragraphs[m.paragraph].text
            if m.paragraph not in starts:
                starts[m.paragraph] = [0] + [b.end() for b in _BOUNDARY.finditer(text)]
            bounds = starts[m.paragraph]
            begin = bounds[bisect.bisect_right(bounds, m.start) - 1]
            if len(text[begin : m.start].strip(' “"').split()) > 3:
                continue  # not near the sentence's start: likely not its subject
            # The rest of its sentence and the first words of the next ("… . She told …").
            k = bisect.bisect_right(bounds, m.end)
            window = text[m.end : bounds[k] + 12] if k < len(bounds) else text[m.end :]
            found = re.search(r"\b(he|his|him|she|her|hers)\b", window, re.IGNORECASE)
            if found is None or self._inside(m.paragraph, m.end + found.start()):
                continue
            word = "he" if found.group(1).lower() in ("he", "his", "him") else "she"
            votes.setdefault(m.person, Counter())[word] += 1
        return {p: c.most_common(1)[0][0] for p, c in votes.items() if len(c) == 1}

    # The rarer clauses' patterns, compiled only for an article that has one: each holds the
    # article's names, and compiling them cost more than reading most articles.
    @functools.cached_property
    def capitalised(self) -> Counter[str]:
        """How often each capitalised word occurs in the article (counted once, when asked)."""
        return Counter(w for p in self.paragraphs for w in re.findall(r"\b[A-Z][\w&’'-]+", p.text))

    @functools.cached_property
    def pair_re(self) -> re.Pattern[str]:
        return re.compile(
            rf"^[\s,]*(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?({self.name_re})(?![\w’'])\s+and\s+"
            rf"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?({self.name_re})(?![\w’'])\s+{_ADVERB}{_VERB}"
        )

    @functools.cached_property
    def according_re(self) -> re.Pattern[str]:
        return re.compile(
            rf"(?:^[\s,]*according\s+to\s+{self._subject('x_')}(?![\w’'])(?=[\s,.;]*$)"
            rf"|(?:^|(?<=[.;]\s))[Aa]ccording\s+to\s+{self._subject('y_')}\s*,\s*$)"
        )

    # "The governor’s order says in part: “…”", "His letter adds: “…”", "One customer's
    # plea, “…”": words someone wrote or uttered, introduced by whose they are.
    @functools.cached_property
    def owned_re(self) -> re.Pattern[str]:
        return re.compile(
            rf"(?:{self._subject('')}[’']s|(?P<owner>[Hh]is|[Hh]er))\s+(?:[a-z][\w-]*\s+)?"
            rf"(?:{_OWNED_NOUNS})(?:\s+(?:{_OWNED_VERBS})(?:\s+in\s+part)?)?[\s,:]*$"
        )

    def _inside(self, paragraph: int, offset: int) -> bool:
        spans = self.quoted.get(paragraph, ())
        k = bisect.bisect_right(spans, (offset, math.inf)) - 1
        return k >= 0 and spans[k][0] <= offset < spans[k][1]

    def _add(self, mention: Mention) -> None:
        self.extra.append(mention)
        bisect.insort(self.mentions, mention, key=lambda m: (m.paragraph, m.start))

    def _subject(self, prefix: str) -> str:
        return (
            rf"(?:(?P<{prefix}spokes>{_SPOKES_RE})"
            rf"|(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Coun)\.?\s+)?(?P<{prefix}name>{self.name_re})(?![\w’'])"
            rf"|(?P<{prefix}title>{_TITLE_RE})|(?P<{prefix}pron>{_PRONOUN_RE}))"
        )

    def resolve(
        self, groups: dict[str, str | None], where: tuple[int, int]
    ) -> tuple[str | None, str]:
        """(actor id, note) for the subject a match found; the note says why it may be wrong."""
        found = [(k.rsplit("_", 1)[-1], v) for k, v in groups.items() if v]
        kind, text = found[0] if found else ("", "")
        if kind == "name":
            return self.names[text], ""
        if kind == "spokes":
            return self._spokesperson(text, where), ""
        if kind == "title":
            return self._by_title(text, where)
        if kind == "pron":
            return self._by_pronoun(text, where)
        return None, "no speaker found"

    def _spokesperson(self, text: str, where: tuple[int, int]) -> str:
        name = re.sub(r"^(?:an?|the)\s+", "", text, flags=re.IGNORECASE)
        if name.lower() in SOURCES or name.lower() in DESCRIBED:
            # "the spokesperson": the one introduced before, named or not.
            earlier = [
                m.person
                for m in self._before(where)
                if self.people[m.person].role.lower().split()[-1:] == [name.lower()]
                or (
                    name.lower() in SPOKES
                    and any(w in self.people[m.person].role.lower() for w in SPOKES)
                )
            ]
            if earlier:
                return earlier[-1]
        name = name[0].upper() + name[1:]
        ident = slug(name)
        if ident not in self.people:
            word = next(w for w in sorted(SOURCES | DESCRIBED) if w in name.lower().split())
            self.people[ident] = Person(ident, name, role=word, evidence=1)
        return ident

    def opens_sentence_before(self, person: str, where: tuple[int, int]) -> bool:
        """Whether the sentence before a point (in its paragraph, else the last one of the
        paragraph above) opens on the person: its subject, as a pronoun's antecedent is."""
        index, offset = where
        chunk = self.paragraphs[index].text[:offset]
        chunk = chunk[: len(chunk) - len(_sentence_tail(chunk))].rstrip()
        if not chunk:
            if index == 0 or self.paragraphs[index - 1].heading:
                return False
            index -= 1
            chunk = self.paragraphs[index].text.rstrip()
        start = len(chunk) - len(_sentence_tail(chunk))
        inside = [m for m in self.by_paragraph.get(index, []) if m.start >= start]
        if not inside:
            return False
        # The first mention, after nothing but title words ("Parks director Ravi Menon …";
        # not "Police arrested John Smith …", whose subject is the police).
        first = inside[0]
        prefix = self.paragraphs[index].text[start : first.start].split()
        titles = all(
            w[:1].isupper() or w.lower().strip("’'s") in _ROLE_WORDS or w.lower() in ("the", "a")
            for w in prefix
        )
        return first.person == person and titles and first.start - start <= 40

    def first_person(self, paragraph: int, start: int, end: int) -> str | None:
        """The first person mentioned in part of a paragraph (outside quotations)."""
        inside = self.by_paragraph.get(paragraph, [])
        k = bisect.bisect_left(inside, start, key=lambda m: m.start)
        return inside[k].person if k < len(inside) and inside[k].start < end else None

    def _before(self, where: tuple[int, int]) -> list[Mention]:
        """Mentions outside quotations before a point, nearest last: the last `RECALL` of them,
        as a reader recalls who was named lately (all of them made each quote cost as much as
        the article's mentions)."""
        k = bisect.bisect_left(self.mentions, where, key=lambda m: (m.paragraph, m.start))
        return self.mentions[max(0, k - RECALL) : k]

    def _by_title(self, text: str, where: tuple[int, int]) -> tuple[str | None, str]:
        words = text.lower().split()[1:]
        phrase = " ".join(_ABBREVIATIONS.get(w, w) for w in words)
        head = next(t for t in _TITLE_HEADS if phrase.endswith(t))
        qualifiers = phrase[: -len(head)].split()

        def fits(person: Person) -> bool:
            role = " ".join(_ABBREVIATIONS.get(w, w) for w in person.role.lower().split())
            if head == "leader":
                ok = "leader" in role or (
                    re.search(_LEADER_RE, role) is not None
                    and not re.search(r"\b(?:vice|deputy)\b", role)
                )
            else:
                ok = re.search(rf"\b{re.escape(head)}\b", role) is not None
            return ok and all(q in role for q in qualifiers)

        # The same title is asked about again for each quote; people only grow (spokespersons).
        key = (phrase, len(self.people))
        if key not in self._fitting:
            self._fitting[key] = [p for p in self.people.values() if fits(p)]
        fitting = self._fitting[key]
        if not fitting:
            return None, f"nobody named before has the role “{text}”"
        ids = {p.id for p in fitting}
        recent = [m.person for m in self._before(where) if m.person in ids]
        chosen = recent[-1] if recent else fitting[0].id
        if len(fitting) > 1:
            others = ", ".join(p.name for p in fitting if p.id != chosen)
            return chosen, f"“{text}” could also mean {others}"
        return chosen, ""

    def described(self, person: str) -> bool:
        """A person known only by a description ("a longtime resident"): such words also
        stand before nouns ("the parent company", "teacher pay"), so a pronoun or a quote
        with no verb of speech is never taken to be theirs."""
        role = self.people[person].role.lower() if person in self.people else ""
        return role in DESCRIBED

    def _by_pronoun(self, text: str, where: tuple[int, int]) -> tuple[str | None, str]:
        before = [m for m in self._before(where) if not self.described(m.person)]
        if not before:
            return None, f"“{text}” refers to nobody named before"
        nearest = before[-1].paragraph
        window = [m for m in before if m.paragraph >= nearest - 1]
        # The subject of the nearest sentence naming someone is the likeliest antecedent.
        last_para = [m for m in before if m.paragraph == nearest]
        text_para = self.paragraphs[nearest].text
        cut = 0
        for b in _BOUNDARY.finditer(text_para[: last_para[-1].start]):
            cut = b.end()
        in_sentence = [m for m in last_para if m.start >= cut]
        # "After Trump’s demand, DeVos issued a statement. “…,” she said": a name in the
        # possessive is no subject for "she" to stand for.
        subjects_only = [
            m
            for m in in_sentence
            if not re.search(r"[’']s$", text_para[m.start : m.end])
            and not re.match(r"[’']s\b", text_para[m.end : m.end + 3])
        ]
        chosen = (subjects_only or in_sentence)[0].person
        distinct = list(dict.fromkeys(m.person for m in window))
        word = text.lower()
        if self.gender.get(chosen, word) != word:
            # "Her deputy disagreed. “…,” he said": "he" is not the woman named last; the
            # nearest person known to fit it, or nobody (a name the article gives unrecognised).
            fitting = [m.person for m in reversed(window) if self.gender.get(m.person) == word]
            if not fitting:
                return None, f"“{text}” fits nobody named just before"
            chosen = fitting[0]
        if len(distinct) > 1:
            others = ", ".join(self.people[d].name for d in distinct if d != chosen)
            return chosen, f"“{text}” taken as {self.people[chosen].name}; could be {others}"
        return chosen, ""


def _sentence_tail(text: str) -> str:
    """The part of the text after its last sentence boundary."""
    cut = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.end()
    return text[cut:]


def _previous_sentence(text: str) -> str:
    """The whole sentence before the one the text ends in."""
    ends = [m.start() + 1 for m in _BOUNDARY.finditer(text)]
    return _sentence_tail(text[: ends[-1]]) if ends else ""


def _sentence_head(text: str) -> str:
    m = _BOUNDARY.search(text)
    return text[: m.start() + 1] if m else text


def attribute(
    quotes: list[Quote], paragraphs: list[Paragraph], people: dict[str, Person]
) -> list[Attributed]:
    """One result per quote, in article order; `people` gains any unnamed spokespersons."""
    subjects = _Subjects(people, paragraphs, quotes)
    results: list[Attributed] = []
    for n, q in enumerate(quotes):
        text = paragraphs[q.paragraph].text
        prev = quotes[n - 1] if n and quotes[n - 1].paragraph == q.paragraph else None
        nxt = (
            quotes[n + 1]
            if n + 1 < len(quotes) and quotes[n + 1].paragraph == q.paragraph
            else None
        )
        before = text[prev.end if prev else 0 : q.start]
        after = text[q.end : nxt.start if nxt else len(text)]
        where = (q.paragraph, q.start)
        results.append(_one(q, n, before, after, where, paragraphs, subjects, results))
    return results


def _context(subjects: _Subjects, rest: str) -> str:
    m = subjects.of_re.match(rest)
    return f"on {m.group('of').strip()}" if m else ""


def _one(
    q: Quote,
    n: int,
    before: str,
    after: str,
    where: tuple[int, int],
    paragraphs: list[Paragraph],
    subjects: _Subjects,
    done: list[Attributed],
) -> Attributed:
    # "….” Said Dusty Nichols with …": a verb of speech capitalised after a closed quote.
    after = re.sub(r"^(\s*)(Said|Says|Added)\b", lambda v: v.group(1) + v.group(2).lower(), after)
    m = subjects.after_re.match(after)
    if m:
        speaker, note = subjects.resolve(m.groupdict(), where)
        if speaker:
            return Attributed(
                q,
                speaker,
                "speech clause after the quote",
                note,
                _context(subjects, after[m.end() :]),
            )
    named_pair = subjects.pair_re.match(after) if " and " in after[:200] else None
    if named_pair is not None:
        # "…,” Ruiz and Berg said in a joint statement: both, as one group speaker.
        one, two = (subjects.people[subjects.names[n]].name for n in named_pair.groups())
        if one != two:
            name = f"{one} and {two}"
            ident = slug(name)
            if ident not in subjects.people:
                subjects.people[ident] = Person(ident, name, evidence=1, kind="group")
            return Attributed(q, ident, "two speakers named together after the quote")
    pair = _PAIR_AFTER.match(after)
    if pair is not None:
        # "…,” the board president and superintendent said: two people speaking as one, drafted
        # as one speaker named for both (a group), never as either alone.
        name = pair.group("pair")
        name = name[:1].upper() + name[1:]
        ident = slug(name)
        if ident not in subjects.people:
            subjects.people[ident] = Person(ident, name, evidence=1, kind="group")
        return Attributed(q, ident, "two speakers named together after the quote")
    tail = _sentence_tail(before)
    clauses = list(subjects.clause_re.finditer(tail))
    if clauses:
        speaker, note = subjects.resolve(clauses[-1].groupdict(), where)
        if speaker:
            return Attributed(
                q,
                speaker,
                "speech clause before the quote",
                note,
                _context(subjects, tail[clauses[-1].end() :]),
            )
    owned = _OWNED_HINT.search(tail) and subjects.owned_re.search(tail)
    if owned is not None:
        whose = dict(owned.groupdict())
        owner = whose.pop("owner")
        if owner:
            whose = {"pron": "he" if owner.lower() == "his" else "she"}
        at = (q.paragraph, q.start - len(tail) + owned.start())
        speaker, note = subjects.resolve(whose, at)
        if speaker and owner and not subjects.opens_sentence_before(speaker, at):
            # "His letter" after a sentence that does not open on the person taken for "his"
            # (an unrecognised name may open it): unsure, so left for the instructor.
            speaker = None
        if speaker:
            return Attributed(q, speaker, "words introduced by whose they are", note)
    prior = done[-1] if done and done[-1].quote.paragraph == q.paragraph else None
    if prior and prior.speaker and re.fullmatch(r"[\s,;—–-]*(?:and|or|but)?[\s,]*", tail):
        return Attributed(
            q, prior.speaker, "quote before it in the paragraph", prior.note, prior.context
        )
    if prior and prior.speaker and prior.how == "speech clause after the quote":
        # "“…,” countered Berg, “…”": the words between the halves are the first half's clause.
        between = subjects.after_re.match(tail)
        if between and re.fullmatch(r"[^“”\"«».;]{0,40}?[\s,;:—–-]*", tail[between.end() :]):
            return Attributed(
                q, prior.speaker, "quote before it in the paragraph", prior.note, prior.context
            )
    according = None
    if "ccording to" in tail or "ccording to" in after[:40]:
        according = subjects.according_re.search(tail) or subjects.according_re.match(after)
    if according is not None:
        # "According to Berg, “…”", "“…,” according to Ruiz": the source the sentence names.
        speaker, note = subjects.resolve(according.groupdict(), where)
        if speaker:
            return Attributed(q, speaker, "according to", note)
    if tail.rstrip().endswith(":"):
        # "Jørgensen, speaking after the summit, was more hopeful: “…”"
        who = subjects.first_person(q.paragraph, q.start - len(tail), q.start)
        if who:
            return Attributed(q, who, "sentence introducing it with a colon")
    if q.start == 0 and q.paragraph > 0:
        above = paragraphs[q.paragraph - 1]
        if not above.heading and above.text.rstrip().endswith(":"):
            intro = _sentence_tail(above.text)
            offset = len(above.text) - len(intro)
            clauses = list(subjects.clause_re.finditer(intro))
            if clauses:
                at = (q.paragraph - 1, offset + clauses[-1].start())
                speaker, note = subjects.resolve(clauses[-1].groupdict(), at)
                if speaker:
                    return Attributed(
                        q, speaker, "clause on the line before", note, uses=(q.paragraph - 1,)
                    )
            who = subjects.first_person(q.paragraph - 1, offset, len(above.text))
            if who:
                return Attributed(q, who, "line before, ending in a colon", uses=(q.paragraph - 1,))
    if not before.strip(' “"«') and q.paragraph > 0 and done:
        # A quotation running on from the paragraph above, which opened a quote and did not
        # close it, is the same speaker's: news prints a long quote one paragraph at a time.
        above_text = paragraphs[q.paragraph - 1].text
        last = done[-1]
        if last.speaker and last.quote.paragraph == q.paragraph - 1 and _left_open(above_text):
            return Attributed(
                q, last.speaker, "quote running on from the paragraph above", last.note
            )
    whole = paragraphs[q.paragraph].text
    alone = not before.strip(' “"«') and not whole[q.end :].strip(' ”"».,')
    if alone and q.paragraph > 0 and done:
        # A paragraph that is one quotation and nothing else, after a paragraph whose last
        # quotation has a speaker: news goes on quoting the same person that way.
        last = done[-1]
        if last.speaker and last.quote.paragraph == q.paragraph - 1:
            note = f"a quote on its own after {subjects.people[last.speaker].name}'s; check"
            return Attributed(q, last.speaker, "paragraph of quotation after a quote", note)
    if alone and q.paragraph > 0:
        # "And the statement warned that the soap would go. / “Nobody will be …”": a body's
        # reported speech just above a paragraph of quotation is its speaker's.
        above_text = paragraphs[q.paragraph - 1].text
        reports = list(_REPORTED_BODY.finditer(above_text))
        if not reports:
            # "Outsports, which first broke the story, said the league …": one word naming a
            # body, a clause about it, then its reported speech.
            reports = [r for r in [_ONE_WORD_BODY.match(above_text)] if r is not None]
            if reports and reports[0].group("body") in subjects.names:
                reports = []  # a person the article names: not a body
        reported = reports[0] if reports else None
        if len({re.sub(r"^[Tt]he\s+", "", r.group("body")) for r in reports}) > 1:
            reported = None  # "A says …, and B says …": either could go on speaking
        if reported is not None:
            name = reported.group("body")
            if re.sub(r"^[Tt]he\s+", "", name).lower() in ("statement", "release", "memo"):
                before_text = "\n".join(p.text for p in paragraphs[: q.paragraph - 1])
                issuers = list(_ISSUER.finditer(before_text)) + [
                    m for m in _BODY_NAMED.finditer(before_text)
                ]
                issuers.sort(key=lambda m: m.start())
                name = issuers[-1].group(0) if issuers else ""
            body = _named_body(name, subjects) if name else None
            if body is not None:
                shown = subjects.people[body].name if body in subjects.people else body
                note = f"taken from {shown}'s reported speech above; check"
                return Attributed(q, body, "quote after a body's reported speech", note)
    if alone and q.paragraph > 0 and not subjects.quoted.get(q.paragraph - 1):
        # "…, manager Alan Malcolmson said yesterday. / “You've got to listen …”": a quote
        # alone after a paragraph of reported speech that ends on its speaker.
        tail_above = _sentence_tail(paragraphs[q.paragraph - 1].text.rstrip())
        if re.search(rf"\b(?:{_VERB})\s*(?:\w+\s*)?[.]?$", tail_above):
            mentions = [
                m
                for m in subjects.by_paragraph.get(q.paragraph - 1, [])
                if not subjects.described(m.person)
            ]
            if mentions:
                who = mentions[-1].person
                note = f"taken from the reported speech above ({subjects.people[who].name}); check"
                return Attributed(q, who, "quote after reported speech", note)
    if alone and q.paragraph > 0 and not subjects.quoted.get(q.paragraph - 1):
        # "Mayor Ana Ruiz opened the bridge on Friday. / “This bridge took ten years …”": a
        # paragraph of quotation after one about a single person, whose last sentence opens
        # on them, is theirs (no verb of speech: marked for the instructor to check).
        above_people = {m.person for m in subjects.by_paragraph.get(q.paragraph - 1, [])}
        if any(subjects.described(p) for p in above_people):
            above_people = set()  # "The parent company cut jobs.": no person to go on
        if len(above_people) == 1:
            (who,) = above_people
            if subjects.opens_sentence_before(who, (q.paragraph, 0)):
                name = subjects.people[who].name
                note = f"no verb of speech; taken from the paragraph above ({name}); check"
                return Attributed(
                    q, who, "paragraph of quotation after one about its speaker", note
                )
    body = _body_speaker(tail, after, subjects, paragraphs, where)
    if body is not None:
        return Attributed(q, body, "a body's speech clause")
    joined = _JOINED.search(tail)
    if joined is not None:
        # "He thanked his backers, saying it “took courage”", "Brown won concessions and said
        # that the bill “is better”": the speaker is the subject the sentence opens on.
        titled = r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?"
        # "Mayor Olu Adeyemi thanked …": the title words before the name are no subject.
        titled = rf"{titled}(?:{_CAP}\s+){{0,3}}?"
        opening = re.match(rf"\s*(?:{_PRONOUN_RE}|{titled}(?P<n>{subjects.name_re}))", tail)
        if opening is not None:
            named = opening.group("n")
            groups: dict[str, str | None] = (
                {"name": named} if named else {"pron": opening.group(0).strip()}
            )
            speaker, note = subjects.resolve(groups, (q.paragraph, q.start - len(tail)))
            if speaker:
                return Attributed(q, speaker, "speech verb joined to the sentence's subject", note)
        lead = re.match(
            rf"\s*(?:{_body('body')})\s+(?:(?:has|have|had|is|was|will)\s+)?[a-z]\w*", tail
        )
        if lead is None:
            # One capitalised word that the article names again ("Foodstuffs has dropped its
            # charge …, citing …"): a body by its short name.
            short = re.match(
                r"\s*(?P<body>[A-Z][a-z][\w&’'-]+)\s+(?:has|have|had|is|was|will)\s+[a-z]", tail
            )
            if (
                short is not None
                and short.group("body").lower() not in NOT_NAMES
                and subjects.capitalised[short.group("body")] >= 2
            ):
                lead = short
        if lead is not None:
            # "Foodstuffs has dropped its charge …, citing “customer annoyance”": a body that
            # opens the sentence is the subject the participle shares.
            body = _named_body(lead.group("body"), subjects)
            if body is not None:
                return Attributed(q, body, "speech verb joined to the sentence's subject")
    if _THEY.match(tail):
        # "The directors said they were shocked. / But they added …: “…”": "they" stands for
        # the people who spoke as one in the sentence before, when it names exactly one.
        previous = _previous_sentence(before)
        if not previous.strip() and q.paragraph > 0 and not paragraphs[q.paragraph - 1].heading:
            previous = _sentence_tail(paragraphs[q.paragraph - 1].text.rstrip())
        bodies = {
            r.group("body")
            for r in _REPORTED_BODY.finditer(previous)
            if r.group("body").split()[-1].lower().endswith("s")
            or re.search(r"\bof\s+the\b", r.group("body"))
        }
        if len(bodies) == 1:
            body = _named_body(bodies.pop(), subjects)
            if body is not None:
                shown = subjects.people[body].name if body in subjects.people else body
                note = f"“they” taken as {shown}, who spoke in the sentence before; check"
                return Attributed(q, body, "they, after the people who spoke before", note)
    # Adjacent sentences: the one before the quote, then the one after it.
    previous = _previous_sentence(before)
    uses: tuple[int, ...] = ()
    if not previous and q.start == 0 and q.paragraph > 0:
        above = paragraphs[q.paragraph - 1]
        previous = "" if above.heading else _sentence_tail(above.text.rstrip())
        uses = (q.paragraph - 1,)
    # "…,” a woman who lives nearby said": the sentence names a speaker the rules cannot
    # resolve, so whoever spoke in the sentence before is not taken for them.
    speaks_after = re.match(rf"^[\s,]*[^.!?“”\"«»]{{0,160}}?\b{_VERB}", after) is not None
    for passage, label in (
        ("" if speaks_after else previous, "sentence before"),
        (_sentence_head(after), "sentence after"),
    ):
        clauses = list(subjects.clause_re.finditer(passage))
        if len({c.group(0).split()[0] for c in clauses}) > 1:
            continue  # two people speak in that sentence: which one goes on is unsure
        if clauses:
            speaker, note = subjects.resolve(clauses[-1].groupdict(), where)
            if speaker:
                name = subjects.people[speaker].name
                hint = f"taken from the {label} ({name}); check"
                full = f"{note}; {hint}" if note else hint
                used = uses if label == "sentence before" else ()
                return Attributed(q, speaker, label, full, uses=used)
    # No clause of speech: the person a sentence before is about ("Szijjártó smiled. “…”").
    start = len(before) - len(_sentence_tail(before))
    cut = before[:start].rstrip()
    if previous and cut and not speaks_after:
        who = subjects.first_person(q.paragraph, len(cut) - len(previous.rstrip()), len(cut))
        if who:
            name = subjects.people[who].name
            note = f"no verb of speech; taken from the sentence before ({name}); check"
            return Attributed(q, who, "person in the sentence before", note)
    return Attributed(q, None, "", "could not tell who said this")


_HOLDER = r"(?i:" + _alternatives(TITLE_WORDS | DESCRIBED) + r")"
_PAIR_AFTER = re.compile(
    r"^[\s,]*[Tt]he\s+(?P<pair>(?:[a-z][\w-]*\s+){0,2}?" + _HOLDER + r"\s+and\s+(?:the\s+)?"
    r"(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+" + _ADVERB + _VERB
)
_THEY = re.compile(rf"^\s*(?:(?:But|And|So|Yet)\s+)?[Tt]hey\s+{_ADVERB}{_VERB}")
# A speech verb in a participle or a second verb of the sentence: ", saying", "and said that".
_JOINED = re.compile(
    r"(?:,\s*|\s+and\s+|\s+(?=saying\b))(?:also\s+)?(?:saying|adding|citing|stating|said|"
    r"added|says|"
    r"told\s+\w+)\b[^“”\"]*$"
)
_BODY_HEAD_WORDS = ORG_HEADS | {"nhl", "league", "club", "team"}
_BODY_HEADS = "|".join(sorted(_BODY_HEAD_WORDS, key=len, reverse=True))


def _body(group: str) -> str:
    """A body as the subject of a speech verb: "the league", "the NHL", "the Huffington
    Post": what a statement is quoted from when no person speaks for it."""
    return (
        rf"(?P<{group}>(?:[Tt]he\s+)(?:[A-Z][\w&.’'-]*\s+){{0,4}}(?i:{_BODY_HEADS})|"
        r"(?:[Tt]he\s+)?[A-Z]{2,}[A-Za-z]*|[Tt]he\s+(?:[A-Z][\w&’'-]*\s+){0,3}[A-Z][\w&’'-]*|"
        # "General Mills stated", "Tennis Australia said": two or more capitalised words that
        # name no person the article names (a person's name is looked up before this).
        r"(?:[A-Z][\w&’'-]+\s+){1,3}[A-Z][\w&’'-]+|"
        # "the leaders of the supporter groups said": people who speak as one body.
        r"[Tt]he\s+(?:[a-z-]+\s+){0,2}(?:leaders|officials|organizers|organisers|members|directors|"
        r"trustees|owners)"
        r"(?:\s+of\s+the\s+(?:[a-z-]+\s+){0,2}[a-z-]+)?|"
        # "City officials said", "School board members said": no article before a place's or
        # a body's name.
        r"[A-Z][a-z]+\s+(?:[a-z]+\s+)?(?:officials|leaders|organizers|organisers|members|"
        r"directors|trustees)\b|"
        # "Ruiz's office said": those who speak for a person, never the person.
        r"(?:[A-Z][\w-]+\s+){0,2}[A-Z][\w-]+[’']s\s+(?:office|campaign|lawyers?|attorneys?|"
        r"family|team)\b|"
        # "the statement said": the words of the body that issued it, found before it.
        r"[Tt]he\s+(?:statement|release|memo|letter|policy))"
    )


_BODY_VERB = r"(?:also\s+)?(?:said|says|stated|wrote|added|announced|tweeted|posted)"
_BODY_BEFORE = re.compile(
    _body("body")
    + rf"\s+{_BODY_VERB}(?:\s+(?:in|on)\s+[^“”\"]{{0,40}}?)?"
    # "stated in an update that the changes were “…”": what it said runs into the quote.
    + r"(?:\s+that(?:\s+[^“”\",.;]{1,60}?)?)?[\s,:]*$"
)
_BODY_AFTER = re.compile(
    rf"^[\s,]*(?:{_body('body')}(?:,\s+(?:whose|which|who)\s+[^“”\"]{{1,160}}?,)?\s+"
    rf"(?:{_BODY_VERB}|told)\b|read\s+(?P<doc>(?:a|the)\s+statement)\b"
    # "…,” a statement from the company said: the body it came from.
    r"|(?:[Aa]|[Tt]he)\s+(?:written\s+|joint\s+|brief\s+)?(?:statement|release|letter)\s+from\s+"
    + _body("issuer")
    + rf"\s+{_BODY_VERB}\b|(?:said|says|stated|wrote|added)\s+"
    + _body("inverted")
    + r"\b)"
)


def _left_open(text: str) -> bool:
    """A paragraph that opens a quotation and does not close it."""
    opened = text.count("“") + text.count("«")
    closed = text.count("”") + text.count("»")
    if opened or closed:
        return opened > closed
    return text.count('"') % 2 == 1


# The body a statement came from: a capitalised name ending in a body's head word ("the Chess
# Federation", "Acme Company") or an acronym. The head words are cues.ORG_HEADS (one list for
# every module that tells a body by its last word), capitalised as a name prints them.
_ISSUER = re.compile(
    r"(?:[A-Z][\w.&’'-]*\s+){0,4}(?:"
    + "|".join(h.capitalize() for h in sorted(ORG_HEADS | {"club"}, key=len, reverse=True))
    + r")\b|\b[A-Z]{3,}\b"
)


def _body_speaker(
    tail: str,
    after: str,
    subjects: _Subjects,
    paragraphs: list[Paragraph],
    where: tuple[int, int],
) -> str | None:
    m = _BODY_BEFORE.search(tail) or _BODY_AFTER.match(after)
    if m is None:
        # "the NCAA said its board “reluctantly voted” … to a law that meets “the minimal
        # requirements”": a phrase quoted later in what a body said, with no other speaker
        # or contrast between them.
        said = list(_BODY_SAID.finditer(tail))
        if said and not _OTHER_VOICE.search(tail[said[-1].end() :]):
            m = said[-1]
    if m is None:
        return None
    found = m.groupdict()
    name = found.get("body") or found.get("issuer") or found.get("inverted") or ""
    name = re.sub(r"^[Tt]he\s+", "", name).strip()
    if found.get("doc"):
        name = "statement"  # "…," read a statement published on its website
    if name.lower() in ("statement", "release", "memo", "letter", "policy"):
        # The body that issued it: the last one the article named before the quote.
        before = "\n".join(p.text for p in paragraphs[: where[0]])
        before += "\n" + paragraphs[where[0]].text[: where[1]]
        issuers = list(_ISSUER.finditer(before))
        if not issuers:
            return None
        name = issuers[-1].group(0)
    return _named_body(name, subjects)


_BODY_SAID = re.compile(_body("body") + r"\s+(?:also\s+)?(?:said|says|stated)\s+(?![“\"])")
_OTHER_VOICE = re.compile(
    rf"\b(?:{_VERB}|while|whereas|but|although|though|called|according)\b|[“”\"]\s*[,.]"
)
_ONE_WORD_BODY = re.compile(
    r"(?P<body>[A-Z][\w&’'-]+),\s+(?:which|who)\s+[^“”\"]{1,160}?,\s+(?:also\s+)?"
    r"(?:said|says|stated|warned|added|announced|insisted)\b"
)
_REPORTED_BODY = re.compile(
    _body("body") + r"\s+(?:also\s+)?(?:said|says|stated|warned|added|announced|insisted)\b"
)
# "BBC America said:": a name of capitalised words, one with a capital inside ("BBC").
_BODY_NAMED = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z][a-z]+)+\b")


def _named_body(text: str, subjects: _Subjects) -> str | None:
    """The actor a body's name stands for: a person after all, the one person holding a title,
    or the body itself, added as an organization."""
    name = re.sub(r"^[Tt]he\s+", "", text).strip()
    if name in subjects.names:
        return subjects.names[name]
    # "Secretary Ada Moss said": a title before a name the article gives is that person.
    titled_name = next((n for n in subjects.names if name.endswith(" " + n)), None)
    if titled_name is not None:
        return subjects.names[titled_name]
    if name.split()[-1].lower() in TITLE_WORDS:
        titled = [p.id for p in subjects.people.values() if p.role.lower() == name.lower()]
        return titled[0] if len(titled) == 1 else None
    if name.lower() in NOT_NAMES and name.split()[-1].lower() not in _BODY_HEAD_WORDS:
        return None
    ident = slug(name)
    if ident not in subjects.people:
        display = name[:1].upper() + name[1:]
        subjects.people[ident] = Person(ident, display, evidence=1, kind="organization")
    return ident
