"""Import GIFT: questions separated by blank lines, read the way Moodle's own importer reads
them (question/format/gift/format.php), so that a file means here what it means in Moodle.

What our format can carry comes back as items: multiple choice, multiple response, true/false,
matching, short answer, and short answer in the middle of a sentence (the missing-word form) as
a cloze. Everything else (essays, numerical questions, descriptions, per-answer feedback,
partial credit) is reported with its line number.
"""

from __future__ import annotations

import re

from studyapp.interop.common import (
    AnyItem,
    ChoiceItem,
    ClozeItem,
    Common,
    Imported,
    MatchingItem,
    ShortItem,
    TrueFalseItem,
    html_to_text,
)
from studyapp.interop.credit import choice_answers, full_credit, matching_pairs

# Escaped reserved characters become private-use placeholders while the structure is parsed,
# and turn back into themselves in the texts; "\n" becomes a line break.
_HOLD = {":": "\ue03a", "#": "\ue023", "=": "\ue03d", "{": "\ue07b", "}": "\ue07d", "~": "\ue07e"}
_HOLD["n"] = "\ue00a"
_RELEASE = str.maketrans({v: ("\n" if k == "n" else k) for k, v in _HOLD.items()})
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_FORMAT = re.compile(r"^\[(moodle|html|plain|markdown)\]")
_WEIGHT = re.compile(r"^%(-*[0-9]{1,2}\.?[0-9]*)%")
_FULL = 1.0  # the fraction of the mark a right answer earns
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


# Moodle reads an id number and tags from the comment lines before a question:
# // [id:q-17] [tag:week 1]; a "]" inside is written "\]".
_ID = re.compile(r"\[id:((?:\\\]|[^\]])+)\]")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]])+)\]")


