"""Where the parts of a question stand in its YAML file: the nodes a problem is reported at.

Its own module, below both the builder's checks and the item-writing checks, so that neither
has to import the other to point a problem at a key or a list item.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from studyapp.bank.yamlread import Node, SequenceNode


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a question's keys are in the file, and the item checks it allows: kept for the
    item-writing checks, which run once the whole bank is built."""

    node: Node
    keys: Mapping[str, Node]
    allow: frozenset[str]


def item(node: Node, index: int) -> Node:
    """The node of the index-th list item, or the list itself when it is not a list."""
    if isinstance(node, SequenceNode) and index < len(node.value):
        return node.value[index]
    return node
