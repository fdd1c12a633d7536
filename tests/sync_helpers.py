"""Two devices on one machine, and a copier that delivers files the way sync engines do.

An engine moves a changed file in blocks, not always in order, and the reader may look at the
file between two blocks: `Courier.deliver` writes the new bytes of each file in a few pieces,
in a shuffled order, straight into the destination file, yielding after every piece so that a
test can run a sync pass on a half-delivered file.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from progress_helpers import Clock

from studyapp.progress import Store
from studyapp.progress.sync import file_name
from studyapp.scheduler import Rating, review


@dataclass
class Device:
    store: Store
    folder: Path  # this device's copy of the synced folder
    device: str
    clock: Clock
    profile: str = "ana"

    @property
    def own_file(self) -> Path:
        return self.folder / file_name(self.device)

    def answer(self, question: str, rating: int, bank: str = "news") -> int:
        card = self.store.card(self.profile, bank, question)
        now = self.clock()
        state = review(card.state if card else None, Rating(rating), now)
        return self.store.record(
            profile=self.profile,
            bank=bank,
            question=question,
            content_hash="h-" + question,
            response={"picked": rating},
            verdict="right" if rating > 1 else "wrong",
            score=1.0 if rating > 1 else 0.0,
            duration_ms=1200,
            mode="practice",
            rating=rating,
            state=state,
            at=now,
        )


def make_device(root: Path, name: str, device: str, clock: Clock) -> Device:
    folder = root / name / "synced"
    folder.mkdir(parents=True)
    store = Store.open(root / name / "progress.sqlite3", clock)
    store.join_sync(folder, device, name)
    return Device(store, folder, device, clock)


class Courier:
    """Carries each device's own file to the other copies of the folder, in pieces."""

    def __init__(self, rng: random.Random, pieces: int = 3) -> None:
        self.rng = rng
        self.pieces = pieces

    def deliver(self, source: Device, *targets: Device) -> Iterator[None]:
        data = source.own_file.read_bytes() if source.own_file.exists() else b""
        for target in targets:
            dest = target.folder / source.own_file.name
            held = dest.read_bytes() if dest.exists() else b""
            if data[: len(held)] != held:
                held = b""  # rewritten at the source: the engine sends the whole file again
                dest.write_bytes(b"")
            new = len(data) - len(held)
            if new <= 0:
                continue
            cuts = sorted(self.rng.sample(range(1, new), min(self.pieces - 1, new - 1)))
            spans = list(zip([0, *cuts], [*cuts, new], strict=True))
            self.rng.shuffle(spans)
            with dest.open("r+b" if dest.exists() else "wb") as out:
                for start, end in spans:
                    out.seek(len(held) + start)
                    out.write(data[len(held) + start : len(held) + end])
                    out.flush()
                    yield

    def settle(self, source: Device, *targets: Device) -> None:
        for _ in self.deliver(source, *targets):
            pass


def same_progress(a: Store, b: Store) -> None:
    """Both stores hold the same answers (by id, once each) and exactly the same card states,
    down to the stored text of every state (a device that recorded an answer and one that
    merged it write each state their own way)."""
    assert a.cards("ana") == b.cards("ana")
    ids_a = a.answer_ids()
    ids_b = b.answer_ids()
    assert len(ids_a) == len(set(ids_a))
    assert sorted(ids_a) == sorted(ids_b)
    assert stored_states(a) == stored_states(b)


def stored_states(store: Store) -> tuple[list[tuple[str, str]], list[tuple[str, ...]]]:
    """Every answer's state and every card's, as the progress file holds them (read through
    a connection of its own, since no reader of the store hands out the raw text)."""
    with closing(sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)) as db:
        answers = db.execute(
            "SELECT gid, state FROM reviews WHERE gid IS NOT NULL ORDER BY gid"
        ).fetchall()
        cards = db.execute(
            "SELECT profile, bank, question, state, due, first_at, last_at FROM cards "
            "ORDER BY profile, bank, question"
        ).fetchall()
    return answers, cards


def write_peer_file(
    folder: Path, device: str, answers: int, profile: str = "ana", bank: str = "elsewhere"
) -> Path:
    """Another device's sync file holding `answers` answers over 300 questions, one every
    7 minutes from 2025-01-01, written line by line in the sync format."""
    from datetime import UTC, datetime, timedelta

    from studyapp.progress.records import timestamp
    from studyapp.progress.sync.lines import FORMAT, encode

    start = datetime(2025, 1, 1, tzinfo=UTC)
    lines = [encode({"studyapp_sync": FORMAT, "device": device, "name": "desktop"})]
    for seq in range(1, answers + 1):
        at = timestamp(start + timedelta(minutes=7 * seq))
        right = seq % 4 != 0
        lines.append(
            encode(
                {
                    "seq": seq,
                    "stamp": at,
                    "kind": "answer",
                    "profile": profile,
                    "bank": bank,
                    "question": f"q-{seq % 300}",
                    "content_hash": "h",
                    "at": at,
                    "response": '"beta"',
                    "verdict": "right" if right else "wrong",
                    "score": 1.0 if right else 0.0,
                    "duration_ms": 3000,
                    "mode": "review",
                    "rating": 3 if right else 1,
                    "retention": 0.9,
                }
            )
        )
    path = folder / file_name(device)
    path.write_bytes(b"".join(lines))
    return path
