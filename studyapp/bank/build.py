"""One walk over a bank's YAML nodes, building the model and reporting every problem on the way."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

from studyapp.answering.typed import normalise_passage
from studyapp.bank import checks, spec
from studyapp.bank.built import MAX_BYTES, Built, SourceFile
from studyapp.bank.problems import Severity
from studyapp.bank.walk import MISSING, TooBig, Walker, what
from studyapp.bank.yamlread import MappingNode, Node, ScalarNode
from studyapp.model import FORMAT_VERSION, Actor, Bank, Question, Source, Stance

_BANK_FIELDS = {f.name: f for f in spec.BANK_FIELDS}
_TYPE_FIELDS = {t.name: {f.name: f for f in t.all_fields} for t in spec.TYPES}
_ALL_QUESTION_KEYS = frozenset(k for fields in _TYPE_FIELDS.values() for k in fields)


# What a bank may hold once its aliases are expanded: node visits and characters of text, each
# a multiple of the file's own size. A bank's model (and so any export or screen made from it)
# is therefore never more than a fixed multiple of the file, whatever its aliases repeat.
NODE_SLACK = 10_000
TEXT_FACTOR = 4
TEXT_SLACK = 1_000_000


def build(path: str, root: Node, text_size: int, item_checks: bool = False) -> Built:
    """The bank and every problem of the file; with `item_checks`, the item-writing warnings
    too (see itemcheck/), which need the nodes to say where each flaw is."""
    walker = Walker(
        path,
        budget=NODE_SLACK + text_size,
        text_budget=TEXT_SLACK + TEXT_FACTOR * text_size,
    )
    try:
        built = _build(path, root, walker, item_checks)
    except TooBig:
        walker.report(
            None,
            "aliases (`*name`) repeat content so often that the bank would be too large; "
            "write it out instead",
        )
        built = Built(None, walker.problems)
    walker.closing()
    return built


def _build(path: str, root: Node, walker: Walker, item_checks: bool) -> Built:
    if not isinstance(root, MappingNode):
        walker.report(root, "a bank starts with keys such as `studyapp: 1`, `id:` and `questions:`")
        return Built(None, walker.problems)
    found = walker.mapping(root, "the bank", _BANK_FIELDS, "the bank")
    if found is None:  # a mapping with a refused tag
        return Built(None, walker.problems)
    nodes, _ = found
    version_node = nodes.get("studyapp")
    if version_node is None:
        walker.report(root, "the bank lacks `studyapp: 1`, the format version, at its top")
        return Built(None, walker.problems)
    version = walker.version(version_node, "studyapp")
    if version is MISSING:
        return Built(None, walker.problems)
    if version != FORMAT_VERSION:
        walker.report(
            version_node,
            f"format version {version} is unknown to this studyapp, which reads version "
            f"{FORMAT_VERSION}; a newer studyapp may read it",
        )
        return Built(None, walker.problems)

    values: dict[str, Any] = {}
    for name, field in _BANK_FIELDS.items():
        node = nodes.get(name)
        if node is None:
            if field.required:
                walker.report(root, f"the bank lacks the required key `{name}`")
        elif field.kind not in (spec.ACTORS, spec.QUESTIONS, spec.VERSION):
            values[name] = walker.value(field, node)

    actors = _actors(walker, nodes.get("actors"))
    source = values.get("source", MISSING)
    source_obj = Source(**source) if source is not MISSING and source is not None else None
    source_text, source_id = None, None
    if source_obj is not None and source_obj.date and not spec.DATE_RE.fullmatch(source_obj.date):
        date_node = _child(nodes["source"], "date")
        walker.report(
            date_node,
            f"source.date {source_obj.date!r} is not a date: write it as YYYY-MM-DD "
            "(or YYYY-MM, or YYYY)",
        )
    if source_obj is not None and source_obj.file:
        source_text, source_id = _read_source(walker, path, source_obj.file, nodes["source"])

    ctx = checks.Context(
        walker,
        actors,
        source_text,
        tuple(a.id for a in actors.values() if a.kind == "person"),
        placed={} if item_checks else None,
    )
    if values.get("positions") not in (None, MISSING):
        checks.positions(ctx, values["positions"], nodes["positions"])
    questions = _questions(ctx, nodes.get("questions"))
    if ctx.unchecked:
        walker.report(
            nodes.get("source"),
            f"{ctx.unchecked:,} evidence passages were not checked against the source: "
            "there are too many for a source this long",
            Severity.WARNING,
        )
    id_node = nodes.get("id")
    id_line = id_node.start_mark.line + 1 if id_node is not None else 0
    if walker.errors or questions is None:
        return Built(None, walker.problems, id_line, source_id)
    bank = Bank(
        id=values["id"],
        title=values["title"],
        questions=questions,
        path=path,
        description=values.get("description", ""),
        language=values.get("language", ""),
        tags=values.get("tags", ()),
        source=source_obj,
        actors=MappingProxyType(actors),
        version=version,
        story=values.get("story", ""),
        positions=tuple(p for p, _ in ctx.positions.values()),
    )
    if ctx.placed is not None:
        # the item checks load only when a caller asks for them
        from studyapp.bank.itemcheck.run import run

        allow = values.get("allow", ())
        walker.problems.extend(run(path, bank, ctx.placed, ctx.allowed, allow, source_text))
    return Built(bank, walker.problems, id_line, source_id)


def _child(node: Node, key: str) -> Node:
    """The value node of `key` in a mapping node, or the mapping itself."""
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    return node


def _actors(walker: Walker, node: Node | None) -> dict[str, Actor]:
    if not isinstance(node, MappingNode):
        if node is not None:
            walker.report(
                node, f"`actors` should be a mapping from ids to actors, not {what(node)}"
            )
        return {}
    found = walker.mapping(node, "actors", _AnyKey(), "`actors`")
    if found is None:
        return {}
    out: dict[str, Actor] = {}
    key_nodes = _key_nodes(node)
    for actor_id, value_node in found[0].items():
        key_node = key_nodes.get(actor_id, node)
        if walker.slug(key_node, "actor id") is MISSING:
            continue
        record = walker.record(value_node, actor_id, spec.ACTOR_FIELDS, f"the actor `{actor_id}`")
        if record is not MISSING:
            out[actor_id] = Actor(id=actor_id, **record)
    return out


class _AnyKey(dict[str, spec.Field]):
    """Every key is allowed: the keys of `actors` are the actors' ids."""

    def __contains__(self, key: object) -> bool:
        return True


