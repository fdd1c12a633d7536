"""The settings dialog driven like a learner: display, study settings with the exam plan,
profiles created, renamed and deleted with confirmation, bank folders; read back from disk."""

from __future__ import annotations

import csv
import io
import json
import random
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from studyapp import paths
from studyapp.progress import Store
from studyapp.study import Session, SessionConfig
from studyapp.ui.insight.export import export_progress
from studyapp.ui.settings.dialog import SettingsDialog, folders
from studyapp.ui.settings.prefs import FILE_NAME, open_settings
from tests.ui.conftest import make_bank
from tests.ui.insight_helpers import backend_for

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


@pytest.fixture
def where(tmp_path: Path) -> paths.Paths:
    return paths.resolve(tmp_path / "data", env={"STUDYAPP_CONFIG_DIR": str(tmp_path / "cfg")})


@pytest.fixture
def store(where: paths.Paths) -> Iterator[Store]:
    where.data.mkdir(parents=True)
    with Store.open(where.progress_db, clock) as s:
        yield s


def open_dialog(qtbot: QtBot, store: Store, where: paths.Paths) -> SettingsDialog:
    dialog = SettingsDialog(backend_for(store, {"demo": make_bank()}, clock, where), "ana")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def when_modal(action: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog once it is open (input boxes, confirmations)."""

    def attempt() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(10, attempt)
            return
        action(widget)

    QTimer.singleShot(0, attempt)


def click(qtbot: QtBot, dialog: QWidget, name: str) -> None:
    qtbot.mouseClick(dialog.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def ok(qtbot: QtBot, dialog: SettingsDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_study_settings_and_display_are_saved_where_they_belong(
    qtbot: QtBot, store: Store, where: paths.Paths
) -> None:
    dialog = open_dialog(qtbot, store, where)
    assert dialog.plan.text() == "Set an exam date and a daily time budget to see a plan."
    dialog.retention.setValue(85)
    dialog.new_limit.setValue(7)
    qtbot.keyClick(dialog.shuffle, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.has_exam, Qt.Key.Key_Space)
    dialog.exam_date.setDate(QDate(2025, 3, 13))
    dialog.minutes.setValue(5)
    assert dialog.plan.text().startswith("10 days until 13 March 2025: about ")
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.zoom.setCurrentIndex(dialog.zoom.findData(2))
    dialog.add_folder(str(where.data))
    with qtbot.waitSignal(dialog.display_changed) as shown:
        ok(qtbot, dialog)
    assert shown.args == ["dark", 2]
    ana = store.profile("ana")
    assert (ana.desired_retention, ana.daily_new_limit, ana.shuffle_options) == (0.85, 7, False)
    assert (ana.exam_date, ana.daily_minutes) == (date(2025, 3, 13), 5)
    saved = QSettings(str(where.config / FILE_NAME), QSettings.Format.IniFormat)
    assert (saved.value("theme"), int(saved.value("zoom"))) == ("dark", 2)
    assert folders(saved) == [str(where.data)]


def test_cancel_changes_nothing(qtbot: QtBot, store: Store, where: paths.Paths) -> None:
    dialog = open_dialog(qtbot, store, where)
    dialog.new_limit.setValue(3)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert store.profile("ana").daily_new_limit == 20
    assert open_settings(where.config).value("theme") is None


def test_profiles_new_rename_and_delete_with_confirmation(
    qtbot: QtBot, store: Store, where: paths.Paths
) -> None:
    bank = make_bank()
    session = Session(
        {bank.id: bank},
        store,
        "ben",
        SessionConfig(question_ids=("tf-troops",)),
        clock,
        random.Random(1),
    )
    session.answer(False)
    dialog = open_dialog(qtbot, store, where)

    def type_name(name: str) -> Callable[[QWidget], None]:
        def act(widget: QWidget) -> None:
            assert isinstance(widget, QInputDialog)
            widget.setTextValue(name)
            widget.accept()

        return act

    when_modal(type_name("Carla"))
    with qtbot.waitSignal(dialog.profile_changed) as switched:
        click(qtbot, dialog, "profile-new")
    assert switched.args == ["Carla"]
    assert dialog.study_box.title() == "Studying (profile Carla)"
    when_modal(type_name("Carla Diaz"))
    click(qtbot, dialog, "profile-rename")
    assert dialog.profile == "Carla Diaz"
    assert "Carla Diaz" in store.profiles()
    assert "Carla" not in store.profiles()
    # The profile in use cannot be deleted.
    click(qtbot, dialog, "profile-delete")
    assert dialog.error.text().startswith("This profile is in use")
    names = [dialog.profiles.item(i).text() for i in range(dialog.profiles.count())]
    dialog.profiles.setCurrentRow(names.index("ben"))
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    click(qtbot, dialog, "profile-delete")
    assert store.review_count("ben") == 1

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert box.text() == "Delete the profile ben and its 1 answer? This cannot be undone."
        box.button(QMessageBox.StandardButton.Yes).click()

    dialog.profiles.setCurrentRow(names.index("ben"))
    when_modal(confirm)
    click(qtbot, dialog, "profile-delete")
    assert "ben" not in store.profiles()
    assert store.review_count("ben") == 0


def test_renaming_onto_an_existing_profile_is_refused(
    qtbot: QtBot, store: Store, where: paths.Paths
) -> None:
    store.profile("ana")
    store.profile("ben")
    dialog = open_dialog(qtbot, store, where)

    def act(widget: QWidget) -> None:
        widget.setTextValue("ben")  # type: ignore[attr-defined]
        widget.accept()  # type: ignore[attr-defined]

    when_modal(act)
    click(qtbot, dialog, "profile-rename")
    assert dialog.error.text() == "There is already a profile named 'ben'."
    assert dialog.profile == "ana"


def test_export_progress_writes_what_the_cli_writes(
    qtbot: QtBot, store: Store, where: paths.Paths, tmp_path: Path
) -> None:
    bank = make_bank()
    session = Session(
        {bank.id: bank},
        store,
        "ana",
        SessionConfig(question_ids=("tf-troops", "mc-minerals")),
        clock,
        random.Random(1),
    )
    session.answer(False)
    session.advance()
    session.answer("Grain")
    parent = QWidget()
    qtbot.addWidget(parent)

    def choose(widget: QWidget) -> None:
        assert isinstance(widget, QFileDialog)
        widget.selectFile(str(tmp_path / "ana.json"))
        widget.accept()

    when_modal(choose)
    written = export_progress(parent, store, "ana")
    assert written == str(tmp_path / "ana.json")
    data = json.loads((tmp_path / "ana.json").read_text("utf-8"))
    assert [r["verdict"] for r in data["reviews"]] == ["right", "wrong"]
    export_progress(parent, store, "ana", tmp_path / "ana.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "ana.csv").read_text("utf-8"))))
    assert [r["question"] for r in rows] == ["tf-troops", "mc-minerals"]


def test_with_sync_on_rename_and_delete_say_they_reach_the_other_devices(
    qtbot: QtBot, store: Store, where: paths.Paths, tmp_path: Path
) -> None:
    folder = tmp_path / "synced"
    folder.mkdir()
    store.join_sync(folder, "00000000000000aa", "laptop")
    store.profile("ana")
    store.profile("ben")
    dialog = open_dialog(qtbot, store, where)
    names = [dialog.profiles.item(i).text() for i in range(dialog.profiles.count())]
    said: list[str] = []

    def rename(widget: QWidget) -> None:
        assert isinstance(widget, QInputDialog)
        said.append(widget.labelText())
        widget.setTextValue("Ben")
        widget.accept()

    dialog.profiles.setCurrentRow(names.index("ben"))
    when_modal(rename)
    click(qtbot, dialog, "profile-rename")
    assert "Ben" in store.profiles()

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    names = [dialog.profiles.item(i).text() for i in range(dialog.profiles.count())]
    dialog.profiles.setCurrentRow(names.index("Ben"))
    when_modal(confirm)
    click(qtbot, dialog, "profile-delete")
    assert "Ben" not in store.profiles()
    assert len(said) == 2
    for text in said:
        assert text.endswith("Your other devices do the same when they next sync.")


def test_exam_date_typed_to_the_year_9999_shows_a_plan_at_once(
    qtbot: QtBot, store: Store, where: paths.Paths
) -> None:
    """The picker's furthest year, typed as a learner would: the note must come back at once
    (the planner plans only its horizon for a far exam) and say what it does, not fail."""
    bank = make_bank()
    config = SessionConfig(question_ids=("tf-troops",))
    Session({bank.id: bank}, store, "ana", config, clock, random.Random(1)).answer(False)
    dialog = open_dialog(qtbot, store, where)
    qtbot.keyClick(dialog.has_exam, Qt.Key.Key_Space)
    dialog.minutes.setFocus()
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.minutes, "20")
    assert dialog.minutes.value() == 20
    dialog.exam_date.setFocus()
    qtbot.keyClick(dialog.exam_date, Qt.Key.Key_End)  # the cursor into the year
    for _ in range(4):
        qtbot.keyClick(dialog.exam_date, Qt.Key.Key_Backspace)
    began = time.process_time()
    qtbot.keyClicks(dialog.exam_date, "9999")
    spent = time.process_time() - began
    assert dialog.exam_date.date() == QDate(9999, 4, 2)
    note = dialog.plan.text()
    assert note.startswith("2,912,473 days (about 7,974 years) until 2 April 9999: about "), note
    assert "more than 60 days away" in note
    assert spent < 2.0  # four re-plans at most; each should take well under 0.1 s of CPU
    ok(qtbot, dialog)
    assert store.profile("ana").exam_date == date(9999, 4, 2)
