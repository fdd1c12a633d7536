"""Positions an article states, and the shifts between them.

A *shift* is an actor, an issue and two ends (the earlier stance and the later one), each with
the sentence of the article that shows it. An end is *stated* when a sentence says it ("had
supported", "accepted the takeover") and *implied* when only the cue of the change tells it
("dropped its opposition" implies an opposition): an implied end keeps that cue, and the writer
marks it for the instructor to check. A shift is drafted only when the article gives both ends,
stated or implied by a cue; nothing is filled in from outside it.

A *position* is a stance stated without a change: the material of who-holds-this-view
questions and of the timeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from studyapp.authoring.actors import Holders
from studyapp.authoring.article import Article
from studyapp.authoring.clauses import (
    HEADS,
    PARAGRAPH_REACH,
    Change,
    earlier_sentence,
    read_changes,
    read_restored,
    read_turns,
)
from studyapp.authoring.cues import (
    BASE_SIDES,
    BUT_NOW,
    CAME_TO,
    CHANGE_TO,
    CUE_HINT,
    CUES,
    DAY_WORD,
    DEPARTURE,
    DEPARTURE_OWN,
    DESPITE_EARLIER,
    EARLIER,
    ENDING_RESISTANCE,
    IN_CONTRAST,
    ISSUE_END,
    MAX_ISSUE_WORDS,
    NEGATION,
    NO_LONGER_PASSIVE,
    NOUN_SIDES,
    PAST_AFTER,
    RELATIVE_EARLIER,
    REVERSED_CONTENT,
    SAID,
    STANCE,
    STANCE_HINT,
    STANCE_VERBS,
    STRONG_EARLIER,
    SWITCH_FROM,
    TIME_AFTER,
    WEEKDAYS,
    Cue,
    content,
    hinted,
)
from studyapp.authoring.cues import issue_words as words
from studyapp.authoring.lexicon import SPEECH_VERBS
from studyapp.authoring.people import Person
from studyapp.authoring.sentences import Sentence, sentences
from studyapp.authoring.stances import Pair, pair_stances, read_stances, stated

# Words that name an issue only by pointing back at it.
_VAGUE = frozenset(["such", "move", "idea", "plan", "step", "change", "this", "that"])
_TIME = re.compile(
    r"\b(?:(?:as recently as|in|last|since|until|by|before)\s+(?:January|February|March|April|"
    r"May|June|July|August|September|October|November|December|\d{4}|the\s+\w+\s+term|"
    r"(?:a|one|two|three|four|five|six|several|\w+)\s+(?:days?|weeks?|months?|years?)\s+ago)|"
    r"(?:a|one|two|three|several)\s+(?:days?|weeks?|months?|years?)\s+ago)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class End:
    stance: str
    sentence: Sentence
    label: str
    cue: str = ""  # the words that imply this end when the article does not state it

    @property
    def evidence(self) -> str:
        return self.sentence.text

    @property
    def implied(self) -> bool:
        return bool(self.cue)


@dataclass(frozen=True, slots=True)
class Shift:
    actor: str
    issue: str
    before: End
    after: End
    marker: str  # the words that mark the change, for the instructor's comment

    @property
    def stated(self) -> int:
        return (not self.before.implied) + (not self.after.implied)


@dataclass(frozen=True, slots=True)
class Position:
    actor: str
    issue: str
    stance: str
    sentence: Sentence
    side: int  # +1 for, -1 against, 0 a demand or view
    earlier: bool  # the article places it before the time it reports on
    now: bool = False  # "X now supports …": stated as the later stance, whatever came before


@dataclass(frozen=True, slots=True)
class Found:
    shifts: tuple[Shift, ...]
    positions: tuple[Position, ...]
    holders: Holders


def _issue_after(text: str) -> str:
    """The phrase that names what a verb or cue is about, from the text that follows it."""
    rest = re.sub(r"^\s*(?:on|over|to|from|for|of|about|with|against)\s+", "", text)
    m = ISSUE_END.search(rest)
    phrase = rest[: m.start()] if m else rest
    tokens = phrase.split()[:MAX_ISSUE_WORDS]
    return " ".join(tokens).strip(" ,.;:“”\"'’")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(sentence: Sentence, fallback: str) -> str:
    m = _TIME.search(sentence.text)
    return _capital(m.group(0)) if m else fallback


class _Rules:
    def __init__(self, article: Article, people: dict[str, Person]) -> None:
        self.article = article
        self.sentences = sentences(article.paragraphs)
        self.holders = Holders(people, [p.text for p in article.paragraphs])
        self.positions: list[Position] = []
        self.shifts: list[Shift] = []
        self._cued_actors: set[str] = set()

    # ------------------------------------------------------------------ stated positions
    def read_positions(self) -> None:
        for s in self.sentences:
            if s.heading or not hinted(s.text, STANCE_HINT):
                continue
            for m in STANCE.finditer(s.text):
                verb = " ".join(m.group("verb").lower().split())
                issue = _issue_after(s.text[m.end() :])
                if len(words(issue)) == 0:
                    continue
                if re.match(r"\s+(?:in|at|during|last|earlier)\b", s.text[m.end() :]):
                    # "the candidate he originally endorsed in Pennsylvania": the verb's object
                    # stands before it, and what follows says where or when, not what.
                    continue
                if _OBJECT_GAP.search(s.text[max(0, m.start() - 60) : m.start()]):
                    continue  # "the message Hammond had wanted to send": no stance of his
                actor = self.holders.subject(s, m.start())
                if actor is None:
                    continue
                aux = (m.group("aux") or "").lower()
                # The clause of the verb only: "Hutchison, who last month was …, flipped" dates
                # the relative clause, not the verb after it.
                own = s.text[: m.end()]
                own = own[_clause_start(own) :]
                own = re.sub(r",\s+who\s+[^,]+,", ",", own)
                # "the former Massachusetts governor told reporters that he supports …":
                # "former" there describes the speaker, it does not date the stance.
                own = _FORMER_TITLE.sub("", own)
                earlier = (
                    aux.startswith("had")
                    or bool(EARLIER.search(own))
                    # "A day after he refused to endorse …, Romney said …": the after-clause
                    # happened before the main one.
                    or (
                        bool(_AFTER_CLAUSE.search(own[: len(own) - len(m.group(0))]))
                        # "after some misgivings he will support": a noun after "after" and
                        # then the verb's own subject is a main clause, not an after-clause.
                        and not _AFTER_NOUN.search(own[: len(own) - len(m.group(0))])
                    )
                    or bool(PAST_AFTER.match(s.text[m.end() :]))
                )
                side = _side(verb)
                if verb.endswith(" to") and _AGAINST_OBJECT.match(issue):
                    side = -1  # "voted to block the legislation" is a vote against it
                negated = NEGATION.search(s.text[max(0, m.start() - 60) : m.start()])
                if negated:
                    modal = (negated.group("modal") or "does").lower()
                    stance = _capital(f"{modal} not {_base(verb)} {issue}")
                    side = -side
                else:
                    stance = self._stance_text(aux, m.group("adv") or "", m.group("verb"), issue)
                now = (m.group("adv") or "").strip().lower() == "now" and not negated
                # "backing off his earlier opposition and announcing he now supports": "now"
                # at the verb dates the stance, whatever other time the clause names.
                earlier = earlier and not now
                self.positions.append(Position(actor, issue, stance, s, side, earlier, now))

    @staticmethod
    def _stance_text(aux: str, adv: str, verb: str, issue: str) -> str:
        verb = " ".join(verb.split())
        if aux.strip() in ("will", "would"):
            verb = f"{aux.strip()} {verb}"
        elif aux.strip() in ("had been", "has been", "was", "were"):
            verb = f"was {verb}"
        kept = ("firmly", "strongly", "long", "once", "always", "publicly", "now")
        if adv.strip().lower() in kept:
            verb = f"{adv.strip()} {verb}"
        return _capital(f"{verb} {issue}")

    # ------------------------------------------------------------------ shifts from cues
    def read_cues(self) -> None:
        for s in self.sentences:
            if s.heading:
                continue
            for cue in CUES if hinted(s.text, CUE_HINT) else ():
                for m in cue.pattern.finditer(s.text):
                    if _NOT_BEFORE.search(s.text[max(0, m.start() - 30) : m.start()]):
                        continue  # "would not back down from …" is no retreat
                    who = self._actor_of_cue(s, m)
                    if who is not None:
                        self._cued_actors.add(who)
                    self._from_cue(s, cue, m)
            self._departure(s)
            self._departure_own(s)
            self._despite_earlier(s)
            self._switch_from(s)
            self._reversed_content(s)
            self._no_longer_passive(s)
            self._contrast(s)
            self._ending_resistance(s)
            self._relative_earlier(s)
            self._but_now(s)
            self._dated_pair(s)

    def _actor_of_cue(self, s: Sentence, m: re.Match[str]) -> str | None:
        """Who a cue is about: the possessor before it or inside it ("ignoring his pledge"),
        else the subject of its verb."""
        if re.search(r"\b(?:my|our)\s+", m.group(0), re.IGNORECASE):
            # "I called Dan Maes to withdraw my endorsement": the cue is the speaker's, and
            # the person named before it is not; with no speaker found, no one.
            return self.holders.speaker(s)
        inner = re.search(r"\b(?:his|her|its|their)\s+", m.group(0), re.IGNORECASE)
        owner = None
        if inner is not None and not self.holders.subject(s, m.start()):
            owner = self.holders.possessor(s, m.start() + inner.end())
        return owner or self.holders.possessor(s, m.start()) or self.holders.subject(s, m.start())

    def _from_cue(self, s: Sentence, cue: Cue, m: re.Match[str]) -> None:
        actor = self._actor_of_cue(s, m)
        if actor is None:
            return
        if cue.name in _CUE_STATES_BEFORE:
            self._pledge(s, m, actor)
            return
        issue = _issue_after(s.text[m.end() :])
        if _CIRCUMSTANCE.match(s.text[m.end() :]):
            issue = ""  # "withdrew its endorsement in a private meeting": where, not what
        marker = " ".join(m.group(0).split())
        early_change = CHANGE_TO.search(s.text[m.end() :]) if cue.after is None else None
        if early_change is not None:
            # "a U-turn on Wednesday, scrapping a planned rise in a levy": the participle names
            # what changed, and the earlier end is looked for on that.
            named = _issue_after(s.text[m.end() + early_change.end() :])
            issue = named if words(named) else issue
        implied_side = _SIDE_OF_CUE.get(cue.name, None if cue.before is None else 2)
        # "X, who last month was the first to support the bill, flipped her stance": an earlier
        # stance before a reversal cue in its own sentence is its earlier end.
        cue_at = m.start() if cue.before is None else None
        before = self._stated(actor, issue, s, earlier=True, side=implied_side, cue_at=cue_at)
        if cue.name in _STATES_BEFORE:
            before = None  # the cue's own sentence states it ("eased off calling for …")
        after_side: int | None = None if cue.after is None else 2
        if cue.after is None and before is not None and before.side in (1, -1):
            after_side = -before.side  # a change of position ends on the other side
        after = self._stated(
            actor, issue, s, earlier=False, side=after_side, strict=after_side in (1, -1)
        )
        if cue.before is None and cue.after is None and before is None:
            # "reversed course on … . He said he will not …": with no earlier stance stated, the
            # new one is what the actor says next, in the cue's paragraph or the one after.
            following = [
                p
                for p in self.positions
                if p.actor == actor
                and not p.earlier
                and p.side in (1, -1)
                and (p.sentence.paragraph, p.sentence.start) > (s.paragraph, s.start - 1)
                and p.sentence.paragraph - s.paragraph <= 1
                and not re.match(r"(?:Was|Were|Had)\b", p.stance)
            ]
            if following:
                after = min(following, key=lambda p: (p.sentence.paragraph, p.sentence.start))
        if cue.after is None and after is not None:
            # "after some misgivings he will support the overhaul": the stated end names it.
            issue = after.issue
        own = _OWN_DECISION.search(marker)
        if not words(issue) and own is not None:
            issue = own.group(0)  # "has reversed its decision": the cue names what it reversed
        if not words(issue):
            # "withdrew his support amid …": the issue comes from a stated end, if any.
            issue = (before.issue if before else "") or (after.issue if after else "")
            if not words(issue):
                return
        verb = m.groupdict().get("verb") or ""
        change_to = CHANGE_TO.search(s.text[m.end() :])
        if cue.after is None and change_to is not None:
            # "shifted their stance on Tuesday, voting to advance the package"
            start = m.end() + change_to.end()
            came = _issue_after(s.text[start:])
            if words(came):
                how = " ".join(change_to.group("how").split())
                # "scrapping a planned rise" ends against the rise, as "opposing" does.
                against = r"against|opposing|scrapping|dropping|abandoning|withdrawing|ditching"
                side = -1 if re.search(against, how, re.IGNORECASE) else 1
                after = Position(actor, came, _capital(f"{how} {came}"), s, side, False)
                issue = came
        if before is not None:
            before_end = End(before.stance, before.sentence, _label(before.sentence, "Before"))
        elif cue.before is not None:
            text = cue.before.format(issue=issue, verb=_base(verb))
            implied = "" if cue.name in _STATES_BEFORE | _CUE_STATES_BEFORE else marker
            before_end = End(_capital(text), s, "Before", cue=implied)
        elif (
            after is not None
            and after.side in (1, -1)
            and after.sentence.paragraph - s.paragraph <= 2
        ):
            # "reversed course … will vote for the bill": a reversal to a side implies the
            # other one before it, and the draft says that this end is implied.
            other = "Opposed" if after.side == 1 else "Supported"
            issue = after.issue
            before_end = End(f"{other} {issue}", s, "Before", cue=marker)
        elif (
            cue.name == "reversed"
            and own is not None
            and re.match(r"\s+to\s+\w", s.text[m.end() :])
            and words(issue)
        ):
            # "reversed its decision to remove the photo": the cue states the decision and
            # its reversal; that the actor stood by the decision before is only implied.
            before_end = End(_capital(f"decided to {issue}"), s, "Before", cue=marker)
            after_end = End(_capital(f"{marker} to {issue}"), s, _label(s, "Now"))
            self.shifts.append(Shift(actor, issue, before_end, after_end, marker))
            return
        elif cue.name in ("reversed", "u-turn") and _OWN_DECISION.match(issue):
            # "has reversed its decision": the cue states the change and what it changed; the
            # earlier end is only implied by it.
            before_end = End(_capital(f"stood by {issue}"), s, "Before", cue=marker)
            ends_so = marker.lower().endswith(issue.lower())
            after_text = marker if ends_so else f"{marker} {issue}"
            after_end = End(_capital(after_text), s, _label(s, "Now"))
            self.shifts.append(Shift(actor, issue, before_end, after_end, marker))
            return
        else:
            return
        came_to = CAME_TO.search(s.text[m.end() :])
        if after is not None and after.sentence == s and cue.after is None:
            after_end = End(after.stance, s, _label(s, "Now"))
            self.shifts.append(Shift(actor, issue, before_end, after_end, marker))
            return
        if cue.name == "retreat":
            after_end = End(_capital(f"{marker} {issue}"), s, _label(s, "Now"))
        elif cue.after is not None:
            text = cue.after.format(issue=issue, verb=verb.lower())
            after_end = End(_capital(text), s, _label(s, "Now"))
        elif came_to is not None:  # "changed his attitude, coming to favour the deal"
            came = _issue_after(s.text[m.end() + came_to.end() :])
            if not words(came):
                return
            after_end = End(_capital(came), s, _label(s, "Now"))
            issue = came if not words(issue) or issue == came else issue
        elif after is not None and (
            after.sentence != before_end.sentence or (before is not None and after is not before)
        ):
            # Two stances of one sentence are two ends too: "had argued in favor of …, but on
            # Friday has said that she would not vote for …".
            after_end = End(after.stance, after.sentence, _label(after.sentence, "Now"))
        elif (
            cue.name in ("changed its mind", "reversed")
            and before is not None
            and before.sentence != s
            and before.sentence.paragraph - s.paragraph in (0, 1)
            and (
                later := _LATER_CLAUSE.search(
                    before.sentence.text, before.sentence.text.find(before.issue)
                )
            )
            and words(_issue_after(later.group("rest")))
        ):
            # "Mayor Ernie Kell also switched positions. Last week, he said he favored the
            # stronger override, but Tuesday he sided with …": the sentence after the cue
            # states both ends, the later one in its contrast clause.
            now_text = _issue_after(later.group("rest"))
            after_end = End(_capital(now_text), before.sentence, _label(before.sentence, "Now"))
        elif (
            cue.name in ("changed its mind", "reversed")
            and before is not None
            and before.sentence == s
            and before.side in (1, -1)
        ):
            # "initially said he would support the bill but changed his mind when …": the
            # sentence states the earlier stance and the change away from it, which is the
            # later end in the article's own words.
            after_end = End(_capital(f"{marker} on {issue}"), s, _label(s, "Now"))
        else:
            return
        self.shifts.append(Shift(actor, issue, before_end, after_end, marker))

    def _pledge(self, s: Sentence, m: re.Match[str], actor: str) -> None:
        """ "Ignoring his pledge to oppose any legislation …, Schwarzenegger signed a bill": the
        pledge is the earlier end, the same sentence's stance on its other side the later."""
        rest_text = s.text[m.end() :]
        pledged = _issue_after(rest_text)
        if not words(pledged):
            return
        against = re.match(r"\s*(?:oppose|block|reject|not|never|veto|stop)\b", rest_text)
        later_side = 1 if against else -1
        later = [
            p
            for p in self.positions
            if p.actor == actor
            and p.side == later_side
            and p.sentence == s
            and p.issue not in pledged
            and s.text.find(p.issue) > m.end()
        ]
        if not later:
            return
        late = later[0]
        marker = " ".join(m.group(0).split())
        before = End(_capital(f"pledged to {pledged}"), s, _label(s, "Before"))
        after = End(late.stance, s, "Now")
        self.shifts.append(Shift(actor, late.issue, before, after, marker))

    def _stated(
        self,
        actor: str,
        issue: str,
        s: Sentence,
        *,
        earlier: bool,
        side: int | None = None,
        strict: bool = False,
        cue_at: int | None = None,
    ) -> Position | None:
        """A stance of the actor the article states, earlier (or not) than the cue's, on the
        same issue: sharing a word with it, or near the cue when the cue names no issue or
        implies the side the stance takes ("dropped her opposition" after "had opposed")."""
        key = words(issue)
        best: tuple[int, Position] | None = None
        for p in self.positions:
            if p.actor != actor or p.earlier != earlier:
                continue
            if (
                p.sentence == s
                and earlier
                and not (cue_at is not None and 0 <= s.text.find(p.issue) < cue_at)
            ):
                continue
            if strict and p.side != side:
                continue  # a change of position ends on the other side, wherever it is said
            shared = len(key & words(p.issue))
            distance = abs(p.sentence.paragraph - s.paragraph)
            # "initially voted in favor" marks its stance as the earlier end even a few
            # paragraphs from the cue, when it takes the side the cue implies.
            reach = 4 if earlier and p.side == side and _strongly_earlier(p) else 2
            # Without a shared word, only a stance near the cue and on the side it implies
            # (any side, for a cue such as "reversed course" that implies none).
            if shared == 0 and (distance > reach or (key and side is not None and p.side != side)):
                continue
            # A cue that implies no side ("a U-turn") takes an earlier end on no word of its
            # issue, in another sentence, only when the article marks it plainly as earlier
            # ("initially", "previously").
            loose = bool(key) and shared == 0 and earlier and side is None and p.sentence != s
            if loose and not _strongly_earlier(p):
                continue
            score = shared * 10 - distance
            if best is None or score > best[0]:
                best = (score, p)
        return best[1] if best else None

    def _departure(self, s: Sentence) -> None:
        """ "… a significant departure from previous administrations’ support for Ukraine"."""
        m = DEPARTURE.search(s.text)
        if m is None:
            return
        actor = self.holders.country_of(s.text[: m.start()]) or self.holders.subject(s, 0)
        if actor is None:
            return
        issue = _issue_after(s.text[m.end() :])
        if not words(issue):
            return
        what = " ".join(m.group("what").split()).lower()
        side = "Supported" if what.startswith(("support", "backing")) else "Opposed"
        who = " ".join(m.group("who").split())
        before = End(f"{side} {issue}", s, _capital(f"under {who}s").replace("ss", "s"))
        marker = " ".join(s.text[m.start() : m.end("who")].split())
        after_text = "No longer " + ("supports" if side == "Supported" else "opposes")
        after = End(f"{after_text} {issue}", s, "Now", cue=marker)
        self.shifts.append(Shift(actor, issue, before, after, marker))

    def _departure_own(self, s: Sentence) -> None:
        """ "This vote marked a departure from their previous opposition to the legislation"."""
        m = DEPARTURE_OWN.search(s.text)
        if m is None:
            return
        actor = self.holders.possessor(s, m.start("poss") + len(m.group("poss")) + 1)
        if actor is None:
            return
        issue = _issue_after(s.text[m.end() :])
        if not words(issue):
            return
        what = " ".join(m.group("what").split()).lower()
        side = "Supported" if what.startswith(("support", "backing")) else "Opposed"
        marker = " ".join(m.group(0).split())
        before = End(f"{side} {issue}", s, _label(s, "Before"))
        now = "No longer " + ("supports" if side == "Supported" else "opposes")
        after = End(f"{now} {issue}", s, "Now", cue=marker)
        self.shifts.append(Shift(actor, issue, before, after, marker))

    def _despite_earlier(self, s: Sentence) -> None:
        """ "Welch voted to advance the package, despite previously voting against its final
        passage": both ends stated in one sentence, the earlier one after "despite"."""
        m = DESPITE_EARLIER.search(s.text)
        if m is None:
            return
        later = [p for p in self.positions if p.sentence == s and not p.earlier]
        earlier = [p for p in self.positions if p.sentence == s and p.earlier]
        now = [p for p in later if s.text.find(p.stance.split()[-1]) < m.start()]
        then = [p for p in earlier if s.text.find(p.issue) > m.start()]
        for late in now or later:
            for early in then:
                if early.actor == late.actor and early.side * late.side == -1:
                    before = End(early.stance, s, _label(s, "Before"))
                    after = End(late.stance, s, "Now")
                    marker = " ".join(m.group(0).strip(", ").split())
                    self.shifts.append(Shift(late.actor, late.issue, before, after, marker))
                    return

    def _switch_from(self, s: Sentence) -> None:
        """ "Twenty House Republicans switched from voting “yes” last Congress to “no” this year
        on Democrat-led bills": both ends and the issue in one phrase."""
        m = SWITCH_FROM.search(s.text)
        if m is None:
            return
        actor = self.holders.subject(s, m.start())
        issue = _issue_after(m.group("issue"))
        if actor is None or not words(issue):
            return
        before = End(_capital(_plain(m.group("from"))), s, _label(s, "Before"))
        after = End(_capital(_plain(m.group("to"))), s, "Now")
        self.shifts.append(Shift(actor, issue, before, after, "switched from"))

    def _reversed_content(self, s: Sentence) -> None:
        """ "The CDC will advise vaccinated people to wear masks, reversing earlier guidance that
        face masks are no longer needed": the earlier stance is what the cue says was reversed,
        the later one the sentence's own claim."""
        m = REVERSED_CONTENT.search(s.text)
        if m is None:
            return
        claim = s.text[: m.start()].rstrip(" ,;")
        verb = re.search(r"\b(?:will|would|now|has|have|is|are)\s+", claim)
        if verb is None:
            return
        actor = self.holders.subject(s, verb.start())
        content = _issue_after(m.group("content"))
        later = _issue_after(claim[verb.end() :])
        if actor is None or not words(content) or not words(later):
            return
        what = m.group("what").lower()
        before = End(_capital(f"earlier {what}: {content}"), s, "Before")
        after = End(_capital(later), s, _label(s, "Now"))
        marker = " ".join(s.text[m.start() : m.start("content")].split())
        self.shifts.append(Shift(actor, content, before, after, marker))

    def _no_longer_passive(self, s: Sentence) -> None:
        """ "On Monday, the CDC said testing is no longer recommended": the holder is who said so;
        the earlier end is its stance before, if stated, or implied by "no longer"."""
        m = NO_LONGER_PASSIVE.search(s.text)
        if m is None:
            return
        said = list(SAID.finditer(s.text[: m.start()]))
        actor = self.holders.subject(s, said[-1].start()) if said else None
        if actor is None:
            return
        thing = m.group("thing")
        verb = m.group("verb").lower()
        marker = " ".join(m.group(0).split())
        prior = self._stated(actor, thing, s, earlier=True, side=1)
        after = End(_capital(f"{thing} is no longer {verb}"), s, _label(s, "Now"))
        if prior is not None:
            before = End(prior.stance, prior.sentence, _label(prior.sentence, "Before"))
        else:
            before = End(_capital(f"{thing} was {verb}"), s, "Before", cue=marker)
        self.shifts.append(Shift(actor, thing, before, after, marker))

    def read_pairs(self) -> None:
        """A stance the article marks as earlier ("initially", "previously") and a later one of
        the same actor on the other side, a paragraph or two apart, with a change cue about that
        actor somewhere in the article: the two ends of one move, though no cue joins them."""
        moved = {sh.actor for sh in self.shifts} | self._cued_actors
        for early in self.positions:
            if not early.earlier or early.side == 0 or not _strongly_earlier(early):
                continue
            later = [
                p
                for p in self.positions
                if p.actor == early.actor
                and not p.earlier
                and p.side == -early.side
                and abs(p.sentence.paragraph - early.sentence.paragraph)
                <= (4 if words(p.issue) & words(early.issue) else 2)
                # Without a cue about the actor, only the two sides in one sentence ("voted
                # against two bills this year that he supported last Congress") or on an issue
                # named in both ("rejected Schaeffler's bid" … "approved Schaeffler's offer").
                and (
                    early.actor in moved
                    or p.sentence == early.sentence
                    or bool(words(p.issue) & words(early.issue) - _WEAK)
                )
            ]
            if not later:
                continue
            late = min(later, key=lambda p: abs(p.sentence.paragraph - early.sentence.paragraph))
            before = End(early.stance, early.sentence, _label(early.sentence, "Before"))
            after = End(late.stance, late.sentence, _label(late.sentence, "Now"))
            self.shifts.append(Shift(early.actor, late.issue, before, after, "earlier stance"))

    def read_conceded(self) -> None:
        """ "will allow Coulter to speak after all", "Caving in to the pressure …, the Centre
        proposed it would keep the laws in abeyance": a stance its sentence marks as a change
        of mind or a concession is a later end, from a stance the article states or implies."""
        for late in self.positions:
            if late.earlier or late.now or late.side not in (1, -1):
                continue
            cue = _CONCEDED.search(late.sentence.text)
            if cue is None:
                continue
            self._now_alone(late, words(late.issue), marker=" ".join(cue.group(0).split()))

    def read_now(self) -> None:
        """A stance stated as now held ("Ruiz now supports the levy") and, before it in the
        article, a stance of the same actor on the other side of the same issue ("refused to
        endorse the levy"): "now" marks the later end, the text's order the earlier one."""
        for late in self.positions:
            if not late.now or late.side not in (1, -1):
                continue
            key = words(late.issue) - _WEAK
            before = [
                p
                for p in self.positions
                if p.actor == late.actor
                and p.side == -late.side
                and not p.now
                and (p.sentence.paragraph, p.sentence.start)
                < (late.sentence.paragraph, late.sentence.start)
                and late.sentence.paragraph - p.sentence.paragraph <= 3
                and key & words(p.issue)
            ]
            neutral = _NEUTRAL_BEFORE.search(late.sentence.text)
            if not before and neutral is not None:
                # "After months of staying neutral, the mayor … now opposes the bill": the
                # sentence states the earlier stance, neither side, and the move from it.
                stayed = " ".join(neutral.group("how").split())
                then = End(_capital(f"{stayed} on {late.issue}"), late.sentence, "Before")
                after = End(late.stance, late.sentence, _label(late.sentence, "Now"))
                self.shifts.append(Shift(late.actor, late.issue, then, after, neutral.group(0)))
                continue
            if not before:
                self._now_alone(late, key)
                continue
            early = max(before, key=lambda p: (p.sentence.paragraph, p.sentence.start))
            then = End(early.stance, early.sentence, _label(early.sentence, "Before"))
            after = End(late.stance, late.sentence, _label(late.sentence, "Now"))
            self.shifts.append(Shift(late.actor, late.issue, then, after, "now"))

    def _now_alone(self, late: Position, key: set[str], marker: str = "now") -> None:
        """ "Baker is now promising to sign the bill": a stance the article says is held now,
        with no opposite one stated, is a change from not holding it. The earlier end is a
        sentence near it that says the actor would not commit ("Up until now, the governor
        has declined to say whether he would sign"), else implied by "now"."""
        after = End(late.stance, late.sentence, _label(late.sentence, "Now"))
        for s in self.sentences:
            if s is late.sentence or abs(s.paragraph - late.sentence.paragraph) > 3:
                continue
            m = _UNDECIDED.search(s.text)
            if m is None or not key & words(s.text):
                continue
            then = End(f"Would not commit either way on “{late.issue}”", s, "Before")
            self.shifts.append(Shift(late.actor, late.issue, then, after, marker))
            return
        if marker == "now":
            was = "Did not yet support" if late.side == 1 else "Did not yet oppose"
        else:
            was = "Had resisted" if late.side == 1 else "Had gone along with"
        then = End(f"{was} {late.issue}", late.sentence, "Before", cue=marker)
        self.shifts.append(Shift(late.actor, late.issue, then, after, marker))

    def _contrast(self, s: Sentence) -> None:
        """ "In contrast, former President Joe Biden had supported …": a former holder of an
        office stood elsewhere than the one who holds it now, so the office's country moved."""
        if not IN_CONTRAST.search(s.text):
            return
        former = [
            p
            for p in self.positions
            if p.sentence == s and p.earlier and p.actor in self.holders.people
        ]
        if not former:
            return
        then = former[0]
        person = self.holders.people[then.actor]
        if "former" not in person.role.lower() and "former" not in s.text.lower():
            return
        # The current stance: the nearest earlier sentence with another actor's stance on it.
        now = [
            p
            for p in self.positions
            if p.sentence.paragraph < s.paragraph
            and p.actor != then.actor
            and p.actor in self.holders.people
            and words(p.issue) & words(then.issue)
            and not p.earlier
        ]
        if not now:
            return
        current = max(now, key=lambda p: (p.sentence.paragraph, p.sentence.start))
        country = self.holders.country_for(current.actor, then.issue)
        if country is None:
            return
        holder = self.holders.holder(current.actor)
        before = End(then.stance, then.sentence, f"Under {person.name}")
        after = End(current.stance, current.sentence, f"Under {holder.name}")
        marker = IN_CONTRAST.search(s.text).group(0)  # type: ignore[union-attr]
        self.shifts.append(Shift(country, then.issue, before, after, marker))

    def _ending_resistance(self, s: Sentence) -> None:
        m = ENDING_RESISTANCE.search(s.text)
        if m is None:
            return
        rest = s.text[m.end() :]
        verb = re.search(r"\b(announced|introduced|backed|accepted|agreed to|approved)\b", rest)
        if verb is None:
            return
        actor = self.holders.subject(s, m.end() + verb.start())
        if actor is None:
            return
        after_issue = _issue_after(rest[verb.end() :])
        issue = _issue_after(m.group("issue"))
        if words(issue) <= _VAGUE:  # "resistance to such a move": the move is what follows
            issue = after_issue
        before = End(f"Resisted {issue}", s, "Before")
        after = End(_capital(f"{verb.group(1)} {after_issue}"), s, _label(s, "Now"))
        self.shifts.append(Shift(actor, after_issue, before, after, m.group(0).strip(", ")))

    def _relative_earlier(self, s: Sentence) -> None:
        """The form "Trump, who had raised difficulties over the buyout, accepted the takeover": the
        relative clause holds the earlier stance, the main clause the later one (or a cue)."""
        m = RELATIVE_EARLIER.search(s.text)
        if m is None:
            return
        actor = self.holders.subject(s, m.start())
        if actor is None:
            return
        verb = m.group("verb")
        if verb.lower() in SPEECH_VERBS:
            return  # "who had warned he could shift his support": a warning, not a stance
        before_issue = _issue_after(m.group("object"))
        if not words(before_issue):
            return
        earlier = f"was {verb}" if verb.lower().endswith("ing") else verb
        rest = m.group("rest")
        came = CAME_TO.search(rest[re.match(r"[^,]*", rest).end() :])  # type: ignore[union-attr]
        if any(c.pattern.match(rest) for c in CUES) and came is not None:
            start = re.match(r"[^,]*", rest).end() + came.end()  # type: ignore[union-attr]
            later = _issue_after(rest[start:])
        else:
            later = _issue_after(rest)
        if len(later.split()) < 2:
            return
        issue_words = later.split(maxsplit=1)
        issue = issue_words[1] if len(issue_words) > 1 else before_issue
        before = End(_capital(f"{earlier} {before_issue}"), s, "Before")
        after = End(_capital(later), s, _label(s, "Now"))
        self.shifts.append(Shift(actor, issue, before, after, "who had"))

    def _but_now(self, s: Sentence) -> None:
        """The form "As recently as a month ago, X demanded …, but now X has …"."""
        m = BUT_NOW.search(s.text)
        if m is None:
            return
        then = [p for p in self.positions if p.sentence == s and s.text.find(p.issue) < m.start()]
        if not then:
            return
        first = then[0]
        if not (EARLIER.search(s.text[: m.start()]) or first.stance.startswith("Was")):
            return
        rest = s.text[m.end() :]
        verb = re.search(r"\b(?:has|have|is|are|will|would)\s+(?:\w+ly\s+)?(\w+)\s+", rest)
        if verb is None or verb.start() > 30:
            # "… was critical of the Prime Minister but now says she has his backing"
            verb = re.match(r"\s*()(?:says|said|backs|supports|opposes|wants|favou?rs)\b", rest)
        if verb is None:
            return
        later = _issue_after(rest[verb.start(1) :])
        if len(later.split()) < 2:
            return
        before = End(first.stance, s, _label(s, "Before"))
        after = End(_capital(later), s, "Now")
        self.shifts.append(Shift(first.actor, first.issue, before, after, "but now"))

    def _dated_pair(self, s: Sentence) -> None:
        """A temporal-contrast frame: two stances in one sentence on opposite sides of one
        issue, each dated ("who voted to block the legislation on Monday ended up voting in
        favor of the legislation on Wednesday"), are the two ends of one move, in the order of
        their dates; no cue word is needed, the dates are the cue."""
        if not hinted(s.text, STANCE_HINT):
            return
        dated: list[tuple[int, str, Position]] = []
        first_actor: str | None = None
        for m in STANCE.finditer(s.text):
            verb = " ".join(m.group("verb").lower().split())
            rest = s.text[m.end() :]
            issue = _issue_after(rest)
            when = TIME_AFTER.match(rest)
            if when is None or not words(issue):
                continue
            actor = self.holders.subject(s, m.start(), after_who=True) or first_actor
            if actor is None:
                continue
            first_actor = first_actor or actor
            side = _side(verb)
            if verb.endswith(" to") and _AGAINST_OBJECT.match(issue):
                side = -1
                issue = _issue_after(issue.split(maxsplit=1)[1]) if " " in issue else issue
            window = s.text[max(0, m.start() - 60) : m.start()]
            # "Doesn't that mean that they voted …": a negation before a "that" clause is the
            # question's, not the vote's.
            window = window[window.rfind(" that ") + 1 :] if " that " in window else window
            if side == 0 or NEGATION.search(window):
                continue
            stance = self._stance_text("", "", m.group("verb"), _issue_after(rest))
            order = _time_order(when.group("when"))
            dated.append((order, actor, Position(actor, issue, stance, s, side, False)))
        for i, (t1, a1, p1) in enumerate(dated):
            for t2, a2, p2 in dated[i + 1 :]:
                if a1 != a2 or t1 == t2 or p1.side != -p2.side:
                    continue
                if not words(p1.issue) & words(p2.issue):
                    continue
                early, late = (p1, p2) if t1 < t2 else (p2, p1)
                before = End(early.stance, s, "Before")
                after = End(late.stance, s, "Now")
                self.shifts.append(Shift(a1, late.issue, before, after, "dated stances"))
                return

    def stated_after(self, shift: Shift) -> Shift:
        """A shift whose later end is only the cue's own words ("end their holdout on the deal"
        drafted as "No longer opposes the deal") takes the later stance the article states
        near it instead, when the same actor takes the side the cue implies on the same issue
        ("praised the reworked pact"): the evidence of an end is the sentence that states it."""
        if not shift.before.implied or shift.after.sentence != shift.before.sentence:
            return shift
        cue = next((c for c in CUES if c.pattern.search(shift.marker)), None)
        if cue is None or cue.after is None or cue.name not in _SIDE_OF_CUE:
            return shift
        side = -_SIDE_OF_CUE[cue.name]
        here = shift.after.sentence
        mine = [p for p in self.positions if p.actor == shift.actor and p.side == side]
        if any(p.sentence == here for p in mine):
            return shift  # "abandoned its opposition …, backing a call to suspend them"
        key = words(shift.issue)
        stated = [
            p
            for p in self.positions
            if p.actor == shift.actor
            and not p.earlier
            and p.side == side
            and p.sentence != here
            and abs(p.sentence.paragraph - here.paragraph) <= 1
            and key & words(p.issue)
        ]
        if not stated:
            return shift
        late = min(stated, key=lambda p: abs(p.sentence.paragraph - here.paragraph))
        return replace(shift, after=End(late.stance, late.sentence, _label(late.sentence, "Now")))

    # ------------------------------------------------------------------ one shift per move
    def merged(self) -> list[Shift]:
        """Shifts of one actor on one issue drafted once: the one with most stated ends."""
        kept: list[Shift] = []
        for shift in self.shifts:
            same = next(
                (k for k in kept if k.actor == shift.actor and _same_move(k, shift)),
                None,
            )
            if same is None:
                kept.append(shift)
                continue
            better = shift if shift.stated > same.stated else same
            other = same if better is shift else shift
            if better.before.implied and not other.before.implied:
                better = replace(better, before=other.before)
            if better.after.implied and not other.after.implied:
                better = replace(better, after=other.after)
            kept[kept.index(same)] = better
        return kept


