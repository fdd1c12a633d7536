"""Qt's own messages (warnings from widgets, fonts, the platform plugin) into the app's log.

Without this, Qt prints straight to stderr and nothing of it reaches the log file a user sends
with a bug report. Records go to the "studyapp.qt" logger, so the file gets them and --verbose
echoes them to stderr like every other record.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

LOGGER = "studyapp.qt"
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _forward(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category
    # "default" is what plain qWarning() uses; named categories (qt.qpa.fonts...) say where from.
    text = f"{category}: {message}" if category and category != "default" else message
    logging.getLogger(LOGGER).log(_LEVELS.get(kind, logging.WARNING), "%s", text)


def install() -> None:
    """Route Qt's messages to logging from now on (the real app only: tests capture their own)."""
    qInstallMessageHandler(_forward)


__all__ = ["LOGGER", "install"]
