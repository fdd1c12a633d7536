"""Import under attack: the time and memory of reading hostile files, each beside the floor of
merely decoding and splitting the same bytes into lines.

Run alone: python tests/benchmarks/bench_import.py (or through run.py).
"""

from __future__ import annotations

import sys
import tracemalloc

import _common as common
from _common import Figure, best

from studyapp.commands.import_ import MAX_BYTES
from studyapp.interop.gift_reader import read_gift
from studyapp.interop.moodle_xml_reader import read_moodle_xml

# Targets: at most 5 ms of reading per kB of input (the file is read whole before the bank is
# built), and a traced peak at most 40 times the input.
MS_PER_KB = 5.0
MEMORY_RATIO = 40.0


def _xml(body: str, qtype: str = "shortanswer") -> str:
    return (
        f'<?xml version="1.0"?><quiz><question type="{qtype}"><name><text>n</text></name>'
        f'<questiontext format="html"><text>{body}</text></questiontext>'
        '<answer fraction="100"><text>ok</text></answer></question></quiz>'
    )


def _normal(count: int) -> str:
    return "".join(
        f"::q{n}::Which city is the capital of country {n}?{{=Town {n} ~Village {n} ~Hamlet}}\n\n"
        for n in range(count)
    )


CASES = {
    "[html] + '<a ' x 30,000 (GIFT)": ("gift", "::q::[html]" + "<a " * 30_000 + "{T}\n"),
    "5 M line breaks in one <text> (XML)": ("xml", _xml("\n" * 5_000_000)),
    "'{1:SA:x' x 20,000 (XML cloze)": ("xml", _xml("{1:SA:x" * 20_000, "cloze")),
    "816,000 tiny questions (GIFT)": ("gift", "a{T}\n\n" * 816_000),
    "20,000 ordinary questions (GIFT)": ("gift", _normal(20_000)),
}


def _reader(fmt: str, text: str):  # type: ignore[no-untyped-def]
    data = text.encode("utf-8")
    if fmt == "gift":
        return lambda: read_gift(text, MAX_BYTES)
    return lambda: read_moodle_xml(data, MAX_BYTES)


def figures(quick: bool = False) -> list[Figure]:
    repeats = 1 if quick else 3
    out: list[Figure] = []
    for name, (fmt, text) in CASES.items():
        data = text.encode("utf-8")
        kb = len(data) / 1024
        read = _reader(fmt, text)
        floor = best(lambda d=data: d.decode("utf-8").split("\n"), repeats) * 1000
        took = best(read, repeats) * 1000
        out.append(
            common.show(
                Figure(
                    f"read {name}, {kb:,.0f} kB",
                    took,
                    "ms",
                    floor,
                    "decode and split lines",
                    max_value=MS_PER_KB * kb + 100,
                )
            )
        )
        tracemalloc.start()
        read()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        out.append(
            common.show(
                Figure(
                    f"peak memory reading {name}",
                    peak,
                    "MB",
                    len(data) / 2**20,
                    "the input's size",
                    max_ratio=MEMORY_RATIO,
                )
            )
        )
    return out


if __name__ == "__main__":
    sys.exit(0 if common.table(figures(quick="--quick" in sys.argv)) else 1)