# The object a "reversed" cue names when it reverses the actor's own earlier choice.
_OWN_DECISION = re.compile(
    r"(?:its|his|her|their)\s+(?:own\s+)?(?:decision|ruling|policy|plan|endorsement)",
    re.IGNORECASE,
)
_CIRCUMSTANCE = re.compile(r"\s+(?:in|at|during|amid)\s+(?:a|an|the)\b")
# What "voted to …" does when it is a vote against the thing: "voted to block the bill".
_AGAINST_OBJECT = re.compile(
    r"(?:block|filibuster|reject|kill|stop|oppose|delay|sink|defeat|overturn|repeal|scrap|"
    r"rescind|revoke|reverse|cancel)\b",
    re.IGNORECASE,
)
# "the message Hammond had wanted to send …": a verb in a relative clause on the noun before
# its subject, so what follows the verb is no issue the subject takes a side on.
_OBJECT_GAP = re.compile(
    r"\b(?:the|a|an)\s+(?:message|signal|thing|things|point|case|line|impression|picture)\s+"
    r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?\s*$"
)
_FORMER_TITLE = re.compile(
    r"\bformer\s+(?=[A-Z]|(?:[\w-]+\s+){0,2}(?:governor|president|minister|senator|mayor|"
    r"chief|prime|secretary|leader|chairman|chairwoman)\b)"
)
_NOT_BEFORE = re.compile(r"\b(?:not|never|n[’']t)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_NEUTRAL_BEFORE = re.compile(
    r"\b(?:after|following)\s+(?:(?:months|weeks|years|days)\s+of\s+)?"
    r"(?P<how>(?:staying|remaining|being)\s+(?:neutral|undecided|on\s+the\s+fence|silent))",
    re.IGNORECASE,
)
# "Last week, he said he favored …, but Tuesday he sided with …": a clause of a new time after
# a contrast, with its own subject, tells where the actor stands now.
_LATER_CLAUSE = re.compile(
    r",?\s+but\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
    r"now|this\s+week|later|since\s+then)\s+(?:he|she|it|they)\s+(?P<rest>[a-z][^;.]*)"
)
# A sentence that says an actor would not commit either way: an earlier end of neither side.
# Words that mark a stance as a change of mind or a concession made under pressure.
_CONCEDED = re.compile(
    r"\bafter\s+all\b|\bcav(?:ed|ing|es)\s+in\b|\bg(?:ave|iving|ives)\s+in\s+to\b|"
    r"\bbow(?:ed|ing|s)\s+to\s+(?:the\s+)?(?:\w+\s+)?pressure\b|\bin\s+a\s+climb-?down\b",
    re.IGNORECASE,
)
_UNDECIDED = re.compile(
    r"\b(?:declined|refused|would\s+not|wouldn[’']t|has\s+not|had\s+not|hadn[’']t)\s+(?:to\s+)?"
    r"(?:say|said|commit|committed)\b|\bundecided\b|\bnoncommittal\b|\bon\s+the\s+fence\b|"
    r"\b(?:up\s+)?until\s+now\b",
    re.IGNORECASE,
)
_AFTER_NOUN = re.compile(r"\bafter\s+(?:[\w’']+\s+){1,2}(?:he|she|it|they|we|I)\s+$", re.I)
_AFTER_CLAUSE = re.compile(r"\bafter\s+(?:[\w’']+\s+){0,3}$", re.IGNORECASE)
# Words too common in issues to tie two stances to one issue by themselves.
_WEAK = frozenset(["new", "plan", "bill", "deal", "vote", "last", "week", "month", "year"])
# Cues whose sentence states the earlier stance itself.
_STATES_BEFORE = frozenset({"eased off"})
# Cues whose own words state the earlier stance as evidence ("ignoring his pledge to oppose
# any legislation"): the before end is stated, not implied.
_CUE_STATES_BEFORE = frozenset({"broke pledge"})
# The side of the earlier stance that a cue implies (2, used for the others, matches none).
_SIDE_OF_CUE = {
    "dropped opposition": -1,
    "withdrew support": 1,
    "dropped plans": 1,
    "switch against": 1,
    "retreat": 1,
}


