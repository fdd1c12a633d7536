"""The bank format v1 as data: every key of every record and question type, once.

The loader walks a file with these tables, `studyapp schema` turns them into JSON Schema and
docs/question-format.md shows them as tables, so the three cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from studyapp.bank.itemcheck.catalogue import CODES as CHECK_CODES
from studyapp.model import ACTOR_KINDS, FORMAT_VERSION, QUESTION_TYPES, QuestionBase

# Value kinds. Each names how a YAML node becomes a Python value.
TEXT = "text"  # a scalar, kept as written (so `1914` and `yes` stay text)
SLUG = "slug"  # text matching SLUG_PATTERN
BOOL = "bool"  # true/false (YAML 1.1 spellings yes/no/on/off too)
VERSION = "version"  # the integer format version
TEXTS = "texts"  # a list of text
SLUGS = "slugs"  # a list of slugs
PASSAGES = "passages"  # text or a list of text
ENUM = "enum"  # text, one of Field.choices
RECORD = "record"  # a mapping with the fields of Field.record
ACTORS = "actors"  # a mapping from actor id to an actor record
PAIRS = "pairs"  # a list of [left, right] lists of text
QUESTIONS = "questions"  # a list of questions
CODES = "codes"  # a list of item-check codes, each one of Field.choices
RECORDS = "records"  # a list of mappings, each with the fields of Field.record

# The plain words a BOOL field reads, in any case: YAML 1.1's booleans. The loader and the
# JSON Schema both take them from here.
BOOL_WORDS: Mapping[str, bool] = MappingProxyType(
    {
        "true": True,
        "yes": True,
        "on": True,
        "y": True,
        "false": False,
        "no": False,
        "off": False,
        "n": False,
    }
)

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SLUG_RE = re.compile(SLUG_PATTERN)
# An ISO 8601 calendar date, or its month, or its year: what the timeline can order by.
DATE_RE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: str
    help: str
    required: bool = False
    min_items: int = 0
    choices: tuple[str, ...] = ()
    record: tuple[Field, ...] = ()


@dataclass(frozen=True, slots=True)
class TypeSpec:
    name: str
    cls: type[QuestionBase]
    summary: str
    graded: str
    fields: tuple[Field, ...]  # the type's own fields, after the common ones
    example: str

    @property
    def all_fields(self) -> tuple[Field, ...]:
        return (*COMMON_FIELDS, *self.fields)


ACTOR_FIELDS = (
    Field("name", TEXT, "the name shown to learners", required=True),
    Field("role", TEXT, "e.g. President of France; shown beside the name"),
    Field(
        "kind", ENUM, "person (the default), country, organization or group", choices=ACTOR_KINDS
    ),
)

SOURCE_FIELDS = (
    Field("title", TEXT, "the title of the article or document"),
    Field("url", TEXT, "where the original can be read"),
    Field(
        "file",
        TEXT,
        "the text of the source, relative to the bank file and inside its folder; "
        "evidence passages are checked against it",
    ),
    Field(
        "date",
        TEXT,
        "when the source was published, as YYYY-MM-DD (or YYYY-MM, or YYYY); places the "
        "bank's stances on the positions timeline",
    ),
)

STANCE_FIELDS = (
    Field(
        "label",
        TEXT,
        "when it held, shown after 'Before ·' or 'After ·', e.g. 'In 2023' or 'Under the "
        "previous government'",
        required=True,
    ),
    Field("stance", TEXT, "what the position was", required=True),
    Field(
        "evidence",
        PASSAGES,
        "the passage (or passages) of the source that show this stance; they count as the "
        "question's evidence too",
    ),
    Field(
        "cue",
        TEXT,
        "when the source only implies this stance, the word or phrase that implies it "
        "(e.g. 'In contrast'), found in this stance's evidence; the stance is shown as implied",
    ),
    Field(
        "date",
        TEXT,
        "when the stance was held or reported, as YYYY-MM-DD (or YYYY-MM, or YYYY); by default "
        "the source's date for the later stance; places it on the positions timeline",
    ),
)

POSITION_FIELDS = (
    Field("id", SLUG, "unique among the bank's positions; questions name it", required=True),
    Field("actor", SLUG, "the actor id whose position this is", required=True),
    Field("issue", TEXT, "what the position is about, as in a position_shift", required=True),
    Field(
        "stances",
        RECORDS,
        "the actor's stances on the issue, earliest first, each as in a position_shift",
        required=True,
        min_items=1,
        record=STANCE_FIELDS,
    ),
)

COMMON_FIELDS = (
    Field("id", SLUG, "unique in the bank; progress is kept under it", required=True),
    Field(
        "type", ENUM, "the kind of question", required=True, choices=tuple(map(str, QUESTION_TYPES))
    ),
    Field("explanation", TEXT, "shown after answering (Markdown; HTML is not rendered)"),
    Field(
        "evidence",
        PASSAGES,
        "the passage (or list of passages) of the source that settles the answer",
    ),
    Field("tags", TEXTS, "labels for choosing what to study"),
    Field("aliases", SLUGS, "earlier ids of this question, so that renaming keeps progress"),
    Field(
        "allow",
        CODES,
        "item-writing checks not to run on this question, where the flaw is intended "
        "(see Item-writing checks)",
        choices=CHECK_CODES,
    ),
)

_PROMPT = Field("prompt", TEXT, "the question put to the learner", required=True)
_OPTIONAL_PROMPT = Field("prompt", TEXT, "replaces the standard question wording")
_SHUFFLE = Field("shuffle", BOOL, "show the choices in random order (default true)")

TYPES: tuple[TypeSpec, ...] = (
    TypeSpec(
        "attribution",
        QUESTION_TYPES["attribution"],
        "Who said it: the learner picks the speaker of a quote.",
        "right when the speaker is chosen",
        (
            Field("quote", TEXT, "the words as spoken", required=True),
            Field("speaker", SLUG, "the actor id of who said it", required=True),
            Field("context", TEXT, "when or about what, e.g. 'on the minerals deal'"),
            Field(
                "distractors",
                SLUGS,
                "actor ids offered as wrong answers; by default up to three other people "
                "of the bank",
            ),
            _OPTIONAL_PROMPT,
        ),
        """\
