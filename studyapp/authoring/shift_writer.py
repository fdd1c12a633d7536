"""Drafted shifts and stated positions as YAML: position_shift questions, and who-holds-this-view
multiple-choice questions from the positions the article states without a change.

Every stance and evidence sentence comes from the article (see `positions`); what the rules
inferred is said in a `# CHECK:` comment above the question.
"""

from __future__ import annotations

from studyapp.authoring.article import Article
from studyapp.authoring.cues import issue_words as words
from studyapp.authoring.people import slug
from studyapp.authoring.positions import End, Found, Position, Shift
from studyapp.authoring.yamltext import comment, scalar

DRAFT_TAG = "draft"
MAX_STANCE_DISTRACTORS = 3
MAX_CHOICES = 4


def _id(prefix: str, actor: str, issue: str, taken: set[str]) -> str:
    words_ = slug(issue).split("-")[:5]
    base = f"{prefix}-{actor}-{'-'.join(words_)}"[:56].rstrip("-")
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _end(key: str, end: End) -> list[str]:
    out = [f"    {key}:", f"      label: {scalar(end.label, 6)}"]
    out.append(f"      stance: {scalar(end.stance, 6)}")
    out.append(f"      evidence: {scalar(end.evidence, 6)}")
    if end.cue:
        out.append(f"      cue: {scalar(end.cue, 6)}")
    return out


def stance_distractors(shift: Shift, found: Found) -> list[str]:
    """Other stances the article states, on the same issue first (other actors' views), then
    the rest in the article's order; never one of the shift's own two."""
    own = {shift.before.stance.lower(), shift.after.stance.lower()}
    key = words(shift.issue)
    pool: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    texts = [(p.stance, p.sentence.paragraph) for p in found.positions]
    for other in found.shifts:
        if other is not shift:
            texts += [(e.stance, e.sentence.paragraph) for e in (other.before, other.after)]
    for text, paragraph in texts:
        low = text.lower()
        if low in own or low in seen:
            continue
        seen.add(low)
        pool.append((-len(key & words(text)), paragraph, text))
    pool.sort()
    return [text for _, _, text in pool[:MAX_STANCE_DISTRACTORS]]


def shift_question(article: Article, shift: Shift, found: Found, taken: set[str]) -> list[str]:
    line = article.paragraphs[shift.after.sentence.paragraph].line
    out = comment(f"article line {line}; the change is marked by “{shift.marker}”", 2)
    for name, end in (("earlier", shift.before), ("later", shift.after)):
        if end.implied:
            out += comment(
                f"CHECK: the {name} stance is implied by “{end.cue}”, not stated: check that "
                "the article means it",
                2,
            )
    distractors = stance_distractors(shift, found)
    if len(distractors) < 2:
        out += comment(
            "CHECK: the article states too few other stances to choose from; replace the "
            "generic distractors",
            2,
        )
        distractors += [f"Took no position on {shift.issue}", f"Left {shift.issue} to others"]
    out.append(f"  - id: {_id('shift', shift.actor, shift.issue, taken)}")
    out.append("    type: position_shift")
    out.append(f"    actor: {shift.actor}")
    out.append(f"    issue: {scalar(shift.issue, 4)}")
    out += _end("before", shift.before)
    out += _end("after", shift.after)
    out.append("    distractors:")
    out += [f"      - {scalar(d, 6)}" for d in distractors]
    out += ["    tags:", f"      - {DRAFT_TAG}"]
    return out


def view_question(
    article: Article, position: Position, found: Found, taken: set[str]
) -> list[str] | None:
    """ "Who, according to the article, …?" with the other actors as choices; None when the
    article names too few others to choose from."""
    holder = found.holders.holder(position.actor)
    others = [h.name for h in found.holders.found.values() if h.id != position.actor]
    if len(others) < 2 or " not " in f" {position.stance.lower()} ":
        return None  # a question asked with "not" is easily misread
    shown = " ".join(
        f"{e.label} {e.stance}" for shift in found.shifts for e in (shift.before, shift.after)
    )
    if holder.name in shown:
        return None  # a shift question would give the answer away
    choices = [holder.name, *others[: MAX_CHOICES - 1]]
    stance = position.stance[:1].lower() + position.stance[1:]
    line = article.paragraphs[position.sentence.paragraph].line
    out = comment(f"article line {line}; a stated position", 2)
    out.append(f"  - id: {_id('view', position.actor, position.issue, taken)}")
    out.append("    type: multiple_choice")
    out.append(f"    prompt: {scalar(f'Who, according to the article, {stance}?', 4)}")
    out.append("    choices:")
    out += [f"      - {scalar(c, 6)}" for c in choices]
    out.append(f"    answer: {scalar(holder.name, 4)}")
    out.append(f"    evidence: {scalar(position.sentence.text, 4)}")
    out += ["    tags:", f"      - {DRAFT_TAG}"]
    return out


def positions_block(found: Found, actors: set[str]) -> list[str]:
    """The stances the article states without a change, as the bank's `positions` data: the
    timeline shows them, and a later article's bank of the same story can add to them."""
    rows = [p for p in found.positions if p.actor in actors]
    if not rows:
        return []
    out = comment(
        "Positions the article states without a change. Add `date` to a stance when the "
        "article dates it, and `story:` with `source.date` above to follow them across articles.",
        0,
    )
    out.append("positions:")
    taken: set[str] = set()
    for p in rows:
        line_label = "Earlier" if p.earlier else "Stated"
        out.append(f"  - id: {_id('position', p.actor, p.issue, taken)}")
        out.append(f"    actor: {p.actor}")
        out.append(f"    issue: {scalar(p.issue, 4)}")
        out.append("    stances:")
        out.append(f"      - label: {line_label}")
        out.append(f"        stance: {scalar(p.stance, 8)}")
        out.append(f"        evidence: {scalar(p.sentence.text, 8)}")
    return out


def position_questions(article: Article, found: Found, taken: set[str]) -> list[str]:
    out: list[str] = []
    for shift in found.shifts:
        out.append("")
        out += shift_question(article, shift, found, taken)
    asked: set[object] = set()
    for position in found.positions:
        if position.sentence in asked:
            continue  # one sentence, one question: two would ask the same fact twice
        question = view_question(article, position, found, taken)
        if question is not None:
            asked.add(position.sentence)
            out.append("")
            out += question
    return out