def _same_move(a: Shift, b: Shift) -> bool:
    """Two drafts of one move: they share a sentence, or their issues share two words, or one
    word within a couple of paragraphs, or each states the end the other only implies and they
    stand in one paragraph."""
    if {a.before.sentence, a.after.sentence} & {b.before.sentence, b.after.sentence}:
        return True
    one_place = abs(a.after.sentence.paragraph - b.after.sentence.paragraph) <= 1
    if one_place and (
        (a.before.implied and not b.before.implied and b.after.implied and not a.after.implied)
        or (b.before.implied and not a.before.implied and a.after.implied and not b.after.implied)
    ):
        return True
    shared = len(words(a.issue) & words(b.issue))
    near = abs(a.after.sentence.paragraph - b.after.sentence.paragraph) <= 2
    # The same cue twice ("withdrew his support", "has withdrawn his support from"): one move.
    same_cue = a.marker.lower()[:5] == b.marker.lower()[:5]
    close = abs(a.after.sentence.paragraph - b.after.sentence.paragraph) <= 3
    # The same cue, each draft with only its cue for the earlier end ("will withdraw its
    # proposal" … "said it would withdraw the offer"): one move told twice.
    retold = same_cue and a.before.implied and b.before.implied
    return shared >= 2 or (shared == 1 and (near or same_cue)) or (same_cue and close) or retold


