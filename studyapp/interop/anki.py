"""Export to an Anki package (.apkg), written by genanki.

One note type per kind of question, each showing the question on the front and the answer,
explanation and evidence on the back; cloze questions use Anki's own cloze note type, one card
per blank. Ids are derived from names, never drawn at random, so that exporting a bank again
and importing it updates the same notes instead of adding copies: note types from the kind,
the deck from the bank id, each note from (bank id, question id).
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path
from typing import Any, assert_never

from studyapp.answering.grading import expected_answer
from studyapp.interop.common import attribution_choice, attribution_prompt, shift_stances
from studyapp.model import (
    QUESTION_TYPES,
    Attribution,
    Bank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    PositionShift,
    Question,
    ShortAnswer,
    TrueFalse,
)

NOTE_TYPE_VERSION = 1
FIELDS = ("Question", "Options", "Answer", "Explanation", "Evidence", "Source")
CLOZE_FIELDS = ("Text", "Explanation", "Evidence", "Source")

_LABELS = {
    "attribution": "Who said it?",
    "position_shift": "Position shift",
    "multiple_choice": "Choose one",
    "multiple_select": "Choose all that apply",
    "true_false": "True or false?",
    "matching": "Match",
    "ordering": "Put in order",
    "cloze": "Fill in the blanks",
    "short_answer": "Answer",
}

_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; margin: 1em; }
.kind { font-size: 14px; opacity: 0.7; margin-bottom: 0.5em; }
.answer { font-weight: bold; }
.explanation { margin-top: 1em; }
blockquote { margin: 1em 0 0 0; padding-left: 0.8em; border-left: 3px solid #999; }
.source { margin-top: 1em; font-size: 12px; opacity: 0.6; }
.cloze { font-weight: bold; color: #1a5fb4; }
"""

_BACK_TAIL = (
    "{{#Explanation}}<div class=explanation>{{Explanation}}</div>{{/Explanation}}"
    "{{#Evidence}}{{Evidence}}{{/Evidence}}"
    "<div class=source>{{Source}}</div>"
)


def stable_id(*parts: str) -> int:
    """A positive 31-bit id from names; Anki keeps note type and deck ids as integers."""
    digest = hashlib.blake2b("/".join(parts).encode("utf-8"), digest_size=8).digest()
    return (1 << 30) + int.from_bytes(digest, "big") % (1 << 30)


# Anki reads its own markup in field text: [sound:...] plays a file, [latex]...[/latex],
# [$]...[/$] and [$$]...[/$$] run LaTeX, and MathJax typesets \(...\) and \[...\]. Bank text
# is text: "[" and "]" are written as character references (Anki's tags are matched on the
# raw field), and each card's template sits in an element MathJax is told to leave alone
# (MathJax 3's class and MathJax 2's).
_ANKI_MARKS = str.maketrans({"[": "&#91;", "]": "&#93;"})
NO_MATH_OPEN = '<div class="mathjax_ignore tex2jax_ignore">'
NO_MATH_CLOSE = "</div>"


def _html(text: str) -> str:
    return html.escape(text.strip()).translate(_ANKI_MARKS).replace("\n", "<br>")


