"""Who speaks, on short articles in our own words: a body that speaks for itself, a quote that
runs on over paragraphs, a speech verb joined to the sentence's subject, and names that are
no one's (a body's short name, a thing's name said twice, a count at a sentence's start)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from draft_helpers import speakers

from studyapp.authoring.draft import make_draft
from studyapp.bank.loader import load_file


def test_a_body_that_speaks_is_the_speaker_and_is_drafted_as_an_organization() -> None:
    text = (
        "The chess federation lifted its ban on electronic clocks.\n\n"
        "In a statement, the federation said that “every club may now choose its own clocks "
        "from next season.”\n"
    )
    (result,), _ = speakers(text)
    assert result.speaker == "federation"
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "chess.txt"
        article.write_text(text, encoding="utf-8")
        bank = Path(tmp) / "chess.yaml"
        bank.write_text(make_draft(article, bank).bank_text, encoding="utf-8")
        data = yaml.safe_load(bank.read_text(encoding="utf-8"))
        assert data["actors"]["federation"]["kind"] == "organization"
        loaded = load_file(bank)
        assert [str(p) for p in loaded.errors] == []  # the draft stays a valid bank


def test_a_quote_left_open_at_a_paragraph_end_runs_on_with_its_speaker() -> None:
    results, _ = speakers(
        "Councillor Petra Lind released a letter to residents:\n\n"
        "“I will vote for the new cycle lanes when the plan returns to the council.\n\n"
        "“Two things changed my mind: the accident figures and the letters from parents.”\n"
    )
    assert [r.speaker for r in results] == ["lind", "lind"]


def test_a_speech_verb_joined_to_the_subject_gives_the_subject() -> None:
    results, _ = speakers(
        "Mayor Olu Adeyemi thanked the volunteers on Sunday, saying their work “kept the "
        "whole market going through the storm.”\n\n"
        "Adeyemi won a second vote and said that the budget “is fairer than the first one.”\n"
    )
    assert [r.speaker for r in results] == ["adeyemi", "adeyemi"]


def test_short_names_of_bodies_things_and_counts_are_not_people() -> None:
    _, people = speakers(
        "Two NorthRail unions met on Monday. The Harbour Tape was sold out again, and the "
        "Harbour Tape will be back in May.\n\n"
        "“We are pleased,” said union leader Sam Ortiz.\n"
    )
    assert list(people) == ["ortiz"]


def test_a_speech_verb_after_an_apposition_marks_a_person() -> None:
    results, people = speakers(
        "“The fee is still too high,” Hana Ibe, a fourth-year student at the college, told "
        "the campus paper.\n"
    )
    assert "ibe" in people
    assert results[0].speaker == "ibe"


def test_a_paragraph_of_quotation_alone_goes_on_with_the_speaker_above() -> None:
    results, _ = speakers(
        "“We cannot win this fight,” said Coun. Ada Brook, who voted for the deal.\n\n"
        "“It does not mean we stop asking questions.”\n"
    )
    assert [r.speaker for r in results] == ["brook", "brook"]
    assert "check" in results[1].note


def test_a_body_named_by_capitalised_words_speaks_for_itself() -> None:
    results, _ = speakers(
        "Northwind Foods stated in a notice that the new terms were “widely misread by "
        "customers.”\n"
    )
    assert results[0].speaker == "northwind-foods"


def test_a_pronoun_does_not_stand_for_a_name_in_the_possessive() -> None:
    results, _ = speakers(
        "After Lowe’s request on Monday, Minister Ada Grant issued a statement. “I am glad we "
        "agree on the school budget,” she said.\n"
    )
    assert results[0].speaker == "grant"


def test_a_description_between_the_verb_and_the_name_still_gives_the_name() -> None:
    results, people = speakers(
        "“The new timetable works for nobody,” said parent Dana Whitby.\n\n"
        "“I catch two buses now,” said Hillcrest High junior Omar Nadeem.\n"
    )
    assert [r.speaker for r in results] == ["whitby", "nadeem"]
    assert "hillcrest" not in people
    assert "high" not in people


def test_the_statement_said_gives_the_body_that_issued_it() -> None:
    results, _ = speakers(
        "The Coastal Rowing Federation ended its ban on carbon oars on Monday.\n\n"
        "“This rule no longer serves our clubs,” the statement said.\n"
    )
    assert results[0].speaker == "coastal-rowing-federation"


def test_people_speaking_as_one_body_are_the_speaker() -> None:
    results, _ = speakers(
        "“We will keep talking to the club,” the leaders of the fan groups said in a statement.\n"
    )
    assert results[0].speaker == "leaders-of-the-fan-groups"


def test_a_second_quote_joined_by_and_keeps_the_speaker_of_the_first() -> None:
    results, _ = speakers(
        "Mayor Lila Brandt wrote in a memo that “every purchase needs approval” and “no "
        "exceptions will be made for any club.”\n"
    )
    assert [r.speaker for r in results] == ["brandt", "brandt"]


def test_a_name_the_next_sentence_calls_she_is_a_person() -> None:
    _, people = speakers(
        "Renata Vos also has two children at the school. She told the board that “the "
        "plan splits friends apart.”\n"
    )
    assert "vos" in people


def test_an_apposition_that_starts_with_an_s_word_is_still_a_role() -> None:
    results, people = speakers(
        "Tara Nox, spokesperson of the Hill Farmers Union (HFU), said: “We asked for talks "
        "first.”\n"
    )
    assert "nox" in people
    assert results[0].speaker == "nox"


def test_quoted_as_saying_and_a_title_alone_give_the_person() -> None:
    results, _ = speakers(
        "Transport Minister Eli Brandt opened the bridge on Monday.\n\n"
        "“This bridge ends a long wait,” the paper quoted ferry spokesperson Lou Park as "
        "saying.\n\n"
        "Transport Minister said, “The tolls will stay low for a year.”\n"
    )
    assert [r.speaker for r in results] == ["park", "brandt"]


def test_a_body_opening_the_sentence_speaks_in_its_participle() -> None:
    results, _ = speakers(
        "Greenway Foods has dropped its bag charge, citing “annoyance at the tills.”\n"
    )
    assert results[0].speaker == "greenway-foods"


def test_a_quote_alone_after_reported_speech_is_the_reporter_s_speaker() -> None:
    results, _ = speakers(
        "Customers had opposed the charge for weeks, shop manager Ines Kova said yesterday.\n\n"
        "“You have to listen to the people who shop here.”\n"
    )
    assert results[0].speaker == "kova"
    assert "check" in results[0].note


def test_a_body_with_a_relative_clause_before_its_verb_speaks() -> None:
    results, _ = speakers(
        "“We are bringing the discount back,” the company, whose shops include Fresh Corner, "
        "told reporters on Friday.\n"
    )
    assert results[0].speaker == "company"


def test_read_a_statement_gives_the_body_that_published_it() -> None:
    results, _ = speakers(
        "The Western Rowing Association has lifted its ban on night races.\n\n"
        "“Clubs may race after dark again from May,” read a statement on the association’s "
        "website.\n"
    )
    assert results[0].speaker == "western-rowing-association"


def test_a_person_noun_in_the_apposition_marks_a_person_and_a_union_name_is_none() -> None:
    results, people = speakers(
        "Dana Roe, a Democrat and the mayor's opponent in the race, was unimpressed.\n\n"
        "“This is a day late,” she said of the plan backed by the Civil Liberties Union.\n"
    )
    assert "roe" in people
    assert "liberties" not in people
    assert results[0].speaker == "roe"


def test_wire_copy_quotes_opened_with_backticks_or_apostrophes_are_quotes() -> None:
    results, _ = speakers(
        "``We will sign the treaty this summer,'' Secretary Ada Moss said.\n\n"
        "''I take note of a decision long overdue,\" Diaz said.\n"
    )
    assert [r.quote.text for r in results] == [
        "We will sign the treaty this summer.",
        "I take note of a decision long overdue.",
    ]
    assert [r.speaker for r in results] == ["moss", "diaz"]


def test_a_straight_opening_mark_closed_by_a_curly_one_ends_the_quote() -> None:
    results, _ = speakers(
        "Ken Oduya, a spokesman for the gallery, said the painting stays.\n\n"
        '"Moments like this invite a conversation about art,” he said.\n'
    )
    assert results[0].quote.text == "Moments like this invite a conversation about art."
    assert results[0].speaker == "oduya"


def test_a_quote_alone_after_a_statement_reported_is_the_issuer_s() -> None:
    results, _ = speakers(
        "In a statement, BBC Scotland said: “We cannot move the show back to Sunday.”\n\n"
        "And the statement warned that the show would end if viewers stayed away.\n\n"
        "“We will review the slot again next year.”\n"
    )
    assert [r.speaker for r in results] == ["bbc-scotland", "bbc-scotland"]
