"""Roles Qt's widgets cannot be given directly: fold-out toggles and radio-like tiles.

Qt shows a checkable QToolButton to screen readers as a check box ("checked", "not checked"),
has no widget property for "expandable", and calls a checkable button a radio button only when
it is auto-exclusive, which tiles that may be checked together cannot be. So the buttons marked
here get an accessible interface of their own. Qt's factory list is per process; the
application object records that ours is on it, so it is added once however many windows are made.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface, QAccessibleStateChangeEvent
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QApplication, QToolButton, QWidget

_MARK = "studyapp-accessible"  # the property naming a button's role here, and the app's note
DISCLOSURE, RADIO = "disclosure", "radio"


class _DisclosureAccessible(QAccessibleWidget):
    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button, QAccessible.Role.Button)
        self.button = button

    def state(self) -> QAccessible.State:
        state = super().state()
        state.checkable = False  # said as expanded or collapsed, never as checked
        state.checked = False
        state.expandable = True
        state.expanded = self.button.isChecked()
        state.collapsed = not self.button.isChecked()
        return state


class _RadioAccessible(QAccessibleWidget):
    """A choice heard as a radio button: selected when the button is checked."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button, QAccessible.Role.RadioButton)
        self.button = button

    def state(self) -> QAccessible.State:
        state = super().state()
        state.checkable = True
        state.checked = self.button.isChecked()
        return state


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if not isinstance(obj, QAbstractButton):
        return None
    role = obj.property(_MARK)
    if role == DISCLOSURE:
        return _DisclosureAccessible(obj)
    if role == RADIO:
        return _RadioAccessible(obj)
    return None


def _install() -> None:
    app = QApplication.instance()
    if app is not None and not app.property(_MARK):
        QAccessible.installFactory(_factory)
        app.setProperty(_MARK, True)


def heard_as(button: QAbstractButton, role: str) -> None:
    """Give `button` one of the roles above; set before anything asks for its interface."""
    _install()
    button.setProperty(_MARK, role)


def disclosure(parent: QWidget) -> QToolButton:
    """A checkable tool button that readers hear as "collapsed" or "expanded"."""
    button = QToolButton(parent)
    heard_as(button, DISCLOSURE)
    button.setCheckable(True)
    button.toggled.connect(lambda _on: _announce(button))
    return button


def _announce(button: QToolButton) -> None:
    if not QAccessible.isActive():
        return
    changed = QAccessible.State()
    changed.expanded = True
    QAccessible.updateAccessibility(QAccessibleStateChangeEvent(button, changed))
