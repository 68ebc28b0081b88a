"""Phrase pools for generated pages: titles, sentences, questions and names.

Templates use ``{subject}`` (a noun phrase about the page's main topic), ``{Subject}`` (the same,
capitalised), ``{actor}`` (who decides), ``{region}`` and ``{year}``.
"""

from __future__ import annotations

#: Noun phrases per topic slug; the generator picks one as a page's subject.
SUBJECTS: dict[str, list[str]] = {
    "grand-strategy": [
        "America’s grand strategy",
        "the strategy of primacy",
        "the case for restraint",
        "U.S. global commitments",
        "the national defense strategy",
        "the defense budget",
        "America’s overseas bases",
        "the postwar order",
        "the next national security strategy",
    ],
    "western-hemisphere": [
        "security in the Western Hemisphere",
        "U.S. policy toward Latin America",
        "migration from Central America",
        "the drug war in the Americas",
    ],
    "americas": [
        "the U.S.-Mexico relationship",
        "cartel violence in Mexico",
        "the fentanyl trade",
        "U.S. policy toward Venezuela",
        "security cooperation with Colombia",
        "the Panama Canal",
        "border security",
    ],
    "middle-east": [
        "the U.S. military presence in the Middle East",
        "U.S. policy in the Gulf",
        "arms sales to the Gulf states",
        "the troops in Iraq",
        "shipping in the Red Sea",
        "the Houthi campaign against shipping",
        "U.S. security guarantees to Saudi Arabia",
    ],
    "israel-iran": [
        "the Israel-Iran conflict",
        "escalation between Israel and Iran",
        "U.S. involvement in Israel’s wars",
        "the risk of a regional war",
    ],
    "iran": [
        "Iran’s nuclear program",
        "nuclear diplomacy with Iran",
        "sanctions on Iran",
        "Iran’s proxy network",
        "the Strait of Hormuz",
    ],
    "syria": [
        "the U.S. troops in Syria",
        "post-Assad Syria",
        "the campaign against ISIS in Syria",
        "sanctions on Syria",
    ],
    "russia": [
        "relations with Russia",
        "Russia’s nuclear arsenal",
        "sanctions on Russia",
        "arms control with Moscow",
        "Russia’s military after Ukraine",
    ],
    "ukraine-russia": [
        "the war in Ukraine",
        "peace talks between Russia and Ukraine",
        "military aid to Ukraine",
        "a ceasefire in Ukraine",
        "Ukraine’s security after the war",
    ],
    "china": [
        "competition with China",
        "the defense of Taiwan",
        "the military balance in the Western Pacific",
        "trade with China",
        "the South China Sea",
        "China’s nuclear buildup",
        "export controls on China",
        "U.S.-China crisis communication",
    ],
    "alliances": [
        "America’s alliances",
        "burden-sharing with allies",
        "U.S. security guarantees",
        "the alliance with Japan",
        "the alliance with South Korea",
        "the AUKUS pact",
    ],
    "nato": [
        "NATO’s future",
        "European defense spending",
        "NATO enlargement",
        "the U.S. troop presence in Europe",
        "burden-shifting in NATO",
        "NATO’s eastern flank",
    ],
    "balance-of-power": [
        "the balance of power in Asia",
        "the balance of power in Europe",
        "multipolarity",
        "regional balances of power",
        "the rise of middle powers",
    ],
    "great-power-competition": [
        "great power competition",
        "the rivalry with China and Russia",
        "the competition for influence in the Global South",
        "the new arms race",
    ],
    "diplomacy": [
        "American diplomacy",
        "the State Department’s budget",
        "negotiations with adversaries",
        "arms control",
        "summit diplomacy",
        "sanctions policy",
    ],
    "military-analysis": [
        "military readiness",
        "the shipbuilding crisis",
        "munitions stockpiles",
        "the Army’s force structure",
        "the Pentagon’s procurement system",
        "the war powers of Congress",
        "military recruiting",
    ],
    "basing-and-force-posture": [
        "U.S. force posture",
        "America’s overseas bases",
        "forward-deployed forces",
        "the base network in the Gulf",
        "rotational deployments in Europe",
    ],
    "counterterrorism": [
        "the counterterrorism mission",
        "drone strikes",
        "the 2001 war authorization",
        "counterterrorism in Africa",
        "the threat from ISIS",
    ],
}

ACTORS = [
    "Washington",
    "the administration",
    "Congress",
    "the Pentagon",
    "the White House",
    "the State Department",
    "the national security establishment",
]

