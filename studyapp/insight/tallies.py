"""Each bank's library counts, kept in the progress store between runs.

The library shows, per bank, how many questions are due, learning, new and mastered. Counting
that from the cards means reading every card of every bank (50,000 cards for a library of
100,000 questions take a third of a second). Most of the count does not depend on the time:
which cards still speak for a question of the bank, which are stale (the question was edited),
and for each card the moment it falls due and the moment it stops counting as mastered. A
`Tally` holds exactly that, sorted, so that the counts at any moment are two bisections.

A tally is kept in the store (schema v7, `bank_tallies`) under a `fit`: the format, the
bank's content digest and the retention. The store deletes it whenever one of the bank's cards
changes, whoever changes it, so a kept tally always says what the cards say.

The statistics page reads the same tallies (format 3): per set of tags, how many cards speak
for a question carrying them and until when each stays mastered, and the bank's leeches. Then
its per-tag figures need no card read either (50,000 cards read and walked took a quarter of a
second of the page's time). The bank's digest does not cover its tags, so that part carries a
fingerprint of the tags it was counted under and is used only while they match. It is kept
after the library's part, past a line break, and decoded only when the statistics ask for it.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from studyapp.bank.info import BankInfo
from studyapp.insight.figures import LEECH_LAPSES
from studyapp.model import Verdict
from studyapp.progress.records import timestamp
from studyapp.progress.store import Store
from studyapp.scheduler import Phase, days_recalled

# 2: the sorted moments are kept as one text of fixed-width times when they all have the width
# timestamp() writes (read back without making a string per card), else as a list.
# 3: also per set of tags and the leeches, for the statistics page.
TALLY_FORMAT = 3
# Later than any moment `timestamp()` writes: a memory mastered past the calendar's end.
_NEVER = "9999-12-31T23:59:59.999999+00:00"


class Packed:
    """Sorted moments of one width, end to end in one text: what bisect needs of a sequence."""

    __slots__ = ("text", "width")

    def __init__(self, text: str, width: int) -> None:
        self.text = text
        self.width = width

    def __len__(self) -> int:
        return len(self.text) // self.width

    def __getitem__(self, place: int) -> str:
        start = place * self.width
        return self.text[start : start + self.width]


Moments = tuple[str, ...] | Packed


def _packed(moments: tuple[str, ...]) -> dict[str, object]:
    width = len(moments[0]) if moments else 1
    if width and all(len(m) == width for m in moments):
        return {"width": width, "text": "".join(moments)}
    return {"width": 0, "list": moments}


def _unpacked(data: dict[str, Any]) -> Moments:
    width = data["width"]
    if not isinstance(width, int) or width < 0:
        raise ValueError("not a width")
    if width == 0:
        moments = tuple(data["list"])
        "".join(moments)  # raises TypeError unless every one is text (at C speed)
        return moments
    text = data["text"]
    if not isinstance(text, str) or len(text) % width:
        raise ValueError("not a packed text")
    return Packed(text, width)


@dataclass(frozen=True, slots=True)
class TagTally:
    """The cards of a bank's questions that carry one set of tags (each one's own card)."""

    tags: tuple[str, ...]
    seen: int  # cards that still speak for their question
    untils: Moments  # of those that can count as mastered: until when, sorted

    def mastered_at(self, moment: str) -> int:
        return len(self.untils) - bisect_right(self.untils, moment)


@dataclass(frozen=True, slots=True)
class Tally:
    matched: int  # questions of the bank that have a card (under their id or an earlier one)
    stale: int  # of those, cards for an earlier wording: due at once
    last: str | None  # the latest review of any of them, as stored
    dues: Moments  # when each other card falls due, sorted
    keeps: Moments  # for each card that can count as mastered: until when, sorted
    # The statistics page's part, as kept: decoded only by tag_part(), so that the library's
    # counts at start-up do not pay for it.
    tag_text: str = ""

    def due_at(self, moment: str) -> int:
        return self.stale + bisect_right(self.dues, moment)

    def mastered_at(self, moment: str) -> int:
        # Mastered means not due yet and still recalled: both end at `keeps`.
        return len(self.keeps) - bisect_right(self.keeps, moment)

    def to_json(self) -> str:
        assert isinstance(self.dues, tuple)  # made by count(), not read back
        assert isinstance(self.keeps, tuple)
        head = json.dumps(
            {
                "v": TALLY_FORMAT,
                "matched": self.matched,
                "stale": self.stale,
                "last": self.last,
                "dues": _packed(self.dues),
                "keeps": _packed(self.keeps),
            },
            separators=(",", ":"),
        )
        # JSON text holds no raw line break: the one between the parts splits them.
        return f"{head}\n{self.tag_text}"

    def tag_part(self) -> TagPart | None:
        """The per-tag part; None when it does not read as one (it is then counted anew)."""
        return tag_part_of(self.tag_text)


def tag_part_of(tag_text: str) -> TagPart | None:
    """A tally's per-tag part from its text; None when it does not read as one."""
    if not tag_text:
        return TagPart("", (), ())
    try:
        data = json.loads(tag_text)
        printed = data["tags_print"]
        if not isinstance(printed, str):
            return None
        by_tags = []
        for tags, seen, untils in data["by_tags"]:
            tags = tuple(tags)
            "".join(tags)  # raises TypeError unless every tag is text (at C speed)
            by_tags.append(TagTally(tags, int(seen), _unpacked(untils)))
        leeches = tuple((str(q), int(n)) for q, n in data["leeches"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return TagPart(printed, tuple(by_tags), leeches)


@dataclass(frozen=True, slots=True)
class TagPart:
    tags_print: str  # tags_print() of the info it was counted under
    by_tags: tuple[TagTally, ...]
    leeches: tuple[tuple[str, int], ...]  # (question id, lapses) of each leech

    def to_json(self) -> str:
        by_tags = []
        for part in self.by_tags:
            assert isinstance(part.untils, tuple)  # made by count(), not read back
            by_tags.append([list(part.tags), part.seen, _packed(part.untils)])
        return json.dumps(
            {
                "tags_print": self.tags_print,
                "by_tags": by_tags,
                "leeches": [list(leech) for leech in self.leeches],
            },
            separators=(",", ":"),
        )


# A bank without cards (most of a large library, for a while): nothing to write or read back.
EMPTY = Tally(0, 0, None, (), ())


def tags_print(info: BankInfo) -> str:
    """A fingerprint of each question's tags, in order: what the per-tag part was counted
    under (a bank's own tags can change while every question's content hash stays)."""
    # One text, joined at C speed: a hash update per question cost 1 ms a bank of 500.
    text = "\x1e".join(map("\x1f".join, info.question_tags))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def fit_of(info: BankInfo, retention: float) -> str:
    """What a kept tally must have been counted for to be used."""
    return f"{TALLY_FORMAT}:{info.digest}:{retention!r}"


def tally_from_json(text: str) -> Tally | None:
    """A kept tally; None when it is not one this version wrote (it is then counted again)."""
    head, _, tag_text = text.partition("\n")
    try:
        data = json.loads(head)
        if data.get("v") != TALLY_FORMAT:
            return None
        dues = _unpacked(data["dues"])
        keeps = _unpacked(data["keeps"])
        last = data["last"]
        if last is not None and not isinstance(last, str):
            return None
        return Tally(int(data["matched"]), int(data["stale"]), last, dues, keeps, tag_text)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _kept_until(stability: float, last_review: str, retention: float) -> str:
    """The moment from which a card reviewed at `last_review` no longer counts as mastered.

    Mastered is forgetting_curve(stability, whole days since the review) >= retention; whole
    days are `timedelta.days`, so it holds while now < review + (days_recalled + 1) days.
    """
    days = days_recalled(stability, retention)
    if days < 0:
        return ""  # never mastered: sorts before every moment
    try:
        return timestamp(datetime.fromisoformat(last_review) + timedelta(days=days + 1))
    except OverflowError:
        return _NEVER


def count(rows: Sequence[tuple[Any, ...]], info: BankInfo, retention: float) -> Tally:
    """The bank's tally from its card briefs (Store.card_briefs).

    A question's card is found as LearnerCards finds it: under its id, then its earlier ids.
    Per set of tags, a card counts as mastered until `_kept_until` (the statistics page's
    mastered, which does not also wait for the card to fall due as the library's does).
    """
    by_question = {row[0]: row for row in rows}
    matched = stale = 0
    last: str | None = None
    last_moment: datetime | None = None
    dues: list[str] = []
    keeps: list[str] = []
    seen: dict[tuple[str, ...], int] = {}
    untils: dict[tuple[str, ...], list[str]] = {}
    leeches: list[tuple[str, int]] = []
    tags_of = info.question_tags or ((),) * info.count
    if by_question:
        for qid, earlier, digest, tags in zip(
            info.question_ids, info.aliases, info.hashes, tags_of, strict=True
        ):
            row = by_question.get(qid)
            for alias in earlier:
                if row is not None:
                    break
                row = by_question.get(alias)
            if row is None:
                continue
            matched += 1
            _q, stored_hash, due_at, verdict, phase, stability, last_review, lapses = row
            if last_review is not None:
                reviewed = datetime.fromisoformat(last_review)
                if last_moment is None or reviewed > last_moment:
                    last, last_moment = last_review, reviewed
            if stored_hash != digest:
                stale += 1
                continue
            dues.append(due_at)
            seen[tags] = seen.get(tags, 0) + 1
            if lapses is not None and lapses >= LEECH_LAPSES:
                leeches.append((qid, int(lapses)))
            if (
                phase == Phase.REVIEW
                and verdict == Verdict.RIGHT
                and stability is not None
                and last_review is not None
            ):
                until = _kept_until(stability, last_review, retention)
                if until:  # "": never mastered (no memory at all)
                    keeps.append(min(due_at, until))
                    untils.setdefault(tags, []).append(until)
    by_tags = tuple(
        TagTally(tags, n, tuple(sorted(untils.get(tags, ())))) for tags, n in seen.items()
    )
    tag_text = TagPart(tags_print(info), by_tags, tuple(leeches)).to_json()
    return Tally(matched, stale, last, tuple(sorted(dues)), tuple(sorted(keeps)), tag_text)


def kept_tag_parts(
    store: Store, profile: str, infos: Iterable[BankInfo], retention: float
) -> dict[str, TagPart | None]:
    """Each bank's per-tag part, as kept() would give it (the statistics page's mastery and
    leeches), reading of a kept tally only its per-tag text: the rest (every card's due
    moment, for the library's counts) was a third of the mastery's time at 100,000 answers.
    A kept tally's `fit` names this version's tally format, so a tally that fits is one it
    wrote; the others are counted anew by kept()."""
    stored = store.tallies(profile)
    infos = list(infos)
    found: dict[str, TagPart | None] = {}
    misfits = []
    for info in infos:
        row = stored.get(info.id)
        if row and row[0] == fit_of(info, retention):
            found[info.id] = tag_part_of(row[1].partition("\n")[2])
        else:
            misfits.append(info)
    if misfits:
        for bank_id, tally in kept(store, profile, misfits, retention).items():
            found[bank_id] = tally.tag_part()
    return found


def kept(
    store: Store, profile: str, infos: Iterable[BankInfo], retention: float
) -> dict[str, Tally]:
    """Each bank's tally: the one kept in the store when it fits, else counted from the bank's
    cards and kept (a bank whose cards changed since, or counted by an older version)."""
    stored = store.tallies(profile)
    infos = list(infos)
    found: dict[str, Tally] = {}
    fits = {}
    for info in infos:
        fit = fit_of(info, retention)
        row = stored.get(info.id)
        tally = tally_from_json(row[1]) if row and row[0] == fit else None
        if tally is None:
            fits[info.id] = fit
        else:
            found[info.id] = tally
    if fits:
        by_id = {info.id: info for info in infos}

        def counted(bank_id: str, rows: list[tuple[Any, ...]]) -> str:
            if not rows:
                return ""  # not kept (count_tallies keeps no bank without cards)
            return count(rows, by_id[bank_id], retention).to_json()

        for bank_id, data in store.count_tallies(profile, fits, counted).items():
            tally = tally_from_json(data) if data else EMPTY
            assert tally is not None  # what to_json wrote, read back
            found[bank_id] = tally
    return found
