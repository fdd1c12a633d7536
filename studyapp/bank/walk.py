"""Reading YAML nodes as the values the format expects, one problem per mistake, with its place.

Each reader returns the value, or MISSING after reporting why there is none; the caller goes on
with the next key so that one run reports every mistake in a file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

from studyapp.bank import spec
from studyapp.bank.problems import Problem, Severity
from studyapp.bank.yamlread import (
    CORE,
    CORE_TAGS,
    NULLS,
    PLAIN,
    STR,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    core_tag,
)

MISSING: Any = object()

# Written as YAML escapes ("\e", "\x07", "\u202e") these reach the text: terminal escapes,
# NULs and the embedding/override marks of "Trojan source" tricks. Tab and newline are text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")

_BOOL_WORDS = spec.BOOL_WORDS


class TooBig(Exception):
    """Aliases expand the file beyond what any bank needs (a 'billion laughs' file)."""


# Past this many problems in one file, further ones are counted, not kept: a file of a million
# mistakes costs no more memory than one of a thousand, and the first ones are what gets fixed.
MAX_PROBLEMS = 1000
# "Did you mean" compares the word with every option: only for lists short enough to be quick.
_SUGGEST_FROM = 500


# An unknown key's message lists the keys allowed there when they are few enough to read.
_LIST_KEYS_UP_TO = 16


def suggest(word: str, options: Iterable[str]) -> str:
    listed = list(options)
    if len(listed) > _SUGGEST_FROM:
        return ""
    close = difflib.get_close_matches(word, listed, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def what(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"`{_short(node.value)}`"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


class Walker:
    def __init__(self, path: str, budget: int, text_budget: int | None = None) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.budget = budget  # node visits left; aliases can multiply them
        # characters of text read, left: aliases of one long scalar multiply bytes, not nodes
        self.text_budget = budget if text_budget is None else text_budget
        self.errors = 0  # every error reported, kept or not
        self.dropped = 0  # problems past MAX_PROBLEMS, counted only

    @property
    def full(self) -> bool:
        """No more problems are kept, so callers may skip building costly messages."""
        return len(self.problems) >= MAX_PROBLEMS

    def report(self, node: Node | None, message: str, severity: Severity = Severity.ERROR) -> None:
        if severity == Severity.ERROR:
            self.errors += 1
        if self.full:
            self.dropped += 1
            return
        if node is None:
            self.problems.append(Problem(self.path, 0, 0, message, severity))
            return
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message, severity))

    def spend(self, count: int) -> None:
        self.budget -= count
        if self.budget < 0:
            raise TooBig

    def closing(self) -> None:
        """Say how many problems were counted but not kept."""
        if self.dropped:
            message = f"{self.dropped:,} more problems not listed; fix these first"
            self.problems.append(Problem(self.path, 0, 0, message))

    def _tag_ok(self, node: Node) -> bool:
        tag = node.tag
        if tag in CORE_TAGS or tag == PLAIN:
            return True
        shown = "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag
        self.report(node, f"the tag `{_short(shown)}` is not allowed in a bank; remove it")
        return False

    # -- scalars

    def text(self, node: Node, name: str) -> Any:
        if isinstance(node, ScalarNode):
            tag = node.tag
            if tag == PLAIN and node.value in NULLS:
                self.report(node, f"`{name}` has no value")
                return MISSING
            if tag not in (STR, PLAIN) and not self._tag_ok(node):
                return MISSING
            return self._clean(node, name)
        if self._tag_ok(node):
            self.report(node, f"`{name}` should be text, not {what(node)}")
        return MISSING

    def _clean(self, node: ScalarNode, name: str) -> Any:
        """The scalar's text, unless it holds a character that no reader should get."""
        self.text_budget -= len(node.value)
        if self.text_budget < 0:
            raise TooBig
        bad = _UNSAFE.search(node.value)
        if bad is None:
            return node.value
        char = ord(bad.group())
        if 0x202A <= char <= 0x202E:
            kind = "a bidirectional override, which shows the text in another order than it has"
        else:
            kind = "a control character"
        self.report(node, f"`{name}` holds {kind} (U+{char:04X}); remove it")
        return MISSING

    def slug(self, node: Node, name: str) -> Any:
        value = self.text(node, name)
        if value is MISSING:
            return MISSING
        if not spec.SLUG_RE.match(value):
            self.report(
                node,
                f"`{name}` `{_short(value)}` is not a valid id: use lowercase letters, digits "
                "and dashes, starting with a letter or digit",
            )
            return MISSING
        return value

    def boolean(self, node: Node, name: str) -> Any:
        if isinstance(node, ScalarNode) and self._tag_ok(node):
            word = node.value.lower() if node.tag in (PLAIN, CORE + "bool") else None
            if word is not None and word in _BOOL_WORDS:
                return _BOOL_WORDS[word]
        self.report(node, f"`{name}` should be true or false, not {what(node)}")
        return MISSING

    def enum(self, node: Node, name: str, choices: tuple[str, ...]) -> Any:
        value = self.text(node, name)
        if value is MISSING:
            return MISSING
        if value not in choices:
            listed = ", ".join(choices)
            self.report(
                node,
                f"`{name}` cannot be `{_short(value)}` (one of: {listed}){suggest(value, choices)}",
            )
            return MISSING
        return value

    def version(self, node: Node, name: str) -> Any:
        if (
            isinstance(node, ScalarNode)
            and node.tag in (PLAIN, CORE + "int")
            and (node.tag != PLAIN or core_tag(node.value) == CORE + "int")
        ):
            try:
                return int(node.value.replace("_", ""), 0)
            except ValueError:
                pass
        self.report(
            node, f"`{name}` should be the format version number, such as 1, not {what(node)}"
        )
        return MISSING

    # -- lists

    def items(self, node: Node, name: str) -> list[Node] | None:
        if isinstance(node, SequenceNode):
            if not self._tag_ok(node):
                return None
            self.spend(len(node.value))
            return node.value
        self.report(node, f"`{name}` should be a list, not {what(node)}")
        return None

    def list_of(
        self,
        node: Node,
        name: str,
        read: Callable[[Node, str], Any],
        min_items: int,
        unit: str = "item",
    ) -> Any:
        nodes = self.items(node, name)
        if nodes is None:
            return MISSING
        out = []
        ok = True
        for item in nodes:
            value = read(item, name)
            if value is MISSING:
                ok = False
            else:
                out.append(value)
        if not ok:
            return MISSING
        if len(out) < min_items:
            need = f"one {unit}" if min_items == 1 else f"{min_items} {unit}s"
            self.report(node, f"`{name}` needs at least {need}, found {len(out)}")
            return MISSING
        return tuple(out)

    def codes(self, node: Node, name: str, known: tuple[str, ...]) -> Any:
        """The known codes listed; an unknown one is only a warning, so that a bank written
        for a newer studyapp, which may know more checks, still loads."""
        nodes = self.items(node, name)
        if nodes is None:
            return MISSING
        out = []
        for item in nodes:
            code = self.text(item, name)
            if code is MISSING:
                return MISSING
            if code in known:
                out.append(code)
            else:
                self.report(
                    item,
                    f"`{name}` names `{_short(code)}`, which is not an item-writing check"
                    f"{suggest(code, known)}",
                    Severity.WARNING,
                )
        return tuple(out)

    def passages(self, node: Node, name: str) -> Any:
        if isinstance(node, SequenceNode):
            return self.list_of(node, name, self.text, 0)
        value = self.text(node, name)
        return MISSING if value is MISSING else (value,)

    def pairs(self, node: Node, name: str, min_items: int) -> Any:
        return self.list_of(node, name, self._pair, min_items, unit="pair")

    def _pair(self, item: Node, name: str) -> Any:
        inner = self.items(item, name) if isinstance(item, SequenceNode) else None
        if inner is None or len(inner) != 2:
            self.report(item, f"each of `{name}` should be a two-item list [left, right]")
            return MISSING
        left, right = self.text(inner[0], name), self.text(inner[1], name)
        return MISSING if left is MISSING or right is MISSING else (left, right)

    # -- mappings

    def mapping(
        self,
        node: Node,
        name: str,
        fields: dict[str, spec.Field],
        where: str,
        elsewhere: frozenset[str] = frozenset(),
    ) -> tuple[dict[str, Node], bool] | None:
        """The value node of each key, after reporting unknown and repeated keys."""
        if not isinstance(node, MappingNode):
            self.report(node, f"`{name}` should be a mapping (key: value lines), not {what(node)}")
            return None
        if not self._tag_ok(node):
            return None
        self.spend(len(node.value))
        out: dict[str, Node] = {}
        clean = True
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.report(key_node, f"a key in {where} should be a word, not {what(key_node)}")
                clean = False
                continue
            key = key_node.value
            if key in out:
                first = out[key].start_mark.line + 1
                self.report(key_node, f"`{key}` is given twice in {where} (first on line {first})")
                clean = False
                continue
            if key not in fields:
                hint = "" if self.full else suggest(key, fields)
                if key == "<<":
                    self.report(key_node, "merge keys (`<<`) are not supported; write the keys out")
                elif key in elsewhere and not hint:
                    self.report(key_node, f"`{key}` is not a key of {where}")
                else:
                    # With no near miss to suggest, say what the keys are: the instructor
                    # then sees at once whether to rename the key or remove it.
                    if not hint and not self.full and len(fields) <= _LIST_KEYS_UP_TO:
                        hint = "; its keys are " + ", ".join(f"`{k}`" for k in fields)
                    self.report(key_node, f"unknown key `{key}` in {where}{hint}")
                clean = False
                continue
            out[key] = value_node
        return out, clean

    def value(self, field: spec.Field, node: Node) -> Any:
        kind = field.kind
        if kind is spec.TEXT:
            value = self.text(node, field.name)
            if field.required and value is not MISSING and not value.strip():
                self.report(node, f"`{field.name}` is empty")
                return MISSING
            return value
        if kind is spec.SLUG:
            return self.slug(node, field.name)
        if kind is spec.TEXTS:
            return self.list_of(node, field.name, self.text, field.min_items)
        if kind is spec.SLUGS:
            return self.list_of(node, field.name, self.slug, field.min_items)
        if kind is spec.ENUM:
            return self.enum(node, field.name, field.choices)
        if kind is spec.BOOL:
            return self.boolean(node, field.name)
        if kind is spec.PASSAGES:
            return self.passages(node, field.name)
        if kind is spec.PAIRS:
            return self.pairs(node, field.name, field.min_items)
        if kind is spec.VERSION:
            return self.version(node, field.name)
        if kind is spec.RECORD:
            return self.record(node, field.name, field.record, f"`{field.name}`")
        if kind is spec.CODES:
            return self.codes(node, field.name, field.choices)
        if kind is spec.RECORDS:
            where = f"an item of `{field.name}`"

            def one(item: Node, name: str) -> Any:
                return self.record(item, name, field.record, where)

            return self.list_of(node, field.name, one, field.min_items)
        raise AssertionError(f"no reader for {kind}")  # the spec and this file disagree

    def record(self, node: Node, name: str, fields: tuple[spec.Field, ...], where: str) -> Any:
        by_name = {f.name: f for f in fields}
        found = self.mapping(node, name, by_name, where)
        if found is None:
            return MISSING
        nodes, ok = found
        out: dict[str, Any] = {}
        for field in fields:
            value_node = nodes.get(field.name)
            if value_node is None:
                if field.required:
                    self.report(node, f"{where} lacks the required key `{field.name}`")
                    ok = False
                continue
            value = self.value(field, value_node)
            if value is MISSING:
                ok = False
            else:
                out[field.name] = value
        return out if ok else MISSING
