"""A clause-level reader of changes of position, general where the cue rules are particular.

The cue rules in `positions` were grown one article at a time and each new set of pages words
its changes in a way not met before. This reader looks at a clause as three parts instead of
one phrase: a subject (the actor), a verb that undoes something (reverse, rescind, withdraw,
lift, back away from, backtrack on, walk back …) and the thing undone, a noun phrase headed by
a word for a held stance or an act of the actor (its policy, ban, endorsement, plan,
opposition …). What the head is decides both ends: a ban lifted was a stance against, an
endorsement withdrawn was one for, a policy or plan dropped was the actor's own. The earlier
end is the actor's earlier stated stance on the same thing, where the article gives one within
a few paragraphs and marks it as earlier; otherwise it is drafted as implied by the clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from studyapp.authoring.actors import Holders
from studyapp.authoring.cues import EARLIER, ISSUE_END, MAX_ISSUE_WORDS, content
from studyapp.authoring.sentences import Sentence

# Verbs (with their particles) that undo what follows them. Written by stem so that every
# tense is one entry; "reversed course" and "changed its mind" name no object and are left
# to the cue rules.
_UNDO = (
    r"revers(?:e|ed|es|ing)|rescind(?:s|ed|ing)?|end(?:s|ed|ing)?|chang(?:e|es|ed|ing)|"
    r"retract(?:s|ed|ing)?|"
    r"withdr(?:aw|aws|awing|awn|ew)|dropp(?:ed|ing)|drops?|abandon(?:s|ed|ing)?|"
    r"scrap(?:s|ped|ping)?|ditch(?:es|ed|ing)?|shelv(?:e|es|ed|ing)|lift(?:s|ed|ing)?|"
    r"overturn(?:s|ed|ing)?|repeal(?:s|ed|ing)?|revok(?:e|es|ed|ing)|"
    r"pull(?:s|ed|ing)?(?:\s+back)?|undo(?:es|ing)?|undid|"
    r"roll(?:s|ed|ing)?\s+back|walk(?:s|ed|ing)?\s+back|"
    r"back(?:s|ed|ing)?\s+(?:away|down|off)\s+(?:from|on)|"
    r"backtrack(?:s|ed|ing)?\s+(?:on|from)|backpedal(?:s|led|ed|ling|ing)?\s+(?:on|from)|"
    r"retreat(?:s|ed|ing)?\s+(?:from|on)|climb(?:s|ed|ing)?\s+down\s+(?:on|from|over)|"
    r"(?:did|does|do|doing)\s+away\s+with|u-turn(?:s|ed|ing)?\s+on|"
    r"reverse(?:d|s)?\s+course\s+on|chang(?:e|es|ed|ing)\s+course\s+on|"
    # Ways of stopping what the actor started: "voted down the ordinance", "pulled the plug
    # on the test", "called off the plan", "put the plan on hold" is read by the turn rules.
    r"voted\s+down|vote[sd]?\s+to\s+(?:kill|scrap|rescind|repeal|end|drop)|"
    r"pull(?:s|ed|ing)?\s+the\s+plug\s+on|call(?:s|ed|ing)?\s+off|halt(?:s|ed|ing)?|"
    r"axe[sd]?|axing|kill(?:s|ed|ing)?|stopp(?:ed|ing)|stops?|remov(?:e|es|ed|ing)|"
    r"t(?:ook|akes?|aking)\s+down"
)
# Heads of what is undone, each with the side the actor took on its complement before:
# -1 a stance against (a ban lifted), +1 one for (an endorsement withdrawn), 0 the actor's own
# act or stance, which it backed and now backs away from.
_HEADS: dict[str, int] = {
    "opposition": -1,
    "objection": -1,
    "objections": -1,
    "resistance": -1,
    "ban": -1,
    "bans": -1,
    "veto": -1,
    "boycott": -1,
    "prohibition": -1,
    "moratorium": -1,
    "restriction": -1,
    "restrictions": -1,
    "embargo": -1,
    "support": 1,
    "endorsement": 1,
    "endorsements": 1,
    "backing": 1,
    "policy": 0,
    "policies": 0,
    "decision": 0,
    "plan": 0,
    "plans": 0,
    "proposal": 0,
    "rule": 0,
    "stance": 0,
    "position": 0,
    "pledge": 0,
    "promise": 0,
    "commitment": 0,
    "requirement": 0,
    "mandate": 0,
    "order": 0,
    "resolution": 0,
    "nomination": 0,
    "offer": 0,
    "bid": 0,
    "claim": 0,
    "assertion": 0,
    "guidance": 0,
    "guidelines": 0,
    "measure": 0,
    "suspension": -1,
    "tariff": 0,
    "tariffs": 0,
    "tax": 0,
    "cut": 0,
    "cuts": 0,
    "increase": 0,
    "hike": 0,
    "rise": 0,
    "change": 0,
    "changes": 0,
    "invitation": 0,
    "vote": 0,
    # What an authority or a company charges, runs or tests, dropped by it.
    "charge": 0,
    "charges": 0,
    "fee": 0,
    "fees": 0,
    "levy": 0,
    "ordinance": 0,
    "test": 0,
    "pilot": 0,
    "trial": 0,
    "program": 0,
    "programme": 0,
    "discount": 0,
    "surcharge": 0,
    # What an actor put out and takes back: an app, an ad, a product, a case it brought.
    "app": 0,
    "ad": 0,
    "ads": 0,
    "advertisement": 0,
    "product": 0,
    "products": 0,
    "feature": 0,
    "case": 0,
    "lawsuit": 0,
    "complaint": 0,
    "appeal": 0,
    # Laws and bills dropped by those who brought them: "withdrawing the three laws".
    "law": 0,
    "laws": 0,
    "bill": 0,
    "bills": 0,
    "reforms": 0,
    "sanctions": 0,
}
HEADS = frozenset(_HEADS)  # the words that name a thing undone, for "that ban" to point back
_DET = (
    r"(?:(?:his|her|its|their|the|a|an|my|our|this|that|all)\s+(?:(?:the|two|three|four|five)\s+)?)"
)
# "… of the laws by Prime Minister Narendra Modi": the actor after the object.
_BY_ACTOR = re.compile(r"[^,.;]{0,80}?\bby\s+(?=[A-Z])")
_ANY_VERB = re.compile(r"\b(?:took|made|gave|\w+ed)\b(?=[^,.;]{0,40}\bby\s+\w+ing\b)")
_MAIN_FINITE = re.compile(r"\b(?:has|have|had|is|was|were|will|would|\w+ed)\b")
_MAIN_VERB = re.compile(r"\b(?:announced|said|says|voted|decided|agreed|confirmed)\b")
_UNDONE = re.compile(
    r"\b(?:repealed|withdrawn|scrapped|reversed|rescinded|dropped|lifted|overturned|revoked)\b",
    re.IGNORECASE,
)
_GENERIC = frozenset(["stance", "position"])
_OWN = re.compile(r"(?:his|her|its|their)\s", re.IGNORECASE)
_DET_ONLY = re.compile(rf"^{_DET}", re.IGNORECASE)
# The undone thing: a determiner (or a bare plural of plans), up to three modifiers, a head.
_UNDO_NOUN = (
    r"reversal\s+of|withdrawal\s+of|repeal\s+of|rescission\s+of|lifting\s+of|overturning\s+of"
)
_CLAUSE = re.compile(
    rf"\b(?P<verb>{_UNDO}|{_UNDO_NOUN})\s+(?:from\s+consideration\s+)?"
    rf"(?P<object>(?:{_DET}|(?=plans?\s+to\b))(?:(?:[\w’'-]+\s+){{0,3}}?)"
    rf"(?P<head>{'|'.join(sorted(_HEADS, key=len, reverse=True))})\b)",
    re.IGNORECASE,
)
# "would not back down from …", "refused to lift the ban": no change.
_DENIED = re.compile(
    r"(?:\bnot|\bnever|n[’']t|\brefus(?:ed|es|ing)\s+to|declin(?:ed|es|ing)\s+to|"
    r"(?:urged|asked|called\s+on|pressed|pressured)\s+(?:\w+\s+){1,4}to|calls?\s+to|"
    r"whether\s+to|if\s+(?:it|he|she|they)\s+(?:would|will))\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# Nouns that only name the undone thing for what it held; "its decision to …" keeps "to".
_EARLIER_MARK = re.compile(
    r"\b(?:initially|originally|original|first|previously|earlier|had\s+(?!been\s+criticized)"
    r"\w+ed|last\s+(?:week|month|year)|ago|at\s+first)\b",
    re.IGNORECASE,
)
PARAGRAPH_REACH = 2  # how far from the change an earlier stance is looked for


@dataclass(frozen=True, slots=True)
class Turn:
    """A clause that turns to a new course it names: who, and what it will do now."""

    actor: str
    issue: str  # what the actor will do now, in the article's words
    aux: str
    sentence: Sentence
    marker: str


@dataclass(frozen=True, slots=True)
class Change:
    """One clause that undoes something: who, what (the issue, head first), and the side the
    actor took on it before (-1 against, +1 for, 0 its own act)."""

    actor: str
    issue: str
    head: str
    side: int
    sentence: Sentence
    marker: str  # the verb and the thing undone, as the article words them
    clause: str  # the same with the rest of the issue: the later end in the article's words


# A turn that names no object, then what the actor says it will do now: "reversed course and
# said it would resume selling …", "changed her mind, saying she will vote for …".
_TURN = re.compile(
    r"\b(?P<turn>revers(?:ed|es|ing)\s+course|chang(?:ed|es|ing)\s+course|"
    r"chang(?:ed|es|ing)\s+(?:his|her|its|their)\s+mind|"
    r"(?:did|made|performed)\s+an?\s+(?:\w+\s+)?(?:about-face|u-turn|reversal)|"
    r"reversed\s+(?:itself|himself|herself|themselves)|relented|flip-flopped|flipped|"
    r"switched\s+sides)"
    r"(?:\s+(?:on\s+)?[A-Z]\w+day|\s+late\s+\w+|\s+\w+ly)?"
    r"(?:,\s*|\s+and\s+)(?:said|announced|saying|announcing|agreed|decided)\s+(?:that\s+)?"
    r"(?:(?:it|he|she|they)\s+)?(?P<aux>(?:can|could|would|will)\s+no\s+longer|no\s+longer|"
    r"would|will|now|is\s+going\s+to|plans?\s+to|to)\s+"
    r"(?P<what>[a-z][^,.;:]{5,160})",
    re.IGNORECASE,
)
# "The committee in a reversal Thursday said that the athletes have been banned": the noun of
# reversal beside the subject, and what it says now.
_TURN_SAID = re.compile(
    r"\bin\s+an?\s+(?:\w+\s+)?(?P<turn>reversal|about-face|u-turn|turnaround)\b"
    r"(?:\s+(?:on\s+)?[A-Z]\w+day)?,?\s+(?:said|announced|decided|confirmed)\s+(?:that\s+)?"
    r"(?P<what>[^.;:]{5,160})",
    re.IGNORECASE,
)
_WHAT_END = re.compile(
    r"\s+(?:after|because|following|amid|when|while|since|despite|and\s+\w+ed)\b"
)


# Bringing back what the actor had taken away: "will reinstate several product lines it had
# removed", "restored the funding", "brought back the discount".
_RESTORE = re.compile(
    rf"\b(?P<verb>reinstat(?:e|es|ed|ing)|restor(?:e|es|ed|ing)|"
    r"br(?:ing|ings|ought|inging)\s+back)\s+"
    rf"(?P<object>{_DET}?(?:[\w’'-]+\s+){{0,3}}?[\w’'-]+)\b",
    re.IGNORECASE,
)


def _issue(obj: str, rest: str) -> str:
    """The undone thing as an issue: its words without the determiner, with what follows the
    head up to where the clause ends ("endorsement of Alabama Rep. Mo Brooks")."""
    phrase = re.sub(rf"^{_DET}", "", obj, flags=re.IGNORECASE)
    m = ISSUE_END.search(rest)
    tail = rest[: m.start()] if m else rest
    tail = re.split(r"\s+by\s+(?=[A-Z])", tail)[0]  # "… by Prime Minister Modi": who, not what
    tokens = f"{phrase}{tail}".split()[:MAX_ISSUE_WORDS]
    return " ".join(tokens).strip(" ,.;:“”\"'’")


def read_changes(sentences: Sequence[Sentence], holders: Holders) -> list[Change]:
    found: list[Change] = []
    for s in sentences:
        if s.heading:
            continue
        for m in _CLAUSE.finditer(s.text):
            if _DENIED.search(s.text[max(0, m.start() - 40) : m.start()]):
                continue
            obj = m.group("object")
            if m.group("verb").lower().startswith("chang") and not _OWN.match(obj):
                continue  # "changed its plan" undoes it; "changed the rules" may make new ones
            mine = re.match(r"(?:my|our)\b", obj, re.IGNORECASE)
            by = _BY_ACTOR.match(s.text, m.end())
            if m.group("verb").lower().endswith(" of") and by is not None:
                # "the withdrawal of the laws by Prime Minister Narendra Modi"
                actor = holders.named_after(s, by.end())
            elif re.match(r"[\"“]?$", s.text[: m.start()].strip()) and m.group("verb").endswith(
                "ing"
            ):
                # "Reversing a previously stubborn policy, the IAAF has decided to drop …": the
                # fronted participle's subject is the main clause's.
                comma = s.text.find(", ", m.end())
                main = _MAIN_FINITE.search(s.text, comma + 2) if comma != -1 else None
                actor = holders.subject(s, main.start()) if main else None
            elif re.search(r"\bby\s+$", s.text[: m.start()]):
                # "the government took a step back by withdrawing the laws": the subject of
                # the verb the "by" phrase hangs on.
                verbs = [v for v in _ANY_VERB.finditer(s.text[: m.end()]) if v.end() < m.start()]
                actor = holders.subject(s, verbs[-1].start()) if verbs else None
            elif m.group("verb").lower().endswith(" of"):
                # "school leaders announced … in a reversal of a vote": the noun's actor is
                # its possessor, else the subject of the verb the phrase hangs on.
                verbs = list(_MAIN_VERB.finditer(s.text[: m.start()]))
                actor = holders.possessor(s, m.start()) or (
                    holders.subject(s, verbs[-1].start()) if verbs else None
                )
            else:
                actor = (
                    holders.speaker(s)
                    if mine
                    else holders.subject(s, m.start())
                    or holders.possessor(s, m.start("object") + 4)
                )
            if actor is None:
                continue
            issue = _issue(obj, s.text[m.end() :])
            head = m.group("head").lower()
            if len(content(issue)) < 1:
                continue
            marker = " ".join(m.group(0).split())
            verb = " ".join(m.group("verb").split())
            det = f"{obj.split()[0]} " if _DET_ONLY.match(obj) else ""
            clause = f"{verb} {det}{issue}"
            found.append(Change(actor, issue, head, _HEADS[head], s, marker, clause))
    # "Reversing a long-held stance, the union has decided to drop its appeal": where one
    # sentence undoes a stance and a named thing, the named thing is the issue.
    named = {(c.sentence, c.actor) for c in found if c.head not in _GENERIC}
    return [c for c in found if c.head not in _GENERIC or (c.sentence, c.actor) not in named]


def earlier_sentence(
    change: Change, sentences: Sequence[Sentence], names: Sequence[str]
) -> Sentence | None:
    """A sentence near the change that marks itself as earlier ("initially", "had instituted",
    "original") and speaks of the same thing: the head or two of the issue's words, and the
    actor by one of its names or a pronoun."""
    key = content(change.issue)
    best: tuple[int, Sentence] | None = None
    for s in sentences:
        if s is change.sentence or s.heading:
            continue
        distance = abs(s.paragraph - change.sentence.paragraph)
        if distance > PARAGRAPH_REACH:
            continue
        text = s.text
        # "Modahl -- a former Commonwealth champion": "former" in a title dates no stance.
        marks = re.sub(r"\bformer\b", "", text, flags=re.IGNORECASE)
        if not (_EARLIER_MARK.search(marks) or EARLIER.search(marks)):
            continue
        if _UNDONE.search(text):
            continue  # "the laws that were repealed last month": the same move told again
        shared = key & content(text)
        if change.head not in text.lower() and len(shared) < 2:
            continue
        lowered = text.lower()
        if not any(n and n in lowered for n in names) and not re.search(
            r"\b(?:he|she|it|they|its|his|her|their)\b", lowered
        ):
            continue
        score = len(shared) * 10 - distance
        if best is None or score > best[0]:
            best = (score, s)
    return best[1] if best else None


def read_turns(sentences: Sequence[Sentence], holders: Holders) -> list[Turn]:
    found: list[Turn] = []
    for s in sentences:
        if s.heading:
            continue
        for m in _TURN_SAID.finditer(s.text):
            actor = holders.subject(s, m.start())
            what = m.group("what")
            end = _WHAT_END.search(what)
            what = " ".join(what[: end.start() if end else len(what)].split()[:MAX_ISSUE_WORDS])
            if actor is not None and content(what):
                cue = s.text[m.start() : m.end("turn")]
                found.append(Turn(actor, what, "", s, " ".join(cue.split())))
        for m in _TURN.finditer(s.text):
            if _DENIED.search(s.text[max(0, m.start() - 40) : m.start()]):
                continue
            actor = holders.subject(s, m.start())
            if actor is None:
                continue
            what = m.group("what")
            end = _WHAT_END.search(what)
            what = " ".join(what[: end.start() if end else len(what)].split()[:MAX_ISSUE_WORDS])
            if not content(what):
                continue
            aux = " ".join(m.group("aux").split()).lower()
            marker = " ".join(m.group("turn").split())
            found.append(Turn(actor, what.strip(" “”\"'"), aux, s, marker))
    return found


def read_restored(sentences: Sequence[Sentence], holders: Holders) -> list[Turn]:
    """ "Poundland … will reinstate several beloved product lines it had removed": bringing a
    thing back is a change from having taken it away, which the draft says is implied."""
    found: list[Turn] = []
    for s in sentences:
        if s.heading:
            continue
        for m in _RESTORE.finditer(s.text):
            if _DENIED.search(s.text[max(0, m.start() - 40) : m.start()]):
                continue
            actor = holders.subject(s, m.start())
            if actor is None:
                continue
            what = _issue(m.group("object"), s.text[m.end() :])
            what = re.split(r"\s+(?:it|he|she|they)\s+(?:had|has)\b", what)[0]
            if not content(what):
                continue
            # The cue is the article's own words (the bank checks it against the evidence).
            found.append(Turn(actor, what, "", s, " ".join(m.group(0).split())))
    return found
