"""Settings › Sync: the folder this device syncs through, the devices seen there, when each
last wrote, and every file in it that could not be read (and why).

Joining, leaving and "Sync now" act at once, like the profile buttons: they change the store.
The pass that joining and "Sync now" start runs on a thread of its own, on a connection of its
own (progress/sync/companion.py), as the window's passes do: a first merge of a large folder
does not stop the dialog. The section shows what it found when the pass ends.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.progress import Store
from studyapp.progress.sync import Merged, Peer, new_device_id
from studyapp.ui.common.text import plain_label, plain_tip

OFF_TEXT = (
    "Sync is off. To study on several devices, choose a folder that a sync engine you "
    "already use (Syncthing, Nextcloud, Dropbox, OneDrive, a network share) keeps in step "
    "on each of them, on every device."
)
COLUMNS = ("Device", "Last wrote", "Answers", "Status")


def when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.astimezone().strftime("%d %b %Y %H:%M")


def status(peer: Peer) -> str:
    return f"⚠ {peer.problem}" if peer.problem else "✓ read"


class SyncSection(QGroupBox):
    """Standalone: give it the store and a clock; `rng` draws this device's id on first join."""

    changed = Signal(object)  # the sync folder now in use (a Path), or None when sync stopped
    merged = Signal(object)  # a Merged that brought something in
    _ended = Signal(object)  # a Merged, or the error text, from the pass's thread

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__("Sync between devices", parent)
        self.setObjectName("sync")
        self.store = store
        self.clock = clock
        # The id only has to differ from other devices' ids: the system's randomness by default.
        self.rng = rng if rng is not None else random.SystemRandom()
        self._pass: threading.Thread | None = None
        self._ended.connect(self._pass_ended)
        layout = QVBoxLayout(self)
        self.summary = plain_label("", self, name="sync-summary")
        layout.addWidget(self.summary)
        self.devices = QTreeWidget(self)
        self.devices.setObjectName("sync-devices")
        self.devices.setAccessibleName("Devices in the sync folder")
        self.devices.setHeaderLabels(COLUMNS)
        self.devices.setRootIsDecorated(False)
        self.devices.setMaximumHeight(110)
        header = self.devices.header()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.devices)
        self.problems = plain_label("", self, name="sync-problems")
        self.problems.setAccessibleName("Files that could not be read")
        layout.addWidget(self.problems)
        row = QHBoxLayout()
        self.choose = self._button("Choose fo&lder…", "sync-choose", self._ask_folder)
        self.now = self._button("Sync n&ow", "sync-now", self.sync_now)
        self.stop = self._button("Stop s&yncing", "sync-stop", self.leave)
        for button in (self.choose, self.now, self.stop):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        me = self.store.sync_identity
        on = me is not None and me.folder is not None
        if me is None or me.folder is None:
            self.summary.setText(OFF_TEXT)
        else:
            self.summary.setText(f"Folder: {me.folder}\nThis device: {me.name} (id {me.device})")
        peers = self.store.sync_peers() if on else []
        self.devices.clear()
        for peer in peers:
            item = QTreeWidgetItem(
                [peer.name or peer.file, when(peer.last_stamp), str(peer.answers), status(peer)]
            )
            item.setToolTip(3, plain_tip(peer.problem or ""))  # it may quote a file name
            self.devices.addTopLevelItem(item)
        self.devices.setVisible(on)
        bad = [p for p in peers if p.problem]
        self.problems.setText(
            "\n".join(f"⚠ {p.file} could not be read in full: {p.problem}" for p in bad)
        )
        self.problems.setVisible(bool(bad))
        self.now.setEnabled(on)
        self.stop.setEnabled(on)
        self.choose.setText("Change fo&lder…" if on else "Choose fo&lder…")

    def join(self, folder: str | Path) -> None:
        """Sync through `folder` from now on, sending every answer so far, and sync once."""
        me = self.store.sync_identity
        device = me.device if me is not None else new_device_id(self.rng)
        name = me.name if me is not None else socket.gethostname()
        self.store.join_sync(Path(folder), device, name)
        self.changed.emit(Path(folder))
        self.sync_now()

    def leave(self) -> None:
        self.store.leave_sync()
        self.changed.emit(None)
        self.refresh()

    @property
    def syncing(self) -> bool:
        return self._pass is not None

    def sync_now(self) -> None:
        """Start a pass (nothing while one runs); the section shows its outcome at the end."""
        if self._pass is not None:
            return
        companion = self.store.sync_companion()

        def work() -> None:
            # the store loads after the window is painted
            import sqlite3

            from studyapp.progress import StoreError

            try:
                outcome: object = companion.sync() or Merged()
            except (OSError, sqlite3.Error, StoreError) as error:
                outcome = str(error)
            finally:
                companion.close()
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
                self._ended.emit(outcome)

        self.now.setEnabled(False)
        self.summary.setText(f"{self.summary.text()}\nSyncing…")
        self._pass = threading.Thread(target=work, daemon=True)
        self._pass.start()

    def _pass_ended(self, outcome: object) -> None:
        if self._pass is not None:
            self._pass.join()
            self._pass = None
        self.refresh()
        if isinstance(outcome, Merged):
            if outcome.changed:
                self.merged.emit(outcome)
        else:
            self.problems.setText(f"The sync pass could not run: {outcome}")
            self.problems.setVisible(True)

    def finish(self) -> None:
        """Let a pass under way end (the dialog is closing)."""
        if self._pass is not None:
            self._pass.join()

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose the folder to sync through")
        if folder:
            self.join(folder)
