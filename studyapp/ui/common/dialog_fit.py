"""Dialogs that fit the screen they open on, down to the window's own minimum of 640x480.

A dialog whose layout is taller than the screen cannot be shrunk (its layout's minimum becomes
its own) and its OK and Cancel sit below the screen's edge. Here the body scrolls, the buttons
stay outside the scrolled part, and the dialog opens at the size its body wants, or smaller
when the screen is.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFrame, QScrollArea, QWidget

# Room the window manager's title bar and borders take around a dialog's client area.
FRAME_ALLOWANCE = QSize(16, 40)


class _FollowingArea(QScrollArea):
    """A scroll area that brings into view whichever of its fields takes the focus.

    Qt scrolls only when Tab moves between two fields inside the area; the focus coming back
    from the buttons below (or by an Alt key) would land out of sight.
    """

    def follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        body = self.widget()
        if new is not None and body is not None and body.isAncestorOf(new):
            self.ensureWidgetVisible(new)


def scrolling_body(body: QWidget, parent: QWidget) -> QScrollArea:
    """`body` inside a frameless scroll area that follows the keyboard focus."""
    area = _FollowingArea(parent)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.focusChanged.connect(area.follow_focus)
    area.setObjectName("dialog-body")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not to the area
    area.setWidget(body)
    body.setAutoFillBackground(False)
    area.viewport().setAutoFillBackground(False)
    return area


def room_for(dialog: QWidget) -> QSize:
    """The client size a dialog may take on its screen (its parent's, before it is shown)."""
    where = dialog.parentWidget() or dialog
    screen = where.screen()
    room = screen.availableGeometry().size() - FRAME_ALLOWANCE
    return room.expandedTo(QSize(200, 150))


def fit_to_screen(dialog: QDialog, area: QScrollArea) -> QSize:
    """Open `dialog` at the size its scrolled body wants, capped by the screen; returns it."""
    body = area.widget()
    # The scroll area's own hint is capped by Qt at a few dozen lines; what the body wants,
    # plus the rest of the dialog, is the size that needs no scroll bar.
    body_wants = body.sizeHint() if body is not None else area.sizeHint()
    wanted = dialog.sizeHint() - area.sizeHint() + body_wants
    wanted = wanted.expandedTo(dialog.minimumSize())
    room = room_for(dialog)
    size = wanted.boundedTo(room)
    if size.height() < wanted.height():  # a vertical scroll bar takes width of its own
        bar = area.verticalScrollBar().sizeHint().width()
        size.setWidth(min(room.width(), size.width() + bar))
    dialog.resize(size)
    return size


__all__ = ["FRAME_ALLOWANCE", "fit_to_screen", "room_for", "scrolling_body"]
