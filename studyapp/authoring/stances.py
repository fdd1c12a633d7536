"""Shifts read by comparing two stances of one actor on one topic, with no change cue at all.

The cue rules (`positions`) and the clause reader (`clauses`) find a change where the article
names it ("reversed course", "dropped its opposition"). Each set of fresh pages words more of
its changes without such a word: "had previously voted against advancing the legislation" …
"voted to advance the package on Tuesday"; "the last holdout against the bill, announced
Saturday he will support it". What such a page does give is two sentences (or two clauses of
one) that state the same actor's stance on the same thing on opposite sides, and words that
place one before the other in time. This module reads exactly that and nothing else:

1. stances: a verb or phrase with a side (for: support, back, approve, allow, vote for, go
   ahead …; against: oppose, reject, deny, ban, cancel, veto, vote against …), negation
   flipping it ("won't have to stop"), its actor (the subject, or the noun before "who"), its
   topic (the words after it, or, for "it", the topic of the stance just before), and its time
   from the marks in its own clause: earlier ("had", "previously", "initially", "last week",
   "in April", "ago", "after months of") or later ("now", "on Tuesday", "this week", "will");
   unmarked otherwise.
2. pairs: one actor, topics sharing a word, opposite sides, the first marked earlier than the
   second (earlier before unmarked or later, unmarked before later), a few paragraphs apart.

Precision is the point of the ordering rule: two opposite stances with no time between them
are two views (or two things), not a change, and are left alone; a page with no change of
position should draft nothing from here. Functions only: the reader takes the sentences and
the article's holders and returns what it found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from studyapp.authoring.actors import Holders
from studyapp.authoring.cues import ISSUE_END, MAX_ISSUE_WORDS, issue_words
from studyapp.authoring.lexicon import WEEKDAYS
from studyapp.authoring.sentences import Sentence

EARLIER, UNMARKED, LATER = -1, 0, 1
# How far apart (in paragraphs) the two stances of one move may stand.
PAIR_REACH = 3

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
# Words of a clause that put its stance before the time the article reports on.
_EARLIER = re.compile(
    r"\b(?:had|previously|previous|prior|initially|originally|at\s+first|earlier|formerly|once|"
    r"last\s+(?:week|month|year|session|term|spring|summer|fall|autumn|winter|"
    rf"{WEEKDAYS})|(?:\w+\s+){{1,2}}(?:days|weeks|months|years)\s+ago|"
    rf"in\s+(?:{_MONTHS})|in\s+(?:19|20)\d\d|after\s+(?:months|weeks|years)\s+of|"
    r"used\s+to)\b",
    re.IGNORECASE,
)
# Words of a clause that put its stance at the time reported on, after what came before.
_LATER = re.compile(
    rf"\b(?:now|today|tonight|this\s+(?:week|month|year|evening)|(?:on\s+)?(?:{WEEKDAYS})|"
    r"will|intends?\s+to|plans?\s+to|after\s+all|instead|then)\b",
    re.IGNORECASE,
)
# Stance phrases with their side: +1 for the topic after them, -1 against it. Written by stem
# so that a verb's tenses are one entry; which tense it is comes from the time marks.
# What may stand between a vote and its side: "voted 4-0 to deny", "voted unanimously on
# Monday to approve".
_VOTE_GAP = (
    rf"(?:\s+(?:\d+-\d+|\d+\s+to\s+\d+|unanimously|(?:on\s+)?(?:{WEEKDAYS})|"
    rf"(?:in|last)\s+(?:{_MONTHS}|week|month|year)))*"
)
_FOR = (
    # Not bare "back": "flipped back again" takes no side.
    r"support(?:s|ed|ing)?(?:\s+for)?|back(?:s|ed)(?!\s+(?:away|off|down|out|on|from))|"
    r"favou?r(?:s|ed)?|endors(?:e|es|ed|ing)|approv(?:e|es|ed|ing)|"
    r"allow(?:s|ed|ing)?|permit(?:s|ted)?|"
    r"agree(?:s|d|ing)?(?:\s+with(?:\s+[A-Z][\w-]*){1,3})?\s+to|"
    rf"vot(?:e|es|ed|ing){_VOTE_GAP}\s+(?:for|in\s+favou?r\s+of|yes\s+on|"
    r"to\s+(?:advance|approve|pass|support|allow|keep|maintain|confirm|adopt))|"
    r"(?:will|would|can|could)\s+go\s+ahead(?:\s+with)?|is\s+back\s+on|"
    r"welcom(?:e|es|ed|ing)|accept(?:s|ed|ing)?|in\s+favou?r\s+of|in\s+support\s+of"
)
_AGAINST = (
    # "refusing to actually endorse the law": the refusal and the verb refused are one
    # stance, against what follows them.
    r"refus(?:e|es|ed|ing|al)\s+to(?:\s+\w+ly)?(?:\s+(?:support|back|endorse|approve|allow|"
    r"accept|permit|sign|vote\s+for))?|"
    r"oppos(?:e|es|ed|ing)|opposition\s+to|reject(?:s|ed|ing)?|block(?:s|ed|ing)?|"
    r"ban(?:s|ned|ning)?|cancel(?:s|led|ed|ling|ing)?|veto(?:es|ed|ing)?|"
    r"den(?:y|ies|ied|ying)|boycott(?:s|ed|ing)?|"
    rf"(?:vot(?:e|es|ed|ing){_VOTE_GAP}|holdout|was|were|is|are|came\s+out|campaigned|argued|lobbied)"
    r"\s+against|"
    rf"vot(?:e|es|ed|ing){_VOTE_GAP}\s+to\s+"
    r"(?:deny|block|reject|end|stop|kill|scrap|cancel)"
)
_STANCE = re.compile(rf"\b(?:(?P<for>{_FOR})|(?P<against>{_AGAINST}))\b", re.IGNORECASE)
# "wants to see the bill vetoed": the side comes after the topic.
_WANTS_UNDONE = re.compile(
    r"\bwants?\s+(?:to\s+see\s+)?(?P<topic>(?:the|it|this|that)\b[^,.;]{0,40}?)\s+"
    r"(?P<against>vetoed|scrapped|cancell?ed|repealed|blocked|killed)\b",
    re.IGNORECASE,
)
# A negation in the stance's clause before its verb turns the side over.
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer|won[’']t|n[’']t)\b(?:\s+\w+){0,3}\s*$", re.I)
# Where a clause starts and ends, for its time marks: a comma, a semicolon, a contrast, a
# relative pronoun or a preposition of time.
_CLAUSE_START = re.compile(r"(?:[,;:—–]\s*|\s+(?:but|who|which|despite|after|while)\s+)")
_CLAUSE_END = re.compile(r"[,;:—–]|\s+(?:but|and|who|which|despite|after)\s+|\.(?:\s|$)")
_LEAD = re.compile(
    r"\b(?:(?:will|would|does|did|do|can|could|should|has|have|had|is|are|was|were)\s+)"
    r"(?:(?:not|never|no\s+longer)\s+)?(?:(?:\w+ly|now|also|still)\s+)?$",
    re.IGNORECASE,
)
# "said it would not attend the summit" … "will attend the summit": will and won't on one act
# are two sides of it, whatever the verb. The verb is part of the topic, so only the same act
# meets.
_MODAL = re.compile(
    r"\b(?:will|would|is\s+going\s+to|plans?\s+to|intends?\s+to)\s+"
    r"(?P<neg>(?:not|never|no\s+longer)\s+)?(?P<verb>(?!be\b|have\b|not\b)[a-z]{3,})\b"
    r"|\b(?P<neg2>won[’']t|wouldn[’']t)\s+(?P<verb2>(?!be\b|have\b)[a-z]{3,})\b",
    re.IGNORECASE,
)
_TIME_TAIL = re.compile(
    rf"\s+(?:(?:in|on|since|by|until|last|this|next|early|late)\s+(?:{_MONTHS}|{WEEKDAYS}|"
    r"(?:19|20)\d\d|week|month|year|spring|summer|fall|autumn|winter)|"
    rf"(?:{WEEKDAYS})|for\s+(?:months|weeks|years)|(?:\w+\s+){{1,2}}(?:days|weeks|months|years)\s+ago)\b.*$",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"\s*\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_BY = re.compile(r"\s+by\s+(?=[A-Z]|the\s+[A-Z])")
_SHARED_OBJECT = re.compile(
    r",\s+(?:and\s+(?:then\s+)?(?:[\w-]+\s+){0,4}?[a-z]+(?:ing|ed)\s*,\s+)?"
    r"(?!and\b|but\b|which\b|who\b)(?=(?:the|a|an|its|his|her|their)\s|[A-Z0-9])"
)
_SUBJECTLESS = re.compile(r"\b(?:after|of|by|from)\s+(?:\w+\s+){0,2}?$", re.IGNORECASE)
_VOTE_NOUN = re.compile(r"\b(?:the|a|his|her|their|its|enough|more|no|any|\d+)\s+$", re.I)
_PRONOUN = re.compile(r"^(?:it|them|this|that)$", re.IGNORECASE)  # the whole object
# Words too general to tie two topics together on their own, farther than one paragraph.
_WEAK = frozenset(["bill", "plan", "vote", "decision", "measure", "deal", "proposal", "policy"])


@dataclass(frozen=True, slots=True)
class Stance:
    actor: str
    topic: str  # the article's words for what the stance is on
    side: int  # +1 for, -1 against
    time: int  # EARLIER, UNMARKED or LATER
    sentence: Sentence
    phrase: str  # the stance's own words, as the article has them
    mark: str  # the time mark of its clause, "" when unmarked
    act: str = ""  # for "will"/"won't" on a verb of no side, the verb: only the same act meets

    @property
    def text(self) -> str:
        """The stance in the article's words: its phrase, and its topic where the phrase
        does not hold it already ("wants to see the bill vetoed")."""
        return self.phrase if self.topic in self.phrase else f"{self.phrase} {self.topic}"


@dataclass(frozen=True, slots=True)
class Pair:
    """One actor's two stances on one topic, the earlier first."""

    actor: str
    topic: str
    early: Stance
    late: Stance


