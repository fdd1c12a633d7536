"""A bank as plain data (the YAML format's own keys) and back.

`bank_to_data` gives what an instructor would write, so that writing it with dump_bank
gives a bank file that loads to an equal bank; with `columns=True` its questions take the
cache's compact form instead. `bank_from_data` reads that form back and trusts its input's
shape: it is for data this module wrote (the cache), never for a user's file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import MISSING, dataclass, fields
from itertools import repeat
from types import MappingProxyType
from typing import Any, TypeVar

from studyapp.model import (
    FORMAT_VERSION,
    QUESTION_TYPES,
    Actor,
    Bank,
    Position,
    QuestionBase,
    Source,
    Stance,
)

_DEFAULTS: dict[str, dict[str, object]] = {}
for _name, _cls in QUESTION_TYPES.items():
    _DEFAULTS[_name] = {f.name: f.default for f in fields(_cls) if f.default is not MISSING}


def _plain(value: object) -> object:
    if isinstance(value, Stance):
        # Only the keys an author would write: the optional ones when they are set.
        out: dict[str, object] = {"label": value.label, "stance": value.stance}
        if value.evidence:
            out["evidence"] = list(value.evidence)
        if value.cue:
            out["cue"] = value.cue
        if value.date:
            out["date"] = value.date
        return out
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def question_to_data(question: QuestionBase) -> dict[str, Any]:
    out: dict[str, Any] = {"id": question.id, "type": str(question.TYPE)}
    defaults = _DEFAULTS[question.TYPE]
    for f in fields(question):
        if f.name in ("id", "line"):
            continue
        value = getattr(question, f.name)
        if f.name in defaults and value == defaults[f.name]:
            continue
        out[f.name] = _plain(value)
    return out


def bank_to_data(bank: Bank, columns: bool = False) -> dict[str, Any]:
    """The bank in the format's keys; with `columns`, questions in the cache's compact form."""
    out: dict[str, Any] = {"studyapp": bank.version, "id": bank.id, "title": bank.title}
    if bank.description:
        out["description"] = bank.description
    if bank.language:
        out["language"] = bank.language
    if bank.tags:
        out["tags"] = list(bank.tags)
    if bank.source is not None:
        out["source"] = {k: v for k, v in _source_items(bank.source) if v}
    if bank.story:
        out["story"] = bank.story
    if bank.positions:
        out["positions"] = [
            {
                "id": p.id,
                "actor": p.actor,
                "issue": p.issue,
                "stances": [_plain(s) for s in p.stances],
            }
            for p in bank.positions
        ]
    if bank.actors:
        out["actors"] = {
            a.id: {k: v for k, v in (("name", a.name), ("role", a.role)) if v}
            | ({"kind": a.kind} if a.kind != "person" else {})
            for a in bank.actors.values()
        }
    if columns:
        out["questions"] = questions_to_columns(bank.questions)
    else:
        out["questions"] = [question_to_data(q) for q in bank.questions]
    return out


def _source_items(source: Source) -> tuple[tuple[str, str | None], ...]:
    return (
        ("title", source.title),
        ("url", source.url),
        ("file", source.file),
        ("date", source.date),
    )


def dump_bank(bank: Bank) -> str:
    """The bank as YAML text in the format v1."""
    # Lazy: writing YAML is rare, and reading the cache (this module) must not pay for PyYAML.
    from studyapp.bank.yamlwrite import dump_yaml

    return dump_yaml(bank_to_data(bank))


# The cache's compact form -------------------------------------------------------------------
#
# Questions are kept by type, one column per field: {"order": ..., "kinds": ((type, column,
# column, ...), ...)}. Each column holds that field's values for every question of the type,
# as the model holds them (tuples stay tuples, a stance is a (label, stance) pair), so that a
# container that keeps tuples (marshal) gives them back ready to use. "order" gives, for each
# question in the bank's order, its place among the questions of all kinds laid end to end.


Setter = Callable[[Any, Any], None]
T = TypeVar("T")


def _slot_setter(cls: type, name: str) -> Setter:
    for klass in cls.__mro__:
        if name in klass.__dict__:
            setter: Setter = klass.__dict__[name].__set__
            return setter
    raise AttributeError(name)


@dataclass(frozen=True, slots=True)
class _Kind:
    cls: type[QuestionBase]
    names: tuple[str, ...]
    setters: tuple[Setter, ...]
    stances: tuple[bool, ...]  # which fields hold a Stance


_KINDS = {
    name: _Kind(
        cls,
        tuple(f.name for f in fields(cls)),
        tuple(_slot_setter(cls, f.name) for f in fields(cls)),
        tuple(str(f.type) == "Stance" for f in fields(cls)),
    )
    for name, cls in QUESTION_TYPES.items()
}
_STANCE_FIELDS = tuple(f.name for f in fields(Stance))
_STANCE_SETTERS = tuple(_slot_setter(Stance, name) for name in _STANCE_FIELDS)
_new = object.__new__


def questions_to_columns(questions: Iterable[QuestionBase]) -> dict[str, Any]:
    """The questions in the cache's compact form."""
    by_kind: dict[str, list[QuestionBase]] = {}
    places: list[tuple[str, int]] = []
    for q in questions:
        kind = str(q.TYPE)  # marshal writes plain str only, not an enum
        same = by_kind.setdefault(kind, [])
        places.append((kind, len(same)))
        same.append(q)
    offsets: dict[str, int] = {}
    kinds = []
    before = 0
    for kind, same in by_kind.items():
        offsets[kind] = before
        before += len(same)
        columns = (
            tuple(_cached_value(getattr(q, name)) for q in same) for name in _KINDS[kind].names
        )
        kinds.append((kind, *columns))
    return {"order": tuple(offsets[kind] + i for kind, i in places), "kinds": tuple(kinds)}


