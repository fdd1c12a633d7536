"""The JSON Schema of the bank format, made from the same tables the loader reads (spec.py).

Editors with yaml-language-server use it for completion and checks while typing. It describes
shapes only; what needs the whole bank (answers among choices, known actors, evidence found in
the source) is for `studyapp validate`.
"""

from __future__ import annotations

import json
from typing import Any

from studyapp.bank import spec
from studyapp.model import FORMAT_VERSION

# A plain scalar such as 1914 or yes is kept as the text written, so the schema allows them.
_TEXT: dict[str, Any] = {"type": ["string", "number", "boolean"]}
_SLUG: dict[str, Any] = {"type": ["string", "integer"], "pattern": spec.SLUG_PATTERN}


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" for c in word)


# The loader reads YAML 1.1, where yes/no/on/off (any case) are booleans; editors and
# check-jsonschema read YAML 1.2, where they are text. Both readings must pass, so the words
# the loader takes are allowed as text too (JSON Schema patterns have no ignore-case flag).
_BOOL: dict[str, Any] = {
    "anyOf": [
        {"type": "boolean"},
        {
            "type": "string",
            "pattern": "^(" + "|".join(_any_case(w) for w in spec.BOOL_WORDS) + ")$",
        },
    ]
}


def _value(field: spec.Field) -> dict[str, Any]:
    kind = field.kind
    out: dict[str, Any]
    if kind == spec.TEXT:
        out = dict(_TEXT)
    elif kind == spec.SLUG:
        out = dict(_SLUG)
    elif kind == spec.BOOL:
        out = dict(_BOOL)
    elif kind == spec.VERSION:
        out = {"const": FORMAT_VERSION}
    elif kind == spec.ENUM:
        out = {"enum": list(field.choices)}
    elif kind in (spec.TEXTS, spec.SLUGS):
        out = {"type": "array", "items": _TEXT if kind == spec.TEXTS else _SLUG}
    elif kind == spec.PASSAGES:
        out = {"anyOf": [_TEXT, {"type": "array", "items": _TEXT}]}
    elif kind == spec.PAIRS:
        pair = {"type": "array", "items": _TEXT, "minItems": 2, "maxItems": 2}
        out = {"type": "array", "items": pair}
    elif kind == spec.RECORD:
        out = _record(field.record)
    elif kind == spec.ACTORS:
        out = {
            "type": "object",
            "propertyNames": {"pattern": spec.SLUG_PATTERN},
            "additionalProperties": _record(field.record),
        }
    elif kind == spec.RECORDS:
        out = {"type": "array", "items": _record(field.record)}
    elif kind == spec.CODES:
        out = {"type": "array", "items": {"enum": list(field.choices)}}
    elif kind == spec.QUESTIONS:
        out = {"type": "array", "items": {"$ref": "#/definitions/question"}}
    else:  # pragma: no cover - the spec and this file disagree
        raise AssertionError(kind)
    if field.min_items:
        out["minItems"] = field.min_items
    out["description"] = field.help
    return out


def _record(fields: tuple[spec.Field, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: _value(f) for f in fields},
        "additionalProperties": False,
    }
    required = [f.name for f in fields if f.required]
    if required:
        out["required"] = required
    return out


def bank_schema() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    branches = []
    for t in spec.TYPES:
        record = _record(t.all_fields)
        record["properties"]["type"] = {"const": t.name, "description": t.summary}
        record["description"] = t.summary
        definitions[t.name] = record
        branches.append(
            {
                "if": {"properties": {"type": {"const": t.name}}, "required": ["type"]},
                "then": {"$ref": f"#/definitions/{t.name}"},
            }
        )
    definitions["question"] = {
        "type": "object",
        "required": ["id", "type"],
        "properties": {"type": {"enum": [t.name for t in spec.TYPES]}},
        "allOf": branches,
    }
    schema: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"studyapp question bank, format {FORMAT_VERSION}",
    }
    schema.update(_record(spec.BANK_FIELDS))
    schema["definitions"] = definitions
    return schema


def schema_text() -> str:
    """The schema as written to questions/bank.schema.json and by `studyapp schema`."""
    return json.dumps(bank_schema(), indent=2, ensure_ascii=False) + "\n"
