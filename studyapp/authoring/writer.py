"""The draft bank as YAML text: block style, one comment per question saying where it came from
and, where the rules guessed, what to check."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from studyapp.authoring.article import Article
from studyapp.authoring.facts_writer import fact_questions, short_answer_questions
from studyapp.authoring.people import Person, slug
from studyapp.authoring.positions import Found
from studyapp.authoring.shift_writer import position_questions, positions_block
from studyapp.authoring.speakers import Attributed
from studyapp.authoring.yamltext import comment, scalar
from studyapp.printable import readable_name

DRAFT_TAG = "draft"
MAX_DISTRACTORS = 3
# A long paragraph is cited around its quote only: at most this much either side, and less when
# the paragraph holds several quotes, which share it. The evidence of one paragraph's questions
# is then at most its quotes and the paragraph once more, however many quotes it holds (1,000
# in one paragraph wrote a 55 MB bank, each citing the whole of it).
EVIDENCE_CONTEXT = 400
_SENTENCE_ENDS = (". ", "? ", "! ", ".” ", "?” ", "!” ")


@dataclass(frozen=True, slots=True)
class BankHeader:
    id: str
    title: str
    source_title: str
    source_file: str
    tags: tuple[str, ...]
    schema: str


def question_id(
    speaker: str, quote: str, taken: set[str], counters: dict[str, int] | None = None
) -> str:
    """`counters`: for each base, the next number to try: a thousand quotes opening alike
    would otherwise each count up from 2 again."""
    words = slug(quote).split("-")[:6]
    base = f"{speaker}-{'-'.join(words)}"[:48].rstrip("-")
    counters = {} if counters is None else counters
    ident, n = base, counters.get(base, 2)
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    counters[base] = n
    taken.add(ident)
    return ident


def ranked(people: dict[str, Person]) -> list[Person]:
    """The people most talked about in the article first, first mentioned first on ties."""
    order = {pid: i for i, pid in enumerate(people)}
    return sorted(people.values(), key=lambda p: (-len(p.mentions), order[p.id]))


# How far down the ranking a question looks for its wrong answers: the speaker and the people
# the context names are passed over, and a question costs the same however many people there are.
_LOOK_AHEAD = MAX_DISTRACTORS + 50


def distractors(speaker: str, people: list[Person], context: str = "") -> list[str]:
    """From `ranked` people, the first few that are not the speaker nor the person the quote
    is about ("said of Putin"), whose name the context already shows."""
    about = context.removeprefix("on ")
    others = [
        p.id
        for p in people[:_LOOK_AHEAD]
        if p.id != speaker and not (about and about in (p.name, p.surname))
    ]
    return others[:MAX_DISTRACTORS]


def _key(indent: int, key: str, value: str) -> str:
    return f"{' ' * indent}{key}: {scalar(value, indent)}"


def _evidence(article: Article, result: Attributed, sharing: int = 1) -> list[str]:
    """`sharing`: how many quotes the quote's paragraph holds."""
    q = result.quote
    own = article.paragraphs[q.paragraph].text
    context = min(EVIDENCE_CONTEXT, len(own) // (2 * sharing))
    out = []
    for index in sorted({*result.uses, q.paragraph}):
        text = article.paragraphs[index].text
        if index == q.paragraph:
            out.append(passage_around(text, q.start, q.end, context))
        else:
            # The paragraph before, which the attribution rests on, is cited from its end,
            # where the speaker is introduced; it is the quote's own paragraph's size at most.
            out.append(passage_around(text, len(text), len(text), min(len(own), context * 2)))
    return out


def passage_around(text: str, start: int, end: int, context: int = EVIDENCE_CONTEXT) -> str:
    """`text[start:end]` with up to `context` characters either side, widened to whole
    sentences where they fit and cut at a space otherwise; the whole text when it is short."""
    if len(text) <= end - start + 2 * context:
        return text
    left = max(0, start - context)
    if left:
        sentence = max(text.rfind(mark, left, start) for mark in _SENTENCE_ENDS)
        space = text.find(" ", left, start)
        if sentence >= 0:
            left = text.index(" ", sentence) + 1
        elif space >= 0:
            left = space + 1
        else:
            left = start
    right = min(len(text), end + context)
    if right < len(text):
        sentence = min(
            (i for mark in _SENTENCE_ENDS if (i := text.find(mark, end, right)) >= 0), default=-1
        )
        space = text.rfind(" ", end, right)
        if sentence >= 0:
            right = text.index(" ", sentence)
        elif space >= 0:
            right = space
        else:
            right = end
    return text[left:right].strip()


def _question(
    article: Article,
    result: Attributed,
    people: list[Person],
    taken: set[str],
    sharing: int,
    counters: dict[str, int],
) -> list[str]:
    q = result.quote
    line = article.paragraphs[q.paragraph].line
    speaker = result.speaker or "speaker"
    out = comment(f"article line {line}; speaker: {result.how}", 2)
    if result.note:
        out += comment(f"CHECK: {result.note}", 2)
    out.append(f"  - id: {question_id(speaker, q.text, taken, counters)}")
    out.append("    type: attribution")
    out.append(_key(4, "quote", q.text))
    out.append(f"    speaker: {speaker}")
    if result.context:
        out.append(_key(4, "context", result.context))
    others = distractors(speaker, people, result.context)
    if others:
        out.append("    distractors:")
        out += [f"      - {d}" for d in others]
    else:
        out += comment("CHECK: nobody else is named in the article; add actors to choose from", 4)
    out.append("    evidence:")
    out += [f"      - {scalar(passage, 6)}" for passage in _evidence(article, result, sharing)]
    out.append("    tags:")
    out.append(f"      - {DRAFT_TAG}")
    return out


def _unattributed(article: Article, result: Attributed, sharing: int) -> list[str]:
    """A question left commented out: valid YAML once the instructor names the speaker."""
    q = result.quote
    line = article.paragraphs[q.paragraph].line
    body = [
        "- id: REPLACE-ME",
        "  type: attribution",
        f"  quote: {scalar(q.text, 2)}",
        "  speaker: REPLACE-ME",
        "  evidence:",
        *[f"    - {scalar(p, 4)}" for p in _evidence(article, result, sharing)],
        "  tags:",
        f"    - {DRAFT_TAG}",
    ]
    out = comment(
        f"UNATTRIBUTED (article line {line}): {result.note}. Set the speaker (an actor id "
        "above, adding the actor if needed) and remove the leading '# ' to use it.",
        2,
    )
    for row in body:
        out += [f"  # {line_}" for line_ in row.split("\n")]
    return out


def _shown(rendered: str) -> str:
    """What the learner reads of the questions written so far: every text but the evidence,
    ids and tags (which the learner does not see)."""
    data = yaml.safe_load(rendered) or {}
    seen: list[str] = []

    def walk(node: object, key: str = "") -> None:
        if key in ("evidence", "id", "tags"):
            return
        if isinstance(node, str):
            seen.append(node)
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, str(k))
        elif isinstance(node, list):
            for v in node:
                walk(v, key)

    walk(data.get("questions") or [])
    return "\n".join(seen)


