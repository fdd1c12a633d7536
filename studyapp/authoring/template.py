"""The commented template `studyapp new` writes: one valid example of each of the nine types.

The examples come from a short invented article, quoted in the evidence; the template names no
source file (there is none to check the evidence against), so it passes validation as written.
"""

from __future__ import annotations

from studyapp.authoring.yamltext import scalar

# Where editors (yaml-language-server) find the JSON Schema of the bank format: a file beside the
# bank, as the bundled banks have it; `studyapp schema > bank.schema.json` writes it.
SCHEMA_URL = "bank.schema.json"

TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# A question bank for studyapp, format version 1. Replace the examples with your own: keep
# the ones you need, delete the rest. `studyapp validate {filename}` checks the file and
# reports every problem as file:line:column.
#
# Keys common to every question: id (unique slug; progress is kept under it), type,
# explanation (Markdown, shown after answering), evidence (passage(s) that must occur in
# source.file), tags, aliases (earlier ids, so renaming keeps progress).

studyapp: 1                      # format version; only 1 exists
id: {bank_id}                    # lowercase slug; progress is keyed on it: do not change it later
title: {title}
description: What this bank covers, in a sentence.
language: en
tags:                            # apply to every question
  - example
source:
  title: Harbour towns agree to share one ferry
  # file: sources/article.txt    # the article beside this file; every evidence passage must
  #                              # then occur in it (whitespace and quote styles aside)

actors:                          # the people (or countries, organizations, groups) asked about
  reyes:
    name: Ana Reyes
    role: Mayor of Northport
  hale:
    name: Tom Hale
    role: Mayor of Southbay
  ortiz:
    name: Lena Ortiz
    role: Northport harbour master
  council:
    name: Southbay town council
    kind: group                  # person (default) | country | organization | group

questions:
  # Who said it: the learner picks the speaker among the speaker and the distractors
  # (default: up to 3 other people of the bank).
  - id: one-boat-one-timetable
    type: attribution
    quote: One boat, one timetable, half the cost.
    speaker: reyes
    context: on the shared ferry          # optional
    distractors:
      - hale
      - ortiz
    evidence:
      - '"One boat, one timetable, half the cost," said Northport mayor Ana Reyes.'

  # A change of position: the learner places the stance before and the stance after.
  - id: hale-on-the-ferry
    type: position_shift
    actor: hale
    issue: a single ferry for both towns
    before:
      label: last year
      stance: Opposed the plan
    after:
      label: on Tuesday
      stance: Agreed to run one ferry
    distractors:                          # at least 2 other stances
      - Asked for a referendum first
      - Wanted a bridge instead
    evidence:
      - >-
        Southbay mayor Tom Hale had opposed the plan last year, but changed his mind after a
        study of the costs.

  - id: what-was-agreed
    type: multiple_choice
    prompt: What did the two mayors agree on?
    choices:
      - A single ferry between the towns
      - A new bridge between the towns    # wrong options as detailed as the right one
      - Two ferries competing on the route
    answer: A single ferry between the towns
    shuffle: true                         # default; false keeps the order written here

  - id: which-towns
    type: multiple_select
    prompt: Which towns will the ferry link?
    choices:
      - Northport
      - Southbay
      - Eastwick
    answers:
      - Northport
      - Southbay

  - id: hale-always-agreed
    type: true_false
    statement: Tom Hale supported the ferry plan from the start.
    answer: false
    explanation: He opposed it last year and changed his mind after a study of the costs.

  - id: mayors-and-towns
    type: matching
    prompt: Match each mayor with their town.
    pairs:
      - [Ana Reyes, Northport]
      - [Tom Hale, Southbay]
      - [Lena Ortiz, Eastwick]            # three pairs at least, or it is too easy to guess

  - id: order-of-events
    type: ordering
    prompt: Put these events in the order they happened.
    items:                                # written in the correct order; shown shuffled
      - Hale opposes the plan
      - A study of the costs
      - The mayors agree on one ferry

  - id: what-convinced-hale
    type: cloze
    # Each {{{{blank}}}} is typed by the learner; {{{{a|b}}}} accepts either answer.
    text: Hale said the {{{{numbers|figures}}}} convinced him.

  - id: northport-mayor
    type: short_answer
    prompt: Who is the mayor of Northport?
    answers:
      - Ana Reyes
      - Reyes
"""


def render_template(bank_id: str, title: str, filename: str) -> str:
    return TEMPLATE.format(
        schema=SCHEMA_URL, bank_id=bank_id, title=scalar(title, 0), filename=filename
    )
