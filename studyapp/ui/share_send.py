"""Sending the xAPI outbox from the app: a batch at a time, off the window's thread.

The store is read and written on the window's thread only (its connection belongs there); the
HTTP request runs in a thread of its own and reports back through a queued signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from studyapp.lrs.secret import Keeper
    from studyapp.progress import Store

INTERVAL_MS = 30_000
BATCH = 100


class Sender(QObject):
    report = Signal(object)  # (queue numbers, error or None), from the sending thread
    changed = Signal()  # the outbox changed (sent, or a try failed)

    def __init__(
        self,
        store: Callable[[], Store | None],
        keeper: Callable[[], Keeper],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        # Asked for only when something is to be sent: finding the keyring takes a moment.
        self._keeper = keeper
        self.busy = False
        self.report.connect(self._reported)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.send_now)

    @property
    def keeper(self) -> Keeper:
        return self._keeper()

    def start(self) -> None:
        self._timer.start()
        self.send_now()

    def send_now(self) -> bool:
        """Send the oldest waiting statements; False when nothing was started."""
        # urllib (some 30 ms) loads when sharing is used, not at start-up
        from studyapp.lrs.client import Lrs, LrsError

        store = self._store()
        if self.busy or store is None or store.sharing is None or not store.sharing.enabled:
            return False
        share = store.sharing
        secret = self.keeper.get(share.endpoint, share.username)
        waiting = store.xapi_pending(BATCH)
        if secret is None or not waiting:
            return False
        lrs = Lrs(share.endpoint, share.username, secret)
        seqs = [seq for seq, _ in waiting]
        bodies = [body for _, body in waiting]
        self.busy = True

        def work() -> None:
            try:
                lrs.post(bodies)
            except LrsError as error:
                self.report.emit((seqs, str(error)))
                return
            self.report.emit((seqs, None))

        threading.Thread(target=work, daemon=True).start()
        return True

    def _reported(self, result: object) -> None:
        self.busy = False
        seqs, error = cast("tuple[list[int], str | None]", result)  # what work() emits
        store = self._store()
        if store is None:
            return  # the app is closing: the batch is sent again next time, harmlessly
        if error is None:
            store.xapi_delivered(seqs)
            self.changed.emit()
            self.send_now()  # more may wait
        else:
            store.xapi_failed(seqs, error)
            self.changed.emit()
