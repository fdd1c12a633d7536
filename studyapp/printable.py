"""Text from files as a screen or a terminal may show it: the characters that act instead of
being read are written as escapes.

Bank files, their names and progress files come from anyone. A control character (ESC, which
retitles or clears a terminal; NUL, DEL, C1 codes) or a bidirectional override or isolate (which
shows "evil‮lmth.yaml" as "evilhtml.yaml"-like text in another order) is written as `\\x1b`,
`\\u202e` and so on; everything else is kept as it is.
"""

from __future__ import annotations


def shown(text: str, keep: str = "") -> str:
    """`keep`: characters to leave as they are (line breaks, in a dialog's text)."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if ch not in keep
        and (
            ord(ch) < 0x20
            or 0x7F <= ord(ch) <= 0x9F
            or 0x202A <= ord(ch) <= 0x202E
            or 0x2066 <= ord(ch) <= 0x2069
        )
        else ch
        for ch in text
    )


def readable_name(name: str) -> str:
    """A file name as text a bank can hold: bytes that were not UTF-8 (which Python keeps as
    lone surrogates, and which no UTF-8 file can hold) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def is_readable_name(name: str) -> bool:
    return readable_name(name) == name
