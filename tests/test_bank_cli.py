"""`studyapp validate` and `studyapp schema`, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bank_helpers import replace_once, sample_folder

from studyapp.bank.schema import bank_schema, schema_text

REPO = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studyapp", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )


def test_a_valid_folder_passes_with_a_summary(tmp_path: Path) -> None:
    folder = sample_folder(tmp_path).parent
    result = _run("validate", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "1 file checked: 1 valid bank (10 questions), 0 errors, 0 warnings\n"


def test_errors_are_printed_in_the_gcc_form_and_exit_1(tmp_path: Path) -> None:
    path = sample_folder(tmp_path)
    text = replace_once(
        path.read_text(encoding="utf-8"), "answer: Port Ellis", "anwser: Port Ellis"
    )
    text = replace_once(text, "statement: The minister", "statment: The minister")
    path.write_text(text, encoding="utf-8")
    result = _run("validate", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    rows = text.splitlines()
    anwser = rows.index("    anwser: Port Ellis") + 1
    statment = next(i for i, r in enumerate(rows, 1) if r.startswith("    statment:"))
    assert (
        f"{path}:{anwser}:5: error: unknown key `anwser` in a multiple_choice question; "
        "did you mean `answer`?" in lines
    )
    assert (
        f"{path}:{statment}:5: error: unknown key `statment` in a true_false question; "
        "did you mean `statement`?" in lines
    )
    assert lines[-1].startswith("1 file checked: 0 valid banks (0 questions), 4 errors")
    assert "Traceback" not in result.stderr


def test_a_clashing_id_is_reported_beside_the_other_mistakes_of_its_question(
    tmp_path: Path,
) -> None:
    # "Every problem at once": a repeated id must not wait until the question's other
    # mistake is fixed (it used to, because only questions that built were compared).
    path = tmp_path / "dup.yaml"
    path.write_text(
        "studyapp: 1\nid: dup\ntitle: Dup\nquestions:\n"
        "  - id: q1\n    type: true_false\n    statement: A\n    answer: true\n"
        "  - id: q1\n    type: true_false\n    statement: B\n    answer: maybe\n",
        encoding="utf-8",
    )
    result = _run("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:9:5: error: the question id `q1` is already used on line 5",
        f"{path}:12:13: error: `answer` should be true or false, not `maybe`",
        "1 file checked: 0 valid banks (0 questions), 2 errors, 0 warnings",
    ]


def test_a_mistake_with_no_near_miss_says_what_would_be_right(tmp_path: Path) -> None:
    # An instructor reading "unknown key" or "not one of the choices" with no suggestion had
    # to open the file (or the docs) to learn what to write instead.
    path = tmp_path / "bank.yaml"
    path.write_text(
        "studyapp: 1\nid: b\ntitle: B\nquestions:\n"
        "  - id: q1\n    type: multiple_choice\n    prompt: P\n    choices: [Red, Green]\n"
        "    answer: Blue\n"
        "  - id: q2\n    type: true_false\n    statement: S\n    answer: true\n"
        "    colour: red\n",
        encoding="utf-8",
    )
    result = _run("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        f"{path}:9:13: error: the answer `Blue` is not one of the choices; write it exactly "
        "as one of `Red`, `Green`",
        f"{path}:14:5: error: unknown key `colour` in a true_false question; its keys are "
        "`id`, `type`, `explanation`, `evidence`, `tags`, `aliases`, `allow`, `statement`, "
        "`answer`",
    ]


def test_an_actor_named_in_a_bank_without_actors_says_where_to_add_it(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(
        "studyapp: 1\nid: b\ntitle: B\nquestions:\n"
        "  - id: q1\n    type: short_answer\n    prompt: Who?\n    answers: [Bo]\n"
        "    actor: bo\n",
        encoding="utf-8",
    )
    result = _run("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:9:12: error: `actor` names `bo`, who is not among `actors`; the bank lists "
        "no actors yet: add `bo` under `actors`"
    )


@pytest.mark.parametrize(
    ("lines", "at", "hint"),
    [
        # the two mistakes a bank's author makes most: a colon in a value, and indentation
        (["    statement: Note: the vote was close", "    answer: true"], "7:20", "needs quotes"),
        (["    statement: S", "   answer: true"], "8:4", "line this up with the lines above"),
        (['    statement: "S', "    answer: true"], "9:1", "the quote opened there is never"),
    ],
)
def test_a_yaml_mistake_says_what_to_do_about_it(
    tmp_path: Path, lines: list[str], at: str, hint: str
) -> None:
    path = tmp_path / "bank.yaml"
    head = "studyapp: 1\nid: y\ntitle: Y\nquestions:\n  - id: q1\n    type: true_false\n"
    path.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    result = _run("validate", str(path))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:{at}: error: not valid YAML: ")
    assert hint in first


def test_json_output_for_tools(tmp_path: Path) -> None:
    good = sample_folder(tmp_path)
    bad = good.parent / "bad.yaml"
    bad.write_text("studyapp: 1\nid: bad\n", encoding="utf-8")
    result = _run("validate", "--format", "json", str(good.parent))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert [b["id"] for b in report["banks"]] == ["sample-bank"]
    assert report["banks"][0]["questions"] == 10
    assert {p["path"] for p in report["problems"]} == {str(bad)}
    assert report["errors"] == len(report["problems"]) == 2
    assert report["problems"][0]["line"] == 1


def test_usage_mistakes_exit_2(tmp_path: Path) -> None:
    missing = _run("validate", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert "no such file or folder" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = _run("validate", str(tmp_path / "empty"))
    assert empty.returncode == 2
    assert _run("validate").returncode == 2


def test_hostile_files_never_give_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "b.yaml").write_bytes(b"!!python/object/new:os.system [echo pwned]\n")
    (tmp_path / "c.yml").write_bytes(b"a: &a [*a, *a]\nb: [" * 50)
    result = _run("validate", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "pwned" not in result.stdout
    assert len([ln for ln in result.stdout.splitlines() if ": error: " in ln]) == 3


def test_schema_command_prints_the_shipped_schema() -> None:
    result = _run("schema")
    assert result.returncode == 0
    assert result.stdout == schema_text()
    shipped = REPO / "questions" / "bank.schema.json"
    assert shipped.read_text(encoding="utf-8") == schema_text(), (
        "questions/bank.schema.json is stale: run `studyapp schema -o questions/bank.schema.json`"
    )


def test_the_schema_knows_every_type_and_key() -> None:
    schema = bank_schema()
    definitions = schema["definitions"]
    for name in ("attribution", "position_shift", "cloze", "short_answer"):
        assert definitions[name]["properties"]["type"] == {
            "const": name,
            "description": definitions[name]["description"],
        }
        assert definitions[name]["additionalProperties"] is False
    assert definitions["multiple_choice"]["required"] == [
        "id",
        "type",
        "prompt",
        "choices",
        "answer",
    ]
    assert schema["required"] == ["studyapp", "id", "title", "questions"]
    assert definitions["matching"]["properties"]["pairs"]["items"]["maxItems"] == 2
