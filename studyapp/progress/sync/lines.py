"""The sync file format, version 2: what one device writes for the others to read.

One file per device, `studyapp-<device>.jsonl`, written only by that device and only ever
appended to, so a sync engine never sees two writers of one file. Each line is

    <crc32 of the JSON text, 8 hex digits> <space> <one JSON object> <newline>

The first line is the header: `{"studyapp_sync": 2, "readable_from": 2, "device": ...,
"name": ...}`. Every later line is a record with `seq` (1, 2, 3 ... in file order) and `stamp`
(the device's ordering time, see ledger.py) and a `kind`: `answer`, `undo` (takes back an
earlier answer of the same device by its id), `setting` (one profile setting, last writer
wins) or, from version 2, `profile` (a profile made, renamed, deleted or reset; see
profiles.py). A record's id is `<device>.<seq>`: unique across devices without coordination.

Version 2 added the `profile` kind and `profile_id` on answers and settings. A version-1
reader refuses a file whose header says 2 (it asks to update, and reads it from the start
once updated), and reads a `profile` line appended to an older file as a damaged line: it
applies every other line, so no answer is lost either way. From version 2 on, a reader keeps
a record of a kind it does not know aside (sync_held) instead, and reads a file of a newer
version whose `readable_from` is at most its own.

The checksum tells a line damaged in transit from one still arriving: a last line without its
newline is not yet complete (the engine is still copying) and is read on a later pass.
"""

from __future__ import annotations

import json
import random
import re
import zlib
from dataclasses import dataclass
from typing import Any

from studyapp.progress.records import ANSWER_FIELDS, OPTIONAL_ANSWER_FIELDS

FORMAT = 2
# The oldest format that can read what this one writes (a reader of that format or later
# skips the kinds of record it does not know; version 1 readers did not).
READABLE_FROM = 2
MARK = "studyapp_sync"
SUFFIX = ".jsonl"
PREFIX = "studyapp-"
# Device ids are what a file is named after: short, lower-case hex, safe on every file system.
_DEVICE = re.compile(r"[0-9a-f]{8,32}")
_FILE = re.compile(rf"{PREFIX}({_DEVICE.pattern}){re.escape(SUFFIX)}")

KINDS = ("answer", "undo", "setting", "profile")


class Damaged(ValueError):
    """A complete line that is not a valid record (bad checksum, not JSON, missing fields)."""


def valid_device(device: str) -> bool:
    return _DEVICE.fullmatch(device) is not None


def file_name(device: str) -> str:
    if not valid_device(device):
        raise ValueError(f"not a device id: {device!r}")
    return f"{PREFIX}{device}{SUFFIX}"


def device_of(name: str) -> str | None:
    """The device a file in the sync folder belongs to; None for anyone else's file."""
    match = _FILE.fullmatch(name)
    return match.group(1) if match else None


def encode(data: dict[str, Any]) -> bytes:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    body = text.encode("utf-8")
    return b"%08x %s\n" % (zlib.crc32(body), body)


def checked_body(line: bytes) -> bytes | None:
    """The JSON text of one complete line (without its newline) if its checksum holds."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:]
    try:
        expected = int(line[:8], 16)
    except ValueError:
        return None
    return body if zlib.crc32(body) == expected else None


def decode(line: bytes) -> dict[str, Any]:
    """One complete line (without its newline) as a JSON object; Damaged if it is not one."""
    body = checked_body(line)
    if body is None:
        raise Damaged("no checksum, or it does not match")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Damaged("not JSON") from None
    if not isinstance(data, dict):
        raise Damaged("not a JSON object")
    return data


@dataclass(frozen=True, slots=True)
class Header:
    version: int
    device: str
    name: str
    readable_from: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {MARK: self.version, "device": self.device, "name": self.name}
        if self.readable_from is not None:
            out["readable_from"] = self.readable_from
        return out

    @property
    def readable(self) -> bool:
        """Whether this version can read the file (see the module's note)."""
        if self.version <= FORMAT:
            return True
        return self.readable_from is not None and 2 <= self.readable_from <= FORMAT


def header_of(data: dict[str, Any]) -> Header:
    version = data.get(MARK)
    device = data.get("device")
    if not isinstance(version, int) or not isinstance(device, str) or not valid_device(device):
        raise Damaged("not a studyapp sync header")
    name = data.get("name")
    readable_from = data.get("readable_from")
    return Header(
        version,
        device,
        name if isinstance(name, str) else device,
        readable_from if isinstance(readable_from, int) else None,
    )


_NEEDS: dict[str, tuple[str, ...]] = {
    "answer": tuple(key for key in ANSWER_FIELDS if key not in OPTIONAL_ANSWER_FIELDS),
    "undo": ("of",),
    "setting": ("profile", "key", "value"),
    "profile": ("profile_id", "event", "name"),
}


_NEEDED = {kind: frozenset(keys) for kind, keys in _NEEDS.items()}


def check_record(data: dict[str, Any]) -> None:
    """Raise Damaged unless `data` has what its kind needs (its values are checked on use)."""
    seq, stamp, kind = data.get("seq"), data.get("stamp"), data.get("kind")
    if not isinstance(seq, int) or seq < 1 or not isinstance(stamp, str):
        raise Damaged("a record without its sequence number or stamp")
    if not isinstance(kind, str) or not kind:
        raise Damaged("a record without its kind")
    if kind not in _NEEDS:
        return  # a kind a newer version writes: kept aside whole (exchange._apply)
    if _NEEDED[kind] <= data.keys():
        return  # the usual case, checked as one set operation
    missing = [key for key in _NEEDS[kind] if key not in data]
    if missing:
        raise Damaged(f"a {kind} record without {', '.join(missing)}")


def new_device_id(rng: random.Random) -> str:
    """A fresh device id: 64 random bits, so two devices never pick the same one."""
    return f"{rng.getrandbits(64):016x}"
