"""Where the parts of a question stand in its YAML file: the nodes a problem is reported at.

Its own module, below both the builder's checks and the item-writing checks, so that neither
has to import the other to point a problem at a key or a list item.
"""

from __future__ import annotations

from collections.abc import Mapping

from studyapp.bank.yamlread import Node, SequenceNode

# Where a question's keys are in the file: its own node, and the node of each key by name;
# kept for the item-writing checks, which run once the whole bank is built. A plain tuple: one
# is made for every question of the bank, and a frozen dataclass costs several times as much
# to make, which on a bank of 10,000 questions is a share of the checks' cost worth saving.
Placed = tuple[Node, Mapping[str, Node]]


def item(node: Node, index: int) -> Node:
    """The node of the index-th list item, or the list itself when it is not a list."""
    if isinstance(node, SequenceNode) and index < len(node.value):
        return node.value[index]
    return node
