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
_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
_WORD_OF = {v: k for k, v in _WORDS.items()}
# Details a reader can check against the article, by kind, in the order an item prefers them:
# a sum, a share, a count of things and a vote's tally say what happened; a date or a year
# says when, which matters less.
_DETAILS: dict[str, re.Pattern[str]] = {
    "money": re.compile(
        r"(?:[$£€]\s?\d[\d,.]*(?:\s?(?:billion|million|trillion|bn|m)\b)?|"
        r"\d[\d,.]*\s(?:billion|million)\s(?:dollars|pounds|euros))"
    ),
    "percent": re.compile(
        r"\b(?:\d[\d.]*|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty)"
        r"\s?(?:%|per\s?cent\b|percent\b)"
    ),
    # "voted 5-2", "the 6-0 vote": how a body split, a key fact of a decision.
    "tally": re.compile(r"(?<=voted )\d{1,2}-\d{1,2}\b|\b\d{1,2}-\d{1,2}(?= vote\b)"),
    # A count of things: a number (in digits or a small word) followed by what it counts.
    "count": re.compile(r"\b(?:\d{1,3}(?:,\d{3})+|\d{1,3}|" + "|".join(_WORDS) + r")(?= [a-z])"),
    "date": re.compile(
        rf"\b(?:{_MONTHS})\s+\d{{1,2}}(?:,\s+\d{{4}})?\b|\b\d{{1,2}}\s+(?:{_MONTHS})\b"
    ),
    "year": re.compile(r"\b(?:19|20)\d{2}\b"),
}
_US_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|Ohio|Oklahoma|Oregon|"
    "Pennsylvania|Tennessee|Texas|Utah|Vermont|Virginia|Washington|Wisconsin|Wyoming|"
    "New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Rhode Island|"
    "South Carolina|South Dakota|West Virginia"
)
_PLACE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(
        re.escape(n)
        for n in sorted({*COUNTRY_NAMES, *_US_STATES.split("|")}, key=len, reverse=True)
        if len(n) > 3
    )
    + r")(?![\w])"
)
# A bound ("over 900", "rejected any rise above three per cent") is no exact figure: another
# number would not be plainly false ("any rise above five per cent" was rejected too).
_BOUND = re.compile(
    r"(?:over|more than|less than|fewer than|nearly|almost|about|around|roughly|approximately|"
    r"close to|as many as|as few as|upwards of|an estimated|estimated|"
    r"some|at least|up to|under|just|a little|above|below|beyond|exceeding|within)\s+$",
    re.IGNORECASE,
)
# A dateline or a wire's tag before the first sentence: "SAN FRANCISCO (CBS SF/BCN) — ",
# "WAUKEE, Iowa — ", "(CNN)". It is no part of the fact, so an item's text leaves it out.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.\' ]+[A-Z.](?:,\s+[A-Z][a-z]+\.?)*\s*(?:\([^)]{1,40}\))?\s*(?:—|–|--|-)\s+|"
    r"\([A-Z]{2,10}\)\s*)"
)
# Words that may open a sentence before a figure and are no name: "In 2017", "Over 900".
_NOT_NAME = re.compile(
    rf"(?:In|On|By|At|Of|Over|Since|Until|From|About|Some|Nearly|The|An?|{_MONTHS})"
)


@dataclass(frozen=True, slots=True)
class Detail:
    kind: str
    text: str
    start: int  # offset in the sentence's body (the sentence without its dateline)
    end: int


def _body(s: Sentence) -> str:
    """The sentence without a dateline in front of it."""
    m = _DATELINE.match(s.text)
    return s.text[m.end() :] if m else s.text


def _part_of_name_or_range(text: str, start: int, end: int) -> bool:
    """A figure that names rather than counts ("House Bill 2", "the 2017 NCAA Tournament") or
    one end of a range ("2016-2017", "from 2018 to 2022"), whose gap the other end gives away."""
    after, before = text[end : end + 12], text[max(0, start - 12) : start]
    if after.startswith("/") or before.endswith("/"):
        return True  # "24/7", "9/11": one token, not a count
    if re.match(r"\s*(?:-|–|to|through|and)\s*\d", after) or re.search(
        r"\d\s*(?:-|–|to|through|and)\s*$", before
    ):
        return True
    word = re.search(r"(\S+)\s$", before)
    if word and word.group(1)[:1].isupper() and not _NOT_NAME.fullmatch(word.group(1)):
        return True
    return bool(re.match(r"\s[A-Z][a-z]*[A-Z]|\s[A-Z]{2,}", after))


