"""Reading an article (plain text, Markdown or simple HTML) into numbered paragraphs.

Evidence in a bank must occur in the bank's source file, so the paragraphs kept here are exactly
the text a reader sees; `Article.plain_text()` is what gets copied beside the bank when the
original is Markdown or HTML (whose markup would otherwise stand between a passage and its match).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from studyapp.htmlscan import tokens
from studyapp.printable import readable_name

MAX_ARTICLE_BYTES = 5 * 1024 * 1024

# What a bank may not hold (see studyapp/bank/walk.py): C0 and C1 control characters other than
# tab and line ends, DEL, and the bidirectional embeddings and overrides, which show text in
# another order than it has. An article copied from a web page or a terminal can hold them.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]")

_TERMINAL = tuple('.!?:;"”’»)…')
_HASHTAG = re.compile(r"#(\w+)")


class ArticleError(Exception):
    """The article cannot be read; the message names the file."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    line: int  # 1-based line of the original file where the paragraph starts
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    path: Path
    kind: str  # "text" | "markdown" | "html"
    title: str
    paragraphs: tuple[Paragraph, ...]
    hashtags: tuple[str, ...] = ()
    # Characters dropped from the text because no bank may hold them: how many, and the line
    # and code point of the first. An article that lost some is cited by a cleaned copy.
    dropped: int = 0
    first_dropped: tuple[int, int] = (0, 0)

    def plain_text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs) + "\n"


