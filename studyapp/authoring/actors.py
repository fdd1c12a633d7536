"""Who holds a stance: the subject of a clause, resolved to a person the article names, a
country, or an organisation named by the phrase before the verb ("The US Federal Trade
Commission (FTC) has dropped …", "the government announced …").

People come from `people.find_people`; countries and organisations are added as they are met,
so that a later "the FTC" or "it" is tied back to the same actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studyapp.authoring.cues import COUNTRY_NAMES, ORG_HEADS
from studyapp.authoring.lexicon import NOT_NAMES, WEEKDAYS
from studyapp.authoring.people import Person, slug
from studyapp.authoring.sentences import Sentence


@dataclass(frozen=True, slots=True)
class Holder:
    id: str
    name: str
    kind: str = "person"  # one of model.ACTOR_KINDS
    role: str = ""


# Words between a subject and its verb that do not change who the subject is.
_GAP = re.compile(
    rf"^(?:\s|\([^)]*\)|,|[’']s\b|\b[a-z]+ly\b|\b(?:on\s+)?(?:{WEEKDAYS})\b|"
    r"\b(?:yesterday|today|on|this|week)\b|"
    r"\b(?:has|have|had|is|was|were|are|would|will|been|being|did|"
    r"reportedly|now|also|then|later|since|firmly|quietly|strongly|suddenly|finally|already|"
    r"recently|publicly|even|only|still|just|first|previously|apparently|effectively|not|no|"
    r"longer)\b)*$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"(?:\b|(?<=[\"“]))(he|she|it|they|I|we)(?:[’']s)?\s*$", re.IGNORECASE)
# A name at a sentence's start that is the subject of its first verb: "Twitter reversed
# course", "Facebook on Friday reversed", "SMART, the largest rail union, had said",
# "Concordia University in Portland reversed". Any capitalised name (or "the <Body>") in that
# place is an actor candidate, so a company or body needs no list of its own.
_LEAD_NAME = re.compile(
    r"^[\"“]?(?:(?:On|Last|This|Earlier|Late|In)\s+[A-Z]?\w+,?\s+)?(?!An?\s)"
    r"(?P<name>(?:[Tt]he\s+)?[A-Z][\w.&’'-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w.&’'-]*){0,5})"
    r"(?:\s*\([A-Z.]{2,}\))?(?:\s+in\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?(?:,[^,]{1,80},)?"
    r"\s+(?:on\s+[A-Z]\w+day\s+)?(?:(?:has|had|have|was|is|would|will)\s+)?(?:[a-z]+ly\s+)?"
    r"(?!(?:of|in|at|for|and|or|to|from|with|by|on|who|which|that)\b)[a-z]{2,}\b"
)
_LEAD_BODY = re.compile(
    r"^[\"“]?(?P<name>[Tt]he\s+(?:[\w’'-]+\s+){0,3}?(?:"
    + "|".join(sorted(ORG_HEADS, key=len, reverse=True))
    + r"))\b"
)
# "A Republican state lawmaker says he …": a description that the next sentence names.
_INDEFINITE = re.compile(
    r"^(?:An?)\s+(?:[\w-]+\s+){0,3}(?:Republican|Democrat|senator|lawmaker|legislator|governor|"
    r"mayor|minister|official|councill?or|congressman|congresswoman|MP|candidate|member)\b"
)
# A verb of intent between a subject and its stance: "it intends to oppose", "decided to vote".
_INTENT = re.compile(
    r"\b(?:intends?|intended|plans?|planned|wants?|wanted|decided|decides|agreed|agrees|"
    r"expects?|expected|hopes?|hoped|(?:is|was|are|were)\s+(?:going|set)|"
    # "The board voted Sunday to rescind …": the voters rescind.
    rf"voted(?:\s+(?:on\s+)?(?:{WEEKDAYS}|unanimously))?)"
    r"\s+to\s*$"
)
_FRONTED = re.compile(
    r"^\s*(?:(?:A|One|Two|Three|Several|The)\s+(?:days?|weeks?|months?|years?|hours?)\s+)?"
    r"(?:After|Before|When|While|Although|Though|Since|Until|Once|after|before)\s+$"
)
_COMPARED = re.compile(r"\b(?:[Uu]nlike|[Ll]ike)\s+(?:[A-Z][\w.-]*\s+){0,3}$")
# A verb coordinated with the one before it shares its subject: "… but changed his mind".
_COORDINATED = re.compile(r"(?:,\s*|\s)(?:and|but|then)(?:\s+(?:later|then|eventually))?\s*$")
# "American Federation of State, County and Municipal Employees": a comma inside a name,
# only where the list of capitalised words closes with "and".
_ORG_WORD = (
    r"(?:[A-Z][\w.’'&-]*,(?=\s+[A-Z][\w.’'&-]*\s+and\s+[A-Z])|[A-Z][\w.’'&-]*|of|and|for|the)"
)
_ORG_TAIL = re.compile(
    rf"((?:\b[Tt]he\s+)?(?:{_ORG_WORD}\s+)*(?:[A-Z][\w.’'&-]*(?:\s*\([A-Z.]{{2,}}\))?|"
    rf"(?:{'|'.join(sorted(ORG_HEADS))})))\s*$"
)
_ACRONYM = re.compile(r"\(([A-Z.]{2,})\)")
# A body of people who act together: "Nine Republicans and one Democrat in the Senate",
# "These senators". A demonstrative points back at the last such body.
_GROUP = re.compile(
    r"(?:\b(?P<det>[Tt]hese|[Tt]hose|[Tt]he|[Aa]ll|[\w-]+)\s+)?(?P<noun>Republicans|Democrats|"
    r"[Ss]enators|lawmakers|legislators|MPs|[Cc]onservatives|[Ll]iberals|shareholders|"
    r"ministers|members|enforcers|regulators|authorities|investors|commissioners|councillors|"
    r"trustees|directors|incumbents|leaders|officials|organizers|organisers|"
    # Those who strike or bargain as one: "British Airways cabin crew have called off …".
    r"crew|staff|workers|employees|pilots|nurses|teachers|drivers|firefighters)(?:\s+and\s+(?:[\w-]+\s+){1,2}?[\w-]+)?"
    r"(?:\s+(?:in|of|from)\s+(?:the\s+)?[A-Z][\w-]*)?\s*$"
)
# A description that stands for the person last named: "The Kansas Republican", "the senator".
_DESCRIPTOR = re.compile(
    r"(?:^|[\s.])[Tt]he\s+(?:[\w-]+[’']s\s+)?(?:[A-Z][\w.-]*\s+|[a-z]+(?:al|ic|ive|ent|an)\s+){0,2}(?:Republican|Democrat|"
    r"senator|[Ss]enator|congressman|congresswoman|lawmaker|governor|hopeful|candidate|"
    r"billionaire|investor|nominee|chairman|chairwoman|mayor|vice\s+mayor|minister|governor|"
    r"chancellor|premier|Brexiteer|backbencher|MP|[A-Z][a-z]+(?:an|er|ite))\s*$"
)
# Words before a group's noun that say how many or which of them already named, not which.
_NOT_WHICH = frozenset(
    [
        *("these", "those", "the", "all", "some", "many", "most", "several", "other", "both"),
        *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    ]
)
_POSSESSIVE = re.compile(r"\b(?P<word>his|her|their|its)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_ROLE_START = frozenset(
    ["president", "prime", "minister", "chancellor", "secretary", "senator", "leader"]
)


def _strip_gap_words(prefix: str) -> str:
    words = prefix.rstrip()
    while True:
        m = re.search(r"(?:\s|^)(\([^)]*\)|[\w’'.]+|,)\s*$", words)
        if m is None or not _GAP.match(m.group(1) + " "):
            return words
        words = words[: m.start()].rstrip()


class Holders:
    """The actors of one article, found as the rules ask for them."""

    def __init__(self, people: dict[str, Person], paragraphs_text: list[str]) -> None:
        self.people = people
        self.found: dict[str, Holder] = {}
        self._aliases: dict[str, str] = {}
        self._texts = paragraphs_text
        self._last_org: str | None = None
        self._last_group: str | None = None
        self._last_named: str | None = None
        for name, country in COUNTRY_NAMES.items():
            self._aliases[name] = slug(country)

    # ------------------------------------------------------------------ lookups
    def holder(self, ident: str) -> Holder:
        if ident in self.found:
            return self.found[ident]
        person = self.people[ident]
        return Holder(person.id, person.name, "person", person.role)

    def _use_person(self, ident: str) -> str:
        self.found.setdefault(ident, self.holder(ident))
        return ident

    def _use_org(self, name: str) -> str | None:
        # "A New Jersey School Board", "the same board": the article or "same" is no name.
        clean = re.sub(r"^(?:(?:[Tt]he|An?)\s+)?(?:same\s+)?", "", _ACRONYM.sub("", name))
        clean = clean.strip(" ,")
        clean = re.sub(r"[’']s$", "", clean)
        # "On Monday the Elm Town Council voted": the day before the name is no part of it.
        clean = re.sub(
            rf"^(?:On\s+)?(?:{WEEKDAYS})\s+"
            r"(?:the\s+)?(?=[A-Z])",
            "",
            clean,
        )
        # "Continental AG", "the Continental board": one company under its legal suffix or
        # the body that speaks for it.
        clean = re.sub(
            r"(?<=\w)\s+(?:AG|SA|NV|Inc\.?|Corp\.?|Co\.?|Ltd\.?|plc|PLC|LLC|GmbH|board)$",
            "",
            clean,
        )
        if not clean:
            return None
        words = clean.split()
        # A phrase of sentence words only ("However", "On Monday") names no one, unless it
        # ends in an organisation's head noun ("the government").
        if (
            clean not in COUNTRY_NAMES
            and not (len(clean) > 1 and clean.isupper())  # "SMART", "FCC": an acronym is a name
            and all(w.lower() in NOT_NAMES for w in words)
            and words[-1].lower() not in ORG_HEADS
            # "The Ministry of Health", "Department of Education": a capitalised head with
            # what it is of names a body, though each word alone is a common one.
            and not re.search(
                rf"\b(?:{'|'.join(w.capitalize() for w in ORG_HEADS)})\s+of\s+[A-Z]", clean
            )
        ):
            return None
        shorter = next(
            (
                h.id
                for h in self.found.values()
                if h.kind != "person" and h.name.lower().endswith(" " + clean.lower())
            ),
            None,
        )
        if clean in self._aliases:
            ident = self._aliases[clean]
        elif shorter is not None:  # "the association" after "the Shipping Association"
            ident = shorter
        elif clean in COUNTRY_NAMES:
            ident = slug(COUNTRY_NAMES[clean])
        else:
            ident = slug(clean)
        if ident not in self.found:
            country = next((c for n, c in COUNTRY_NAMES.items() if slug(c) == ident), None)
            if country is not None:
                self.found[ident] = Holder(ident, country, "country")
            else:
                display = clean[:1].upper() + clean[1:]
                self.found[ident] = Holder(ident, display, "organization")
        acronym = _ACRONYM.search(name)
        if acronym:
            self._aliases[acronym.group(1)] = ident
        self._aliases[clean] = ident
        self._last_org = ident
        if words[-1].lower() not in ORG_HEADS and clean not in COUNTRY_NAMES:
            # A name the people rules did not take for a person may still be the "he" of the
            # next sentence.
            self._last_named = ident
        return ident

    def _mentions_in(self, s: Sentence) -> list[tuple[int, int, str]]:
        """(start, end, person id) of each person named in the sentence, offsets in it."""
        out = []
        for person in self.people.values():
            for m in person.mentions:
                if m.paragraph == s.paragraph and s.start <= m.start < s.end:
                    out.append((m.start - s.start, m.end - s.start, person.id))
        out.sort()
        return out

    def _last_person_before(self, s: Sentence) -> str | None:
        best: tuple[int, int] | None = None
        who = None
        for person in self.people.values():
            for m in person.mentions:
                at = (m.paragraph, m.start)
                if (
                    (m.paragraph, m.start)
                    < (
                        s.paragraph,
                        s.start,
                    )
                    and s.paragraph - m.paragraph <= 3
                    and (best is None or at > best)
                ):
                    best, who = at, person.id
        return who

    def _next_person_after(self, s: Sentence) -> str | None:
        best: tuple[int, int] | None = None
        who = None
        for person in self.people.values():
            for m in person.mentions:
                at = (m.paragraph, m.start)
                later = at > (s.paragraph, s.start) and m.paragraph - s.paragraph <= 1
                if later and (best is None or at < best):
                    best, who = at, person.id
        return who

    def known_alias(self, text: str) -> str | None:
        for alias, ident in sorted(self._aliases.items(), key=lambda kv: -len(kv[0])):
            if ident in self.found and re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text):
                return ident
        return None

    # ------------------------------------------------------------------ the subject
    def subject(self, s: Sentence, pos: int, *, after_who: bool = False) -> str | None:
        """The actor whose verb starts at `pos` in the sentence, or None when unsure.

        after_who: the verb may open a restrictive relative clause ("several Republicans who
        voted …"), whose subject is the noun before "who"; only the dated-stance frame asks
        this, as a cue's "lawmakers who flipped votes" names no one in particular."""
        # "Twitter did a back flip", "Johnson made a U-turn": the light verb is no subject.
        pos = len(
            re.sub(
                r"\b(?:did|done|made|performed|pulled|staged|announced|executed)\s+an?\s+"
                r"(?:[\w-]+\s+){0,3}?$",
                "",
                s.text[:pos],
            )
        )
        prefix = s.text[:pos]
        # "Sen. Kay Bailey Hutchison, who last month was …, flipped her stance": the relative
        # clause stands between the subject and its verb.
        relative = re.search(r",\s+(?:who|which)\s+[^,]+,\s*$", prefix)
        if relative is not None:
            prefix = prefix[: relative.start()] + " "
            pos = len(prefix)
        # "several Republicans who voted to block the bill": a restrictive relative clause's
        # verb has the noun before "who" for its subject.
        bare_who = re.search(r"(?<=[a-z])\s+who\s*$", prefix) if after_who else None
        if bare_who is not None:
            prefix = prefix[: bare_who.start()] + " "
            pos = len(prefix)
        intent = _INTENT.search(prefix)
        if intent is not None:
            prefix = prefix[: intent.start()]
            pos = len(prefix)
        mentions = [m for m in self._mentions_in(s) if m[1] <= pos]
        for _start, end, ident in reversed(mentions):
            if _GAP.match(prefix[end:]):
                return self._use_person(ident)
        trimmed = _strip_gap_words(prefix)
        coordinated = _COORDINATED.search(trimmed)
        if coordinated is not None and coordinated.start() > 0:
            shared = self._lead_subject(s, coordinated.start())
            if shared is not None:
                return shared
        pronoun = _PRONOUN.search(trimmed)
        if pronoun:
            return self._pronoun(s, pronoun.group(1).lower(), pronoun.start(), mentions)
        if re.search(r",\s*$", prefix) and re.match(r"\w+ing\b", s.text[pos:]):
            # "Beijing spurned the offer, voting in favor": the participle's subject is the
            # sentence's own, named at its start.
            head = s.text[: prefix.rfind(",")]
            named = [m for m in mentions if m[0] < 40]
            if named:
                return self._use_person(named[0][2])
            country = self.country_of(head[:60])
            if country is not None:
                return country
            # "The governor was down in Los Angeles, signing a bill": a description at the
            # sentence's start stands for the person last named.
            lead_words = head.split()
            if any(_DESCRIPTOR.search(" ".join(lead_words[:k])) for k in (2, 3)):
                before = self._last_person_before(s)
                if before:
                    return self._use_person(before)
        if _INDEFINITE.match(trimmed) and len(trimmed.split()) <= 6:
            # "A Louisiana mayor has reversed an order …. … Kenner mayor Ben Zahn did so":
            # a lead that describes the actor is named by the next sentences.
            after = self._next_person_after(s)
            if after:
                return self._use_person(after)
        group = _GROUP.search(trimmed)
        if group:
            return self._use_group(group.group("det") or "", group.group("noun"))
        if _DESCRIPTOR.search(trimmed):
            earlier = [m for m in mentions]
            if earlier:
                return self._use_person(earlier[0][2])
            before = self._last_person_before(s)
            if before:
                return self._use_person(before)
            # "The city's vice mayor on Tuesday rescinded …. Vice Mayor Danny Bilyeu said …":
            # a lead that describes before it names.
            after = self._next_person_after(s)
            if after:
                return self._use_person(after)
        # "Concordia University in Portland reversed": the place is not the body.
        placed = re.search(
            r"((?:\b[Tt]he\s+)?(?:[A-Z][\w.’'&-]*\s+(?:of\s+)?)*[A-Z][\w.’'&-]*)\s+in\s+"
            r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s*$",
            trimmed,
        )
        if placed is not None and placed.group(1).split()[-1].lower() in ORG_HEADS:
            trimmed = trimmed[: placed.end(1)]
        org = _ORG_TAIL.search(trimmed)
        if org and len(org.group(1).split()) <= 8:
            candidate = re.sub(r"^(?:and|of|for)\s+", "", org.group(1))
            if candidate.lower() in ORG_HEADS:
                # "The nation’s largest union umbrella organization": the words that say
                # which organisation, back to the determiner or possessive.
                lead = re.search(
                    r"(?:\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)|[’']s)\s+((?:[a-z-]+\s+){1,3})$",
                    trimmed[: trimmed.rfind(candidate)],
                )
                if lead:
                    candidate = lead.group(1) + candidate
            # "Senate Minority Leader" before a name the people rules missed is no organisation.
            if candidate.split()[-1].lower() not in _ROLE_START:
                org_id = self._use_org(candidate)
                if org_id is not None:
                    return org_id
        if mentions:
            return self._use_person(mentions[-1][2])
        return None

    def _pronoun(
        self, s: Sentence, word: str, at: int, mentions: list[tuple[int, int, str]]
    ) -> str | None:
        if word in ("i", "we"):
            return self._speaker(s)
        if word in ("he", "she"):
            # "like Gov. Arnold Schwarzenegger, he was opposed": a person compared with is
            # not the one the pronoun stands for.
            earlier = [
                m
                for m in mentions
                if m[1] <= at and not _COMPARED.search(s.text[max(0, m[0] - 40) : m[0]])
            ]
            if earlier:
                return self._use_person(earlier[-1][2])
            # "A day after he refused to endorse …, Romney said": in a clause put before the
            # main one, the pronoun stands for the subject named after it.
            head = re.split(r"\s[-–—]\s", s.text[:at])[-1]
            if _FRONTED.match(head):
                named = [m for m in self._mentions_in(s) if m[0] > at]
                if named and "," in s.text[at : named[0][0]]:
                    return self._use_person(named[0][2])
            if _INDEFINITE.match(s.text):
                after = self._next_person_after(s)
                if after:
                    return self._use_person(after)
            before = self._last_person_before(s)
            return self._use_person(before) if before else self._last_named
        # "Twitter reversed course and said that they would allow …": the body this sentence
        # opens on, before the last one met.
        return self._lead_org(s, at) or self._lead_body(s, at) or self._last_org

    def _lead_body(self, s: Sentence, upto: int) -> str | None:
        """ "The British government has announced it will …": a sentence that opens on a body
        named by its lower-case head is what a later "it" or "they" in it stands for."""
        m = _LEAD_BODY.match(s.text[:upto])
        return self._use_org(m.group("name")) if m else None

    def _lead_org(self, s: Sentence, upto: int) -> str | None:
        m = _LEAD_NAME.match(s.text[:upto])
        if m is None:
            return None
        start = m.start("name")
        if any(a <= start < b for a, b, _ in self._mentions_in(s)):
            return None  # a person, whom the people rules have named
        return self._use_org(m.group("name"))

    def _lead_subject(self, s: Sentence, upto: int) -> str | None:
        """The subject of the sentence's first clause, for a verb coordinated with it."""
        head = s.text[:upto]
        pronoun = re.match(r"[\"“]?\s*(I|We|He|She|It|They)\b", head)
        if pronoun is not None:
            return self._pronoun(s, pronoun.group(1).lower(), pronoun.start(1), [])
        if _INDEFINITE.match(head):
            after = self._next_person_after(s)
            return self._use_person(after) if after else None
        named = [m for m in self._mentions_in(s) if m[0] < 40 and m[1] <= upto]
        if named:
            return self._use_person(named[0][2])
        return self._lead_org(s, upto)

    def named_after(self, s: Sentence, pos: int) -> str | None:
        """The person the sentence names first at or after `pos`, close to it ("… of the laws
        by Prime Minister Narendra Modi")."""
        later = [m for m in self._mentions_in(s) if pos <= m[0] <= pos + 60]
        return self._use_person(later[0][2]) if later else None

    def agent_after(self, s: Sentence, pos: int) -> str | None:
        """The agent of a passive whose "by" ends at `pos`: "called off by the RMT union" is
        the RMT; a person named there is that person. Only a capitalised name (with the
        body's head word after it) is taken, as "by the end of the week" names no one."""
        person = self.named_after(s, pos)
        if person is not None:
            return person
        m = re.match(r"(?:the\s+)?((?:[A-Z][\w&’'-]*\s*){1,4})", s.text[pos:])
        return self._use_org(m.group(1).strip()) if m else None

    def speaker(self, s: Sentence) -> str | None:
        return self._speaker(s)

    def _speaker(self, s: Sentence) -> str | None:
        """Who says "I" or "we" in a quotation: the person the sentence names outside the
        quotation marks, after it closes ("…,” Councillor Tom Shale said")."""
        close = re.search(r"[”\"](?=[\s,.;:]|$)", s.text[1:])
        if close is None:
            return None
        after = [m for m in self._mentions_in(s) if m[0] > close.start()]
        return self._use_person(after[0][2]) if after else None

    def _use_group(self, det: str, noun: str) -> str:
        # "council members voted …" after "Rocky View County council": the members of a body
        # the article has named act as that body, not as a group of their own.
        body = next(
            (
                h.id
                for h in self.found.values()
                if h.kind == "organization" and det.lower() in h.name.lower().split()
            ),
            None,
        )
        if body is not None and noun.lower() in ("members", "lawmakers", "councillors"):
            self._last_org = body
            self._last_group = None
            return body
        if det.lower() in ("these", "those") and self._last_group is not None:
            return self._last_group
        which = det.lower()
        if (det.islower() or det[1:].islower()) and which not in _NOT_WHICH:
            # "school leaders", "county lawmakers", and at a sentence's start "Firefighter
            # leaders": which ones.
            noun = f"{which} {noun}"
        ident = slug(noun.lower())
        if ident not in self.found:
            self.found[ident] = Holder(ident, noun[:1].upper() + noun[1:], "group")
        self._last_group = ident
        return ident

    def possessor(self, s: Sentence, pos: int) -> str | None:
        """Whose is the noun at `pos`: "his last-minute switch" is the switch of the person the
        sentence (or the one before it) names; "their previous opposition" of the last body."""
        m = _POSSESSIVE.search(s.text[:pos])
        if m is None:
            return None
        word = m.group("word").lower()
        if word in ("his", "her"):
            mentions = [x for x in self._mentions_in(s) if x[1] <= m.start()]
            if mentions:
                return self._use_person(mentions[0][2])
            before = self._last_person_before(s)
            if before:
                return self._use_person(before)
            # "Ignoring his pledge …, Gov. Arnold Schwarzenegger signed …": named after.
            later = self._mentions_in(s)
            return self._use_person(later[0][2]) if later else None
        return self._last_group or self._last_org

    def country_of(self, text: str) -> str | None:
        """A country named in the text ("This shift in US foreign policy")."""
        for name in sorted(COUNTRY_NAMES, key=len, reverse=True):
            if re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text):
                return self._use_org(name)
        return None

    def country_for(self, person: str, exclude: str) -> str | None:
        """The country whose policy a person's office makes: the one named most often in the
        sentences that name them, leaving out a country the issue itself names."""
        counts: dict[str, int] = {}
        names = [m for m in self.people[person].mentions] if person in self.people else []
        for m in names:
            text = self._texts[m.paragraph]
            for name, country in COUNTRY_NAMES.items():
                if re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", exclude):
                    continue
                if re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text):
                    counts[country] = counts.get(country, 0) + 1
        if not counts:
            return None
        return self._use_org(max(counts, key=lambda c: counts[c]))
