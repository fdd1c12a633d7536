"""Every reader of untrusted text, fuzzed: hypothesis strings built from each format's own
marks, some repeated thousands of times, must be read without an unexpected exception, in time
and traced memory proportional to their size.

One bound for all of them: at most MS_PER_KB per kB (with MS_FIXED for tiny inputs), timed
without tracemalloc, and BYTES_PER_BYTE of traced memory per byte (with BYTES_FIXED). The
default run tries 15-25 inputs per reader; the slow run 200-400.
"""

from __future__ import annotations

import contextlib
import json
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.authoring.article import parse_article
from studyapp.bank.loader import parse_and_build
from studyapp.interop.aiken_reader import read_aiken
from studyapp.interop.csv_export import export_csv
from studyapp.interop.gift_reader import read_gift
from studyapp.interop.moodle_xml_reader import XmlError, read_moodle_xml
from studyapp.model import cloze_blanks, cloze_without_blanks

MS_PER_KB = 10.0
MS_FIXED = 200.0
BYTES_PER_BYTE = 200
BYTES_FIXED = 4 * 1024 * 1024
# The largest share of its bound that any input took, per reader, for the figures line.
_WORST: dict[str, tuple[float, float, int]] = {}


def _runs(
    strategy: st.SearchStrategy[str], default: int, slow: int
) -> Callable[[Callable[[str], None]], tuple[Callable[..., None], Callable[..., None]]]:
    """The same check as two tests: a few inputs in the default run, many in the slow one."""

    def make(
        body: Callable[[str], None],
    ) -> tuple[Callable[..., None], Callable[..., None]]:
        def tried(count: int) -> Callable[..., None]:
            return settings(
                max_examples=count,
                deadline=None,
                suppress_health_check=[
                    HealthCheck.too_slow,
                    HealthCheck.data_too_large,
                ],
            )(given(strategy)(body))

        return tried(default), pytest.mark.slow(tried(slow))

    return make


def _timed(read: Callable[[], object]) -> float:
    start = time.perf_counter()
    with contextlib.suppress(XmlError):  # refused with a line, as a broken file should be
        read()
    return (time.perf_counter() - start) * 1000


def _measure(name: str, read: Callable[[], object], size: int) -> None:
    """Time without tracemalloc (the least of two reads when the first is over the bound:
    the machine is shared, and a bound on the work must not fail on someone else's), then
    the traced peak of a third read."""
    if name not in _WORST:  # the first read of a run also imports what the reader needs
        _timed(read)
    kb = max(size, 1) / 1024
    time_bound = MS_FIXED + MS_PER_KB * kb
    elapsed = _timed(read)
    if elapsed > time_bound:
        elapsed = min(elapsed, _timed(read))
    tracemalloc.start()
    try:
        _timed(read)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    memory_bound = BYTES_FIXED + BYTES_PER_BYTE * size
    worst = _WORST.get(name, (0.0, 0.0, 0))
    _WORST[name] = (
        max(worst[0], elapsed / time_bound),
        max(worst[1], peak / memory_bound),
        max(worst[2], size),
    )
    assert elapsed <= time_bound, f"{name}: {elapsed:.0f} ms for {kb:.1f} kB"
    assert peak <= memory_bound, f"{name}: {peak / 1024:.0f} kB traced for {kb:.1f} kB"


def _text(marks: list[str]) -> st.SearchStrategy[str]:
    """Pieces of a format joined, and one run of them repeated up to 3,000 times, so that an
    input reaches tens of kB and a reader that is quadratic in some mark shows it."""
    piece = st.one_of(st.sampled_from(marks), st.text(max_size=6))
    run = st.lists(piece, min_size=1, max_size=6).map("".join)
    return st.tuples(
        st.lists(piece, max_size=30).map("".join),
        run,
        st.integers(1, 3000),
        st.lists(piece, max_size=30).map("".join),
    ).map(lambda t: t[0] + t[1] * t[2] + t[3])


GIFT = ["::", "{", "}", "=", "~", "#", "->", "%50%", "\\", "\n", "\n\n", "//", "$CATEGORY:",
        "[html]", "<a ", "TRUE", "F", ":", " "]  # fmt: skip
XML = ["<quiz>", "</quiz>", "<question type='multichoice'>", "</question>", "<text>",
       "</text>", "<answer fraction='100'>", "</answer>", "<![CDATA[", "]]>", "&amp;", "&#",
       "<questiontext format='html'>", "</questiontext>", "{1:SA:", "~%100%", "}", "\n", "<",
       "<?xml version='1.0' encoding='utf-8'?>"]  # fmt: skip
