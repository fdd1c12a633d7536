"""`studyapp grade`, run as an instructor runs it: responses in, one verdict per response out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "tests" / "data" / "grading" / "bank.yaml"


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", "grade", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        input=stdin,
    )


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "responses.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_json_lines_in_one_verdict_per_response_out_and_bad_lines_named(tmp_path: Path) -> None:
    responses = _write(
        tmp_path,
        [
            json.dumps({"question": "un-day", "response": "on Monday"}),
            "{not json",
            json.dumps({"question": "cloze-date", "response": ["Mon", "24", "March"]}),
            json.dumps({"question": "no-such-question", "response": "x"}),
            json.dumps({"response": "who?"}),
            json.dumps({"question": "uk-pm", "response": "Macron"}),
            json.dumps({"question": "former-president", "response": "President Biden"}),
        ],
    )
    result = _run(str(BANK), "--responses", str(responses), "--format", "json")
    assert result.returncode == 1  # some lines could not be graded
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [
        {"question": "un-day", "verdict": "right", "score": 1.0, "matched": "Monday"},
        {
            "question": "cloze-date",
            "verdict": "partial",
            "score": 0.6667,
            "matched": ["Monday", "24", None],
        },
        {"question": "uk-pm", "verdict": "wrong", "score": 0.0, "matched": None},
        {
            "question": "former-president",
            "verdict": "right",
            "score": 1.0,
            "matched": "Joe Biden",
        },
    ]
    errors = result.stderr.splitlines()
    assert [e.split(": ", 1)[0] for e in errors] == [f"{responses}:{n}" for n in (2, 4, 5)]
    assert "not JSON" in errors[0]
    assert "no-such-question" in errors[1]


def test_every_line_graded_exits_zero_and_text_is_for_people(tmp_path: Path) -> None:
    responses = _write(
        tmp_path,
        [
            json.dumps({"question": "uk-pm", "response": "Kier Starmer"}),
            json.dumps({"question": "cloze-smart", "response": ["smart", "running"]}),
        ],
    )
    result = _run(str(BANK), "--responses", str(responses))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "uk-pm: right (1)  matched “Keir Starmer”",
        "cloze-smart: partial (0.5)  gaps: “smart”, —",
    ]


def test_responses_can_come_from_standard_input() -> None:
    line = json.dumps({"question": "vote-month", "response": "Feb"})
    result = _run(str(BANK), "--responses", "-", "--format", "json", stdin=line + "\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "right"


def test_one_answer_from_the_command_line() -> None:
    one = _run(str(BANK), "--question", "visitor", "President", "Zelenskyy", "--format", "json")
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout) == {
        "question": "visitor",
        "verdict": "right",
        "score": 1.0,
        "matched": "Volodymyr Zelenskyy",
    }
    gaps = _run(str(BANK), "--question", "cloze-deal", "dead", "both sides", "--format", "json")
    assert json.loads(gaps.stdout)["matched"] == [None, "both sides"]
    hedge = _run(str(BANK), "--question", "un-day", "Monday or Tuesday")
    assert hedge.stdout.strip() == "un-day: wrong (0)"


def test_more_answers_than_gaps_is_a_usage_mistake_not_a_silent_grade() -> None:
    # `cloze-deal` has two gaps: "both sides" unquoted is two words, so three answers; the
    # third used to be dropped and the first two graded as if that were meant.
    extra = _run(str(BANK), "--question", "cloze-deal", "deal", "both", "sides")
    assert extra.returncode == 2
    assert extra.stdout == ""
    assert extra.stderr == (
        "studyapp grade: error: `cloze-deal` has 2 gaps but 3 answers were given; "
        'quote an answer of several words ("rare earth")\n'
    )


def test_other_kinds_take_their_own_response(tmp_path: Path) -> None:
    bank = tmp_path / "b.yaml"
    bank.write_text(
        "studyapp: 1\nid: b\ntitle: B\nquestions:\n"
        "  - {id: tf, type: true_false, statement: The sky is green., answer: false}\n"
        "  - {id: mc, type: multiple_choice, prompt: P?, choices: [a, b], answer: b}\n",
        encoding="utf-8",
    )
    responses = _write(
        tmp_path,
        [
            json.dumps({"question": "tf", "response": False}),
            json.dumps({"question": "mc", "response": "a"}),
        ],
    )
    result = _run(str(bank), "--responses", str(responses), "--format", "json")
    assert [json.loads(x)["verdict"] for x in result.stdout.splitlines()] == ["right", "wrong"]
    assert (
        json.loads(_run(str(bank), "--question", "tf", "false", "--format", "json").stdout)[
            "verdict"
        ]
        == "right"
    )


def test_usage_mistakes_exit_two(tmp_path: Path) -> None:
    assert _run(str(tmp_path / "missing.yaml"), "--question", "a", "b").returncode == 2
    assert _run(str(BANK), "--question", "un-day").returncode == 2
    assert _run(str(BANK), "--responses", str(tmp_path / "none.jsonl")).returncode == 2
    assert _run(str(BANK)).returncode == 2  # neither --responses nor --question