def _hold(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        ch = m.group(1)
        if ch == "\\":
            return "\\"
        return _HOLD.get(ch, m.group(0))

    return _ESCAPE.sub(one, text)


def _release(text: str) -> str:
    return text.translate(_RELEASE)


class _Question:
    """One block of the file being turned into an item; collects what it cannot carry."""

    def __init__(self, line: int, out: Imported) -> None:
        self.line = line
        self.out = out
        self.format = "moodle"
        self.idnumber = ""
        self.tags: tuple[str, ...] = ()

    def note(self, message: str) -> None:
        self.out.notes.append((self.line, message))

    def text(self, raw: str, default: str = "") -> str:
        """A text with its [format] mark read, HTML turned to text, escapes released."""
        raw = raw.strip()
        fmt = default or self.format
        m = _FORMAT.match(raw)
        if m:
            fmt, raw = m.group(1), raw[m.end() :]
        raw = _release(raw).strip()
        if fmt == "html":
            raw, lost = html_to_text(raw)
            if lost:
                tags = ", ".join(f"<{t}>" for t in sorted(lost))
                self.note(f"HTML formatting dropped ({tags})")
        return raw

    def answer_and_feedback(self, raw: str) -> tuple[str, str]:
        answer, _, feedback = raw.partition("#")
        if feedback.strip():
            self.note(f"feedback on the answer {self.text(answer)!r} dropped (no equivalent)")
        return self.text(answer), feedback


def _split_answers(body: str, sep: str) -> list[str]:
    parts = [p.strip() for p in body.split(sep)]
    if parts and not parts[0]:
        parts.pop(0)
    return parts


def read_gift(source: str, budget: int = 0) -> Imported:
    """`budget`: stop reading once the items are sure to take more bytes of YAML than this."""
    out = Imported(budget=budget)
    block: list[tuple[int, str]] = []
    lines = source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate([*lines, ""], 1):
        if line.strip():
            block.append((number, line))
        elif block:
            _read_block(block, out)
            block = []
            if out.full:
                out.notes.append((number, "the bank is already over the size limit; stopped"))
                break
    return out


def _read_block(block: list[tuple[int, str]], out: Imported) -> None:
    comments = " ".join(line for _, line in block if line.strip().startswith("//"))
    kept = [(n, " " if line.strip().startswith("//") else line) for n, line in block]
    text = "\n".join(line for _, line in kept).strip()
    if not text:
        return
    first, first_line = next((n, line) for n, line in kept if line.strip())
    out.columns.setdefault(first, len(first_line) - len(first_line.lstrip()) + 1)
    q = _Question(first, out)
    found = _ID.search(comments)
    q.idnumber = found.group(1).replace("\\]", "]").strip() if found else ""
    q.tags = tuple(
        dict.fromkeys(t.replace("\\]", "]").strip() for t in _TAG.findall(comments) if t.strip())
    )
    text = _hold(text)
    if text.startswith("$CATEGORY:"):
        out.enter_category(_release(text[len("$CATEGORY:") :]).strip())
        return
    name = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end >= 0:
            name, text = _release(text[2:end]).strip(), text[end + 2 :].strip()
    start, finish = text.find("{"), text.find("}")
    if start < 0 and finish < 0:
        q.note("a description without answers, not a question; skipped")
        return
    if start < 0 or finish < 0 or finish < start:
        q.note("a brace { or } is missing; skipped")
        return
    answers = text[start + 1 : finish].strip()
    before, after = text[:start], text[finish + 1 :]
    general = ""
    at = answers.rfind("####")
    if at >= 0:
        general, answers = answers[at + 4 :], answers[:at].strip()
    m = _FORMAT.match(before.strip())
    if m:
        q.format = m.group(1)
    feedback = q.text(general) if general.strip() else ""
    item = _build(q, name, before, after, answers, feedback)
    if item is not None:
        out.add(item)


def _prompt(q: _Question, before: str, after: str, kind: str) -> str:
    if not after.strip():
        return q.text(before)
    # Moodle leaves a blank where answers stood in the middle of the text; keep it too.
    q.note(f"answers in the middle of the text: kept a blank (_____) in the {kind}")
    return q.text(before + "_____" + after)


def _build(
    q: _Question, name: str, before: str, after: str, answers: str, feedback: str
) -> AnyItem | None:
    # The id number names the question where there is one, as in the XML reader.
    common: Common = {
        "name": q.idnumber or name,
        "feedback": feedback,
        "tags": q.tags,
        "line": q.line,
    }
    if answers == "":
        q.note("an essay question; our format has no equivalent; skipped")
        return None
    if answers.startswith("#"):
        q.note("a numerical question; our format has no equivalent; skipped")
        return None
    if "~" in answers:
        return _choice(q, _prompt(q, before, after, "question"), answers, common)
    if "=" in answers and "->" in answers:
        return _matching(q, _prompt(q, before, after, "question"), answers, common)
    head = answers.split("#", 1)[0].strip() if "#" in answers[1:] else answers
    if head in _TRUE_FALSE:
        if answers.strip() != head:
            q.note("feedback on true/false answers dropped (no equivalent)")
        statement = _prompt(q, before, after, "statement")
        return TrueFalseItem(statement=statement, answer=_TRUE_FALSE[head], **common)
    return _short(q, before, after, answers, common)


def _weight(raw: str) -> tuple[float, str]:
    m = _WEIGHT.match(raw)
    if not m:
        return 0.0, raw
    return float(m.group(1).replace("--", "-")) / 100.0, raw[m.end() :]


def _choice(q: _Question, prompt: str, body: str, common: Common) -> AnyItem | None:
    single = "=" in body
    parsed: list[tuple[str, float]] = []
    for raw in _split_answers(body.replace("=", "~="), "~"):
        if raw.startswith("="):
            fraction, raw = 1.0, raw[1:]
        else:
            fraction, raw = _weight(raw)
        text, _ = q.answer_and_feedback(raw)
        parsed.append((text, fraction))
    kept = choice_answers(parsed, single, q.note, _FULL)
    if kept is None:
        return None
    choices, right = kept
    return ChoiceItem(prompt=prompt, choices=choices, correct=right, multiple=not single, **common)


def _matching(q: _Question, prompt: str, body: str, common: Common) -> AnyItem | None:
    pairs: list[tuple[str, str]] = []
    extras: list[str] = []
    for raw in _split_answers(body, "="):
        if "->" not in raw:
            q.note("a matching answer without '->'; skipped")
            return None
        left, _, right = raw.partition("->")
        left_text, right_text = q.text(left), _release(right).strip()
        if left_text:
            pairs.append((left_text, right_text))
        else:
            extras.append(right_text)
    kept = matching_pairs(pairs, extras, q.note)
    if kept is None:
        return None
    return MatchingItem(prompt=prompt, pairs=kept, **common)


def _short(q: _Question, before: str, after: str, body: str, common: Common) -> AnyItem | None:
    def scored(raw: str) -> tuple[str, float]:
        fraction, rest = _weight(raw) if _WEIGHT.match(raw) else (1.0, raw)
        return q.answer_and_feedback(rest)[0], fraction

    # A generator, so that each answer's feedback note comes before its credit note, as read.
    accepted = full_credit((scored(raw) for raw in _split_answers(body, "=")), q.note, _FULL)
    if not accepted:
        q.note("no answer earns full credit; skipped")
        return None
    if not after.strip():
        return ShortItem(prompt=q.text(before), answers=tuple(accepted), **common)
    # Answers in the middle of a sentence: the missing-word form, a cloze with one blank.
    if any("|" in a or "{{" in a or "}}" in a for a in accepted):
        q.note("an answer holds '|' or '{{' or '}}', which a cloze blank cannot; skipped")
        return None
    head, tail = q.text(before + "\ue000"), q.text("\ue000" + after, q.format)
    parts = (head.removesuffix("\ue000"), tuple(accepted), tail.removeprefix("\ue000"))
    if any("{{" in p or "}}" in p for p in (parts[0], parts[2])):
        # Our cloze text marks gaps with {{ }} and has no escape for them: the literal braces
        # would become gaps of their own.
        q.note(
            "the text holds a literal '{{' or '}}', which our cloze would read as a gap; skipped"
        )
        return None
    return ClozeItem(parts=parts, **common)
