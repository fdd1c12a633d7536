"""Light and dark looks, and the colours that go with a verdict.

"system" leaves the platform's own style and palette alone; "light" and "dark" use Fusion with
a palette of our own, so that both look the same everywhere. Verdict colours are picked to read
on the current palette; they always come with a mark and a word as well.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QWidget

THEMES = ("system", "light", "dark")

_DARK = {
    QPalette.ColorRole.Window: "#1f2124",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#2a2d31",
    QPalette.ColorRole.AlternateBase: "#25282c",
    QPalette.ColorRole.ToolTipBase: "#2a2d31",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#9aa0a8",
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
    QPalette.ColorRole.PlaceholderText: "#5d6168",
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


class PlainButtons(QProxyStyle):
    """The style in use, but dialog buttons (OK, Cancel, Close...) without stock icons.

    Desktop platform themes give them icons from the icon theme: dated next to the rest of the
    app, and the dark theme's close icon drew as a black smudge on a dark button. Our own
    buttons carry no icons either, so every button reads as its word alone.
    """

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: object = None,
        widget: QWidget | None = None,
        returnData: object = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        return super().styleHint(hint, option, widget, returnData)  # type: ignore[arg-type]


def style_key(style: QStyle) -> str:
    """The name of the style underneath PlainButtons (a proxy style has no name of its own)."""
    if isinstance(style, QProxyStyle):
        base = style.baseStyle()
        return base.name() if base is not None else ""
    return style.name()


def _use_style(app: QApplication, key: str) -> None:
    """`key`'s style (or the current one, when it is already that), with PlainButtons over it."""
    if isinstance(app.style(), PlainButtons) and style_key(app.style()) == key.lower():
        return
    base = QStyleFactory.create(key)
    if base is not None:
        app.setStyle(PlainButtons(base))


def paper() -> QPalette:
    """The light theme's palette, for what is printed or saved for print whatever the screen's."""
    return _palette(_LIGHT)


def apply(app: QApplication, theme: str) -> None:
    """Switch the whole app to `theme` (one of THEMES)."""
    if theme not in THEMES:
        theme = "system"
    if theme == "system":
        _use_style(app, style_key(app.style()))
        hints = QGuiApplication.styleHints()
        hints.unsetColorScheme()
        if hints.colorScheme() == Qt.ColorScheme.Dark and style_key(app.style()) == "fusion":
            _set(app, _palette(_DARK))
        else:
            _set(app, app.style().standardPalette())
        return
    _use_style(app, "Fusion")
    _set(app, _palette(_DARK if theme == "dark" else _LIGHT))


def _follow(app: QApplication) -> None:
    """Bring every existing widget onto the palette just set.

    Widgets without a style sheet follow QApplication.setPalette by themselves. A style sheet,
    though, is resolved once, when set: its `palette(...)` colours, and the palette of the widget
    it sits on, stay those of the old theme. So each sheet is set again, verdict colours are
    picked afresh for the new background, and widgets that colour items by hand redo it.
    """
    for widget in app.allWidgets():
        if widget.property(_VERDICT) is not None:
            _tint(widget)
        elif widget.styleSheet():
            sheet = widget.styleSheet()
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)
        restyle = getattr(widget, "restyle", None)
        if callable(restyle):
            restyle()
        widget.update()


def _set(app: QApplication, palette: QPalette) -> None:
    app.setPalette(palette)
    indicators = QPalette(palette)
    if is_dark(palette):
        # Fusion draws the rim of radio buttons and check boxes a shade darker than the window,
        # which on a dark window cannot be seen; only the rim reads this colour.
        indicators.setColor(
            QPalette.ColorRole.Window, QColor(_DARK[QPalette.ColorRole.Mid]).lighter(150)
        )
    for kind in ("QRadioButton", "QCheckBox"):
        # PySide6's stub names the class as bytes; the binding takes text as well.
        app.setPalette(indicators, kind)  # type: ignore[arg-type]
    _follow(app)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def verdict_colour(verdict: str, palette: QPalette) -> QColor:
    dark = is_dark(palette)
    table = {
        "right": ("#17702f", "#56d364"),
        "wrong": ("#c62828", "#ff7b72"),
        "partial": ("#8a5c00", "#e3b341"),
    }
    light_c, dark_c = table.get(verdict, ("#555555", "#bbbbbb"))
    return QColor(dark_c if dark else light_c)


_VERDICT = "studyappVerdict"
_PART = "studyappVerdictPart"


def tint(widget: QWidget, verdict: str, part: str = "text") -> None:
    """Colour `widget`'s text (or, with part="border", its frame) for `verdict`, now and after
    every later theme switch."""
    widget.setProperty(_VERDICT, verdict)
    widget.setProperty(_PART, part)
    _tint(widget)


def untint(widget: QWidget) -> None:
    """Back to the theme's own text colour, after `tint`."""
    if widget.property(_VERDICT) is not None:
        widget.setProperty(_VERDICT, None)
        widget.setStyleSheet("")


def _tint(widget: QWidget) -> None:
    # The application's palette, not the widget's: a widget's own may still be the old theme's.
    colour = verdict_colour(str(widget.property(_VERDICT)), QApplication.palette()).name()
    if widget.property(_PART) == "border":
        sheet = f"QLineEdit {{ border: 2px solid {colour}; border-radius: 4px; }}"
    else:
        sheet = f"color: {colour};"
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def _luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(fill: QColor) -> QColor:
    """Near-black or white, whichever reads better on `fill` (a badge, a bar)."""
    dark, light = QColor("#1d1f21"), QColor("#ffffff")
    return dark if contrast(dark, fill) >= contrast(light, fill) else light


def soft(colour: QColor, palette: QPalette, amount: float = 0.14) -> QColor:
    """`colour` faded into the window background, for tinted fills behind text."""
    base = palette.color(QPalette.ColorRole.Base)
    return QColor.fromRgbF(
        base.redF() + (colour.redF() - base.redF()) * amount,
        base.greenF() + (colour.greenF() - base.greenF()) * amount,
        base.blueF() + (colour.blueF() - base.blueF()) * amount,
    )


def readable(colour: QColor, background: QColor, minimum: float = 4.5) -> QColor:
    """`colour`, moved just far enough towards black or white to read on `background` at
    `minimum` contrast: a count keeps its hue on a tinted row instead of fading into it."""
    if contrast(colour, background) >= minimum:
        return colour
    end = text_on(background)
    for step in range(1, 11):
        amount = step / 10
        moved = QColor.fromRgbF(
            colour.redF() + (end.redF() - colour.redF()) * amount,
            colour.greenF() + (end.greenF() - colour.greenF()) * amount,
            colour.blueF() + (end.blueF() - colour.blueF()) * amount,
        )
        if contrast(moved, background) >= minimum:
            return moved
    return end
