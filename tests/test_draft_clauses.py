"""The clause-level reader of changes (studyapp/authoring/clauses.py), each on a short article
in our own words: a subject, a verb that undoes something, and the thing undone, whose head
word decides what the earlier end was."""

from __future__ import annotations

from pathlib import Path

from studyapp.authoring.article import parse_article
from studyapp.authoring.people import find_people
from studyapp.authoring.positions import Found, find_positions
from studyapp.authoring.save import save_draft
from studyapp.bank.loader import load_file


def _found(text: str) -> Found:
    article = parse_article(text, Path("clauses.txt"))
    return find_positions(article, find_people(list(article.paragraphs)))


def test_backtracking_on_its_own_policy_is_a_shift_with_an_implied_earlier_end() -> None:
    found = _found(
        "The Northfield Rowing Club has backtracked on its disputed policy limiting guests at "
        "weekend regattas.\n\n"
        "Members had written to the committee in large numbers.\n"
    )
    (shift,) = found.shifts
    assert "rowing" in shift.actor
    assert "policy limiting guests" in shift.issue
    assert shift.before.implied
    assert shift.before.stance.startswith("Stood by")
    assert not shift.after.implied
    assert shift.after.evidence.startswith("The Northfield Rowing Club has backtracked")


def test_a_ban_lifted_was_a_stance_against_and_its_earlier_sentence_is_found() -> None:
    found = _found(
        "The county fair board initially imposed the ban on drones over the showground.\n\n"
        "After complaints from photographers, the board lifted its ban on drones on Friday.\n"
    )
    (shift,) = found.shifts
    assert "ban on drones" in shift.issue
    assert shift.before.stance.startswith("Held to")
    assert not shift.before.implied
    assert shift.before.evidence.startswith("The county fair board initially")
    assert "lifted its ban" in shift.after.evidence


def test_a_pronoun_in_the_clause_stands_for_the_body_the_sentence_opens_on() -> None:
    found = _found(
        "The regional government said on Monday it will drop plans to close the coastal "
        "ferry route, after a week of protests.\n"
    )
    (shift,) = found.shifts
    assert "government" in shift.actor
    assert shift.issue.startswith("plans to close the coastal ferry route")


