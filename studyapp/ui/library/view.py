"""Home: the banks with their counts, mode and tag choice, today's line, the problems panel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studyapp.printable import shown
from studyapp.ui.common.layout import CentredScroll
from studyapp.ui.common.text import plain_label, plain_tip, with_enter
from studyapp.ui.library.model import COLUMNS, ROW_ROLE, LibraryModel
from studyapp.ui.library.problems import ProblemsPanel
from studyapp.ui.library.rows import BankRowDelegate
from studyapp.ui.loading import LoadProgress

if TYPE_CHECKING:  # the window paints before the core loads
    from studyapp.bank.problems import Problem
    from studyapp.ui.library.items import BankRow, Outlook, TagCounts

MODES = (
    ("practice", "&Practice"),
    ("review", "&Review due"),
    ("exam", "E&xam"),
    ("mistakes", "&Mistakes"),
)
ALL_TAGS = "All tags"
LOADING = "Loading banks…"
NO_BANKS = "No banks yet"
HOW_TO_ADD = (
    "To add a bank:\n"
    "• File › Open bank… (Ctrl+O) opens a bank file (.yaml).\n"
    "• File › New bank from article… (Ctrl+Shift+N) drafts one from a news article.\n"
    "• Or start StudyApp with your banks: studyapp PATH (a bank file or a folder of them)."
)
LIBRARY_WIDTH = 1000
NONE_LOADED = "None of the banks could be loaded: the problems are listed below."


class LibraryView(QWidget):
    start_requested = Signal(str, str, tuple)  # mode, bank id, tags
    profile_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # Wider than the reading column of the other screens: a table of six columns, whose
        # title column takes whatever the five narrow ones leave.
        scroll = CentredScroll(self, width=LIBRARY_WIDTH)
        outer.addWidget(scroll)
        col = scroll.column

        head = QHBoxLayout()
        title = plain_label("Banks", self, scale=1.6, bold=True, wrap=False)
        head.addWidget(title)
        head.addStretch(1)
        profile_label = QLabel("Pro&file:", self)
        self.profiles = QComboBox(self)
        self.profiles.setAccessibleName("Profile")
        self.profiles.setMinimumContentsLength(10)
        self.profiles.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        profile_label.setBuddy(self.profiles)
        self.profiles.activated.connect(self._profile_activated)
        head.addWidget(profile_label)
        head.addWidget(self.profiles)
        col.addLayout(head)

        self.model = LibraryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Banks")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        # A title too long for its column goes on to a second line (rows are two lines tall)
        # before it is cut; the full title is in the tooltip and the spoken name.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setItemDelegate(BankRowDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(COLUMNS)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(c, self._column_width(c))
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 2 + 4)
        header.setHighlightSections(False)
        # Room inside each cell and heading, so that text does not touch the column edges; the
        # heading keeps the style's look but for its padding and a plain rule under it.
        self.table.setStyleSheet(
            "QTableView::item { padding: 0 10px; }"
            "QHeaderView::section { padding: 6px 10px; border: none;"
            " border-bottom: 1px solid palette(mid); background: palette(base); }"
        )
        self.table.doubleClicked.connect(lambda _i: self.request_start())
        col.addWidget(self.table)
        # Until the first load finishes the table is empty because nothing has been read yet,
        # not because there is nothing: the two are told apart.
        self.loaded = False
        self.still_loading = False  # a background load has files to go
        self.progress = LoadProgress(self)
        col.addWidget(self.progress)
        self.empty_title = plain_label(LOADING, self, scale=1.15, bold=True, name="emptyTitle")
        self.empty = plain_label("", self, name="emptyHelp")
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        col.addWidget(self.empty_title)
        col.addWidget(self.empty)

        modes = QHBoxLayout()
        modes.addWidget(plain_label("Mode:", self, wrap=False))
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        for key, text in MODES:
            radio = QRadioButton(text, self)
            radio.setAccessibleName(f"Mode: {text.replace('&', '')}")
            self.mode_group.addButton(radio)
            self.mode_buttons[key] = radio
            modes.addWidget(radio)
        # The scheduled path is the one to take by default, as Anki's "Study now": what is
        # due, then new ones up to the daily limit; Start says what that will be (_update_start).
        self.mode_buttons["review"].setChecked(True)
        self.mode_group.buttonToggled.connect(lambda *_: self._update_start())
        modes.addStretch(1)
        col.addLayout(modes)

        tags = QHBoxLayout()
        tag_label = QLabel("&Tags:", self)
        self.tags = QComboBox(self)
        self.tags.setAccessibleName("Tags")
        self.tags.setMinimumContentsLength(14)
        self.tags.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        tag_label.setBuddy(self.tags)
        self.tags.currentIndexChanged.connect(lambda _i: self._update_start())
        self.outlook: Outlook | None = None  # the profile's daily limit and exam plan, once known
        # Counts one bank's questions under one tag (bank id, tag), given by the window; the
        # rows count whole banks only. Asked only for the tag chosen, and kept until the rows
        # are counted again.
        self.tag_counter: Callable[[str, str], TagCounts | None] | None = None
        self._tag_counts: dict[tuple[str, str], TagCounts | None] = {}
        # Counts what a mistakes session on (bank id, tag) would go over, given by the window:
        # with none, the mistakes mode says so in place of a Start that would open nothing.
        self.mistake_counter: Callable[[str, str], int | None] | None = None
        self._mistakes: dict[tuple[str, str], int | None] = {}
        self.start_button = QPushButton(with_enter("Start"), self)
        self.start_button.setAccessibleName("Start studying the selected bank (Enter)")
        self.start_button.clicked.connect(self.request_start)
        self.start_button.setDefault(True)
        self.start_button.setMinimumSize(140, 36)
        tags.addWidget(tag_label)
        tags.addWidget(self.tags)
        tags.addStretch(1)
        self.nothing_to_start = plain_label("", self, wrap=False, name="nothing-to-start")
        self.nothing_to_start.setMinimumHeight(36)  # Start's: the lines below do not jump
        self.nothing_to_start.hide()
        tags.addWidget(self.nothing_to_start)
        tags.addWidget(self.start_button)
        col.addLayout(tags)

        self.today = plain_label("", self)
        self.today.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        col.addWidget(self.today)
        self.problems = ProblemsPanel(self)
        col.addWidget(self.problems)
        col.addStretch(1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._fill_tags())
        self._update_empty()

    # Data in -----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[BankRow]) -> None:
        keep = self.selected_bank()
        self.loaded = True  # rows come from a finished load, even when there are none
        self._tag_counts = {}  # counted again with the rows: answers may have come in
        self._mistakes = {}
        self.model.set_rows(list(rows))
        row = self.model.index_of(keep) if keep else -1
        self.select_row(max(row, 0))
        self._fit_table()
        self._update_empty()

    def select_row(self, row: int) -> None:
        if not self.model.rows:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._fill_tags()

    def set_loading(self, done: int, total: int) -> None:
        """How far a background load has come; the bar goes once every file is listed."""
        self.still_loading = done < total
        self.progress.show_count(done, total)
        self._update_empty()

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.problems.set_problems(problems)
        self._update_empty()

    def set_profiles(self, names: Sequence[str], current: str) -> None:
        self.profiles.blockSignals(True)
        self.profiles.clear()
        for name in names:
            self.profiles.addItem(shown(name), name)  # a name may hold an override: escaped
        self.profiles.addItem("New profile…", None)
        self.profiles.setCurrentIndex(max(0, self.profiles.findData(current)))
        self.profiles.blockSignals(False)

    def set_outlook(self, outlook: Outlook) -> None:
        self.outlook = outlook
        self._update_start()

    def set_today(self, text: str) -> None:
        self.today.setText(text)
        self.today.setVisible(bool(text))

    # Choices out -------------------------------------------------------------------------

    def selected_row(self) -> BankRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def selected_bank(self) -> str:
        row = self.selected_row()
        return row.bank_id if row is not None else ""

    def mode(self) -> str:
        return next(k for k, b in self.mode_buttons.items() if b.isChecked())

    def chosen_tags(self) -> tuple[str, ...]:
        tag = self.tags.currentData()
        return (tag,) if tag else ()

    def start_mode(self) -> str:
        """The mode Start opens: the chosen one, but for a review with nothing in it, which
        becomes practice (the button says so)."""
        row = self.selected_row()
        if row is None:
            return self.mode()
        # the row texts load the insight figures, after the first paint
        from studyapp.ui.library.items import Outlook, start_plan

        tags = self.chosen_tags()
        tag = tags[0] if tags else ""
        counts = self._counts_of(row.bank_id, tag)
        return start_plan(self.mode(), row, tag, self.outlook or Outlook(), counts)

    def request_start(self) -> None:
        bank = self.selected_bank()
        if bank:
            self.start_requested.emit(self.start_mode(), bank, self.chosen_tags())

    def focus_banks(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # Inner workings ------------------------------------------------------------------------

    def _fill_tags(self) -> None:
        row = self.selected_row()
        current = self.tags.currentData()
        self.tags.clear()
        self.tags.addItem(ALL_TAGS, "")
        for tag in row.tags if row is not None else ():
            self.tags.addItem(tag, tag)
        self.tags.setCurrentIndex(max(0, self.tags.findData(current)))
        self._update_start()

    def _counts_of(self, bank_id: str, tag: str) -> TagCounts | None:
        if not tag or self.tag_counter is None:
            return None
        key = (bank_id, tag)
        if key not in self._tag_counts:
            self._tag_counts[key] = self.tag_counter(bank_id, tag)
        return self._tag_counts[key]

    def _mistakes_of(self, bank_id: str, tag: str) -> int | None:
        if self.mistake_counter is None:
            return None
        key = (bank_id, tag)
        if key not in self._mistakes:
            self._mistakes[key] = self.mistake_counter(bank_id, tag)
        return self._mistakes[key]

    def _update_start(self) -> None:
        """Name the next step on the Start button: "Study 12 due", "Learn 5 new"...; in the
        mistakes mode with none to go over, say so instead of offering the button."""
        row = self.selected_row()
        mistakes = None
        if row is None:
            words = "Start"
        else:
            # the row texts load the insight figures, after the first paint
            from studyapp.ui.library.items import Outlook, start_words

            tags = self.chosen_tags()
            tag = tags[0] if tags else ""
            mode = self.mode()
            counts = self._counts_of(row.bank_id, tag)
            mistakes = self._mistakes_of(row.bank_id, tag) if mode == "mistakes" else None
            words = start_words(mode, row, tag, self.outlook or Outlook(), counts, mistakes)
        nothing = mistakes == 0
        self.nothing_to_start.setText(shown(words) if nothing else "")
        self.nothing_to_start.setVisible(nothing)
        self.start_button.setVisible(not nothing)
        self.start_button.setText(with_enter(words.replace("&", "&&")))  # a tag's & is no key
        self.start_button.setAccessibleName(
            f"{words} (Enter)" if row is not None else "Start studying the selected bank (Enter)"
        )
        self.start_button.setToolTip(plain_tip(f"{words}: {row.title}") if row is not None else "")

    def _column_width(self, column: int) -> int:
        """Just wide enough for the heading and the longest value the column can show, with
        the cells' padding (10 px a side in the style sheet) and a little air."""
        widest = {5: ("11 months ago", "yesterday"), 4: ("100 %",)}.get(column, ("9999",))
        metrics = self.table.horizontalHeader().fontMetrics()
        return max(map(metrics.horizontalAdvance, (COLUMNS[column], *widest))) + 28

    def _fit_table(self) -> None:
        rows = min(self.model.rowCount(), 10)
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(rows)) or 0
        self.table.setMinimumHeight(height + 2)
        self.table.setMaximumHeight(height + 2 if self.model.rowCount() <= 10 else 16_777_215)

    def _update_empty(self) -> None:
        has = bool(self.model.rows)
        self.table.setVisible(has)
        if not self.loaded or self.still_loading:
            self.empty_title.setText(LOADING)
            self.empty.setText("")
        else:
            self.empty_title.setText(NO_BANKS)
            broken = any(p.is_error for p in self.problems.problems)
            self.empty.setText(f"{NONE_LOADED}\n\n{HOW_TO_ADD}" if broken else HOW_TO_ADD)
        self.empty_title.setVisible(not has)
        self.empty.setVisible(not has and bool(self.empty.text()))
        self.start_button.setEnabled(has)

    def _profile_activated(self, index: int) -> None:
        name = self.profiles.itemData(index)
        self.profile_chosen.emit(name or "")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.request_start()
            return
        super().keyPressEvent(event)
