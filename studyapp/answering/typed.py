"""Comparing a typed answer with the accepted ones, the way a fair teacher would.

Case, accents, spacing, punctuation and the typographic forms of quotes and dashes do not count.
Beyond that a teacher reads for meaning: a leading article or preposition, a title before a name,
a surname alone, a plural, "Mon" for Monday, a correct role after the name and a more specific
form ("UN General Assembly") are all the answer; one slip of the keyboard is forgiven when it
cannot be read as another word or another person. Hedges ("Monday or Tuesday") and negations
("not Monday") never are. docs/question-format.md lists every rule with examples.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from studyapp.answering.words import is_word
from studyapp.model import Actor

# A word of this many letters or more may have any one slip; a shorter one of four letters only
# two neighbours swapped (Kier for Keir), and one of three or fewer none at all (Rme is not Rome).
TYPO_MIN_LETTERS = 5
SWAP_MIN_LETTERS = 4

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)
# Apostrophes and dots inside a word join it ("U.S." is "US", "don't" is "dont"); any other
# punctuation separates words ("rare-earth" is "rare earth").
_JOINING = re.compile(r"(?<=\w)['.](?=\w)")
_PUNCTUATION = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACE = re.compile(r"\s+")
# A run of white space other than one plain space: the same text as `_SPACE` gives, while a
# source of many words makes no match per word.
_SPACE_RUN = re.compile(r"[^\S ]\s*| \s+")


def normalise(text: str) -> str:
    """Fold what should not decide whether an answer is right."""
    text = text.translate(_TYPOGRAPHIC)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PUNCTUATION.sub(" ", _JOINING.sub("", text.casefold()))
    return _SPACE.sub(" ", text).strip()


def normalise_passage(text: str) -> str:
    """Whitespace, quotes and dashes folded, nothing else: for finding evidence in a source."""
    return _SPACE_RUN.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one substitution, insertion, deletion or swap of neighbours turns a into b."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def _swapped(a: str, b: str) -> bool:
    """Two neighbouring letters swapped: the same letters, typed out of order."""
    if len(a) != len(b) or a == b:
        return False
    diffs = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and a[diffs[0]] == b[diffs[1]]
        and a[diffs[1]] == b[diffs[0]]
    )


def _doubled(a: str, b: str) -> bool:
    """One letter doubled or a double letter typed once (Bidden, Rusia): a stutter of the keys."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) != len(short) + 1:
        return False
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1 :] == short:
            return (i > 0 and long_[i] == long_[i - 1]) or (
                i + 1 < len(long_) and long_[i] == long_[i + 1]
            )
    return False


# Words that may stand before an answer without changing it.
_LEADING = frozenset({"the", "a", "an", "in", "on", "at", "to", "with", "from", "by", "during"})
# Titles and honorifics before a person's name.
_TITLES = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "pm",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "doctor",
        "sir",
        "dame",
        "lord",
        "lady",
        "mayor",
        "senator",
        "sen",
        "governor",
        "gov",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "secretary",
        "general",
        "gen",
        "premier",
        "former",
        "ex",
        "chairman",
        "chairwoman",
        "chair",
        "leader",
        "deputy",
        "foreign",
        "defence",
        "defense",
        "state",
    ]
)
# A hedge lists more than one answer; a negation says what the answer is not.
_HEDGES = frozenset({"or", "and", "nor", "either", "versus", "vs"})
_NEGATIONS = frozenset(
    {"not", "no", "never", "neither", "nor", "isnt", "wasnt", "werent", "didnt", "doesnt", "none"}
)
# Words that turn "X ..." into something other than a more specific form of X.
_FUNCTION = frozenset(
    [
        "of",
        "or",
        "and",
        "nor",
        "not",
        "no",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "after",
        "before",
        "than",
        "but",
        "near",
        "without",
        "under",
        "over",
        "between",
        "against",
        "about",
        "like",
        "except",
        "instead",
    ]
)
_DAYS_MONTHS = {
    "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "weds": "wednesday",
    "thu": "thursday", "thur": "thursday", "thurs": "thursday", "fri": "friday",
    "sat": "saturday", "sun": "sunday", "jan": "january", "feb": "february", "mar": "march",
    "apr": "april", "jun": "june", "jul": "july", "aug": "august", "sep": "september",
    "sept": "september", "oct": "october", "nov": "november", "dec": "december",
}  # fmt: skip
_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
}
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_APPOSITION = re.compile(r"\s*(?:,|;|\(|\s[-\u2013\u2014]\s|\u2014)\s*")


def _numbers(words: list[str]) -> list[str]:
    """Number words as digits ("twenty four" is "24"), and "24th" as "24"."""
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in _TENS:
            value = _TENS[w]
            if i + 1 < len(words) and words[i + 1] in _UNITS and 0 < _UNITS[words[i + 1]] < 10:
                value += _UNITS[words[i + 1]]
                i += 1
            out.append(str(value))
        elif w in _UNITS:
            out.append(str(_UNITS[w]))
        else:
            m = _ORDINAL.match(w)
            out.append(m.group(1) if m else w)
        i += 1
    return out


