"""A thin table model over the library's rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from studyapp.ui.common.text import plain_tip
from studyapp.wording import counted

if TYPE_CHECKING:
    from studyapp.ui.library.items import BankRow

# What a learner acts on, as Anki's deck list shows it: due, then learning, then new, each in
# a colour of its own beside its word; how much is mastered; and when the bank was last studied.
COLUMNS = ("Bank", "Due", "Learning", "New", "Mastered", "Last studied")
# The verdict colour each count is drawn in when it is not zero (with its word in the heading).
COUNT_COLOURS = {1: "wrong", 2: "partial", 3: "new"}
ROW_ROLE = Qt.ItemDataRole.UserRole

Index = QModelIndex | QPersistentModelIndex


def _count_brush(kind: str) -> QBrush:
    # Read from the application's palette at paint time, so a live theme switch repaints right.
    from studyapp.ui.common.theme import verdict_colour

    palette = QApplication.palette()
    if kind == "none":
        return QBrush(palette.color(QPalette.ColorRole.PlaceholderText))
    if kind == "new":
        return QBrush(palette.color(QPalette.ColorRole.Link))
    return QBrush(verdict_colour(kind, palette))


class LibraryModel(QAbstractTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.rows: list[BankRow] = []

    def set_rows(self, rows: list[BankRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's names)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if section else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.title,
                row.due,
                row.learning,
                row.new,
                row.mastered_text,
                row.studied,
            )[col]
        if role == Qt.ItemDataRole.ForegroundRole and col in COUNT_COLOURS:
            # A zero is drawn faint, as in Anki's deck list, so the counts to act on stand out.
            count = (row.due, row.learning, row.new)[col - 1]
            return _count_brush(COUNT_COLOURS[col] if count else "none")
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            about = row.description or row.path
            return plain_tip(counted(row.questions, "question") + (f" · {about}" if about else ""))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # Each cell says its own part: screen readers read a whole row cell by cell, so a
            # row's summary in every cell was heard five times over.
            mastered = (
                "nothing mastered yet"
                if row.mastered is None
                else f"{round(row.mastered * 100)} percent mastered"
            )
            return (
                f"{row.title}, {counted(row.questions, 'question')}",
                f"{row.due} due",
                f"{row.learning} learning",
                f"{row.new} new",
                mastered,
                f"last studied {row.studied}",
            )[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def index_of(self, bank_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.bank_id == bank_id), -1)
