"""Start-up of the desktop app: the QApplication, the theme, then the main window.

Only QtCore, QtGui and QtWidgets are imported, and the banks and the progress store load after
the window is on screen, so that the window appears about as fast as a bare Qt window does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from studyapp import logs, paths
from studyapp.ui import qt_log
from studyapp.ui.backend import Backend
from studyapp.ui.common import theme
from studyapp.ui.first_paint import AfterFirstPaint
from studyapp.ui.identity import configure_application
from studyapp.ui.settings.prefs import open_settings
from studyapp.ui.window import MainWindow


def application() -> QApplication:
    """The one QApplication, named, iconed and logging its uncaught exceptions and Qt's messages.

    An application that already exists (pytest-qt's, in tests) is taken as it is: its owner
    decides where Qt's messages go.
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing

    qt_log.install()  # before the QApplication, so that its own start-up messages are kept too

    app = QApplication(sys.argv[:1])
    configure_application(app)  # before the first window: it names the window class
    logs.install_excepthook()  # exceptions in slots reach the log, not only stderr
    return app


def make_window(
    args: argparse.Namespace,
    extra: Sequence[str] = (),
    *,
    bundled: bool = True,
    record: bool = True,
) -> MainWindow:
    """A main window for `args`, not yet shown; the banks load in its start_up()."""
    app = application()
    where = paths.resolve(getattr(args, "data_dir", None))

    settings = open_settings(where.config)
    theme.apply(app, str(settings.value("theme", "system")))
    backend = Backend(where, extra, bundled=bundled, record=record)
    return MainWindow(backend, settings, getattr(args, "profile", None))


def run_app(args: argparse.Namespace) -> int:
    window = make_window(args, getattr(args, "paths", None) or ())
    window.show()

    AfterFirstPaint(window, window.start_up)  # banks load once the window is on screen
    code = application().exec()
    return 1 if window.failed else code


def preview_window(
    args: argparse.Namespace, bank_file: str, bank_id: str, question_ids: Sequence[str] = ()
) -> MainWindow:
    """A window on one bank that records nothing; it opens practice once shown."""
    window = make_window(args, [bank_file], bundled=False, record=False)
    window.setWindowTitle("Preview")
    QTimer.singleShot(0, lambda: window.start_preview(bank_id, tuple(question_ids)))
    return window


def run_preview(
    args: argparse.Namespace, bank_file: str, bank_id: str, question_ids: Sequence[str] = ()
) -> int:
    window = preview_window(args, bank_file, bank_id, question_ids)
    window.show()
    code = application().exec()
    return 1 if window.failed else code
