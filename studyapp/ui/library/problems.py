"""The panel that lists banks that failed to load, one `file:line:col: message` per line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from studyapp.printable import shown
from studyapp.wording import counted

if TYPE_CHECKING:
    from studyapp.bank.problems import Problem


class ProblemsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(4)
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.toggled.connect(self._fold)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        # Wrapped, so that every message can be read whole without scrolling sideways; each
        # problem is still one line when copied.
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName("Load problems: file, line, column and message")
        self.text.setTabChangesFocus(True)
        self.text.hide()
        col.addWidget(self.toggle)
        col.addWidget(self.text)
        self.problems: tuple[Problem, ...] = ()
        self.set_problems(())

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.is_error]
        files = len({p.path for p in errors})
        if errors:
            word = "bank" if files == 1 else "banks"
            count = f"{len(errors)} error" + ("s" if len(errors) != 1 else "")
            label = f"⚠ {files} {word} could not be loaded ({count})"
        elif self.problems:
            label = f"ⓘ {counted(len(self.problems), 'warning')} about the banks"
        else:
            label = ""
        self.toggle.setText(label)
        self.toggle.setAccessibleName(label + ": show the details")
        # A file's name may hold a bidi override, which would show the line in another order.
        self.text.setPlainText("\n".join(shown(str(p)) for p in self.problems))
        self.setVisible(bool(self.problems))
        self._fit()

    def _fold(self, open_: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.text.setVisible(open_)
        self._fit()

    def _fit(self) -> None:
        """As tall as its lines (as wrapped now), from 2 to 10 of them; it scrolls beyond."""
        if not self.text.isVisible():
            return
        lines = int(self.text.document().size().height())  # in lines, for a plain text edit
        shown = max(2, min(10, lines))
        margins = self.text.contentsMargins()
        height = shown * self.text.fontMetrics().lineSpacing()
        height += 2 * int(self.text.document().documentMargin()) + margins.top() + margins.bottom()
        self.text.setFixedHeight(height + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
