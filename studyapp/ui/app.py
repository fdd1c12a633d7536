"""Start-up of the desktop app: the QApplication, then the main window."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from studyapp import __version__


def run_app(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("studyapp")
    app.setApplicationDisplayName("StudyApp")
    app.setOrganizationName("studyapp")
    app.setApplicationVersion(__version__)
    window = QMainWindow()
    window.setWindowTitle("StudyApp")
    window.setCentralWidget(QLabel("StudyApp"))
    window.resize(900, 640)
    window.show()
    return app.exec()