def test_an_endorsement_rescinded_keeps_the_name_after_a_title_abbreviation() -> None:
    found = _found(
        "Governor Ana Ruiz on Tuesday rescinded her endorsement of Rep. Tom Hale in the "
        "district primary.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "ruiz"
    assert "Tom Hale" in shift.issue
    assert shift.before.implied


def test_a_refusal_to_undo_is_no_change() -> None:
    found = _found(
        "The library trust refused to lift its ban on evening events, despite a petition.\n"
    )
    assert found.shifts == ()


def test_a_noun_after_after_then_a_pronoun_is_a_main_clause_not_an_earlier_one() -> None:
    found = _found(
        "Senator Lena Moss said on Monday that after some doubts she will support the water "
        "bill after all.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "moss"
    assert shift.after.stance.lower().startswith("will support the water bill")


def test_a_bare_its_policy_after_the_policy_named_in_full_is_the_same_move() -> None:
    found = _found(
        "The Harbour Sailing Trust has abandoned its policy of charging visiting crews a "
        "mooring fee.\n\n"
        "HST said it changed its policy after talks with the crews.\n"
    )
    (shift,) = found.shifts
    assert "mooring fee" in shift.issue


def test_a_turn_then_what_the_actor_will_do_now_is_a_shift_past_a_which_clause() -> None:
    found = _found(
        "On Monday, the Lakeside bakery chain, which has 40 shops in the region, reversed "
        "course and said it would resume selling rye loaves after a week of complaints.\n"
    )
    (shift,) = found.shifts
    assert "chain" in shift.actor
    assert shift.issue.startswith("resume selling rye loaves")
    assert shift.before.implied
    assert shift.after.stance.startswith("Would resume selling")


def test_now_promising_with_an_earlier_refusal_to_commit_is_a_shift_from_it() -> None:
    found = _found(
        "Governor Ida Marsh is now promising to sign a bill protecting night-shift workers.\n\n"
        "Until now, the governor had declined to say whether she would sign the bill.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "marsh"
    assert not shift.before.implied
    assert shift.before.evidence.startswith("Until now, the governor had declined")
    assert shift.after.evidence.startswith("Governor Ida Marsh is now promising")


def test_a_reversal_noun_beside_a_stance_makes_it_the_later_end() -> None:
    found = _found(
        "Mayor Ken Obi on Friday signed the parking ordinance, a reversal of his stance in "
        "the spring.\n\n"
        "As a candidate, Obi backed the ordinance, but in May said he opposed the ordinance.\n"
    )
    (shift,) = found.shifts
    assert shift.after.stance.startswith("Signed the parking ordinance")
    assert shift.before.stance.startswith("Opposed the ordinance")


def test_a_flip_flop_to_no_longer_supporting_ends_against_what_it_left() -> None:
    found = _found(
        "Councillor Rae Dunn flip-flopped and announced she can no longer back the stadium "
        "levy that funds the new ground.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "dunn"
    assert "no longer back the stadium levy" in shift.after.stance.lower()
    assert shift.before.implied


def test_a_ban_ended_and_its_short_name_retold_are_one_move() -> None:
    found = _found(
        "The Northern Chess League has ended its ban on draw offers before move thirty.\n\n"
        "Earlier this year, NCL banned the offers under its code of play.\n\n"
        "The players said they were pleased.\n\n"
        "The tournament directors met twice.\n\n"
        "NCL is overturning that ban for the new season.\n"
    )
    (shift,) = found.shifts
    assert "ban on draw offers" in shift.issue
    assert shift.before.evidence.startswith("Earlier this year, NCL banned")


def test_a_reversal_of_a_vote_belongs_to_those_who_announced_it() -> None:
    found = _found(
        "Pupils can keep their chess club, school leaders announced Friday in a reversal of "
        "a vote last week by the board to close the club.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "school-leaders"
    assert "vote" in shift.issue


def test_an_indefinite_lead_is_the_person_the_next_sentence_names() -> None:
    found = _found(
        "A Texas mayor has reversed an order that barred food trucks from the park.\n\n"
        "Mayor Rosa Delgado of Lakeview did so after a week of complaints.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "delgado"
    assert "order that barred food trucks" in shift.issue


def test_a_stance_taken_after_all_is_a_change_with_an_implied_earlier_end() -> None:
    found = _found(
        "The Lakeside library board will allow the author Mira Quell to speak at the fair "
        "after all, officials said, after having cancelled her talk on Monday.\n"
    )
    (shift,) = found.shifts
    assert "board" in shift.actor
    assert "Mira Quell to speak" in shift.issue
    assert shift.before.implied
    assert shift.marker == "after all"


def test_laws_withdrawn_in_a_by_phrase_and_by_a_named_person_are_changes() -> None:
    found = _found(
        "The regional council took a step back by withdrawing the two parking laws.\n\n"
        "Residents praised the withdrawal of all three grazing laws by Premier Ana Solis.\n"
    )
    actors = {s.actor for s in found.shifts}
    assert "regional-council" in actors
    assert "solis" in actors
    by_solis = next(s for s in found.shifts if s.actor == "solis")
    assert "Solis" not in by_solis.issue


def test_fees_voted_down_and_a_charge_dropped_are_undone_by_their_actors() -> None:
    found = _found(
        "The Millbrook Town Commission, which last month voted to add a parking fee, voted "
        "down the ordinance on Tuesday.\n\n"
        "Separately, Greenway Foods has dropped its 10c charge for paper bags.\n"
    )
    issues = {s.actor: s.issue for s in found.shifts}
    assert "ordinance" in issues["millbrook-town-commission"]
    assert "charge for paper bags" in issues["greenway-foods"]


def test_bringing_back_what_was_taken_away_is_a_change_with_an_implied_earlier_end() -> None:
    found = _found("The Harbour Bookshop will reinstate its poetry readings on Fridays.\n")
    (shift,) = found.shifts
    assert "poetry readings" in shift.issue
    assert shift.before.implied
    assert shift.after.stance.lower().startswith("reinstate")


def test_a_fronted_participle_takes_the_main_clause_subject() -> None:
    found = _found(
        "Reversing a long-held stance, the Northern Rugby Union has decided to drop its "
        "appeal against the referee.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "northern-rugby-union"
    assert "appeal against the referee" in shift.issue


def test_in_a_reversal_said_that_gives_what_the_body_says_now() -> None:
    found = _found(
        "The Harbour Sailing Committee in a reversal Friday said that visiting crews have "
        "been barred from the regatta.\n"
    )
    (shift,) = found.shifts
    assert "committee" in shift.actor
    assert shift.issue.startswith("visiting crews have been barred")


def test_what_a_sentence_says_is_not_removed_is_no_change() -> None:
    found = _found(
        "The town council said the vote doesn’t remove its objection to the new bypass.\n"
    )
    assert found.shifts == ()


def test_a_worry_that_a_body_is_backing_off_is_no_move_and_that_idea_points_back() -> None:
    found = _found(
        "Critics were concerned that city officials are backing off on the plan to widen "
        "the cycle lanes.\n\n"
        "Councillor Ina Baird said she no longer wants to close the market square to cars.\n\n"
        "“I have scrapped that idea,” Baird said.\n"
    )
    assert [s.actor for s in found.shifts] == ["baird"]
    assert "market square" in found.shifts[0].issue


def test_a_drafted_bank_of_every_new_kind_of_change_validates(tmp_path: Path) -> None:
    """Each cue the clause reader writes is the article's own words, which the bank checks
    against the evidence of an implied end."""
    article = tmp_path / "changes.txt"
    article.write_text(
        "Governor Ida Marsh decided to restore the rights of tenants to appeal evictions.\n\n"
        "The Harbour Sailing Committee in a reversal Friday said that visiting crews have been "
        "barred from the regatta.\n\n"
        "The Lakeside bakery chain reversed course and said it would resume selling rye "
        "loaves.\n",
        encoding="utf-8",
    )
    bank = tmp_path / "changes.yaml"
    draft = save_draft(article, bank)
    assert len(draft.found.shifts) == 3
    assert [str(e) for e in load_file(bank).errors] == []