REGIONS = {
    "grand-strategy": "the world",
    "western-hemisphere": "the Americas",
    "americas": "the Americas",
    "middle-east": "the Middle East",
    "israel-iran": "the Middle East",
    "iran": "the Gulf",
    "syria": "the Levant",
    "russia": "Europe",
    "ukraine-russia": "Eastern Europe",
    "china": "East Asia",
    "alliances": "Europe and Asia",
    "nato": "Europe",
    "balance-of-power": "Eurasia",
    "great-power-competition": "Eurasia",
    "diplomacy": "the world",
    "military-analysis": "every theater",
    "basing-and-force-posture": "the world",
    "counterterrorism": "the Middle East and Africa",
}

TITLES = [
    "Rethinking {subject}",
    "The case for rethinking {subject}",
    "What {actor} gets wrong about {subject}",
    "Why {subject} demands restraint",
    "{Subject}: time for a reality check",
    "{Subject} and the limits of American power",
    "A realist approach to {subject}",
    "The hidden costs of {subject}",
    "{Subject} needs a strategy, not a slogan",
    "How to get {subject} right",
    "The wrong lessons from {subject}",
    "{Subject} after {year}",
    "Five myths about {subject}",
    "{Subject}: worth the risk?",
    "Washington’s blind spot on {subject}",
    "Getting serious about {subject}",
    "The realist case on {subject}",
    "Time to rethink {subject}",
    "Why {actor} should tread carefully on {subject}",
    "Restraint and {subject}",
    "{Subject}: what a prudent policy looks like",
    "The overlooked risks of {subject}",
    "Lessons for {subject} from {year}",
    "{Subject} deserves a real debate",
    "What comes next for {subject}",
    "The quiet failure of {subject}",
    "{Subject} as a test of priorities",
    "Don’t double down on {subject}",
    "A smarter path on {subject}",
    "The false choice on {subject}",
]
EVENT_TITLES = [
    "{Subject}: a debate",
    "Panel: {subject} and American interests",
    "Book talk: rethinking {subject}",
    "Briefing: what’s next for {subject}",
    "Restraint roundtable: {subject}",
    "{Subject} in a multipolar world",
    "Expert panel on {subject}",
]
QA_TITLES = [
    "Q&A: {subject}, explained",
    "Q&A: What’s at stake in {subject}",
    "Q&A: Five questions on {subject}",
    "Q&A: Making sense of {subject}",
]
EXPLAINER_TITLES = [
    "Understanding {subject}",
    "{Subject}: a primer",
    "{Subject}, explained",
    "A short guide to {subject}",
    "{Subject}: the basics",
    "Everything you need to know about {subject}",
]
PRESS_TITLES = [
    "Defense Priorities experts available to discuss {subject}",
    "New analysis on {subject} released",
    "Statement on {subject}",
    "Defense Priorities hosts briefing on {subject}",
]
MENTION_TITLES = [
    "Experts divided over {subject}",
    "Is America overcommitted? Experts weigh in on {subject}",
    "{Actor} faces pressure over {subject}",
    "Analysts warn of escalation risks in {subject}",
    "What {subject} means for U.S. security",
    "Analysts question {actor}’s approach to {subject}",
    "The debate over {subject} heats up",
    "{Subject} under scrutiny",
    "Inside the fight over {subject}",
]

DEKS = [
    "Washington should match its commitments to its interests.",
    "The evidence points toward a more restrained approach.",
    "A clear-eyed look at costs, risks and alternatives.",
    "Why prudence, not ambition, should guide U.S. policy.",
    "The choices ahead, and the case for a narrower course.",
    "Allies can do more. America should let them.",
    "Good strategy starts with setting priorities.",
]

