"""Emptying the store's xAPI outbox into the LRS, a batch at a time."""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.lrs.client import Lrs, LrsError
from studyapp.progress import Store

BATCH = 50


@dataclass(frozen=True, slots=True)
class Delivery:
    sent: int
    waiting: int
    error: str | None


def deliver(store: Store, lrs: Lrs, batch: int = BATCH, limit: int | None = None) -> Delivery:
    """Send what waits, oldest first, until the outbox is empty or the LRS fails.

    A batch is marked sent only after the LRS took it whole. Killed between the two, the
    batch is sent again next time, and the LRS keeps one copy of each statement by its id.
    """
    sent = 0
    error = None
    while limit is None or sent < limit:
        waiting = store.xapi_pending(batch)
        if not waiting:
            break
        seqs = [seq for seq, _ in waiting]
        try:
            lrs.post([body for _, body in waiting])
        except LrsError as why:
            error = str(why)
            store.xapi_failed(seqs, error)
            break
        store.xapi_delivered(seqs)
        sent += len(seqs)
    return Delivery(sent, store.xapi_outbox().waiting, error)
