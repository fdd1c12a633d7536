"""Start-up of the desktop app: the QApplication, the theme, then the main window.

Only QtCore, QtGui and QtWidgets are imported, and the banks load after the window is on screen,
so that the window appears as fast as a bare Qt window does.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from studyapp import __version__, paths


def run_app(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("studyapp")
    app.setApplicationDisplayName("StudyApp")
    app.setOrganizationName("studyapp")
    app.setApplicationVersion(__version__)
    where = paths.resolve(getattr(args, "data_dir", None))

    from studyapp.ui import theme
    from studyapp.ui.backend import Backend
    from studyapp.ui.settings import open_settings
    from studyapp.ui.window import MainWindow

    settings = open_settings(where.config)
    theme.apply(app, str(settings.value("theme", "system")))
    backend = Backend(where, getattr(args, "paths", None) or ())
    window = MainWindow(backend, settings, getattr(args, "profile", None))
    window.show()
    QTimer.singleShot(0, window.start_up)
    code = app.exec()
    return 1 if window.failed else code
