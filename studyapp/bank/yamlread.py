"""From bytes on disk to a YAML node tree with positions, or problems saying why not.

PyYAML's C parser reads the events; `compose` below turns them into nodes, and no constructor is
ever run, so no tag can make it build an object. Plain scalars are left unresolved (tagged PLAIN)
because the format knows what each key expects: text keeps what was written, a yes/no key reads
YAML's booleans.

Memory is bounded by construction: a file is at most MAX_BYTES, and composing stops at
MAX_NODES nodes, each a small slotted object holding its line and column (not PyYAML's two
marks and instance dictionary). So every file the loader accepts costs at most a fixed amount,
whatever its shape; see docs/reliability.md for the figure and tests/reliability for the test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import events

from studyapp.bank.built import MAX_BYTES
from studyapp.bank.problems import Problem

PLAIN = "tag:studyapp,2024:plain"
CORE = "tag:yaml.org,2002:"
STR = CORE + "str"
SEQ = CORE + "seq"
MAP = CORE + "map"
# Tags a bank may spell out; anything else (`!!python/object`, `!custom`) is refused.
CORE_TAGS = frozenset(CORE + t for t in ("str", "int", "float", "bool", "null", "seq", "map"))
NULLS = frozenset({"", "~", "null", "Null", "NULL"})

# A 10,000-question bank of 4.3 MB has about 223,000 nodes; anything past this many is not a
# bank a person wrote, and refusing it keeps a 5 MB file of one-character items in bounds.
MAX_NODES = 250_000

# Only the parser part of the loader is used (get_event); its constructor never runs.
_Parser: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers


class Node:
    """A YAML node as the bank reader needs it: tag, value and where it starts (0-based)."""

    __slots__ = ("column", "line", "tag", "value")

    def __init__(self, tag: str, value: Any, line: int, column: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line
        self.column = column

    @property
    def start_mark(self) -> Node:
        """The node itself, which has `line` and `column` as a PyYAML mark does."""
        return self


class ScalarNode(Node):
    __slots__ = ()
    value: str


class SequenceNode(Node):
    __slots__ = ()
    value: list[Node]


class MappingNode(Node):
    __slots__ = ()
    value: list[tuple[Node, Node]]


class TooManyNodes(Exception):
    """The file holds more nodes than any bank needs."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def compose(text: str, max_nodes: int = MAX_NODES) -> Node | None:
    """The single document of `text` as nodes, or None for an empty stream.

    Raises yaml.MarkedYAMLError (and ReaderError) as PyYAML's composer would, and TooManyNodes.
    Iterative, so nesting depth costs no Python stack; anchors are recorded when their node
    starts, as PyYAML does, so a node may contain an alias of itself (the walker's budget
    stops that).
    """
    parser = _Parser(text)
    try:
        return _compose(parser, max_nodes)
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()


def _compose(parser: Any, max_nodes: int) -> Node | None:
    get = parser.get_event
    get()  # StreamStartEvent
    event = get()
    if isinstance(event, events.StreamEndEvent):
        return None
    anchors: dict[str, Node] = {}
    # Each open collection: the node and the list its children go into.
    stack: list[tuple[Node, list[Node]]] = []
    count = 0
    root: Node | None = None
    event = get()
    while True:
        kind = type(event)
        if kind is events.AliasEvent:
            found = anchors.get(event.anchor)
            if found is None:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                )
            node = found
        elif kind is events.SequenceEndEvent or kind is events.MappingEndEvent:
            node, items = stack.pop()
            if kind is events.MappingEndEvent:
                node.value = list(zip(items[0::2], items[1::2], strict=True))
        elif kind is events.DocumentEndEvent:
            break
        else:
            count += 1
            mark = event.start_mark
            if count > max_nodes:
                raise TooManyNodes(mark.line + 1)
            tag = event.tag
            if kind is events.ScalarEvent:
                if tag is None or tag == "!":
                    tag = PLAIN if event.implicit[0] else STR
                node = ScalarNode(tag, event.value, mark.line, mark.column)
            else:
                is_map = kind is events.MappingStartEvent
                if tag is None or tag == "!":
                    tag = MAP if is_map else SEQ
                children: list[Node] = []
                node = (MappingNode if is_map else SequenceNode)(
                    tag, children, mark.line, mark.column
                )
            anchor = event.anchor
            if anchor is not None:
                if anchor in anchors:
                    raise yaml.composer.ComposerError(
                        f"found duplicate anchor {anchor!r}; first occurrence",
                        _mark_of(anchors[anchor]),
                        "second occurrence",
                        mark,
                    )
                anchors[anchor] = node
            if kind is not events.ScalarEvent:
                stack.append((node, children))
                event = get()
                continue
        if stack:
            stack[-1][1].append(node)
        else:
            root = node
        event = get()
    event = get()
    if not isinstance(event, events.StreamEndEvent):
        raise yaml.composer.ComposerError(
            "expected a single document in the stream",
            _mark_of(root) if root is not None else None,
            "but found another document",
            event.start_mark,
        )
    return root


