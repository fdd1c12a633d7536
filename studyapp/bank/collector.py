"""Pausing Python's cycle collector while a bank is read, built or taken from the cache.

Reading a large bank makes hundreds of thousands of small objects (YAML nodes, strings, tuples,
questions), none of them garbage yet. Left running, the cycle collector would walk every live
object again each time a few hundred more have been made, which costs more than the parsing:
with it paused, 10,000 questions parse in about a third of the time.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused(keep: bool = False) -> Iterator[None]:
    """Pause the collector for the block; its earlier state comes back even if the block fails.

    `keep`: what the block made is kept for long (a bank built to be studied), so it is moved
    out of the collector's sight (gc.freeze) instead of being walked by the next collections:
    the first one after a 10,000-question bank walked its few hundred thousand objects, a
    tenth of a second during which no other thread (the window's) could run. Frozen objects
    are still freed when nothing refers to them; only cycles among them would stay, and a
    built bank holds none.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_enabled:
            gc.enable()
