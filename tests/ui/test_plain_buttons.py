"""Dialog buttons carry no stock icons, app-wide, in every theme: the style says so."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QMessageBox,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QWidget,
)
from pytestqt.qtbot import QtBot

from studyapp.ui.common import theme

HINT = QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons


class DesktopLike(QProxyStyle):
    """A style that asks for icons on dialog buttons, as GNOME's and KDE's platform themes do
    (the offscreen platform of the tests never does, so the base alone would prove nothing)."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: object = None,
        widget: QWidget | None = None,
        returnData: object = None,
    ) -> int:
        if hint == HINT:
            return 1
        return super().styleHint(hint, option, widget, returnData)  # type: ignore[arg-type]


def _ok_button(qtbot: QtBot, style: QStyle) -> QDialogButtonBox:
    box = QDialogButtonBox()
    qtbot.addWidget(box)
    box.setStyle(style)
    box.setStandardButtons(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    return box


def test_plain_buttons_takes_the_icons_off_a_style_that_wants_them(qtbot: QtBot) -> None:
    fusion = QStyleFactory.create("Fusion")
    assert fusion is not None
    desktop = DesktopLike(fusion)
    assert desktop.styleHint(HINT) == 1
    with_icons = _ok_button(qtbot, desktop)
    assert all(not b.icon().isNull() for b in with_icons.buttons())  # the test can see them
    plain = theme.PlainButtons(DesktopLike(QStyleFactory.create("Fusion")))
    assert plain.styleHint(HINT) == 0
    without = _ok_button(qtbot, plain)
    assert all(b.icon().isNull() for b in without.buttons())
    # Everything else is the base style's answer.
    other = QStyle.StyleHint.SH_DialogButtonLayout
    assert plain.styleHint(other) == desktop.styleHint(other)


@pytest.mark.parametrize("key", ["system", "light", "dark"])
def test_every_theme_keeps_dialog_buttons_plain(
    qtbot: QtBot, restore_theme: QApplication, key: str
) -> None:
    app = restore_theme
    theme.apply(app, key)
    assert isinstance(app.style(), theme.PlainButtons)
    assert app.style().styleHint(HINT) == 0
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Quit?",
        "Quit?",
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    assert box.style().styleHint(HINT, None, box) == 0
    assert all(b.icon().isNull() for b in box.buttons())


def test_switching_themes_does_not_stack_proxies(restore_theme: QApplication) -> None:
    app = restore_theme
    theme.apply(app, "dark")
    first = app.style()
    theme.apply(app, "light")
    assert app.style() is first  # the same Fusion under it: no new style, no re-polish
    assert not isinstance(app.style().baseStyle(), theme.PlainButtons)  # type: ignore[attr-defined]
