"""Import Moodle XML: the kinds our format can carry come back as items; every other question
type, and every detail ours has no room for, is reported with its line number.

The file is parsed with expat directly so that each element knows its line; a document type
declaration (and with it any entity trickery) is refused outright.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from xml.parsers import expat

from studyapp.interop.common import (
    AnyItem,
    ChoiceItem,
    ClozeItem,
    Common,
    Imported,
    MatchingItem,
    ShortItem,
    TrueFalseItem,
    html_to_text,
)
from studyapp.interop.credit import choice_answers, full_credit, matching_pairs

# The full mark, less what rounding may take off: 99.99999 % still counts as right.
_FULL = 0.9999999


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    column: int = 1
    children: list[Node] = field(default_factory=list)
    text: str = ""
    # Character data arrives in many pieces (expat reports each line break on its own); they
    # are joined once at the end tag, since adding to a string piece by piece is quadratic.
    parts: list[str] = field(default_factory=list)

    def find(self, tag: str) -> Node | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[Node]:
        return [c for c in self.children if c.tag == tag]

    def value(self, *path: str) -> str:
        node: Node | None = self
        for tag in path:
            node = node.find(tag) if node is not None else None
        return node.text if node is not None else ""


class XmlError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


# The encodings expat reads itself; any other declared one is decoded by Python first.
_EXPAT_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "iso-8859-1", "latin-1", "us-ascii"}
_DECLARATION = re.compile(rb"""^<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A declaration in UTF-32 or UTF-16 without a byte order mark starts with these bytes.
_WIDE_STARTS = (
    (b"<\0\0\0", "utf-32-le"),
    (b"\0\0\0<", "utf-32-be"),
    (b"<\0?\0", "utf-16-le"),
    (b"\0<\0?", "utf-16-be"),
)


