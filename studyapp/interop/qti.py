"""Export to IMS QTI 1.2, as Canvas, Blackboard, D2L Brightspace and Schoology import it.

The package is a .zip: an IMS content-package manifest (imsmanifest.xml) naming one
assessment, whose <questestinterop> holds one <item> per question. Each item says its kind in
the metadata field `question_type` the way Canvas reads it (the others read the response
elements and ignore the field), shows its texts as escaped HTML (`mattext texttype=
"text/html"`), scores in <resprocessing> from 0 to 100, and carries the explanation and the
evidence as the item's general feedback.

Identifiers are made from the bank and question ids, and the zip entries carry the time passed
in, so that the same bank always makes the same package.
"""

from __future__ import annotations

import hashlib
import html
import io
import time
import zipfile
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from studyapp.bank.problems import Problem
from studyapp.interop.common import (
    AnyItem,
    ChoiceItem,
    ClozeItem,
    MatchingItem,
    ShortItem,
    TrueFalseItem,
    bank_items,
    skipped,
)
from studyapp.interop.moodle_xml import _NOT_XML
from studyapp.model import Bank

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
_FEEDBACK = "general_fb"


def _id(*parts: str) -> str:
    return "g" + hashlib.blake2b("/".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def _html(text: str) -> str:
    """Plain text as the HTML that shows it; an LMS renders mattext of type text/html."""
    escaped = html.escape(_NOT_XML.sub("", text.strip()), quote=False)
    return "<p>" + escaped.replace("\r\n", "\n").replace("\n", "<br>") + "</p>"


def _sub(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None) -> ET.Element:
    return ET.SubElement(parent, tag, attrs or {})


def _material(parent: ET.Element, text: str) -> None:
    mattext = _sub(_sub(parent, "material"), "mattext", {"texttype": "text/html"})
    mattext.text = _html(text)


def _metadata(item: ET.Element, qtype: str, answer_ids: Iterable[str]) -> None:
    fields = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    values = [("question_type", qtype), ("points_possible", "1")]
    ids = ",".join(answer_ids)
    if ids:
        values.append(("original_answer_ids", ids))
    for label, entry in values:
        field = _sub(fields, "qtimetadatafield")
        _sub(field, "fieldlabel").text = label
        _sub(field, "fieldentry").text = entry


def _processing(item: ET.Element, feedback: bool) -> ET.Element:
    processing = _sub(item, "resprocessing")
    outcomes = _sub(processing, "outcomes")
    _sub(
        outcomes,
        "decvar",
        {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"},
    )
    if feedback:
        shown = _sub(processing, "respcondition", {"continue": "Yes"})
        _sub(_sub(shown, "conditionvar"), "other")
        _sub(shown, "displayfeedback", {"feedbacktype": "Response", "linkrefid": _FEEDBACK})
    return processing


def _score(processing: ET.Element, value: str, cont: str = "No") -> ET.Element:
    condition = _sub(processing, "respcondition", {"continue": cont})
    conditionvar = _sub(condition, "conditionvar")
    setvar = _sub(condition, "setvar", {"action": "Set", "varname": "SCORE"})
    setvar.text = value
    return conditionvar


def _equal(parent: ET.Element, respident: str, value: str) -> None:
    _sub(parent, "varequal", {"respident": respident}).text = value


def _choices(
    presentation: ET.Element, ident: str, labels: list[tuple[str, str]], cardinality: str
) -> None:
    lid = _sub(presentation, "response_lid", {"ident": ident, "rcardinality": cardinality})
    render = _sub(lid, "render_choice")
    for label_id, text in labels:
        _material(_sub(render, "response_label", {"ident": label_id}), text)


def _item(bank: Bank, entry: AnyItem, qid: str) -> ET.Element | str:
    item = ET.Element("item", {"ident": _id(bank.id, qid, entry.name), "title": entry.name})
    has_feedback = bool(entry.feedback.strip())
    if isinstance(entry, TrueFalseItem):
        entry = ChoiceItem(
            name=entry.name,
            feedback=entry.feedback,
            prompt=entry.statement,
            choices=("True", "False"),
            correct=("True" if entry.answer else "False",),
        )
        qtype = "true_false_question"
    elif isinstance(entry, ChoiceItem):
        qtype = "multiple_answers_question" if entry.multiple else "multiple_choice_question"
    elif isinstance(entry, ShortItem):
        qtype = "short_answer_question"
    elif isinstance(entry, MatchingItem):
        qtype = "matching_question"
    else:
        qtype = "fill_in_multiple_blanks_question"

    if isinstance(entry, ChoiceItem):
        labels = [(_id(bank.id, qid, "choice", c), c) for c in entry.choices]
        _metadata(item, qtype, (i for i, _ in labels))
        presentation = _sub(item, "presentation")
        _material(presentation, entry.prompt)
        cardinality = "Multiple" if entry.multiple else "Single"
        _choices(presentation, "response1", labels, cardinality)
        processing = _processing(item, has_feedback)
        conditionvar = _score(processing, "100")
        if entry.multiple:
            # Full marks for exactly the right set: each right choice ticked, no wrong one.
            both = _sub(conditionvar, "and")
            for label_id, text in labels:
                if text in entry.correct:
                    _equal(both, "response1", label_id)
                else:
                    _equal(_sub(both, "not"), "response1", label_id)
        else:
            right = next(i for i, t in labels if t == entry.correct[0])
            _equal(conditionvar, "response1", right)
    elif isinstance(entry, ShortItem):
        _metadata(item, qtype, ())
        presentation = _sub(item, "presentation")
        _material(presentation, entry.prompt)
        response = _sub(
            presentation, "response_str", {"ident": "response1", "rcardinality": "Single"}
        )
        _sub(_sub(response, "render_fib"), "response_label", {"ident": "answer1", "rshuffle": "No"})
        processing = _processing(item, has_feedback)
        conditionvar = _score(processing, "100")
        for answer in entry.answers:
            _equal(conditionvar, "response1", answer.strip())
    elif isinstance(entry, MatchingItem):
        rights = list(dict.fromkeys([r for _, r in entry.pairs] + list(entry.extras)))
        right_ids = {r: _id(bank.id, qid, "match", r) for r in rights}
        _metadata(item, qtype, ())
        presentation = _sub(item, "presentation")
        _material(presentation, entry.prompt)
        share = f"{100 / len(entry.pairs):.2f}"
        responses: list[tuple[str, str]] = []
        for n, (left, right) in enumerate(entry.pairs, 1):
            ident = f"response_{_id(bank.id, qid, 'left', str(n))}"
            lid = _sub(presentation, "response_lid", {"ident": ident})
            _material(lid, left)
            render = _sub(lid, "render_choice")
            for text in rights:
                _material(_sub(render, "response_label", {"ident": right_ids[text]}), text)
            responses.append((ident, right_ids[right]))
        processing = _processing(item, has_feedback)
        for ident, right_id in responses:
            condition = _sub(processing, "respcondition")
            _equal(_sub(condition, "conditionvar"), ident, right_id)
            setvar = _sub(condition, "setvar", {"varname": "SCORE", "action": "Add"})
            setvar.text = share
    else:
        assert isinstance(entry, ClozeItem)
        text_parts: list[str] = []
        blanks: list[tuple[str, tuple[str, ...]]] = []
        for part in entry.parts:
            if isinstance(part, str):
                if "[" in part:
                    return "has a '[' in its text, which Canvas reads as a blank"
                text_parts.append(part)
            else:
                name = f"blank{len(blanks) + 1}"
                blanks.append((name, part))
                text_parts.append(f"[{name}]")
        _metadata(item, qtype, ())
        presentation = _sub(item, "presentation")
        _material(presentation, "".join(text_parts))
        share = f"{100 / len(blanks):.2f}"
        for name, accepted in blanks:
            lid = _sub(presentation, "response_lid", {"ident": f"response_{name}"})
            _sub(_sub(lid, "material"), "mattext").text = name
            render = _sub(lid, "render_choice")
            for answer in accepted:
                label = _sub(render, "response_label", {"ident": _id(bank.id, qid, name, answer)})
                _material(label, answer)
        processing = _processing(item, has_feedback)
        for name, accepted in blanks:
            for answer in accepted:
                condition = _sub(processing, "respcondition")
                _equal(
                    _sub(condition, "conditionvar"),
                    f"response_{name}",
                    _id(bank.id, qid, name, answer),
                )
                setvar = _sub(condition, "setvar", {"varname": "SCORE", "action": "Add"})
                setvar.text = share
    if has_feedback:
        feedback = _sub(item, "itemfeedback", {"ident": _FEEDBACK})
        _material(_sub(feedback, "flow_mat"), entry.feedback)
    return item


def _assessment(bank: Bank, problems: list[Problem]) -> tuple[ET.Element, int]:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = _sub(
        root, "assessment", {"ident": _id(bank.id, "assessment"), "title": bank.title}
    )
    section = _sub(assessment, "section", {"ident": "root_section"})
    count = 0
    for question, entry in bank_items(bank, "QTI", problems):
        item = _item(bank, entry, question.id)
        if isinstance(item, str):
            problems.append(skipped(bank, question, item + "; skipped"))
            continue
        section.append(item)
        count += 1
    return root, count


def _manifest(bank: Bank, folder: str) -> ET.Element:
    manifest = ET.Element("manifest", {"identifier": _id(bank.id, "manifest"), "xmlns": CP_NS})
    metadata = _sub(manifest, "metadata")
    _sub(metadata, "schema").text = "IMS Content"
    _sub(metadata, "schemaversion").text = "1.1.3"
    _sub(manifest, "organizations")
    resources = _sub(manifest, "resources")
    resource = _sub(resources, "resource", {"identifier": folder, "type": "imsqti_xmlv1p2"})
    _sub(resource, "file", {"href": f"{folder}/{folder}.xml"})
    _sub(resource, "dependency", {"identifierref": folder + "_meta"})
    meta = _sub(
        resources,
        "resource",
        {
            "identifier": folder + "_meta",
            "type": "associatedcontent/imscc_xmlv1p1/learning-application-resource",
            "href": f"{folder}/assessment_meta.xml",
        },
    )
    _sub(meta, "file", {"href": f"{folder}/assessment_meta.xml"})
    return manifest


def _meta(bank: Bank, folder: str, count: int) -> ET.Element:
    """Canvas's own settings file for the quiz: its title and description; others ignore it."""
    quiz = ET.Element("quiz", {"identifier": folder, "xmlns": CANVAS_NS})
    _sub(quiz, "title").text = bank.title
    _sub(quiz, "description").text = _html(bank.description) if bank.description else ""
    _sub(quiz, "shuffle_answers").text = "true"
    _sub(quiz, "quiz_type").text = "assignment"
    _sub(quiz, "points_possible").text = str(count)
    return quiz


def _xml(element: ET.Element) -> bytes:
    ET.indent(element)
    body: bytes = ET.tostring(element, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def export_qti(bank: Bank, timestamp: float) -> tuple[bytes, int, list[Problem]]:
    """The package's bytes, the number of items in it, and a warning for each question left
    out. `timestamp` dates the zip entries."""
    problems: list[Problem] = []
    folder = _id(bank.id, "assessment")
    assessment, count = _assessment(bank, problems)
    files = {
        "imsmanifest.xml": _xml(_manifest(bank, folder)),
        f"{folder}/{folder}.xml": _xml(assessment),
        f"{folder}/assessment_meta.xml": _xml(_meta(bank, folder, count)),
    }
    stamp = time.gmtime(max(timestamp, 315532800))[:6]  # zip dates start in 1980
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue(), count, problems
