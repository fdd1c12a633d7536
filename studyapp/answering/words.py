"""Which typed words are real English words, to tell a slip of the keyboard from another word.

The list is pyspellchecker's English dictionary (MIT licence, about 160,000 lower-case words with
their frequencies in a large corpus of film subtitles and books), chosen because it is well kept,
pure Python with no dependencies, and small (650 kB compressed). It is read once, the first time
a slip is judged, since most answers are exact and never need it.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources


@cache  # read-only data of an installed package: loaded once, never changed
def english_words() -> Mapping[str, int]:
    """Lower-case English words mapped to how often they occur."""
    raw = (resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    data: dict[str, int] = json.loads(gzip.decompress(raw))
    return data


def is_word(word: str) -> bool:
    return word in english_words()