def _plain(text: str) -> str:
    return " ".join(text.split()).strip("“”\"' ")


def _side(verb: str) -> int:
    verb = DAY_WORD.sub("", verb)
    if verb in STANCE_VERBS:
        return STANCE_VERBS[verb]
    if verb in BASE_SIDES:
        return BASE_SIDES[verb]
    noun = re.search(r"(\w+?)s?\s+of$", verb)
    return NOUN_SIDES.get(noun.group(1), 1) if noun else 1


def _clause_start(text: str) -> int:
    """Where the last clause of `text` starts: after its last full stop, semicolon or contrast
    ("but", "however"), where a full stop after a title ("Gov. Arnold Schwarzenegger") ends
    nothing."""
    cut = text.rfind(";")
    # A contrast starts a clause of its own time: "had argued for …, but on Friday said …".
    for contrast in re.finditer(r",?\s+(?:but|however|yet|whereas)\s+", text):
        cut = max(cut, contrast.end() - 1)
    for stop in re.finditer(r"(\w*)\.(?: |T)", text):
        if stop.group(1) not in _TITLES:
            cut = max(cut, stop.start() + len(stop.group(1)))
    return cut + 1


_TITLES = frozenset(["Gov", "Sen", "Rep", "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Jr"])


def _time_order(when: str) -> int:
    """Where a time word stands in time: weekdays in their order, "last …" before "this …"."""
    lower = when.lower()
    if lower in WEEKDAYS:
        return WEEKDAYS.index(lower)
    return 0 if lower.startswith("last") else 10