OPENERS = [
    "Few questions in American foreign policy are as consequential as {subject}.",
    "The debate over {subject} has intensified in recent months.",
    "For years, {actor} has treated {subject} as a settled matter.",
    "{Subject} is back at the center of the national security debate.",
    "Policymakers rarely pause to ask what {subject} actually costs.",
    "It has become conventional wisdom in Washington that {subject} requires more American "
    "involvement, not less.",
    "Every few years, {subject} produces a new round of urgent calls for action.",
    "Since {year}, {subject} has been shaped more by habit than by strategy.",
]
#: Short runs of sentences that read well together; paragraphs are built from two or three.
ARGUMENTS: list[tuple[str, ...]] = [
    (
        "The United States remains unusually secure, protected by two oceans, friendly "
        "neighbors and a survivable nuclear deterrent.",
        "That security gives {actor} the luxury of choosing its commitments carefully.",
    ),
    (
        "Yet the instinct in Washington is to treat every problem in {region} as an American "
        "problem.",
        "The costs of that instinct are rarely counted in full.",
        "They include not only money but readiness, attention and the risk of escalation.",
    ),
    (
        "Local states have far more at stake in {region} than the United States does, and they "
        "increasingly have the means to act.",
        "When Washington takes responsibility for their security, it weakens their incentive "
        "to provide for it themselves.",
    ),
    (
        "The record of the past two decades offers little reason for confidence in military "
        "solutions to political problems.",
        "Interventions launched with modest aims have a way of growing into open-ended "
        "commitments.",
    ),
    (
        "None of this means the United States should disengage from {region}.",
        "Diplomacy, trade and intelligence cooperation remain powerful tools, and they are far "
        "cheaper than permanent deployments.",
    ),
    (
        "A sound policy on {subject} would begin by defining what the United States actually "
        "needs.",
        "It would then ask which of those needs require American forces and which do not.",
        "Too often, that second question is never asked.",
    ),
    (
        "The defense budget reflects this failure to choose.",
        "Forces sized for every contingency end up ready for none of them.",
    ),
    (
        "Allies have noticed, and many have quietly concluded that American protection is "
        "guaranteed regardless of what they spend.",
        "Adversaries have noticed too, and they have learned to exploit American overextension.",
    ),
    (
        "Deterrence depends on credibility, and credibility depends on commitments that are "
        "believable.",
        "A promise to defend everything everywhere is not believable.",
    ),
    (
        "Officials argue that any change of course on {subject} would be read as weakness.",
        "History suggests otherwise: states that husband their power tend to keep it.",
    ),
    (
        "Public support for open-ended commitments has eroded across the political spectrum.",
        "Voters are right to ask what these commitments have delivered.",
        "The answer, when it comes to {subject}, is less than advocates claim.",
    ),
    (
        "Congress, for its part, has largely abdicated its constitutional role.",
        "Some of the most important decisions about {subject} are made with little public debate.",
        "That makes it all the more important to examine the assumptions behind them.",
    ),
    (
        "The first assumption is that American presence produces stability.",
        "In practice, presence can just as easily produce dependence, resentment or rivalry.",
    ),
    (
        "The second assumption is that withdrawal invites disaster.",
        "Yet many of the disasters of recent decades followed intervention, not restraint.",
    ),
    (
        "There are real risks in {region}, and they deserve a serious response.",
        "A serious response, however, is not the same as a military one.",
        "The tools of statecraft are broader than the tools of war.",
    ),
    (
        "Economic leverage often works best when it is paired with a clear offer.",
        "Sanctions without an exit ramp tend to harden the positions they were meant to change.",
    ),
    (
        "Negotiations with adversaries are not a reward; they are a means of managing risk.",
        "The alternative is a cycle of escalation that serves no one’s interests.",
    ),
    (
        "Planners should also consider how rivals will respond to each American move.",
        "Actions that look defensive in Washington often look threatening elsewhere.",
        "Prudence means weighing that dynamic before acting, not after.",
    ),
    (
        "Since {year}, the costs of {subject} have grown faster than the benefits.",
        "Each new commitment has been justified on its own terms, but few have been weighed "
        "against the others.",
    ),
    (
        "Advocates of the status quo point to the stability of recent years.",
        "But stability bought with permanent American exposure is not the same as security.",
    ),
    (
        "The military itself has warned that it is stretched too thin.",
        "Readiness problems in the Navy and Air Force are symptoms of missions that have "
        "multiplied faster than forces.",
    ),
    (
        "A better approach to {subject} would set priorities and accept trade-offs.",
        "It would ask partners in {region} to lead, with the United States in support.",
        "And it would keep the use of force for the rare cases where vital interests are at stake.",
    ),
]
CLOSERS = [
    "The choice is not between leadership and retreat, but between strategy and drift.",
    "Restraint is not isolation; it is the discipline to spend American power wisely.",
    "The sooner {actor} recognizes this, the better.",
    "A narrower, steadier course would leave the United States safer and stronger.",
    "That is a policy Americans could support for the long term.",
    "Getting {subject} right will take patience, but the alternative is worse.",
]
RECOMMENDATIONS = [
    "{actor} should set clear priorities and fund them, rather than fund everything.",
    "Allies in {region} should be given a timetable for assuming responsibility for their "
    "own defense.",
    "Congress should reassert its authority over decisions to use force.",
    "The United States should open direct channels with rivals to manage crises.",
    "Forward deployments that serve no clear purpose should be brought home.",
    "Security assistance should be conditioned on clear and achievable goals.",
    "Washington should pursue arms control wherever verification is possible.",
    "Economic tools should be used with clear offers attached, not as ends in themselves.",
]
#: Section headings in a sensible order; the last two close every sectioned body.
HEADINGS = [
    "Background",
    "The problem",
    "What is at stake",
    "What the evidence shows",
    "The view from {region}",
    "The costs of the status quo",
    "Alternatives",
    "Risks and how to manage them",
    "Recommendations",
    "Conclusion",
]
KEY_POINTS = [
    "The stakes of {subject} for U.S. security are smaller than Washington assumes.",
    "The current approach carries costs that are rarely acknowledged.",
    "Regional partners have the means to take on more responsibility.",
    "Diplomacy offers cheaper and more durable results than military pressure.",
    "Congress should play a larger role in decisions about {subject}.",
    "A phased adjustment would reduce risk while preserving core interests.",
    "Open-ended commitments invite escalation and erode readiness.",
]
QUESTIONS = [
    "What is at stake in {subject}?",
    "How did we get here?",
    "What is {actor} getting wrong?",
    "What would a better policy look like?",
    "What are the risks of changing course?",
    "How are allies responding?",
    "What should Congress do?",
    "What happens next?",
]
QUOTE_PREFIXES = ["", "Frankly, ", "In the end, ", "Put simply, ", "The bottom line is that "]
QUOTES = [
    "the United States has more options than the current debate suggests.",
    "we keep asking the military to solve problems that are fundamentally political.",
    "allies will do more when they believe Washington means it.",
    "there is no military solution here, only better and worse political ones.",
    "this commitment has outlived the reasons it was made.",
    "restraint is the prudent course, not the passive one.",
]
MENTION_LEADS = [
    "{Expert} spoke with {outlet} about {subject}.",
    "In an interview with {outlet}, {expert} discussed {subject}.",
    "{Outlet} quoted {expert} on {subject}.",
    "{Expert} joined {outlet} to discuss {subject}.",
]
PRESS_LEADS = [
    "Defense Priorities today released new analysis on {subject}.",
    "Defense Priorities experts are available to discuss {subject}.",
    "Defense Priorities issued the following statement on {subject}.",
]
EVENT_LEADS = [
    "Join Defense Priorities for a discussion of {subject}.",
    "Our experts examine {subject} and what it means for American interests.",
    "This event brings together scholars and practitioners to debate {subject}.",
]
AGENDA = [
    ("Welcome and introductions", ""),
    ("Keynote remarks", ""),
    ("Panel discussion", ""),
    ("Moderated conversation", ""),
    ("Audience questions", ""),
    ("Closing remarks", ""),
]