def _clause(text: str, start: int, end: int) -> str:
    """The clause a stance phrase stands in: from the last clause start before it to the first
    clause end after it."""
    head = text[:start]
    begin = max((m.end() for m in _CLAUSE_START.finditer(head)), default=0)
    # The boundary's own words (a "despite" or "after") belong to the clause they open.
    opener = re.search(r"(?:despite|after|who|which|while)\s+$", head[:begin])
    if opener is not None:
        begin = opener.start()
    tail = _CLAUSE_END.search(text, end)
    return text[begin : tail.start() if tail else len(text)]


def _time(clause: str) -> tuple[int, str]:
    # "One day after refusing to endorse the law, Romney …": what an after-clause tells came
    # before its main clause.
    opener = re.match(r"\s*(?:(?:\w+\s+){0,3})?after\s+\w+ing\b", clause, re.IGNORECASE)
    if opener is not None:
        return EARLIER, opener.group(0).strip()
    early = _EARLIER.search(clause)
    if early is not None:
        return EARLIER, early.group(0)
    late = _LATER.search(clause)
    return (LATER, late.group(0)) if late is not None else (UNMARKED, "")


def _topic(rest: str) -> str:
    m = ISSUE_END.search(rest)
    phrase = rest[: m.start()] if m else rest
    # "the stadium deal in April": when is no part of what.
    phrase = _TIME_TAIL.sub("", phrase)
    return " ".join(phrase.split()[:MAX_ISSUE_WORDS]).strip(" ,.;:“”\"'’")


