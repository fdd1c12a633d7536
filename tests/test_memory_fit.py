"""FSRS's parameters fitted to one learner by FSRS's own optimiser: the training items read from
the review log, the fit on a simulated learner, the fit kept with the profile in the real
SQLite file (schema v6), refitted as answers come in, and shown in Statistics."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from progress_helpers import START, Clock

from studyapp.progress import Store, schema
from studyapp.scheduler import CardState, Rating, forgetting_curve, review
from studyapp.scheduler.fit import MIN_SPACED_ANSWERS, MemoryModel, fit, histories, spaced_answers
from studyapp.study.memory import REFIT_AFTER, fit_due, refit

pytest.importorskip("fsrs_rs_python")


def _learner(
    forgetting: float, n_questions: int, rng: random.Random
) -> list[tuple[str, datetime, int, CardState]]:
    """Answers of a learner whose real stability is `forgetting` times FSRS's, each question
    first answered right, then reviewed when FSRS says, for four reviews."""
    log: list[tuple[str, datetime, int, CardState]] = []
    for i in range(n_questions):
        start = START + timedelta(days=rng.randint(0, 30))
        state = review(None, Rating.Good, start)
        log.append((f"q{i}", start, int(Rating.Good), state))
        for _ in range(4):
            moment = max(state.due, state.last_review + timedelta(days=1))  # type: ignore[operator]
            days = (moment - state.last_review).days  # type: ignore[operator]
            recalled = rng.random() < forgetting_curve((state.stability or 0) * forgetting, days)
            rating = Rating.Good if recalled else Rating.Again
            state = review(state, rating, moment)
            log.append((f"q{i}", moment, int(rating), state))
    log.sort(key=lambda row: row[1])
    return log


def test_histories_are_whole_days_between_answers_from_each_first_answer() -> None:
    first = review(None, Rating.Good, START)
    later = START + timedelta(days=3, hours=5)
    second = review(first, Rating.Again, later)
    same_day = review(second, Rating.Good, later + timedelta(minutes=10))
    cut = review(review(None, Rating.Good, START), Rating.Good, START + timedelta(days=2))
    found = histories(
        [
            ("a", START, 3, first),
            ("b", START + timedelta(days=2), 3, cut),  # its first answer is not in the log
            ("a", later, 1, second),
            ("a", later + timedelta(minutes=10), 3, same_day),
        ]
    )
    assert [h.steps for h in found] == [((0, 3), (3, 1), (0, 3))]
    assert spaced_answers(found) == 1


def test_too_few_answers_give_no_fit() -> None:
    found = histories(_learner(1.0, 20, random.Random(3)))
    assert spaced_answers(found) < MIN_SPACED_ANSWERS
    assert fit(found, START) is None


def test_the_fit_predicts_a_fast_forgetter_better_than_the_defaults() -> None:
    found = histories(_learner(0.3, 200, random.Random(5)))
    assert spaced_answers(found) >= MIN_SPACED_ANSWERS
    model = fit(found, START)
    assert model is not None
    assert len(model.parameters) == 21
    assert model.answers == spaced_answers(found)
    # Written before the run: on answers FSRS's defaults misjudge (memories last a third as
    # long), the fitted parameters must fit them better.
    assert model.log_loss_fitted < model.log_loss_default
    assert MemoryModel.from_dict(model.to_dict()) == model


def test_a_model_of_another_format_is_refused() -> None:
    data = MemoryModel((0.1,) * 21, 500, 0.4, 0.3, START).to_dict()
    with pytest.raises(ValueError, match="format"):
        MemoryModel.from_dict({**data, "format": 2})
    with pytest.raises(ValueError, match="21 parameters"):
        MemoryModel.from_dict({**data, "parameters": [0.1] * 19})


def _fill(store: Store, answers: list[tuple[str, datetime, int, CardState]]) -> None:
    for question, at, rating, state in answers:
        store.record(
            profile="ana",
            bank="b",
            question=question,
            content_hash="h",
            response="r",
            verdict="right" if rating > 1 else "wrong",
            score=1.0 if rating > 1 else 0.0,
            duration_ms=5000,
            mode="review",
            rating=rating,
            state=state,
            at=at,
        )


def test_the_profile_keeps_its_fit_and_fits_again_as_answers_come(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "progress.sqlite3"
    answers = _learner(0.3, 400, random.Random(7))
    half = answers[: len(answers) // 2]
    assert spaced_answers(histories(half)) >= MIN_SPACED_ANSWERS
    with Store.open(path, clock) as store:
        assert refit(store, "ana", clock()) is None  # no answers yet
        _fill(store, half)
        clock.now = half[-1][1] + timedelta(hours=1)  # the learner opens Statistics after
        first = refit(store, "ana", clock())
        assert first is not None
        # Fewer than REFIT_AFTER answers since: the kept fit, not a new one.
        clock.tick(days=1)
        assert refit(store, "ana", clock()) == first
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    (stored,) = raw.execute("SELECT memory_model FROM profiles WHERE name = 'ana'").fetchone()
    raw.close()
    assert '"format": 1' in stored
    with Store.open(path, clock) as store:
        assert store.memory_model("ana") == first
        _fill(store, answers[len(answers) // 2 :])
        clock.now = answers[-1][1] + timedelta(hours=1)
        assert store.answers_since("ana", first.fitted_at) >= REFIT_AFTER
        second = refit(store, "ana", clock())
        assert second is not None
        assert second.fitted_at > first.fitted_at
        assert second.answers > first.answers
        store.rename_profile("ana", "bea")
        assert store.memory_model("bea") == second
        store.reset("bea")
        assert store.memory_model("bea") is None


def test_an_unreadable_stored_model_is_no_model(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with Store.open(path, Clock()) as store:
        store.profile("ana")
    raw = sqlite3.connect(path)
    raw.execute("UPDATE profiles SET memory_model = '{\"format\": 9}' WHERE name = 'ana'")
    raw.commit()
    raw.close()
    with Store.open(path, Clock()) as store:
        assert store.memory_model("ana") is None


def test_a_version_5_file_migrates_with_its_answers_and_no_model(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "progress.sqlite3"
    with Store.open(path, clock) as store:
        _fill(store, _learner(1.0, 3, random.Random(2)))
    # Version 5 is version 6 without the column (v6 adds only that), and without v7's tallies,
    # v8's profile ids and v9's kept quarter hours.
    raw = sqlite3.connect(path)
    for event in ("update", "delete"):
        raw.execute(f"DROP TRIGGER quarters_{event}")
    raw.execute("DROP TABLE review_quarters")
    raw.execute("DROP TABLE review_marks")
    raw.execute("DROP INDEX reviews_picks")
    raw.execute("DROP INDEX profiles_uid")
    raw.execute("ALTER TABLE profiles DROP COLUMN uid")
    raw.execute("DROP TABLE sync_profiles")
    raw.execute("DROP TABLE sync_held")
    for event in ("insert", "update", "delete"):
        raw.execute(f"DROP TRIGGER tally_{event}")
    raw.execute("DROP TABLE bank_tallies")
    raw.execute("ALTER TABLE profiles DROP COLUMN memory_model")
    raw.execute("PRAGMA user_version = 5")
    raw.commit()
    raw.close()
    with Store.open(path, clock) as store:
        assert store.notice is not None
        assert "backup" in store.notice
        assert store.memory_model("ana") is None
        assert len(list(store.reviews())) == 15
        model = MemoryModel((0.2,) * 21, 450, 0.41, 0.37, clock())
        store.save_memory_model("ana", model)
        assert store.memory_model("ana") == model
    assert [p for p in tmp_path.iterdir() if ".v5-backup-" in p.name]


def test_a_fit_that_finds_too_few_spaced_answers_is_not_tried_again_at_every_opening(
    tmp_path: Path,
) -> None:
    """Many answers, none of them spaced (each question answered once): enough answers to try
    a fit, too few to make one. The failure is kept, so the next opening of Statistics does not
    read and fail on the same answers again; REFIT_AFTER answers later it tries again."""
    clock = Clock()
    once = [
        (f"q{i}", START + timedelta(minutes=i), int(Rating.Good), review(None, Rating.Good, START))
        for i in range(MIN_SPACED_ANSWERS)
    ]
    path = tmp_path / "progress.sqlite3"
    with Store.open(path, clock) as store:
        _fill(store, once)
        clock.now = once[-1][1] + timedelta(hours=1)
        assert fit_due(store, "ana")
        assert refit(store, "ana", clock()) is None
        assert store.memory_model("ana") is None
        assert store.memory_unfit_since("ana") == clock()
        assert not fit_due(store, "ana")  # the next opening reads nothing
        clock.tick(days=1)
        more = [
            (
                f"r{i}",
                clock() + timedelta(minutes=i),
                int(Rating.Good),
                review(None, Rating.Good, clock()),
            )
            for i in range(REFIT_AFTER)
        ]
        _fill(store, more)
        assert fit_due(store, "ana")
    # The note is not a model to this version's reader, nor to an earlier one's (no parameters).
    raw = sqlite3.connect(path)
    (stored,) = raw.execute("SELECT memory_model FROM profiles WHERE name = 'ana'").fetchone()
    raw.close()
    assert "parameters" not in stored
    with pytest.raises(KeyError):
        MemoryModel.from_dict(json.loads(stored))


def test_a_kept_model_is_never_replaced_by_a_failed_fit_s_note(tmp_path: Path) -> None:
    clock = Clock()
    answers = _learner(0.3, 400, random.Random(7))
    with Store.open(tmp_path / "progress.sqlite3", clock) as store:
        _fill(store, answers)
        clock.now = answers[-1][1] + timedelta(hours=1)
        kept = refit(store, "ana", clock())
        assert kept is not None
        store.note_memory_unfit("ana", clock())
        assert store.memory_model("ana") == kept
        assert store.memory_unfit_since("ana") is None
