"""Reading another device's sync file and writing this device's own, as bytes on disk.

Nothing here knows the store: `read_peer` turns a file into records and says how far it is
safely read; `append_own` and `rewrite_own` put this device's lines into its file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from studyapp.progress.sync.lines import (
    Damaged,
    Header,
    check_record,
    checked_body,
    decode,
    encode,
    header_of,
)

_STAMP_OF = itemgetter("stamp")


@dataclass(slots=True)
class Reading:
    """What one pass over a peer's file found.

    `resume` is the byte offset up to which every line was complete and sound: the next pass
    starts there, so a line damaged now (an engine's piece not yet in place) is read again.
    Records after a damaged line are taken all the same; they are applied once by their ids.
    """

    header: Header | None
    records: list[dict[str, Any]] = field(default_factory=list)
    resume: int = 0
    size: int = 0
    problem: str | None = None
    # Where each record's line ends: a merge in several steps resumes after the last it took.
    ends: list[int] = field(default_factory=list)

    @property
    def last_stamp(self) -> str | None:
        """The latest stamp among the records (None without any)."""
        return max(map(_STAMP_OF, self.records), default=None)

    def parts(self, most: int) -> list[Reading]:
        """This reading cut into readings of at most `most` records each, in file order.

        Each but the last resumes after its own last record (or where this one does, if that
        is sooner) and claims no size, so that the next pass does not take the file as read.
        """
        if len(self.records) <= most:
            return [self]
        out: list[Reading] = []
        for begin in range(0, len(self.records), most):
            records = self.records[begin : begin + most]
            ends = self.ends[begin : begin + most]
            last = begin + most >= len(self.records)
            out.append(
                Reading(
                    self.header,
                    records,
                    resume=self.resume if last else min(self.resume, ends[-1]),
                    size=self.size if last else -1,
                    problem=self.problem,
                    ends=ends,
                )
            )
        return out


def read_peer(path: Path, start: int) -> Reading:
    data = path.read_bytes()
    size = len(data)
    end = data.find(b"\n")
    if end < 0:
        # Not even the header has arrived whole: the engine is still copying.
        return Reading(None, size=size)
    try:
        header = header_of(decode(data[:end]))
    except Damaged as why:
        return Reading(None, size=size, problem=f"its first line is not a sync header ({why})")
    if not header.readable:
        return Reading(
            header,
            size=size,
            problem=(
                f"it was written by a newer StudyApp (sync format {header.version}); "
                "update StudyApp on this device to read it"
            ),
        )
    # A file shorter than what was read before was replaced or cut: read it all again.
    pos = start if end < start <= size else end + 1
    reading = Reading(header, size=size, resume=pos)
    # Each complete line: where it starts, where it ends, its JSON text once its checksum
    # holds (else None). The texts are then decoded together (see `_decode_all`).
    lines: list[tuple[int, int, bytes | None]] = []
    while pos < size:
        nl = data.find(b"\n", pos)
        if nl < 0:
            break  # the last line is still arriving
        lines.append((pos, nl + 1, checked_body(data[pos:nl])))
        pos = nl + 1
    decoded = _decode_all([body for _, _, body in lines if body is not None])
    sound = True
    damaged: list[int] = []
    for (begin, after, body), record in zip(lines, _spread(lines, decoded), strict=True):
        try:
            if body is None or record is None:
                raise Damaged("no record")
            check_record(record)
        except Damaged:
            sound = False
            damaged.append(begin)
        else:
            reading.records.append(record)
            reading.ends.append(after)
        if sound:
            reading.resume = after
    if damaged:
        first = data.count(b"\n", 0, damaged[0]) + 1
        lines_said = "line" if len(damaged) == 1 else f"{len(damaged)} lines, the first"
        reading.problem = f"{lines_said} {first} could not be read (damaged or still arriving)"
    return reading


def _decode_all(bodies: list[bytes]) -> list[Any]:
    """The JSON values of `bodies`, decoded as one array: one call instead of one per line,
    which is most of the cost of reading a large file. A text that passed its checksum and is
    still not JSON (written so by a faulty program) sends them one by one instead."""
    try:
        values = json.loads(b"[" + b",".join(bodies) + b"]")
    except (UnicodeDecodeError, json.JSONDecodeError):
        values = None
    if isinstance(values, list) and len(values) == len(bodies):
        return values
    out: list[Any] = []
    for body in bodies:
        try:
            out.append(json.loads(body))
        except (UnicodeDecodeError, json.JSONDecodeError):
            out.append(None)
    return out


def _spread(
    lines: list[tuple[int, int, bytes | None]], decoded: list[Any]
) -> list[dict[str, Any] | None]:
    """One decoded object (or None) per line, the damaged lines given None."""
    values = iter(decoded)
    out: list[dict[str, Any] | None] = []
    for _, _, body in lines:
        value = None if body is None else next(values)
        out.append(value if isinstance(value, dict) else None)
    return out


def own_lines(path: Path, device: str) -> dict[int, bytes] | None:
    """Every sound record line of this device's own file, by sequence number (with its
    newline, as the outbox keeps it); None if there is no such file or it is not this
    device's. Damaged lines are passed over: what matters is what the others may have read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    lines = data.split(b"\n")
    try:
        header = header_of(decode(lines[0]))
    except Damaged:
        return None
    if header.device != device:
        return None
    out: dict[int, bytes] = {}
    for line in lines[1:]:
        try:
            seq = decode(line).get("seq")
        except Damaged:
            continue
        if isinstance(seq, int):
            out[seq] = line + b"\n"
    return out


def own_state(path: Path, device: str) -> tuple[int, int] | None:
    """(last sequence number, size) of this device's own file if it is whole; else None."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    lines = data.split(b"\n")
    if len(lines) < 2 or lines[-1] != b"":
        return None  # missing, empty or cut in the middle of a line
    try:
        header = header_of(decode(lines[0]))
        seqs = [decode(line)["seq"] for line in lines[1:-1]]
    except (Damaged, KeyError):
        return None
    if header.device != device or seqs != list(range(1, len(seqs) + 1)):
        return None
    return len(seqs), len(data)


def _sync_file(handle: Any) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def append_own(path: Path, lines: list[bytes]) -> int:
    """Append complete lines to this device's file; its size after."""
    with path.open("ab") as handle:
        handle.write(b"".join(lines))
        _sync_file(handle)
        return handle.tell()


def rewrite_own(path: Path, header: Header, lines: list[bytes]) -> int:
    """Write this device's whole file anew, in place only once complete; its size."""
    partial = path.with_name(f".{path.name}.partial")
    with partial.open("wb") as handle:
        handle.write(encode(header.to_dict()))
        handle.write(b"".join(lines))
        _sync_file(handle)
        size = handle.tell()
    os.replace(partial, path)
    return size
