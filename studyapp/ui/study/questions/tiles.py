"""A large answer tile: a numbered, word-wrapped, checkable button that can show its result.

Painted by hand because a QRadioButton neither wraps long text nor shows "your answer / the
correct one" after checking. The text is drawn as plain text: bank content never becomes markup
or a keyboard mnemonic.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QStyle, QWidget

from studyapp.ui.common import theme
from studyapp.ui.common.accessible import RADIO, heard_as
from studyapp.ui.common.text import right_to_left

# How the tile looks once the answer is checked: (verdict colour key, tag drawn at the right,
# words for readers). A pick that was right, a pick that was wrong and a right answer left
# unpicked differ in their tag's words and in the fill (only a pick is filled; a missed answer
# has a dashed edge), never in colour alone.
RESULT_LOOK = {
    "right": ("right", "✓ your pick", "correct answer, your choice"),
    "missed": ("right", "✓ the answer", "correct answer"),  # where one answer was to be given
    "unpicked": ("right", "○ missed", "correct answer, not chosen"),  # one of several
    "wrong": ("wrong", "✗ your pick", "your choice, wrong"),
    "": ("", "", ""),
}

_PAD_X, _PAD_Y, _BADGE, _GAP = 14, 11, 26, 12

# Keys that move between tiles. The question holding the tiles handles them, not the tile:
# Qt's own arrow handling for grouped buttons goes by geometry and often finds nothing.
MOVES = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Left: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Right: 1,
    Qt.Key.Key_Home: -10_000,
    Qt.Key.Key_End: 10_000,
}


def step(tiles: list[ChoiceTile], current: QWidget | None, key: int) -> ChoiceTile | None:
    """The tile `key` moves to from `current` (None when `key` is not a move or there are none).

    Moves stop at the first and last tile rather than wrapping: a learner going down a long list
    knows where it ends.
    """
    move = MOVES.get(Qt.Key(key))
    if move is None or not tiles:
        return None
    if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and tiles[0].isRightToLeft():
        move = -move  # the arrow's way in a right-to-left question: ← goes on, → goes back
    here = tiles.index(current) if current in tiles else (0 if move > 0 else len(tiles) - 1)
    if current not in tiles:
        return tiles[here]
    return tiles[max(0, min(len(tiles) - 1, here + move))]


def lay_out_in_reading_direction(tiles: list[ChoiceTile], texts: list[str]) -> None:
    """Lay a question's tiles out right to left when its options are written in a right-to-left
    script (Hebrew, Arabic): the direction of the first strongly directed letter among them, as
    the bidi algorithm sets a paragraph's. One direction for all, so that the numbers stand in
    one column; options with no letters at all (numbers) keep the window's direction."""
    if right_to_left("\n".join(texts)):
        for tile in tiles:
            tile.setLayoutDirection(Qt.LayoutDirection.RightToLeft)


