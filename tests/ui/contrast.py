"""Contrast measured on the pixels Qt actually drew, the way WCAG defines it."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2): linearised sRGB channels, weighted by the eye's response."""

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * lin(colour.redF()) + 0.7152 * lin(colour.greenF()) + 0.0722 * lin(colour.blueF())
    )


def ratio(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def drawn(widget: QWidget, area: QRect | None = None) -> QImage:
    """What the window shows where `widget` is: grabbed from its top-level window, so that
    backgrounds painted by parents are in the picture as the learner sees them."""
    top = widget.window()
    rect = area if area is not None else widget.rect()
    origin = widget.mapTo(top, rect.topLeft())
    return top.grab(QRect(origin, rect.size())).toImage()


def text_contrast(widget: QWidget, area: QRect | None = None) -> float:
    """Contrast between the commonest colour in `widget` (its background) and the colour
    farthest from it (the core of its glyphs)."""
    image = drawn(widget, area)
    counts: Counter[int] = Counter()
    for y in range(0, image.height()):
        for x in range(0, image.width()):
            counts[image.pixel(QPoint(x, y))] += 1
    assert counts, f"{widget!r} drew nothing"
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    return max(ratio(background, QColor.fromRgb(p)) for p in counts)
