"""The item-writing checks as data: what each looks for, why it matters, how to fix it.

Each check follows one of the classic guidelines for writing test items (Haladyna, Downing and
Rodriguez's taxonomy of item-writing rules is the usual reference): a flaw that lets a
test-wise learner find the answer without knowing the article. The validator runs the
detector named by each code (detect.py, across.py), the bank format's `allow` key accepts the
codes listed here, and docs/question-format.md shows this table, so the three cannot drift.

Stdlib only: spec.py imports the codes, and the warm-cache start-up imports spec.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Scope(StrEnum):
    QUESTION = "question"  # judged from one question alone
    BANK = "bank"  # judged by comparing the questions of a bank


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    scope: Scope
    what: str  # what the check looks for
    why: str  # the cue it gives a test-wise learner
    fix: str  # how to fix it; also the end of the warning's message
    example: str  # a question (YAML list item) that the check flags
    types: tuple[str, ...]  # the kinds of question it looks at


_CHOICE = ("multiple_choice", "multiple_select", "position_shift")

CHECKS: tuple[Check, ...] = (
    Check(
        "longest-answer",
        Scope.QUESTION,
        "The right option is much longer than every wrong one (at least 1.4 times as long as "
        "the longest wrong option and 10 characters longer).",
        "Writers add detail to make the right answer exactly true; learners know that the "
        "longest option is often the right one.",
        "shorten the right option or give the wrong ones the same amount of detail",
        """\
- id: deal-purpose
  type: multiple_choice
  prompt: What does the agreement give the United States?
  choices:
    - Access to Ukraine's rare earth minerals for its aerospace industry
    - Ports
    - Gas pipelines
  answer: Access to Ukraine's rare earth minerals for its aerospace industry
""",
        _CHOICE,
    ),
    Check(
        "qualified-answer",
        Scope.QUESTION,
        "Only right options carry a hedging word (may, might, could, usually, often, some, "
        "most, probably …).",
        "A qualified statement is safer to be true, so learners pick the hedged option.",
        "hedge a wrong option too, or state the right one without the qualifier",
        """\
- id: troops-europe
  type: multiple_choice
  prompt: What did Macron suggest about Europe?
  choices:
    - It may send troops to secure an agreement
    - It will withdraw from the NATO alliance
    - It will stop buying Russian gas
  answer: It may send troops to secure an agreement
""",
        _CHOICE,
    ),
    Check(
        "above-option",
        Scope.QUESTION,
        "An option such as “all of the above” or “none of the above”.",
        "Spotting two right options is enough to pick “all of the above”, and “none of the "
        "above” tests only that the learner knows a wrong answer, not the right one.",
        "replace it with a plausible wrong answer of its own",
        """\
- id: leaders-named
  type: multiple_choice
  prompt: Which leader does the article quote?
  choices: [Donald Trump, Keir Starmer, None of the above]
  answer: Donald Trump
""",
        _CHOICE,
    ),
    Check(
        "answer-in-stem",
        Scope.QUESTION,
        "The prompt holds the right answer word for word (and no wrong option), or a cloze "
        "shows the word of a gap elsewhere in its text.",
        "The learner copies the answer from the question.",
        "reword the prompt so it does not contain the answer",
        """\
- id: visit-city
  type: short_answer
  prompt: Which city will Zelenskyy visit when he goes to Washington?
  answers: [Washington]
""",
        ("multiple_choice", "multiple_select", "short_answer", "cloze"),
    ),
    Check(
        "cue-other-question",
        Scope.BANK,
        "The answer to this question (a name, a number or a phrase of two or more words) is "
        "shown in the text of another question of the bank about the same thing (the two "
        "share two or more words besides the answer). Options of other questions do not "
        "count: they are shown beside wrong ones.",
        "Learners answer one question from the wording of another.",
        "reword the other question so that it does not show this answer, or ask this one "
        "differently",
        """\
- id: visitor
  type: short_answer
  prompt: Which president is to visit Washington?
  answers: [Zelenskyy]
- id: visit-city
  type: short_answer
  prompt: Which city will President Zelenskyy visit?
  answers: [Washington]
""",
        ("multiple_choice", "multiple_select", "short_answer", "cloze"),
    ),
    Check(
        "absolute-distractor",
        Scope.QUESTION,
        "Absolute or over-specific words (always, never, all, none, only, every, formal, "
        "already, unanimously …) appear in wrong options and in no right one.",
        "Sweeping claims are rarely true, so learners rule those options out unread.",
        "take the absolute word out of the wrong option, or use one in a right option too",
        """\
