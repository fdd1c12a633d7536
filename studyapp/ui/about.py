"""The About dialog; the application identity it shows lives in studyapp.ui.identity."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyapp import __version__, paths
from studyapp.ui.common.dialog_fit import fit_to_screen, room_for, scrolling_body
from studyapp.ui.identity import APPLICATION_NAME, DISPLAY_NAME, app_icon, configure_application

__all__ = [
    "APPLICATION_NAME",
    "DISPLAY_NAME",
    "AboutDialog",
    "about_rows",
    "about_text",
    "app_icon",
    "configure_application",
]


def about_rows(folders: paths.Paths) -> list[tuple[str, str]]:
    """What the dialog lists, in order: versions first, then where things are kept."""
    return [
        ("StudyApp", __version__),
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("System", platform.platform()),
        ("Progress file", str(folders.progress_db)),
        ("Data folder", str(folders.data)),
        ("Settings folder", str(folders.config)),
        ("Cache folder", str(folders.cache)),
        ("Log folder", str(folders.logs)),
        ("Bundled banks", str(paths.bundled_questions())),
    ]


def about_text(rows: list[tuple[str, str]]) -> str:
    """Plain text for the clipboard, to paste into a bug report."""
    return "".join(f"{label}: {value}\n" for label, value in rows)


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    # Paths can hold any character: shown as plain text, never as markup.
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setCursor(Qt.CursorShape.IBeamCursor)
    return label


class AboutDialog(QDialog):
    """Versions and folders, each selectable, with a button that copies them all."""

    def __init__(self, folders: paths.Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {DISPLAY_NAME}")
        self.rows = about_rows(folders)

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(f"{DISPLAY_NAME} {__version__}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        blurb = QLabel("Study question banks built from news articles.")
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(blurb)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(heading, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        for label, value in self.rows:
            field = _selectable(value)
            field.setObjectName(f"about-{label.lower().replace(' ', '-')}")
            self.values[label] = field
            form.addRow(f"{label}:", field)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy to clipboard")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)

        # Deep folders make long lines: the rows scroll rather than widen the dialog past a
        # small screen, and Close stays in view.
        body = QWidget(self)
        rows = QVBoxLayout(body)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(top)
        rows.addSpacing(8)
        rows.addLayout(form)
        rows.addStretch(1)
        self.body = scrolling_body(body, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(560, room_for(self).width()))
        fit_to_screen(self, self.body)

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(about_text(self.rows))
        self.copy_button.setText("Copied")
