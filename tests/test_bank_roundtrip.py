"""Any text an instructor could write survives model -> YAML -> model, and the cache's rows."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bank_helpers import VALID
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.bank.cache import decode_entry, encode_entry
from studyapp.bank.loader import load_file
from studyapp.bank.serialise import bank_from_data, bank_to_data, dump_bank
from studyapp.model import MultipleChoice, ShortAnswer

SAMPLE = load_file(VALID).banks[0]
TEXT = st.text(
    # The bidirectional overrides (U+202A-U+202E) are refused by the validator, by design
    # (bank/walk.py), so they are not text an instructor can write.
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Co", "Cn"),
        blacklist_characters="\u202a\u202b\u202c\u202d\u202e",
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")


@settings(max_examples=150, deadline=None)
@given(
    prompt=TEXT,
    choices=st.lists(TEXT, min_size=2, max_size=5, unique=True),
    explanation=st.one_of(st.just(""), TEXT),
    answer=st.from_regex(r"[A-Za-z][A-Za-z0-9 ]{0,12}", fullmatch=True),
    tags=st.lists(TEXT, max_size=3),
)
def test_questions_survive_a_round_trip_through_yaml(
    tmp_path_factory: object,
    prompt: str,
    choices: list[str],
    explanation: str,
    answer: str,
    tags: list[str],
) -> None:
    mc = MultipleChoice(
        id="mc",
        prompt=prompt,
        choices=tuple(choices),
        answer=choices[-1],
        explanation=explanation,
        tags=tuple(tags),
    )
    sa = ShortAnswer(id="sa", prompt=prompt, answers=(answer,))
    bank = dataclasses.replace(SAMPLE, questions=(*SAMPLE.questions, mc, sa), source=None)
    folder = Path(tmp_path_factory.mktemp("rt"))  # type: ignore[attr-defined]
    path = folder / "bank.yaml"
    path.write_text(dump_bank(bank), encoding="utf-8")
    result = load_file(path)
    assert result.errors == (), [str(p) for p in result.errors]
    (again,) = result.banks
    assert again.questions == bank.questions
    assert dict(again.actors) == dict(bank.actors)
    entry = decode_entry(encode_entry({"bank": bank_to_data(again, columns=True)}))
    cached = bank_from_data(entry["bank"], again.path)
    assert cached == again
    assert [q.line for q in cached.questions] == [q.line for q in again.questions]
