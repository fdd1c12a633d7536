"""Reading the words of a question the way the item checks compare them.

Text is folded as typed answers are (case, accents, punctuation and typographic quotes do not
count), so "the U.S." in a prompt and "US" in an answer are the same words.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from itertools import compress, filterfalse, repeat

from studyapp.answering.typed import normalise
from studyapp.bank.itemcheck.catalogue import ABSOLUTES, MONTHS, NUMBERS, QUALIFIERS, STOPWORDS

# For plain ASCII: apostrophes and dots go (inside a word that joins it, as normalise does;
# elsewhere what is left beside them is a space or other punctuation, so the words come out
# the same but for runs of several marks), every other punctuation mark becomes a space.
_ASCII_FOLD = str.maketrans(
    {
        **{c: " " for c in '!"#$%&()*+,-/:;<=>?@[\\]^_`{|}~'},
        "'": None,
        ".": None,
    }
)

# The same in bytes, for many texts at once (Folded.fill): upper case to lower, and the ASCII
# whitespace characters (those str.split() splits at) to spaces; apostrophes and dots are
# deleted by the caller.
_BYTES_FOLD = bytes.maketrans(
    b'!"#$%&()*+,-/:;<=>?@[\\]^_`{|}~\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f'
    + b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    b" " * 39 + b"abcdefghijklmnopqrstuvwxyz",
)


def fold(text: str) -> str:
    """The text as typed answers are compared (typed.normalise), with a quicker way for plain
    ASCII, which has no accents or typographic marks to undo."""
    if not text.isascii():
        return normalise(text)
    return " ".join(text.lower().translate(_ASCII_FOLD).split())


class Folded(dict[str, str]):
    """Each text folded once: the checks look at the same options and prompts many times."""

    def __missing__(self, text: str) -> str:
        folded = self[text] = fold(text)
        return folded

    def fill(self, texts: Iterable[str]) -> None:
        """Fold many texts at once: the plain ASCII ones (nearly all) in one pass over them
        joined, as a bank of 10,000 questions has some 30,000 texts and folding each on its
        own costs more in calls than in work. The result is fold()'s for every text."""
        fresh = list(set(texts).difference(self))
        plain = list(filter(str.isascii, fresh))
        # As fold(), in bytes, whose translate is a plain table look-up (str's consults a
        # mapping for each character): lower case, the marks gone or made spaces, and every
        # whitespace character a space.
        joined = "\x00".join(plain).encode("ascii").translate(_BYTES_FOLD, b"'.")
        parts = joined.decode("ascii").split("\x00")
        if not plain or len(parts) != len(plain):
            # None to join, or a NUL of a text's own, which split it in two.
            for t in fresh:
                self[t]
            return
        # Then, text by text but in C-level loops, no space at either end (strip gives back
        # the text itself when there is none), and the few texts with a run of spaces inside
        # (a mark beside a space) one space between their words, as split() and join() do.
        parts = list(map(str.strip, parts))
        for i in compress(range(len(parts)), map(operator.contains, parts, repeat("  "))):
            parts[i] = " ".join(parts[i].split())
        self.update(zip(plain, parts, strict=True))
        for t in filterfalse(str.isascii, fresh):
            self[t]


class Bared(dict[str, str]):
    """Each text folded and stripped of its leading article once, as options are compared."""

    def __init__(self, folded: Folded) -> None:
        super().__init__()
        self.folded = folded

    def __missing__(self, text: str) -> str:
        found = self[text] = bare(self.folded[text])
        return found

    def fill(self) -> None:
        """Every text folded so far, bare (as bare() would give it): copied at once, then
        the few that start with an article stripped of it."""
        folded = self.folded
        self.update(folded)
        # Which start with an article, found by C-level loops over all of them.
        starting = map(str.startswith, folded.values(), repeat(_ARTICLES))
        for text in list(compress(folded.keys(), starting)):
            self[text] = bare(folded[text])


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an) ")
_ARTICLES = ("the ", "a ", "an ")
# Quoted words are someone else's: a "not" inside a quote is not the stem's negative.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")


def phrase_in(phrase: str, text: str) -> bool:
    """Whether the folded `phrase` occurs in the folded `text` as whole words."""
    if not phrase:
        return False
    return f" {phrase} " in f" {text} "


def content(words: list[str]) -> list[str]:
    return [w for w in words if w not in STOPWORDS]


def bare(folded: str) -> str:
    """The folded text without a leading article: the form options are compared in."""
    if folded.startswith(_ARTICLES):
        return _LEADING_ARTICLE.sub("", folded)
    return folded


def absolutes(folded: str) -> list[str]:
    return [w for w in folded.split() if w in ABSOLUTES]


def qualifiers(folded: str) -> list[str]:
    words = folded.split()
    return [
        w
        for i, w in enumerate(words)
        if w in QUALIFIERS and not (w == "most" and i and words[i - 1] == "the")
    ]


def unquoted(text: str) -> str:
    # Most prompts quote nothing: three `in` tests cost less than the search.
    if '"' not in text and "“" not in text and "‘" not in text:
        return text
    return _QUOTED.sub(" ", text)


def distinctive(raw: str, folded: str) -> bool:
    """An answer that, seen in another question, gives itself away: a name, a number, or two
    or more words that are not small words. A lone common word ("deal") is not: it turns up
    anywhere without being a cue."""
    tokens = raw.split()
    if len(tokens) == 1 and tokens[0].strip(".,;:!?") in MONTHS:
        return True
    words = content(folded.split())
    if any(word in NUMBERS for word in words):
        return True
    if not words:
        return False
    if len(words) >= 2 or any(ch.isdigit() for ch in folded):
        return True
    # An answer that is a name on its own ("Monday", "Zelenskyy"); a lone common word
    # written with a capital ("Deal") is not told apart from a name.
    return len(tokens) == 1 and tokens[0][:1].isupper() and len(folded) >= 3


_VOWEL_SOUND_EXCEPTIONS = ("uni", "use", "usu", "uti", "ure", "eu", "ewe", "one", "once", "ubi")
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")


_ENDINGS = ("ing", "ed", "es", "s", "e")


def stem(word: str) -> str:
    """A crude stem, enough to match the forms of one word in two questions: "vote", "voted"
    and "voting" meet, as do "suggest" and "suggested"."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    return word[:5]


def starts_with_vowel_sound(raw: str) -> bool:
    word = raw.strip().lstrip("“\"'‘(").split(" ")[0] if raw.strip() else ""
    if not word:
        return False
    if len(word) >= 2 and word.isupper() and word.isalpha():
        return word[0] in "AEFHILMNORSX"  # letters said with a vowel first: "an FBI agent"
    low = word.lower()
    if low.startswith(_SILENT_H):
        return True
    if low.startswith(_VOWEL_SOUND_EXCEPTIONS):
        return False
    return low[0] in "aeiou"


def looks_plural(raw: str) -> bool:
    words = fold(raw).split()
    if not words:
        return False
    last = words[-1]
    return len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is"))
