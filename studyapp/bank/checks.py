"""What a question must satisfy beyond the shape of its keys: answers among the choices, known
actors, real blanks, evidence found in the source. Each check reports at the offending value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, assert_never

from studyapp.answering.typed import normalise, normalise_passage
from studyapp.bank.placed import Placed, item
from studyapp.bank.problems import Severity
from studyapp.bank.spec import DATE_RE
from studyapp.bank.walk import Walker, suggest
from studyapp.bank.yamlread import MappingNode, Node, ScalarNode, SequenceNode
from studyapp.model import Actor, Kind, Position, Stance, cloze_blanks, cloze_without_blanks


@dataclass(slots=True)
class Context:
    walker: Walker
    actors: Mapping[str, Actor]
    source_text: str | None = None  # normalised with normalise_passage
    persons: tuple[str, ...] = field(default=())
    placed: dict[str, Placed] | None = None  # by question id, when item checks will run
    # The item checks each question allows (its `allow`), by id: only those that allow some.
    allowed: dict[str, frozenset[str]] = field(default_factory=dict)
    # The bank's positions by id, with the node of each, for position_shift questions.
    positions: dict[str, tuple[Position, Node]] = field(default_factory=dict)
    person_set: frozenset[str] = field(init=False)
    # Evidence: each distinct passage is looked for once, and all the looking together reads at
    # most SCAN_BUDGET characters of source; what is left past that is counted, not checked.
    found: dict[str, bool] = field(default_factory=dict)
    scan_left: int = 0
    unchecked: int = 0

    def __post_init__(self) -> None:
        self.person_set = frozenset(self.persons)
        self.scan_left = SCAN_BUDGET

    def in_source(self, passage: str) -> bool | None:
        """Whether the normalised passage is in the source; None when the budget is spent."""
        source = self.source_text
        assert source is not None
        known = self.found.get(passage)
        if known is not None:
            return known
        if len(passage) > len(source):
            result = False
        elif self.scan_left < len(source):
            self.unchecked += 1
            return None
        else:
            # One search reads at most the whole source (CPython's search is linear).
            self.scan_left -= len(source)
            result = passage in source
        if len(self.found) < _REMEMBERED:
            self.found[passage] = result
        return result


# Characters of source all evidence searches of one bank may read together: about a second of
# searching. A real bank (10,000 passages, a 100 kB article) needs a tenth of it at most; a file
# of 250,000 distinct made-up passages against a 5 MB source would need a thousand times more.
SCAN_BUDGET = 1_000_000_000
# Distinct passages whose answer is kept, so repeats are free; past this, a repeat is searched
# again and pays from the budget like any other (memory stays bounded either way).
_REMEMBERED = 10_000


def _no_repeats(ctx: Context, values: Sequence[object], node: Node, name: str) -> bool:
    seen: set[object] = set()
    ok = True
    for i, value in enumerate(values):
        if value in seen:
            ctx.walker.report(item(node, i), f"`{value}` appears twice in `{name}`")
            ok = False
        seen.add(value)
    return ok


def _actor(ctx: Context, actor_id: str, node: Node, name: str) -> None:
    if actor_id not in ctx.actors:
        if ctx.walker.full:  # not kept: spend nothing on the hint
            ctx.walker.report(node, "")
            return
        hint = suggest(actor_id, ctx.actors)
        if not hint and not ctx.actors:
            # "(known: none)" left the instructor to guess that the bank needs an `actors` list.
            hint = f"; the bank lists no actors yet: add `{actor_id}` under `actors`"
        elif not hint and len(ctx.actors) <= 12:
            hint = f" (known: {', '.join(ctx.actors)})"
        ctx.walker.report(node, f"`{name}` names `{actor_id}`, who is not among `actors`{hint}")


def _typable(ctx: Context, accepted: str, node: Node, name: str) -> None:
    if not normalise(accepted):
        ctx.walker.report(
            node,
            f"the accepted answer `{accepted}` in `{name}` has no letters or digits, "
            "so no typed answer can match it",
        )


def _attribution(ctx: Context, q: dict[str, Any], nodes: dict[str, Node]) -> None:
    speaker = q.get("speaker")
    if speaker is not None:
        _actor(ctx, speaker, nodes["speaker"], "speaker")
    if "distractors" in q:
        distractors = q["distractors"]
        node = nodes["distractors"]
        for i, d in enumerate(distractors):
            if d == speaker:
                ctx.walker.report(item(node, i), "the speaker cannot also be a distractor")
            else:
                _actor(ctx, d, item(node, i), "distractors")
        _no_repeats(ctx, distractors, node, "distractors")
        possible = len(set(distractors) - {speaker})
        where: Node | None = node
    else:
        possible = len(ctx.persons) - (speaker in ctx.person_set)
        where = nodes.get("speaker")
    if possible < 2:
        ctx.walker.report(
            where,
            f"only {possible} wrong answer(s) to offer: list at least two `distractors` "
            "or add more people to `actors`",
            Severity.WARNING,
        )


def _position_shift(ctx: Context, q: dict[str, Any], nodes: dict[str, Node]) -> None:
    if "actor" in q and "actor" in nodes:
        _actor(ctx, q["actor"], nodes["actor"], "actor")
    before, after = q.get("before"), q.get("after")
    if before is not None and after is not None and before["stance"] == after["stance"]:
        where = nodes.get("after") or nodes["position"]
        ctx.walker.report(where, "`before` and `after` have the same stance: no shift")
    for side, stance in (("before", before), ("after", after)):
        # A side taken from the bank's positions was checked there.
        if stance is not None and side in nodes:
            _stance_sources(ctx, side, stance, _record_nodes(nodes[side]))
    distractors = q.get("distractors")
    if distractors is None:
        return
    node = nodes["distractors"]
    stances = {s["stance"] for s in (before, after) if s is not None}
    for i, d in enumerate(distractors):
        if d in stances:
            ctx.walker.report(item(node, i), f"the distractor `{d}` is a real stance of this shift")
    if _no_repeats(ctx, distractors, node, "distractors") and len(set(distractors) - stances) < 2:
        ctx.walker.report(
            node, "a position shift needs at least two distractors besides its stances"
        )


def positions(ctx: Context, found: tuple[dict[str, Any], ...], node: Node) -> None:
    """The bank's positions: ids unique, actors known, each stance's evidence and cue in the
    source and its date a date. Kept in ctx for the questions that name them."""
    items = node.value if isinstance(node, SequenceNode) else []
    for record, item_node in zip(found, items, strict=False):
        nodes = _record_nodes(item_node)
        if record["id"] in ctx.positions:
            ctx.walker.report(nodes["id"], f"the position id `{record['id']}` is used twice")
            continue
        _actor(ctx, record["actor"], nodes["actor"], "actor")
        stance_nodes = nodes["stances"].value if isinstance(nodes["stances"], SequenceNode) else []
        for i, (stance, stance_node) in enumerate(
            zip(record["stances"], stance_nodes, strict=False), 1
        ):
            own = _record_nodes(stance_node)
            _stance_sources(ctx, f"stance {i}", stance, own)
            stance_date(ctx, stance, own)
        made = Position(
            record["id"],
            record["actor"],
            record["issue"],
            tuple(Stance(**s) for s in record["stances"]),
        )
        ctx.positions[made.id] = (made, item_node)


def stance_date(ctx: Context, stance: dict[str, Any], nodes: dict[str, Node]) -> None:
    date = stance.get("date")
    if date and not DATE_RE.fullmatch(date):
        ctx.walker.report(
            nodes["date"],
            f"`date` {date!r} is not a date: write it as YYYY-MM-DD (or YYYY-MM, or YYYY)",
        )


def fill_from_position(
    ctx: Context, q: dict[str, Any], nodes: dict[str, Node], node: Node, where: str
) -> None:
    """A position_shift that names a position takes from it what it does not write itself:
    the actor, the issue, its first stance as `before` and its last as `after`."""
    name = q.get("position")
    if name is not None:
        known = ctx.positions.get(name)
        if known is None:
            hint = suggest(name, ctx.positions)
            ctx.walker.report(
                nodes["position"],
                f"`position` names `{name}`, which is not among `positions`{hint}",
            )
            return
        position = known[0]
        if len(position.stances) < 2 and not ("before" in q and "after" in q):
            ctx.walker.report(
                nodes["position"],
                f"the position `{name}` has one stance; a shift needs an earlier and a later one",
            )
            return
        q.setdefault("actor", position.actor)
        q.setdefault("issue", position.issue)
        q.setdefault("before", _stance_dict(position.stances[0]))
        q.setdefault("after", _stance_dict(position.stances[-1]))
    for key in ("actor", "issue", "before", "after"):
        if key not in q:
            ctx.walker.report(node, f"{where} lacks the required key `{key}`")
    for side in ("before", "after"):
        if side in q and side in nodes:
            stance_date(ctx, q[side], _record_nodes(nodes[side]))


def _stance_dict(stance: Stance) -> dict[str, Any]:
    out: dict[str, Any] = {"label": stance.label, "stance": stance.stance}
    for key in ("evidence", "cue", "date"):
        if getattr(stance, key):
            out[key] = getattr(stance, key)
    return out


def _record_nodes(node: Node) -> dict[str, Node]:
    """The value nodes of a mapping by key, so a problem inside a record points at its value."""
    if not isinstance(node, MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, ScalarNode)}


def _stance_sources(
    ctx: Context, side: str, stance: dict[str, Any], nodes: dict[str, Node]
) -> None:
    """A stance's passages are in the source, and its cue is in those passages (or, with none,
    in the source): an implied stance must point at the words that imply it."""
    passages = stance.get("evidence", ())
    if ctx.source_text is not None:
        for i, passage in enumerate(passages):
            if normalise_passage(passage) not in ctx.source_text:
                ctx.walker.report(
                    item(nodes["evidence"], i),
                    f"evidence not found in the source file: “{passage[:60]}”",
                )
    cue = stance.get("cue")
    if not cue:
        return
    folded = normalise_passage(cue)
    if passages:
        if not any(folded in normalise_passage(p) for p in passages):
            ctx.walker.report(nodes["cue"], f"the cue “{cue}” is not in the evidence of `{side}`")
    elif ctx.source_text is not None and folded not in ctx.source_text:
        ctx.walker.report(nodes["cue"], f"the cue “{cue}” is not in the source file")


def _choices(ctx: Context, q: dict[str, Any], nodes: dict[str, Node]) -> set[str] | None:
    choices = q.get("choices")
    if choices is None:
        return None
    _no_repeats(ctx, choices, nodes["choices"], "choices")
    return set(choices)


def _not_a_choice_hint(answer: str, choices: Sequence[str]) -> str:
    """A near miss is suggested; failing one, the choices themselves are listed (when few), so
    the instructor sees what to copy instead of opening the file to compare."""
    hint = suggest(answer, choices)
    if hint or len(choices) > 8:
        return hint or "; write it exactly as one of `choices`"
    return "; write it exactly as one of " + ", ".join(f"`{c}`" for c in choices)


def _multiple_choice(ctx: Context, q: dict[str, Any], nodes: dict[str, Node]) -> None:
    choices = _choices(ctx, q, nodes)
    answer = q.get("answer")
    if choices is not None and answer is not None and answer not in choices:
        hint = _not_a_choice_hint(answer, q["choices"])
        ctx.walker.report(nodes["answer"], f"the answer `{answer}` is not one of the choices{hint}")


def _multiple_select(ctx: Context, q: dict[str, Any], nodes: dict[str, Node]) -> None:
    choices = _choices(ctx, q, nodes)
    answers = q.get("answers")
    if answers is None:
        return
    node = nodes["answers"]
    _no_repeats(ctx, answers, node, "answers")
    if choices is None:
        return
    for i, answer in enumerate(answers):
        if answer not in choices:
            hint = _not_a_choice_hint(answer, q["choices"])
            ctx.walker.report(
                item(node, i), f"the answer `{answer}` is not one of the choices{hint}"
            )


def _matching(ctx: Context, q: dict[str, Any], nodes: dict[str, Node]) -> None:
    pairs = q.get("pairs")
    if pairs is None:
        return
    node = nodes["pairs"]
    # A right-hand item may repeat: several left items can share one match (Paris and Lyon
    # both -> France), as Moodle's matching questions allow. Left items must differ.
    _no_repeats(ctx, [left for left, _ in pairs], node, "pairs (left side)")


def _ordering(ctx: Context, q: dict[str, Any], nodes: dict[str, Node]) -> None:
    if "items" in q:
        _no_repeats(ctx, q["items"], nodes["items"], "items")


def _cloze(ctx: Context, q: dict[str, Any], nodes: dict[str, Node]) -> None:
    text = q.get("text")
    if text is None:
        return
    node = nodes["text"]
    found = cloze_blanks(text)
    blanks = [inside for _, _, inside in found]
    if not blanks:
        ctx.walker.report(node, "the cloze has no blank: mark each one {{answer}}")
        return
    rest = cloze_without_blanks(text)
    if "{{" in rest or "}}" in rest:
        ctx.walker.report(node, "unbalanced braces: each blank is written {{answer}}")
    for blank in blanks:
        accepted = [a.strip() for a in blank.split("|") if a.strip()]
        if not accepted:
            ctx.walker.report(node, "an empty blank {{}}: write the answer between the braces")
        for a in accepted:
            _typable(ctx, a, node, "text")


def _short_answer(ctx: Context, q: dict[str, Any], nodes: dict[str, Node]) -> None:
    for i, a in enumerate(q.get("answers", ())):
        _typable(ctx, a, item(nodes["answers"], i), "answers")
    if "actor" in q:
        _actor(ctx, q["actor"], nodes["actor"], "actor")


def by_kind(kind: Kind, ctx: Context, q: dict[str, Any], nodes: dict[str, Node]) -> None:
    """The checks of one kind. A match closed by assert_never, as every dispatch on a kind is:
    mypy names each one a new kind is missing from."""
    match kind:
        case Kind.ATTRIBUTION:
            _attribution(ctx, q, nodes)
        case Kind.POSITION_SHIFT:
            _position_shift(ctx, q, nodes)
        case Kind.MULTIPLE_CHOICE:
            _multiple_choice(ctx, q, nodes)
        case Kind.MULTIPLE_SELECT:
            _multiple_select(ctx, q, nodes)
        case Kind.TRUE_FALSE:
            pass  # a statement and a bool: the key checks have said all there is
        case Kind.MATCHING:
            _matching(ctx, q, nodes)
        case Kind.ORDERING:
            _ordering(ctx, q, nodes)
        case Kind.CLOZE:
            _cloze(ctx, q, nodes)
        case Kind.SHORT_ANSWER:
            _short_answer(ctx, q, nodes)
        case _:
            assert_never(kind)


def common(ctx: Context, q: dict[str, Any], nodes: dict[str, Node]) -> None:
    qid = q.get("id")
    for i, alias in enumerate(q.get("aliases", ())):
        if alias == qid:
            ctx.walker.report(item(nodes["aliases"], i), "a question cannot be its own alias")
    evidence = q.get("evidence")
    if evidence and ctx.source_text is not None:
        for i, passage in enumerate(evidence):
            if ctx.in_source(normalise_passage(passage)) is False:
                ctx.walker.report(
                    item(nodes["evidence"], i),
                    f"evidence not found in the source file: “{passage[:60]}”",
                )
