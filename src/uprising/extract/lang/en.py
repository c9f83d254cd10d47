"""English language data for the claims, attribution and incident components.

Data only: the logic that uses it lives in the components. Each table maps a surface form
(lower case; a trailing "*" matches any ending) to what it means. Patterns are words, not
sentences, so they carry over to reports the project has never seen.
"""

from __future__ import annotations

from uprising.vocab import IncidentType, Measure, Subject

# --- what a number counts -------------------------------------------------------------------
# Nouns for the people a number counts, by subject. Plural and singular forms both appear
# ("one protester", "12 protesters").
SUBJECT_NOUNS: dict[Subject, tuple[str, ...]] = {
    Subject.PEOPLE: (
        "people", "persons", "person", "ppl", "individuals", "individual", "protesters",
        "protester", "protestors", "protestor", "demonstrators", "demonstrator", "citizens",
        "civilians", "civilian", "residents", "mourners", "mourner", "worshippers", "worshipper",
        "others", "men", "man", "guy", "guys", "marchers", "activists", "activist", "rioters",
        "rioter", "inmates", "workers",
        "worker", "teachers", "teacher", "lawyers", "lawyer", "doctors", "doctor", "artists",
        "artist", "athletes", "rappers", "musicians", "kurds", "baluch", "bystanders",
        "passers-by", "shopkeepers", "shopkeeper", "relatives", "villagers", "members",
        "adults", "victims", "terrorists", "youths", "youngsters", "dissidents", "cases",
        "truckers", "drivers", "nurses", "retirees", "pensioners", "farmers", "merchants",
        "bazaaris", "labourers", "laborers", "employees", "staff", "participants",
        "attendees", "crowd", "clerics",
    ),
    Subject.MINORS: (
        "children", "child", "minors", "minor", "kids", "kid", "teenagers", "teenager",
        "teens", "teen", "boys", "boy", "girls", "girl", "schoolchildren", "schoolgirls",
        "schoolgirl", "schoolboys", "schoolboy", "pupils", "pupil", "juveniles", "juvenile",
        "adolescents", "high school students", "high-school students", "school students",
        "students under 18", "under-18s",
    ),
    Subject.WOMEN: ("women", "woman", "females", "female"),
    Subject.SECURITY_FORCES: (
        "security forces", "security force", "members of the security forces",
        "security personnel", "security agents", "security officers", "police officers",
        "police officer", "policemen", "policeman", "police", "officers", "officer", "basij",
        "basij members", "basiji", "basijis", "guards", "revolutionary guards", "irgc members",
        "soldiers", "soldier", "troops", "agents", "his men", "border guards", "personnel",
    ),
    Subject.STUDENTS: (
        "students", "student", "university students", "university student",
        "college students", "undergraduates", "student activists",
    ),
    Subject.JOURNALISTS: (
        "journalists", "journalist", "reporters", "reporter", "photographers",
        "photojournalists", "media workers", "bloggers",
    ),
}

# Adjectives and modifiers that may stand between a number and its noun ("17 young
# protesters", "four other people"). Kept apart so a new one is one word here.
NOUN_MODIFIERS: tuple[str, ...] = (
    "young", "other", "more", "further", "additional", "unarmed", "innocent", "kurdish",
    "baluch", "baluchi", "iranian", "female", "male", "teenage", "local", "injured",
    "wounded", "detained", "jailed", "imprisoned", "arrested", "prominent", "well-known",
    "university", "of", "the", "them", "whom", "those", "were", "was", "old", "elderly",
    "ordinary", "peaceful", "alleged", "so-called", "armed", "new", "student", "women",
    "political", "civil", "labour", "labor", "teachers'", "kurdish-majority", "baha'i",
    "bahai", "sunni", "arab", "azeri", "lur", "canadian", "german", "iraqi", "foreign",
    "dual", "dual-national", "national", "nationals", "popular", "famous", "high-profile",
)

