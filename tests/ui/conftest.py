"""A small bank with one question of every kind, and a session over it on a real store."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studyapp.model import (
    Actor,
    Attribution,
    Bank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    PositionShift,
    ShortAnswer,
    Source,
    Stance,
    TrueFalse,
)
from studyapp.progress import Store
from studyapp.study import Session, SessionConfig
from studyapp.ui.common.theme import style_key

if TYPE_CHECKING:
    from studyapp.ui.study.view import StudyView
    from studyapp.ui.window import MainWindow

ACTORS = {
    "trump": Actor("trump", "Donald Trump", "President of the United States"),
    "macron": Actor("macron", "Emmanuel Macron", "President of France"),
    "starmer": Actor("starmer", "Keir Starmer", "Prime Minister of the United Kingdom"),
    "biden": Actor("biden", "Joe Biden", "former President"),
    "usa": Actor("usa", "United States", "", "country"),
}

QUESTIONS = {
    "attribution": Attribution(
        id="who-nato",
        quote="NATO — you can forget about it.",
        speaker="trump",
        context="asked about ending the war",
        distractors=("macron", "starmer", "biden"),
        explanation="He **rejected** the bid outright.",
        evidence=("“NATO—you can forget about it,” Trump stated.",),
    ),
    "position_shift": PositionShift(
        id="shift-nato",
        actor="usa",
        issue="Ukraine joining NATO",
        before=Stance("Biden administration", "supported eventual membership"),
        after=Stance("Trump administration", "ruled membership out"),
        distractors=("demanded immediate membership", "took no position"),
        evidence=("Hegseth called membership unrealistic.",),
    ),
    "multiple_choice": MultipleChoice(
        id="mc-minerals",
        prompt="What did the US seek in return for aid?",
        choices=("Mineral rights", "Naval bases", "Grain"),
        answer="Mineral rights",
    ),
    "multiple_select": MultipleSelect(
        id="ms-leaders",
        prompt="Which leaders met in Paris?",
        choices=("Macron", "Starmer", "Putin", "Xi"),
        answers=("Macron", "Starmer"),
    ),
    "true_false": TrueFalse(id="tf-troops", statement="The US promised troops.", answer=False),
    "matching": Matching(
        id="match-roles",
        prompt="Match each person to a role.",
        pairs=(("Trump", "US President"), ("Macron", "French President"), ("Starmer", "UK PM")),
    ),
    "ordering": Ordering(
        id="order-events",
        prompt="Put these in order.",
        items=("Election", "Inauguration", "Summit"),
    ),
    "cloze": Cloze(id="cloze-hegseth", text="{{Hegseth}} spoke in {{Brussels|Bruxelles}} today."),
    "short_answer": ShortAnswer(
        id="short-capital", prompt="Which city hosted the summit?", answers=("Paris",)
    ),
}


def make_bank(*kinds: str, bank_id: str = "demo", title: str = "Demo bank") -> Bank:
    chosen = kinds or tuple(QUESTIONS)
    return Bank(
        id=bank_id,
        title=title,
        questions=tuple(QUESTIONS[k] for k in chosen),
        tags=("demo",),
        source=Source(title="US Withdraws Security Promises for Ukraine"),
        actors=MappingProxyType(dict(ACTORS)),
    )


def clock() -> datetime:
    return datetime.now(UTC)


def open_study(qtbot: QtBot, session: Session, width: int = 900, height: int = 700) -> StudyView:
    """A study screen of the given size, active (so keys reach it), on `session`'s first
    question."""
    from studyapp.ui.study.view import StudyView

    view = StudyView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.start(session, "Demo bank")
    return view


def on_library(qtbot: QtBot, win: MainWindow) -> MainWindow:
    """The window shown and active (so keys reach it), on its library with the first bank
    selected and the keyboard in the bank list, as a learner finds it at start."""
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win._refresh_library()
    win.library.select_row(0)
    win.library.focus_banks()
    return win


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "progress.sqlite3", clock)
    yield s
    s.close()


@pytest.fixture
def session_for(store: Store) -> Callable[..., Session]:
    def make(
        bank: Bank,
        mode: str = "practice",
        now: Callable[[], datetime] = clock,
        **config: object,
    ) -> Session:
        cfg = SessionConfig(
            mode=mode,
            bank_ids=(bank.id,),
            question_ids=tuple(q.id for q in bank.questions),
            **config,
        )  # type: ignore[arg-type]
        return Session({bank.id: bank}, store, "ana", cfg, now, random.Random(7))

    return make


@pytest.fixture
def restore_theme() -> Iterator[QApplication]:
    """The application's style and palette put back after a test that switches the theme,
    so no later test runs in another theme than it was written for."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = style_key(app.style()), app.palette()
    yield app
    app.setStyle(style)
    app.setPalette(palette)
