"""Light and dark looks, and the colours that go with a verdict.

"system" leaves the platform's own style and palette alone; "light" and "dark" use Fusion with
a palette of our own, so that both look the same everywhere. Verdict colours are picked to read
on the current palette; they always come with a mark and a word as well.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

_DARK = {
    QPalette.ColorRole.Window: "#1f2124",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#2a2d31",
    QPalette.ColorRole.AlternateBase: "#25282c",
    QPalette.ColorRole.ToolTipBase: "#2a2d31",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8b9098",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#2e3135",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Light: "#3a3e43",
    QPalette.ColorRole.Midlight: "#34373c",
    QPalette.ColorRole.Mid: "#4a4f55",
    QPalette.ColorRole.Dark: "#16181a",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#4c8dda",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7fb3f0",
}

_LIGHT = {
    QPalette.ColorRole.Window: "#f6f6f4",
    QPalette.ColorRole.WindowText: "#1d1f21",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f1f1ef",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1d1f21",
    QPalette.ColorRole.PlaceholderText: "#80858c",
    QPalette.ColorRole.Text: "#1d1f21",
    QPalette.ColorRole.Button: "#fbfbfa",
    QPalette.ColorRole.ButtonText: "#1d1f21",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#ececea",
    QPalette.ColorRole.Mid: "#c9c9c6",
    QPalette.ColorRole.Dark: "#9a9a97",
    QPalette.ColorRole.Shadow: "#55555a",
    QPalette.ColorRole.Highlight: "#2f6fc0",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#1f5fae",
}


def _palette(colours: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette()
    for role, value in colours.items():
        palette.setColor(role, QColor(value))
    disabled = QColor(colours[QPalette.ColorRole.PlaceholderText])
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply(app: QApplication, theme: str) -> None:
    """Switch the whole app to `theme` (one of THEMES)."""
    if theme not in THEMES:
        theme = "system"
    if theme == "system":
        hints = QGuiApplication.styleHints()
        hints.unsetColorScheme()
        if hints.colorScheme() == Qt.ColorScheme.Dark and app.style().name() == "fusion":
            app.setPalette(_palette(_DARK))
        else:
            app.setPalette(app.style().standardPalette())
        return
    app.setStyle("Fusion")
    app.setPalette(_palette(_DARK if theme == "dark" else _LIGHT))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def verdict_colour(verdict: str, palette: QPalette) -> QColor:
    dark = is_dark(palette)
    table = {
        "right": ("#1a7f37", "#56d364"),
        "wrong": ("#c62828", "#ff7b72"),
        "partial": ("#9a6700", "#e3b341"),
    }
    light_c, dark_c = table.get(verdict, ("#555555", "#bbbbbb"))
    return QColor(dark_c if dark else light_c)


def soft(colour: QColor, palette: QPalette, amount: float = 0.14) -> QColor:
    """`colour` faded into the window background, for tinted fills behind text."""
    base = palette.color(QPalette.ColorRole.Base)
    return QColor.fromRgbF(
        base.redF() + (colour.redF() - base.redF()) * amount,
        base.greenF() + (colour.greenF() - base.greenF()) * amount,
        base.blueF() + (colour.blueF() - base.blueF()) * amount,
    )
