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


FOLDED_BODY = "the answer, the explanation and the evidence"


def disclosure(parent: QWidget, body: str = FOLDED_BODY) -> QToolButton:
    """A checkable tool button that readers hear as "collapsed" or "expanded".

    `body` says what it folds away; it is the button's description until first pressed.
    """
    button = QToolButton(parent)
    heard_as(button, DISCLOSURE)
    button.setCheckable(True)
    button.setAccessibleDescription(body[:1].upper() + body[1:])
    button.toggled.connect(lambda _on: _announce(button, body))
    return button


def _announce(button: QToolButton, body: str) -> None:
    """Say the new state the moment it changes, not only when the button is focused again.

    Qt's AT-SPI bridge passes on a change of checked, active, enabled and focused, but not of
    expanded, so Orca hears nothing from the state event alone. A change of description it
    does pass on, and Orca speaks one on the focused object: the description carries the word.
    """
    if button.isChecked():
        button.setAccessibleDescription(f"Expanded: {body} are shown below")
    else:
        button.setAccessibleDescription(f"Collapsed: {body} are hidden")
    if not QAccessible.isActive():
        return
    changed = QAccessible.State()
    changed.expanded = True
    changed.collapsed = True
    QAccessible.updateAccessibility(QAccessibleStateChangeEvent(button, changed))
