"""The stance comparison (studyapp/authoring/stances.py), each on a short article in our own
words: one actor's two stances on one topic, on opposite sides, put in order by the time marks
of their clauses, with no word that names the change."""

from __future__ import annotations

from pathlib import Path

from studyapp.authoring.actors import Holders
from studyapp.authoring.article import parse_article
from studyapp.authoring.draft import make_draft
from studyapp.authoring.people import find_people
from studyapp.authoring.positions import Found, find_positions
from studyapp.authoring.sentences import sentences
from studyapp.authoring.stances import EARLIER, LATER, UNMARKED, Stance, read_stances
from studyapp.bank.loader import load_file


def _found(text: str) -> Found:
    article = parse_article(text, Path("stances.txt"))
    return find_positions(article, find_people(list(article.paragraphs)))


def _stances(text: str) -> list[Stance]:
    article = parse_article(text, Path("stances.txt"))
    paragraphs = list(article.paragraphs)
    holders = Holders(find_people(paragraphs), [p.text for p in paragraphs])
    return read_stances(sentences(article.paragraphs), holders)


def test_a_holdout_who_will_now_support_it_is_a_shift_with_both_ends_stated() -> None:
    found = _found(
        "Senator Ida Marsh, the last holdout against the rail bill, announced Saturday she "
        "will support it.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "marsh"
    assert "rail bill" in shift.issue
    assert shift.before.stance.startswith("Holdout against the rail bill")
    assert shift.after.stance.startswith("Will support the rail bill")  # "it" is the bill
    assert not shift.before.implied
    assert not shift.after.implied


def test_a_negated_later_stance_is_on_the_other_side_and_says_so() -> None:
    found = _found(
        "The Elm County Council had allowed food trucks on the pier last year.\n\n"
        "This summer the Elm County Council will not allow food trucks on the pier.\n"
    )
    (shift,) = found.shifts
    assert "elm" in shift.actor
    assert shift.before.stance == "Had allowed food trucks on the pier"
    assert shift.before.evidence.startswith("The Elm County Council had allowed")
    assert shift.after.stance == "Will not allow food trucks on the pier"


def test_a_fronted_possessive_opposition_belongs_to_the_main_clauses_subject() -> None:
    found = _found(
        "Despite their previous opposition to the library merger, the Brook Library trustees "
        "voted on Monday to approve the library merger.\n"
    )
    (shift,) = found.shifts
    assert "trustees" in shift.actor
    assert shift.before.stance.startswith("Opposition to the library merger")
    assert shift.after.stance.startswith("Voted on Monday to approve")


def test_a_relative_clause_stance_states_the_earlier_end_a_now_rule_only_implied() -> None:
    found = _found(
        "State Rep. Owen Blake, who voted for the parking levy, now wants to see the parking "
        "levy scrapped.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "blake"
    assert not shift.before.implied
    assert shift.before.stance == "Voted for the parking levy"


def test_a_passive_with_its_agent_is_the_agents_stance_and_a_day_is_no_part_of_a_name() -> None:
    text = (
        "The parking fee was approved by the Elm Town Council in March.\n\n"
        "On Monday the Elm Town Council voted to scrap the parking fee.\n"
    )
    approved, scrapped = _stances(text)
    assert (approved.actor, approved.side, approved.time) == ("elm-town-council", 1, EARLIER)
    assert approved.text == "approved the parking fee"
    assert (scrapped.actor, scrapped.side, scrapped.time) == ("elm-town-council", -1, LATER)
    (shift,) = _found(text).shifts
    assert shift.before.evidence.startswith("The parking fee was approved")


def test_a_refusal_in_an_after_clause_is_earlier_and_the_main_subjects() -> None:
    text = (
        "One day after refusing to actually endorse the dog law, Mayor Tom Reed said he would "
        "support the dog law.\n"
    )
    refused, support = _stances(text)
    assert (refused.actor, refused.side, refused.time) == ("reed", -1, EARLIER)
    assert refused.topic == "the dog law"
    assert (support.actor, support.side) == ("reed", 1)
    (shift,) = _found(text).shifts
    assert shift.after.stance == "Would support the dog law"


def test_time_marks_are_read_in_the_stances_own_clause() -> None:
    marks = {
        s.phrase: s.time
        for s in _stances(
            "Mayor Jun Park, who had backed the dog park, said the city would now oppose the "
            "dog park near the school, and that residents support it.\n"
        )
    }
    assert marks["had backed"] == EARLIER
    assert marks["would now oppose"] == LATER
    assert marks["support"] == UNMARKED


def test_opposite_stances_with_no_time_between_them_are_two_views_not_a_change() -> None:
    found = _found(
        "The drivers' union supports the pay offer for drivers but opposes the pay offer for "
        "cleaners.\n"
    )
    assert found.shifts == ()


def test_one_side_stated_twice_is_no_change() -> None:
    found = _found(
        "The Quay Traders Guild had opposed the cruise terminal in 2019.\n\n"
        "On Thursday the guild said it would oppose the cruise terminal again.\n"
    )
    assert found.shifts == ()


def test_two_actors_on_opposite_sides_at_two_times_are_no_change() -> None:
    found = _found(
        "Councillor Ada Vance had supported the bus lane last year.\n\n"
        "On Tuesday Councillor Rui Santos voted against the bus lane.\n"
    )
    assert found.shifts == ()


def test_a_drafted_bank_of_compared_stances_validates(tmp_path: Path) -> None:
    article = tmp_path / "stances.txt"
    article.write_text(
        "Senator Ida Marsh, the last holdout against the rail bill, announced Saturday she "
        "will support it.\n\n"
        "The Elm County Council had allowed food trucks on the pier last year.\n\n"
        "This summer the Elm County Council will not allow food trucks on the pier.\n",
        encoding="utf-8",
    )
    bank = tmp_path / "stances.yaml"
    draft = make_draft(article, bank)
    bank.write_text(draft.bank_text, encoding="utf-8")
    if draft.source_bytes is not None:
        draft.source_path.parent.mkdir(parents=True, exist_ok=True)
        draft.source_path.write_bytes(draft.source_bytes)
    assert len(draft.found.shifts) == 2
    assert [str(e) for e in load_file(bank).errors] == []


def test_a_long_article_compares_only_stances_paragraphs_apart() -> None:
    # Two stances of one actor in each of 2,000 paragraphs: each later one is paired with its
    # own paragraph's earlier one, and compared with the few within PAIR_REACH, not with all
    # (4,000 stances took 2,000 x 2,000 actor comparisons).
    from studyapp.authoring.sentences import Sentence
    from studyapp.authoring.stances import PAIR_REACH, pair_stances

    stances = []
    for p in range(2000):
        text = f"Ruiz had opposed plan{p}; Ruiz now backs plan{p}."
        s = Sentence(p, 0, len(text), text)
        stances.append(Stance("ruiz", f"plan{p}", -1, EARLIER, s, "had opposed", "had"))
        stances.append(Stance("ruiz", f"plan{p}", 1, LATER, s, "now backs", "now"))
    calls = 0

    def same_actor(a: str, b: str) -> bool:
        nonlocal calls
        calls += 1
        return a == b

    pairs = pair_stances(stances, same_actor)
    assert [(x.early, x.late) for x in pairs] == [
        (e, late) for e, late in zip(stances[::2], stances[1::2], strict=True)
    ]
    assert calls <= 2000 * (2 * PAIR_REACH + 1)
