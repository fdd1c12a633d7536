"""Import Moodle XML: the kinds our format can carry come back as items; every other question
type, and every detail ours has no room for, is reported with its line number.

The file is parsed with expat directly so that each element knows its line; a document type
declaration (and with it any entity trickery) is refused outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

from studyapp.interop.common import (
    AnyItem,
    ChoiceItem,
    ClozeItem,
    Common,
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
    children: list[Node] = field(default_factory=list)
    text: str = ""

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


def parse(data: bytes) -> Node:
    parser = expat.ParserCreate()
    root = Node("", {}, 0)
    stack = [root]

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = Node(tag, attrs, parser.CurrentLineNumber)
        stack[-1].children.append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        stack[-1].text += text

    def doctype(*_: object) -> None:
        raise XmlError(parser.CurrentLineNumber, "a document type declaration is not accepted")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        message = f"not well-formed XML: {expat.errors.messages[exc.code]}"
        raise XmlError(exc.lineno, message) from None
    return root


@dataclass
class XmlImport:
    items: list[AnyItem] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    category: str = ""


class _Reader:
    def __init__(self, node: Node, out: XmlImport) -> None:
        self.node = node
        self.out = out
        self.line = node.line

    def note(self, message: str) -> None:
        self.out.notes.append((self.line, message))

    def text(self, node: Node | None, default_format: str = "html") -> str:
        if node is None:
            return ""
        fmt = node.attrs.get("format", default_format)
        raw = node.value("text")
        if fmt == "html":
            text, lost = html_to_text(raw)
            if lost:
                self.note(f"HTML formatting dropped ({', '.join(f'<{t}>' for t in sorted(lost))})")
            return text
        return raw.strip()

    def common(self) -> Common:
        tags = tuple(t.value("text").strip() for t in (self.node.find("tags") or _EMPTY).all("tag"))
        name = self.node.value("idnumber").strip() or self.node.value("name", "text").strip()
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
            text = self.text(node, fmt) if fmt == "html" else node.value("text").strip()
            if node.find("feedback") is not None and node.value("feedback", "text").strip():
                self.note(f"feedback on the answer {text!r} dropped (no equivalent)")
            out.append((text, fraction))
        return out


_EMPTY = Node("", {}, 0)


def _flag(text: str, default: bool) -> bool:
    text = text.strip().lower()
    if text in {"true", "1"}:
        return True
    if text in {"false", "0"}:
        return False
    return default


def read_moodle_xml(data: bytes) -> XmlImport:
    """Raises XmlError (with a line) when the file is not XML at all."""
    out = XmlImport()
    root = parse(data)
    quiz = root.find("quiz")
    if quiz is None:
        raise XmlError(1, "not a Moodle XML quiz: the top element is not <quiz>")
    for node in quiz.all("question"):
        reader = _Reader(node, out)
        qtype = node.attrs.get("type", "")
        if qtype == "category":
            out.category = node.value("category", "text").strip()
            continue
        build = _BUILDERS.get(qtype)
        if build is None:
            reader.note(f"a question of type {qtype!r}; our format has no equivalent; skipped")
            continue
        item = build(reader)
        if item is not None:
            out.items.append(item)
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
    prompt = r.text(r.node.find("questiontext"))
    return ShortItem(prompt=prompt, answers=tuple(accepted), **r.common())


# {1:SHORTANSWER:=Paris#Right~%50%Marseille} and the like; see qtype_multianswer.
_GAP = re.compile(r"\{([0-9]*):([A-Z_]+):(.*?)(?<!\\)\}", re.DOTALL)
_ALTERNATIVE = re.compile(
    r"~?(=|%(-?[0-9]+(?:[.,][0-9]*)?)%)?(.+?)(?<!\\|&)(?:#(.*?))?(?<!\\)(?=~|$)", re.DOTALL
)
_SHORT_TYPES = {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"}


def _gap_answers(r: _Reader, kind: str, body: str) -> tuple[str, ...] | None:
    if kind not in _SHORT_TYPES:
        r.note(f"a cloze with a {kind} gap; our cloze has typed gaps only; skipped")
        return None
    parsed: list[tuple[str, float]] = []
    for m in _ALTERNATIVE.finditer(body):
        mark, percent, answer, _feedback = m.groups()
        fraction = (
            1.0 if mark == "=" else float(percent.replace(",", ".")) / 100 if percent else 0.0
        )
        text, _ = html_to_text(answer.replace("\\}", "}").replace("\\#", "#"))
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
    for m in _GAP.finditer(raw):
        answers = _gap_answers(r, m.group(2), m.group(3))
        if answers is None:
            return None
        parts += [raw[pos : m.start()], answers]
        pos = m.end()
    parts.append(raw[pos:])
    if not any(isinstance(p, tuple) for p in parts):
        r.note("a cloze without a gap; skipped")
        return None
    # Turn the HTML between gaps into text with markers kept, so spaces beside a gap survive.
    marked = "".join(p if isinstance(p, str) else f"\ue000{i}\ue001" for i, p in enumerate(parts))
    text, lost = html_to_text(marked)
    if lost:
        r.note(f"HTML formatting dropped ({', '.join(f'<{t}>' for t in sorted(lost))})")
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
