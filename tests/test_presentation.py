"""Which options a question shows, in which order: drawn from the Random passed in."""

from __future__ import annotations

import random

from bank_helpers import VALID

from studyapp.answering.presentation import present
from studyapp.bank.loader import load_file

BANK = load_file(VALID).banks[0]


def test_options_per_type_and_repeatable_with_the_same_seed() -> None:
    for q in BANK.questions:
        first = present(q, BANK, random.Random(3))
        assert first == present(q, BANK, random.Random(3))
    who = present(BANK.question("who-budget"), BANK, random.Random(1))  # type: ignore[arg-type]
    assert "ana" in who.options
    assert len(who.options) == 4
    assert set(who.options) <= {"ana", "ben", "cara", "dan"}  # people only, not the country
    named = present(BANK.question("who-tax"), BANK, random.Random(1))  # type: ignore[arg-type]
    assert sorted(named.options) == ["ana", "ben", "cara"]
    shift = present(BANK.question("shift-land"), BANK, random.Random(1))  # type: ignore[arg-type]
    assert len(shift.options) == 4
    fixed = present(BANK.question("capital"), BANK, random.Random(1))  # type: ignore[arg-type]
    assert fixed.options == ("Port Ellis", "Northwick", "1914")  # shuffle: false
    assert present(BANK.question("fill"), BANK, random.Random(1)).options == ()  # type: ignore[arg-type]


def test_orderings_and_matchings_never_start_solved() -> None:
    order = BANK.question("order")
    roles = BANK.question("roles")
    for seed in range(50):
        rng = random.Random(seed)
        assert present(order, BANK, rng).options != order.items  # type: ignore[arg-type,union-attr]
        rights = tuple(r for _, r in roles.pairs)  # type: ignore[union-attr]
        shown = present(roles, BANK, rng).options  # type: ignore[arg-type]
        assert shown != rights
        assert sorted(shown) == sorted(rights)
