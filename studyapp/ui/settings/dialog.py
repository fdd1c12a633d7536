"""Settings: how the app looks (kept in the UI's INI file), how the profile studies (kept per
profile in the progress store), the profiles themselves, and extra bank folders.

Learning settings and display settings are saved on OK; creating, renaming and deleting a
profile happen at once, each after its own confirmation, because they change the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studyapp.insight.views import plan_text
from studyapp.model import Bank
from studyapp.paths import Paths
from studyapp.printable import shown
from studyapp.progress import Store
from studyapp.study.plan import PlanInputs, exam_plan, plan_inputs
from studyapp.ui.common.dialog_fit import fit_to_screen, scrolling_body
from studyapp.ui.common.text import plain_label, plain_labels
from studyapp.ui.settings.prefs import FOLDERS_KEY, ZOOM_RANGE, folders, open_settings, zoom_step
from studyapp.ui.settings.sync_section import SyncSection
from studyapp.ui.share_section import ShareSection
from studyapp.ui.share_send import Sender
from studyapp.wording import counted

if TYPE_CHECKING:
    from studyapp.ui.backend import Backend

THEME_CHOICES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))
ZOOM_STEP = 1.1  # as the main window's zoom
__all__ = ["FOLDERS_KEY", "SettingsDialog", "folders"]


class SettingsDialog(QDialog):
    """Reaches the core through the backend, as every screen does: its store, banks, clock and
    paths (and optionally QSettings)."""

    display_changed = Signal(str, int)  # theme key, zoom step
    folders_changed = Signal(list)
    profile_changed = Signal(str)  # the profile in use now (after a rename or a switch)

    def __init__(
        self,
        backend: Backend,
        profile: str,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        sender: Sender | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(600)
        self.setObjectName("settings")
        self.backend = backend
        self.store: Store = backend.store
        self.banks: Mapping[str, Bank] = backend.banks
        self.profile = profile
        self.clock: Callable[[], datetime] = backend.clock
        self.paths: Paths = backend.paths
        self._plan_inputs: tuple[str, PlanInputs] | None = None  # (profile, what it read)
        if settings is None:
            settings = open_settings(self.paths.config)
        self.settings = settings
        # The groups scroll when the screen is short (640x480 is the window's minimum); the
        # error line and OK/Cancel stay in view below them.
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._display_box(body))
        self.study_box = QGroupBox(body)
        column.addWidget(self.study_box)
        self._study_form()
        column.addWidget(self._profiles_box(body))
        column.addWidget(self._folders_box(body))
        self.sync = SyncSection(self.store, self.clock, body)
        column.addWidget(self.sync)
        if sender is not None:
            self.share = ShareSection(self.store, sender, body)
            column.addWidget(self.share)
        column.addStretch(1)
        self.body = scrolling_body(body, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        self.error = plain_label("", self, name="error")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.load_profile()
        fit_to_screen(self, self.body)

    # Display ----------------------------------------------------------------------------------

    def _display_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Appearance", parent)
        form = QFormLayout(box)
        self.theme = QComboBox(box)
        for key, label in THEME_CHOICES:
            self.theme.addItem(label, key)
        current = str(self.settings.value("theme", "system"))
        self.theme.setCurrentIndex(max(0, self.theme.findData(current)))
        form.addRow("&Theme:", self.theme)
        self.zoom = QComboBox(box)
        for step in range(ZOOM_RANGE[0], ZOOM_RANGE[1] + 1):
            self.zoom.addItem(f"{round(100 * ZOOM_STEP**step)} %", step)
        self.zoom.setCurrentIndex(max(0, self.zoom.findData(zoom_step(self.settings))))
        form.addRow("Text si&ze:", self.zoom)
        return box

    # Learning settings of the profile ---------------------------------------------------------

    def _study_form(self) -> None:
        form = QFormLayout(self.study_box)
        self.retention = QSpinBox(self.study_box)
        self.retention.setRange(70, 97)
        self.retention.setSuffix(" %")
        self.retention.setToolTip("How likely you want to be to recall a question when it is due")
        form.addRow("Desired &retention:", self.retention)
        self.new_limit = QSpinBox(self.study_box)
        self.new_limit.setRange(0, 999)
        self.new_limit.setSuffix(" new questions a day")
        form.addRow("&New a day:", self.new_limit)
        self.shuffle = QCheckBox("&Shuffle answer options", self.study_box)
        form.addRow("", self.shuffle)
        exam_row = QHBoxLayout()
        self.has_exam = QCheckBox("I have an &exam on", self.study_box)
        self.exam_date = QDateEdit(self.study_box)
        self.exam_date.setCalendarPopup(True)
        self.exam_date.setDisplayFormat("d MMMM yyyy")
        self.exam_date.setAccessibleName("Exam date")
        exam_row.addWidget(self.has_exam)
        exam_row.addWidget(self.exam_date, 1)
        form.addRow("Exam:", exam_row)
        self.minutes = QSpinBox(self.study_box)
        self.minutes.setRange(0, 600)
        self.minutes.setSuffix(" minutes a day")
        self.minutes.setSpecialValueText("no daily budget")
        form.addRow("Time &budget:", self.minutes)
        self.plan = plain_label("", self.study_box, name="plan")
        self.plan.setAccessibleName("Exam plan")
        self.plan.setMinimumHeight(self.plan.fontMetrics().lineSpacing() * 3)
        form.addRow(self.plan)
        self.has_exam.toggled.connect(self.exam_date.setEnabled)
        for signal in (
            self.has_exam.toggled,
            self.exam_date.dateChanged,
            self.minutes.valueChanged,
        ):
            signal.connect(self.update_plan)

    def load_profile(self) -> None:
        settings = self.store.profile(self.profile)
        self.study_box.setTitle(f"Studying (profile {shown(self.profile)})")
        self.retention.setValue(round(100 * settings.desired_retention))
        self.new_limit.setValue(settings.daily_new_limit)
        self.shuffle.setChecked(settings.shuffle_options)
        today = self.clock().astimezone().date()
        exam = settings.exam_date or today + timedelta(days=30)
        self.exam_date.setMinimumDate(QDate(today.year, today.month, today.day))
        self.exam_date.setDate(QDate(exam.year, exam.month, exam.day))
        self.has_exam.setChecked(settings.exam_date is not None)
        self.exam_date.setEnabled(settings.exam_date is not None)
        self.minutes.setValue(settings.daily_minutes or 0)
        self.update_plan()

    def chosen_exam(self) -> date | None:
        if not self.has_exam.isChecked():
            return None
        d = self.exam_date.date()
        return date(d.year(), d.month(), d.day())

    def update_plan(self, *_: object) -> None:
        exam, minutes = self.chosen_exam(), self.minutes.value()
        plan = None
        if exam is not None and minutes:
            now = self.clock()
            # Read (and replayed under a fitted model) once; each date change only re-plans.
            if self._plan_inputs is None or self._plan_inputs[0] != self.profile:
                read = plan_inputs(self.store, self.profile, self.banks.values())
                self._plan_inputs = (self.profile, read)
            plan = exam_plan(
                self.store,
                self.profile,
                self.banks.values(),
                now,
                now.astimezone().tzinfo,  # type: ignore[arg-type]
                exam_date=exam,
                daily_minutes=minutes,
                inputs=self._plan_inputs[1],
            )
        self.plan.setText(plan_text(plan))

    # Profiles ---------------------------------------------------------------------------------

    def _profiles_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Profiles", parent)
        row = QHBoxLayout(box)
        self.profiles = QListWidget(box)
        self.profiles.setAccessibleName("Profiles")
        self.profiles.setMaximumHeight(110)
        row.addWidget(self.profiles, 1)
        buttons = QVBoxLayout()
        for key, label, slot in (
            ("use", "&Use", self._use_selected),
            ("new", "Ne&w…", self._ask_new),
            ("rename", "Rena&me…", self._ask_rename),
            ("delete", "&Delete…", self._ask_delete),
        ):
            button = QPushButton(label, box)
            button.setObjectName(f"profile-{key}")
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        self._fill_profiles()
        return box

    def _fill_profiles(self) -> None:
        self.profiles.clear()
        names = sorted({*self.store.profiles(), self.profile})
        for name in names:
            # A profile name is anyone's text (typed, synced, hand-edited): its controls and bidi
            # overrides are shown as escapes, never acted on.
            seen = shown(name)
            self.profiles.addItem(f"{seen} (in use)" if name == self.profile else seen)
            self.profiles.item(self.profiles.count() - 1).setData(Qt.ItemDataRole.UserRole, name)
        self.profiles.setCurrentRow(names.index(self.profile))

    def selected_profile(self) -> str:
        item = self.profiles.currentItem()
        return self.profile if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _ask_text(self, title: str, label: str, text: str = "") -> str | None:
        dialog = QInputDialog(self)
        dialog.setObjectName("ask-name")
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)  # it may quote a profile's name
        plain_labels(dialog)
        dialog.setTextValue(text)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.textValue().strip() or None

    def _complain(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def switch_to(self, name: str) -> None:
        self.save_profile_settings()
        self.profile = name
        self._fill_profiles()
        self.load_profile()
        self.profile_changed.emit(name)

    def _use_selected(self) -> None:
        name = self.selected_profile()
        if name != self.profile:
            self.switch_to(name)

    def _ask_new(self) -> None:
        name = self._ask_text("New profile", "Name of the new profile:")
        if name is None:
            return
        if name in self.store.profiles():
            self._complain(f"There is already a profile named {shown(name)}.")
            return
        self.store.profile(name)
        self.switch_to(name)

    def _every_device(self) -> str:
        """What to add to a rename or a delete while sync is on: both travel (docs/sync.md)."""
        me = self.store.sync_identity
        if me is None or me.folder is None:
            return ""
        return "\n\nYour other devices do the same when they next sync."

    def _ask_rename(self) -> None:
        old = self.selected_profile()
        new = self._ask_text(
            "Rename profile", f"New name for {shown(old)}:{self._every_device()}", old
        )
        if new is None or new == old:
            return
        try:
            if old in self.store.profiles():
                self.store.rename_profile(old, new)
            else:
                self.store.profile(new)
        except ValueError as error:
            self._complain(f"{str(error)[0].upper()}{str(error)[1:]}.")
            return
        self.error.hide()
        if old == self.profile:
            self.profile = new
            self.profile_changed.emit(new)
        self._fill_profiles()
        self.load_profile()

    def _ask_delete(self) -> None:
        name = self.selected_profile()
        if name == self.profile:
            self._complain("This profile is in use: switch to another one before deleting it.")
            return
        answers = self.store.review_count(name)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Delete profile",
            f"Delete the profile {shown(name)} and its {counted(answers, 'answer')}? "
            "This cannot be undone."
            f"{self._every_device()}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirm-delete")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        self.store.delete_profile(name)
        self.error.hide()
        self._fill_profiles()

    # Bank folders -----------------------------------------------------------------------------

    def _folders_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Extra bank folders", parent)
        row = QHBoxLayout(box)
        self.folders = QListWidget(box)
        self.folders.setAccessibleName("Extra bank folders")
        self.folders.setMaximumHeight(90)
        self.folders.addItems(folders(self.settings))
        row.addWidget(self.folders, 1)
        buttons = QVBoxLayout()
        add = QPushButton("&Add…", box)
        add.setObjectName("folder-add")
        add.clicked.connect(self._ask_folder)
        remove = QPushButton("Remo&ve", box)
        remove.setObjectName("folder-remove")
        remove.clicked.connect(self.remove_folder)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        row.addLayout(buttons)
        return box

    def add_folder(self, path: str) -> None:
        if path and path not in self.folder_list():
            self.folders.addItem(path)

    def _ask_folder(self) -> None:
        self.add_folder(QFileDialog.getExistingDirectory(self, "Add a folder of banks"))

    def remove_folder(self) -> None:
        row = self.folders.currentRow()
        if row >= 0:
            self.folders.takeItem(row)

    def folder_list(self) -> list[str]:
        return [self.folders.item(i).text() for i in range(self.folders.count())]

    # Saving -----------------------------------------------------------------------------------

    def save_profile_settings(self) -> None:
        self.store.update_profile(
            self.profile,
            desired_retention=self.retention.value() / 100,
            daily_new_limit=self.new_limit.value(),
            shuffle_options=self.shuffle.isChecked(),
            exam_date=self.chosen_exam(),
            daily_minutes=self.minutes.value() or None,
        )

    def done(self, result: int) -> None:
        self.sync.finish()  # a sync pass under way ends before the dialog goes
        super().done(result)

    def accept(self) -> None:
        self.save_profile_settings()
        theme_key = str(self.theme.currentData())
        zoom = int(self.zoom.currentData())
        self.settings.setValue("theme", theme_key)
        self.settings.setValue("zoom", zoom)
        before = folders(self.settings)
        self.settings.setValue(FOLDERS_KEY, self.folder_list())
        self.settings.sync()
        self.display_changed.emit(theme_key, zoom)
        if self.folder_list() != before:
            self.folders_changed.emit(self.folder_list())
        super().accept()
