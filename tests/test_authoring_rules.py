"""The pieces of drafting on their own: reading articles, finding quotes, writing YAML text."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.authoring.article import Paragraph, parse_article
from studyapp.authoring.draft import make_draft
from studyapp.authoring.people import find_people
from studyapp.authoring.quotes import find_quotes
from studyapp.authoring.speakers import attribute
from studyapp.authoring.yamltext import scalar
from studyapp.bank.loader import load_file


def _quotes(*lines: str) -> list[str]:
    return [q.text for q in find_quotes([Paragraph(line, i + 1) for i, line in enumerate(lines)])]


def test_every_kind_of_mark_and_nesting() -> None:
    assert _quotes(
        "« Nous ne céderons pas sur ce point », a-t-il dit.",
        '"We will hold the line on this," she said.',
        "“He told me ‘we are ready’ and I believed him,” Sybiha said.",
        "« He said “no” to everything we put forward », Macron said.",
    ) == [
        "Nous ne céderons pas sur ce point",
        "We will hold the line on this.",
        "He told me ‘we are ready’ and I believed him.",
        "He said “no” to everything we put forward",
    ]


def test_scare_quotes_are_not_quotations_and_split_quotes_are_two() -> None:
    assert _quotes("A so-called “peace plan” was tabled.") == []
    assert _quotes("“We came to talk,” Tusk said, “not to listen to threats.”") == [
        "We came to talk.",
        "not to listen to threats.",
    ]


def test_a_quote_left_open_runs_to_the_end_of_its_paragraph() -> None:
    (quote,) = find_quotes([Paragraph("“This continues in the next paragraph of the story", 1)])
    assert not quote.closed
    assert quote.text == "This continues in the next paragraph of the story"


def test_markdown_paragraphs_keep_their_first_line_number() -> None:
    text = (
        "# Title here\n\nFirst paragraph is\nwrapped over lines.\n\n> A **bold** [link](x) line.\n"
    )
    article = parse_article(text, Path("a.md"))
    assert article.title == "Title here"
    assert [(p.line, p.text) for p in article.paragraphs] == [
        (1, "Title here"),
        (3, "First paragraph is wrapped over lines."),
        (6, "A bold link line."),
    ]


def test_html_text_comes_from_block_elements_only() -> None:
    html = (
        "<html><head><title>T &amp; C</title><style>p{}</style></head><body>\n"
        "<nav><p>Menu</p></nav>\n<p>One &ldquo;two&rdquo;\nthree.</p>\n<li>Four</li></body></html>"
    )
    article = parse_article(html, Path("a.html"))
    assert article.title == "T & C"
    assert [(p.line, p.text) for p in article.paragraphs] == [(3, "One “two” three."), (5, "Four")]


def test_titles_give_name_and_role() -> None:
    people = find_people(
        [
            Paragraph("French President Emmanuel Macron met former President Joe Biden.", 1),
            Paragraph("Kaja Kallas, the EU’s foreign policy chief, agreed with Mr Macron.", 2),
        ]
    )
    assert {(p.name, p.role) for p in people.values()} == {
        ("Emmanuel Macron", "French President"),
        ("Joe Biden", "former President"),
        ("Kaja Kallas", "EU’s foreign policy chief"),
    }
    assert len(people["macron"].mentions) == 2


def _speakers(*lines: str) -> list[tuple[str, str | None, str]]:
    paragraphs = [Paragraph(line, i + 1) for i, line in enumerate(lines)]
    found = attribute(find_quotes(paragraphs), paragraphs, find_people(paragraphs))
    return [(a.quote.text, a.speaker, a.context) for a in found]


def test_a_speech_verb_before_a_titled_name_gives_the_speaker() -> None:
    assert _speakers(
        '"We will rebuild the bridge by spring," said Mayor Cara Jensen.',
        "“Not with this budget,” replied Opposition leader Ben Okafor.",
        "“The talks will go on all week,” said Ukraine’s Foreign Minister Andrii Sybiha, leaving.",
        "“Nobody asked us about the deal,” said Secretary of State Marco Rubio.",
        "“It is a fair plan,” Jensen said of Okafor.",
    ) == [
        ("We will rebuild the bridge by spring.", "jensen", ""),
        ("Not with this budget.", "okafor", ""),
        ("The talks will go on all week.", "sybiha", ""),
        ("Nobody asked us about the deal.", "rubio", ""),
        ("It is a fair plan.", "jensen", "on Okafor"),
    ]


def test_a_party_role_before_a_name_is_kept_whole() -> None:
    people = find_people(
        [
            Paragraph("Opposition leader Ben Okafor voted against the plan.", 1),
            Paragraph("Senate Majority Leader Ann Cole and Mayor Cara Jensen disagreed.", 2),
        ]
    )
    assert {(p.name, p.role) for p in people.values()} == {
        ("Ben Okafor", "Opposition leader"),
        ("Ann Cole", "Senate Majority Leader"),
        ("Cara Jensen", "Mayor"),
    }


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=300))
def test_any_text_is_written_as_yaml_that_reads_back_the_same(value: str) -> None:
    for indent in (0, 4):
        written = scalar(value, indent)
        lines = written.split("\n")
        # Continuation lines are indented for a key at column `indent`; read them at column 0.
        doc = "k: " + "\n".join([lines[0], *(line[indent:] for line in lines[1:])]) + "\n"
        assert yaml.safe_load(doc) == {"k": value}


_WORDS = st.sampled_from(
    [
        "Macron", "said", "the", "PM", "he", "“", "”", "«", "»", '"', "‘", "’", ":", ",", ".",
        "President", "Emmanuel", "a", "Kremlin", "spokesperson", "of", "Putin", "told", "we",
        "will", "not", "yield", "\n", "#", "-", "'", "added", "she", "foreign", "minister",
    ]
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=80))
def test_any_jumble_of_article_text_drafts_into_a_bank_that_loads(words: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        article = folder / "article.txt"
        article.write_text("Headline\n" + " ".join(words) + " end.\n", encoding="utf-8")
        bank_path = folder / "bank.yaml"
        draft = make_draft(article, bank_path)
        bank_path.write_text(draft.bank_text, encoding="utf-8")
        result = load_file(bank_path)
        assert [str(p) for p in result.errors] == []
        assert len(result.banks) == 1


def test_council_and_advocate_titles_a_particle_and_a_dash_apposition_name_their_speakers() -> None:
    # Forms met on reporting-9's pages (docs/authoring.md), in our own words.
    paragraphs = [
        Paragraph(
            "Dana Pell, chief executive of Harbour Rowing -- the body that runs the regatta -- "
            "told reporters that flags were fine.",
            1,
        ),
        Paragraph("“You will have your say at last,” said Public Advocate Luis de Vega.", 3),
        Paragraph("Riverside City Councilwoman Ana Ortiz said voters should decide.", 5),
        Paragraph("“I think the mayor has been unfair,” she said.", 7),
    ]
    people = find_people(paragraphs)
    assert {p.name: p.role for p in people.values()} == {
        "Dana Pell": "chief executive of Harbour Rowing",
        "Luis de Vega": "Public Advocate",
        "Ana Ortiz": "City Councilwoman",
    }
    speakers = [r.speaker for r in attribute(find_quotes(paragraphs), paragraphs, people)]
    assert speakers == ["vega", "ortiz"]


def test_a_speech_clause_after_the_quote_may_hold_an_apposition_between_name_and_verb() -> None:
    # The form of reporting-10's university page (tuned on it, docs/authoring.md), our words.
    paragraphs = [
        Paragraph(
            "“We will admit every student who qualifies,” Dr. Ines Pardo, dean of admissions at "
            "Lakeside - North, said in a statement.",
            1,
        )
    ]
    people = find_people(paragraphs)
    (result,) = attribute(find_quotes(paragraphs), paragraphs, people)
    assert result.speaker == "pardo"