def _words(text: str) -> list[str]:
    return _numbers(normalise(text).split())


def _strip(words: list[str], strip: frozenset[str]) -> list[str]:
    i = 0
    while i < len(words) - 1 and words[i] in strip:
        i += 1
    return words[i:]


def _initials(name_words: list[str]) -> str:
    return "".join(w[0] for w in name_words if w not in _FUNCTION)


@dataclass(frozen=True, slots=True)
class _Form:
    """One accepted way of writing the answer, folded for comparison."""

    original: str  # shown when a slip is forgiven
    words: tuple[str, ...]
    names: frozenset[str]  # its words that are (part of) a name, where a slip may not be a word
    person: bool = False  # a person's name, which may follow a title
    role: frozenset[str] = frozenset()  # words of the person's role, for an apposition


def _name_words(text: str) -> frozenset[str]:
    """Words written with a capital in the key: names, where another common word cannot fit."""
    return frozenset(
        w for tok in re.findall(r"[\w'.\u2019]+", text) if tok[:1].isupper() for w in _words(tok)
    )


def _role_words(role: str) -> frozenset[str]:
    words = _words(role)
    # "United States" in a role also answers as "US", "United Kingdom" as "UK".
    runs = re.findall(r"(?:[A-Z][\w]*\s+){1,}[A-Z][\w]*", role)
    return frozenset(words) | {_initials(_words(r)) for r in runs}


def actor_forms(actor: Actor) -> tuple[str, ...]:
    """The ways a learner may name an actor: full name, a person's surname, an organisation's
    initials, a person's full role ("President of Ukraine")."""
    words = normalise(actor.name).split()
    forms = [actor.name]
    if actor.kind == "person" and len(words) > 1:
        forms.append(actor.name.split()[-1])
    elif len(words) > 1:
        forms.append(_initials(words).upper())
    if actor.kind == "person" and actor.role:
        forms.append(actor.role)
    return tuple(forms)


def _actor_is(actor: Actor, text: str) -> bool:
    """Whether an accepted answer names this actor (by full name, surname or initials)."""
    given = _strip(_words(text), _LEADING)
    return any(_strip(_words(f), _LEADING) == given for f in actor_forms(actor)[:2])


@dataclass(frozen=True, slots=True)
class TypedKey:
    """What a typed answer is compared with: the accepted forms, the actors the answer is
    (whose name forms and roles count too) and the bank's other actors (whose names never do).
    A gap of a cloze takes no words after the answer: they would not fit the sentence."""

    accepted: tuple[str, ...]
    actors: tuple[Actor, ...] = ()
    others: tuple[Actor, ...] = ()
    gap: bool = False

    @classmethod
    def for_answers(
        cls,
        accepted: Iterable[str],
        actors: Iterable[Actor] = (),
        named: Iterable[str] = (),
        gap: bool = False,
    ) -> TypedKey:
        """The key for these accepted answers among a bank's `actors`; `named` are actor ids the
        answer is said to be. An accepted answer that is an actor's name makes it one too."""
        accepted = tuple(accepted)
        everyone = tuple(actors)
        ids = set(named)
        mine = tuple(a for a in everyone if a.id in ids or any(_actor_is(a, t) for t in accepted))
        others = tuple(a for a in everyone if a not in mine)
        return cls(accepted, mine, others, gap)

    def forms(self) -> list[_Form]:
        out: list[_Form] = []
        for text in self.accepted:
            words = _strip(_words(text), _LEADING)
            if words:
                out.append(_Form(text, tuple(words), _name_words(text)))
                caps = _name_words(text)
                if len(words) > 1 and all(w in caps for w in words) and not self.actors:
                    out.append(_Form(text, (_initials(words),), frozenset()))
        for actor in self.actors:
            person = actor.kind == "person"
            role = _role_words(actor.role) if person else frozenset()
            for text in actor_forms(actor):
                words = _strip(_words(text), _LEADING)
                out.append(_Form(actor.name, tuple(words), _name_words(text), person, role))
        return out

    def other_names(self) -> frozenset[str]:
        """Every word of another actor's name, and their full names."""
        found: set[str] = set()
        for actor in self.others:
            words = _words(actor.name)
            found.update(words)
            found.add(" ".join(words))
        return frozenset(found)


@dataclass(frozen=True, slots=True)
class TypedMatch:
    ok: bool
    accepted: str = ""  # the accepted form it matched, as the bank writes it
    note: str = ""  # set when the match forgave a slip, to show the exact form


def _plural_pair(t: str, a: str) -> bool:
    if len(t) < 3 or len(a) < 3 or t.isdigit() or a.isdigit():
        return False
    short, long_ = (t, a) if len(t) < len(a) else (a, t)
    return (
        long_ == short + "s"
        or long_ == short + "es"
        or (short.endswith("y") and long_ == short[:-1] + "ies")
    )