def _mark_of(node: Node) -> yaml.Mark:
    return yaml.Mark("<bank>", 0, node.line, node.column, "", 0)


def core_tag(value: str) -> str:
    """The tag YAML 1.1 (as PyYAML's safe loader reads it) gives a plain scalar."""
    for tag, pattern in _IMPLICIT.get(value[:1] or "", ()):
        if pattern.match(value):
            return str(tag)
    for tag, pattern in _IMPLICIT.get(None, ()):
        if pattern.match(value):
            return str(tag)
    return STR


@dataclass(slots=True)
class Parsed:
    root: Node | None
    text: str
    problems: list[Problem]


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _where_bad_utf8(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def decode(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(path, 1, 1, "the file is UTF-16, not UTF-8; save it as UTF-8")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line, col = _where_bad_utf8(data, offset)
        return None, [
            Problem(
                path,
                line,
                col,
                f"the file is not valid UTF-8 (byte 0x{data[offset]:02x}); save it as UTF-8",
            )
        ]
    return text, []


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "expected a single document" in context:
        return "a bank file holds one YAML document; remove the second `---` and what follows"
    if "found undefined alias" in (context + problem):
        return "an alias (`*name`) refers to no anchor (`&name`) defined before it"
    text = f"{context}: {problem}" if context and problem else context or problem
    started = exc.context_mark
    if (
        started is not None
        and exc.problem_mark is not None
        and started.line != exc.problem_mark.line
    ):
        text += f" (it started on line {started.line + 1})"
    hint = next((h for words, h in _YAML_HINTS if words in problem), "")
    return f"not valid YAML: {text or 'cannot be read'}{hint}"


# What to do about the mistakes a bank's author makes most, which the parser names only in its
# own terms ("mapping values are not allowed in this context").
_YAML_HINTS = (
    (
        "mapping values are not allowed",
        '; a value with `: ` in it needs quotes ("Note: ..."), or this line is indented '
        "deeper than the keys above it",
    ),
    ("expected '-' indicator", "; line this up with the lines above it (indent with spaces)"),
    ("expected <block end>", "; line this up with the lines above it (indent with spaces)"),
    ("did not find expected key", "; line this up with the lines above it (indent with spaces)"),
    ("expected ',' or ']'", "; close the `[` list with `]`, and quote an item with a comma"),
    ("expected ',' or '}'", "; close the `{` mapping with `}`, and quote a value with a comma"),
    ("unexpected end of stream", "; the quote opened there is never closed"),
)


def parse(path: str, data: bytes) -> Parsed:
    """Decode and compose one file; never raises for what the file contains."""
    if len(data) > MAX_BYTES:
        size = len(data) / (1024 * 1024)
        limit = MAX_BYTES // (1024 * 1024)
        return Parsed(
            None, "", [Problem(path, 0, 0, f"the file is {size:.1f} MB; the limit is {limit} MB")]
        )
    text, problems = decode(path, data)
    if text is None:
        return Parsed(None, "", problems)
    try:
        root = compose(text)
    except TooManyNodes as exc:
        msg = (
            f"the file holds more than {MAX_NODES:,} YAML values (keys, items, texts); "
            "no bank needs so many: split it into several banks"
        )
        return Parsed(None, text, [Problem(path, exc.line, 1, msg)])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        col = mark.column + 1 if mark is not None else 0
        tab = _TAB_INDENT.search(text, 0, _line_end(text, line))
        if tab is not None:
            tab_line = text.count("\n", 0, tab.start()) + 1
            tab_col = tab.end() - tab.start()
            msg = "a tab in the indentation; YAML indents with spaces only"
            return Parsed(None, text, [Problem(path, tab_line, tab_col, msg)])
        return Parsed(None, text, [Problem(path, line, col, _yaml_message(exc))])
    except yaml.reader.ReaderError as exc:
        # PyYAML gives only an offset for a character it refuses; say where it is and which.
        offset = min(max(exc.position, 0), len(text))
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        msg = f"a control character (U+{char:04X}) cannot be in a bank file; remove it"
        return Parsed(None, text, [Problem(path, line, col, msg)])
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return Parsed(None, text, [Problem(path, 0, 0, f"not valid YAML: {exc}")])
    if root is None:
        return Parsed(
            None, text, [Problem(path, 1, 1, "the file is empty; a bank starts with `studyapp: 1`")]
        )
    return Parsed(root, text, [])


def _line_end(text: str, line: int) -> int:
    """Offset just past the given 1-based line (the whole text when line is 0 or past the end)."""
    if line <= 0:
        return len(text)
    pos = 0
    for _ in range(line):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    return pos