# Nouns that name the measure itself: "48 deaths", "dozens dead", "13,800 arrests".
MEASURE_NOUNS: dict[Measure, tuple[str, ...]] = {
    Measure.KILLED: (
        "deaths", "death", "dead", "fatalities", "fatality", "killings", "casualties",
        "bodies", "lives", "victims killed",
    ),
    Measure.INJURED: ("injuries", "injured", "wounded", "wounds"),
    Measure.ARRESTED: ("arrests", "arrest", "detentions", "detained", "people in custody",
                       "in custody"),
    Measure.SENTENCED_TO_DEATH: ("death sentences", "death sentence", "death penalties",
                                 "capital sentences"),
    Measure.EXECUTED: ("executions", "execution", "hangings"),
    Measure.MISSING: ("disappearances", "cases of enforced disappearance", "missing"),
    Measure.CHARGED: ("indictments", "indictment"),
    Measure.SENTENCED: ("prison sentences", "prison terms", "sentences"),
}

# Nouns for people by what was done to them: a cue near them says what is counted now
# ("14 detainees had been charged"), and without one they count that measure
# ("1,000 detainees have been transferred").
WEAK_MEASURE_NOUNS: dict[str, Measure] = {
    "detainees": Measure.ARRESTED, "detainee": Measure.ARRESTED,
    "prisoners": Measure.ARRESTED, "prisoner": Measure.ARRESTED,
    "political prisoners": Measure.ARRESTED,
}

# Nouns for events rather than people: the measure follows from the noun alone.
EVENT_NOUNS: dict[Measure, tuple[str, ...]] = {
    Measure.CITIES: ("cities", "city", "towns", "town", "localities", "cities and towns",
                     "villages"),
    Measure.PROVINCES: ("provinces", "province"),
    Measure.UNIVERSITIES: ("universities", "university", "campuses", "campus", "colleges"),
    Measure.PROTESTS: (
        "protests", "protest", "gatherings", "gathering", "demonstrations", "demonstration",
        "rallies", "rally", "protest actions", "protest events", "marches", "strikes",
        "sit-ins",
    ),
}

# Nouns that show a number counts something outside the contract ("nine weeks", "227 members
# of parliament", "three ambulances"): such numbers are not claims.
OTHER_NOUNS: tuple[str, ...] = (
    "days", "day", "weeks", "week", "months", "month", "years", "year", "hours", "hour",
    "minutes", "nights", "night", "times", "members of parliament", "mps", "lawmakers",
    "parliamentarians", "ambulances", "vehicles", "cars", "pages", "page", "percent",
    "per cent", "rounds", "bullets", "shots", "pellets", "schools", "shops", "stores",
    "banks", "buildings", "branches", "mosques", "seminaries", "police stations",
    "stations", "offices", "votes", "signatures", "signatories", "countries", "nations",
    "governments", "states", "embassies", "rials", "dollars", "tomans", "euros",
    "kilometres", "kilometers", "miles", "metres", "meters", "points", "articles",
    "posts", "videos", "images", "photos", "tweets", "accounts", "websites", "lines",
    "words", "letters", "questions", "episodes", "sessions", "hearings", "trials",
    "courts", "judges", "prosecutors", "ministers", "officials", "commanders", "generals",
    "clerics", "lawsuits", "cases", "files", "rulings", "verdicts", "charges", "counts",
    "laws", "bills", "items", "sites", "locations", "neighbourhoods", "neighborhoods",
    "districts", "villages", "bases", "camps", "missiles", "drones", "rockets", "shells",
    "tanks", "helicopters", "aircraft", "planes", "flights", "companies", "factories",
    "plants", "unions", "groups", "parties", "organisations", "organizations", "ngos",
    "agencies", "outlets", "newspapers", "channels", "decades", "centuries",
    "storeys", "floors", "am", "pm", "o'clock", "gb", "mb", "mbps", "kg", "tonnes",
    "sentences long", "lashes",
)

# "cases" is ambiguous: a count of cases of killing is a count of people. It is listed in
# OTHER_NOUNS and kept only where a measure cue sits right beside it.

