"""The merge's bulk replay computes exactly what recording an answer computes.

A device that gives an answer steps its card through `scheduler.review`; a device that merges
it steps it through `sync.replay.Replayer`. If the two differed in any bit, the devices'
schedules would drift apart, so they are held equal here over many random histories: gaps
from seconds to months (under and over a day, where FSRS switches formulas), clocks that run
backwards, every rating, and several retentions.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

from studyapp.progress.records import parse_time, timestamp
from studyapp.progress.sync.ledger import iso_text, step
from studyapp.progress.sync.replay import Replayer, state_json, stepped_json, values_of
from studyapp.scheduler import CardState

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
GAPS = (
    timedelta(seconds=5),
    timedelta(minutes=1),
    timedelta(minutes=10),
    timedelta(hours=23, minutes=59),
    timedelta(days=1),
    timedelta(days=3, hours=4),
    timedelta(days=17),
    timedelta(days=160),
    -timedelta(hours=2),  # a device whose clock is behind
)


def history(rng: random.Random, length: int) -> list[tuple[int, datetime, float]]:
    at, out = START, []
    for _ in range(length):
        at += rng.choice(GAPS) + timedelta(microseconds=rng.randrange(10**6))
        out.append((rng.choice((1, 2, 3, 3, 3, 4)), at, rng.choice((0.9, 0.9, 0.8, 0.95))))
    return out


def test_bulk_replay_matches_the_scheduler_bit_for_bit() -> None:
    rng = random.Random(22)
    replayer = Replayer()
    compared = 0
    for _ in range(400):
        answers = history(rng, rng.randrange(1, 40))
        expected: list[CardState] = []
        state: CardState | None = None
        for rating, at, retention in answers:
            state = step(state, rating, at, retention)
            expected.append(state)
        got = replayer.run(None, answers)
        assert [values_of(s) for s in expected] == got
        for want, values in zip(expected, got, strict=True):
            assert state_json(values) == json.dumps(want.to_dict(), sort_keys=True)
            assert stepped_json(values) == state_json(values)
        compared += len(answers)
    assert compared > 5000


def test_bulk_replay_resumes_from_a_stored_state() -> None:
    rng = random.Random(7)
    replayer = Replayer()
    for _ in range(100):
        answers = history(rng, 30)
        cut = rng.randrange(1, 29)
        state: CardState | None = None
        for rating, at, retention in answers[:cut]:
            state = step(state, rating, at, retention)
        assert state is not None
        stored = CardState.from_dict(json.loads(json.dumps(state.to_dict(), sort_keys=True)))
        whole = replayer.run(None, answers)
        resumed = replayer.run(values_of(stored), answers[cut:])
        assert resumed == whole[cut:]


def test_the_quick_state_text_spells_out_what_json_spells_out() -> None:
    # A stability that overflowed (inf) or is not a number (nan) is not a repr in JSON.
    at = START + timedelta(days=3)
    for odd in (float("inf"), float("-inf"), float("nan")):
        values = (2, None, odd, 5.5, at + timedelta(days=9), at, 4, 1)
        assert stepped_json(values) == state_json(values)
        values = (2, 1, 3.25, odd, at, at, 4, 1)
        assert stepped_json(values) == state_json(values)


def test_an_answer_time_read_off_its_text_is_what_isoformat_writes() -> None:
    for at in (START, START + timedelta(microseconds=1), START + timedelta(days=40, seconds=7)):
        assert iso_text(timestamp(at)) == parse_time(timestamp(at)).isoformat()
    # Another form (another offset, a space for the T) is not read off: the caller formats it.
    assert iso_text("2026-03-01T10:00:00.000000+01:00") is None
    assert iso_text("2026-03-01 09:00:00.000000+00:00") is None