def _list(items: list[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{_html(i)}</li>" for i in items) + f"</{tag}>"


def _evidence(question: Question) -> str:
    return "".join(f"<blockquote>{_html(p)}</blockquote>" for p in question.evidence)


def _front_and_options(question: Question, bank: Bank) -> tuple[str, str]:
    match question:
        case Attribution():
            prompt = attribution_prompt(question)
            return _html(prompt), _list(attribution_choice(question, bank)[0])
        case PositionShift():
            who = bank.actor_name(question.actor)
            prompt = question.prompt or (
                f"{who} on {question.issue}: the stance {question.before.label}, "
                f"and the stance {question.after.label}?"
            )
            return _html(prompt), _list(shift_stances(question))
        case MultipleChoice() | MultipleSelect():
            return _html(question.prompt), _list(list(question.choices))
        case TrueFalse():
            return _html(question.statement), ""
        case Matching():
            lefts = [left for left, _ in question.pairs]
            rights = sorted({right for _, right in question.pairs})  # a shared match once
            return _html(question.prompt), _list(lefts) + _list(rights)
        case Ordering():
            return _html(question.prompt), _list(sorted(question.items))
        case ShortAnswer():
            return _html(question.prompt), ""
        case Cloze():
            raise ValueError("a cloze becomes an Anki cloze note (_cloze_text), not a front")
        case _:
            assert_never(question)


def _cloze_text(question: Cloze) -> str:
    out: list[str] = []
    n = 0
    for seg in question.segments:
        if isinstance(seg, str):
            # "{{" in the text would open a field or a cloze: write the braces as references.
            out.append(_html_keep(seg).replace("{", "&#123;").replace("}", "&#125;"))
        else:
            n += 1
            shown = _html_keep(seg.accepted[0]).replace(":", "&#58;").replace("}", "&#125;")
            out.append(f"{{{{c{n}::{shown.replace('{', '&#123;')}}}}}")
    return "".join(out)


def _html_keep(text: str) -> str:
    return html.escape(text).translate(_ANKI_MARKS).replace("\n", "<br>")


def _models(genanki: Any) -> dict[str, Any]:
    models: dict[str, Any] = {}
    for kind in QUESTION_TYPES:
        model_id = stable_id("studyapp", "note-type", kind, str(NOTE_TYPE_VERSION))
        name = f"studyapp: {kind.replace('_', ' ')}"
        label = f"<div class=kind>{_LABELS[kind]}</div>"
        if kind == "cloze":
            models[kind] = genanki.Model(
                model_id,
                name,
                fields=[{"name": f} for f in CLOZE_FIELDS],
                templates=[
                    {
                        "name": "Cloze",
                        "qfmt": NO_MATH_OPEN + label + "{{cloze:Text}}" + NO_MATH_CLOSE,
                        "afmt": NO_MATH_OPEN
                        + label
                        + "{{cloze:Text}}"
                        + _BACK_TAIL
                        + NO_MATH_CLOSE,
                    }
                ],
                css=_CSS,
                model_type=genanki.Model.CLOZE,
            )
            continue
        front = label + "<div>{{Question}}</div>{{#Options}}{{Options}}{{/Options}}"
        models[kind] = genanki.Model(
            model_id,
            name,
            fields=[{"name": f} for f in FIELDS],
            templates=[
                {
                    "name": "Card 1",
                    "qfmt": NO_MATH_OPEN + front + NO_MATH_CLOSE,
                    "afmt": NO_MATH_OPEN
                    + "{{FrontSide}}<hr id=answer><div class=answer>{{Answer}}</div>"
                    + _BACK_TAIL
                    + NO_MATH_CLOSE,
                }
            ],
            css=_CSS,
        )
    return models


def _tags(bank: Bank, question: Question) -> list[str]:
    # Anki tags are single words; spaces become underscores.
    return ["_".join(t.split()) for t in bank.tags_of(question) if t.strip()]


def export_anki(bank: Bank, path: Path, timestamp: float) -> int:
    """Write the bank as an .apkg to `path`; returns the number of notes.

    `timestamp` (seconds since the epoch) stamps the notes; it is passed in so that the
    package is the same every time for the same input.
    """
    import genanki  # a dependency only this export needs

    models = _models(genanki)
    deck = genanki.Deck(stable_id("studyapp", "deck", bank.id), bank.title)
    source = _html(f"{bank.title} · {bank.id}")
    for q in bank.questions:
        explanation = _html(q.explanation)
        evidence = _evidence(q)
        guid = genanki.guid_for("studyapp", bank.id, q.id)
        if isinstance(q, Cloze):
            fields = [_cloze_text(q), explanation, evidence, source]
        else:
            front, options = _front_and_options(q, bank)
            fields = [front, options, _html(expected_answer(q, bank)), explanation, evidence]
            fields.append(source)
        deck.add_note(
            genanki.Note(model=models[q.TYPE], fields=fields, guid=guid, tags=_tags(bank, q))
        )
    genanki.Package(deck).write_to_file(str(path), timestamp=timestamp)
    return len(bank.questions)
