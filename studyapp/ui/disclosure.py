"""A fold-out toggle that assistive technology sees as expandable, with its expanded state.

Qt shows a checkable QToolButton to screen readers as a check box ("checked", "not checked"),
and has no widget property for "expandable". So the toggles made here get an accessible
interface of their own: a button whose state says expandable and expanded or collapsed, and
which reports each change. Qt's factory list is per process; the application object records
that ours is on it, so it is added once however many windows are made.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface, QAccessibleStateChangeEvent
from PySide6.QtWidgets import QAccessibleWidget, QApplication, QToolButton, QWidget

_MARK = "studyapp-disclosure"  # the property that marks a toggle, and the app's note


class _DisclosureAccessible(QAccessibleWidget):
    def __init__(self, button: QToolButton) -> None:
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


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QToolButton) and obj.property(_MARK):
        return _DisclosureAccessible(obj)
    return None


def _install() -> None:
    app = QApplication.instance()
    if app is not None and not app.property(_MARK):
        QAccessible.installFactory(_factory)
        app.setProperty(_MARK, True)


def disclosure(parent: QWidget) -> QToolButton:
    """A checkable tool button that readers hear as "collapsed" or "expanded"."""
    _install()
    button = QToolButton(parent)
    button.setProperty(_MARK, True)
    button.setCheckable(True)
    button.toggled.connect(lambda _on: _announce(button))
    return button


def _announce(button: QToolButton) -> None:
    if not QAccessible.isActive():
        return
    changed = QAccessible.State()
    changed.expanded = True
    QAccessible.updateAccessibility(QAccessibleStateChangeEvent(button, changed))
