"""How large an export may be: a stated multiple of what it was made from.

YAML aliases let a small file name one long text many times; the loader limits how far they
expand, but an export writes each use out in full. So every export is held to a bound of its
input's size on disk (the bank file and the source it quotes): one that no honest bank comes
near, and that a file built to blow up cannot pass.
"""

from __future__ import annotations

import os
from dataclasses import fields, is_dataclass
from pathlib import Path

from studyapp.model import Bank

# Each question costs at most this many times its YAML in any target: Moodle XML spends the
# most, about 900 bytes of markup on a true/false question that takes 55 bytes of YAML, and
# escaping can multiply a text by five (& as &amp;).
MULTIPLE = 32
ALLOWANCE = 1024 * 1024  # headers, note types, the package's own tables


def input_bytes(bank: Bank) -> int:
    """The bytes on disk the export is made from: the bank file and its source file."""
    total = 0
    paths = [Path(bank.path)]
    if bank.source is not None and bank.source.file:
        paths.append(Path(bank.path).parent / bank.source.file)
    for path in paths:
        try:
            total += os.stat(path).st_size
        except OSError:
            continue
    return total


def limit(bank: Bank) -> int:
    return MULTIPLE * input_bytes(bank) + ALLOWANCE


def _text_size(value: object, depth: int = 0) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, tuple | list):
        return sum(_text_size(v, depth + 1) for v in value)
    if is_dataclass(value) and not isinstance(value, type) and depth < 4:
        return sum(_text_size(getattr(value, f.name), depth + 1) for f in fields(value))
    return 0


def expanded_size(bank: Bank) -> int:
    """The characters of text the bank's questions hold once every alias is written out; a
    lower bound of any export's size, known without writing one."""
    actor_names = sum(len(a.name) for a in bank.actors.values())
    return actor_names + sum(_text_size(q) for q in bank.questions)
