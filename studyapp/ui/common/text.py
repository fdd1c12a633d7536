"""Showing untrusted bank text: as plain text, or as Markdown with HTML and resources off.

Bank files come from anyone, so nothing in them may run, fetch or read files: labels are set to
plain text, and Markdown goes through a document that refuses every resource it asks for.
"""

from __future__ import annotations

import unicodedata

from PySide6 import QtGui
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QTextEdit, QWidget

from studyapp.printable import shown

_MARKDOWN = QTextDocument.MarkdownFeature.MarkdownNoHTML


def plain_label(
    text: str = "",
    parent: QWidget | None = None,
    *,
    wrap: bool = True,
    scale: float = 1.0,
    bold: bool = False,
    selectable: bool = False,
    name: str = "",
) -> QLabel:
    """A label that shows `text` exactly as written, never as HTML; a control character or a
    bidi override in it (from a bank or a profile name) is shown as an escape, not obeyed."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(shown(text, keep="\n\t"))
    if scale != 1.0 or bold:
        font = QFont(label.font())
        if scale != 1.0:
            font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        label.setFont(font)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def sentence(text: str) -> str:
    """Text as a screen reader should say it: one line, ending in a stop so that parts pause."""
    flat = " ".join(text.split())
    return flat if not flat or flat[-1] in '.?!:…”"' else f"{flat}."


# Scripts whose typefaces come with a true italic (or oblique) face. Others (Arabic, Hebrew,
# the Indic scripts, Chinese, Japanese, Thai...) have none: Qt then slants a face that may not
# hold the letters at all, and the learner sees boxes.
_ITALIC_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "FULLWIDTH LATIN")


def italic_suits(text: str) -> bool:
    """Whether `text` may be set in italics: every letter in it is of a script that has them."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            if not name.startswith(_ITALIC_SCRIPTS):
                return False
    return True


def emphasise(widget: QWidget, text: str) -> None:
    """Italics for a quotation, where its script has them; plain letters otherwise."""
    font = QFont(widget.font())
    font.setItalic(italic_suits(text))
    widget.setFont(font)


def set_scale(widget: QWidget, scale: float, bold: bool | None = None) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    if bold is not None:
        font.setBold(bold)
    widget.setFont(font)


def own_font_sizes(root: QWidget) -> list[tuple[QWidget, float]]:
    """The widgets under `root` (itself included) that set their own font, with its size."""
    widgets = [root, *root.findChildren(QWidget)]
    return [
        (w, w.font().pointSizeF())
        for w in widgets
        if w.testAttribute(Qt.WidgetAttribute.WA_SetFont) and w.font().pointSizeF() > 0
    ]


def rescale(sized: list[tuple[QWidget, float]], ratio: float) -> None:
    """Give each widget its recorded font size times `ratio` (a zoom step for built widgets)."""
    for widget, size in sized:
        font = QFont(widget.font())
        font.setPointSizeF(size * ratio)
        widget.setFont(font)


ENTER_MARK = "⏎"


def with_enter(word: str) -> str:
    """A button's word with the key that presses it, spaced alike on every screen."""
    return f"{word}  {ENTER_MARK}"


def plain_tip(text: str) -> str:
    """Untrusted text for a tooltip (or a What's This): Qt guesses whether a tooltip is HTML
    and would draw `<img src=…>` from anywhere on disk, so the text goes as HTML that says
    exactly the characters written. Paths and names keep no control or bidi characters."""
    return QtGui.Qt.convertFromPlainText(shown(text)) if text else ""


def plain_title(text: str) -> str:
    """Untrusted text in a window title: `[*]` is Qt's mark for unsaved changes and would be
    taken out, so it is doubled, which Qt shows as written; controls and bidi are escaped."""
    return shown(text).replace("[*]", "[*][*]")


def plain_labels(widget: QWidget) -> None:
    """Every label inside a standard dialog (an input dialog's question, a message box's
    informative text) made plain text: Qt's own dialogs leave them guessing."""
    for label in widget.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)


def button_text(text: str) -> str:
    """Untrusted text for a button or action: an ampersand is a letter, not a shortcut mark."""
    return text.replace("&", "&&")


class _SealedDocument(QTextDocument):
    """A document that loads nothing: images and other resources named by the text stay empty."""

    def loadResource(self, kind: int, name: object) -> object:
        return None


class MarkdownView(QTextEdit):
    """Read-only Markdown (HTML disabled) that grows to fit its text instead of scrolling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(_SealedDocument(self))
        self.document().setDocumentMargin(0)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("QTextEdit { background: transparent; }")
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def set_markdown(self, text: str) -> None:
        self.document().setMarkdown(text, _MARKDOWN)
        self.setAccessibleDescription(self.document().toPlainText())
        self._fit()

    def _fit(self, *_: object) -> None:
        self.document().setTextWidth(self.viewport().width())
        height = int(self.document().size().height()) + 4
        if self.minimumHeight() != height:
            self.setMinimumHeight(height)
            self.setMaximumHeight(height)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())