- id: quote-forget-nato
  type: attribution
  quote: NATO—you can forget about it.
  speaker: trump
  context: on Ukraine joining NATO
  distractors: [putin, macron]
""",
    ),
    TypeSpec(
        "position_shift",
        QUESTION_TYPES["position_shift"],
        "How an actor's position changed: the learner places a stance before and after.",
        "both stances right is right; one of the two is half credit",
        (
            Field(
                "position",
                SLUG,
                "a position id of the bank's `positions`: the actor, issue and stances (its "
                "first as `before`, its last as `after`) are taken from it unless written here",
            ),
            Field(
                "actor",
                SLUG,
                "the actor id whose position moved (required unless `position` is given)",
            ),
            Field(
                "issue",
                TEXT,
                "what the position is about, shown after the actor and 'on': "
                "'United States on Ukraine joining NATO' (required unless `position` is given)",
            ),
            Field(
                "before",
                RECORD,
                "the earlier position (required unless `position` is given)",
                record=STANCE_FIELDS,
            ),
            Field(
                "after",
                RECORD,
                "the later position (required unless `position` is given)",
                record=STANCE_FIELDS,
            ),
            Field(
                "distractors",
                TEXTS,
                "other stances offered as wrong answers (at least two)",
                required=True,
                min_items=2,
            ),
            _OPTIONAL_PROMPT,
        ),
        """\
- id: shift-us-guarantees
  type: position_shift
  actor: usa
  issue: security guarantees for Ukraine
  before: {label: Under the previous administration, stance: Long-term support}
  after: {label: Now, stance: No guarantees; Europe should lead}
  distractors: [Full NATO membership, Troops on the ground]
""",
    ),
    TypeSpec(
        "multiple_choice",
        QUESTION_TYPES["multiple_choice"],
        "One right answer among several choices.",
        "right when the one answer is chosen",
        (
            _PROMPT,
            Field("choices", TEXTS, "the options, two or more", required=True, min_items=2),
            Field("answer", TEXT, "the right choice, written exactly as in choices", required=True),
            _SHUFFLE,
        ),
        """\
- id: minerals-purpose
  type: multiple_choice
  prompt: What would the US gain access to under the agreement?
  choices: [Rare earth minerals, Ports on the Black Sea, Gas pipelines]
  answer: Rare earth minerals
""",
    ),
    TypeSpec(
        "multiple_select",
        QUESTION_TYPES["multiple_select"],
        "Several right answers among the choices.",
        "each right pick counts, each wrong pick cancels one; partial credit",
        (
            _PROMPT,
            Field("choices", TEXTS, "the options, two or more", required=True, min_items=2),
            Field(
                "answers",
                TEXTS,
                "the right choices, each written exactly as in choices",
                required=True,
                min_items=1,
            ),
            _SHUFFLE,
        ),
        """\
- id: europe-leaders
  type: multiple_select
  prompt: Which leaders does the article mention?
  choices: [Emmanuel Macron, Keir Starmer, Angela Merkel]
  answers: [Emmanuel Macron, Keir Starmer]
""",
    ),
    TypeSpec(
        "true_false",
        QUESTION_TYPES["true_false"],
        "A statement the learner judges true or false.",
        "right when judged correctly",
        (
            Field("statement", TEXT, "the statement to judge", required=True),
            Field("answer", BOOL, "true or false", required=True),
        ),
        """\
