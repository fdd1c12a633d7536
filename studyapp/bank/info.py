"""What the library needs of a bank without its questions: title, counts, tags, card keys.

A library of hundreds of banks lists each one and counts what is due in it; only the bank a
learner opens needs its question objects. `BankInfo` holds the rest: for each question only the
ids its cards may be filed under and the fingerprint that says whether a card still speaks for
it. It is written into the bank cache beside the questions, so that a start with a warm cache
reads only this much of each bank.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from typing import Any

from studyapp.model import Attribution, Bank, PositionShift, content_hash


@dataclass(frozen=True, slots=True)
class BankInfo:
    id: str
    title: str
    path: str
    description: str
    tags: tuple[str, ...]  # every tag the bank or one of its questions carries, sorted
    question_ids: tuple[str, ...]  # in the bank's order
    aliases: tuple[tuple[str, ...], ...]  # each question's earlier ids
    hashes: tuple[str, ...]  # each question's content_hash
    # For the statistics page, so that it needs no question either: each question's tags
    # (the bank's then its own, as Bank.tags_of gives them), each question's speaker ("" unless
    # it is an attribution), and the names of the bank's actors.
    question_tags: tuple[tuple[str, ...], ...] = ()
    speakers: tuple[str, ...] = ()
    actor_names: tuple[tuple[str, str], ...] = ()
    # A fingerprint of the questions' ids, earlier ids and content hashes (content_digest),
    # not of the three above: what a count kept for the bank (insight/tallies.py) was made
    # from. The per-tag counts carry their own fingerprint of question_tags (tallies.tags_print),
    # since a bank's own tags can change while every content hash stays. Worked out once, when
    # the info is made or first cached.
    digest: str = ""
    # For the positions timeline, so that it builds only the banks that have positions to
    # show: the stances in the bank's `positions` plus its position_shift questions (0: none),
    # and the story the bank belongs to.
    positions: int = 0
    story: str = ""

    @property
    def count(self) -> int:
        return len(self.question_ids)


def content_digest(
    question_ids: tuple[str, ...], aliases: tuple[tuple[str, ...], ...], hashes: tuple[str, ...]
) -> str:
    """A SHA-256 over the questions' ids, earlier ids and content hashes, in order."""
    digest = hashlib.sha256()
    digest.update("\x1f".join(question_ids).encode("utf-8", "surrogatepass"))
    digest.update(b"\x1e")
    digest.update("\x1f".join(hashes).encode("utf-8", "surrogatepass"))
    digest.update(b"\x1e")
    for place, earlier in enumerate(aliases):
        if earlier:
            digest.update(
                f"{place}\x1d{chr(31).join(earlier)}\x1e".encode("utf-8", "surrogatepass")
            )
    return digest.hexdigest()


def info_of(bank: Bank) -> BankInfo:
    """The info of a built bank (hashing every question: done once, when the cache is filled)."""
    questions = bank.questions
    ids = tuple(q.id for q in questions)
    aliases = tuple(q.aliases for q in questions)
    hashes = tuple(content_hash(q) for q in questions)
    return BankInfo(
        id=bank.id,
        title=bank.title,
        path=bank.path,
        description=bank.description,
        tags=bank.all_tags,
        question_ids=ids,
        aliases=aliases,
        hashes=hashes,
        digest=content_digest(ids, aliases, hashes),
        question_tags=tuple(bank.tags_of(q) for q in questions),
        speakers=tuple(q.speaker if isinstance(q, Attribution) else "" for q in questions),
        actor_names=tuple((a, bank.actor_name(a)) for a in bank.actors),
        positions=sum(len(p.stances) for p in bank.positions)
        + sum(isinstance(q, PositionShift) for q in questions),
        story=bank.story,
    )


def info_to_data(info: BankInfo) -> dict[str, Any]:
    """Plain data for the cache; the path is left out (the entry's key holds it)."""
    return {
        "id": info.id,
        "title": info.title,
        "description": info.description,
        "tags": info.tags,
        "ids": info.question_ids,
        # Most questions were never renamed: only those that were are written, by place.
        "aliases": tuple((i, a) for i, a in enumerate(info.aliases) if a),
        "hashes": info.hashes,
        # Questions mostly share a few tag sets: each set once, and each question its place.
        "tag_sets": (sets := tuple(dict.fromkeys(info.question_tags))),
        "tag_of": _places(info.question_tags, sets),
        "speakers": tuple((i, s) for i, s in enumerate(info.speakers) if s),
        "actors": info.actor_names,
        "digest": info.digest or content_digest(info.question_ids, info.aliases, info.hashes),
        "positions": info.positions,
        "story": info.story,
    }


def _places(values: tuple[tuple[str, ...], ...], sets: tuple[tuple[str, ...], ...]) -> bytes:
    where = {tags: i for i, tags in enumerate(sets)}
    return b"".join(where[tags].to_bytes(4, "little") for tags in values)


def info_from_data(data: dict[str, Any], path: str) -> BankInfo:
    """An info from data written by info_to_data; raises on data of another shape."""
    ids = tuple(data["ids"])
    hashes = tuple(data["hashes"])
    if len(hashes) != len(ids):
        # (Each id's type is not checked one by one: the entry's digest shows it is what the
        # cache wrote, and a sealed entry of another shape fails on its first use, as a miss.)
        raise ValueError("cached bank info does not fit")
    aliases: list[tuple[str, ...]] = [()] * len(ids)
    for place, earlier in data["aliases"]:
        aliases[place] = tuple(earlier)
    sets = tuple(tuple(tags) for tags in data["tag_sets"])
    places: bytes = data["tag_of"]
    if len(places) != 4 * len(ids):
        raise ValueError("cached bank info does not fit")
    # One unpack at C speed: a slice and int.from_bytes per question took a tenth of a
    # second start's listing of 100,000 questions.
    tags_of = tuple(map(sets.__getitem__, struct.unpack(f"<{len(ids)}I", places)))
    speakers = [""] * len(ids)
    for place, speaker in data["speakers"]:
        speakers[place] = str(speaker)
    together = tuple(aliases)
    digest = data.get("digest")  # entries cached before it was kept have none
    if not isinstance(digest, str):
        digest = content_digest(ids, together, hashes)
    return BankInfo(
        id=str(data["id"]),
        title=str(data["title"]),
        path=path,
        description=str(data["description"]),
        tags=tuple(data["tags"]),
        question_ids=ids,
        aliases=together,
        hashes=hashes,
        question_tags=tags_of,
        speakers=tuple(speakers),
        actor_names=tuple((str(a), str(n)) for a, n in data["actors"]),
        digest=digest,
        positions=int(data["positions"]),
        story=str(data["story"]),
    )
