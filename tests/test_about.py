"""The About dialog and the application identity, on real widgets."""

from __future__ import annotations

import configparser

import PySide6
import pytest
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from studyapp import __version__, paths
from studyapp.ui.about import AboutDialog, configure_application


@pytest.fixture
def dialog(qtbot: QtBot) -> AboutDialog:
    widget = AboutDialog(paths.resolve())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _shown_texts(dialog: AboutDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_dialog_shows_versions_and_every_folder(dialog: AboutDialog) -> None:
    folders = paths.resolve()
    texts = _shown_texts(dialog)
    for expected in (
        __version__,
        qVersion(),
        PySide6.__version__,
        str(folders.data),
        str(folders.progress_db),
        str(folders.config),
        str(folders.cache),
        str(folders.logs),
        str(paths.bundled_questions()),
    ):
        assert expected in texts
    assert f"StudyApp {__version__}" in texts
    assert dialog.windowTitle() == "About StudyApp"


def test_paths_are_selectable_plain_text(dialog: AboutDialog) -> None:
    logs = dialog.findChild(QLabel, "about-log-folder")
    assert logs is not None
    assert logs.textFormat() == Qt.TextFormat.PlainText
    assert logs.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert logs.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard


def test_copy_button_puts_the_whole_report_on_the_clipboard(
    dialog: AboutDialog, qtbot: QtBot
) -> None:
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    folders = paths.resolve()
    assert f"StudyApp: {__version__}\n" in copied
    assert f"Qt: {qVersion()}\n" in copied
    assert f"Log folder: {folders.logs}\n" in copied
    assert f"Data folder: {folders.data}\n" in copied
    assert dialog.copy_button.text() == "Copied"


def test_escape_and_close_button_close_the_dialog(dialog: AboutDialog, qtbot: QtBot) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


@pytest.fixture
def restore_identity(qapp: QApplication):  # type: ignore[no-untyped-def]
    saved = (
        qapp.applicationName(),
        qapp.organizationName(),
        qapp.applicationVersion(),
        QGuiApplication.applicationDisplayName(),
        QGuiApplication.desktopFileName(),
        QGuiApplication.windowIcon(),
    )
    yield qapp
    qapp.setApplicationName(saved[0])
    qapp.setOrganizationName(saved[1])
    qapp.setApplicationVersion(saved[2])
    QGuiApplication.setApplicationDisplayName(saved[3])
    QGuiApplication.setDesktopFileName(saved[4])
    QGuiApplication.setWindowIcon(saved[5])


def test_configure_application_matches_the_desktop_entry(restore_identity: QApplication) -> None:
    app = restore_identity
    configure_application(app)
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    desktop_file = paths.bundled_assets() / f"{QGuiApplication.desktopFileName()}.desktop"
    entry.read(desktop_file, encoding="utf-8")
    fields = entry["Desktop Entry"]
    # The window class (X11) and app id (Wayland) must name the entry for window grouping.
    assert app.applicationName() == fields["StartupWMClass"]
    assert QGuiApplication.desktopFileName() == "studyapp"
    assert QGuiApplication.applicationDisplayName() == fields["Name"] == "StudyApp"
    assert app.organizationName() == "studyapp"
    assert app.applicationVersion() == __version__
    sizes = {size.width() for size in QGuiApplication.windowIcon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    assert not QGuiApplication.windowIcon().pixmap(16, 16).toImage().isNull()
