"""A read-only Qt table over a `Table`, and a view that copies what is selected as text."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from studyapp.ui.common.text import plain_tip
from studyapp.ui.insight.table_items import Table

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class TableModel(QAbstractTableModel):
    def __init__(self, table: Table | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table or Table((), ())

    def set_table(self, table: Table) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.table.rows):
            return None
        cell = self.table.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(cell.text)
        if role == SORT_ROLE:
            return cell.key
        if role == Qt.ItemDataRole.TextAlignmentRole and self._numeric(index.column()):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _numeric(self, column: int) -> bool:
        return column < len(self.table.numeric) and self.table.numeric[column]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.table.headers):
            return self.table.headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.table.rows):
            return str(section + 1)
        return None


class TableView(QTableView):
    """Sortable, keyboard-friendly, and Ctrl+C copies the selected rows with their header."""

    def __init__(self, model: TableModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        self.setObjectName(name)
        self.setAccessibleName(name)
        # In the source's order until a header is clicked: the indicator is set to no column
        # first, or enabling sorting sorts by the first column (every row's key asked for,
        # half of a 132-row table's making) only for the order to be undone.
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Each column as wide as its header or its widest text, measured here from the table
        itself. Qt's ResizeToContents asked the model for every role of every cell in view and
        100 more, several times over as the page was laid out: 6,400 calls into Python for
        the 132 mix-ups, a quarter of the window's work at opening the page."""
        header = self.horizontalHeader()
        table = self.source.table
        font = self.fontMetrics()
        style = self.style()
        # a cell's margins, as QItemDelegate pads its text, and the header's sort indicator
        margin = 2 * (style.pixelMetric(style.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)
        sort = style.pixelMetric(style.PixelMetric.PM_HeaderMarkSize, None, self)
        header_margin = 2 * style.pixelMetric(style.PixelMetric.PM_HeaderMargin, None, self)
        for column, title in enumerate(table.headers):
            cells = (row[column].text for row in table.rows[:1000] if column < len(row))
            widest = max((font.horizontalAdvance(text) for text in cells), default=0)
            wanted = max(widest + 2 * margin, font.horizontalAdvance(title) + header_margin + sort)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, wanted)

    def selected_source_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.selectionModel().selectedRows()}
        return sorted(rows)

    def copy(self) -> str:
        rows = self.selected_source_rows()
        text = self.source.table.to_tsv(rows or None)
        QGuiApplication.clipboard().setText(text)
        return text

    def keyPressEvent(self, event: object) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):  # type: ignore[attr-defined]
            self.copy()
            event.accept()  # type: ignore[attr-defined]
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]
