"""Any sequence of answers, undos, moves and bank edits keeps the session and the file agreeing."""

from __future__ import annotations

import random
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from progress_helpers import Clock, make_bank, right_response, wrong_response

from studyapp.model import Bank
from studyapp.progress import CardRecord, Store
from studyapp.study import Session, SessionConfig, SessionError


def variants() -> dict[str, Bank]:
    bank = make_bank(n_choice=3)
    qs = bank.questions
    renamed = tuple(
        replace(q, id=q.id + "-new", aliases=(q.id,)) if q.id == "mc-1" else q for q in qs
    )
    return {
        "original": bank,
        "fewer": replace(bank, questions=tuple(q for q in qs if q.id not in ("mc-0", "tf-1"))),
        "renamed": replace(bank, questions=renamed),
    }


BANKS = variants()


class SessionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="studyapp-machine-"))
        self.clock = Clock()
        self.store = Store.open(self.folder / "progress.sqlite3", self.clock)
        self.bank = BANKS["original"]
        self.session = Session(
            {self.bank.id: self.bank},
            self.store,
            "ana",
            SessionConfig(mode="practice"),
            self.clock,
            random.Random(0),
        )
        # Per answer still standing: the card key it wrote and that card as it was before.
        self.undo_stack: list[tuple[tuple[str, str], CardRecord | None]] = []

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(right=st.booleans(), seconds=st.integers(1, 600))
    def answer(self, right: bool, seconds: int) -> None:
        shown = self.session.current()
        self.clock.tick(seconds=seconds)
        if shown is None or shown.outcome is not None:
            try:
                self.session.answer("anything")
            except SessionError:
                return
            raise AssertionError("answering with nothing to answer must be refused")
        q = shown.question
        key = (shown.bank.id, q.id)
        before = self.store.card("ana", *key)
        outcome = self.session.answer(right_response(q) if right else wrong_response(q))
        assert outcome.verdict == ("right" if right else "wrong")
        assert outcome.recorded
        after = self.store.card("ana", *key)
        assert after is not None
        assert after.due == outcome.due
        self.undo_stack.append((key, before))

    @rule()
    def advance(self) -> None:
        before = self.session.current()
        after = self.session.advance()
        if before is None:
            assert after is None
        elif after is not None:
            assert after.index == before.index + 1 or after.total != before.total

    @rule()
    def undo(self) -> None:
        undone = self.session.undo()
        assert undone == bool(self.undo_stack)
        if undone:
            key, before = self.undo_stack.pop()
            assert self.store.card("ana", *key) == before
            shown = self.session.current()
            assert shown is not None
            assert shown.outcome is None

    @rule(name=st.sampled_from(sorted(BANKS)))
    def reload(self, name: str) -> None:
        self.bank = BANKS[name]
        self.session.reload({self.bank.id: self.bank})

    @invariant()
    def log_matches_the_answers_standing(self) -> None:
        assert self.store.review_count("ana") == len(self.undo_stack)
        assert len(self.session.answers) == len(self.undo_stack)

    @invariant()
    def position_is_sane(self) -> None:
        shown = self.session.current()
        if shown is None:
            assert self.session.finished
        else:
            assert 0 <= shown.index < shown.total
            assert self.bank.question(shown.question.id) is not None

    @invariant()
    def summary_adds_up(self) -> None:
        summary = self.session.summary()
        assert summary.answered == len(self.undo_stack)
        assert 0 <= summary.right <= summary.answered
        assert 0.0 <= summary.fraction <= 1.0


SessionMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
test_session_state_machine = SessionMachine.TestCase
