"""One way of telling days apart, at a change of the clocks: the session's count of the day's
new questions, the statistics page's answers per day and its due forecast (and the figures
they are checked against) all put a moment in the day whose midnight last passed.

St John's, Newfoundland, turned its clocks back at 00:01 until 2011: on 7 November 2010 the
first midnight came at 02:30 UTC, then at 02:31 UTC the clocks showed 23:01 on the 6th again,
and midnight came a second time at 03:30 UTC. Between the two, a moment's own local date is
the 6th, though the 7th has begun.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from progress_helpers import Clock, make_bank, wrong_response

from studyapp.bank.info import info_of
from studyapp.insight import figures
from studyapp.insight.statistics import gather
from studyapp.progress import Store
from studyapp.study import Session, SessionConfig
from studyapp.study.days import day_of, midnight

ST_JOHNS = ZoneInfo("America/St_Johns")
SIXTH, SEVENTH = date(2010, 11, 6), date(2010, 11, 7)
# 20:00 on the 6th; then 23:15 on the 6th as the clocks show it the second time, after the
# 7th's first midnight; then 01:00 on the 7th.
EVENING = datetime(2010, 11, 6, 23, 30, tzinfo=UTC)
RELIVED = datetime(2010, 11, 7, 2, 45, tzinfo=UTC)
LATER = datetime(2010, 11, 7, 4, 30, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "progress.sqlite3", Clock(EVENING))
    yield s
    s.close()


def test_the_zone_is_as_described() -> None:
    assert midnight(SEVENTH, ST_JOHNS) == datetime(2010, 11, 7, 2, 30, tzinfo=UTC)
    assert RELIVED.astimezone(ST_JOHNS).date() == SIXTH
    assert day_of(RELIVED, ST_JOHNS) == SEVENTH
    assert day_of(EVENING, ST_JOHNS) == SIXTH
    assert day_of(midnight(SEVENTH, ST_JOHNS), ST_JOHNS) == SEVENTH


def test_the_session_the_statistics_and_the_figures_agree_on_the_day(store: Store) -> None:
    bank = make_bank()
    clock = Clock(EVENING)
    store.update_profile("ana", daily_new_limit=1)

    def review() -> Session:
        config = SessionConfig(mode="review")
        return Session({bank.id: bank}, store, "ana", config, clock, random.Random(3), ST_JOHNS)

    def answer_all(session: Session) -> None:
        while (shown := session.current()) is not None:
            session.answer(wrong_response(shown.question))
            session.advance()

    answer_all(review())  # the 6th's one new question
    clock.now = RELIVED
    relived = review()
    # The 7th has begun: its new question is offered beside the 6th's, due again.
    assert relived.total == 2
    answer_all(relived)

    clock.now = LATER
    stats = gather(store, "ana", [info_of(bank)], LATER, ST_JOHNS)
    days = figures.reviews_per_day(store, "ana", LATER, 30, ST_JOHNS)
    assert list(stats.days) == days
    assert [(d.day, d.answered) for d in days[-2:]] == [(SIXTH, 1), (SEVENTH, 2)]
    assert stats.today.answered == 2  # the relived hour's answers are the 7th's
    forecast = figures.due_forecast(store, "ana", LATER, 30, ST_JOHNS)
    assert list(stats.forecast) == forecast
    assert forecast[0] == (SEVENTH, 2)  # both missed ones, due again within minutes

    # Seen from the relived hour itself, today is the 7th on the page too.
    early = gather(store, "ana", [info_of(bank)], RELIVED, ST_JOHNS)
    assert early.forecast[0][0] == SEVENTH
    assert early.days[-1].day == SEVENTH
    assert list(early.forecast) == figures.due_forecast(store, "ana", RELIVED, 30, ST_JOHNS)


def test_the_library_offers_the_new_questions_the_session_gives(
    tmp_path: Path, store: Store
) -> None:
    # The Start button's "Learn 1 new" (Backend.outlook) counts the day's new questions from
    # the midnight Session counts from: in the relived hour it said none were left.
    from studyapp import paths
    from studyapp.ui.backend import Backend

    bank = make_bank()
    clock = Clock(EVENING)
    store.update_profile("ana", daily_new_limit=1)
    backend = Backend(
        paths.resolve(tmp_path / "data"), clock=clock, bundled=False, store=store, zone=ST_JOHNS
    )
    backend.banks = {bank.id: bank}
    assert backend.outlook("ana").new_allowed == 1
    session = backend.session("ana", "review", bank.id, seed=3)
    while (shown := session.current()) is not None:
        session.answer(wrong_response(shown.question))
        session.advance()
    assert backend.outlook("ana").new_allowed == 0
    clock.now = RELIVED
    assert backend.outlook("ana").new_allowed == 1
    assert backend.session("ana", "review", bank.id, seed=3).total == 2


def test_on_the_exam_day_begun_in_the_relived_hour_no_plan_is_followed(
    tmp_path: Path, store: Store
) -> None:
    # The 7th is the exam day: from its first midnight on, review is plain review, in the
    # session and on the library's Start button alike (the local date still said the 6th).
    from studyapp import paths
    from studyapp.ui.backend import Backend

    bank = make_bank()
    clock = Clock(RELIVED)
    store.update_profile("ana", exam_date=SEVENTH)
    backend = Backend(
        paths.resolve(tmp_path / "data"), clock=clock, bundled=False, store=store, zone=ST_JOHNS
    )
    backend.banks = {bank.id: bank}
    assert backend.session("ana", "review", bank.id, seed=3).plan is None
    assert not backend.outlook("ana").planned
    clock.now = EVENING  # the 6th: the exam is tomorrow
    assert backend.session("ana", "review", bank.id, seed=3).plan is not None
    assert backend.outlook("ana").planned