# --- measure cues -----------------------------------------------------------------------------
# Verbs, participles and nouns that say what happened to the people counted. Longer phrases are
# matched first, so "sentenced to death" wins over "sentenced".
MEASURE_CUES: dict[Measure, tuple[str, ...]] = {
    Measure.KILLED: (
        "killed", "killing", "kill", "kills", "dead", "died", "die", "dying", "deaths",
        "death toll",
        "toll", "shot dead", "shot and killed", "gunned down", "murdered", "lost their lives",
        "lost his life", "lost her life", "fatalities", "fatally", "slain", "bodies",
        "number of dead", "number of deaths", "number of those killed", "beaten to death",
        "have died", "had died", "perished", "martyred", "killed in custody",
    ),
    Measure.INJURED: (
        "injured", "injuring", "injuries", "wounded", "wounding", "blinded", "hurt", "maimed",
        "hospitalised", "hospitalized", "bleeding", "taken to hospital", "taken to hospitals",
        "eye injuries", "lost an eye",
        "lost their eyes", "lost their sight", "number of injured", "treated for",
        "broken arm", "broken leg",
    ),
    Measure.ARRESTED: (
        "arrested", "arresting", "arrest", "arrests", "detained", "detaining", "detention",
        "detentions", "detainees", "imprisoned", "jailed", "held", "in custody",
        "taken into custody",
        "rounded up", "abducted", "seized", "picked up", "behind bars", "in prison",
        "incarcerated", "remain in custody", "still in custody", "taken away", "pardoned",
        "released", "freed", "released on bail",
    ),
    Measure.CHARGED: ("charged", "indicted", "indictments", "prosecuted", "facing charges",
                      "face charges", "charges against"),
    Measure.CAPITAL_CHARGES: (
        "charges that carry the death penalty", "charges carrying the death penalty",
        "face charges that carry the death penalty", "facing charges that carry the death penalty",
        "charged with moharebeh", "charged with corruption on earth",
        "capital charges", "capital offences", "capital offenses", "moharebeh",
        "corruption on earth", "efsad-e fel-arz", "baghi", "could face the death penalty",
        "risk the death penalty", "face the death penalty", "charges punishable by death",
    ),
    Measure.SENTENCED: (
        "sentenced to prison", "sentenced to", "prison sentences", "prison terms", "to prison",
        "jail terms", "sentenced", "lashes", "flogging", "given prison",
    ),
    Measure.SENTENCED_TO_DEATH: (
        "sentenced to death", "death sentences", "death sentence", "condemned to death",
        "sentenced both to death", "sentenced them to death", "handed death sentences",
        "given death sentences", "to death",
    ),
    Measure.EXECUTED: ("executed", "executions", "hanged", "put to death", "execution",
                       "hanging", "hangings"),
    Measure.MISSING: ("missing", "disappeared", "disappearance", "disappearances",
                      "whereabouts unknown", "unaccounted for"),
    Measure.PARTICIPANTS: (
        "marched", "march", "marching", "gathered", "gathering", "rallied", "rally",
        "turned out", "took to the streets", "attended", "joined", "chanted", "chanting",
        "filled the streets", "filled", "crowd", "crowds", "came out", "protested",
        "demonstrated", "took part", "turnout", "assembled", "mourned", "walked",
        "honking", "participants", "sit-in", "staged", "on the streets", "in the streets",
        "poured into the streets", "took part in", "formed a human chain",
        "walked out", "walkout", "boycotted",
    ),
}

# Words that open a breakdown of the figure before them ("including 43 children"): the number
# after one takes the measure of the figure it breaks down, unless its own cue says otherwise.
BREAKDOWN_MARKERS: tuple[str, ...] = (
    "including", "among them", "among whom", "of whom", "of them", "of those", "among those",
    "among the dead", "among the detainees", "among the victims", "among", "incl.",
)

# Words before a number that make it a label, not a count ("Article 286", "Branch 15").
NUMBER_LABELS: tuple[str, ...] = (
    "article", "articles", "branch", "no.", "no", "number", "page", "pages", "clause",
    "section", "paragraph", "chapter", "verse", "item", "resolution", "ward", "block", "room",
    "cell", "unit", "route", "flight", "bus", "line", "platform", "gate", "district", "region",
    "zone", "phase", "round", "stage", "session", "week", "day", "grade", "class", "level",
    "code", "law", "version", "volume", "issue", "episode", "channel", "plot", "plate",
)

# Phrases after a people noun that make its subject minors: "58 people under the age of 18".
MINOR_AGE_BANDS: tuple[str, ...] = (
    "under the age of 18", "under 18", "under the age of eighteen", "below the age of 18",
    "younger than 18", "aged under 18", "under age", "underage", "aged 17 or younger",
)