def _strongly_earlier(p: Position) -> bool:
    return bool(STRONG_EARLIER.search(p.sentence.text))


def _base(verb: str) -> str:
    """ "supports" -> "support", for "Used to support …"."""
    verb = verb.lower()
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith("s") and not verb.endswith("ss"):
        return verb[:-1]
    return verb


def find_positions(article: Article, people: dict[str, Person]) -> Found:
    rules = _Rules(article, people)
    rules.read_positions()
    rules.read_cues()
    rules.read_pairs()
    rules.read_now()
    rules.read_conceded()
    shifts = _with_changes([rules.stated_after(s) for s in rules.merged()], rules)
    # A stance already asked as one end of a shift is not asked again as a view.
    used = {e.sentence for s in shifts for e in (s.before, s.after)}
    positions = tuple(p for p in rules.positions if p.sentence not in used)
    return Found(tuple(shifts), positions, rules.holders)


def _with_changes(shifts: list[Shift], rules: _Rules) -> list[Shift]:
    """The shifts of the cue rules, with those the clause reader finds that no rule drafted.

    Where both read one move, the rules' ends stay (they were measured longest) but the issue
    is the clause's when it holds all of the rule's words and more: "Alabama Rep" cut at an
    abbreviation is the same thing as "endorsement of Alabama Rep. Mo Brooks", named whole."""
    out = list(shifts)
    for change in read_changes(rules.sentences, rules.holders):
        drafted = _change_shift(change, rules)
        same = next(
            (
                k
                for k in out
                if _one_actor(k.actor, drafted.actor, rules.holders)
                and (_same_move(k, drafted) or _retold_next(k, drafted))
            ),
            None,
        )
        if same is None:
            out.append(drafted)
            continue
        mine, theirs = content(drafted.issue), content(same.issue)
        if theirs < mine and change.head not in same.issue.lower():
            out[out.index(same)] = replace(same, issue=drafted.issue)
    for drafted in _reversal_of_stance(rules):
        same = next(
            (k for k in out if k.actor == drafted.actor and _same_move(k, drafted)),
            None,
        )
        if same is None:
            out.append(drafted)
        elif same.after.sentence != drafted.after.sentence:
            # The cue's own sentence states the later stance; a pair the rules took from the
            # sentences after it is an earlier move ("supported …, but in April opposed").
            out[out.index(same)] = drafted
    for turn in read_restored(rules.sentences, rules.holders):
        s = turn.sentence
        verb = turn.marker.split()[0].lower()
        after = End(_capital(f"{verb} {turn.issue}"), s, _label(s, "Now"))
        before = End(_capital(f"Had taken away {turn.issue}"), s, "Before", cue=turn.marker)
        drafted = Shift(turn.actor, turn.issue, before, after, turn.marker)
        if not any(
            _one_actor(k.actor, drafted.actor, rules.holders) and _same_move(k, drafted)
            for k in out
        ):
            out.append(drafted)
    for turn in read_turns(rules.sentences, rules.holders):
        s = turn.sentence
        now = "" if turn.aux.endswith("to") else turn.aux
        after = End(_capital(f"{now} {turn.issue}".strip()), s, _label(s, "Now"))
        # A turn to a course implies the actor was not on it before (or, turning to "no
        # longer", was on it); the draft says so.
        was = "Was ready to" if "no longer" in turn.aux else "Was not set to"
        before = End(f"{was} {turn.issue}", s, "Before", cue=turn.marker)
        drafted = Shift(turn.actor, turn.issue, before, after, turn.marker)
        if not any(k.actor == drafted.actor and _same_move(k, drafted) for k in out):
            out.append(drafted)

    # Last, two opposite stances of one actor put in order by time marks, where no cue or
    # clause above read the move: each reader's draft of a move stays, this one only adds.
    def same_actor(a: str, b: str) -> bool:
        return _one_actor(a, b, rules.holders)

    compared = read_stances(rules.sentences, rules.holders) + [
        stated(p.actor, p.issue, p.side, p.earlier, p.sentence, p.stance)
        for p in rules.positions
        if p.side in (1, -1)
    ]
    for pair in pair_stances(compared, same_actor):
        drafted = _pair_shift(pair)
        same = next(
            (
                k
                for k in out
                if _one_actor(k.actor, drafted.actor, rules.holders) and _same_move(k, drafted)
            ),
            None,
        )
        if same is None:
            out.append(drafted)
        elif same.before.implied:
            # "Blake, who voted for the levy, now wants it scrapped": a rule that read the
            # later end implied the earlier one, which the pair has stated; the stated one
            # stands (a draft states what it can rather than ask the instructor to check).
            out[out.index(same)] = replace(same, before=drafted.before)
    return [s for s in out if not _retold(s, out, rules.holders) and not _feared(s)]