def _cached_value(value: object) -> object:
    if isinstance(value, Stance):
        return tuple(getattr(value, name) for name in _STANCE_FIELDS)
    return value


def _made(kind: _Kind, columns: list[Any]) -> list[QuestionBase]:
    count = len(columns[0])
    for i, stance in enumerate(kind.stances):
        if stance:
            # A stance is cached as a tuple of its fields; turned into one column per field.
            pairs = tuple(zip(*columns[i], strict=True)) or ((),) * len(_STANCE_FIELDS)
            columns[i] = _filled(Stance, _STANCE_SETTERS, pairs, count)
    return _filled(kind.cls, kind.setters, columns, count)


def _filled(cls: type[T], setters: Sequence[Setter], columns: Sequence[Any], count: int) -> list[T]:
    # Columns are written by questions_to_columns from objects the constructor made. The model's
    # constructors are the generated ones of frozen dataclasses: they store each field and check
    # nothing, so setting the slots directly makes the same object (tests/test_bank_cache.py
    # compares the two for every kind), and reopening a large bank from the cache about three
    # times as fast (a frozen dataclass sets each field through object.__setattr__). A type that
    # gains a rule in __post_init__ is built through its constructor instead, so the rule holds
    # for cached banks too. Every slot is set: slotted dataclasses keep no defaults on the class.
    if hasattr(cls, "__post_init__"):
        names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
        rows = zip(*columns, strict=True)
        built = [cls(**dict(zip(names, row, strict=True))) for row in rows]
        if len(built) != count:
            raise ValueError("cached questions do not fit their type")
        return built
    made: list[T] = list(map(_new, repeat(cls, count)))
    for setter, column in zip(setters, columns, strict=True):
        if len(column) != count:  # zip(strict=True) checks the number of columns
            raise ValueError("cached questions do not fit their type")
        # map() calls the slot's setter for each object without a Python-level loop; any()
        # only drives it (a setter returns None).
        any(map(setter, made, column))
    return made


def questions_from_columns(data: dict[str, Any]) -> tuple[QuestionBase, ...]:
    """The questions of data written by questions_to_columns, their tuples kept as they come."""
    made: list[QuestionBase] = []
    for kind, *columns in data["kinds"]:
        made += _made(_KINDS[kind], columns)
    return tuple(map(made.__getitem__, data["order"]))


def bank_from_data(data: dict[str, Any], path: str = "") -> Bank:
    """A bank from data written by bank_to_data(..., columns=True)."""
    source = data.get("source")
    actors = {
        actor_id: Actor(id=actor_id, **record)
        for actor_id, record in data.get("actors", {}).items()
    }
    return Bank(
        id=data["id"],
        title=data["title"],
        questions=questions_from_columns(data["questions"]),  # type: ignore[arg-type]
        path=path,
        description=data.get("description", ""),
        language=data.get("language", ""),
        tags=tuple(data.get("tags", ())),
        source=Source(**source) if source is not None else None,
        actors=MappingProxyType(actors),
        version=data.get("studyapp", FORMAT_VERSION),
        story=data.get("story", ""),
        positions=tuple(
            Position(
                p["id"],
                p["actor"],
                p["issue"],
                tuple(Stance(**_stance_args(s)) for s in p["stances"]),
            )
            for p in data.get("positions", ())
        ),
    )


def _stance_args(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "evidence": tuple(data.get("evidence", ()))}