- id: deal-status
  type: multiple_choice
  prompt: What is the state of the minerals agreement?
  choices:
    - Zelenskyy is to finalise it in Washington
    - It has already been signed
    - It is a formal security guarantee
  answer: Zelenskyy is to finalise it in Washington
""",
        _CHOICE,
    ),
    Check(
        "absolute-false",
        Scope.BANK,
        "Across the bank's true/false questions, the statements with an absolute or "
        "over-specific word are all false.",
        "Learners learn to answer false whenever they read “always”, “never” or “formal”.",
        "write some true statements with such words, or word the false ones without them",
        """\
- id: troops-sent
  type: true_false
  statement: The US has always sent troops to guard its deals.
  answer: false
- id: deal-both
  type: true_false
  statement: Trump called the minerals deal good for both countries.
  answer: true
""",
        ("true_false",),
    ),
    Check(
        "grammar-cue",
        Scope.QUESTION,
        "The prompt ends in “a” or “an”, or in “is”/“are”, and only the right option fits "
        "that article or number.",
        "The grammar of the stem rules out the wrong options.",
        "end the prompt before the article (or write “a(n)”), or make every option fit it",
        """\
- id: body
  type: multiple_choice
  prompt: The US sided with Russia at the United Nations on a
  choices: [resolution, embargo, inquiry]
  answer: resolution
""",
        ("multiple_choice", "multiple_select"),
    ),
    Check(
        "negative-stem",
        Scope.QUESTION,
        "The prompt asks with “not”, “never” or “except” in lower case.",
        "Learners read past a small “not” and answer the opposite question.",
        "ask positively, or write the negative word in capitals (NOT, EXCEPT) so no one misses it",
        """\
- id: not-named
  type: multiple_choice
  prompt: Which leader is not named in the article?
  choices: [Angela Merkel, Keir Starmer, Emmanuel Macron]
  answer: Angela Merkel
""",
        ("multiple_choice", "multiple_select", "short_answer"),
    ),
    Check(
        "same-fact-twice",
        Scope.BANK,
        "Two questions with the same right answer and the same evidence passage that ask in "
        "the same way (both by choosing, or both by typing).",
        "The second question only repeats the first; a learner who has seen one has the "
        "other for free.",
        "drop one of them, or ask the fact the other way (typed instead of chosen)",
        """\
- id: visitor
  type: multiple_choice
  prompt: Who is to visit Washington?
  choices: [Volodymyr Zelenskyy, Keir Starmer, Emmanuel Macron]
  answer: Volodymyr Zelenskyy
  evidence: Zelenskyy is scheduled to visit Washington
- id: visitor-again
  type: multiple_choice
  prompt: Which president is scheduled to come to Washington?
  choices: [Volodymyr Zelenskyy, Vladimir Putin, Joe Biden]
  answer: Volodymyr Zelenskyy
  evidence: Zelenskyy is scheduled to visit Washington
""",
        ("attribution", "multiple_choice", "position_shift", "short_answer", "cloze"),
    ),
    Check(
        "verbatim-true",
        Scope.QUESTION,
        "A true statement whose words run on for eight words or more (or for most of the "
        "statement) exactly as in the source article.",
        "A learner recognises the article's sentence without understanding it.",
        "say it in other words than the article",
        """\
- id: confident
  type: true_false
  statement: Trump remains confident that his diplomatic approach is yielding results.
  answer: true
""",
        ("true_false",),
    ),
    Check(
        "context-names-speaker",
        Scope.QUESTION,
        "An attribution whose context or prompt names the speaker, or their office as given "
        "in `actors` when no other option holds it.",
        "The question tells who said it.",
        "describe the occasion without naming the speaker or their office",
        """\
- id: forget-nato
  type: attribution
  quote: NATO—you can forget about it.
  speaker: trump
  context: Trump, asked about Ukraine joining NATO
  distractors: [putin, macron]
""",
        ("attribution",),
    ),
    Check(
        "tf-balance",
        Scope.BANK,
        "A bank with six or more true/false questions of which three quarters or more have "
        "the same answer.",
        "Always answering the common answer scores well without knowing anything.",
        "rewrite some statements so that about as many are true as false",
        """\