# "put the number at 200": a bare figure set by such a phrase counts what the sentence counts.
SET_FIGURE: tuple[str, ...] = (
    "put the number", "puts the number", "put the number at", "puts the number at",
    "put the figure at", "puts the figure at",
    "put the toll at", "puts the toll at", "put the total at", "placed the number at",
    "estimated the number at", "put it at", "put that figure at", "gave the number as",
    "gave a figure of", "put the count at", "estimated it at",
)

# Words before a bare number that make it a running total of a measure ("the toll rose to 326").
TOTAL_NOUNS: dict[Measure, tuple[str, ...]] = {
    Measure.KILLED: ("death toll", "toll", "number of dead", "number of deaths",
                     "number of those killed", "number of people killed", "dead"),
    Measure.INJURED: ("number of injured", "number of wounded", "number of those injured"),
    Measure.ARRESTED: ("number of arrests", "number of detainees", "number of those arrested",
                       "number of people arrested", "arrest toll"),
    Measure.EXECUTED: ("number of executions", "number of those executed"),
    Measure.PARTICIPANTS: ("crowd", "turnout", "number of participants"),
}

# --- attribution ------------------------------------------------------------------------------

# Extra aliases for the sources of shared/spec/sources.json, as reports write them. The id
# must exist in the registry; a test checks it.
EXTRA_SOURCE_ALIASES: dict[str, tuple[str, ...]] = {
    "hrana": ("Human Rights Activists News Agency", "HRANA's"),
    "ihr": ("Iran Human Rights group", "IHRNGO"),
    "hengaw": ("Hengaw Organization for Human Rights", "Hengaw Organisation for Human Rights",
               "Hengaw rights group"),
    "khrn": ("Kurdistan Human Rights Network",),
    "haalvsh": ("Haalvsh", "Baluch Activists Campaign"),
    "amnesty": ("Amnesty International",),
    "state-media": (
        "state television", "state-run television", "state TV", "state broadcaster",
        "state news agency", "official news agency", "IRNA news agency", "Tasnim news agency",
        "Fars news agency", "semi-official Fars", "semi-official Tasnim", "Mizan news agency",
        "the judiciary's Mizan", "state-affiliated media", "state outlets", "Press TV",
        "Iranian media", "Iranian state media", "state-run IRNA", "Kayhan",
    ),
    "iran-officials": (
        "the authorities", "Iranian authorities", "Iran's authorities", "officials",
        "official", "the government", "government spokesman", "interior minister",
        "the interior ministry", "provincial governor", "governor's office", "governor",
        "police chief", "police", "the police", "Revolutionary Guards", "IRGC commander",
        "Guards commander", "senior commander", "commander", "Tehran's prosecutor",
        "prosecutor-general", "prosecutor", "the judiciary", "judiciary spokesman",
        "judiciary chief", "a court", "Revolutionary Court", "security council",
        "Supreme National Security Council", "intelligence ministry", "the ministry",
        "lawmaker", "MP", "the foreign ministry", "Iran's foreign ministry", "ministry",
        "deputy", "spokesman", "spokeswoman", "Iranian officials", "judicial officials",
    ),
    "un": ("United Nations", "UN human rights chief", "UN rights office", "UN experts",
           "UN Special Rapporteur"),
    "cpj": ("Committee to Protect Journalists",),
}

# Phrases naming a source the registry cannot identify. They end a carried attribution
# ("according to rights groups" is the document's own unnamed source, not the last one named).
UNNAMED_SOURCES: tuple[str, ...] = (
    "rights groups", "rights group", "activists", "activist groups", "witnesses",
    "eyewitnesses", "residents", "relatives", "family members", "families", "sources",
    "a source", "local sources", "medical sources", "doctors", "hospital staff",
    "opposition groups",
    "social media", "videos", "footage", "campaigners", "monitors", "our correspondent",
    "correspondents", "organisers", "organizers", "lawyers",
)

# The cue words that make a source mention attribute a figure ("HRANA said", "according to
# Hengaw", "the group said", "citing state media") are in the patterns of `extract.sources`.

