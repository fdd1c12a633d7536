"""Where the main window opens: its saved place when that still makes sense, else centred.

A saved geometry can stop making sense: the monitor it was on is gone, or it was saved by a
version without a minimum size. Qt's restoreGeometry() nudges an off-screen window back only
partly, so the saved rectangle is read first and judged here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QDataStream, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

MINIMUM = QSize(640, 480)
DEFAULT = QSize(1024, 768)
# Of the window, at least this much must lie on one screen for its saved place to be kept: a
# sliver at a screen's edge is as hard to get hold of as a window that is off every screen.
ON_SCREEN = QSize(160, 120)

_MAGIC = 0x1D9D0CB  # how QWidget.saveGeometry() starts its bytes (format versions 1 to 3)


def saved_rects(blob: object) -> tuple[QRect, QRect] | None:
    """The frame and normal geometry in bytes from QWidget.saveGeometry(); None if unreadable."""
    if not isinstance(blob, QByteArray) or blob.size() < 4 + 2 + 2 + 16 + 16:
        return None
    stream = QDataStream(blob)
    stream.setVersion(QDataStream.Version.Qt_4_0)
    magic, major = stream.readUInt32(), stream.readUInt16()
    stream.readUInt16()  # minor version: nothing we read depends on it
    if magic != _MAGIC or not 1 <= major <= 3:
        return None
    frame, normal = QRect(), QRect()
    stream >> frame
    stream >> normal
    if stream.status() != QDataStream.Status.Ok:
        return None
    return frame, normal


def restorable(blob: object, screens: Sequence[QScreen]) -> bool:
    """Whether a saved geometry is big enough and lies well enough on one of `screens`."""
    rects = saved_rects(blob)
    if rects is None:
        return False
    frame, normal = rects
    if normal.width() < MINIMUM.width() or normal.height() < MINIMUM.height():
        return False
    for screen in screens:
        seen = frame.intersected(screen.availableGeometry())
        if seen.width() >= ON_SCREEN.width() and seen.height() >= ON_SCREEN.height():
            return True
    return False


def default_rect(screen: QScreen) -> QRect:
    """DEFAULT size (smaller on a small screen, never below MINIMUM), centred on `screen`."""
    room = screen.availableGeometry()
    width = max(MINIMUM.width(), min(DEFAULT.width(), room.width() * 9 // 10))
    height = max(MINIMUM.height(), min(DEFAULT.height(), room.height() * 9 // 10))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(room.center())
    return rect


def place(window: QWidget, blob: object) -> None:
    """Give `window` its minimum size, then its saved geometry if sensible, else the default."""
    window.setMinimumSize(MINIMUM)
    if isinstance(blob, QByteArray) and restorable(blob, QGuiApplication.screens()):
        window.restoreGeometry(blob)
        return
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(default_rect(screen))
    else:
        window.resize(DEFAULT)