def _looks_like_heading(text: str) -> bool:
    """Short lines without closing punctuation, in the manner of news subheads."""
    words = text.split()
    return 0 < len(words) <= 14 and not text.rstrip().endswith(_TERMINAL)


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with the 1-based number of their first line."""
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            out.append((start, current))
            current = []
    if current:
        out.append((start, current))
    return out


def _split_block(start: int, lines: list[str], wrapped: bool) -> list[tuple[int, str]]:
    """One paragraph when the block is wrapped prose, one per line when each line is a paragraph.

    A wrapped block is recognised by most of its lines breaking mid-sentence, or by a line that
    goes on in lower case on the next.
    """
    if len(lines) > 1:
        broken = sum(1 for line in lines[:-1] if not line.endswith(_TERMINAL))
        run_on = any(
            not a.endswith(_TERMINAL) and b[:1].islower() for a, b in itertools.pairwise(lines)
        )
        if wrapped or run_on or broken * 2 > len(lines) - 1:
            return [(start, " ".join(lines))]
    return [(start + i, line) for i, line in enumerate(lines)]


def _read_text(lines: list[str], wrapped: bool = False) -> list[Paragraph]:
    """`wrapped`: every block is one paragraph, as in Markdown."""
    paragraphs: list[Paragraph] = []
    for start, block in _blocks(lines):
        for line, text in _split_block(start, block, wrapped):
            paragraphs.append(Paragraph(text, line, _looks_like_heading(text)))
    return paragraphs


# Neither part may hold a bracket of its own, so that a `[` never closed stops the search at
# the next `[`: with `[^\]]*` every `[` scanned to the end of the line (quadratic in `[`s).
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\[\]]*\)")
# Tried in this order at each position, as an alternation would be.
_MD_MARKS = ("**", "__", "*", "_", "`")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_LIST = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


def _strip_markdown(text: str) -> str:
    return _strip_emphasis(_MD_LINK.sub(r"\1", text))


def _strip_emphasis(text: str) -> str:
    """`**a**`, `_a_`, `` `a` `` ... as `a`: a mark before a non-space, closed by the same mark
    after a non-space, the nearest closing mark winning.

    A pattern with a lazy group and a back-reference does the same, but it scans to the end of
    the line from every mark that is never closed, which is quadratic (a line of 90 kB of
    backticks took 36 s). Here each mark's closing places are listed once, and each opening
    finds its closing one by bisection.
    """
    if not any(mark in text for mark in _MD_MARKS):
        return text
    closers = {
        mark: [j for j in _positions(text, mark) if j > 0 and not text[j - 1].isspace()]
        for mark in _MD_MARKS
    }
    out: list[str] = []
    i = done = 0
    n = len(text)
    while i < n:
        if text[i] not in "*_`":
            i += 1
            continue
        for mark in _MD_MARKS:
            inner = i + len(mark)
            if not text.startswith(mark, i) or inner >= n or text[inner].isspace():
                continue
            places = closers[mark]
            k = bisect.bisect_left(places, inner + 1)
            if k < len(places):
                close = places[k]
                out += [text[done:i], text[inner:close]]
                i = done = close + len(mark)
                break
        else:
            i += 1
    out.append(text[done:])
    return "".join(out)


def _positions(text: str, mark: str) -> list[int]:
    """Every offset where `mark` starts, overlapping ones included."""
    found = []
    j = text.find(mark)
    while j >= 0:
        found.append(j)
        j = text.find(mark, j + 1)
    return found


def _read_markdown(lines: list[str]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    in_fence = False
    cleaned: list[str] = []
    headings: set[int] = set()
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            in_fence = not in_fence
            cleaned.append("")
            continue
        if in_fence or re.fullmatch(r"[-*_=]{3,}", line):
            cleaned.append("")
            continue
        if _MD_HEADING.match(line):
            headings.add(number)
            line = _MD_HEADING.sub("", line).rstrip("#").strip()
        line = _MD_LIST.sub("", line.lstrip("> ").strip()) if line else line
        cleaned.append(_strip_markdown(line))
    # A heading is its own paragraph even without a blank line after it.
    spaced: list[str] = []
    for number, line in enumerate(cleaned, 1):
        if number in headings:
            spaced.extend(["", line, ""])
        else:
            spaced.append(line)
    # Line numbers shift by the blank lines inserted above; map back to the source numbers.
    source_line: list[int] = []
    for number in range(1, len(cleaned) + 1):
        source_line.extend([number] * (3 if number in headings else 1))
    for p in _read_text(spaced, wrapped=True):
        origin = source_line[p.line - 1]
        paragraphs.append(Paragraph(p.text, origin, origin in headings or p.heading))
    return paragraphs


class _HtmlText:
    """Collects the text of block elements; scripts, styles and navigation are left out."""

    BLOCKS = frozenset(
        {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "dd", "figcaption"}
    )
    SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript"})

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.title = ""
        self._parts: list[str] = []
        self._block: str | None = None
        self._line = 0
        self._skip = 0
        self._in_title = False

    def feed(self, text: str) -> None:
        # The tokenizer is linear in the text whatever its tags (see studyapp/htmlscan.py).
        for token in tokens(text):
            if token.kind == "start":
                self._start(token.value, token.line)
            elif token.kind == "end":
                self._end(token.value)
            else:
                self._data(token.value)

    def _start(self, tag: str, line: int) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCKS:
            self._flush()
            self._block, self._line = tag, line
        elif tag == "br":
            self._parts.append(" ")

    def _end(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS and tag == self._block:
            self._flush()

    def _data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title += data
        elif self._block is not None:
            self._parts.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if self._block is not None and text:
            heading = self._block.startswith("h") and self._block[1:].isdigit()
            self.paragraphs.append(Paragraph(text, self._line, heading))
        self._parts, self._block = [], None


def _kind_of(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm", ".xhtml"}:
        return "html"
    if suffix in {".md", ".markdown"}:
        return "markdown"
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"


def parse_article(text: str, path: Path, kind: str | None = None) -> Article:
    kind = kind or _kind_of(path, text)
    html_title = ""
    if kind == "html":
        parser = _HtmlText()
        parser.feed(text)
        parser._flush()
        paragraphs = parser.paragraphs
        html_title = " ".join(parser.title.split())
    elif kind == "markdown":
        paragraphs = _read_markdown(text.splitlines())
    else:
        paragraphs = _read_text(text.splitlines())
    hashtags: list[str] = []
    body: list[Paragraph] = []
    for p in paragraphs:
        # A line of hashtags ("Tags: #Trump #Ukraine") labels the article; it is not prose.
        if p.text.lower().startswith("tags:") or (
            p.text.startswith("#") and all(w.startswith("#") for w in p.text.split())
        ):
            hashtags.extend(t.lower() for t in _HASHTAG.findall(p.text))
            body.append(Paragraph(p.text, p.line, heading=True))
            continue
        body.append(p)
    title = html_title or next((p.text for p in body if p.heading and "#" not in p.text), "")
    if not title:
        title = next((p.text for p in body), readable_name(path.stem))
    return Article(path, kind, title, tuple(body), tuple(dict.fromkeys(hashtags)))


def read_article(path: Path) -> Article:
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{path}: the article is larger than 5 MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read the article: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ArticleError(f"{path}:{line}: the article is not UTF-8 text") from exc
    first = _UNSAFE.search(text)
    if first is None:
        article = parse_article(text, path)
    else:
        cleaned, count = _UNSAFE.subn("", text)
        where = (text.count("\n", 0, first.start()) + 1, ord(first.group()))
        article = dataclasses.replace(
            parse_article(cleaned, path), dropped=count, first_dropped=where
        )
    if not any(not p.heading for p in article.paragraphs):
        raise ArticleError(f"{path}: no paragraphs of text found in the article")
    return article
