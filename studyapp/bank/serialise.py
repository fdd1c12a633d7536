"""A bank as plain data (the YAML format's own keys) and back.

`bank_to_data` gives what an instructor would write, so that writing it with yaml.safe_dump
gives a bank file that loads to an equal bank. `bank_from_data` trusts its input's shape: it
is for data this module wrote (the cache), never for a user's file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, fields
from types import MappingProxyType
from typing import Any

from studyapp.model import (
    FORMAT_VERSION,
    QUESTION_TYPES,
    Actor,
    Bank,
    QuestionBase,
    Source,
    Stance,
)

_DEFAULTS: dict[str, dict[str, object]] = {}
for _name, _cls in QUESTION_TYPES.items():
    _DEFAULTS[_name] = {f.name: f.default for f in fields(_cls) if f.default is not MISSING}


def _plain(value: object) -> object:
    if isinstance(value, Stance):
        return {"label": value.label, "stance": value.stance}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def question_to_data(question: QuestionBase) -> dict[str, Any]:
    out: dict[str, Any] = {"id": question.id, "type": question.TYPE}
    defaults = _DEFAULTS[question.TYPE]
    for f in fields(question):
        if f.name in ("id", "line"):
            continue
        value = getattr(question, f.name)
        if f.name in defaults and value == defaults[f.name]:
            continue
        out[f.name] = _plain(value)
    return out


def bank_to_data(bank: Bank, rows: bool = False) -> dict[str, Any]:
    """The bank in the format's keys; with `rows`, questions are compact rows for the cache."""
    out: dict[str, Any] = {"studyapp": bank.version, "id": bank.id, "title": bank.title}
    if bank.description:
        out["description"] = bank.description
    if bank.language:
        out["language"] = bank.language
    if bank.tags:
        out["tags"] = list(bank.tags)
    if bank.source is not None:
        out["source"] = {k: v for k, v in _source_items(bank.source) if v}
    if bank.actors:
        out["actors"] = {
            a.id: {k: v for k, v in (("name", a.name), ("role", a.role)) if v}
            | ({"kind": a.kind} if a.kind != "person" else {})
            for a in bank.actors.values()
        }
    out["questions"] = [question_to_row(q) if rows else question_to_data(q) for q in bank.questions]
    return out


def _source_items(source: Source) -> tuple[tuple[str, str | None], ...]:
    return (("title", source.title), ("url", source.url), ("file", source.file))


def dump_bank(bank: Bank) -> str:
    """The bank as YAML text in the format v1."""
    import yaml  # writing YAML is rare; reading the cache must not pay for the import

    text: str = yaml.safe_dump(bank_to_data(bank), allow_unicode=True, sort_keys=False, width=100)
    return text


def _pairs(value: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(map(tuple, value))


def _slot_setter(cls: type, name: str) -> Callable[[object, object], None]:
    for klass in cls.__mro__:
        if name in klass.__dict__:
            setter: Callable[[object, object], None] = klass.__dict__[name].__set__
            return setter
    raise AttributeError(name)


def _row_builder(cls: type[QuestionBase]) -> Callable[[list[Any]], QuestionBase]:
    """A function that makes a question of this type from its row of values.

    Rows are written by question_to_row from questions that passed validation, so the checks
    of __init__ add nothing. Setting the slots directly, in straight-line code generated here
    from the dataclass's own fields (never from cached data), makes reopening a large bank from
    the cache about twice as fast as calling __init__, and it follows the model when it changes.
    """
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls, "pairs": _pairs}
    namespace["Stance"] = Stance
    body = []
    for i, f in enumerate(fields(cls)):
        namespace[f"set_{i}"] = _slot_setter(cls, f.name)
        kind = str(f.type)
        if f.name == "pairs":
            value = f"pairs(v[{i}])"
        elif kind.startswith("tuple"):
            value = f"tuple(v[{i}])"
        elif kind == "Stance":
            value = f"Stance(*v[{i}])"
        else:
            value = f"v[{i}]"
        body.append(f"    set_{i}(q, {value})")
    count = len(body)
    source = "\n".join(
        [
            "def build(v):",
            f"    if len(v) != {count}:",
            "        raise ValueError('a cached question does not fit its type')",
            "    q = new(cls)",
            *body,
            "    return q",
        ]
    )
    exec(compile(source, f"<row builder for {cls.TYPE}>", "exec"), namespace)  # noqa: S102
    builder: Callable[[list[Any]], QuestionBase] = namespace["build"]
    return builder


_NAMES = {name: tuple(f.name for f in fields(cls)) for name, cls in QUESTION_TYPES.items()}
_BUILDERS = {name: _row_builder(cls) for name, cls in QUESTION_TYPES.items()}


def question_to_row(question: QuestionBase) -> list[Any]:
    """The question as [type, [each field's value, in the dataclass's order]]."""
    values: list[Any] = []
    for name in _NAMES[question.TYPE]:
        value = getattr(question, name)
        values.append([value.label, value.stance] if isinstance(value, Stance) else value)
    return [question.TYPE, values]


def question_from_row(row: list[Any]) -> QuestionBase:
    qtype, values = row
    return _BUILDERS[qtype](values)


def bank_from_data(data: dict[str, Any], path: str = "") -> Bank:
    """A bank from data written by bank_to_data(..., rows=True)."""
    source = data.get("source")
    actors = {
        actor_id: Actor(id=actor_id, **record)
        for actor_id, record in data.get("actors", {}).items()
    }
    return Bank(
        id=data["id"],
        title=data["title"],
        questions=tuple(map(question_from_row, data["questions"])),  # type: ignore[arg-type]
        path=path,
        description=data.get("description", ""),
        language=data.get("language", ""),
        tags=tuple(data.get("tags", ())),
        source=Source(**source) if source is not None else None,
        actors=MappingProxyType(actors),
        version=data.get("studyapp", FORMAT_VERSION),
    )
