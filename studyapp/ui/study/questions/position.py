"""Position shift: place one stance as "before" and one as "after", then see the shift."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from studyapp.answering.grading import Grade
from studyapp.answering.presentation import implied_note
from studyapp.answering.responses import PositionShiftResponse, Response
from studyapp.model import Bank, PositionShift, Question
from studyapp.ui.common import theme
from studyapp.ui.common.text import plain_label, set_scale
from studyapp.ui.study.questions.base import QuestionWidget
from studyapp.ui.study.questions.tiles import ChoiceTile, lay_out_in_reading_direction, step

SLOTS = ("Before", "After")


class PositionShiftQuestion(QuestionWidget):
    question: PositionShift

    def __init__(
        self, question: Question, options: tuple[str, ...], bank: Bank, parent: QWidget | None
    ) -> None:
        super().__init__(question, options, bank, parent)
        q = self.question
        self.add_heading(q.prompt or "How did the position shift?")
        self.add_text(f"{bank.actor_name(q.actor)} on {q.issue}", scale=1.3)
        self.add_hint(
            f"Keys 1–{min(len(options), 9)} (or ↑ ↓ and Space) place a stance in the "
            "highlighted slot, then the next; ← → switch slot.",
            said="Place a stance in each slot: a number key, or the arrow keys and Space, fills "
            "the chosen slot, Before first. Left and Right choose the slot.",
        )
        self.picked: list[str | None] = [None, None]
        self.active = 0
        row = QHBoxLayout()
        row.setSpacing(12)
        self.slots: list[ChoiceTile] = []
        for i, (name, stance) in enumerate(zip(SLOTS, (q.before, q.after), strict=True)):
            slot = ChoiceTile(0, f"{name} · {stance.label}", "— not placed yet —", self)
            slot.setCheckable(True)
            slot.setAutoExclusive(True)  # one slot is the active one: radio buttons to readers
            slot.clicked.connect(lambda _c=False, i=i: self._activate(i))
            row.addWidget(slot)
            self.slots.append(slot)
        self.column.addLayout(row)
        self.tiles: list[ChoiceTile] = []
        for number, stance_text in enumerate(options, 1):
            # A stance is a choice for the highlighted slot: a radio button to readers, though
            # two of them may be placed (checked) at once.
            tile = ChoiceTile(number, stance_text, "", self, True)
            set_scale(tile, 1.05)
            tile.frozen = True  # its mark shows where it was placed, set by _place
            tile.clicked.connect(lambda _c=False, n=number: self.pick(n))
            self.column.addWidget(tile)
            self.tiles.append(tile)
        lay_out_in_reading_direction(self.tiles, list(options))
        self.result_box: QWidget | None = None
        self._refresh()

    def _activate(self, index: int) -> None:
        if not self.locked:
            self.active = index
        self._refresh()

    def _refresh(self) -> None:
        for i, slot in enumerate(self.slots):
            chosen = self.picked[i]
            slot.detail = chosen if chosen is not None else "— not placed yet —"
            slot.frozen = False
            slot.setChecked(i == self.active and not self.locked)
            slot.frozen = True
            slot._update_accessible()
            slot.updateGeometry()
            slot.update()
        for tile in self.tiles:
            places = [SLOTS[i] for i in range(2) if self.picked[i] == tile.full_text]
            tile.detail = " and ".join(places)
            tile.frozen = False
            tile.setChecked(bool(places))
            tile.frozen = True
            tile._update_accessible()
            tile.updateGeometry()
            tile.update()
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """← and → choose the slot, from anywhere in the question; ↑ ↓ Home End move between
        the stances (Space or a number key places one)."""
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not self.locked:
            self._activate(0 if key == Qt.Key.Key_Left else 1)
            event.accept()
            return
        target = step(self.tiles, QApplication.focusWidget(), key)
        if target is None:
            super().keyPressEvent(event)
            return
        target.setFocus(Qt.FocusReason.TabFocusReason)
        event.accept()

    def pick(self, number: int) -> bool:
        if self.locked or not 1 <= number <= len(self.tiles):
            return False
        stance = self.options[number - 1]
        # One stance sits in one slot: placed here, it leaves the other.
        self.picked = [None if p == stance else p for p in self.picked]
        self.picked[self.active] = stance
        self.active = self._next_slot(self.active)
        self._refresh()
        self.tiles[number - 1].setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def _next_slot(self, placed: int) -> int:
        """The slot a number key fills next: the first empty one, Before first, else After.

        Moving a stance from Before to After (its key pressed again) empties Before: the
        highlight goes back there, so that the next key never fills After beside an empty Before.
        """
        for i, chosen in enumerate(self.picked):
            if chosen is None:
                return i
        return 1 if placed == 0 else placed

    def response(self) -> PositionShiftResponse:
        return (self.picked[0], self.picked[1])

    def restore(self, response: Response | None) -> bool:
        if not isinstance(response, tuple) or len(response) != 2:
            return False
        if any(p is not None and p not in self.options for p in response):
            return False
        self.picked = list(response)
        self.active = self._next_slot(0)
        self._refresh()
        return True

    def has_response(self) -> bool:
        return all(p is not None for p in self.picked)

    def focus_first(self) -> None:
        self.tiles[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def show_result(self, grade: Grade) -> None:
        super().show_result(grade)
        q = self.question
        correct = (q.before.stance, q.after.stance)
        for tile in self.tiles:
            placed = [i for i in range(2) if self.picked[i] == tile.full_text]
            belongs = [i for i in range(2) if correct[i] == tile.full_text]
            if belongs and placed == belongs:
                tile.set_result("right")
            elif placed:
                tile.set_result("wrong")
            elif belongs:
                tile.set_result("missed")
        for slot in self.slots:
            slot.setAutoExclusive(False)  # else Qt keeps the active slot checked
        self._refresh()
        for slot in self.slots:
            slot.hide()
        self.result_box = self._shift_view(grade)
        self.column.insertWidget(3, self.result_box)

    def _shift_view(self, grade: Grade) -> QWidget:
        """Before ──▶ After, side by side, each with whether the learner placed it right."""
        q = self.question
        box = QFrame(self)
        box.setObjectName("shift")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setHorizontalSpacing(14)
        parts = grade.parts or (False, False)
        for col, (name, stance, ok, mine) in enumerate(
            zip(SLOTS, (q.before, q.after), parts, self.picked, strict=True)
        ):
            panel = QFrame(box)
            panel.setObjectName("shiftSide")
            # Drawn like the choice tiles below it, so that the result reads as part of them.
            panel.setStyleSheet(
                "QFrame#shiftSide { background: palette(base); border: 1px solid palette(mid);"
                " border-radius: 6px; }"
            )
            inner = QVBoxLayout(panel)
            inner.setContentsMargins(12, 10, 12, 10)
            verdict = "right" if ok else "wrong"
            mark = "✓ you placed this" if ok else f"✗ you placed: {mine or 'nothing'}"
            head = plain_label(f"{name} · {stance.label}", panel, bold=True)
            body = plain_label(stance.stance, panel, scale=1.1, selectable=True)
            note = plain_label(mark, panel, scale=0.9)
            note.setAccessibleName(
                "right, you placed this" if ok else f"wrong, you placed: {mine or 'nothing'}"
            )
            theme.tint(note, verdict)
            for w in (head, body, note):
                inner.addWidget(w)
            if stance.implied:
                inner.addWidget(
                    plain_label(implied_note(stance.cue), panel, scale=0.9, name="implied")
                )
            inner.addStretch(1)  # both sides start at the top, however long either one is
            grid.addWidget(panel, 0, col * 2)
            if col == 0:
                arrow = QLabel("──▶", box)
                arrow.setAccessibleName("shifted to")
                arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
                grid.addWidget(arrow, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        box.setAccessibleName("The shift: before, then after")
        return box
