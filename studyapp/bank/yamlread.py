"""From bytes on disk to a YAML node tree with positions, or problems saying why not.

PyYAML's C parser builds the nodes; its constructor is never run, so no tag can make it build an
object. Plain scalars are left unresolved (tagged PLAIN) because the format knows what each key
expects: text keeps what was written, a yes/no key reads YAML's booleans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.nodes import Node, ScalarNode

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

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers


class _NodeLoader(_BaseLoader):  # type: ignore[misc]
    """Composes nodes only; the usual tag guessing is deferred to whoever reads the node."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        if kind is ScalarNode:
            return PLAIN if implicit[0] else STR  # type: ignore[index]
        return SEQ if kind is yaml.SequenceNode else MAP


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
    return f"not valid YAML: {text or 'cannot be read'}"


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
        loader = _NodeLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
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
