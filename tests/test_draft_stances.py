"""The stance comparison (studyapp/authoring/stances.py), each on a short article in our own
words: one actor's two stances on one topic, on opposite sides, put in order by the time marks
of their clauses, with no word that names the change."""

from __future__ import annotations

from pathlib import Path

from studyapp.authoring.actors import Holders
from studyapp.authoring.article import parse_article
from studyapp.authoring.people import find_people
from studyapp.authoring.positions import Found, find_positions
from studyapp.authoring.save import save_draft
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


def test_would_not_then_will_on_one_act_is_a_shift_whatever_the_verb() -> None:
    found = _found(
        "Mayor Lin Ortiz said last week she would not attend the harbour summit.\n\n"
        "On Friday Ortiz said she will attend the harbour summit after all.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "ortiz"
    assert shift.before.stance == "Would not attend the harbour summit"
    assert shift.after.stance == "Will attend the harbour summit"


def test_will_and_wont_on_two_acts_are_no_change() -> None:
    found = _found(
        "The Rivertown Orchestra said last month it would not tour the coast.\n\n"
        "On Friday the Rivertown Orchestra said it will record the coast suite.\n"
    )
    assert found.shifts == ()


def test_a_fronted_after_opposing_states_the_earlier_end_and_when_is_no_part_of_what() -> None:
    found = _found(
        "After opposing the merger for months, the Dockers Union now backs the merger.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "dockers-union"
    assert shift.before.stance == "Opposing the merger"
    assert not shift.before.implied
    hart = _found(
        "Councillor Jo Hart, who supported the stadium deal in April, voted against it on "
        "Tuesday.\n"
    ).shifts
    assert [(s.before.stance, s.after.stance) for s in hart] == [
        ("Supported the stadium deal", "Voted against the stadium deal")
    ]


def test_a_body_named_head_of_something_is_an_actor_though_its_words_are_common() -> None:
    found = _found(
        "The Ministry of Health previously denied the clinic's request for funding.\n\n"
        "The Ministry of Health has now approved the clinic's request.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "ministry-of-health"
    assert shift.before.stance == "Denied the clinic's request for funding"
    assert not shift.before.implied


def test_a_holdout_in_an_apposition_is_the_named_persons_and_a_vote_count_is_no_stance() -> None:
    found = _found(
        "Sen. Ida Marsh, the last Liberal holdout against the rail bill, announced Saturday "
        "she will support it, giving leaders enough votes for passage.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "marsh"
    assert shift.before.stance == "Holdout against the rail bill"
    phrases = [s.phrase for s in _stances("Leaders now have enough votes for passage.\n")]
    assert phrases == []


def test_verbs_set_off_by_commas_share_the_object_after_the_last() -> None:
    backed, opposed = _stances("The Harbour Board backed, and then opposed, the tunnel plan.\n")
    assert (backed.topic, backed.side, backed.time) == ("the tunnel plan", 1, UNMARKED)
    assert (opposed.topic, opposed.side, opposed.time) == ("the tunnel plan", -1, LATER)
    assert opposed.actor == backed.actor == "harbour-board"
    assert [
        s.after.stance
        for s in _found("The Harbour Board backed, and then opposed, the tunnel plan.\n").shifts
    ] == ["Opposed the tunnel plan"]
    assert _stances("Mayor Bo Ek named the fund, which he opposes, and a trust.\n") == []


def test_a_participle_after_a_name_is_the_possessors_change() -> None:
    found = _found(
        "Senator Lee Wong said he will send a letter to Mayor Ann Holt withdrawing his "
        "signature from the petition against the harbour tunnel.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "wong"
    assert "signature" in shift.issue


def test_a_subjectless_gerund_is_the_doing_of_the_actor_just_named() -> None:
    found = _found(
        "Harbour Liberals are agreeing with Greens to advance a ferry bill. The change came "
        "after months of blocking similar measures.\n"
    )
    (shift,) = found.shifts
    assert "liberals" in shift.actor
    assert shift.before.stance == "Blocking similar measures"
    assert shift.after.stance == "Are agreeing with Greens to advance a ferry bill"


def test_a_strike_called_off_is_a_change_of_the_group_named_with_its_which() -> None:
    found = _found(
        "Ferry leaders have called off a planned two-day strike after a fresh pay offer.\n"
    )
    (shift,) = found.shifts
    assert shift.actor == "ferry-leaders"  # not just "leaders", at the sentence's start
    assert "strike" in shift.issue
    assert shift.before.implied
    (crew,) = _found("Tern Air cabin crew have called off a planned strike.\n").shifts
    assert crew.actor == "cabin-crew"


def test_a_bodys_own_council_retelling_its_move_is_the_same_move() -> None:
    found = _found(
        "River Rowing has voted to end its ten-year ban on night races.\n\n"
        "Ada Moss, head of RR’s Safety Panel, said she was satisfied and RR’s Council "
        "subsequently voted on Thursday to lift the ban.\n"
    )
    (shift,) = found.shifts
    assert "ban on night races" in shift.issue


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
    assert "would now oppose" in marks  # the modal and "now" stay with the verb


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


def test_now_holding_the_stance_the_article_says_was_held_before_is_no_change() -> None:
    found = _found(
        "Mayor Jun Park had supported the tram extension last year.\n\n"
        "Park now supports the tram extension more firmly than ever.\n"
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
    draft = save_draft(article, bank)
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
