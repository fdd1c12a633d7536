"""The Qt binding keeps Python's reference counts right when Qt calls our overrides.

PySide6 6.12.0 lost one reference to each value an override returned; on Python 3.11, where
None and the booleans are counted, a few thousand repaints ended the app with
"deallocating None". This fails fast on such a binding instead.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


class Painted(QWidget):
    def paintEvent(self, event: QPaintEvent) -> None:
        self.painted = getattr(self, "painted", 0) + 1

    def event(self, event: object) -> bool:
        return super().event(event)  # type: ignore[arg-type]


def test_overrides_do_not_eat_references(qtbot: QtBot) -> None:
    widget = Painted()
    qtbot.addWidget(widget)
    widget.resize(40, 40)
    canvas = QPixmap(40, 40)
    widget.render(canvas)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        widget.render(canvas)
    assert widget.painted >= 200
    # Other code may take or drop a few references meanwhile; 200 lost ones is the bug.
    assert sys.getrefcount(None) > none_before - 50
    assert sys.getrefcount(True) > true_before - 50