FIRST_NAMES = [
    "Alex",
    "Maria",
    "James",
    "Priya",
    "Daniel",
    "Sarah",
    "Michael",
    "Aisha",
    "Robert",
    "Laura",
    "David",
    "Mei",
    "Thomas",
    "Olga",
    "Carlos",
    "Hannah",
    "Kenji",
    "Fatima",
    "Peter",
    "Grace",
]
LAST_NAMES = [
    "Anderson",
    "Brennan",
    "Chen",
    "Dominguez",
    "Ellis",
    "Fischer",
    "Gupta",
    "Hoffman",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Morales",
    "Novak",
    "O’Neill",
    "Petrov",
    "Quinn",
    "Rahman",
    "Sato",
    "Turner",
    "Usman",
    "Varga",
    "Whitfield",
    "Young",
]
GUEST_TITLES = [
    "Former U.S. Ambassador",
    "Professor of International Relations",
    "Retired Army Colonel",
    "Former Pentagon Official",
    "Visiting Scholar",
    "Senior Correspondent",
    "Former Congressional Staffer",
    "Author",
]
CITIES = [
    (
        "America/New_York",
        "Defense Priorities Conference Center",
        "1000 Example Avenue NW\nWashington, DC 20001",
    ),
    ("America/New_York", "Midtown Policy Forum", "45 Example Street\nNew York, NY 10036"),
    ("America/Chicago", "Lakeside Policy Forum", "200 Example Drive\nChicago, IL 60601"),
    ("America/Los_Angeles", "Pacific Policy Hall", "500 Example Boulevard\nSan Diego, CA 92101"),
    ("America/Denver", "Mountain West Forum", "12 Example Lane\nDenver, CO 80202"),
    ("Europe/London", "Strand Conference Rooms", "1 Example Place\nLondon WC2R 1AA"),
    ("Europe/Brussels", "Résidence Palace Press Centre", "Rue de la Loi 155\n1040 Brussels"),
]

SOURCES = [
    "Congressional Research Service",
    "Government Accountability Office",
    "Congressional Budget Office",
    "Department of Defense",
    "Department of State",
    "International Institute for Strategic Studies",
    "Stockholm International Peace Research Institute",
]
SOURCE_DOCUMENTS = [
    "report to Congress on {subject}",
    "analysis of {subject}",
    "testimony on {subject}",
    "data on {subject}",
    "background paper on {subject}",
]