# Stance nouns: "their previous opposition to the legislation", "Tehran's refusal to accept":
# the actor is the possessor, not the subject of the sentence's verb.
# A main clause's first verb; lower case, as "Reed" ends in "ed" too.
_MAIN_FINITE = re.compile(r"\b(?:has|have|had|is|was|were|will|would|said|says|told|[a-z]+ed)\b")
# Where the agent of a passive ends: "by the council in March".
_AGENT_END = re.compile(r"\s+(?:in|on|at|last|this|after|for|with|during)\b|[,.;:]|$")
# A stance in the first person inside a quote: "“I can no longer support …”", "we will".
_FIRST_PERSON = re.compile(
    r"[\"“][^\"”]*\b(?:I|[Ww]e)\s+(?:[\w’']+\s+){0,3}$|^(?:I|We)\s+(?:[\w’']+\s+){0,3}$"
)
# A main clause opening on a name, up to its first lower-case word: "the Dockers Union now".
_NAMED_SUBJECT = re.compile(r"(?:the\s+)?(?:[A-Z][\w.’'-]*\s+)+(?=[a-z])")
_NOUN = re.compile(r"^(?:opposition|refusal|support\s+for|holdout)", re.IGNORECASE)


def _actor(holders: Holders, s: Sentence, at: int) -> str | None:
    """The subject of the stance verb at `at`; inside ", who …" the noun before "who"; of a
    stance noun its possessor."""
    prefix = s.text[:at]
    if _FIRST_PERSON.search(prefix):
        # "“I plan to vote for House Bill 1515 this year,” he said": the speaker's stance.
        return holders.speaker(s)
    fronted = re.match(r"(?:\w+\s+){0,3}(?:after|despite)\s+(?:\w+ly\s+)?$", prefix, re.I)
    comma = s.text.find(", ", at)
    if fronted is not None and comma != -1:
        # "One day after refusing to endorse the law, Mayor Reed said …": a fronted
        # participle's subject is the main clause's, named after the comma.
        named = _NAMED_SUBJECT.match(s.text, comma + 2)
        if named is not None:
            return holders.subject(s, named.end())
        main = _MAIN_FINITE.search(s.text, comma + 2)
        return holders.subject(s, main.start()) if main else None
    apposition = re.search(r"^(?P<head>.*?\S),\s+(?:the|a|an)\s+[^,]*$", prefix)
    if apposition is not None and _NOUN.match(s.text[at:]):
        # "Sen. Ben Nelson, the last Democratic holdout against the bill, announced …": the
        # noun describes the name before the comma.
        return holders.subject(s, len(apposition.group("head")) + 1)
    if _NOUN.match(s.text[at:]):
        owner = re.search(r"(?:’s|'s|\b(?:his|her|its|their))\s+(?:\w+\s+){0,2}$", prefix)
        if owner is not None:
            whose = holders.possessor(s, at)
            comma = s.text.find(", ", at)
            if whose is None and comma != -1 and "," not in prefix:
                # "Despite their previous opposition to …, the trustees voted …": a fronted
                # phrase's possessor is the main clause's subject, named after it.
                main = _MAIN_FINITE.search(s.text, comma + 2)
                return holders.subject(s, main.start()) if main else None
            return whose
    who = re.search(r",?\s+who\s+(?:(?:had|has|have|also|once|\w+ly)\s+)*$", prefix)
    if who is not None:
        return holders.subject(s, who.start())
    return holders.subject(s, at)


