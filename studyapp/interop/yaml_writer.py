"""Imported items as a bank in our YAML format (version 1), written for people to read.

Keys come in the order the format documentation lists them; the text is written by our one
YAML writer, studyapp.bank.yamlwrite.dump_yaml (literal blocks, pairs as short flow lists).
"""

from __future__ import annotations

from typing import Any

from studyapp.bank.yamlwrite import Pair
from studyapp.interop.common import (
    AnyItem,
    ChoiceItem,
    ClozeItem,
    MatchingItem,
    ShortItem,
    TrueFalseItem,
    split_feedback,
    unique_id,
)
from studyapp.model import FORMAT_VERSION


def _cloze_text(item: ClozeItem) -> str:
    return "".join(p if isinstance(p, str) else "{{" + "|".join(p) + "}}" for p in item.parts)


def question_data(item: AnyItem, qid: str) -> dict[str, Any]:
    """One item as a question mapping of our format."""
    q: dict[str, Any] = {"id": qid}
    if isinstance(item, ChoiceItem):
        if item.multiple:
            q |= {"type": "multiple_select", "prompt": item.prompt, "choices": list(item.choices)}
            q["answers"] = list(item.correct)
        else:
            q |= {"type": "multiple_choice", "prompt": item.prompt, "choices": list(item.choices)}
            q["answer"] = item.correct[0]
        if not item.shuffle:
            q["shuffle"] = False
    elif isinstance(item, TrueFalseItem):
        q |= {"type": "true_false", "statement": item.statement, "answer": item.answer}
    elif isinstance(item, MatchingItem):
        q |= {"type": "matching", "prompt": item.prompt}
        q["pairs"] = [Pair(pair) for pair in item.pairs]
    elif isinstance(item, ShortItem):
        q |= {"type": "short_answer", "prompt": item.prompt, "answers": list(item.answers)}
    else:
        q |= {"type": "cloze", "text": _cloze_text(item)}
    explanation, evidence = split_feedback(item.feedback)
    if explanation:
        q["explanation"] = explanation
    if evidence:
        q["evidence"] = list(evidence)
    if item.tags:
        q["tags"] = list(item.tags)
    return q


def bank_data(
    items: list[AnyItem], bank_id: str, title: str, description: str = ""
) -> dict[str, Any]:
    """A whole bank: the header keys, then one question per item with a unique id."""
    taken: set[str] = set()
    questions = [
        question_data(item, unique_id(item.name, taken, f"q{item.line or n}"))
        for n, item in enumerate(items, 1)
    ]
    data: dict[str, Any] = {"studyapp": FORMAT_VERSION, "id": bank_id, "title": title}
    if description:
        data["description"] = description
    data["questions"] = questions
    return data