def _pair_shift(pair: Pair) -> Shift:
    """A pair of stances as a shift: both ends stated, each with its own sentence; the marker
    names the two time marks that order them."""
    early, late = pair.early, pair.late
    then = End(_capital(early.text), early.sentence, _label(early.sentence, "Before"))
    now = End(_capital(late.text), late.sentence, _label(late.sentence, "Now"))
    marks = " … ".join(m for m in (early.mark, late.mark) if m) or "two stances in order"
    return Shift(pair.actor, pair.topic, then, now, marks)


def _feared(shift: Shift) -> bool:
    """ "The experts were concerned that department officials are backing off on …": a worry
    that a change is under way reports the worry, not the change."""
    text = shift.after.sentence.text
    at = text.find(shift.marker.split()[0]) if shift.marker else -1
    return at > 0 and bool(_WORRY.search(text[:at]))


_REVERSAL_NOUN = re.compile(
    r"\b(?:an?|the|his|her|its|their)\s+(?:\w+\s+)?(?:reversal|u-turn|about-face|turnaround|"
    r"climbdown|change\s+of\s+heart)\b",
    re.IGNORECASE,
)


def _reversal_of_stance(rules: _Rules) -> list[Shift]:
    """ "Rauner signed the bill, a reversal of his stance last spring": a noun of reversal set
    beside a stance of the actor in one sentence makes that stance the later end; the earlier
    is the same actor's stance on the other side of the same issue near it, the last stated
    (the one the change left)."""
    out: list[Shift] = []
    for late in rules.positions:
        if late.earlier or late.side not in (1, -1):
            continue
        cue = _REVERSAL_NOUN.search(late.sentence.text)
        if cue is None or late.sentence.text.find(late.issue) > cue.start():
            continue  # the noun must follow the stance it names as the change
        key = words(late.issue)
        before = [
            p
            for p in rules.positions
            if p.actor == late.actor
            and p.side == -late.side
            and p.sentence != late.sentence
            and abs(p.sentence.paragraph - late.sentence.paragraph) <= PARAGRAPH_REACH
            and key & words(p.issue)
        ]
        if not before:
            continue
        early = max(
            before,
            key=lambda p: (
                not p.earlier,
                p.sentence.paragraph,
                p.sentence.start,
                p.sentence.text.find(p.issue),
            ),
        )
        then = End(early.stance, early.sentence, _label(early.sentence, "Before"))
        now = End(late.stance, late.sentence, _label(late.sentence, "Now"))
        out.append(Shift(late.actor, late.issue, then, now, " ".join(cue.group(0).split())))
    return out


