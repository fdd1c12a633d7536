"""The importers under attack: small hostile files read in time and memory proportional to their
size, and hypothesis mutations of the real fixtures (slow suite) never raise and stay within
the same bounds per kB."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.bank.loader import parse_and_build
from studyapp.commands.import_ import MAX_BYTES, read_source
from studyapp.interop.common import Imported, html_to_text
from studyapp.interop.gift_reader import read_gift
from studyapp.interop.import_check import carry, estimated_size
from studyapp.interop.moodle_xml_reader import XmlError, read_moodle_xml

FIXTURES = Path(__file__).resolve().parents[1] / ".." / "shared" / "fixtures"

# Per kB of input, with a constant for start-up; measured under tracemalloc, which slows
# Python code about threefold. The readers take about 1 ms and 30 kB per kB of input here.
MS_PER_KB = 20.0
MS_FIXED = 500.0
KB_PER_KB = 400.0
KB_FIXED = 2048.0


def _measure(read: Callable[[], object], size: int) -> tuple[float, float]:
    """(milliseconds, peak traced kB) of one read, checked against the bounds for `size`."""
    tracemalloc.start()
    # CPU time of this thread: the bound is on the work the input causes, which wall time on a
    # busy machine overstates.
    start = time.thread_time()
    try:
        read()
    except XmlError:
        pass  # refused cleanly, with a line: what a broken file should get
    finally:
        elapsed = (time.thread_time() - start) * 1000
        peak = tracemalloc.get_traced_memory()[1] / 1024
        tracemalloc.stop()
    kb = size / 1024
    assert elapsed <= MS_FIXED + MS_PER_KB * kb, f"{elapsed:.0f} ms for {kb:.0f} kB"
    assert peak <= KB_FIXED + KB_PER_KB * kb, f"{peak:.0f} kB traced for {kb:.0f} kB"
    return elapsed, peak


def _xml(body: str, qtype: str = "shortanswer") -> str:
    return (
        f'<?xml version="1.0"?><quiz><question type="{qtype}"><name><text>n</text></name>'
        f'<questiontext format="html"><text>{body}</text></questiontext>'
        '<answer fraction="100"><text>ok</text></answer></question></quiz>'
    )


ATTACKS: dict[str, tuple[str, str]] = {
    # name: (format, text); each took seconds to minutes before the readers were linear.
    "html unclosed tags": ("gift", "::q::[html]" + "<a " * 30_000 + "{T}\n"),
    "html marked sections": ("gift", "::q::[html]" + "<![" * 30_000 + "{T}\n"),
    "html comments": ("gift", "::q::[html]" + "<!--" * 30_000 + "{T}\n"),
    "5 M line breaks in one text": ("xml", _xml("\n" * 5_000_000)),
    "unclosed cloze gaps": ("xml", _xml("{1:SA:x" * 20_000, "cloze")),
    "cloze feedback marks": ("xml", _xml("{1:SA:" + "#" * 100_000 + "}", "cloze")),
    "cloze alternatives": ("xml", _xml("{1:SA:" + "~%50%a#b" * 20_000 + "}", "cloze")),
    "816,000 tiny questions": ("gift", "a{T}\n\n" * 816_000),
}


# The two multi-megabyte files take seconds under tracemalloc: they run in the slow suite.
_BIG = {"5 M line breaks in one text", "816,000 tiny questions"}


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=[pytest.mark.slow] if n in _BIG else []) for n in ATTACKS]
)
def test_a_hostile_file_is_read_in_bounded_time_and_memory(name: str) -> None:
    fmt, text = ATTACKS[name]
    data = text.encode("utf-8")
    result: list[Imported] = []

    def read() -> None:
        if fmt == "gift":
            result.append(read_gift(text, MAX_BYTES))
        else:
            result.append(read_moodle_xml(data, MAX_BYTES))

    elapsed, peak = _measure(read, len(data))
    print(f"{name}: {len(data) / 1024:.0f} kB read in {elapsed:.0f} ms, peak {peak:.0f} kB")
    if name == "816,000 tiny questions":
        # Read only until the bank is sure to be over the loader's limit, then stopped.
        assert result[0].full
        assert len(result[0].items) < 816_000 // 4


def test_html_to_text_is_linear_in_its_input() -> None:
    small, large = "<a " * 10_000, "<a " * 100_000
    times = []
    for text in (small, large):
        start = time.perf_counter()
        html_to_text(text + "<b>x</b>" * 1000)
        times.append(time.perf_counter() - start)
    assert times[1] < 30 * times[0] + 0.05  # ten times the input, not a hundred times the time


# --- hypothesis mutations of the fixtures (slow suite) ---------------------------------------


def _fixture_texts(pattern: str) -> list[str]:
    if not FIXTURES.is_dir():
        return []
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.glob(pattern))]


GIFTS = _fixture_texts("**/*.gift") + _fixture_texts("moodle/questions.gift.txt")
XMLS = _fixture_texts("moodle/xml/*.xml")
PIECES = st.sampled_from(
    [
        "{", "}", "=", "~", "#", "->", "::", "\\", "\n", "\n\n", "[html]", "<![", "<!--", "<a ",
        "</", "&#", "&amp;", "%50%", "%-100%", "$CATEGORY:", "// [id:", "[tag:", "{1:SA:",
        "{1:MULTICHOICE:", "]]>", "<![CDATA[", "<question>", "</question>", '<text format="',
        "\x00", "\ud800", "\u202e", "é", "{{", "}}", "TRUE", "F",
    ]
)  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, sources: list[str]) -> str:
    text = draw(st.sampled_from(sources))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "repeat"]))
        if action == "insert":
            text = text[:at] + draw(PIECES) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        else:
            end = min(len(text), at + draw(st.integers(1, 20)))
            text = text[:at] + text[at:end] * draw(st.integers(2, 200)) + text[end:]
    return text


def _import(fmt: str, raw: bytes) -> None:
    """What `studyapp import` does with the bytes short of writing: read them, then build the
    bank and check it with the loader; whatever would be written must load."""
    read = read_source(fmt, Path("fuzz"), raw)
    if isinstance(read, str):
        assert ": error: " in read  # refused with a line
        return
    items = read.with_category_tags()
    if not items or estimated_size(items) > MAX_BYTES:
        return
    written = carry(items, "fuzz", "Fuzz", "", "fuzz.yaml", len(read.notes))
    if written.text is not None:
        built = parse_and_build("fuzz.yaml", written.text.encode("utf-8"))
        assert built.bank is not None
        assert [p for p in built.problems if p.severity == "error"] == []


@pytest.mark.slow
@pytest.mark.skipif(not GIFTS, reason="../shared/fixtures is absent")
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_gift_fixtures_never_raise_and_stay_bounded(data: st.DataObject) -> None:
    raw = data.draw(mutated(GIFTS)).encode("utf-8", "surrogatepass")
    _measure(lambda: _import("gift", raw), len(raw))


@pytest.mark.slow
@pytest.mark.skipif(not XMLS, reason="../shared/fixtures is absent")
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_xml_fixtures_never_raise_and_stay_bounded(data: st.DataObject) -> None:
    raw = data.draw(mutated(XMLS)).encode("utf-8", "surrogatepass")
    _measure(lambda: _import("moodle-xml", raw), len(raw))