# --- dates of figures ---------------------------------------------------------------------------
# Cues that a figure is a running total, valid as of a date rather than tied to one day.
RUNNING_TOTAL_CUES: tuple[str, ...] = (
    "so far", "since", "in total", "toll", "to date", "as of", "overall", "altogether",
    "cumulative", "have been", "has been", "had been", "stood at", "rose to", "risen to",
    "reached", "climbed to", "tally", "now",
)

# Speech verbs whose own date is when the statement was made, not when the events happened.
SPEECH_VERBS: tuple[str, ...] = (
    "said", "says", "reported", "announced", "stated", "told", "wrote", "added", "published",
    "released", "issued", "confirmed", "claimed",
)

# Words that scope a figure to the whole country.
NATIONWIDE_CUES: tuple[str, ...] = (
    "nationwide", "across iran", "across the country", "throughout iran",
    "throughout the country", "all over iran", "around the country", "in iran",
    "of iran's", "of the country's", "iran's", "national",
)

# --- incidents ------------------------------------------------------------------------------------
# Cue words per incident type. The rules that tell types apart:
# - a riot is a protest with violence by the crowd (arson, barricades, attacks on buildings or
#   forces); chanting, marching and gathering alone are a protest;
# - a crackdown is force used against protesters (shooting, tear gas, beatings, raids); a killing
#   is a death reported on its own, outside a crackdown's count.
INCIDENT_CUES: dict[IncidentType, tuple[str, ...]] = {
    IncidentType.PROTEST: (
        "protest", "protests", "protested", "protesting", "demonstration",
        "demonstrations", "rally", "rallies", "rallied", "marched", "march",
        "marches", "gathered", "gathering", "gatherings", "chanted", "chanting", "chants",
        "took to the streets", "vigil", "sit-in", "sit-ins", "walkout", "walked out",
        "honking", "slogans", "burned their headscarves", "came out", "turned out",
        "took off their scarves", "staged",
    ),
    IncidentType.RIOT: (
        "set fire", "set on fire", "torched", "burned down", "burnt", "arson", "barricade",
        "barricades", "stormed", "attacked a police", "attacked the police", "ransacked",
        "riot", "riots", "rioting", "rioters", "threw stones", "petrol bombs",
        "molotov", "vandalised", "vandalized", "clashed", "clashes",
    ),
    IncidentType.CRACKDOWN: (
        "opened fire", "fired on", "fired at", "shot at", "tear gas", "teargas", "live fire",
        "live ammunition", "birdshot", "pellets", "beat", "beaten", "beating", "batons",
        "raided", "raid", "stormed", "crackdown", "cracked down", "water cannon",
        "paintball", "rubber bullets", "charged into", "dispersed", "attacked protesters",
        "attacked the crowd", "fired tear gas", "shooting", "gunfire", "violently",
        "clubbed", "surrounded",
    ),
    IncidentType.KILLING: (
        "killed", "shot dead", "died", "killing", "murdered", "beaten to death", "slain",
        "dead",
    ),
    IncidentType.ARREST: (
        "arrested", "detained", "arrests", "detentions", "taken into custody", "rounded up",
        "abducted", "seized",
    ),
    IncidentType.STRIKE: (
        "strike", "strikes", "striking", "walked off the job", "stayed shut", "were shut",
        "closed their shops", "shut their shops", "shutters down", "kept their shutters",
        "shops were closed", "shops and businesses were closed", "bazaar closed",
        "bazaars closed", "stopped work", "work stoppage", "general strike", "shut most shops",
        "closed shops", "shops closed", "laid down tools",
    ),
    IncidentType.SENTENCE: (
        "sentenced", "sentence", "sentences", "condemned", "handed down", "verdict",
    ),
    IncidentType.EXECUTION: ("executed", "hanged", "execution", "executions", "put to death"),
    IncidentType.MILITARY_ATTACK: (
        "missiles", "missile", "drones", "drone strikes", "shelled", "shelling", "artillery",
        "armoured vehicles", "armored vehicles", "heavy weapons", "machine guns",
        "military assault", "struck bases", "struck the bases", "airstrikes", "air strikes",
        "bombarded", "helicopters", "armoured columns", "armored columns", "troops into",
    ),
}