def _same_word(t: str, a: str) -> bool:
    return t == a or _DAYS_MONTHS.get(t) == a or _plural_pair(t, a)


def _slip(t: str, a: str, is_name: bool, others: frozenset[str]) -> bool:
    """Whether `t` is `a` with one forgivable slip of the keyboard."""
    if t.isdigit() or a.isdigit() or t in others:
        return False
    if len(a) < SWAP_MIN_LETTERS:
        return False
    if len(a) < TYPO_MIN_LETTERS:
        if not _swapped(t, a):
            return False
    elif not _one_edit_apart(t, a):
        return False
    # In a name the same letters out of order or a stuttered key are a slip even when they
    # spell some word (Kier, Bidden); a changed letter that makes a real word is another word.
    if is_name and (_swapped(t, a) or _doubled(t, a)):
        return True
    return not is_word(t)


def _align(typed: list[str], form: _Form, others: frozenset[str], slips: int) -> int | None:
    """Slips needed to read `typed` word by word as `form`, or None when it cannot be."""
    if len(typed) != len(form.words):
        return None
    for t, a in zip(typed, form.words, strict=True):
        if _same_word(t, a):
            continue
        if slips >= 1 or not _slip(t, a, a in form.names, others):
            return None
        slips += 1
    return slips


def _without_title(typed: list[str], form: _Form) -> list[str]:
    if not form.person:
        return typed
    rest = _strip(typed, _TITLES)
    return rest if rest != typed else typed


_DAY_MONTH_NAMES = frozenset(_DAYS_MONTHS) | frozenset(_DAYS_MONTHS.values())


def _another_answer(word: str, others: frozenset[str]) -> bool:
    """A word after the answer that makes it something else, or a second answer: "Monday
    Tuesday" and "Starmer Macron" are hedges without the "or"."""
    return word in _FUNCTION or word in _DAY_MONTH_NAMES or word in others


def _match_form(typed: list[str], form: _Form, key: TypedKey, others: frozenset[str]) -> int | None:
    words = _strip(typed, _LEADING)
    candidates = [words]
    if form.person:
        untitled = _strip(_without_title(words, form), _LEADING)
        if untitled != words:
            candidates.append(untitled)
    for cand in candidates:
        slips = _align(cand, form, others, 0)
        if slips is not None:
            return slips
        extra = cand[len(form.words) :]
        if (
            not key.gap
            and 1 <= len(extra) <= 3
            and not any(_another_answer(w, others) for w in extra)
        ):
            slips = _align(cand[: len(form.words)], form, others, 0)
            if slips is not None:
                return slips
    return None


def _role_fits(tail: str, form: _Form) -> bool:
    words = [w for w in _words(tail) if w not in {"the", "a", "an", "of"}]
    return bool(words) and bool(form.role) and all(w in form.role for w in words)


def _refused(words: list[str], raw: str, key: TypedKey) -> bool:
    """A hedge or a negation that no accepted answer itself contains."""
    allowed = {w for text in key.accepted for w in _words(text)}
    for actor in key.actors:
        allowed.update(_words(actor.name))
    if any(w in _HEDGES and w not in allowed for w in words) or "/" in raw or "&" in raw:
        return True
    return any(w in _NEGATIONS and w not in allowed for w in words)


def match_key(typed: str, key: TypedKey) -> TypedMatch:
    """Whether `typed` is the answer `key` describes, and which accepted form it was."""
    given = normalise(typed)
    if not given:
        return TypedMatch(False)
    for text in key.accepted:
        if given == normalise(text):
            return TypedMatch(True, text)
    words = _numbers(given.split())
    if _refused(words, typed, key):
        return TypedMatch(False)
    others = key.other_names()
    stripped = " ".join(_strip(_strip(words, _LEADING), _TITLES))
    if stripped in others:  # another person's name, however close to the answer
        return TypedMatch(False)
    forms = key.forms()
    best: tuple[int, _Form] | None = None
    for form in forms:
        slips = _match_form(words, form, key, others)
        if slips is not None and (best is None or slips < best[0]):
            best = (slips, form)
    if best is None:
        parts = _APPOSITION.split(typed.strip(), maxsplit=1)
        if len(parts) == 2:
            head, tail = _words(parts[0]), parts[1].rstrip(")")
            for form in forms:
                slips = _match_form(head, form, key, others)
                if slips is not None and _role_fits(tail, form):
                    best = (slips, form)
                    break
    if best is None:
        return TypedMatch(False)
    slips, form = best
    if slips:
        return TypedMatch(
            True, form.original, f"Accepted “{typed.strip()}”; the exact form is “{form.original}”."
        )
    return TypedMatch(True, form.original)


def match_typed(typed: str, accepted: Iterable[str]) -> TypedMatch:
    """Compare with accepted answers alone, when no actors are known."""
    return match_key(typed, TypedKey(tuple(accepted)))