def _retold_next(a: Shift, b: Shift) -> bool:
    """ "… has withdrawn its opposition to the process. / In a 6-3 vote earlier this month,
    council members voted to remove their objection to …": one actor's change told again in
    the next paragraph, each time with its earlier end only implied, is one move."""
    return (
        a.before.implied
        and b.before.implied
        and abs(a.after.sentence.paragraph - b.after.sentence.paragraph) <= 1
    )


def _one_actor(a: str, b: str, holders: Holders) -> bool:
    """One actor under two names: the same id, or one name the short form of the other
    ("UMass", "HST" for "University of Massachusetts Amherst", "Harbour Sailing Trust")."""
    if a == b:
        return True
    names = sorted((holders.holder(a).name, holders.holder(b).name), key=len)
    if " " not in names[0] and names[1].lower().endswith(" " + names[0].lower()):
        return True  # "the board" after "New Jersey School Board"
    short, long = names[0].replace(" ", ""), names[1]
    chunks = re.findall(r"[A-Z][a-z]*", short)
    heads = [
        w for w in re.findall(r"[\w’'-]+", long) if w.lower() not in ("of", "the", "and", "for")
    ]
    if len(chunks) < 2 or len(chunks) > len(heads) or "".join(chunks) != short:
        return False
    return all(w.lower().startswith(c.lower()) for c, w in zip(chunks, heads, strict=False))