# --- persons ------------------------------------------------------------------------------------
# Fate cues for named people: verbs and nouns, longest first where they overlap.
FATE_CUES: dict[str, tuple[str, ...]] = {
    "killed": ("killed", "killing", "shot dead", "died", "dead", "murdered", "beaten to death",
               "slain", "lost his life", "lost her life", "death of", "body"),
    "injured": ("injured", "wounded", "blinded", "hurt", "lost an eye", "shot in the", "shot",
                "struck in the", "struck by", "hit in the", "hit by"),
    "arrested": ("arrested", "detained", "in custody", "jailed", "imprisoned", "held in",
                 "taken into custody", "abducted", "arrest of", "detention of",
                 "taken from his home", "taken from her home", "taken from his house",
                 "taken from her house", "dragged away", "taken away"),
    "tortured": ("tortured", "torture", "ill-treated", "beaten in custody",
                 "beaten during interrogation", "beaten during interrogations",
                 "beaten in detention", "beaten while in custody", "electric shocks",
                 "mock execution", "mock executions", "hung him from", "hung her from",
                 "forced confession", "forced to confess"),
    "hunger_strike": ("hunger strike", "refused food", "refusing food"),
    "sentenced": ("sentenced to prison", "years in prison", "prison sentence", "lashes",
                  "sentenced to", "sentenced", "jail term", "prison term"),
    "sentenced_to_death": ("sentenced to death", "death sentence", "condemned to death",
                           "on death row"),
    "executed": ("executed", "hanged", "execution of"),
    "released": ("released", "freed", "released on bail"),
    "missing": ("missing", "disappeared", "whereabouts"),
}

# Capitalised words that start sentences or name things, never people.
NOT_NAME_WORDS: frozenset[str] = frozenset({
    "The", "A", "An", "In", "On", "At", "Of", "And", "But", "Or", "For", "By", "From", "To",
    "With", "Security", "Forces", "Police", "Revolutionary", "Guards", "Court", "Judiciary",
    "State", "Media", "Human", "Rights", "Network", "Agency", "Organization", "Organisation",
    "Amnesty", "International", "Iran", "Iranian", "Islamic", "Republic", "Supreme", "Leader",
    "University", "Province", "City", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Woman", "Life", "Freedom",
    "Week", "Day", "Profile", "Update", "Report", "Reuters", "Kurdish", "Baluch", "He", "She",
    "His", "Her", "They", "Their", "It", "Its", "This", "That", "These", "Those", "After",
    "Before", "During", "Since", "Mr", "Mrs", "Ms", "Dr", "Sheikh", "Ayatollah", "Prison",
    "Evin", "Qarchak", "Hospital", "Square", "Street", "Bazaar", "Mosque", "Cemetery",
    "Among", "Two", "Three", "Four", "Five", "Relatives", "Family", "Witnesses", "Activists",
    "According", "Separately", "Meanwhile", "Also", "Hengaw", "HRANA", "Haalvsh", "Tehran",
    "Minister", "Ministry", "Interior", "Council", "National", "General", "Prosecutor",
    "Branch", "Judge", "Sharif", "Technology", "Engineering", "Medical", "School", "Students",
    "Association", "Union", "Party", "Democratic", "Komala", "PJAK", "KDPI", "Iraq", "Iraqi",
    "Kurdistan", "Region", "Erbil", "Berlin", "Toronto", "Canada", "Germany", "Europe",
    "United", "Nations", "Special", "Rapporteur", "Twitter", "Instagram",
    "Telegram", "Internet", "Prayers", "Persian", "English", "Azeri", "Arab",
})

# Occupations and titles written before a name ("Shopkeeper Aso ...", "rapper ..."): part of
# the description, not of the name.
PERSON_TITLES: frozenset[str] = frozenset({
    "shopkeeper", "rapper", "student", "teacher", "doctor", "nurse", "journalist", "reporter",
    "activist", "lawyer", "actress", "actor", "singer", "footballer", "athlete", "worker",
    "protester", "mother", "father", "cleric", "photographer", "blogger", "poet", "writer",
    "filmmaker", "director", "engineer", "boxer", "wrestler", "bodybuilder", "coach", "artist",
    "musician", "dissident", "defendant", "detainee", "prisoner", "teenager", "schoolgirl",
    "schoolboy", "farmer", "driver", "labourer", "mr", "mrs", "ms", "dr", "miss", "sister",
    "brother", "uncle", "aunt", "cousin", "son", "daughter", "husband", "wife",
})

