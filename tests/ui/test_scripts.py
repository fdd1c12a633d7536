"""Quotations are set in italics only in scripts that have italic faces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from studyapp.model import Actor
from studyapp.study import Session
from studyapp.ui.common.text import italic_suits
from studyapp.ui.study.questions.base import QuestionWidget
from studyapp.ui.study.view import StudyView
from tests.ui.conftest import QUESTIONS, make_bank

ARABIC = "لن نوقع على أي اتفاق لا يحترم سيادتنا"
HEBREW = "לא נחתום על שום הסכם"
CHINESE = "我们不会签署任何协议"


@pytest.mark.parametrize(
    ("text", "suits"),
    [
        ("NATO — you can forget about it.", True),
        ("Ça ne se fera pas, dit-il à Zürich.", True),
        ("Это не обсуждается", True),
        ("Αυτό δεν θα γίνει", True),
        (ARABIC, False),
        (HEBREW, False),
        (CHINESE, False),
        # A Latin name inside an Arabic quote: slanting the whole would still box the Arabic.
        (f"{ARABIC} NATO", False),
        ("1999 — 2024", True),
    ],
)
def test_italics_only_for_scripts_that_have_them(text: str, suits: bool) -> None:
    assert italic_suits(text) is suits


def _quote_label(widget: QuestionWidget, quote: str) -> object:
    from PySide6.QtWidgets import QLabel

    return next(lab for lab in widget.findChildren(QLabel) if quote in lab.text())


@pytest.mark.parametrize(("quote", "italic"), [(ARABIC, False), ("We will not sign.", True)])
def test_attribution_quote_is_italic_only_where_the_script_has_italics(
    qtbot: QtBot, session_for: Callable[..., Session], quote: str, italic: bool
) -> None:
    bank = make_bank("attribution")
    question = replace(QUESTIONS["attribution"], quote=quote)
    actors = dict(bank.actors)
    actors["trump"] = Actor("trump", "سامي الحسن", "وزير الخارجية")
    bank = replace(bank, questions=(question,), actors=actors)
    view = StudyView()
    qtbot.addWidget(view)
    view.resize(800, 560)
    view.show()
    view.start(session_for(bank), "Demo bank")
    assert view.widget is not None
    label = _quote_label(view.widget, quote)
    assert label.font().italic() is italic  # type: ignore[attr-defined]