_WORRY = re.compile(
    r"\b(?:concerned|worried|afraid|fearful|feared|fears?|warned|suspected)\s+that\b", re.IGNORECASE
)
# Words that name an act without saying which: "their decision", "that ban" point back.
_HEAD_WORDS = frozenset(["move", *HEADS])


def _retold(shift: Shift, shifts: list[Shift], holders: Holders) -> bool:
    """ "UMass said it changed its policy": an issue that is only a head word ("its policy")
    points back to the thing a shift before it named in full, whoever the article says moved
    (the body is often named two ways, "UMass" and "the University of Massachusetts")."""
    named = content(shift.issue)
    if (
        re.match(r"(?:that|this|these|those)\s", shift.issue, re.IGNORECASE)
        and len(shift.issue.split()) <= 3
    ):
        # "I have scrapped that idea": "that" points back to the move already drafted.
        return any(
            other is not shift
            and _one_actor(shift.actor, other.actor, holders)
            and abs(other.after.sentence.paragraph - shift.after.sentence.paragraph) <= 3
            and not re.match(r"(?:that|this|these|those)\s", other.issue, re.IGNORECASE)
            for other in shifts
        )
    pointer = re.search(r"\b(?:that|this|these|those)\s+(\w+)$", shift.marker, re.IGNORECASE)
    if pointer is not None:
        # "NCL is overturning that ban": "that" points back to the ban already named.
        head = pointer.group(1).lower()
        return any(
            other is not shift
            and _one_actor(shift.actor, other.actor, holders)
            and head in content(other.issue)
            and (other.after.sentence.paragraph, other.after.sentence.start)
            < (shift.after.sentence.paragraph, shift.after.sentence.start)
            for other in shifts
        )
    if len(named) != 1 or len(shift.issue.split()) > 2:
        return False
    return any(
        other is not shift
        and _one_actor(shift.actor, other.actor, holders)
        and (
            named <= _HEAD_WORDS
            or (
                named < content(other.issue)
                and shift.after.sentence.paragraph - other.after.sentence.paragraph <= 3
            )
        )
        and (other.after.sentence.paragraph, other.after.sentence.start)
        < (shift.after.sentence.paragraph, shift.after.sentence.start)
        for other in shifts
    )


def _change_shift(change: Change, rules: _Rules) -> Shift:
    """A clause that undoes something as a shift: the later end is the clause's own words, the
    earlier the actor's earlier stated stance on the same thing, else implied by the clause."""
    s = change.sentence
    after = End(_capital(change.clause), s, _label(s, "Now"))
    key = content(change.issue)
    stated = [
        p
        for p in rules.positions
        if p.actor == change.actor
        and p.earlier
        and p.sentence != s
        and abs(p.sentence.paragraph - s.paragraph) <= PARAGRAPH_REACH
        and key & content(p.issue)
    ]
    if stated:
        p = min(stated, key=lambda p: abs(p.sentence.paragraph - s.paragraph))
        before = End(p.stance, p.sentence, _label(p.sentence, "Before"))
        return Shift(change.actor, change.issue, before, after, change.marker)
    holder = rules.holders.holder(change.actor)
    names = [w.lower() for w in holder.name.split() if len(w) > 2]
    earlier = earlier_sentence(change, rules.sentences, names)
    what = {-1: "Held to", 1: "Gave", 0: "Stood by"}[change.side]
    if earlier is not None:
        before = End(_capital(f"{what} the {change.issue}"), earlier, _label(earlier, "Before"))
    else:
        before = End(_capital(f"{what} the {change.issue}"), s, "Before", cue=change.marker)
    return Shift(change.actor, change.issue, before, after, change.marker)
