"""A linear-time HTML tokenizer for untrusted text: imported questions and drafted articles.

The standard library's HTMLParser rescans the rest of its buffer at every unclosed tag, so a
short hostile fragment (`<a ` repeated) takes minutes, and it raises on some marked sections
(`<![`). This reader moves forward only: every character is looked at a bounded number of times,
and nothing it meets raises. It follows what a browser does with the same bytes, as far as text
goes: comments, `<!...>` and `<?...>` declarations are dropped up to their end, a tag cut off by
the end of the text is dropped, a `<` that cannot start a tag is text, and the content of
script and style is skipped.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

# Elements whose content is not markup: skipped whole (raw text), or kept as text (RCDATA).
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes"})
_RCDATA = frozenset({"title", "textarea"})
_SPACE = " \t\n\r\f"


@dataclass(frozen=True, slots=True)
class Token:
    kind: Literal["start", "end", "data"]
    value: str  # the lowercased tag name, or the text with character references decoded
    line: int  # 1-based line of the token's first character


def _tag_end(text: str, start: int) -> int:
    """The index just past the `>` closing the tag that begins at `start`, or -1 when the text
    ends first. Quoted attribute values may hold `>`."""
    n, i, quote = len(text), start, ""
    while i < n:
        if quote:
            i = text.find(quote, i)
            if i < 0:
                return -1
            quote, i = "", i + 1
            continue
        ch = text[i]
        if ch == ">":
            return i + 1
        if ch in "\"'" and text[i - 1] in _SPACE + "=":
            quote = ch
        i += 1
    return -1


def _name(text: str, start: int) -> str:
    end = start
    n = len(text)
    while end < n and text[end] not in _SPACE + "/>":
        end += 1
    return text[start:end].lower()


def tokens(text: str) -> Iterator[Token]:
    """The tags and texts of `text` in order; script, style and the like yield no data."""
    n, pos, line, counted = len(text), 0, 1, 0
    lower: str | None = None  # made once, only if a raw-text element needs its end found

    def line_at(i: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, i)
        counted = i
        return line

    while pos < n:
        lt = text.find("<", pos)
        if lt < 0:
            yield Token("data", html.unescape(text[pos:]), line_at(pos))
            return
        if lt > pos:
            yield Token("data", html.unescape(text[pos:lt]), line_at(pos))
        nxt = text[lt + 1 : lt + 2]
        if text.startswith("<!--", lt):
            end = text.find("-->", lt + 4)
            pos = n if end < 0 else end + 3
        elif nxt in ("!", "?"):
            # Declarations, marked sections (<![CDATA[, <![if]>) and processing instructions
            # are bogus comments to a browser: they end at the first ">".
            end = text.find(">", lt + 2)
            pos = n if end < 0 else end + 1
        elif nxt == "/" and text[lt + 2 : lt + 3].isalpha():
            end = text.find(">", lt + 2)
            if end < 0:
                return
            yield Token("end", _name(text, lt + 2), line_at(lt))
            pos = end + 1
        elif nxt == "/":
            end = text.find(">", lt + 2)
            pos = n if end < 0 else end + 1
        elif nxt.isalpha():
            end = _tag_end(text, lt + 1)
            if end < 0:
                return
            name = _name(text, lt + 1)
            yield Token("start", name, line_at(lt))
            pos = end
            if name in _RAW_TEXT | _RCDATA and not text.startswith("/>", end - 2):
                lower = text.lower() if lower is None else lower
                close = lower.find("</" + name, pos)
                if close < 0:
                    return
                if name in _RCDATA and close > pos:
                    yield Token("data", html.unescape(text[pos:close]), line_at(pos))
                end = text.find(">", close)
                pos = n if end < 0 else end + 1
                yield Token("end", name, line_at(close))
        else:
            yield Token("data", "<", line_at(lt))
            pos = lt + 1
