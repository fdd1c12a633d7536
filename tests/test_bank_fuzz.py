"""Random damage to a valid bank gives a valid bank or problems, never an exception."""

from __future__ import annotations

from pathlib import Path

from bank_helpers import VALID, sample_folder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.bank.loader import load_file

LINES = VALID.read_text(encoding="utf-8").splitlines(keepends=True)
NASTY = st.sampled_from(
    [
        "",
        "\t",
        " ",
        ":",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!python/name:os.system",
        "~",
        "'",
        '"',
        "#",
        "\\",
        "{{",
        "}}",
        "yes",
        "null",
        "1e3",
        "<<: ",
        "---\n",
        "\u00e9",
        "\x00",
        "!!map ",
        "!x ",
        "!!python/object:x ",
    ]
)


@st.composite
def damaged(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            piece = draw(st.one_of(NASTY, st.text(max_size=6)))
            end = at if action == "insert" else min(len(line), at + draw(st.integers(1, 8)))
            lines[i] = line[:at] + piece + line[end:]
        if not lines:
            break
    return "".join(lines)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=damaged())
def test_damaged_banks_load_or_report(tmp_path: Path, text: str) -> None:
    path = sample_folder(tmp_path, text)
    result = load_file(path)
    if result.errors:
        assert result.banks == ()
        for problem in result.errors:
            assert problem.path == str(path)
            assert problem.line >= 0
            assert problem.message
    else:
        (bank,) = result.banks
        assert bank.questions
        assert all(q.line >= 1 for q in bank.questions)