def read_stances(sentences: Sequence[Sentence], holders: Holders) -> list[Stance]:
    found: list[Stance] = []
    last_topic = ""
    last_actor = ""
    for s in sentences:
        if s.heading:
            continue
        text = s.text
        hits: list[tuple[int, int, int, str]] = []  # start, end, side, topic
        for m in _STANCE.finditer(text):
            side = 1 if m.group("for") else -1
            topic = _topic(text[m.end() :])
            hits.append((m.start(), m.end(), side, topic))
        for m in _WANTS_UNDONE.finditer(text):
            hits.append((m.start(), m.end(), -1, m.group("topic")))
        taken = [(a, b) for a, b, _, _ in hits]
        acts: dict[int, str] = {}  # where a modal stance starts: its verb
        for m in _MODAL.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue  # a stance verb after the modal says the side better
            side = -1 if m.group("neg") or m.group("neg2") else 1
            verb = (m.group("verb") or m.group("verb2")).lower()
            topic = _topic(text[m.end() :])
            if issue_words(topic):
                acts[m.start()] = verb
                hits.append((m.start(), m.end(), side, topic))
        reached = 0
        for start, end, side, topic in sorted(hits):
            if start < reached:
                continue  # "wants to see the bill vetoed" holds "vetoed": one stance
            reached = end
            if _PRONOUN.match(topic):
                if not last_topic:
                    continue
                topic = last_topic  # "will support it": the thing the sentence spoke of
            elif not issue_words(topic):
                # "initially denying, and then … approving, Street Ordinance 6435": verbs
                # set off by commas share the object after the last of them; "…, which he
                # opposes, and …" has none there.
                shared = _SHARED_OBJECT.match(text, end)
                topic = _topic(text[shared.end() :]) if shared else ""
                if not issue_words(topic):
                    continue
            if _VOTE_NOUN.search(text[:start]) and text[start:end].lower().startswith("vote"):
                continue  # "enough votes for passage": a count of votes, no one's stance
            clause = _clause(text, start, end)
            before_verb = clause[: max(0, clause.find(text[start:end]))]
            if _NEGATED.search(before_verb) or _NEGATED.search(text[max(0, start - 25) : start]):
                side = -side
            actor = _actor(holders, s, start)
            by = _BY.match(text, end) if _PASSIVE.search(text[:start]) else None
            if by is not None:
                # "The fee was approved by the council": the agent holds the stance, on the
                # thing the clause opens with.
                agent_end = _AGENT_END.search(text, by.end())
                actor = holders.named_after(s, by.end()) or holders.subject(
                    s, agent_end.start() if agent_end else len(text)
                )
                topic = _topic(clause[: max(0, clause.find(text[start:end]))])
                topic = re.sub(r"^The\b", "the", _PASSIVE.sub("", topic).strip())
                if not issue_words(topic):
                    continue
            last_topic = topic
            if actor is None and _SUBJECTLESS.search(text[:start]) and last_actor:
                # "The change of heart came after months of blocking similar measures": a
                # gerund with no subject of its own is the doing of the actor just before.
                actor = last_actor
            if actor is None:
                continue
            last_actor = actor
            time, mark = _time(clause)
            # The stance's words with its modal and negation ("will not allow"), so that the
            # drafted stance says which side it is on.
            lead = _LEAD.search(text[:start]) if by is None else None
            phrase = " ".join(text[lead.start() if lead else start : end].split())
            found.append(Stance(actor, topic, side, time, s, phrase, mark, acts.get(start, "")))
    return found