AIKEN = [
    "A. ",
    "B) ",
    "ANSWER: A",
    "ANSWER: Z",
    "\n",
    "\r",
    "Question?",
    "  ",
    "\ufeff",
]
CLOZE = ["{{", "}}", "|", "{", "}", "a", " "]
ARTICLE = ["“", "”", '"', "«", "»", "`", "**", "_", "*", "[", "](", ")", "#", "\n", "\n\n",
           "<p>", "</p>", "<![", "<a ", "<script>", "Mr.", ". ", "said", "Ana Lopez",
           ", the mayor,", "```", "> ", "- "]  # fmt: skip
YAML = ["studyapp: 1\n", "id: x\n", "title: t\n", "questions:\n", "- ", "  ", "{", "}", "[", "]",
        "&a ", "*a", "!!str ", ": ", "\n", "type: cloze\n", "text: ", "'", '"', "#", "? ",
        "type: true_false\n", "statement: s\n", "answer: yes\n"]  # fmt: skip


def _gift(text: str) -> None:
    _measure("GIFT", lambda: read_gift(text, budget=5 * 1024 * 1024), len(text.encode()))


def _moodle_xml(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    _measure("Moodle XML", lambda: read_moodle_xml(data, budget=5 * 1024 * 1024), len(data))


def _aiken(text: str) -> None:
    _measure("Aiken", lambda: read_aiken(text, budget=5 * 1024 * 1024), len(text.encode()))


def _cloze(text: str) -> None:
    def read() -> None:
        blanks = cloze_blanks(text)
        rest = cloze_without_blanks(text)
        assert len(rest) <= len(text)
        for start, end, _ in blanks:
            assert text[start : start + 2] == "{{"
            assert text[end - 2 : end] == "}}"

    _measure("cloze", read, len(text.encode()))


def _article(kind: str) -> Callable[[str], None]:
    def read(text: str) -> None:
        _measure(
            f"article ({kind})",
            lambda: parse_article(text, Path("a.txt"), kind),
            len(text),
        )

    return read


def _yaml_loader(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")

    def read() -> None:
        built = parse_and_build("fuzz.yaml", data)
        for problem in built.problems:
            assert problem.path == "fuzz.yaml"

    _measure("YAML loader", read, len(data))


def _csv_export_of_whatever_loads(text: str) -> None:
    # The CSV writer's input is a loaded bank: cloze questions holding the fuzzed text, so
    # that quotes, line breaks, formula marks and braces all reach its cells.
    head = "studyapp: 1\nid: fuzz\ntitle: Fuzz\nquestions:\n"
    shown = "".join(c for c in text if c.isprintable() or c == "\n")
    shown = shown.replace("{", "(").replace("}", ")")  # one blank per question, the last
    size = 1 + len(shown) // 2000
    chunks = (shown[k : k + 2000] + " {{gap}}" for k in range(0, size * 2000, 2000))
    rows = "".join(
        f"  - {{id: q{i}, type: cloze, text: {json.dumps(chunk, ensure_ascii=False)}}}\n"
        for i, chunk in enumerate(chunks)
    )
    data = (head + rows).encode("utf-8", "surrogatepass")
    built = parse_and_build("fuzz.yaml", data)
    assert built.bank is not None, built.problems[:3]
    bank = built.bank
    _measure("CSV export", lambda: export_csv(bank), len(data))


test_gift, test_gift_slow = _runs(_text(GIFT), 25, 400)(_gift)
test_moodle_xml, test_moodle_xml_slow = _runs(_text(XML), 25, 400)(_moodle_xml)
test_aiken, test_aiken_slow = _runs(_text(AIKEN), 25, 400)(_aiken)
test_cloze, test_cloze_slow = _runs(_text(CLOZE), 25, 400)(_cloze)
test_text_article, test_text_article_slow = _runs(_text(ARTICLE), 15, 300)(_article("text"))
test_markdown_article, test_markdown_article_slow = _runs(_text(ARTICLE), 15, 300)(
    _article("markdown")
)
test_html_article, test_html_article_slow = _runs(_text(ARTICLE), 15, 300)(_article("html"))
test_yaml_loader, test_yaml_loader_slow = _runs(_text(YAML), 25, 400)(_yaml_loader)
test_csv_export, test_csv_export_slow = _runs(
    _text([*ARTICLE, "=", "+", "-", "@", "\t", "\r", ",", "'"]), 15, 200
)(_csv_export_of_whatever_loads)


def test_zz_figures(figures: Callable[[str], None]) -> None:
    """The worst share of its bound each reader took in this run (1.0 would be at the bound)."""
    if not _WORST:
        pytest.skip("no reader ran")
    figures(
        "fuzzed readers, worst share of the bound (time, memory; largest input): "
        + "; ".join(
            f"{name} {t:.2f}, {m:.2f} ({size / 1024:,.0f} kB)"
            for name, (t, m, size) in sorted(_WORST.items())
        )
        + f"; bound {MS_PER_KB:.0f} ms/kB + {MS_FIXED:.0f} ms, "
        f"{BYTES_PER_BYTE} B/B + {BYTES_FIXED // 2**20} MB"
    )
