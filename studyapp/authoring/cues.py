"""Word lists and patterns the position rules lean on: verbs of stance, the cues that mark a
change of position, and the names under which a country is spoken of.

Kept apart from the rules so that a reader can see at once what the drafter reacts to, and so
that a new cue is one line here rather than a change to the logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Verbs that state a position, with the side they take: +1 for, -1 against, 0 a demand or a
# view whose side depends on its object.
STANCE_VERBS: dict[str, int] = {
    "supported": 1,
    "supports": 1,
    "supporting": 1,
    "backed": 1,
    "backs": 1,
    "backing": 1,
    "favoured": 1,
    "favored": 1,
    "favours": 1,
    "favors": 1,
    "accepted": 1,
    "accepts": 1,
    "endorsed": 1,
    "endorses": 1,
    "welcomed": 1,
    "welcomes": 1,
    "promised": 1,
    "promising": 1,
    "pledged": 1,
    "vowed": 1,
    "proposed": 1,
    "proposes": 1,
    "wanted": 1,
    "wants": 1,
    "called for": 1,
    "calls for": 1,
    "calling for": 1,
    "came out in support of": 1,
    # Words of praise or attack take a side as plainly as "supported" does, whatever the
    # story: a lexicon by polarity rather than one phrase per article.
    "praised": 1,
    "praises": 1,
    "embraced": 1,
    "embraces": 1,
    "championed": 1,
    "champions": 1,
    "approved of": 1,
    "argued for": 1,
    "argued in favor of": 1,
    "argued in favour of": 1,
    "argued against": -1,
    "came out for": 1,
    "is in favor of": 1,
    "is in favour of": 1,
    "are in favor of": 1,
    "are in favour of": 1,
    "came out in favor of": 1,
    "came out in favour of": 1,
    "denounced": -1,
    "denounces": -1,
    "objected to": -1,
    "objects to": -1,
    "came out against": -1,
    "came out in opposition to": -1,
    "spoke out against": -1,
    "campaigned against": -1,
    "lobbied against": -1,
    "campaigned for": 1,
    "lobbied for": 1,
    "opposed": -1,
    "opposes": -1,
    "opposing": -1,
    "rejected": -1,
    "rejects": -1,
    "refused": -1,
    "refuses": -1,
    "blocked": -1,
    "blocks": -1,
    "criticized": -1,
    "criticised": -1,
    "condemned": -1,
    "condemns": -1,
    "resisted": -1,
    "raised objections to": -1,
    # "had banned the posting of the story": a ban is a stance against what it bans.
    "banned": -1,
    "bans": -1,
    # Votes state a side as plainly as words do ("initially voted in favor of cloture").
    "voted for": 1,
    "voted in favor of": 1,
    "voted in favour of": 1,
    "voted against": -1,
    "voted to": 1,
    "voting for": 1,
    "voting in favor of": 1,
    "voting in favour of": 1,
    "voting against": -1,
    "voting to": 1,
    "recommended": 1,
    "approved": 1,
    "approves": 1,
    "recommends": 1,
    "signed": 1,
    "signing": 1,
    "pitched": 1,
    "advised": 1,
    "advises": 1,
    "was critical of": -1,
    "were critical of": -1,
    "is critical of": -1,
    "was against": -1,
    "were against": -1,
    "is against": -1,
    "are against": -1,
    "demanded": 0,
    "demands": 0,
    "urged": 0,
    "urges": 0,
    "insisted": 0,
    "insists": 0,
}

# "support", "oppose" and "vote for" are verbs only after a word that makes them so ("would
# support", "to oppose", "plans to vote for"); after "continued US" or "its" they are nouns.
BASE_SIDES: dict[str, int] = {
    "support": 1,
    "oppose": -1,
    "vote for": 1,
    "vote in favor of": 1,
    "vote in favour of": 1,
    "vote against": -1,
    "vote to": 1,
    "recommend": 1,
    "pursue": 1,
    # After a modal or "to" the plain verb states a side as its past form does ("would back",
    # "would allow", "would ban", "to endorse"): one lexicon, not one phrase per article.
    "back": 1,
    "endorse": 1,
    "allow": 1,
    "permit": 1,
    "accept": 1,
    "approve": 1,
    "favor": 1,
    "favour": 1,
    "ban": -1,
    "prohibit": -1,
    "block": -1,
    "reject": -1,
}
# A refusal of a stance is the stance's other side: "refused to endorse", "declined to back".
STANCE_VERBS.update(
    {
        f"{refusal} {base}": -side
        for base, side in BASE_SIDES.items()
        if not base.startswith("vote")
        for refusal in ("refused to", "refuses to", "declined to", "declines to")
    }
)
_VERB_ALTERNATIVES = "|".join(
    re.escape(v).replace(r"\ ", r"\s+") for v in sorted(STANCE_VERBS, key=len, reverse=True)
)
_BASE_VERBS = (
    "(?:"
    + "|".join(
        rf"(?<=\b{w} )"
        for w in [
            "to",
            "will",
            "would",
            "not",
            "n’t",
            "n't",
            "and",
            "or",
            "they",
            "we",
            "also",
            "could",
            "can",
            "must",
            "should",
        ]
    )
    + ")"
)
_BASE_ALTERNATIVES = "|".join(
    re.escape(v).replace(r"\ ", r"\s+") for v in sorted(BASE_SIDES, key=len, reverse=True)
)
# Nouns that state a side: "had been a vocal opponent of a fourth round of sanctions".
NOUN_SIDES: dict[str, int] = {
    "opponent": -1,
    "critic": -1,
    "supporter": 1,
    "backer": 1,
    "proponent": 1,
}
_NOUN_STANCE = r"an?\s+(?:[a-z]+\s+)?(?:" + "|".join(NOUN_SIDES) + r")s?\s+of"
# "voting Wednesday in favor of the resolution": a day between the vote and its side.
DAY_WORD = re.compile(
    r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b"
)
_VOTE_ON_DAY = (
    r"vot(?:ed|ing)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|"
    r"today)\s+(?:in\s+favou?r\s+of|for|against|to)"
)
# A time phrase just after a stance that places it in the past: "that he supported last
# Congress".
PAST_AFTER = re.compile(
    r"^\s*(?:last\s+(?:Congress|session|term|year|month|week|spring|summer|autumn|fall|winter)|"
    r"(?:\w+\s+){1,2}(?:days|weeks|months|years)\s+ago|in\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
STANCE = re.compile(
    r"\b(?P<aux>(?:had|has|have|was|were|is|are|would|will|did)\s+(?:been\s+)?)?"
    r"(?P<adv>(?:\w+ly|long|once|first|previously|earlier|also|now|always|since)\s+)?"
    rf"(?P<verb>{_NOUN_STANCE}|{_VOTE_ON_DAY}|{_VERB_ALTERNATIVES}|{_BASE_VERBS}(?:{_BASE_ALTERNATIVES}))\b"
    # "would back away from", "to block out": a particle makes another verb of it.
    r"(?!\s+(?:away|off|down|out|up)\b)",
    re.IGNORECASE,
)


def _hint(phrases: list[str]) -> tuple[str, ...]:
    """Words one of which a sentence must hold to hold one of the phrases: the longest word of
    each, cut to five letters. Most sentences of a long article hold none, and a substring test
    is far cheaper than the full pattern."""
    return tuple(sorted({max(re.findall(r"[\w-]+", p), key=len)[:5].lower() for p in phrases}))


def hinted(text: str, stems: tuple[str, ...]) -> bool:
    lower = text.lower()
    return any(stem in lower for stem in stems)


STANCE_HINT = _hint([*STANCE_VERBS, *BASE_SIDES, *NOUN_SIDES, "vote"])

# Words that place a stance firmly before a change even paragraphs away from it ("initially
# voted in favor", "despite previously voting against").
STRONG_EARLIER = re.compile(
    r"\b(?:initially|originally|at first|previously|formerly|had\s+(?:long|once|first)|"
    r"as a candidate|(?:in|during)\s+(?:(?:his|her|its|their|the)\s+)?(?:19|20)\d\d|"
    r"last\s+(?:Congress|session|term|spring|summer|autumn|fall|winter|week|month)|"
    r"(?:\w+\s+){1,2}(?:days|weeks|months|years)\s+ago|"
    r"(?:a|one|two|three|several|\w+)\s+(?:days?|weeks?|months?|years?)\s+after)\b",
    re.IGNORECASE,
)
# Words that say a stance held before the time the article reports on.
EARLIER = re.compile(
    r"\b(?:had|previously|formerly|once|earlier|first|former|as recently as|in the past|"
    r"until|up to this point|long-standing|for years|used to|initially|originally|at first|"
    r"as a candidate|last\s+(?:Congress|session|term|year|month|week|spring|summer|autumn|fall|"
    r"winter)|ago|(?:in|during)\s+(?:(?:his|her|its|their|the)\s+)?(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# A negation before the verb in the same clause: "will not provide guarantees or support …".
NEGATION = re.compile(
    r"\b(?P<modal>will|would|does|did|do|can|could|should)?\s*(?:not|never|n[’']t)\b[^,.;]*$",
    re.IGNORECASE,
)
NOW = re.compile(r"\b(?:now|today|this week|no longer|since then|has become)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cue:
    """A phrase that marks a change of position.

    before / after: what the cue itself says of each end, as a template on the issue; None
    when the cue says nothing of that end and the article has to state it.
    """

    name: str
    pattern: re.Pattern[str]
    before: str | None
    after: str | None


def _cue(name: str, pattern: str, before: str | None, after: str | None) -> Cue:
    return Cue(name, re.compile(pattern, re.IGNORECASE), before, after)


_POSS = r"(?:his|her|its|their|the)\s+"
CUES: tuple[Cue, ...] = (
    _cue(
        "dropped opposition",
        rf"\b(?:dropp(?:ed|ing)|drops?|abandon(?:ed|ing|s)?|end(?:ed|ing|s)?|withdr(?:ew|awn|aws?|awing))\s+"
        rf"(?:{_POSS})?"
        r"(?:\w+\s+)?(?:opposition|objections?|resistance|challenge|holdout|boycott)\s+"
        r"(?:to|against|on)\b",
        "Opposed {issue}",
        "No longer opposes {issue}",
    ),
    _cue(
        "withdrew support",
        # An endorsement withdrawn, retracted or rescinded is support withdrawn.
        r"\b(?:withdr(?:ew|awn|aws?|awing)|withdraw|pulled|dropp(?:ed|ing)|drops?|"
        r"retract(?:ed|s|ing)?|rescind(?:ed|s|ing)?)\s+(?:(?:his|her|its|their|the|my|our)\s+)?"
        r"(?:\w+\s+)?(?:support|backing|endorsement)(?:\s+(?:from|for|of))?\b",
        "Supported {issue}",
        "Withdrew its support for {issue}",
    ),
    _cue(
        "no longer",
        r"\bno longer\s+(?P<verb>supports?|backs?|opposes?|wants?|plans?|favou?rs?|believes?|"
        r"insists?|seeks?|calls? for|intends?|expects?|rules? out|go ahead with|proceed with|"
        r"pursue)\b",
        "Used to {verb} {issue}",
        "No longer {verb} {issue}",
    ),
    _cue(
        "softened",
        r"\bsoften(?:ed|s|ing)?\s+(?:(?:his|her|its|their)\s+)?(?:(?:stance|tone|position|line|"
        r"language|rhetoric)\s+)?(?:on|over|towards?)\b",
        "Took a harder line on {issue}",
        "Takes a softer line on {issue}",
    ),
    _cue(
        "eased off",
        r"\beased\s+off\s+(?:(?:his|her|its|their)\s+)?(?:[\w-]+\s+)?(?:language|stance|"
        r"rhetoric|line|position|demands?)?\s*calling\s+for\b",
        "Called for {issue}",
        "Eased off calling for {issue}",
    ),
    _cue(
        "dropped plans",
        r"\b(?:dropp(?:ed|ing)|drops?|abandon(?:ed|ing|s)?|scrap(?:ped|s)?|shelve[sd]?)\s+"
        r"(?:(?:his|her|its|their|the)\s+)?plans?\s+(?:to|for)\b",
        "Planned to {issue}",
        "Dropped the plan to {issue}",
    ),
    _cue(
        "reversed",
        r"\b(?:revers(?:ed|es|ing)|flip-flopped|flip(?:ped|s)?|chang(?:ed|es|ing)|shift(?:ed|s|ing)|"
        r"switch(?:ed|es|ing))\s+(?:course|position|positions|stance|votes|"
        r"(?:his|her|its|their)\s+(?:own\s+)?(?:position|stance|decision|policy|course|vote|"
        r"view|tune)s?)(?:\s+(?:on|over))?\b|\bwill\s+reverse\s+(?:himself|herself|itself|"
        r"themselves)\b",
        None,
        None,
    ),
    # An actor stepping back from its own plan, proposal, vote or support: it backed it before
    # and does not now.
    _cue(
        "retreat",
        r"\b(?:back(?:ed|s|ing)?\s+(?:away|off|down)\s+(?:from|on)|walk(?:ed|s|ing)?\s+back|"
        r"retreat(?:ed|s|ing)?\s+from|rescind(?:ed|s|ing)?|"
        r"(?:withdr(?:ew|awn|aws?|awing)|withdraw|scrapp(?:ed|ing)|scraps?|ditch(?:ed|es|ing)?|"
        r"dropp(?:ed|ing)|"
        r"shelv(?:ed|es|ing)|abandon(?:ed|s|ing)?|undo(?:ing|es)?|undid|roll(?:ed|ing)\s+back|"
        r"revers(?:ed|es|ing)(?=\s+(?:a|an|the|its|his|her|their)\s))\s+"
        # "is withdrawing from consideration a rule change"
        r"(?:from\s+consideration\s+)?(?=(?:(?:his|her|its|their|the|a|an)\s+)?"
        r"(?:[\w-]+\s+)?(?:plan|plans|planned|proposal|proposals|bid|offer|vote|nomination|idea|"
        r"policy|measure|bill|change|ban|rule|decision\s+to)\b))",
        "Backed {issue}",
        "Backed away from {issue}",
    ),
    _cue(
        "broke pledge",
        r"\b(?:ignor(?:ed|ing)|break(?:ing|s)?|broke|abandon(?:ed|ing)|revers(?:ed|ing)|"
        r"reneg(?:ed|ing)\s+on|went\s+back\s+on)\s+(?:his|her|its|their)\s+(?:[\w-]+\s+)?"
        r"(?:pledge|promise|vow|commitment)\s+to\b",
        "Pledged to {issue}",
        None,
    ),
    _cue(
        "switch against",
        r"\bswitch(?:ed)?\s+(?:(?:his|her|its|their)\s+vote\s+)?against\b",
        "Supported {issue}",
        "Switched against {issue}",
    ),
    _cue(
        "after misgivings",
        r"\bafter\s+(?:some|initial|early|months\s+of|weeks\s+of)\s+(?:misgivings|doubts|"
        r"hesitation|reservations)\b",
        "Had misgivings about {issue}",
        None,
    ),
    _cue(
        "changed its mind",
        r"\bchang(?:ed|ing|es)\s+(?:his|her|its|their|my|our)\s+(?:mind|attitude|stance|position|"
        r"tune|view)\b",
        None,
        None,
    ),
    _cue(
        "u-turn",
        r"\b(?:U-turns?|about-faces?|about-turns?|volte[- ]faces?|reversals?|climbdowns?|"
        r"backtrack(?:ed|s)?|back[- ]?flips?|flip-?flops?|flip-?flopped|turnabouts?|"
        r"changes?\s+of\s+heart)\b"
        r"(?:\s+(?:on|over))?",
        None,
        None,
    ),
)

# Every cue above holds one of these words: a sentence with none is not read for cues.
CUE_HINT: tuple[str, ...] = tuple(
    [
        "oppos",
        "objection",
        "resistance",
        "challenge",
        "holdout",
        "boycott",
        "support",
        "backing",
        "longer",
        "soften",
        "eased",
        "plan",
        "revers",
        "flip",
        "chang",
        "shift",
        "switch",
        "misgiving",
        "doubt",
        "hesitation",
        "reservation",
        "back",
        "walk",
        "retreat",
        "rescind",
        "withdr",
        "scrap",
        "ditch",
        "shelv",
        "abandon",
        "drop",
        "pledge",
        "promise",
        "vow",
        "commitment",
        "retract",
        "endorsement",
        "u-turn",
        "about-",
        "volte",
        "climbdown",
        "turnabout",
        "heart",
        "undo",
        "undid",
        "roll",
        "mind",
        "attitude",
        "tune",
        "view",
        "stance",
        "position",
        "course",
        "vote",
        "decision",
        "policy",
    ]
)
# "a departure from previous administrations’ support for Ukraine"
DEPARTURE = re.compile(
    r"\bdeparture\s+from\s+(?P<who>(?:the\s+)?(?:previous|past|earlier|former|prior)\s+"
    r"[\w\s-]+?)[’']s?\s+(?P<what>support\s+for|opposition\s+to|backing\s+(?:of|for))\s+",
    re.IGNORECASE,
)
# "switched from voting “yes” last Congress to “no” this year on Democrat-led bills"
SWITCH_FROM = re.compile(
    r"\bswitch(?:ed|es|ing)?\s+from\s+(?P<from>[^,.;]{2,60}?)\s+to\s+(?P<to>[^,.;]{2,60}?)\s+"
    r"(?:on|over)\s+(?P<issue>[^,.;]+)",
    re.IGNORECASE,
)
# "reversing earlier guidance that face masks are no longer needed": what was reversed is
# stated after the cue.
REVERSED_CONTENT = re.compile(
    r"\brevers(?:ed|ing|es)\s+(?:its|his|her|their|the|an?)?\s*(?:own\s+)?(?:earlier|previous|"
    r"prior|initial|original)\s+(?P<what>guidance|advice|decision|ruling|policy|position|"
    r"stance|recommendation|plan|view)\s+(?:that|to|on)\s+(?P<content>[^.;]+)",
    re.IGNORECASE,
)
# "the CDC said testing is no longer recommended": a thing its holder no longer backs.
NO_LONGER_PASSIVE = re.compile(
    r"\b(?P<thing>[\w-]+)\s+(?:is|are|was|were)\s+no\s+longer\s+"
    r"(?P<verb>recommended|required|needed|necessary|supported|allowed|permitted|advised)\b",
    re.IGNORECASE,
)
# The verb of reported speech whose subject holds what the clause after it says.
SAID = re.compile(r"\b(?:said|says|announced|stated|declared)\s+(?:that\s+)?", re.IGNORECASE)
# "a departure from their previous opposition to the legislation"
DEPARTURE_OWN = re.compile(
    r"\bdeparture\s+from\s+(?P<poss>his|her|its|their)\s+(?:own\s+)?(?:previous|past|earlier|"
    r"former|prior)\s+(?P<what>support\s+for|opposition\s+to|backing\s+(?:of|for))\s+",
    re.IGNORECASE,
)
# "…, despite previously voting against its final passage": the main clause is the later
# stance, the despite-clause the earlier one.
DESPITE_EARLIER = re.compile(
    r",?\s+(?:despite|after)\s+(?:previously|earlier|once|first|initially)\s+", re.IGNORECASE
)
IN_CONTRAST = re.compile(r"\b(?:in contrast|by contrast|unlike)\b", re.IGNORECASE)
# "Ending years of resistance to such a move, Osborne announced …"
ENDING_RESISTANCE = re.compile(
    r"^(?:Ending|After)\s+(?:years|months|weeks|decades)\s+of\s+(?:resistance|opposition)\s+"
    r"to\s+(?P<issue>[^,]+),\s+",
    re.IGNORECASE,
)
# "Goncalves, who had been criticizing Nippon Steel, changed his attitude …"
RELATIVE_EARLIER = re.compile(
    r",\s+who\s+had\s+(?:been\s+)?(?P<verb>\w+(?:ed|ing)|\w+)\s+(?P<object>[^,]+),\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# "… demanded …, but now U.S. officials have quietly acquiesced in …"
BUT_NOW = re.compile(r",?\s*[\"“]?but\s+now\s+", re.IGNORECASE)
# After a change of mind, what it came to: "…, coming to favorably evaluate the acquisition".
CAME_TO = re.compile(r"^,?\s*(?:\w+\s+)?(?:coming|deciding|going)\s+to\s+", re.IGNORECASE)
# "… shifted their stance on Tuesday, voting to advance the package": the participle after a
# change cue says what it came to.
CHANGE_TO = re.compile(
    r"^(?:[^,.;]{0,40},)?\s+(?P<how>voting\s+(?:to|for|against|in\s+favou?r\s+of)|agreeing\s+to|"
    r"backing(?!\s+(?:off|away|down)\b)|supporting|opposing|coming\s+out\s+(?:for|against|in\s+favou?r\s+of)|"
    r"in\s+favou?r\s+of|scrapping|dropping|abandoning|withdrawing|ditching)\s+",
    re.IGNORECASE,
)

# Heads of an issue that name one thing under several words ("the deal" … "the pact"): two
# stances on a pact and on an agreement are on one issue.
ISSUE_SYNONYMS: dict[str, str] = {
    "pact": "deal",
    "agreement": "deal",
    "accord": "deal",
    "treaty": "deal",
    "legislation": "bill",
    "measure": "bill",
    "measures": "bill",
    "levy": "tax",
    "taxes": "tax",
    "takeover": "acquisition",
    "buyout": "acquisition",
    "merger": "acquisition",
    "sanction": "sanctions",
    "rules": "rule",
    "guidelines": "rule",
    "guidance": "rule",
}
# How long an issue drafted from the words after a verb or cue may be: a question's issue is a
# phrase, not the rest of the sentence.
MAX_ISSUE_WORDS = 12
# Words that say nothing of what an issue is about, left out when two issues are compared. One
# list for every reader (cue rules, clause reader, stance comparison), so that two readers of
# one move agree on whether they read the same thing.
ISSUE_STOP = frozenset(
    [
        *("the", "a", "an", "of", "to", "for", "on", "in", "and", "or", "with", "by", "from"),
        *("at", "as", "that", "this", "is", "was", "be", "been", "has", "have", "had", "will"),
        *("would", "not", "no", "any", "all", "over", "about", "into", "than", "more", "most"),
        *("its", "his", "her", "their", "our", "my", "it", "they", "he", "she", "we"),
        *("new", "controversial"),
    ]
)


def content(text: str) -> set[str]:
    """The words of an issue that say what it is about, as the article spells them."""
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in ISSUE_STOP and len(w) > 2}


def issue_words(text: str) -> set[str]:
    """The same with the heads that name one thing under several words made one ("pact",
    "agreement" -> "deal"), so that two stances on it meet."""
    return {ISSUE_SYNONYMS.get(w, w) for w in content(text)}


# Weekdays in their order, to tell which of two votes in one sentence came first ("voted to
# block the bill on Monday … voting for it on Wednesday").
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A time word just after a stance's issue, ordered: a weekday, or "last …" before "this …".
TIME_AFTER = re.compile(
    rf"^[^,.;]{{0,40}}?\b(?:on\s+)?(?P<when>{'|'.join(w.capitalize() for w in WEEKDAYS)}|"
    r"last\s+(?:Congress|session|year|month|week|term)|this\s+(?:year|month|week|session|Congress|"
    r"term))\b"
)

# Names under which a country is spoken of, and the name it is drafted under.
COUNTRY_NAMES: dict[str, str] = {
    "United States": "United States",
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "America": "United States",
    "Washington": "United States",
    "United Kingdom": "United Kingdom",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "France": "France",
    "Germany": "Germany",
    "Russia": "Russia",
    "Moscow": "Russia",
    "Ukraine": "Ukraine",
    "Kyiv": "Ukraine",
    "China": "China",
    "Beijing": "China",
    "Iran": "Iran",
    "Israel": "Israel",
    "Japan": "Japan",
    "India": "India",
    "Poland": "Poland",
}
# Lower-case heads of a phrase that names an organisation ("the government").
ORG_HEADS = frozenset(
    [
        "government",
        "administration",
        "coalition",
        "ministers",
        "regulator",
        "commission",
        "party",
        "union",
        "company",
        "board",
        "council",
        "committee",
        "cabinet",
        "parliament",
        "senate",
        "congress",
        "court",
        "officials",
        "association",
        "authority",
        "agency",
        "treasury",
        "ministry",
        "department",
        "bank",
        "group",
        "firm",
        "campaign",
        "store",
        "restaurant",
        "retailer",
        "chain",
        "network",
        "organisation",
        "organization",
        "alliance",
        "federation",
        "university",
        "college",
        "school",
        "institute",
        "foundation",
        "league",
        "church",
        "corporation",
        "watchdog",
    ]
)
# Where a clause that names the issue ends.
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
ISSUE_END = re.compile(
    rf"\s+(?:on|last|this|by|sometime|early|late)\s+(?:{_DAYS}|week|month|year)\b|"
    rf"\s+(?:{_DAYS})\b|\s+and\s+\w+ed\b|\s+(?:announced|unveiled|set\s+out)\s+in\b|"
    r"\s+(?:have|has|had|is|are|was|were)\s+|"
    r"\s+(?:following|after|amid|because|due\s+to|when|while|since|until|unless|if|once|as\s+"
    r"(?:long|it|he|she|they)|but|which|who|that\s+(?:placed|left|made)|in\s+order)\b|[,;:—–()]|(?<![A-Z])(?<!\bRep)(?<!\bSen)(?<!\bGov)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)\.(?:\s|$)|[\"“”]\s|$",
)