- {id: a, type: true_false, statement: Trump spoke at a cabinet meeting., answer: true}
- {id: b, type: true_false, statement: Zelenskyy is to visit Washington., answer: true}
- {id: c, type: true_false, statement: The deal concerns rare earth minerals., answer: true}
- {id: d, type: true_false, statement: Biden backed NATO membership for Ukraine., answer: true}
- {id: e, type: true_false, statement: The US took the side of Russia in a UN vote., answer: true}
- {id: f, type: true_false, statement: Macron said Europe would stay out., answer: false}
""",
        ("true_false",),
    ),
    Check(
        "same-speaker",
        Scope.BANK,
        "Three or more attribution questions that all have the same speaker.",
        "Always picking that person is always right.",
        "add quotes by other people, or ask about this speaker in other kinds of question",
        """\
- {id: a, type: attribution, quote: NATO—you can forget about it., speaker: trump}
- {id: b, type: attribution, quote: He’s a very smart guy., speaker: trump}
- {id: c, type: attribution, quote: It’s a great deal for Ukraine., speaker: trump}
""",
        ("attribution",),
    ),
    Check(
        "repeated-option",
        Scope.QUESTION,
        "Two options of one question that differ only in case, spacing, punctuation or a "
        "leading “the”/“a”.",
        "The learner sees the same answer twice and can rule both out or in together.",
        "make each option a different answer",
        """\
- id: body-vote
  type: multiple_choice
  prompt: Where did the US side with Russia?
  choices: [the United Nations, United Nations., NATO]
  answer: the United Nations
""",
        ("multiple_choice", "multiple_select", "position_shift", "matching", "ordering"),
    ),
    Check(
        "too-few-pairs",
        Scope.QUESTION,
        "A matching question with only two pairs, or an ordering question with only two items.",
        "With two, a guess is right half the time.",
        "add a third pair or item, or ask it as a true/false or multiple choice question",
        """\
- id: order-two
  type: ordering
  prompt: Put these in the order the article reports them.
  items: [The cabinet meeting, Zelenskyy's visit to Washington]
""",
        ("matching", "ordering"),
    ),
)

CHECKS_BY_CODE = {c.code: c for c in CHECKS}
CODES: tuple[str, ...] = tuple(CHECKS_BY_CODE)

# The words behind the checks, lower case. Kept here beside the checks so that reading this
# file tells an instructor exactly what is looked for.
ABSOLUTES = frozenset(
    {
        "always",
        "never",
        "all",
        "none",
        "only",
        "every",
        "entirely",
        "completely",
        "totally",
        "absolutely",
        "wholly",
        "formal",
        "formally",
        "already",
        "unanimously",
        "unanimous",
        "nothing",
        "nobody",
        "everyone",
        "everybody",
        "everything",
        "certainly",
        "invariably",
    }
)
QUALIFIERS = frozenset(
    {
        "may",
        "might",
        "could",
        "usually",
        "often",
        "generally",
        "sometimes",
        "typically",
        "likely",
        "probably",
        "possibly",
        "perhaps",
        "partly",
        "largely",
        "mostly",
        "some",
        "most",  # not after "the": "the most" is a superlative, not a hedge
        "somewhat",
        "tends",
    }
)
NEGATIVES = frozenset({"not", "never", "except", "cannot", "none"})
# Small words that never make an answer distinctive on their own.
STOPWORDS = frozenset(
    """a an the of to in on at by for with from and or but as is are was were be been being
    it its this that these those he she they them his her their we our you your i me my
    do does did has have had will would shall should can could may might must not no yes
    both either neither each all any some one two than then so if into about over under
    after before up out off again also very just more most less much many such
    which what who whom whose where when why how""".split()  # noqa: SIM905 (a word list reads better as text)
)

# Words that make an answer worth guarding even alone and in lower case: a number ("three")
# or a month ("May", which folds to the small word "may").
NUMBERS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty forty
    fifty hundred thousand million billion""".split()  # noqa: SIM905 (a word list reads better as text)
)
MONTHS = frozenset(
    """January February March April May June July August September October November
    December""".split()  # noqa: SIM905 (a word list reads better as text)
)

# Thresholds, named so that the documentation above and the detectors agree.
LONGEST_RATIO = 1.4
LONGEST_MARGIN = 10  # characters
VERBATIM_RUN = 8  # words in a row as in the source
VERBATIM_SHARE = 0.7  # or this share of the statement's words, with at least VERBATIM_MIN
VERBATIM_MIN = 5
TF_MIN = 6
TF_SHARE = 0.75
SAME_SPEAKER_MIN = 3
CUE_SHARED = 2  # words the two questions share besides the answer: they are about one thing
CUE_COMMON_SHARE = 0.1  # an answer word in this share of the bank's text is no cue...
CUE_COMMON_MIN = 20  # ...when that is also more than this many pieces of text
FEW_PARTS = 2  # pairs or items: a guess is right 1 time in 2
