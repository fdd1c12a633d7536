"""The reader of changes told as an act on an earlier plan or decision (clauses.read_acts),
each on a short article in our own words: "voted to revisit an earlier decision", "undo the
two rules they had passed", "the march was called off by the union"."""

from __future__ import annotations

from pathlib import Path

from studyapp.authoring.article import parse_article
from studyapp.authoring.people import find_people
from studyapp.authoring.positions import Found, find_positions
from studyapp.authoring.save import save_draft
from studyapp.bank.loader import load_file


def _found(text: str) -> Found:
    article = parse_article(text, Path("acts.txt"))
    return find_positions(article, find_people(list(article.paragraphs)))


def test_revisiting_an_earlier_decision_states_the_plan_from_the_clause() -> None:
    found = _found(
        "Oakridge Library will stay open on Sundays, the Marlow County Board decided on "
        "Tuesday.\n\n"
        "In a surprise turn by the board, members voted to revisit an earlier decision that "
        "would have closed the library on Sundays.\n"
    )
    (shift,) = found.shifts
    assert "board" in shift.actor
    assert "closed the library on Sundays" in shift.issue
    # The clause says what the earlier decision was: that end is stated, not implied.
    assert not shift.before.implied
    assert shift.before.stance.startswith("Had made an earlier decision")
    assert "revisit an earlier decision" in shift.after.evidence


def test_undoing_what_they_had_passed_is_a_change_of_the_body_that_passed_it() -> None:
    found = _found(
        "The Millbrook Town Council met again on Monday.\n\n"
        "After a long debate, the council voted to undo the three rules they had passed in "
        "March.\n"
    )
    (shift,) = found.shifts
    assert "council" in shift.actor
    assert shift.issue.startswith("three rules")
    assert shift.before.stance == "Had passed the three rules"
    assert not shift.before.implied


def test_a_strike_called_off_by_a_named_union_has_an_implied_earlier_end() -> None:
    found = _found(
        "Bus drivers in Carden were set to stop work for two days.\n\n"
        "As the first shift began, the stoppage action was called off by the Drivers Union "
        "after a late offer.\n"
    )
    (shift,) = found.shifts
    assert "drivers-union" in shift.actor
    assert "action" in shift.issue
    assert shift.before.implied  # nothing states the plan: the draft asks the instructor
    assert "called off by the Drivers Union" in shift.after.evidence


def test_with_no_agent_the_one_who_accepted_the_offer_called_the_strike_off() -> None:
    found = _found(
        "A planned walkout at the Fenwick bottling plant has been called off after union "
        "members accepted a new pay deal.\n"
    )
    (shift,) = found.shifts
    assert "members" in shift.actor
    assert "walkout" in shift.issue


def test_pulling_back_on_proposed_rules_is_the_main_clause_subject_s_change() -> None:
    found = _found(
        "DENTON – Pulling back on proposed parking rules that angered shop owners, Mayor Ana "
        "Reyes has put forward a plan with fewer limits.\n"
    )
    (shift,) = found.shifts
    assert "reyes" in shift.actor
    assert shift.issue.startswith("proposed parking rules")
    assert shift.before.implied


def test_revising_their_own_policy_to_do_more_is_no_statement_of_the_earlier_plan() -> None:
    found = _found(
        "The Elm County Parks Board has revised its camping policy to allow stays of two weeks.\n"
    )
    (shift,) = found.shifts
    assert "camping policy" in shift.issue
    # "to allow stays" is what the revision does, not what the policy was.
    assert shift.before.implied


def test_keeping_open_what_it_had_voted_to_close_states_both_ends() -> None:
    found = _found(
        "A month after voting to close Birchwood Pool, the Tarn Parks Board gave way to "
        "swimmers on Friday and decided to keep the pool open.\n"
    )
    (shift,) = found.shifts
    assert "tarn-parks-board" in shift.actor
    assert shift.issue == "closing Birchwood Pool"
    assert shift.before.stance == "Had voted to close Birchwood Pool"
    assert not shift.before.implied
    assert shift.after.stance == "Decided to keep the pool open"


def test_the_earlier_plan_to_close_may_be_told_after_the_change() -> None:
    found = _found(
        "Hollin Valley school officials say they will not consider closing Ashby Primary.\n\n"
        "Parents had campaigned for months.\n\n"
        "Repairs are costly, and so officials were considering closing the school.\n"
    )
    (shift,) = found.shifts
    assert "officials" in shift.actor
    assert shift.issue == "closing Ashby Primary"
    assert shift.before.evidence.startswith("Repairs are costly")
    assert not shift.before.implied


def test_an_event_back_on_after_being_cancelled_is_the_sayer_s_change() -> None:
    found = _found(
        "The Corran Arts Trust says a reading by a visiting poet is back on after first being "
        "cancelled.\n"
    )
    (shift,) = found.shifts
    assert "corran" in shift.actor
    assert shift.issue == "reading by a visiting poet"
    assert not shift.before.implied  # "after first being cancelled" states it


def test_a_plan_named_but_kept_or_only_urged_to_be_dropped_is_no_change() -> None:
    found = _found(
        "The Dunmore Council refused to revisit its earlier decision on parking charges.\n\n"
        "Shop owners urged the council to cancel the planned fee rise.\n\n"
        "The planned festival will go ahead in June, the council said.\n\n"
        "The council says the harbour regatta will go ahead in July.\n\n"
        # "by the end of the month" names no agent.
        "The vote was postponed by the end of the month.\n\n"
        "A meeting was called off because of snow.\n\n"
        "The council decided to keep the Dunmore museum open on Mondays.\n\n"
        "Residents debated whether to keep the parking scheme or let the council drop its "
        "parking policy.\n"
    )
    assert found.shifts == ()


def test_a_drafted_bank_of_acts_on_earlier_plans_validates(tmp_path: Path) -> None:
    """The implied end's cue is the article's own words, which the bank checks."""
    article = tmp_path / "acts.txt"
    article.write_text(
        "In a surprise turn by the board, members voted to revisit an earlier decision that "
        "would have closed the Oakridge Library on Sundays, the Marlow County Board said.\n\n"
        "The stoppage action was called off by the Drivers Union.\n",
        encoding="utf-8",
    )
    bank = tmp_path / "acts.yaml"
    draft = save_draft(article, bank)
    assert len(draft.found.shifts) == 2
    assert "# CHECK:" in draft.bank_text
    assert [str(e) for e in load_file(bank).errors] == []
