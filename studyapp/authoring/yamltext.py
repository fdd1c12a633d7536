"""Writing YAML by hand, so that a draft keeps its comments and reads like a person wrote it.

Every scalar is checked by reading it back with PyYAML: the plainest form that round-trips is
used, long text is folded over several lines, and anything else is double-quoted.
"""

from __future__ import annotations

import json
import textwrap

import yaml

WIDTH = 96
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _reads_back(source: str, value: str) -> bool:
    try:
        # The C loader where PyYAML has it: the pure-Python one took 30 ms per long passage.
        loaded = yaml.load(source, Loader=_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and loaded.get("k") == value


def scalar(value: str, indent: int) -> str:
    """The text after `key: ` (or `- `) for a string, at a given indentation of its key."""
    # Short text stays on the key's line, unquoted when that is safe.
    short = len(value) + indent < WIDTH - 10 and value == value.strip() and "\n" not in value
    if short and _reads_back(f"k: {value}\n", value):
        return value
    pad = " " * (indent + 2)
    if "\n" not in value and "  " not in value and value == value.strip():
        lines = textwrap.wrap(
            value, width=max(40, WIDTH - len(pad)), break_long_words=False, break_on_hyphens=False
        )
        folded = ">-\n" + "\n".join(pad + line for line in lines)
        if _reads_back("k: " + folded.replace("\n" + pad, "\n  ") + "\n", value):
            return folded
    return json.dumps(value, ensure_ascii=False)


def comment(text: str, indent: int) -> list[str]:
    """A YAML comment, wrapped, at an indentation."""
    pad = " " * indent + "# "
    return textwrap.wrap(text, width=WIDTH, initial_indent=pad, subsequent_indent=pad) or [
        pad.rstrip()
    ]
