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
    # A union's own act, called off: "called off a planned 24-hour strike".
    "strike": 0,
    "strikes": 0,
    "walkout": 0,
    # A name put to a letter or petition, taken back: "withdrawing his signature from a letter".
    "signature": 0,
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
    # … and the acts on a plan: "RMT said the action had been suspended" after "the action was
    # called off" is its "had" but no earlier stance.
    r"\b(?:repealed|withdrawn|scrapped|reversed|rescinded|dropped|lifted|overturned|revoked|"
    r"called\s+off|cancell?ed|suspended|shelved|postponed|undone|"
    # "After a motion and second, the council first voted to rescind 25-09-02R": the act told
    # again with "first", not a stance before it.
    r"(?:voted|vote|votes|voting)\s+to\s+(?:rescind|repeal|reverse|overturn|revoke|scrap))\b",
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
_WHETHER = re.compile(r"\bwhether\b[^,.;]*$", re.IGNORECASE)
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
    # An act on an earlier plan may state the plan itself ("re-visit an earlier decision that
    # would have turned …"): then the earlier end is that clause, stated, not implied.
    plan: str = ""
    # … or another sentence states it ("they were considering closing the school").
    plan_sentence: Sentence | None = None


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


def retold(text: str) -> bool:
    """Whether a sentence tells an act of undoing (so is no stance held before it)."""
    return _UNDONE.search(text) is not None


def read_changes(sentences: Sequence[Sentence], holders: Holders) -> list[Change]:
    found: list[Change] = []
    for s in sentences:
        if s.heading:
            continue
        for m in _CLAUSE.finditer(s.text):
            if _DENIED.search(s.text[max(0, m.start() - 40) : m.start()]):
                continue
            if _WHETHER.search(s.text[: m.start()]):
                continue  # "debated whether to proceed … or let the council reverse …"
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
            elif m.group("verb").lower().endswith("ing") and _OWN.match(obj):
                # "… a letter to McConnell and Schumer withdrawing his signature": a
                # participle after a name need not be that name's; "his" says whose it is.
                actor = holders.possessor(s, m.start("object") + 4) or holders.subject(s, m.start())
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


# --------------------------------------------------------------------- acts on an earlier plan
# News pages tell most changes as an act on something the actor planned or decided before,
# not as two opposite stances: "called off a planned strike", "voted to re-visit an earlier
# decision", "voted unanimously to undo the two items they had passed last week", "the action
# was called off by the RMT union". The undo reader above knows the act only where the thing
# is a head word it lists; here the thing may be anything, because the clause itself marks it
# as earlier (planned, earlier, previous … or "they had passed"), and a passive act on a plan
# ("has been called off") is read with its agent. It lives here, beside the undo reader, as
# both read one clause: who acts, the act, the thing acted on.
_ACT_VERB = (
    r"re-?visit(?:s|ed|ing)?|reconsider(?:s|ed|ing)?|revis(?:e|es|ed|ing)|undo(?:es|ing)?|undid|"
    r"cancel(?:s|led|ed|ling|ing)?|call(?:s|ed|ing)?\s+off|scrap(?:s|ped|ping)?|"
    r"suspend(?:s|ed|ing)?|postpon(?:e|es|ed|ing)|shelv(?:e|es|ed|ing)|revers(?:e|es|ed|ing)|"
    r"rescind(?:s|ed|ing)?|overturn(?:s|ed|ing)?|abandon(?:s|ed|ing)?|drop(?:s|ped|ping)?|"
    r"withdr(?:aw|aws|awing|ew)|resum(?:e|es|ed|ing)|go(?:es)?\s+back\s+on|"
    r"pull(?:s|ed|ing)?\s+back\s+(?:on|from)"
)
# What marks the thing acted on as earlier, inside its own noun phrase.
_EARLIER_THING = (
    r"planned|earlier|previous|prior|original|announced|proposed|scheduled|threatened|"
    r"initial|last\s+(?:week|month|year)['’]s"
)
_NUMBER = r"(?:two|three|four|five|six|\d+)"
# Nothing before a fronted participle but a dateline ("CHICAGO – ") or a quotation mark.
_DATELINE = re.compile(r"^(?:[A-Z][A-Z .,]+\s*[–—-]\s*)?[\"“]?$")
_PLAN_SAID = re.compile(r"\s+(?:(?:that|which)\s+would\s+have|to)\s+[^,.;]+?(?=\s+and\s+|[,.;]|$)")
_ACT = re.compile(
    # "Pulling back on proposed rule changes": a plural marked as earlier needs no article.
    rf"\b(?P<verb>{_ACT_VERB})\s+(?P<object>(?:(?P<det>an?|the|its|their|his|her)\s+|"
    rf"(?=(?:{_EARLIER_THING})\s+(?:[\w-]+\s+)?[\w-]+s\b))"
    rf"(?:{_NUMBER}\s+)?(?P<mark>(?:{_EARLIER_THING})\s+)?(?:[\w’'-]+\s+){{0,2}}?"
    r"(?P<head>[a-z][\w-]+))\b"
    # "the two items they had passed last week": a relative clause that dates the thing.
    r"(?P<rel>\s+(?:that\s+|which\s+)?(?:it|they|he|she|we)\s+(?:had|has|have)\s+(?P<relverb>\w+ed))?",
    re.IGNORECASE,
)
# A thing's own words that cannot be its head: "an earlier decision" ends at "decision", not at
# "that"; these never name what was acted on.
_LONGER_HEAD = re.compile(
    rf"\s+(?:[\w’'-]+\s+)?(?P<head>{'|'.join(sorted(_HEADS, key=len, reverse=True))})\b",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:his|her|its|their|the|an?)\s+", re.IGNORECASE)