def _details(text: str) -> list[Detail]:
    """The checkable details of a text, by kind, none overlapping and none that names."""
    out: list[Detail] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DETAILS.items():
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found = m.group(0).strip()
            if kind == "count" and found in ("0", "1"):
                continue
            if kind in ("count", "year") and _part_of_name_or_range(text, m.start(), m.end()):
                continue
            out.append(Detail(kind, found, m.start(), m.start() + len(found)))
    for m in _PLACE.finditer(text):
        # A place inside a name ("New Jersey School Board", "University of Massachusetts",
        # "The New York Times") is the name's, not where something happened.
        if re.match(r"\s[A-Z]|\s\(|[’']", text[m.end() :]) or re.search(
            r"[A-Z]\w+ of $", text[: m.start()]
        ):
            continue
        if not any(m.start() < b and a < m.end() for a, b in taken):
            taken.append((m.start(), m.end()))
            out.append(Detail("place", m.group(0), m.start(), m.end()))
    return out


_CAPTION = re.compile(r"(?:FILE\s+)?PHOTO\b|(?:Photo|Image|Picture|Caption)\b\s*[:-]")


def _quoted(paragraph: str, start: int) -> bool:
    """Whether a sentence starting at `start` lies inside a quotation that opened before it."""
    before = paragraph[:start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _plain(s: Sentence, paragraph: str) -> bool:
    """A sentence fit to ask about: a statement of the reporter's, not a quotation (nor a
    sentence of one), a heading or a run-on paragraph."""
    text = _body(s)
    return (
        not s.heading
        and not _quoted(paragraph, s.start)
        # A photo's caption ("FILE PHOTO - … speaks during an interview …") is no fact of
        # the story.
        and not _CAPTION.match(s.text)
        and 40 <= len(text) <= MAX_SENTENCE
        and not re.search(r"[\"“”‘’]", text.replace("’s", "").replace("’t", ""))
        and text.rstrip().endswith((".", "!"))
        and "?" not in text
        # A sentence that leans on the one before ("Instead, he …") says too little alone.
        and not re.match(
            r"(?:He|She|It|They|This|That|These|Those|Instead|However|But|Also)\b", text
        )
    )


_RANK = {kind: n for n, kind in enumerate([*_DETAILS, "place"])}


def _facts(article: Article, all_sentences: list[Sentence]) -> list[tuple[Sentence, Detail]]:
    """(sentence, detail) pairs, at most one per sentence, in article order: the detail of
    each plain sentence that says most (a sum before a count before a year), else its place."""
    out = []
    seen: set[str] = set()
    for s in all_sentences:
        if not _plain(s, article.paragraphs[s.paragraph].text):
            continue
        found = sorted(_details(_body(s)), key=lambda d: (_RANK[d.kind], d.start))
        choices = [d for d in found if d.text not in seen]
        if choices:
            seen.add(choices[0].text)  # one item per detail: "Ukraine" is asked once
            out.append((s, choices[0]))
    return out


def _shows(text: str, answer: str) -> bool:
    """Whether a learner reading `text` reads `answer` (as a word, in any case)."""
    return re.search(rf"(?<![\w-]){re.escape(answer)}(?![\w-])", text, re.IGNORECASE) is not None


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


def _complemented(d: Detail, body: str) -> bool:
    """Whether the sentence holds the rest of a share ("holding 65 percent … the remaining 35
    percent"), from which a learner works out the blank without knowing it."""
    value = _number(d.text.split()[0].rstrip("%"))
    if value is None:
        return False
    for other in _details(body):
        rest = _number(other.text.split()[0].rstrip("%"))
        if other.kind == "percent" and other.start != d.start and rest == 100 - value:
            return True
    return False


def cloze_questions(
    article: Article, facts: list[tuple[Sentence, Detail]], taken: set[str], shown: str
) -> tuple[list[str], list[str]]:
    """Cloze items and their answers. A blank another question shows (`shown`, what the bank
    shows so far), or the sentence shows elsewhere, is not drafted: it would be read, not
    recalled."""
    out: list[str] = []
    answers: list[str] = []
    # Places are named across an article, so their blanks are mostly shown: the check below
    # keeps the few that are not.
    for s, d in facts:
        if len(answers) >= MAX_CLOZE:
            break
        body = _body(s)
        text = body[: d.start] + "{{" + d.text + "}}" + body[d.end :]
        if "{" in s.text or "}" in s.text:
            continue  # the article's own braces would read as blanks
        if _shows(shown, d.text) or _shows(body[: d.start] + body[d.end :], d.text):
            continue
        if d.kind == "percent" and _complemented(d, body):
            continue
        # A place is given away by its people's name too: "Iranian students" shows "Iran".
        if d.kind == "place" and re.search(rf"\b{re.escape(d.text)}\w", shown + " " + body):
            continue
        answers.append(d.text)
        out.append("")
        out += comment(f"article line {_line(article, s)}; the blank is a {d.kind} it states", 2)
        out.append(f"  - id: {_id('cloze', d.text + ' ' + body, taken)}")
        out.append("    type: cloze")
        out.append(f"    text: {scalar(text, 4)}")
        out.append(f"    evidence: {scalar(s.text, 4)}")
        out += ["    tags:", f"      - {DRAFT_TAG}"]
    return out, answers


def _number(text: str) -> float | None:
    if text.lower() in _WORDS:
        return _WORDS[text.lower()]
    digits = re.sub(r"[^\d.]", "", text)
    try:
        return float(digits) if digits else None
    except ValueError:
        return None


def _changed(d: Detail, facts: list[tuple[Sentence, Detail]], body: str) -> str | None:
    """The one detail of the false variant: for a sum, a share or a place, another of its kind
    the article names (plausible because the article uses it); for a count, a tally, a date or
    a year, a near value of the same form, as an article rarely holds a second count of the
    same things."""
    if d.kind in ("money", "percent", "place"):
        for other_s, _ in facts:
            for other in _details(_body(other_s)):
                if other.kind == d.kind and other.text != d.text and other.text not in body:
                    return other.text
        return None
    if d.kind == "tally":
        a, b = (int(x) for x in d.text.split("-"))
        # One vote moved, the total kept: a split as plausible as the true one, and not it.
        a, b = (a - 1, b + 1) if a - 1 > b + 1 else (a + 1, b - 1) if b > 0 else (a - 1, b + 1)
        return f"{a}-{b}" if a > 0 and b >= 0 else None
    if d.kind == "year":
        years = [int(o.text) for t, _ in facts for o in _details(_body(t)) if o.kind == "year"]
        year = int(d.text)
        near = [y for y in years if y != year and abs(y - year) <= 5 and str(y) not in body]
        return str(near[0]) if near else str(year - 2)
    if d.kind == "date":
        day = re.search(r"\b\d{1,2}\b", d.text)
        if day is None:
            return None
        moved = int(day.group(0)) + 7 if int(day.group(0)) <= 21 else int(day.group(0)) - 7
        return d.text[: day.start()] + str(moved) + d.text[day.end() :]
    value = _number(d.text)
    if d.kind != "count" or value is None or value < 2:
        return None
    new = int(value + max(1, value // 2))  # half as many again: plausible, and not the figure
    if d.text.lower() in _WORDS:
        word = _WORD_OF.get(new)
        return word if word else None
    return f"{new:,}" if "," in d.text or new >= 10000 else str(new)


def _true_elsewhere(statement: str, start: int, end: int, flat: str) -> bool:
    """Whether the false variant's changed detail stands with its neighbouring words somewhere
    in the article, which would make the statement true of something the article says."""
    before = " ".join(statement[:start].split()[-2:])
    after = " ".join(statement[end:].split()[:2])
    new = statement[start:end]
    return any(piece.strip() and piece in flat for piece in (f"{before} {new}", f"{new} {after}"))


def _flat(article: Article) -> str:
    return " ".join(" ".join(p.text for p in article.paragraphs).split())


def _variant(
    d: Detail, pool: list[tuple[Sentence, Detail]], body: str, flat: str
) -> tuple[str, str] | None:
    """The false statement of a fact and its changed detail, if one is plainly false."""
    if d.kind in ("count", "money", "percent") and _BOUND.search(body[: d.start]):
        return None  # "over 900": a bound, so another figure is not plainly false
    if re.match(r"\s+\w+\s*(?:—|–|:|\()\s*\d", body[d.end :]):
        return None  # a total its parts follow ("72 stores — 50 in …"): false by adding up
    other = _changed(d, pool, body)
    if other is None or other == d.text:
        return None
    statement = body[: d.start] + other + body[d.end :]
    if _true_elsewhere(statement, d.start, d.start + len(other), flat):
        return None
    return statement, other


def true_false_questions(
    article: Article,
    facts: list[tuple[Sentence, Detail]],
    taken: set[str],
    asked: list[str],
    pool: list[tuple[Sentence, Detail]],
) -> list[str]:
    """False statements: a fact's sentence with one detail changed. A true statement would be
    the article's own words, which the item-writing checks rightly flag (a learner should
    recognise the fact, not the sentence), so true ones are left to the instructor to put in
    other words. A statement showing a cloze's answer (`asked`) is not drafted."""
    out: list[str] = []
    flat = _flat(article)
    for s, d in facts:
        if sum(1 for row in out if row.startswith("  - id: ")) >= MAX_TRUE_FALSE:
            break
        body = _body(s)
        made = _variant(d, pool, body, flat)
        if made is None:
            continue
        statement, other = made
        if any(_shows(statement, a) or a == other for a in asked) or d.text in asked:
            continue
        out.append("")
        line = _line(article, s)
        out += comment(f"article line {line}; false variant: {d.text} changed to {other}", 2)
        out.append(f"  - id: {_id('tf', body, taken)}")
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
    if not person.role or not _a_title(person.role):
        return None
    for form in (f"{person.role} {person.name}", f"{person.name}, {person.role}"):
        if form in text:
            return person.role, form
    return None


# A title is a noun phrase: a relative clause ("who the board stripped of …") is a description,
# and a title cut before its last word ("Professor of", of "Professor of Law Ash Bhagwat",
# where the name took "Law") would match the wrong words.
_NOT_TITLE = re.compile(
    r"^(?:who|whom|whose|which|that|where|when)\b|\b(?:of|for|and|the|at|in|to|a|an|on)$",
    re.IGNORECASE,
)
MAX_TITLE_WORDS = 8


def _a_title(role: str) -> bool:
    return not _NOT_TITLE.search(role.strip()) and len(role.split()) <= MAX_TITLE_WORDS


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
    "Organization|Service|Office|Court|Parliament|Assembly|Senate|Congress|Group|Foundation|"
    "District|League|University|College"
)
# A sentence that opens on an organisation's name and goes straight on to its verb: the name is
# the answer of "Which organisation <verb> …?", the rest of the sentence its prompt.
_ORG_SUBJECT = re.compile(
    r"^(?:The\s+)?(?P<name>(?:[A-Z][\w.&’'-]*\s+){0,6}?(?:" + _ORG_HEADS + r")\b\.?"
    # "The Francis Howell School District board": a named body's board, in lower case.
    r"(?:\s+(?:board|council|committee))?"
    # "The ACLU", "The NCAA": a body known by its letters alone.
    r"|[A-Z]{3,6}(?=\s))(?:\s+\((?P<short>[A-Z][A-Za-z&.]{1,9})\))?\s+"
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
        if not _plain(s, article.paragraphs[s.paragraph].text):
            continue
        m = _named_subject(_body(s).strip(), names or [])
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


def fact_questions(
    article: Article, people: dict[str, Person], taken: set[str], shown: Callable[[], str]
) -> list[str]:
    """Matching, cloze and true/false items; `shown()` is what the questions before show."""
    facts = _facts(article, sentences(article.paragraphs))
    matching = matching_question(article, people, taken)
    seen = shown() + "\n" + "\n".join(matching)
    # Every other fact that makes a plainly false variant is kept for a true/false, so that a
    # draft asks both ways; the lead fact goes to a cloze.
    flat = _flat(article)
    viable = [f for f in facts if _variant(f[1], facts, _body(f[0]), flat) is not None]
    kept = {id(s) for s, _ in viable[1::2][:MAX_TRUE_FALSE]}
    first = [f for f in facts if id(f[0]) not in kept]
    clozes, answers = cloze_questions(article, first, taken, seen)
    # A sentence asked as a cloze is not asked again as a true/false: the statement would
    # hold the cloze's answer, or its changed figure sit beside it.
    used = {id(s) for s, d in facts if d.text in answers}
    rest = [(s, d) for s, d in facts if id(s) not in used]
    falses = true_false_questions(article, rest, taken, answers, facts)
    return matching + clozes + falses
