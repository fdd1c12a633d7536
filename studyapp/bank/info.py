"""What the library needs of a bank without its questions: title, counts, tags, card keys.

A library of hundreds of banks lists each one and counts what is due in it; only the bank a
learner opens needs its question objects. `BankInfo` holds the rest: for each question only the
ids its cards may be filed under and the fingerprint that says whether a card still speaks for
it. It is written into the bank cache beside the questions, so that a start with a warm cache
reads only this much of each bank.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from studyapp.model import Bank, content_hash


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
    # A fingerprint of the three above: what a count kept for the bank (insight/tallies.py)
    # was made from. Worked out once, when the info is made or first cached.
    digest: str = ""

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
        "digest": info.digest or content_digest(info.question_ids, info.aliases, info.hashes),
    }


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
        digest=digest,
    )