def _key_nodes(mapping: MappingNode) -> dict[str, Node]:
    """Each key's node, first one kept; one pass, so many actors cost no more than their count."""
    out: dict[str, Node] = {}
    for key_node, _ in mapping.value:
        if isinstance(key_node, ScalarNode):
            out.setdefault(key_node.value, key_node)
    return out


def _read_source(
    walker: Walker, bank_path: str, relative: str, node: Node
) -> tuple[str | None, SourceFile | None]:
    """The source's text for evidence checks, never from outside the bank's folder."""
    file_node = node.value[0][1]
    for key_node, value_node in node.value:
        if key_node.value == "file":
            file_node = value_node
    rel = Path(relative)
    if rel.is_absolute() or ".." in rel.parts or relative.startswith(("/", "\\")):
        walker.report(file_node, "`source.file` must be a path inside the bank's folder")
        return None, None
    folder = Path(bank_path).resolve().parent
    target = (folder / rel).resolve()
    if not target.is_relative_to(folder):
        walker.report(file_node, "`source.file` leads outside the bank's folder (a link?)")
        return None, None
    try:
        stat = target.stat()
        if not target.is_file():
            raise FileNotFoundError(target)
    except OSError:
        walker.report(file_node, f"`source.file` `{relative}` was not found beside the bank")
        return None, SourceFile(str(target), -1, -1)
    identity = SourceFile(str(target), stat.st_size, stat.st_mtime_ns)
    if stat.st_size > MAX_BYTES:
        walker.report(file_node, f"`source.file` is larger than {MAX_BYTES // 2**20} MB")
        return None, identity
    try:
        text = target.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        walker.report(file_node, f"`source.file` `{relative}` cannot be read: {exc.strerror}")
        return None, identity
    except UnicodeDecodeError:
        walker.report(file_node, f"`source.file` `{relative}` is not UTF-8 text")
        return None, identity
    return normalise_passage(text), identity


