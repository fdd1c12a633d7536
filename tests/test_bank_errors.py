"""One small bank per kind of mistake: each is reported, at its line, with a helpful message.

In each bank the line marked `# <-` is where the problem must be reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.bank.loader import load_file

HEAD = """\
studyapp: 1
id: t
title: Tests
actors:
  ana: {name: Ana}
  ben: {name: Ben}
  cy: {name: Cy}
questions:
"""

MC = """\
  - id: q1
    type: multiple_choice
    prompt: Which?
    choices: [Red, Green]
    answer: Red
"""

CASES: dict[str, tuple[str, str]] = {
    "unknown key with a suggestion": (
        HEAD + MC.replace("    answer: Red\n", "    answer: Red\n    shufle: false  # <-\n"),
        "unknown key `shufle` in a multiple_choice question; did you mean `shuffle`?",
    ),
    "a key of another type": (
        HEAD + "  - id: q1\n    type: true_false\n    statement: S\n    answer: true\n"
        "    choices: [a, b]  # <-\n",
        "`choices` is not a key of a true_false question",
    ),
    "missing required key": (
        HEAD + MC.replace("    answer: Red\n", "").replace("  - id: q1", "  - id: q1  # <-"),
        "a multiple_choice question lacks the required key `answer`",
    ),
    "wrong type": (
        HEAD + MC.replace("choices: [Red, Green]", "choices: Red  # <-"),
        "`choices` should be a list, not `Red`",
    ),
    "duplicate question id": (
        HEAD + MC + MC.replace("  - id: q1", "  - id: q1  # <-"),
        "the question id `q1` is already used on line 9",
    ),
    "answer not among choices": (
        HEAD + MC.replace("answer: Red", "answer: Rde  # <-"),
        "the answer `Rde` is not one of the choices; did you mean `Red`?",
    ),
    "answers not a subset": (
        HEAD + "  - id: q1\n    type: multiple_select\n    prompt: P\n    choices: [a, b, c]\n"
        "    answers:\n      - a\n      - d  # <-\n",
        "the answer `d` is not one of the choices",
    ),
    "unknown actor": (
        HEAD + "  - id: q1\n    type: attribution\n    quote: Q\n    speaker: dan  # <-\n",
        "`speaker` names `dan`, who is not among `actors`",
    ),
    "cloze without a blank": (
        HEAD + "  - id: q1\n    type: cloze\n    text: No gap here.  # <-\n",
        "the cloze has no blank",
    ),
    "too few choices": (
        HEAD + MC.replace("choices: [Red, Green]", "choices: [Red]  # <-"),
        "`choices` needs at least 2 items, found 1",
    ),
    "duplicate choices": (
        HEAD + MC.replace("choices: [Red, Green]", "choices:\n      - Red\n      - Red  # <-"),
        "`Red` appears twice in `choices`",
    ),
    "too few pairs": (
        HEAD + "  - id: q1\n    type: matching\n    prompt: P\n    pairs: [[a, b]]  # <-\n",
        "`pairs` needs at least 2 pairs, found 1",
    ),
    "a pair of three": (
        HEAD + "  - id: q1\n    type: matching\n    prompt: P\n    pairs:\n      - [a, b]\n"
        "      - [c, d, e]  # <-\n",
        "each of `pairs` should be a two-item list [left, right]",
    ),
    "too few items": (
        HEAD + "  - id: q1\n    type: ordering\n    prompt: P\n    items: [a]  # <-\n",
        "`items` needs at least 2 items, found 1",
    ),
    "position shift with one distractor besides its stances": (
        HEAD + "  - id: q1\n    type: position_shift\n    actor: ana\n    issue: I\n"
        "    before: {label: Then, stance: For}\n    after: {label: Now, stance: Against}\n"
        "    distractors: [For, Neutral]  # <-\n",
        "the distractor `For` is a real stance of this shift",
    ),
    "position shift without a shift": (
        HEAD + "  - id: q1\n    type: position_shift\n    actor: ana\n    issue: I\n"
        "    before: {label: Then, stance: For}\n    after: {label: Now, stance: For}  # <-\n"
        "    distractors: [A, B]\n",
        "`before` and `after` have the same stance",
    ),
    "key given twice": (
        HEAD + MC.replace("    answer: Red\n", "    answer: Red\n    answer: Green  # <-\n"),
        "`answer` is given twice in a multiple_choice question (first on line 13)",
    ),
    "python tag": (
        HEAD + MC.replace("prompt: Which?", "prompt: !!python/object/apply:os.system [ls]  # <-"),
        "the tag `!!python/object/apply:os.system` is not allowed in a bank",
    ),
    "custom tag": (
        HEAD + MC.replace("answer: Red", "answer: !secret Red  # <-"),
        "the tag `!secret` is not allowed in a bank",
    ),
    "tab in indentation": (
        HEAD + MC.replace("    answer: Red", "\tanswer: Red  # <-"),
        "a tab in the indentation",
    ),
    "top level not a mapping": ("- studyapp: 1  # <-\n- id: t\n", "a bank starts with keys"),
    "unknown version": (HEAD.replace("studyapp: 1", "studyapp: 2  # <-") + MC, "format version 2"),
    "missing version": (
        "id: t  # <-\n" + HEAD.replace("studyapp: 1\nid: t\n", "") + MC,
        "the bank lacks `studyapp: 1`",
    ),
    "unknown question type": (
        HEAD + MC.replace("type: multiple_choice", "type: multiple-choice  # <-"),
        "did you mean `multiple_choice`?",
    ),
    "not YAML": (HEAD + MC.replace("[Red, Green]", "[Red, Green]]  # <-"), "not valid YAML"),
    "two documents": (HEAD + MC + "---  # <-\nid: x\n", "a bank file holds one YAML document"),
    "not a boolean": (
        HEAD + "  - id: q1\n    type: true_false\n    statement: S\n    answer: maybe  # <-\n",
        "`answer` should be true or false, not `maybe`",
    ),
    "bad id": (
        HEAD + MC.replace("  - id: q1", "  - id: Q 1  # <-"),
        "`id` `Q 1` is not a valid id",
    ),
    "merge key": (
        HEAD + MC.replace("    answer: Red\n", "    answer: Red\n    <<: {tags: [a]}  # <-\n"),
        "merge keys (`<<`) are not supported",
    ),
    "no questions": (HEAD.replace("questions:\n", "questions: []  # <-\n"), "`questions` is empty"),
    "empty value": (HEAD + MC.replace("prompt: Which?", "prompt:  # <-"), "`prompt` has no value"),
    "untypable answer": (
        HEAD + "  - id: q1\n    type: short_answer\n    prompt: P\n    answers:\n      - ok\n"
        "      - '?!'  # <-\n",
        "has no letters or digits",
    ),
    "alias taken by another question": (
        HEAD
        + MC
        + MC.replace("id: q1", "id: q2\n    aliases: [q1]").replace(
            "  - id: q2", "  - id: q2  # <-"
        ),
        "the question alias `q1` is already used on line 9",
    ),
    "undefined alias": (HEAD + MC.replace("answer: Red", "answer: *nothing  # <-"), "refers to no"),
    "bad actor kind": (
        HEAD.replace("cy: {name: Cy}", "cy: {name: Cy, kind: planet}  # <-") + MC,
        "`kind` cannot be `planet`",
    ),
}


def _marked_line(text: str) -> int:
    (line,) = [i for i, row in enumerate(text.splitlines(), 1) if "# <-" in row]
    return line


@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_is_reported_at_its_line(tmp_path: Path, name: str) -> None:
    text, message = CASES[name]
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_file(path)
    assert result.banks == ()
    matching = [p for p in result.errors if message in p.message]
    assert matching, [str(p) for p in result.problems]
    assert matching[0].line == _marked_line(text), [str(p) for p in result.problems]
    assert matching[0].path == str(path)
    assert matching[0].column >= 1


def test_every_problem_in_a_bank_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = (
        HEAD
        + MC.replace("answer: Red", "anwser: Red")
        + MC.replace("q1", "q2").replace("choices: [Red, Green]", "choices: [Red]")
    )
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    messages = [p.message for p in load_file(path).errors]
    assert any("did you mean `answer`" in m for m in messages)
    assert any("lacks the required key `answer`" in m for m in messages)
    assert any("needs at least 2 items" in m for m in messages)


def test_a_thin_attribution_is_a_warning_and_the_bank_still_loads(tmp_path: Path) -> None:
    text = HEAD + "  - id: q1\n    type: attribution\n    quote: Q\n    speaker: ana\n"
    text += "    distractors: [ben]  # <-\n"
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_file(path)
    assert len(result.banks) == 1
    assert result.errors == ()
    (warning,) = result.warnings
    assert warning.severity == "warning"
    assert warning.line == _marked_line(text)
    assert str(warning).startswith(f"{path}:{warning.line}:")
    assert ": warning: only 1 wrong answer(s)" in str(warning)


def test_text_values_keep_what_was_written(tmp_path: Path) -> None:
    text = HEAD + MC.replace("[Red, Green]", "[yes, no, 1914, 1.50, null-ish]").replace(
        "answer: Red", "answer: 1.50"
    )
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    (bank,) = load_file(path).banks
    q = bank.questions[0]
    assert q.choices == ("yes", "no", "1914", "1.50", "null-ish")  # type: ignore[union-attr]
    assert q.answer == "1.50"  # type: ignore[union-attr]


def test_required_text_cannot_be_blank(tmp_path: Path) -> None:
    text = HEAD + MC.replace("prompt: Which?", "prompt: '  '  # <-")
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    (error,) = load_file(path).errors
    assert (error.line, error.message) == (_marked_line(text), "`prompt` is empty")


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object:os.Foo  # <-\nstudyapp: 1\nid: t\n",
        HEAD + "  - !!python/object:os.Foo {id: q, type: cloze, text: '{{a}}'}  # <-\n",
        HEAD + MC.replace("choices: [Red, Green]", "choices: !!python/tuple [Red, Green]  # <-"),
        HEAD.replace("ana: {name: Ana}", "ana: !!python/object:x {name: Ana}  # <-") + MC,
    ],
)
def test_tags_on_mappings_and_lists_are_refused_too(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_file(path)
    assert result.banks == ()
    assert [e.line for e in result.errors if "is not allowed in a bank" in e.message] == [
        _marked_line(text)
    ]


def test_a_short_answer_naming_an_unknown_actor_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(
        "studyapp: 1\nid: b\ntitle: B\nactors:\n  putin: {name: Vladimir Putin}\n"
        "questions:\n  - id: q\n    type: short_answer\n    prompt: Who?\n"
        "    answers: [Putin]\n    actor: puttin\n",
        encoding="utf-8",
    )
    messages = [p.message for p in load_file(path).problems]
    assert any("`actor` names `puttin`" in m and "putin" in m for m in messages), messages
