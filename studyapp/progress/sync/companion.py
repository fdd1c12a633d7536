"""A connection of its own to the progress file, for sync passes off the window's thread.

The window records answers on its store's connection; a large merge (a first sync, a device
back after weeks) takes seconds. Run on this second connection in another thread, a pass
commits in steps of `STEP` records, so an answer given meanwhile waits at most one step for
the write lock (SQLite lets one connection write at a time), and the window never waits for
the rest. Only one pass runs at a time: a Companion is used by one thread at a time, the
thread that runs the pass, which is why its connection may be handed between threads.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from studyapp.progress.opening import BUSY_TIMEOUT_MS
from studyapp.progress.sync.exchange import Merged, sync_pass
from studyapp.progress.sync.ledger import identity

# About 50 ms of merging on this machine: the longest an answer waits for a step to commit.
STEP = 2000


class Companion:
    def __init__(
        self,
        path: Path,
        clock: Callable[[], datetime],
        rng: random.Random,
        step: int = STEP,
    ) -> None:
        self.path = path
        self.clock = clock
        self.rng = rng  # for a fresh device id, should the pass need one (ledger.renew)
        self.step = step
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            # The file is already open, checked and migrated by the store: only connect.
            db = sqlite3.connect(
                self.path,
                isolation_level=None,
                timeout=BUSY_TIMEOUT_MS / 1000,
                check_same_thread=False,
            )
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA synchronous = FULL")
            self._db = db
        return self._db

    def sync(self) -> Merged | None:
        """One pass, as Store.sync but in steps; None when this device syncs through no folder."""
        db = self._connection()
        me = identity(db)
        if me is None or me.folder is None:
            return None
        return sync_pass(db, me, self.clock(), self.step, self.rng)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
