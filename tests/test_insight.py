"""Confusions, the positions timeline, the exam-plan sentence and the progress export, read from
a real store after real sessions."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from progress_helpers import Clock, make_bank, right_response, wrong_response

from studyapp.insight.views import (
    STATUS_LEARNING,
    STATUS_MASTERED,
    STATUS_NEW,
    confusions,
    plan_text,
    possessive,
    timeline_rows,
    timeline_text,
)
from studyapp.model import Bank
from studyapp.progress import Store
from studyapp.progress.export import CSV_COLUMNS, export_reviews, write_export
from studyapp.scheduler.plan import DEFAULT_EXAM_TARGET
from studyapp.study import Session, SessionConfig
from studyapp.study.plan import exam_plan


def study(store: Store, bank: Bank, clock: Clock, answers: dict[str, object]) -> None:
    """Answer the named questions with the given responses, in that order."""
    config = SessionConfig(question_ids=tuple(answers))
    session = Session({bank.id: bank}, store, "ana", config, clock, random.Random(3))
    while (shown := session.current()) is not None:
        session.answer(answers[shown.question.id])
        clock.tick(seconds=30)
        session.advance()


def test_confusions_name_who_said_it_and_who_was_chosen(tmp_path: Path) -> None:
    clock = Clock()
    bank = make_bank()
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        study(store, bank, clock, {"who-guarantees": "starmer", "who-nato": "trump"})
        clock.tick(days=1)
        study(store, bank, clock, {"who-guarantees": "starmer", "who-nato": "biden"})
        clock.tick(days=1)
        study(store, bank, clock, {"who-guarantees": "macron"})
        rows = confusions(store, "ana", [bank])
    assert [(r.speaker, r.chosen, r.count) for r in rows] == [
        ("macron", "starmer", 2),
        ("trump", "biden", 1),
    ]
    first, second = rows
    assert first.questions == ("news/who-guarantees",)
    assert first.sentence == "You attribute Emmanuel Macron’s words to Keir Starmer (2 times)"
    assert second.sentence == "You attribute Donald Trump’s words to Joe Biden (once)"
    # The refs drill exactly those questions.
    session = Session(
        {bank.id: bank},
        None,
        "ana",
        SessionConfig(question_ids=first.questions + second.questions, record=False),
        clock,
        random.Random(1),
    )
    assert session.total == 2


def test_confusions_skip_answers_to_an_earlier_wording(tmp_path: Path) -> None:
    from dataclasses import replace

    clock = Clock()
    bank = make_bank()
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        study(store, bank, clock, {"who-nato": "macron"})
        edited = tuple(
            replace(q, quote="A new quote.") if q.id == "who-nato" else q for q in bank.questions
        )
        assert confusions(store, "ana", [replace(bank, questions=edited)]) == []
        assert len(confusions(store, "ana", [bank])) == 1


def test_possessive_of_a_name_ending_in_s() -> None:
    assert possessive("United States") == "United States’"
    assert possessive("Keir Starmer") == "Keir Starmer’s"


def test_timeline_marks_what_the_learner_has_mastered(tmp_path: Path) -> None:
    clock = Clock()
    bank = make_bank()
    shift = bank.question("us-nato-shift")
    assert shift is not None
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        [row] = timeline_rows(store, "ana", bank, clock())
        assert (row.actor_name, row.issue, row.status, row.mark) == (
            "Donald Trump",
            "Ukraine joining NATO",
            STATUS_NEW,
            "○",
        )
        assert (row.before, row.after) == ("supported eventual membership", "ruled it out")
        study(store, bank, clock, {"us-nato-shift": wrong_response(shift)})
        [row] = timeline_rows(store, "ana", bank, clock())
        assert (row.status, row.mark) == (STATUS_LEARNING, "◐")
        # Answered right each time it falls due, it graduates and counts as mastered.
        for _ in range(4):
            card = store.card("ana", "news", "us-nato-shift")
            assert card is not None
            clock.now = max(clock.now, card.due) + timedelta(minutes=1)
            study(store, bank, clock, {"us-nato-shift": right_response(shift)})
        [row] = timeline_rows(store, "ana", bank, clock())
        assert row.status == STATUS_MASTERED
        text = timeline_text(bank, [row])
    assert text.splitlines()[:3] == [
        "Positions: Bank news",
        "",
        "Donald Trump (President of the United States)",
    ]
    assert "Before (Biden administration): supported eventual membership" in text
    assert "✓ Ukraine joining NATO — mastered" in text


def test_plan_text_describes_the_days_left(tmp_path: Path) -> None:
    clock = Clock()
    bank = make_bank()
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        assert plan_text(exam_plan(store, "ana", [bank], clock())) == (
            "Set an exam date and a daily time budget to see a plan."
        )
        exam = (clock() + timedelta(days=10)).date()
        plan = exam_plan(store, "ana", [bank], clock(), exam_date=exam, daily_minutes=10)
        assert plan is not None
        text = plan_text(plan)
        assert text.startswith(f"10 days until {exam.day} {exam:%B %Y}: about ")
        assert f"{plan.days[0].questions} today" in text
        # The exam-day target (above the 90 % the questions are spaced at), as a mean.
        assert f"should reach {DEFAULT_EXAM_TARGET:.0%} on average" in text
        soon = (clock() + timedelta(days=2)).date()
        big = make_bank(n_choice=40)
        tight = exam_plan(store, "ana", [big], clock(), exam_date=soon, daily_minutes=1)
        assert tight is not None
        assert f"short of {DEFAULT_EXAM_TARGET:.0%}" in plan_text(tight)
        far = exam_plan(
            store, "ana", [bank], clock(), exam_date=date(9999, 12, 31), daily_minutes=5
        )
        assert far is not None
        assert "more than 60 days away" in plan_text(far)
        assert " years) until 31 December 9999" in plan_text(far)
        for ahead, words in ((400, "400 days until"), (1000, "1,000 days (about 3 years) until")):
            later = (clock() + timedelta(days=ahead)).date()
            plan = exam_plan(store, "ana", [bank], clock(), exam_date=later, daily_minutes=5)
            assert plan_text(plan).startswith(words)
        today = exam_plan(store, "ana", [bank], clock(), exam_date=clock().date(), daily_minutes=5)
        assert "no day left" in plan_text(today)


def test_export_gives_every_answer_as_csv_and_json(tmp_path: Path) -> None:
    clock = Clock()
    bank = make_bank()
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        study(store, bank, clock, {"who-nato": "biden", "mc-0": "beta"})
        data = json.loads(export_reviews(store, "ana", "json"))
        rows = list(csv.DictReader(io.StringIO(export_reviews(store, "ana", "csv"))))
        assert json.loads(export_reviews(store, "nobody", "json"))["reviews"] == []
    assert data["format"] == 1
    assert [r["response"] for r in data["reviews"]] == ["biden", "beta"]
    assert [r["verdict"] for r in rows] == ["wrong", "right"]
    assert tuple(rows[0]) == CSV_COLUMNS
    assert export_reviews(None, None, "csv") == ",".join(CSV_COLUMNS)


def test_write_export_picks_the_format_by_suffix(tmp_path: Path) -> None:
    clock = Clock()
    bank = make_bank()
    with Store.open(tmp_path / "p.sqlite3", clock) as store:
        study(store, bank, clock, {"who-nato": "trump", "tf-1": True})
        assert write_export(store, "ana", tmp_path / "ana.json") == 2
        assert write_export(store, "ana", tmp_path / "ana.CSV") == 2
        with pytest.raises(ValueError, match=r"ana\.txt: choose a name ending in \.csv or \.json"):
            write_export(store, "ana", tmp_path / "ana.txt")
        with pytest.raises(ValueError, match="cannot write the export"):
            write_export(store, "ana", tmp_path / "missing" / "ana.csv")
    assert len(json.loads((tmp_path / "ana.json").read_text("utf-8"))["reviews"]) == 2
    assert len(list(csv.DictReader(io.StringIO((tmp_path / "ana.CSV").read_text("utf-8"))))) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ana.CSV", "ana.json", "p.sqlite3"]