- id: guarantees-offered
  type: true_false
  statement: The United States offered Ukraine formal security guarantees.
  answer: false
""",
    ),
    TypeSpec(
        "matching",
        QUESTION_TYPES["matching"],
        "Pairs to put back together: each left item with its right one.",
        "each pair counts; partial credit",
        (
            _PROMPT,
            Field(
                "pairs",
                PAIRS,
                "two or more [left, right] pairs, as written they are right; a right item "
                "may be the match of several left ones (many to one)",
                required=True,
                min_items=2,
            ),
        ),
        """\
- id: leaders-countries
  type: matching
  prompt: Match each leader with their country.
  pairs:
    - [Emmanuel Macron, France]
    - [Keir Starmer, United Kingdom]
""",
    ),
    TypeSpec(
        "ordering",
        QUESTION_TYPES["ordering"],
        "Items to put in order.",
        "items already in the right relative order earn credit; partial credit",
        (
            _PROMPT,
            Field(
                "items", TEXTS, "two or more items, in the right order", required=True, min_items=2
            ),
        ),
        """\
- id: events-order
  type: ordering
  prompt: Put these in the order the article reports them.
  items: [The cabinet meeting, Zelenskyy's visit to Washington]
""",
    ),
    TypeSpec(
        "cloze",
        QUESTION_TYPES["cloze"],
        "A text with gaps to fill in by typing.",
        "each gap counts; typed answers are compared leniently (see below)",
        (
            Field(
                "text",
                TEXT,
                "the text, each gap written {{answer}} or {{answer|other accepted}}",
                required=True,
            ),
        ),
        """\
- id: minerals-cloze
  type: cloze
  text: The deal would give the US access to Ukraine's {{rare earth|rare-earth}} minerals.
""",
    ),
    TypeSpec(
        "short_answer",
        QUESTION_TYPES["short_answer"],
        "A question answered by typing a word or a few.",
        "typed answers are compared leniently (see below)",
        (
            _PROMPT,
            Field(
                "answers",
                TEXTS,
                "the accepted answers, the first shown as the right one",
                required=True,
                min_items=1,
            ),
            Field(
                "actor",
                SLUG,
                "the actor id the answer is: the actor's name, surname, role and a title "
                "before the name are accepted too",
            ),
        ),
        """\
- id: visitor
  type: short_answer
  prompt: Whom did Trump call "a very smart guy"?
  answers: [Vladimir Putin]
  actor: putin
""",
    ),
)

TYPES_BY_NAME: Mapping[str, TypeSpec] = MappingProxyType({t.name: t for t in TYPES})

BANK_FIELDS = (
    Field(
        "studyapp",
        VERSION,
        f"the format version; only {FORMAT_VERSION} exists today",
        required=True,
    ),
    Field(
        "id", SLUG, "lowercase letters, digits and dashes; progress is kept under it", required=True
    ),
    Field("title", TEXT, "shown in the library", required=True),
    Field("description", TEXT, "one or two sentences about the bank"),
    Field("language", TEXT, "a BCP 47 language tag such as en or fr-CA"),
    Field("tags", TEXTS, "labels that apply to every question"),
    Field("source", RECORD, "where the questions come from", record=SOURCE_FIELDS),
    Field(
        "story",
        SLUG,
        "an id shared by the banks that tell one story over several articles; the positions "
        "timeline follows each actor's stances through them, in the order of source.date",
    ),
    Field(
        "actors",
        ACTORS,
        "the people, countries and organisations the questions name, by id",
        record=ACTOR_FIELDS,
    ),
    Field(
        "positions",
        RECORDS,
        "stances of actors on issues over time, each written once: position_shift questions "
        "and the positions timeline are built from them (see Positions)",
        record=POSITION_FIELDS,
    ),
    Field(
        "allow",
        CODES,
        "item-writing checks not to run on any question of the bank (see Item-writing checks)",
        choices=CHECK_CODES,
    ),
    Field("questions", QUESTIONS, "the questions, at least one", required=True, min_items=1),
)

KIND_WORDS = {
    TEXT: "text",
    SLUG: "an id (lowercase letters, digits and dashes)",
    BOOL: "true or false",
    VERSION: "a whole number",
    TEXTS: "a list of text",
    SLUGS: "a list of ids",
    PASSAGES: "text or a list of text",
    ENUM: "one of the listed words",
    RECORD: "a mapping",
    ACTORS: "a mapping from ids to actors",
    PAIRS: "a list of [left, right] pairs",
    QUESTIONS: "a list of questions",
    CODES: "a list of check codes",
    RECORDS: "a list of mappings",
}
