"""Settings › Sharing: send this device's answers to a learning record store (xAPI).

What is shared is said in so many words. The secret is kept in the system keyring where there
is one; otherwise only for as long as the app runs. The connection test and the sending run
off the window's thread, so a slow or dead endpoint never freezes the window.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from studyapp.progress import Store
from studyapp.ui.common.text import plain_label
from studyapp.ui.share_send import Sender
from studyapp.wording import counted

if TYPE_CHECKING:
    from studyapp.lrs.client import Lrs

SHARED = (
    "What is shared: for each answer, your profile name (as your account at the school's "
    "site), the bank and question, your response, whether it was right, the score, the time "
    "you took, the mode and this app's version. Nothing else leaves this device."
)


class ShareSection(QGroupBox):
    """Standalone: give it the store and the window's Sender (which knows the secret)."""

    checked = Signal(str)  # the result of a connection test, in words (emitted off-thread)

    def __init__(
        self,
        store: Store,
        sender: Sender,
        parent: QWidget | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__("Share answers with a learning record store (xAPI)", parent)
        self.setObjectName("share")
        self.store = store
        self.sender_ = sender
        self.rng = rng if rng is not None else random.SystemRandom()
        form = QFormLayout(self)
        self.enabled = QCheckBox("Send my answers to this LRS", self)
        self.enabled.setObjectName("share-on")
        form.addRow("", self.enabled)
        self.endpoint = QLineEdit(self)
        self.endpoint.setObjectName("share-endpoint")
        self.endpoint.setPlaceholderText("https://lrs.school.example/xAPI/")
        form.addRow("xA&PI address:", self.endpoint)
        self.username = QLineEdit(self)
        self.username.setObjectName("share-key")
        form.addRow("&Key:", self.username)
        self.secret = QLineEdit(self)
        self.secret.setObjectName("share-secret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("Secret")
        form.addRow("Se&cret:", self.secret)
        row = QHBoxLayout()
        self.save = QPushButton("Save and test connect&ion", self)
        self.save.setObjectName("share-save")
        self.save.clicked.connect(self.save_and_test)
        self.send_now = QPushButton("Send waitin&g answers", self)
        self.send_now.setObjectName("share-send")
        self.send_now.clicked.connect(self.send)
        row.addWidget(self.save)
        row.addWidget(self.send_now)
        row.addStretch(1)
        form.addRow(row)
        self.status = plain_label("", self, name="share-status")
        self.status.setAccessibleName("Sharing status")
        form.addRow(self.status)
        form.addRow(plain_label(SHARED, self, name="share-what"))
        self.checked.connect(self.refresh)
        sender.changed.connect(self.refresh)
        share = store.sharing
        if share is not None:
            self.endpoint.setText(share.endpoint)
            self.username.setText(share.username)
        self.enabled.setChecked(share is not None and share.enabled)
        self.enabled.toggled.connect(self._toggle)
        self.refresh()

    def refresh(self, said: str = "") -> None:
        share = self.store.sharing
        on = share is not None and share.enabled
        self.send_now.setEnabled(on)
        if share is None:
            text = "Not set up: give the LRS address, key and secret your school gave you."
        else:
            box = self.store.xapi_outbox()
            text = f"{counted(box.waiting, 'answer')} waiting, {box.sent} sent"
            if box.last_sent is not None:
                text += f" (last {box.last_sent.astimezone():%d %b %Y %H:%M})"
            if not on:
                text += ". Sharing is off: nothing more is queued."
            if box.last_error:
                text += f"\nThe last try failed: {box.last_error}"
        self.status.setText(f"{said}\n{text}" if said else text)

    def _toggle(self, on: bool) -> None:
        if self.store.sharing is None:
            if on:
                self.refresh("Save the LRS address first.")
                self.enabled.setChecked(False)
            return
        self.store.set_sharing(on)
        self.refresh()

    def save_and_test(self) -> None:
        # urllib (some 30 ms) loads when sharing is used, not at start-up
        from studyapp.lrs.client import LrsError, statements_url
        from studyapp.progress.sync import new_device_id

        endpoint, key = self.endpoint.text().strip(), self.username.text().strip()
        try:
            statements_url(endpoint)
        except LrsError as error:
            self.refresh(f"Not saved: {error}.")
            return
        if not key:
            self.refresh("Not saved: the LRS needs a key.")
            return
        home = endpoint.split("/xAPI")[0].rstrip("/")
        self.store.share_with(endpoint, key, home, new_device_id(self.rng))
        self.enabled.setChecked(True)
        if self.secret.text():
            kept = self.sender_.keeper.keep(endpoint, key, self.secret.text())
            self.secret.clear()
            if not kept:
                self.refresh("There is no system keyring: the secret is kept until you quit.")
        self._off_thread(self._test)

    def _off_thread(self, work: Callable[[Lrs], None]) -> None:
        # as above: urllib only when sharing is used
        from studyapp.lrs.client import Lrs

        share = self.store.sharing
        secret = None if share is None else self.sender_.keeper.get(share.endpoint, share.username)
        if share is None or secret is None:
            self.refresh("Give the secret to connect.")
            return
        self.status.setText("Connecting…")
        lrs = Lrs(share.endpoint, share.username, secret)
        threading.Thread(target=work, args=(lrs,), daemon=True).start()

    def _test(self, lrs: Lrs) -> None:
        # as above: urllib only when sharing is used
        from studyapp.lrs.client import LrsError

        try:
            self.checked.emit(lrs.check())
        except LrsError as error:
            self.checked.emit(f"Connection failed: {error}.")

    def send(self) -> None:
        if self.sender_.send_now():
            self.status.setText("Sending…")
        else:
            self.refresh("Nothing was sent (nothing waits, a send is under way, or no secret).")
