"""Qt's own messages (warnings from widgets, fonts, the platform plugin) into the app's log.

Without this, Qt prints straight to stderr and nothing of it reaches the log file a user sends
with a bug report. Records go to the "studyapp.qt" logger, so the file gets them and --verbose
echoes them to stderr like every other record.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

LOGGER = "studyapp.qt"
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _text(context: QMessageLogContext, message: str) -> str:
    category = context.category
    # "default" is what plain qWarning() uses; named categories (qt.qpa.fonts...) say where from.
    return f"{category}: {message}" if category and category != "default" else message


class _Forward:
    """The handler, keeping the one earlier message that explains a fatal one."""

    def __init__(self) -> None:
        self.display_error = ""

    def __call__(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        logging.getLogger(LOGGER).log(
            _LEVELS.get(kind, logging.WARNING), "%s", _text(context, message)
        )
        if "connect to display" in message:  # xcb's warning just before it gives up
            self.display_error = message.strip()
        if kind == QtMsgType.QtFatalMsg:
            self.fatal(message)

    def fatal(self, message: str) -> None:
        # Qt aborts right after this call (exit 134, no word on the terminal); the log alone is
        # not where a learner looks, so say it in one line and leave with an ordinary failure.
        first = message.strip().splitlines()[0] if message.strip() else "fatal error"
        reason = self.display_error or first
        print(f"studyapp: the window could not open: {reason}", file=sys.stderr, flush=True)
        logging.shutdown()
        os._exit(1)


def install() -> None:
    """Route Qt's messages to logging from now on (the real app only: tests capture their own)."""
    qInstallMessageHandler(_Forward())


__all__ = ["LOGGER", "install"]