def decode(data: bytes) -> str:
    """The document as text, in the encoding its byte order mark or declaration names.

    Expat knows four encodings; Moodle files also come in Shift_JIS, GB2312, Big5, UTF-32 and
    the like, which Python can decode. A name Python does not know is refused by name.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data, name, name)
    for start, name in _WIDE_STARTS:
        if data.startswith(start):
            return _decode(data, name, name)
    m = _DECLARATION.match(data)
    declared = m.group(1).decode("ascii") if m else "utf-8"
    name = declared.lower()
    if name.startswith("x-mac-"):  # the IANA-registered Mac names Python spells without x-
        name = name[2:]
    return _decode(data, name, declared)


def _decode(data: bytes, name: str, declared: str) -> str:
    try:
        text = data.decode(name)
    except LookupError:
        raise XmlError(1, f"the encoding {declared!r} is not one this program can read") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise XmlError(line, f"the text is not valid {declared}") from None
    # Some decoders (UTF-7's) can yield a lone surrogate, which no UTF-8 file can hold.
    return _SURROGATE.sub("\ufffd", text.removeprefix("\ufeff"))


_SURROGATE = re.compile("[\ud800-\udfff]")


def parse(data: bytes) -> Node:
    text = decode(data)
    # Decoded already: expat is told the bytes are UTF-8 whatever the declaration says.
    parser = expat.ParserCreate(encoding="UTF-8")
    parser.buffer_text = True
    root = Node("", {}, 0)
    stack = [root]

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = Node(tag, attrs, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        stack[-1].children.append(node)
        stack.append(node)

    def end(tag: str) -> None:
        node = stack.pop()
        node.text, node.parts = "".join(node.parts), []

    def chars(text: str) -> None:
        stack[-1].parts.append(text)

    def doctype(*_: object) -> None:
        raise XmlError(parser.CurrentLineNumber, "a document type declaration is not accepted")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(text.encode("utf-8", "surrogatepass"), True)
    except expat.ExpatError as exc:
        message = f"not well-formed XML: {expat.errors.messages[exc.code]}"
        raise XmlError(exc.lineno, message) from None
    return root


class _Reader:
    def __init__(self, node: Node, out: Imported) -> None:
        self.node = node
        self.out = out
        self.line = node.line
        out.columns.setdefault(node.line, node.column)

    def note(self, message: str) -> None:
        self.out.notes.append((self.line, message))

    def html(self, raw: str) -> str:
        text, lost = html_to_text(raw)
        if lost:
            self.note(f"HTML formatting dropped ({', '.join(f'<{t}>' for t in sorted(lost))})")
        return text

    def text(self, node: Node | None, default_format: str = "html") -> str:
        if node is None:
            return ""
        fmt = node.attrs.get("format", default_format)
        raw = node.value("text")
        if fmt == "html":
            return self.html(raw)
        if fmt == "moodle_auto_format":
            # Moodle shows this as HTML with each line break kept; so do we, as text.
            return self.html(raw.replace("\r\n", "\n").replace("\n", "<br>"))
        if fmt == "markdown" and _MARKDOWN.search(raw):
            self.note("Markdown formatting kept as written (our texts are plain)")
        return raw.strip()

    def common(self) -> Common:
        tags = tuple(t.value("text").strip() for t in (self.node.find("tags") or _EMPTY).all("tag"))
        name = self.node.value("idnumber").strip() or self.node.value("name", "text").strip()
        for old in ("image", "image_base64"):
            if self.node.value(old).strip():
                self.note(f"the picture in the old <{old}> field dropped (our texts are plain)")
                break
        return {
            "name": name,
            "feedback": self.text(self.node.find("generalfeedback")),
            "tags": tuple(t for t in tags if t),
            "line": self.line,
        }

    def answers(self, fmt: str = "html") -> list[tuple[str, float]]:
        out: list[tuple[str, float]] = []
        for node in self.node.all("answer"):
            try:
                fraction = float(node.attrs.get("fraction", "0")) / 100.0
            except ValueError:
                self.note(f"answer grade {node.attrs.get('fraction')!r} is not a number")
                fraction = 0.0
            if fraction != fraction:  # NaN: no grade at all
                fraction = 0.0
            text = self.text(node, fmt) if fmt == "html" else node.value("text").strip()
            if node.find("feedback") is not None and node.value("feedback", "text").strip():
                self.note(f"feedback on the answer {text!r} dropped (no equivalent)")
            out.append((text, fraction))
        return out


_EMPTY = Node("", {}, 0)
_MARKDOWN = re.compile(r"[*_`#\[]")


def _flag(text: str, default: bool) -> bool:
    text = text.strip().lower()
    if text in {"true", "1"}:
        return True
    if text in {"false", "0"}:
        return False
    return default


def read_moodle_xml(data: bytes, budget: int = 0) -> Imported:
    """Raises XmlError (with a line) when the file is not XML at all. `budget`: stop once the
    items are sure to take more bytes of YAML than this."""
    out = Imported(budget=budget)
    root = parse(data)
    quiz = root.find("quiz")
    if quiz is None:
        raise XmlError(1, "not a Moodle XML quiz: the top element is not <quiz>")
    for node in quiz.all("question"):
        reader = _Reader(node, out)
        qtype = node.attrs.get("type", "")
        if qtype == "category":
            out.enter_category(node.value("category", "text").strip())
            continue
        build = _BUILDERS.get(qtype)
        if build is None:
            reader.note(f"a question of type {qtype!r}; our format has no equivalent; skipped")
            continue
        item = build(reader)
        if item is not None:
            out.add(item)
            if out.full:
                reader.note("the bank is already over the size limit; stopped")
                break
    return out


def _choice(r: _Reader) -> AnyItem | None:
    parsed = r.answers()
    prompt = r.text(r.node.find("questiontext"))
    shuffle = _flag(r.node.value("shuffleanswers"), True)
    single = _flag(r.node.value("single"), True)
    kept = choice_answers(parsed, single, r.note, _FULL)
    if kept is None:
        return None
    choices, right = kept
    return ChoiceItem(
        prompt=prompt,
        choices=choices,
        correct=right,
        multiple=not single,
        shuffle=shuffle,
        **r.common(),
    )


def _true_false(r: _Reader) -> AnyItem | None:
    parsed = r.answers("plain")
    right = [t.lower() for t, f in parsed if f >= _FULL]
    if right not in (["true"], ["false"]):
        r.note("a true/false question without one right answer; skipped")
        return None
    statement = r.text(r.node.find("questiontext"))
    return TrueFalseItem(statement=statement, answer=right[0] == "true", **r.common())


def _matching(r: _Reader) -> AnyItem | None:
    pairs: list[tuple[str, str]] = []
    extras: list[str] = []
    for sub in r.node.all("subquestion"):
        left = r.text(sub)
        right = sub.value("answer", "text").strip()
        if left:
            pairs.append((left, right))
        elif right:
            extras.append(right)
    kept = matching_pairs(pairs, extras, r.note)
    if kept is None:
        return None
    return MatchingItem(prompt=r.text(r.node.find("questiontext")), pairs=kept, **r.common())


def _short(r: _Reader) -> AnyItem | None:
    accepted = full_credit(r.answers("plain"), r.note, _FULL)
    if not accepted:
        r.note("no answer earns full credit; skipped")
        return None
    if _flag(r.node.value("usecase"), False):
        r.note("answers were case-sensitive; ours accept any case")
    prompt = r.text(r.node.find("questiontext"))
    return ShortItem(prompt=prompt, answers=tuple(accepted), **r.common())


# {1:SHORTANSWER:=Paris#Right~%50%Marseille} and the like; see qtype_multianswer. The gaps are
# found by a forward scan, never by a backtracking pattern over the whole text.
_GAP_HEAD = re.compile(r"([0-9]*):([A-Z_]+):")
_ALTERNATIVE_SPLIT = re.compile(r"(?<!\\)~")
_MARK = re.compile(r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%")
_FEEDBACK = re.compile(r"(?<![\\&])#")
_SHORT_TYPES = {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"}
_CASE_TYPES = {"SHORTANSWER_C", "SAC", "MWC"}


def gaps(raw: str) -> list[tuple[int, int, str, str]]:
    """Each embedded answer of a cloze text: (start, end, kind, body), in order.

    A gap ends at the first "}" not escaped with a backslash; when none is left, no later "{"
    can close either, so the scan stops: one pass over the text whatever it holds.
    """
    out: list[tuple[int, int, str, str]] = []
    pos = 0
    while True:
        start = raw.find("{", pos)
        if start < 0:
            return out
        head = _GAP_HEAD.match(raw, start + 1)
        if head is None:
            pos = start + 1
            continue
        close = raw.find("}", head.end())
        while close > 0 and raw[close - 1] == "\\":
            close = raw.find("}", close + 1)
        if close < 0:
            return out
        out.append((start, close + 1, head.group(2), raw[head.end() : close]))
        pos = close + 1


def _gap_answers(r: _Reader, kind: str, body: str) -> tuple[str, ...] | None:
    if kind not in _SHORT_TYPES:
        r.note(f"a cloze with a {kind} gap; our cloze has typed gaps only; skipped")
        return None
    if kind in _CASE_TYPES:
        r.note(f"a {kind} gap is case-sensitive; ours accept any case")
    parsed: list[tuple[str, float]] = []
    for alternative in _ALTERNATIVE_SPLIT.split(body):
        mark = _MARK.match(alternative)
        fraction = 0.0
        if mark is not None:
            percent = mark.group(1)
            fraction = 1.0 if percent is None else float(percent.replace(",", ".")) / 100
            alternative = alternative[mark.end() :]
        feedback = _FEEDBACK.search(alternative)
        answer = alternative[: feedback.start()] if feedback else alternative
        if not answer.strip():
            continue
        text, _ = html_to_text(answer.replace("\\}", "}").replace("\\#", "#").replace("\\~", "~"))
        parsed.append((text, fraction))
    accepted = full_credit(parsed, r.note, _FULL)
    if not accepted or any("|" in a or "{{" in a or "}}" in a for a in accepted):
        r.note("a cloze gap without an answer our format can hold; skipped")
        return None
    return tuple(accepted)


def _cloze(r: _Reader) -> AnyItem | None:
    raw = r.node.value("questiontext", "text")
    parts: list[str | tuple[str, ...]] = []
    pos = 0
    for start, end, kind, body in gaps(raw):
        answers = _gap_answers(r, kind, body)
        if answers is None:
            return None
        parts += [raw[pos:start], answers]
        pos = end
    parts.append(raw[pos:])
    if not any(isinstance(p, tuple) for p in parts):
        r.note("a cloze without a gap; skipped")
        return None
    # Turn the HTML between gaps into text with markers kept, so spaces beside a gap survive.
    marked = "".join(p if isinstance(p, str) else f"\ue000{i}\ue001" for i, p in enumerate(parts))
    text = r.html(marked)
    out: list[str | tuple[str, ...]] = []
    for piece in re.split(r"(\ue000[0-9]+\ue001)", text):
        if piece.startswith("\ue000"):
            gap = parts[int(piece[1:-1])]
            out.append(gap)
        elif piece:
            out.append(piece)
    return ClozeItem(parts=tuple(out), **r.common())


_BUILDERS = {
    "multichoice": _choice,
    "truefalse": _true_false,
    "matching": _matching,
    "shortanswer": _short,
    "cloze": _cloze,
}
