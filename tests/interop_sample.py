"""A bank with one question of every kind and text chosen to break careless writers: quotes,
braces, GIFT's reserved characters, "]]>", line breaks, lines that look like Aiken choices."""

from __future__ import annotations

from types import MappingProxyType

from studyapp.model import (
    Actor,
    Attribution,
    Bank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    PositionShift,
    ShortAnswer,
    Stance,
    TrueFalse,
)

HOSTILE = 'He said "~no = yes" {maybe} #1: a\\b ]]> <b>bold</b> & more'

ACTORS = MappingProxyType(
    {
        "trump": Actor("trump", "Donald Trump", "President of the United States"),
        "zelensky": Actor("zelensky", "Volodymyr Zelensky", "President of Ukraine"),
        "rutte": Actor("rutte", "Mark Rutte", "NATO Secretary General"),
        "usa": Actor("usa", "United States", kind="country"),
    }
)


def sample_bank(path: str = "sample.yaml") -> Bank:
    questions = (
        Attribution(
            id="who-said-deal",
            quote="We will make a deal; it's {very} close.",
            speaker="trump",
            context="on the talks",
            explanation="Said at the press conference.",
            evidence=('a passage with "quotes" and ]]> inside', "second passage"),
            line=10,
        ),
        PositionShift(
            id="us-guarantees",
            actor="usa",
            issue="security guarantees",
            before=Stance("in February", "Guarantees are on the table"),
            after=Stance("in March", "No guarantees: Europe's job"),
            distractors=("Troops on the ground", "NATO membership now"),
            line=20,
        ),
        MultipleChoice(
            id="mc-hostile",
            prompt="A. Lincoln asked:\nwhich = right?",
            choices=(HOSTILE, "B. plain", "ANSWER: C", "%50% off"),
            answer=HOSTILE,
            explanation="Line one\nline two: {x}",
            tags=("hostile", "quotes"),
            line=30,
        ),
        MultipleSelect(
            id="ms-three",
            prompt="Which are NATO members?",
            choices=("France", "Ukraine", "Poland", "Russia", "Norway"),
            answers=("France", "Poland", "Norway"),
            line=40,
        ),
        TrueFalse(
            id="tf-one",
            statement="ANSWER: true is not a choice line",
            answer=False,
            explanation="# not a heading ####",
            line=50,
        ),
        Matching(
            id="match-capitals",
            prompt="Match each country to its capital.",
            pairs=(("Ukraine", "Kyiv"), ("Poland: the east", "Warsaw = W"), ("France", "Paris")),
            line=60,
        ),
        Ordering(
            id="order-events",
            prompt="Put in order.",
            items=("First", "Second", "Third"),
            line=70,
        ),
        Cloze(
            id="cloze-one",
            text="The capital of Ukraine is {{Kyiv|Kiev}} on the Dnipro.",
            evidence=("Kyiv, the capital",),
            line=80,
        ),
        Cloze(
            id="cloze-two",
            text="{{Kyiv}} and {{Warsaw}} are capitals.",
            line=90,
        ),
        ShortAnswer(
            id="short-one",
            prompt="Who leads NATO?\n(family name)",
            answers=("Rutte", "Mark Rutte"),
            explanation="Since 2024.",
            line=100,
        ),
    )
    return Bank(
        id="sample-bank",
        title='Sample: quotes "and" ]]> braces {}',
        questions=questions,
        path=path,
        actors=ACTORS,
    )