# Last words that make a capitalised run an organisation or an outlet, not a person.
ORGANISATION_WORDS: frozenset[str] = frozenset({
    "Wire", "News", "Times", "Post", "Press", "Daily", "Media", "Radio", "TV", "Agency",
    "Network", "Union", "Unions", "Council", "Association", "Committee", "Campaign",
    "Organization", "Organisation", "Group", "Party", "Front", "Institute", "Centre",
    "Center", "Foundation", "Society", "Federation", "Ministry", "Court", "University",
    "College", "School", "Hospital", "Prison", "Square", "Street", "Road", "Mosque",
    "Company", "Corps", "Forces", "Guards", "Police", "Brigade", "Watch", "International",
    "Notes", "Monitor", "Bulletin", "Journal", "Review", "Herald", "Tribune", "Observer",
})

FEMALE_WORDS: tuple[str, ...] = ("she", "her", "woman", "girl", "mother", "daughter", "wife",
                                 "sister", "schoolgirl", "female", "actress", "grandmother")
MALE_WORDS: tuple[str, ...] = ("he", "his", "him", "man", "boy", "father", "son", "husband",
                               "brother", "schoolboy", "male", "actor", "grandfather")

# Words before a measure cue that say it has not happened (yet): "at risk of execution".
UNREALISED_CUES: tuple[str, ...] = (
    "at risk of", "risk of", "could face", "may face", "might face", "faces possible",
    "threatened with", "fear of", "fears of", "feared", "in danger of", "to prevent",
    "avoid", "escaped", "narrowly avoided",
)

# Phrases in a figure's own clause that make it a count for the whole country, or for a region
# spanning several provinces: "since September", "in connection with the protests".
NATIONAL_SCOPE_CUES: tuple[str, ...] = (
    "nationwide", "across the country", "across iran", "throughout the country",
    "since the protests began", "since the start of the protests", "since the unrest began",
    "since the uprising began", "since mid-september", "since september",
    "in connection with the protests", "in connection with the unrest", "over the protests",
    "in the unrest", "during the unrest", "in the protests", "since the protests",
    "kurdish areas", "kurdish regions", "kurdish-populated areas", "kurdish cities",
    "kurdish towns", "across the kurdish regions", "baluch areas", "several provinces",
    "across the provinces", "in all provinces", "dozens of cities",
)

# Cues that make a figure a running total even where a day is named in its sentence: its date
# is the as-of date ("the toll stood at 326 as of 12 November").
STRONG_RUNNING_TOTAL_CUES: tuple[str, ...] = (
    "toll", "so far", "in total", "to date", "overall", "altogether", "cumulative", "tally",
    "stood at", "stands at", "rose to", "risen to", "has risen", "have risen", "climbed to",
    "since the protests began", "since the start", "since september", "since mid-september",
)

# Present-tense tallies: a sourced figure with one of these and no place of its own is national.
PRESENT_TOTAL_CUES: tuple[str, ...] = (
    "have been", "has been", "now", "so far", "to date", "in total", "stands at", "stood at",
)

# Words that point back to a place already named: a figure with one of them is local.
LOCAL_REFERENCES: tuple[str, ...] = (
    "there", "the town", "the city", "the province", "the village", "the campus",
    "the university", "the prison", "the region", "the district", "the area", "locally",
    "the same city", "the same town", "the same province",
)

# Who uses force: a death these cause is a crackdown, not a killing on its own.
SECURITY_FORCE_ACTORS: tuple[str, ...] = (
    "security forces", "police", "riot police", "revolutionary guards", "guards", "irgc",
    "basij", "plainclothes", "plainclothes agents", "special forces", "special unit",
    "soldiers", "troops", "snipers", "agents", "forces",
)

# Words around an incident cue that make it no event: "riot police", "what it called riots",
# "since the protests began", "in connection with the protests".
NOT_AN_EVENT_AFTER: tuple[str, ...] = ("police", "squad", "squads", "gear", "units", "unit")
NOT_AN_EVENT_BEFORE: tuple[str, ...] = (
    "called", "calls", "described as", "so-called", "since the", "in connection with the",
    "over the", "during the", "related to the", "linked to the", "of the", "sparked the",
    "began the", "after the", "before the", "against the", "to the", "in the",
)
