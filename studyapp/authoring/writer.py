"""The draft bank as YAML text: block style, one comment per question saying where it came from
and, where the rules guessed, what to check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from studyapp.authoring.article import Article
from studyapp.authoring.people import Person, slug
from studyapp.authoring.positions import Found
from studyapp.authoring.shift_writer import position_questions, positions_block
from studyapp.authoring.speakers import Attributed
from studyapp.authoring.yamltext import comment, scalar

DRAFT_TAG = "draft"
MAX_DISTRACTORS = 3


@dataclass(frozen=True, slots=True)
class BankHeader:
    id: str
    title: str
    source_title: str
    source_file: str
    tags: tuple[str, ...]
    schema: str


def question_id(speaker: str, quote: str, taken: set[str]) -> str:
    words = slug(quote).split("-")[:6]
    base = f"{speaker}-{'-'.join(words)}"[:48].rstrip("-")
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def distractors(speaker: str, people: dict[str, Person], context: str = "") -> list[str]:
    """The other people most talked about in the article, first mentioned first on ties; not
    the person the quote is about ("said of Putin"), whose name the context already shows."""
    order = {pid: i for i, pid in enumerate(people)}
    about = context.removeprefix("on ")
    others = [
        p
        for p in people.values()
        if p.id != speaker and not (about and about in (p.name, p.surname))
    ]
    others.sort(key=lambda p: (-len(p.mentions), order[p.id]))
    return [p.id for p in others[:MAX_DISTRACTORS]]


def _key(indent: int, key: str, value: str) -> str:
    return f"{' ' * indent}{key}: {scalar(value, indent)}"


def _evidence(article: Article, result: Attributed) -> list[str]:
    indexes = sorted({*result.uses, result.quote.paragraph})
    return [article.paragraphs[i].text for i in indexes]


def _question(
    article: Article, result: Attributed, people: dict[str, Person], taken: set[str]
) -> list[str]:
    q = result.quote
    line = article.paragraphs[q.paragraph].line
    speaker = result.speaker or "speaker"
    out = comment(f"article line {line}; speaker: {result.how}", 2)
    if result.note:
        out += comment(f"CHECK: {result.note}", 2)
    out.append(f"  - id: {question_id(speaker, q.text, taken)}")
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
    out += [f"      - {scalar(passage, 6)}" for passage in _evidence(article, result)]
    out.append("    tags:")
    out.append(f"      - {DRAFT_TAG}")
    return out


def _unattributed(article: Article, result: Attributed) -> list[str]:
    """A question left commented out: valid YAML once the instructor names the speaker."""
    q = result.quote
    line = article.paragraphs[q.paragraph].line
    body = [
        "- id: REPLACE-ME",
        "  type: attribution",
        f"  quote: {scalar(q.text, 2)}",
        "  speaker: REPLACE-ME",
        "  evidence:",
        *[f"    - {scalar(p, 4)}" for p in _evidence(article, result)],
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


def render(
    header: BankHeader,
    article: Article,
    people: dict[str, Person],
    results: Sequence[Attributed],
    found: Found | None = None,
) -> str:
    out = [f"# yaml-language-server: $schema={header.schema}"]
    out += comment(
        f"Draft written by `studyapp draft` from {article.path.name}. Every question is tagged "
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
    if people:
        out.append("actors:")
        for person in people.values():
            out.append(f"  {person.id}:")
            out.append(_key(4, "name", person.name))
            if person.role:
                out.append(_key(4, "role", person.role))
        # Countries and organisations whose positions the article reports.
        for holder in found.holders.found.values() if found else ():
            if holder.kind != "person" and holder.id not in people:
                out.append(f"  {holder.id}:")
                out.append(_key(4, "name", holder.name))
                out.append(f"    kind: {holder.kind}")
    else:
        out += comment("CHECK: no people found in the article; add actors here", 0)
    if found is not None:
        out += positions_block(found, set(people) | set(found.holders.found))
    out.append("questions:")
    taken: set[str] = set()
    written = 0
    for result in results:
        out.append("")
        if result.speaker:
            out += _question(article, result, people, taken)
            written += 1
        else:
            out += _unattributed(article, result)
    if found is not None:
        shifts = position_questions(article, found, taken)
        out += shifts
        written += sum(1 for row in shifts if row.startswith("  - id: "))
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