def render(
    header: BankHeader,
    article: Article,
    people: dict[str, Person],
    results: Sequence[Attributed],
    found: Found | None = None,
) -> str:
    out = [f"# yaml-language-server: $schema={header.schema}"]
    out += comment(
        f"Draft written by `studyapp draft` from {readable_name(article.path.name)}. Every "
        "question is tagged "
        f"'{DRAFT_TAG}': review it, fix what a CHECK comment points at, then remove the tag.",
        0,
    )
    out += ["studyapp: 1", f"id: {header.id}", _key(0, "title", header.title)]
    out.append(
        _key(0, "description", f"Who said what, and whose positions moved, in “{header.title}”.")
    )
    if header.tags:
        out.append("tags:")
        out += [f"  - {t}" for t in header.tags]
    out += ["source:", _key(2, "title", header.source_title), _key(2, "file", header.source_file)]
    # Countries and organisations whose positions the article reports are actors too, with
    # or without people beside them: a shift of "the FTC" names an actor the bank must hold.
    groups = [h for h in (found.holders.found.values() if found else ()) if h.kind != "person"]
    groups = [h for h in groups if h.id not in people]
    if people or groups:
        out.append("actors:")
        for person in people.values():
            out.append(f"  {person.id}:")
            out.append(_key(4, "name", person.name))
            if person.role:
                out.append(_key(4, "role", person.role))
            if person.kind != "person":
                out.append(f"    kind: {person.kind}")
        for holder in groups:
            out.append(f"  {holder.id}:")
            out.append(_key(4, "name", holder.name))
            out.append(f"    kind: {holder.kind}")
    if not people:
        out += comment("CHECK: no people found in the article; add actors here", 0)
    if found is not None:
        out += positions_block(found, set(people) | set(found.holders.found))
    out.append("questions:")
    taken: set[str] = set()
    counters: dict[str, int] = {}
    order = ranked(people)
    sharing = Counter(r.quote.paragraph for r in results)
    written = 0
    for result in results:
        out.append("")
        share = sharing[result.quote.paragraph]
        if result.speaker:
            out += _question(article, result, order, taken, share, counters)
            written += 1
        else:
            out += _unattributed(article, result, share)
    if found is not None:
        shifts = position_questions(article, found, taken)
        out += shifts
        written += sum(1 for row in shifts if row.startswith("  - id: "))
    # Matching, cloze and true/false items from the facts the article states.
    facts = fact_questions(article, people, taken, lambda: _shown("\n".join(out)))
    out += facts
    written += sum(1 for row in facts if row.startswith("  - id: "))
    # Short answers on the organisations it names, unless another question shows the name.
    orgs = (
        [h.name for h in found.holders.found.values() if h.kind == "organization"] if found else []
    )
    answers = short_answer_questions(article, taken, lambda: _shown("\n".join(out)), orgs)
    out += answers
    written += sum(1 for row in answers if row.startswith("  - id: "))
    if not written:
        out.append("")
        out += comment("CHECK: no quotation could be attributed; this example keeps the bank", 2)
        out += comment("valid until you write questions of your own.", 2)
        out += [
            "  - id: replace-me",
            "    type: true_false",
            "    statement: This bank has questions of its own yet.",
            "    answer: false",
            "    tags:",
            f"      - {DRAFT_TAG}",
        ]
    return "\n".join(out) + "\n"
