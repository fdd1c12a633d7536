"""Export to GIFT, the text format Moodle imports questions from.

Escaping follows Moodle's own GIFT reader (question/format/gift/format.php): the characters
~ = # { } : and the backslash are escaped with a backslash, and a line break inside a text is
written as \\n, so that each question is a single block without blank lines. Texts are marked
[plain] so that Moodle shows them as text, never as HTML.
"""

from __future__ import annotations

import re

from studyapp.bank.problems import Problem
from studyapp.interop.common import (
    AnyItem,
    ChoiceItem,
    ClozeItem,
    MatchingItem,
    ShortItem,
    TrueFalseItem,
    bank_items,
    equal_share,
    skipped,
)
from studyapp.model import Bank

_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
        "\r": "",
    }
)

# Moodle reads these at the start of any text as its format, and a weight at the start of an
# answer as its grade; neither can be escaped, so such texts get an explicit prefix.
FORMAT_MARK = re.compile(r"^\[(moodle|html|plain|markdown)\]")
WEIGHT_MARK = re.compile(r"^%-*[0-9]{1,2}\.?[0-9]*%")


def escape(text: str) -> str:
    """`text` as GIFT writes it: reserved characters escaped, line breaks as \\n."""
    return text.replace("\r\n", "\n").strip().translate(_ESCAPES)


def _answer_text(text: str) -> str:
    out = escape(text)
    if FORMAT_MARK.match(out):
        out = "[plain]" + out
    return out


def _name(item: AnyItem) -> str:
    return f"::{escape(item.name)}::"


def _general(item: AnyItem) -> str:
    return f"\t####{escape(item.feedback)}\n" if item.feedback.strip() else ""


def _choice(item: ChoiceItem) -> str | None:
    lines: list[str] = []
    if item.multiple and len(item.correct) > 1:
        share = equal_share(len(item.correct))
        if share is None:
            return f"has {len(item.correct)} right answers; Moodle has no equal grade for them"
        for choice in item.choices:
            weight = f"%{share}%" if choice in item.correct else f"%-{share}%"
            lines.append(f"\t~{weight}{_answer_text(choice)}")
    else:
        for choice in item.choices:
            text = _answer_text(choice)
            if choice in item.correct:
                lines.append(f"\t={text}")
            elif WEIGHT_MARK.match(text):
                # A wrong answer that starts like a weight: give it its real weight first.
                lines.append(f"\t~%0%{text}")
            else:
                lines.append(f"\t~{text}")
    body = "\n".join(lines)
    return f"{_name(item)}[plain]{escape(item.prompt)}{{\n{body}\n{_general(item)}}}\n"


def _matching(item: MatchingItem) -> str | None:
    lines: list[str] = []
    for left, right in item.pairs:
        if "->" in left:
            return f"has '->' in the matching item {left!r}, which GIFT cannot escape"
        lines.append(f"\t={_answer_text(left)} -> {escape(right)}")
    lines.extend(f"\t= -> {escape(extra)}" for extra in item.extras)
    body = "\n".join(lines)
    return f"{_name(item)}[plain]{escape(item.prompt)}{{\n{body}\n{_general(item)}}}\n"


def _short_answers(answers: tuple[str, ...]) -> list[str] | str:
    out: list[str] = []
    for answer in answers:
        text = _answer_text(answer)
        if "->" in answer:
            return f"has '->' in the answer {answer!r}, which GIFT would read as matching"
        if WEIGHT_MARK.match(text):
            return f"has an answer that starts like a GIFT weight: {answer!r}"
        out.append(f"={text}")
    return out


def _short(item: ShortItem) -> str | None:
    answers = _short_answers(item.answers)
    if isinstance(answers, str):
        return answers
    body = "\n".join(f"\t{a}" for a in answers)
    return f"{_name(item)}[plain]{escape(item.prompt)}{{\n{body}\n{_general(item)}}}\n"


def _cloze(item: ClozeItem) -> str | None:
    gaps = [p for p in item.parts if isinstance(p, tuple)]
    if len(gaps) != 1:
        return f"has {len(gaps)} blanks; GIFT's missing-word form has room for one"
    at = item.parts.index(gaps[0])
    before = "".join(p for p in item.parts[:at] if isinstance(p, str))
    after = "".join(p for p in item.parts[at + 1 :] if isinstance(p, str))
    answers = _short_answers(gaps[0])
    if isinstance(answers, str):
        return answers
    # Spaces around the gap are part of the sentence: keep them, escaped, rather than trimmed.
    head = escape(before) + (" " if before[-1:].isspace() else "")
    tail = (" " if after[:1].isspace() else "") + escape(after)
    feedback = f"####{escape(item.feedback)}" if item.feedback.strip() else ""
    return f"{_name(item)}[plain]{head}{{{' '.join(answers)}{feedback}}}{tail}\n"


def _true_false(item: TrueFalseItem) -> str:
    answer = "TRUE" if item.answer else "FALSE"
    feedback = f"\n{_general(item)}" if item.feedback.strip() else ""
    return f"{_name(item)}[plain]{escape(item.statement)}{{{answer}{feedback}}}\n"


def _render(item: AnyItem) -> tuple[str, str]:
    """(text, "") for a written item, ("", reason) for one GIFT cannot carry."""
    if isinstance(item, TrueFalseItem):
        return _true_false(item), ""
    if isinstance(item, ChoiceItem):
        result = _choice(item)
    elif isinstance(item, MatchingItem):
        result = _matching(item)
    elif isinstance(item, ShortItem):
        result = _short(item)
    else:
        result = _cloze(item)
    if result is not None and result.startswith("::"):
        return result, ""
    return "", result or "cannot be written"


def export_gift(bank: Bank) -> tuple[str, list[Problem]]:
    """The bank as GIFT text, and a warning for each question or detail left out."""
    # Every line of the title is a comment line: a line break in it must not start a question.
    title = "".join(f"// {line}\n" for line in bank.title.splitlines() or [""])
    blocks = [f"{title}// studyapp bank {bank.id}, exported as GIFT\n"]
    problems: list[Problem] = []
    for question, item in bank_items(bank, "GIFT", problems):
        if isinstance(item, ChoiceItem) and item.multiple and len(item.correct) == 1:
            problems.append(
                skipped(bank, question, "has one right answer: written as single choice")
            )
        text, reason = _render(item)
        if reason:
            problems.append(skipped(bank, question, reason + "; skipped"))
        else:
            blocks.append(f"// {question.TYPE}\n{text}")
    return "\n".join(blocks), problems