def stated(
    actor: str, topic: str, side: int, earlier: bool, sentence: Sentence, text: str
) -> Stance:
    """A stance another reader found (the cue rules' stated positions, a larger lexicon of
    stance verbs) as one to compare: its time from the marks of the clause its topic stands
    in, and earlier whenever that reader already knew it to be."""
    at = max(0, sentence.text.find(topic))
    time, mark = _time(_clause(sentence.text, at, at + len(topic)))
    if earlier and time != EARLIER:
        time, mark = EARLIER, ""
    return Stance(actor, topic, side, time, sentence, text, mark)


def _same_topic(a: Stance, b: Stance) -> bool:
    if (a.act or b.act) and a.act != b.act:
        return False  # "won't attend the gala" and "will sell the gala tickets" are two acts
    shared = issue_words(a.topic) & issue_words(b.topic)
    near = abs(a.sentence.paragraph - b.sentence.paragraph) <= 1
    return bool(shared - _WEAK) or (bool(shared) and near)


def _order(s: Stance) -> tuple[int, int]:
    return (s.sentence.paragraph, s.sentence.start)


def pair_stances(stances: Sequence[Stance], same_actor: Callable[[str, str], bool]) -> list[Pair]:
    """For each stance marked as the later (or unmarked after an earlier), the nearest stance
    of the same actor on the other side of the same topic that the marks put before it."""
    # Each stance is compared only with those within PAIR_REACH paragraphs, found by paragraph
    # (in the list's order, which settles a tie): comparing every pair made a long article of
    # many stances quadratic.
    by_paragraph: dict[int, list[int]] = {}
    for i, s in enumerate(stances):
        by_paragraph.setdefault(s.sentence.paragraph, []).append(i)
    pairs: list[Pair] = []
    paired_early: set[int] = set()
    paired_late: set[int] = set()
    for late in stances:
        if late.time == EARLIER:
            continue
        here = late.sentence.paragraph
        near = sorted(
            i
            for p in range(here - PAIR_REACH, here + PAIR_REACH + 1)
            for i in by_paragraph.get(p, ())
        )
        early = [
            e
            for e in (stances[i] for i in near)
            if e is not late
            and e.side == -late.side
            and e.time < late.time
            and same_actor(e.actor, late.actor)
            and _same_topic(e, late)
            # An unmarked stance is earlier only by standing before the later one.
            and (e.time == EARLIER or _order(e) <= _order(late))
        ]
        if not early:
            continue
        best = min(early, key=lambda e: abs(e.sentence.paragraph - late.sentence.paragraph))
        if id(best) in paired_early or id(late) in paired_late:
            continue
        paired_early.add(id(best))
        paired_late.add(id(late))
        pairs.append(Pair(late.actor, late.topic, best, late))
    return pairs
