"""Word lists the rules lean on: speech verbs, titles, nationalities and capitalised non-names."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The days of the week, as a regex alternation: a time mark ("voted Tuesday"), never a name.
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"

SPEECH_VERBS = _words(
    """said says say stated states added adds told tells asked asks argued argues insisted
    insists warned warns noted notes declared declares explained explains wrote writes
    tweeted posted replied replies responded responds remarked remarks continued continues
    claimed claims conceded concedes acknowledged acknowledges observed observes announced
    announces emphasised emphasized emphasises emphasizes stressed stresses urged urges
    quipped joked countered counters recalled recalls admitted admits predicted predicts
    vowed vows pledged promised promises suggested suggests cautioned complained complains
    concluded concludes repeated repeats reiterated reiterates confirmed confirms denied
    denies maintained maintains wondered wonders mused shouted replied retorted"""
)
# The head word of a role; the first list also answers to "the leader".
LEADER_TITLES = _words(
    """president prime minister chancellor premier king queen emperor pm taoiseach"""
)
TITLE_WORDS = LEADER_TITLES | _words(
    """minister secretary spokesman spokeswoman spokesperson leader ambassador senator governor
    mayor general envoy chief head pope commissioner representative adviser advisor director
    chair chairman chairwoman official diplomat negotiator mp congressman congresswoman
    speaker lawmaker foreign defence defense finance interior deputy vice former acting then
    secretary-general commander admiral colonel captain judge justice attorney prosecutor
    sheikh prince princess crown foreign-policy policy councilman councilwoman councillor councilor
    councilmember advocate gov sen rep"""
)
# Words that may stand in a role before a name without being a title themselves.
PORTFOLIOS = _words(
    """agriculture economy energy health justice trade culture education environment transport
    digital labour labor home treasury security national economic climate"""
)
ROLE_FILLERS = PORTFOLIOS | _words(
    """of the for and state affairs house foreign policy top senior opposition majority
    minority party public city"""
)
HEAD_TITLES = TITLE_WORDS - _words(
    """foreign defence defense finance interior deputy vice former acting then crown policy
    foreign-policy"""
)
SPOKES = _words("""spokesman spokeswoman spokesperson""")
# Unnamed sources quoted in their own right.
SOURCES = SPOKES | _words("official diplomat aide")
# People a report describes instead of naming ("one customer", "a longtime resident"), quoted
# in their own right as unnamed sources are.
DESCRIBED = _words(
    """resident customer shopper parent student teacher worker employee witness neighbour
    neighbor passenger voter fan activist protester protestor nurse doctor driver owner patient
    mother father reader viewer caller attendee participant analyst expert source insider
    organizer organiser volunteer farmer tenant landlord commuter"""
)
NATIONALITIES = _words(
    """american british french german russian ukrainian chinese italian spanish polish dutch
    belgian swedish finnish danish norwegian irish canadian australian japanese korean
    indian turkish israeli palestinian iranian saudi egyptian hungarian czech slovak
    romanian bulgarian greek portuguese austrian swiss estonian latvian lithuanian
    belarusian georgian moldovan syrian iraqi afghan pakistani brazilian mexican argentine
    us u.s. uk eu european nato un"""
)
ORG_WORDS = _words(
    """united states nations kingdom union european nato eu un us uk u.s. white house kremlin
    downing street elysee élysée pentagon congress senate parliament ministry office
    department council commission government administration state foreign defence defense
    washington moscow kyiv kiev london paris berlin brussels beijing europe ukraine russia
    america china france germany britain poland"""
)
# Last words of a company's or body's name, never of a person's: "Fox Sports", "Northwind
# Foods", "Tennis Australia" is left to the body rules of the speakers.
BODY_TAILS = _words(
    """sports foods mills media group motors airlines airways bank banks systems entertainment
    network networks partners holdings capital energy health pharmaceuticals labs laboratories
    technologies studios records games communications telecom insurance brands stores
    industries enterprises solutions services association federation league club trust
    foundation institute university college council committee commission corporation company
    board tape"""
)
# Nouns that describe a person in an apposition ("Roy Cooper, a Democrat and McCrory's
# opponent"): a sign that the name before them is a person's.
PERSON_NOUNS = _words(
    """democrat republican opponent member student resident parent professor candidate
    activist lawyer attorney executive director founder developer analyst expert economist
    researcher teacher doctor nurse officer worker player coach owner manager spokesman
    spokeswoman spokesperson chairman chairwoman"""
)
PRONOUNS = _words("""he she they""")
# "Rep." and "Sen." are written before a name as "Mr." is (US news: "Rep. Jason Sheppard").
# "Coun." is a councillor's (Canadian news: "Coun. Kevin Hanson").
HONORIFICS = _words(
    """mr mr. mrs mrs. ms ms. dr dr. sir dame rep rep. sen sen. gov gov. coun coun."""
)
# Capitalised words that begin sentences or name things, never people.
NOT_NAMES = (
    (
        _words(
            """the a an in on at by for from with of to and but or if when while after before
    however instead similarly meanwhile still yet also then there this that these those it its his
    her their our we i you he she they speaking asked according during despite although
    others critics supporters opponents officials
    though since as so not no yes both all some many most several other another monday
    tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december minister president prime chancellor
    secretary spokesman spokeswoman spokesperson foreign defence defense former state house
    street nations kingdom union states republic federation council commission ministry
    office agency party news times post press reuters associated tags mr mrs ms dr sir dame
    rep sen gov coun
    north south east west new
    one two three four five six seven eight nine ten dozens hundreds thousands"""
        )
        | NATIONALITIES
        | ORG_WORDS
        | ROLE_FILLERS
    )
    | PORTFOLIOS
    | TITLE_WORDS
)