def _questions(ctx: checks.Context, node: Node | None) -> tuple[Question, ...] | None:
    walker = ctx.walker
    if node is None:
        return None
    items = walker.items(node, "questions")
    if items is None:
        return None
    if not items:
        walker.report(node, "`questions` is empty; a bank needs at least one question")
        return None
    out: list[Question] = []
    ids: dict[str, int] = {}
    for item in items:
        # The id is claimed from the raw mapping, before the question is built: a question
        # with another mistake is not built, and its clashing id would otherwise be reported
        # only once that mistake is fixed, not "every problem at once".
        raw_id = _raw_id(item)
        if raw_id is not None:
            _claim(walker, ids, item, raw_id, "id")
        q = _question(ctx, item)
        if q is None:
            continue
        for alias in q.aliases:
            _claim(walker, ids, item, alias, "alias")
        out.append(q)
    return tuple(out)


def _raw_id(item: Node) -> str | None:
    """The question's `id` as written, when it is a plain text value."""
    if not isinstance(item, MappingNode):
        return None
    for key_node, value_node in item.value:
        is_id = isinstance(key_node, ScalarNode) and key_node.value == "id"
        if is_id and isinstance(value_node, ScalarNode) and value_node.value:
            return str(value_node.value)
    return None


def _claim(walker: Walker, ids: dict[str, int], item: Node, name: str, what: str) -> None:
    if name in ids:
        walker.report(item, f"the question {what} `{name}` is already used on line {ids[name]}")
    else:
        ids[name] = item.start_mark.line + 1


def _question(ctx: checks.Context, node: Node) -> Question | None:
    walker = ctx.walker
    if not isinstance(node, MappingNode):
        walker.report(node, f"each question should be a mapping (`- id: ...`), not {what(node)}")
        return None
    type_node = None
    for key_node, type_value in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == "type":
            type_node = type_value
    if type_node is None:
        walker.report(
            node, "the question lacks `type` (one of: " + ", ".join(spec.TYPES_BY_NAME) + ")"
        )
        return None
    qtype = walker.enum(type_node, "type", tuple(spec.TYPES_BY_NAME))
    if qtype is MISSING:
        return None
    fields = _TYPE_FIELDS[qtype]
    errors_before = walker.errors
    where = f"a {qtype} question"
    found = walker.mapping(node, "question", fields, where, _ALL_QUESTION_KEYS)
    if found is None:  # a mapping with a refused tag
        return None
    nodes, _ = found
    q: dict[str, Any] = {}
    for name, field in fields.items():
        value_node = nodes.get(name)
        if value_node is None:
            if field.required:
                walker.report(node, f"{where} lacks the required key `{name}`")
            continue
        if name == "type":
            continue
        value = walker.value(field, value_node)
        if value is not MISSING:
            q[name] = value
    allow = q.pop("allow", ())  # for the item checks only: not part of the question
    if qtype == "position_shift":
        checks.fill_from_position(ctx, q, nodes, node, where)
    checks.common(ctx, q, nodes)
    checks.by_kind(spec.TYPES_BY_NAME[qtype].cls.TYPE, ctx, q, nodes)
    if walker.errors > errors_before:
        return None
    for side in ("before", "after"):
        if side in q:
            q[side] = Stance(**q[side])
    if qtype == "position_shift":
        # A stance's own passages also settle the question, so feedback and the timeline,
        # which show the question's evidence, show them without the author copying them.
        stance_passages = (*q["before"].evidence, *q["after"].evidence)
        q["evidence"] = tuple(dict.fromkeys((*q.get("evidence", ()), *stance_passages)))
        if not q["evidence"]:
            del q["evidence"]
    if ctx.placed is not None and "id" in q and q["id"] not in ctx.placed:
        ctx.placed[q["id"]] = (node, nodes)
        if allow:
            ctx.allowed[q["id"]] = frozenset(allow)
    cls = spec.TYPES_BY_NAME[qtype].cls
    return cls(line=node.start_mark.line + 1, **q)  # type: ignore[return-value]