# The shortest phrase stops a word or two short of its head ("their foot-chase policy",
# "proposed rule changes"); it runs on to the word before a clause or phrase begins.
_PHRASE_STOP = (
    r"that|which|who|to|of|on|in|at|for|by|with|and|or|but|after|from|as|it|they|he|she|we|"
    r"was|were|is|are|has|have|had|will|would|last|this|next"
)
_MORE_WORDS = re.compile(rf"(?:\s+(?!(?:{_PHRASE_STOP})\b)[a-z][\w’'-]*(?=[\s,.;:]|$)){{0,2}}")
_REVISE = re.compile(r"revis|reconsider|re-?visit|pull", re.IGNORECASE)
_NOT_HEAD = frozenset(["that", "which", "to", "of", "on", "in", "and", "for", "by", "with"])
# "A 72-hour strike on London Underground was last night called off", "STRIKE action at a
# North-East factory has been called off", "the action was called off by the RMT union": a
# passive act on a union's or a body's own act (a strike, a plan), with its agent.
_PASSIVE_HEADS = (
    r"strike|strikes|walkout|action|plan|plans|vote|ballot|protest|march|festival|event|"
    r"boycott|sale|closure|decision"
)
_PASSIVE = re.compile(
    rf"(?:^|\b(?:an?|the|its|their|this)\s+)(?P<object>(?:[\w’'-]+\s+){{0,2}}?"
    rf"(?P<head>{_PASSIVE_HEADS}))\b(?:\s+(?:on|at|by|in|of)\s+[^,.;]{{0,40}}?)?"
    r"\s+(?:has\s+been|have\s+been|had\s+been|was|were|is|are)\s+"
    r"(?:(?:last\s+night|now|finally|officially|\w+day|on\s+\w+day)\s+)?"
    r"(?P<verb>called\s+off|cancell?ed|suspended|scrapped|shelved|postponed|axed)\b"
    r"(?P<agent>\s+by\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
# "… has been called off after union members accepted an improved pay offer": with no agent,
# the one whose act ended it is the subject of the clause after it.
_AFTER_ACT = re.compile(
    r"^\s+(?:after|when|as)\s+(?P<who>[^,.;]{2,60}?)\s+(?P<act>accepted|agreed|voted|decided)\b"
)
# Bare members act for the body the sentence names: "In a rare reversal by the board, members
# voted …".
_MEMBERS = frozenset(["members", "councillors", "councilors", "trustees", "commissioners"])
_BY_BODY = re.compile(r"\bby\s+the\s+(?P<body>[a-z]+)\b")


def _body_of_members(
    actor: str, s: Sentence, sentences: Sequence[Sentence], holders: Holders
) -> str:
    """Bare "members" act for the body the sentence names ("by the board"): the body named
    in full where the article has it ("the Halifax Regional School Board decided")."""
    if holders.holder(actor).name.lower() not in _MEMBERS:
        return actor
    by = _BY_BODY.search(s.text)
    if by is None:
        return actor
    body = by.group("body")
    known = next(
        (
            h.id
            for h in holders.found.values()
            if h.kind == "organization" and h.name.lower().split()[-1:] == [body]
        ),
        None,
    )
    if known is not None:
        return known
    full = re.compile(rf"\b(?:[A-Z][\w’'-]*\s+){{1,4}}{body.capitalize()}\b")
    for other in sentences:
        m = full.search(other.text)
        if m is not None and other.paragraph <= s.paragraph:
            return holders.agent_after(other, m.start()) or actor
    return actor


def read_acts(sentences: Sequence[Sentence], holders: Holders) -> list[Change]:
    """Acts on something the actor planned or decided before, as changes of its own act (side
    0): the later end is the act in the article's words; the earlier is looked for as for any
    change, or is the clause's own words where they state what the plan was ("an earlier
    decision that would have turned Bedford South into an elementary school")."""
    found: list[Change] = []
    for s in sentences:
        if s.heading:
            continue
        for m in _ACT.finditer(s.text):
            head, object_end = m.group("head").lower(), m.end("object")
            # The shortest phrase may stop a word short of its head: "their foot-chase
            # policy", "proposed rule changes".
            longer = _MORE_WORDS.match(s.text, object_end)
            if longer is not None and longer.group(0) and not m.group("rel"):
                head, object_end = longer.group(0).split()[-1].lower(), longer.end()
            # "revised their foot-chase policy": the actor's own policy (or plan, decision …)
            # was its earlier course, though nothing else marks it so.
            # Only for acts the undo reader does not know: it reads "withdrawing his signature"
            # with its own rules for whose it is.
            own = (
                (m.group("det") or "").lower() in ("its", "their", "his", "her")
                and head in _HEADS
                and _REVISE.match(m.group("verb")) is not None
            )
            if not (m.group("mark") or m.group("rel") or own):
                continue  # nothing says the thing was the actor's before: no change told
            if head in _NOT_HEAD:
                continue
            if _DENIED.search(s.text[max(0, m.start() - 40) : m.start()]):
                continue
            if _DATELINE.match(s.text[: m.start()]) and m.group("verb").split()[0].endswith("ing"):
                # "Pulling back on proposed rule changes …, Superintendent Eddie Johnson has
                # proposed …": the fronted participle's subject is the main clause's.
                comma = s.text.find(", ", m.end())
                main = _MAIN_FINITE.search(s.text, comma + 2) if comma != -1 else None
                actor = holders.subject(s, main.start()) if main else None
            else:
                actor = holders.subject(s, m.start())
            if actor is None:
                continue
            actor = _body_of_members(actor, s, sentences, holders)
            thing = re.sub(rf"^{_DET}", "", s.text[m.start("object") : object_end], flags=re.I)
            # What the plan was, where the clause says it: "that would have turned Bedford
            # South into an elementary school", "to close the library".
            # Only a plan marked as earlier is told by its "to": "revised their policy to give
            # officers more freedom" says what the revision does.
            said = _PLAN_SAID.match(s.text, object_end) if m.group("mark") else None
            if m.group("rel"):
                said = None
                rel = s.text[m.start("object") : m.end("rel")]
                thing = _ARTICLE.sub("", rel)  # "the two items": the number stays
            issue = " ".join(
                (thing + (said.group(0) if said else "")).split()[:MAX_ISSUE_WORDS]
            ).strip(" ,.;:“”\"'’")
            if not content(issue):
                continue
            verb = " ".join(m.group("verb").split())
            marker = " ".join(s.text[m.start() : max(object_end, m.end())].split())
            det = (m.group("det") or "").lower()
            if m.group("rel"):  # "undo the two items they had passed": had passed them
                plan = f"Had {m.group('relverb').lower()} {det} {' '.join(thing.split()[:-3])}"
            else:
                plan = " ".join(f"Had made {det} {issue}".split())
            found.append(
                Change(
                    actor,
                    issue,
                    head,
                    0,
                    s,
                    marker,
                    " ".join(f"{verb} {det} {issue}".split()),
                    plan if (said or m.group("rel")) else "",
                )
            )
        for m in _PASSIVE.finditer(s.text):
            if _DENIED.search(s.text[max(0, m.start() - 40) : m.start()]):
                continue
            rest = s.text[m.end() :]
            if m.group("agent"):
                actor = holders.agent_after(s, m.end())
            else:
                after = _AFTER_ACT.match(rest)
                actor = holders.subject(s, m.end() + after.start("act")) if after else None
            if actor is None:
                continue
            issue = " ".join(m.group("object").split())
            if not content(issue):
                continue
            marker = " ".join(s.text[m.start("object") : m.end("verb")].split())
            found.append(Change(actor, issue, m.group("head").lower(), 0, s, marker, marker))
    return found


# "decided to keep the school open", "will not consider closing Nescopeck Elementary": an act
# told as keeping what the actor had voted, planned or considered to close. Only where the
# article states that earlier act (a school kept open that no one meant to close is no change).
_KEEP = re.compile(
    r"\b(?:(?:decided|voted|agreed|chose)\s+to\s+keep\s+(?P<kept>[^,.;]{3,60}?)\s+open\b|"
    r"(?:will|would)\s+not\s+(?:consider\s+)?clos(?:e|ing)\s+(?P<spared>[^,.;]{3,60}?)"
    r"(?=[,.;]|\s+(?:at\s+all|after|because|and)\b|$))",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"\b(?:voting|voted|vote|decision|plan|proposal|considering|considered)\s+(?:to\s+)?"
    r"clos(?:e|ing)\s+(?P<what>[^,.;]{3,60}?)(?=[,.;]|\s+(?:which|after|because|and)\b|$)",
    re.IGNORECASE,
)
# "voting to close X" as the earlier end: "Had voted to close X".
_PAST = {"voting": "voted", "considering": "considered"}
_SAY_BEFORE = re.compile(r"\b(?:say|says|said)\s+(?:that\s+)?(?:it|they|he|she)\s+$")
_FIRST_VERB = re.compile(r"\b(?:\w+ed|gave|took|made|went|came|met|held|heard|bent)\b")


def read_kept(sentences: Sequence[Sentence], holders: Holders) -> list[Change]:
    found: list[Change] = []
    for s in sentences:
        if s.heading:
            continue
        for m in _KEEP.finditer(s.text):
            before = s.text[: m.start()]
            said = _SAY_BEFORE.search(before)
            actor = holders.subject(s, said.start()) if said else holders.subject(s, m.start())
            if actor is None:
                # "… the Board bowed to public pressure and decided to keep …": the subject of
                # the first verb of the main clause.
                clause = before.rfind(", ") + 2
                verb = _FIRST_VERB.search(before, clause)
                actor = holders.subject(s, verb.start()) if verb else None
            if actor is None:
                continue
            # Anywhere in the article: a page may tell the earlier act after the later one
            # ("… will not consider closing …" then "they were considering closing the school").
            earlier = next(
                (
                    (o, c)
                    for o in sentences
                    if not o.heading
                    for c in _CLOSING.finditer(o.text if o is not s else before)
                ),
                None,
            )
            if earlier is None:
                continue
            where, closing = earlier
            named = [
                w.strip()
                for w in (closing.group("what"), m.group("kept") or m.group("spared") or "")
                if re.search(r"\b[A-Z]", w)
            ]
            issue = f"closing {(named or [closing.group('what')])[0]}"
            marker = " ".join(m.group(0).split())
            act = closing.group(0).split()
            act[0] = _PAST.get(act[0].lower(), act[0].lower())
            plan = "Had " + " ".join(act)
            found.append(Change(actor, issue, "closure", 0, s, marker, marker, plan, where))
    return found


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# "The University of Mississippi says a lecture by a conservative journalist is back on after
# initially being cancelled": a thing the actor had called off goes ahead again. Drafted only
# where the article says it was cancelled (a plan that simply goes ahead is no change), and
# only with a named sayer, whose decision it is.
_BACK_ON = re.compile(
    r"\b(?P<said>says|said)\s+(?:that\s+)?(?P<thing>(?:a|an|the|its|their)\s+[^,.;]{3,80}?)\s+"
    r"(?P<act>(?:is|was|are|were)\s+back\s+on|will\s+(?:now\s+|still\s+)?go\s+ahead)\b",
    re.IGNORECASE,
)
_WAS_CANCELLED = re.compile(
    r"\b(?:being|been|was|were)\s+(?:\w+\s+)?(?:cancell?ed|called\s+off|scrapped|axed)\b",
    re.IGNORECASE,
)


def read_resumed(sentences: Sequence[Sentence], holders: Holders) -> list[Change]:
    found: list[Change] = []
    for s in sentences:
        if s.heading:
            continue
        for m in _BACK_ON.finditer(s.text):
            actor = holders.subject(s, m.start("said"))
            if actor is None:
                continue
            thing = _ARTICLE.sub("", m.group("thing"))
            words = content(thing)
            here = _WAS_CANCELLED.search(s.text, m.end())
            where = (
                s
                if here is not None
                else next(
                    (
                        o
                        for o in sentences
                        if o is not s
                        and not o.heading
                        and _WAS_CANCELLED.search(o.text)
                        and words & content(o.text)
                    ),
                    None,
                )
            )
            if where is None:
                continue
            issue = " ".join(thing.split()[:MAX_ISSUE_WORDS])
            marker = " ".join(s.text[m.start("thing") : m.end("act")].split())
            # The sentence that says it was cancelled is the earlier end, stated.
            plan = f"Had cancelled the {issue}"
            found.append(Change(actor, issue, "event", 0, s, marker, marker, plan, where))
    return found
