"""Sync and xAPI sharing: recording an answer with both on, and merging another device's file.

Run: python tests/benchmarks/bench_sync.py [--quick]
Targets (issue 22): recording an answer with sync and xAPI on at most 1 ms median, against a bare
SQLite insert committed with fsync (the sync and LRS outboxes are written in the answer's own
transaction, so they add rows, not commits); merging 100,000 answers from another device in under
5 s, against reading that device's file and decoding its lines (what no merge can avoid).
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from pathlib import Path

import _common as common
from _common import Figure, show
from bench_progress import record_figures, time_floor, time_record
from progress_helpers import START, Clock

from studyapp.progress import Store
from studyapp.progress.records import name_id, timestamp
from studyapp.progress.sync.lines import FORMAT, decode, encode, file_name

OTHER = "00000000000000bb"
# What a format-2 device sends with each answer (the id a profile made by name gets).
PROFILE_ID = name_id("bench")


def write_other_device(folder: Path, answers: int, questions: int = 500) -> Path:
    """Another device's sync file with `answers` answers, written as a format-2 device writes
    them (each answer with its profile's id), as set-up."""
    path = folder / file_name(OTHER)
    lines = [encode({"studyapp_sync": FORMAT, "device": OTHER, "name": "desktop"})]
    for seq in range(1, answers + 1):
        at = timestamp(START + timedelta(minutes=7 * seq))
        lines.append(
            encode(
                {
                    "seq": seq,
                    "stamp": at,
                    "kind": "answer",
                    "profile": "bench",
                    "profile_id": PROFILE_ID,
                    "bank": "news",
                    "question": f"mc-{seq % questions}",
                    "content_hash": "h",
                    "at": at,
                    "response": '"beta"',
                    "verdict": "right" if seq % 4 else "wrong",
                    "score": 1.0 if seq % 4 else 0.0,
                    "duration_ms": 3000,
                    "mode": "review",
                    "rating": 3 if seq % 4 else 1,
                    "retention": 0.9,
                }
            )
        )
    path.write_bytes(b"".join(lines))
    return path


def time_floor_read(path: Path) -> tuple[float, float]:
    """Wall and CPU ms of reading the file and decoding its lines (CPU too: the machine is
    shared, and wall time alone says as much about the load as about the code)."""
    t0, c0 = time.perf_counter(), time.process_time()
    count = sum(1 for line in path.read_bytes().split(b"\n")[1:-1] if decode(line))
    assert count > 0
    return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000


def figures(quick: bool = False) -> list[Figure]:
    out: list[Figure] = []
    answers = 20_000 if quick else 100_000
    with common.scratch() as tmp:
        folder = Path(tmp)
        floor = time_floor(folder)
        shared = folder / "shared"
        shared.mkdir()
        with Store.open(folder / "rec" / "progress.sqlite3", Clock()) as store:
            store.join_sync(shared, "00000000000000aa", "laptop")
            store.share_with("https://lrs.example/xAPI/", "key", "https://school.example", "b1")
            times = time_record(store)
            assert store.xapi_outbox().waiting == len(times)
        out += record_figures(0, times, floor, "record an answer, sync and xAPI on")
        merge_dir = folder / "merge"
        merge_dir.mkdir()
        source = write_other_device(merge_dir, answers)
        read_floor, read_floor_cpu = time_floor_read(source)
        with Store.open(folder / "m" / "progress.sqlite3", Clock()) as store:
            store.join_sync(merge_dir, "00000000000000aa", "laptop")
            t0, c0 = time.perf_counter(), time.process_time()
            merged = store.sync()
            took = (time.perf_counter() - t0) * 1000
            took_cpu = (time.process_time() - c0) * 1000
            assert merged.answers == answers, merged
            assert store.review_count() == answers
        out.append(
            show(
                Figure(
                    f"merge {answers:,} answers from another device",
                    took,
                    "ms",
                    read_floor,
                    "read + decode its file",
                    max_value=5000.0,
                )
            )
        )
        out.append(
            show(
                Figure(
                    f"merge {answers:,} answers: CPU time",
                    took_cpu,
                    "ms",
                    read_floor_cpu,
                    "read + decode, CPU",
                )
            )
        )
    return out


if __name__ == "__main__":
    quick = "--quick" in sys.argv[1:]
    sys.exit(0 if common.table(figures(quick=quick)) else 1)
