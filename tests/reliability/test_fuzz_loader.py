"""Fuzzing the loader: random YAML structures built from the format's own keys, and raw bytes.

Whatever comes in, load_file returns banks or problems naming the file, never raises, and stays
within a time bound. A few hundred examples in the default run, many more under `-m slow`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.bank.loader import load_file

KEYS = [
    "studyapp", "id", "title", "description", "language", "tags", "source", "file", "actors",
    "name", "role", "kind", "questions", "type", "prompt", "quote", "speaker", "distractors",
    "context", "actor", "issue", "before", "after", "label", "stance", "choices", "answer",
    "answers", "statement", "pairs", "items", "text", "explanation", "evidence", "aliases",
    "shuffle", "version",
]  # fmt: skip
TYPES = [
    "attribution", "position_shift", "multiple_choice", "multiple_select", "true_false",
    "matching", "ordering", "cloze", "short_answer",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([*TYPES, "../x.txt", "/etc/passwd", "{{gap}}", "<b>x</b>", "1", ""]),
    st.text(max_size=30),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=8))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=30,
)
question = st.fixed_dictionaries(
    {"id": st.from_regex(r"\A[a-z][a-z0-9-]{0,8}\Z"), "type": st.sampled_from(TYPES)},
    optional={k: values for k in KEYS if k not in ("id", "type")},
)
# Well-formed questions too, so that some banks load and the walk past them is fuzzed as well.
true_false = st.builds(
    lambda n, text, answer: {
        "id": f"q{n}",
        "type": "true_false",
        "statement": text,
        "answer": answer,
    },
    st.integers(0, 50),
    st.text(min_size=1, max_size=20).filter(str.strip),
    st.booleans(),
)
bank = st.fixed_dictionaries(
    {"studyapp": st.sampled_from([1, 1, 1, 2, "1"]), "id": st.just("fuzz"), "title": scalars},
    optional={
        "questions": st.lists(st.one_of(true_false, true_false, question), max_size=4),
        "actors": st.dictionaries(st.from_regex(r"\A[a-z]{1,5}\Z"), values, max_size=3),
        **{k: values for k in KEYS[3:9]},
    },
)

plain_bank = st.fixed_dictionaries(
    {
        "studyapp": st.just(1),
        "id": st.just("fuzz"),
        "title": st.text(min_size=1, max_size=20),
        "questions": st.lists(true_false, min_size=1, max_size=4, unique_by=lambda q: q["id"]),
    }
)

LIMIT_SECONDS = 5.0


def check(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    started = time.perf_counter()
    result = load_file(path)
    assert time.perf_counter() - started < LIMIT_SECONDS
    if result.errors:
        assert result.banks == ()
        for problem in result.errors:
            assert problem.path == str(path)
            assert problem.message
            assert problem.line >= 0
        return "refused"
    (loaded,) = result.banks
    assert loaded.id
    return "loaded"


def run_structures(tmp: Path, examples: int, figures: Callable[[str], None]) -> None:
    seen = {"loaded": 0, "refused": 0}

    @settings(max_examples=examples, deadline=None, database=None)
    @given(doc=st.one_of(bank, plain_bank), flow=st.booleans())
    def one(doc: dict[str, object], flow: bool) -> None:
        text = yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True, sort_keys=False)
        seen[check(tmp / "fuzz.yaml", text.encode("utf-8"))] += 1

    one()
    figures(
        f"{sum(seen.values())} random YAML banks: {seen['loaded']} loaded, "
        f"{seen['refused']} refused with file and line, 0 exceptions"
    )


def run_bytes(tmp: Path, examples: int, figures: Callable[[str], None]) -> None:
    seen = {"loaded": 0, "refused": 0}
    head = b"studyapp: 1\nid: fuzz\ntitle: T\nquestions:\n"

    @settings(max_examples=examples, deadline=None, database=None)
    @given(data=st.binary(max_size=400), prefixed=st.booleans())
    def one(data: bytes, prefixed: bool) -> None:
        seen[check(tmp / "bytes.yaml", (head if prefixed else b"") + data)] += 1

    one()
    figures(
        f"{sum(seen.values())} random byte strings: {seen['loaded']} loaded, "
        f"{seen['refused']} refused with file and line, 0 exceptions"
    )


def test_random_yaml_structures(tmp_path: Path, figures: Callable[[str], None]) -> None:
    run_structures(tmp_path, 200, figures)


def test_random_bytes(tmp_path: Path, figures: Callable[[str], None]) -> None:
    run_bytes(tmp_path, 200, figures)


@pytest.mark.slow
def test_random_yaml_structures_many(tmp_path: Path, figures: Callable[[str], None]) -> None:
    run_structures(tmp_path, 5000, figures)


@pytest.mark.slow
def test_random_bytes_many(tmp_path: Path, figures: Callable[[str], None]) -> None:
    run_bytes(tmp_path, 10000, figures)
