"""Export to Moodle XML, the fullest of Moodle's import formats.

The layout follows what Moodle's XML importer reads (question/format/xml/format.php): the XML
declaration on line one, one <question> per question, texts in CDATA. Texts are HTML to Moodle,
so ours are escaped into it: what an instructor wrote is shown as text, never as markup. Grades
are written only as the fractions Moodle accepts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

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

# Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def cdata(text: str) -> str:
    """`text` in CDATA; a "]]>" inside is split across two sections so that it survives."""
    text = _NOT_XML.sub("", text)
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def as_html(text: str) -> str:
    """Plain text as the HTML that shows it: markup escaped, line breaks kept."""
    return html.escape(text.strip(), quote=False).replace("\r\n", "\n").replace("\n", "<br>\n")


def _text(tag: str, text: str, fmt: str = "html", indent: str = "    ") -> str:
    body = as_html(text) if fmt == "html" else text.strip()
    return f'{indent}<{tag} format="{fmt}">\n{indent}  <text>{cdata(body)}</text>\n{indent}</{tag}>'


def _head(item: AnyItem, qtype: str, question_html: str) -> list[str]:
    return [
        f'  <question type="{qtype}">',
        f"    <name>\n      <text>{cdata(item.name)}</text>\n    </name>",
        '    <questiontext format="html">',
        f"      <text>{cdata(question_html)}</text>",
        "    </questiontext>",
        _text("generalfeedback", item.feedback),
        "    <defaultgrade>1</defaultgrade>",
        "    <penalty>0.3333333</penalty>",
        "    <hidden>0</hidden>",
        f"    <idnumber>{cdata(item.name)}</idnumber>",
    ]


def _tail(item: AnyItem) -> list[str]:
    out: list[str] = []
    if item.tags:
        out.append("    <tags>")
        out.extend(f"      <tag><text>{cdata(t)}</text></tag>" for t in item.tags)
        out.append("    </tags>")
    out.append("  </question>")
    return out


def _answer(fraction: str, text: str, fmt: str = "html") -> str:
    body = as_html(text) if fmt == "html" else text.strip()
    return (
        f'    <answer fraction="{fraction}" format="{fmt}">\n'
        f"      <text>{cdata(body)}</text>\n"
        '      <feedback format="html">\n        <text></text>\n      </feedback>\n'
        "    </answer>"
    )


def _combined_feedback() -> list[str]:
    return [
        f'    <{tag} format="html">\n      <text></text>\n    </{tag}>'
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")
    ]


def _choice(item: ChoiceItem) -> list[str] | str:
    multiple = item.multiple
    lines = _head(item, "multichoice", as_html(item.prompt))
    lines += [
        f"    <single>{'false' if multiple else 'true'}</single>",
        f"    <shuffleanswers>{'true' if item.shuffle else 'false'}</shuffleanswers>",
        "    <answernumbering>abc</answernumbering>",
        *_combined_feedback(),
    ]
    share = equal_share(len(item.correct)) if multiple else "100"
    if share is None:
        return f"has {len(item.correct)} right answers; Moodle has no equal grade for them"
    for choice in item.choices:
        if choice in item.correct:
            lines.append(_answer(share, choice))
        else:
            # Each wrong pick cancels one right one, as our grading does.
            lines.append(_answer(f"-{share}" if multiple else "0", choice))
    return lines + _tail(item)


def _true_false(item: TrueFalseItem) -> list[str]:
    lines = _head(item, "truefalse", as_html(item.statement))
    lines.append(_answer("100" if item.answer else "0", "true", "moodle_auto_format"))
    lines.append(_answer("0" if item.answer else "100", "false", "moodle_auto_format"))
    return lines + _tail(item)


def _subquestion(left: str, right: str) -> str:
    return (
        '    <subquestion format="html">\n'
        f"      <text>{cdata(as_html(left))}</text>\n"
        f"      <answer>\n        <text>{cdata(right.strip())}</text>\n      </answer>\n"
        "    </subquestion>"
    )


def _matching(item: MatchingItem) -> list[str]:
    lines = _head(item, "matching", as_html(item.prompt))
    lines += ["    <shuffleanswers>true</shuffleanswers>", *_combined_feedback()]
    lines += [_subquestion(left, right) for left, right in item.pairs]
    # A subquestion without text is how Moodle holds a right-hand item that matches nothing.
    lines += [_subquestion("", extra) for extra in item.extras]
    return lines + _tail(item)


def _short(item: ShortItem) -> list[str]:
    lines = _head(item, "shortanswer", as_html(item.prompt))
    lines.append("    <usecase>0</usecase>")
    lines += [_answer("100", a, "moodle_auto_format") for a in item.answers]
    return lines + _tail(item)


# Inside an embedded answer Moodle decodes entities and ends the answer at ~ # or }, so those
# (and markup) are written as character references.
# A backslash too: Moodle reads "\}" as an escaped brace, so an answer ending in "\" would
# swallow the gap's closing brace.
_GAP_SPECIAL = str.maketrans(
    {"}": "&#125;", "#": "&#35;", "~": "&#126;", "{": "&#123;", "\\": "&#92;"}
)


def cloze_html(parts: Iterable[str | tuple[str, ...]]) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            # A literal "{" could start an embedded answer: write it as a reference.
            out.append(as_html_keep_space(part).replace("{", "&#123;"))
        else:
            alts = "~".join(
                "=" + html.escape(a.strip(), quote=False).translate(_GAP_SPECIAL) for a in part
            )
            out.append("{1:SHORTANSWER:" + alts + "}")
    return "".join(out)


def as_html_keep_space(text: str) -> str:
    """Like `as_html` but keeps the spaces at either end, which matter beside a gap."""
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>\n")


def _cloze(item: ClozeItem) -> list[str]:
    return _head(item, "cloze", cloze_html(item.parts)) + _tail(item)


def _render(item: AnyItem) -> list[str] | str:
    if isinstance(item, ChoiceItem):
        return _choice(item)
    if isinstance(item, TrueFalseItem):
        return _true_false(item)
    if isinstance(item, MatchingItem):
        return _matching(item)
    if isinstance(item, ShortItem):
        return _short(item)
    return _cloze(item)


def export_moodle_xml(bank: Bank) -> tuple[str, list[Problem]]:
    """The bank as a Moodle XML quiz file, and a warning for each question left out."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    out += [
        '  <question type="category">',
        f"    <category>\n      <text>{cdata('$course$/top/' + bank.title.replace('/', '//'))}"
        "</text>\n    </category>",
        "  </question>",
    ]
    problems: list[Problem] = []
    for question, item in bank_items(bank, "Moodle XML", problems):
        lines = _render(item)
        if isinstance(lines, str):
            problems.append(skipped(bank, question, lines + "; skipped"))
        else:
            out.append(f"<!-- {question.TYPE} -->")
            out.extend(lines)
    out.append("</quiz>")
    return "\n".join(out) + "\n", problems
