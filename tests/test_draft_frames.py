"""The general frames of shift drafting, each on a short article in our own words: a pair of
dated stances with no cue word, a later end stated beside the cue that only implies it, and a
participle that ends a change against its object."""

from __future__ import annotations

from pathlib import Path

from studyapp.authoring.article import parse_article
from studyapp.authoring.people import find_people
from studyapp.authoring.positions import Found, find_positions


def _found(text: str) -> Found:
    article = parse_article(text, Path("frames.txt"))
    return find_positions(article, find_people(list(article.paragraphs)))


def test_two_dated_votes_on_opposite_sides_are_one_shift_in_the_order_of_their_days() -> None:
    found = _found(
        "The tram bill passed the council at its second attempt.\n\n"
        "Several councillors who voted to block the tram bill on Monday ended up voting in "
        "favor of the tram bill on Thursday.\n"
    )
    (shift,) = found.shifts
    assert "tram bill" in shift.issue
    assert shift.before.stance.lower().startswith("voted to block")
    assert shift.after.stance.lower().startswith("voting in favor of")
    assert not shift.before.implied
    assert not shift.after.implied
    assert "on Monday ended up" in shift.before.evidence


def test_a_later_stance_stated_beside_an_implying_cue_is_the_later_end() -> None:
    found = _found(
        "Union leader Maria Okafor said the revised offer met her members' concerns. Okafor "
        "ended her holdout on the pay deal after talks on Sunday. Okafor praised the revised "
        "pact for protecting overtime rates.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "okafor"
    assert shift.before.implied  # only "ended her holdout" tells of the opposition
    assert shift.after.evidence.startswith("Okafor praised the revised pact")


def test_scrapping_a_plan_ends_against_it_and_an_unrelated_wish_is_no_earlier_end() -> None:
    found = _found(
        "Finance minister Jon Reyes announced a U-turn on Monday, scrapping a planned rise in "
        "the fuel levy.\n\n"
        "The climbdown drowned out the message Reyes had wanted to send with his budget.\n"
    )
    (shift,) = found.shifts
    assert "fuel levy" in shift.issue
    assert shift.before.implied
    assert shift.before.stance.startswith(("Backed", "Supported"))
    assert "wanted" not in shift.before.stance.lower()


def test_a_past_year_and_a_contrast_give_each_stance_its_own_time() -> None:
    found = _found(
        "Councillor Ines Moreau changed her tune on Friday over the river tunnel.\n\n"
        "Moreau had argued in favor of the river tunnel, but on Friday said that she would not "
        "vote for the river tunnel.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "moreau"
    assert shift.before.stance.startswith("Argued in favor of")
    assert "would not vote for" in shift.after.stance.lower()


def test_a_stance_dated_by_a_past_campaign_is_the_earlier_end_of_a_change_of_mind() -> None:
    found = _found(
        "Governor Paul Okoro was in San Marcos on Monday, signing a bill giving farm workers "
        "the right to overtime pay.\n\n"
        "Okoro said during his 2016 campaign that he was opposed to giving farm workers the "
        "right to overtime pay.\n\n"
        "Okoro said he changed his mind after meeting growers and workers.\n"
    )
    assert "marcos" not in found.holders.people  # a town, not a person
    (shift,) = found.shifts
    assert shift.actor == "okoro"
    assert "2016 campaign" in shift.before.evidence
    assert shift.after.evidence.startswith("Governor Paul Okoro was in San Marcos")