class ChoiceTile(QAbstractButton):
    def __init__(
        self,
        number: int,
        text: str,
        detail: str = "",
        parent: QWidget | None = None,
        heard_as_radio: bool = False,
    ) -> None:
        super().__init__(parent)
        if heard_as_radio:  # first: naming the tile below makes Qt build its interface
            heard_as(self, RADIO)
        self.number = number
        self.full_text = text
        self.detail = detail
        self.result = ""
        self.frozen = False
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._update_accessible()

    # The text is never handed to QAbstractButton.setText, which would parse "&" as a mnemonic.
    def _update_accessible(self) -> None:
        name = f"{self.number}: {self.full_text}" if self.number else self.full_text
        if self.detail:
            name += f", {self.detail}"
        word = RESULT_LOOK[self.result][2]
        self.setAccessibleName(f"{name} ({word})" if word else name)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in MOVES and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            event.ignore()  # the question holding the tile moves the focus
            return
        super().keyPressEvent(event)

    def nextCheckState(self) -> None:
        if not self.frozen:
            super().nextCheckState()

    def set_result(self, result: str) -> None:
        self.result = result
        self._update_accessible()
        # The tag narrows the text: a long option wraps to more lines, so the tile grows.
        self.updateGeometry()
        self.update()

    def _detail_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        return font

    def _tag_width(self) -> int:
        tag = RESULT_LOOK[self.result][1]
        return QFontMetrics(self._detail_font()).horizontalAdvance(tag) + _GAP if tag else 0

    def _text_rect(self, width: int) -> QRect:
        left = _PAD_X + (_BADGE + _GAP if self.number else 0)
        right = _PAD_X + self._tag_width()
        return QRect(left, _PAD_Y, max(40, width - left - right), 10_000)

    def _text_height(self, width: int) -> int:
        rect = self._text_rect(width)
        flags = int(Qt.TextFlag.TextWordWrap)
        h = QFontMetrics(self.font()).boundingRect(rect, flags, self.full_text).height()
        if self.detail:
            h += (
                2
                + QFontMetrics(self._detail_font()).boundingRect(rect, flags, self.detail).height()
            )
        return max(h, _BADGE)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._text_height(width) + 2 * _PAD_Y

    def sizeHint(self) -> QSize:
        width = 480
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.heightForWidth(160))

    def _visual(self, rect: QRect) -> QRect:
        """`rect`, laid out from the left, where it falls in the tile's direction: in a
        right-to-left tile the number stands at the right, the text reads from there and the
        result's tag sits at the left (the layout direction comes from the options' script)."""
        return QStyle.visualRect(self.layoutDirection(), self.rect(), rect)

    def paintEvent(self, event: object) -> None:
        pal = self.palette()
        p = QPainter(self)
        # Text alignment follows the painter's direction: AlignLeft is the leading side.
        p.setLayoutDirection(self.layoutDirection())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        key, mark, _ = RESULT_LOOK[self.result]
        accent = theme.verdict_colour(key, pal) if key else pal.color(QPalette.ColorRole.Highlight)
        fill = pal.color(QPalette.ColorRole.Base)
        border = pal.color(QPalette.ColorRole.Mid)
        width = 1.0
        style = Qt.PenStyle.SolidLine
        if self.result in ("missed", "unpicked") and not self.isChecked():
            border, width = accent, 2.0  # not the learner's pick: no fill
            style = Qt.PenStyle.DashLine if self.result == "unpicked" else style
        elif self.result:
            fill, border, width = theme.soft(accent, pal), accent, 2.0
        elif self.isChecked():
            fill, border, width = theme.soft(accent, pal, 0.12), accent, 2.0
        elif self.underMouse() and self.isEnabled():
            fill = theme.soft(pal.color(QPalette.ColorRole.Highlight), pal, 0.05)
        if self.hasFocus():
            border, width = pal.color(QPalette.ColorRole.Highlight), max(width, 2.0)
        p.setPen(QPen(border, width, style))
        p.setBrush(fill)
        p.drawRoundedRect(rect, 8, 8)

        text_colour = pal.color(QPalette.ColorRole.Text)
        if self.number:
            badge = QRectF(self._visual(QRect(_PAD_X, _PAD_Y, _BADGE, _BADGE)))
            on = self.isChecked()
            p.setPen(QPen(accent if on else border, 1.2))
            p.setBrush(accent if on else QColor(0, 0, 0, 0))
            p.drawRoundedRect(badge, 6, 6)
            p.setPen(theme.text_on(accent) if on else text_colour)
            p.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), str(self.number))

        rect_t = self._text_rect(self.width())
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        p.setPen(text_colour)
        p.setFont(self.font())
        used = p.boundingRect(rect_t, flags, self.full_text)
        # Centre a single short line against the badge.
        if not self.detail and used.height() < _BADGE:
            rect_t.moveTop(_PAD_Y + (_BADGE - used.height()) // 2)
        rect_t = self._visual(rect_t)
        p.drawText(rect_t, flags, self.full_text)
        if self.detail:
            p.setFont(self._detail_font())
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(rect_t.translated(0, used.height() + 2), flags, self.detail)
        if mark:
            p.setFont(self._detail_font())
            p.setPen(accent)
            tag_w = self._tag_width() - _GAP
            mark_rect = self._visual(QRect(self.width() - _PAD_X - tag_w, _PAD_Y, tag_w, _BADGE))
            # The tag's words are English: set left to right (a right-to-left line put the ✓
            # after them), hugging the tile's trailing edge.
            p.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            side = (
                Qt.AlignmentFlag.AlignLeft if self.isRightToLeft() else Qt.AlignmentFlag.AlignRight
            )
            p.drawText(mark_rect, int(side | Qt.AlignmentFlag.AlignVCenter), mark)
        p.end()

    def enterEvent(self, event: object) -> None:
        self.update()
        super().enterEvent(event)  # type: ignore[arg-type]

    def leaveEvent(self, event: object) -> None:
        self.update()
        super().leaveEvent(event)  # type: ignore[arg-type]
