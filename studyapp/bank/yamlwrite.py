"""Our one YAML writer for bank data: what an import writes and what a bank dumps back.

PyYAML's safe dumper writes it, so nothing but plain mappings, lists, strings, numbers and
booleans can reach the file; keys keep the order they were given (the format documentation's).
Texts with line breaks are written as literal blocks, and a `Pair` as a short flow list, so the
file reads as an instructor would write it. (Drafts from an article are written by hand
instead, in studyapp.authoring.yamltext, because they carry comments PyYAML cannot write.)
"""

from __future__ import annotations

from typing import Any

import yaml


class Pair(list[str]):
    """A two-item list written on one line: [left, right]."""


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _pair(dumper: yaml.SafeDumper, data: Pair) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Pair, _pair)


def dump_yaml(data: dict[str, Any], header: str = "") -> str:
    """`data` as YAML text, after an optional comment (one or more lines)."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + body
