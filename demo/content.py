"""Demo data for the site frame: taxonomy, outlets, people, programs, editorial pages, settings.

Names of real staff come from the reference page; their bios are deliberately generic. Everything
else (the other people, quotations, events) is invented for the demo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

#: "Today" for the demo: base content is dated before it, past events end before it.
REFERENCE_DATE = date(2025, 7, 1)
#: When the structural pages (home, indexes, people, hubs) were first published.
SITE_LAUNCH = datetime(2016, 1, 4, 14, 0, tzinfo=UTC)

ORGANISATION = "Defense Priorities"
MISSION = (
    "Our mission is to inform citizens, thought leaders, and policymakers of the importance of a "
    "strong, dynamic military—used more judiciously to protect America’s narrowly defined "
    "national interests—and promote a realistic grand strategy prioritizing restraint, "
    "diplomacy, and free trade to ensure U.S. security."
)
NEWSLETTER = {
    "newsletter_heading": "Receive expert foreign policy analysis",
    "newsletter_subheading": "Join the hub of realism and restraint",
    "newsletter_text": (
        "Expert updates and analysis to enhance your understanding of vital U.S. national "
        "security issues"
    ),
    "newsletter_form_action": "https://newsletter.example.org/subscribe",
}
DONATE_URL = "https://donate.example.org/defense-priorities"
COPYRIGHT = "© 2025 Defense Priorities. All rights reserved."
SOCIAL_LINKS = [
    ("x", "https://x.com/DefPriorities"),
    ("linkedin", "https://www.linkedin.com/company/defense-priorities"),
    ("facebook", "https://www.facebook.com/DefensePriorities"),
    ("youtube", "https://www.youtube.com/@DefensePriorities"),
    ("bluesky", "https://bsky.app/profile/defensepriorities.org"),
]
PRESS_CONTACT = ("Thomas Reed", "media@example.org")
HOME_INTRO = (
    "Realism and restraint: a foreign policy that keeps America secure, prosperous and free."
)


# --- Taxonomy ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicSpec:
    name: str
    slug: str
    kind: str
    parent: str | None = None
    hub_intro: str = ""


TOPICS: list[TopicSpec] = [
    TopicSpec(
        "Grand strategy",
        "grand-strategy",
        "issue",
        None,
        "How the United States should define its interests and match its commitments to its power.",
    ),
    TopicSpec(
        "Western Hemisphere",
        "western-hemisphere",
        "region",
        None,
        "Security, migration, trade and the drug war in America’s own neighborhood.",
    ),
    TopicSpec("Americas", "americas", "region", "Western Hemisphere"),
    TopicSpec(
        "Middle East",
        "middle-east",
        "region",
        None,
        "Why the region matters less to U.S. security than Washington assumes, and how to "
        "bring force posture in line with interests.",
    ),
    TopicSpec(
        "Israel-Iran",
        "israel-iran",
        "issue",
        "Middle East",
        "The shadow war turned open conflict, and how Washington can avoid being dragged into it.",
    ),
    TopicSpec("Iran", "iran", "country", "Middle East"),
    TopicSpec(
        "Syria",
        "syria",
        "country",
        "Middle East",
        "After Assad: U.S. troops, counterterrorism and the case for withdrawal.",
    ),
    TopicSpec("Russia", "russia", "country"),
    TopicSpec(
        "Ukraine-Russia",
        "ukraine-russia",
        "issue",
        "Russia",
        "Ending the war, European security after it, and the limits of U.S. commitments.",
    ),
    TopicSpec(
        "China",
        "china",
        "country",
        None,
        "Competition without catastrophe: deterrence, diplomacy and trade with Beijing.",
    ),
    TopicSpec("Alliances", "alliances", "issue"),
    TopicSpec(
        "NATO",
        "nato",
        "issue",
        "Alliances",
        "Burden-shifting: a Europe that defends itself and an alliance America can sustain.",
    ),
    TopicSpec("Balance of power", "balance-of-power", "issue"),
    TopicSpec("Great power competition", "great-power-competition", "issue"),
    TopicSpec("Diplomacy", "diplomacy", "issue"),
    TopicSpec("Military analysis", "military-analysis", "issue"),
    TopicSpec("Basing and force posture", "basing-and-force-posture", "issue", "Military analysis"),
    TopicSpec("Counterterrorism", "counterterrorism", "issue"),
]

#: Topic hubs under /policy-topics/, in menu order first.
HUB_TOPICS = [
    "Israel-Iran",
    "Ukraine-Russia",
    "NATO",
    "China",
    "Syria",
    "Grand strategy",
    "Western Hemisphere",
    "Middle East",
]
MENU_HUB_TOPICS = HUB_TOPICS[:5]

OUTLETS: list[tuple[str, str]] = [
    ("Lawfare", "https://www.lawfaremedia.org"),
    ("Foreign Policy", "https://foreignpolicy.com"),
    ("The National Interest", "https://nationalinterest.org"),
    ("Newsweek", "https://www.newsweek.com"),
    ("The Hill", "https://thehill.com"),
    ("Responsible Statecraft", "https://responsiblestatecraft.org"),
    ("Fox News", "https://www.foxnews.com"),
    ("NPR", "https://www.npr.org"),
    ("Bloomberg", "https://www.bloomberg.com"),
]

SERIES: list[tuple[str, str, str]] = [
    (
        "Restraint 101",
        "restraint-101",
        "Short explainers on the ideas behind a foreign policy of realism and restraint.",
    ),
    (
        "Force Posture Explained",
        "force-posture-explained",
        "Where U.S. forces are stationed around the world, and why.",
    ),
]


# --- People --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonSpec:
    first_name: str
    last_name: str
    job_title: str
    affiliation: str
    short_bio: str
    bio: tuple[str, ...]
    expertise: tuple[str, ...]
    programs: tuple[str, ...] = ()
    colour: str = "#1f4e79"
    honorific_prefix: str = ""
    honorific_suffix: str = ""
    is_expert: bool = True
    x_handle: str = ""
    email: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def initials(self) -> str:
        return self.first_name[0] + self.last_name[0]


PEOPLE: list[PersonSpec] = [
    PersonSpec(
        "Daniel",
        "DePetris",
        "Fellow",
        "fellow",
        "Daniel DePetris is a fellow at Defense Priorities who writes on U.S. policy in the "
        "Middle East, counterterrorism and the Western Hemisphere.",
        (
            "Daniel DePetris is a fellow at Defense Priorities. His work focuses on U.S. policy "
            "in the Middle East, the costs of open-ended counterterrorism missions and the use "
            "of force in America’s own hemisphere.",
            "He is a regular columnist whose commentary appears in leading national outlets, "
            "where he argues for a foreign policy that weighs interests against costs and "
            "treats military force as a last resort rather than a first instinct.",
            "At Defense Priorities he contributes to the Middle East Program’s work on U.S. "
            "force posture in Iraq and Syria and on the risks of escalation between Israel and "
            "Iran.",
        ),
        ("Middle East", "Syria", "Counterterrorism", "Americas", "Grand strategy"),
        ("middle-east-program",),
        "#1f4e79",
        x_handle="DanDePetris",
    ),
    PersonSpec(
        "Jennifer",
        "Kavanagh",
        "Senior Fellow and Director of Military Analysis",
        "staff",
        "Jennifer Kavanagh directs the Military Analysis Program, which studies U.S. force "
        "structure, posture and the defense budget.",
        (
            "Jennifer Kavanagh is a senior fellow and director of military analysis at Defense "
            "Priorities. She leads the organization’s work on U.S. force structure, global "
            "posture, and the match between military means and strategic ends.",
            "Her research examines how the United States can deter its adversaries at "
            "sustainable cost, where forward-deployed forces add to deterrence and where they "
            "merely add to risk, and how allies can take on a larger share of their own "
            "defense.",
            "She speaks frequently with reporters and congressional staff about the defense "
            "budget, arms transfers and alliance commitments in Europe and Asia.",
        ),
        ("Military analysis", "Basing and force posture", "Alliances", "China"),
        ("military-analysis-program",),
        "#2e5e4e",
        x_handle="jekavanagh",
    ),
    PersonSpec(
        "Edward",
        "King",
        "Senior Fellow",
        "fellow",
        "Edward King is a senior fellow whose work examines American grand strategy, the "
        "balance of power and the diplomacy of ending wars.",
        (
            "Edward King is a senior fellow at Defense Priorities, where he writes on American "
            "grand strategy and the historical record of U.S. interventions since 1945.",
            "His work asks how a country as secure as the United States should set priorities, "
            "and why a disciplined strategy that distinguishes vital from peripheral interests "
            "is more sustainable at home and more credible abroad.",
        ),
        ("Grand strategy", "Balance of power", "Diplomacy", "Ukraine-Russia"),
        ("grand-strategy-program",),
        "#5b3a6e",
    ),
    PersonSpec(
        "Anthony",
        "Constantini",
        "Policy Analyst",
        "staff",
        "Anthony Constantini is a policy analyst covering multipolarity, great power "
        "competition and U.S. diplomacy.",
        (
            "Anthony Constantini is a policy analyst at Defense Priorities. He covers the "
            "emergence of a multipolar international system and what it means for American "
            "alliances, trade and diplomacy.",
            "His writing appears in a range of national publications, and he moderates many "
            "of the organization’s virtual events.",
        ),
        ("Great power competition", "Diplomacy", "Grand strategy", "Russia"),
        ("grand-strategy-program",),
        "#7a4b1f",
    ),
    PersonSpec(
        "Gil",
        "Barndollar",
        "Senior Fellow",
        "fellow",
        "Gil Barndollar is a senior fellow who writes on military readiness, European "
        "security and the defense budget.",
        (
            "Gil Barndollar is a senior fellow at Defense Priorities. He writes about military "
            "readiness, the U.S. role in European security and the politics of the defense "
            "budget.",
            "His research makes the case for burden-shifting in NATO: a Europe that fields the "
            "conventional forces needed to defend itself, with the United States in a "
            "supporting role.",
            "He is a frequent commentator on Pentagon reform and the efficient use of defense "
            "dollars.",
        ),
        ("NATO", "Military analysis", "Ukraine-Russia", "Basing and force posture"),
        ("military-analysis-program",),
        "#3b5b7a",
    ),
    PersonSpec(
        "John",
        "Kitch II",
        "Fellow",
        "fellow",
        "John Kitch II is a fellow focused on security in the Western Hemisphere, border "
        "policy and the limits of military counternarcotics.",
        (
            "John Kitch II is a fellow at Defense Priorities. He studies U.S. security policy in "
            "the Western Hemisphere, including migration, the fentanyl trade and proposals to "
            "use the military against cartels.",
            "His work emphasizes law enforcement cooperation and economic statecraft over "
            "unilateral military action in the region.",
        ),
        ("Western Hemisphere", "Americas", "Counterterrorism"),
        ("grand-strategy-program",),
        "#8a3b3b",
    ),
    PersonSpec(
        "Elena",
        "Vasquez",
        "Senior Fellow and Director, Asia Program",
        "staff",
        "Elena Vasquez directs the Asia Program, which studies deterrence, diplomacy and "
        "trade in U.S.-China relations.",
        (
            "Elena Vasquez is a senior fellow and director of the Asia Program at Defense "
            "Priorities. Her research focuses on military balance in the Western Pacific and "
            "on strategies of deterrence by denial.",
            "She has written widely on Taiwan, the U.S. alliance network in East Asia and the "
            "economic dimensions of competition with China.",
            "She holds a doctorate in political science and previously taught international "
            "security.",
        ),
        ("China", "Great power competition", "Balance of power", "Military analysis"),
        ("asia-program",),
        "#0f6b6b",
        honorific_prefix="Dr.",
        honorific_suffix="",
    ),
    PersonSpec(
        "Samir",
        "Haddad",
        "Director, Middle East Program",
        "staff",
        "Samir Haddad directs the Middle East Program and writes on Iran, the Gulf and "
        "U.S. force posture in the region.",
        (
            "Samir Haddad is director of the Middle East Program at Defense Priorities. He "
            "writes on Iran, the Gulf monarchies and the U.S. military presence in Iraq, Syria "
            "and the Gulf.",
            "His work argues that the region’s balance of power can be maintained without a "
            "large standing U.S. presence, and that diplomacy with Tehran is the most reliable "
            "brake on its nuclear program.",
        ),
        ("Middle East", "Iran", "Israel-Iran", "Diplomacy"),
        ("middle-east-program",),
        "#6b4f0f",
    ),
    PersonSpec(
        "Marcus",
        "Hale",
        "Director, Grand Strategy Program",
        "staff",
        "Marcus Hale directs the Grand Strategy Program and writes on realism, restraint and "
        "the domestic foundations of foreign policy.",
        (
            "Marcus Hale is director of the Grand Strategy Program at Defense Priorities. His "
            "work develops the intellectual case for a foreign policy of realism and restraint.",
            "He writes on the history of American strategy, the role of Congress in decisions "
            "about war and peace, and the fiscal foundations of national power.",
        ),
        ("Grand strategy", "Balance of power", "Alliances"),
        ("grand-strategy-program",),
        "#2b2b5e",
    ),
    PersonSpec(
        "Rachel",
        "Okafor",
        "Fellow",
        "fellow",
        "Rachel Okafor is a fellow in the Asia Program covering Chinese military power and "
        "U.S. alliances in the Indo-Pacific.",
        (
            "Rachel Okafor is a fellow in the Asia Program at Defense Priorities. She studies "
            "the modernization of the People’s Liberation Army and the changing military "
            "balance around Taiwan and in the South China Sea.",
            "Her research asks how U.S. allies in Asia can field capabilities that make "
            "aggression costly without provoking an arms race.",
        ),
        ("China", "Military analysis", "Alliances", "Great power competition"),
        ("asia-program",),
        "#4a6b1f",
        honorific_suffix="Ph.D.",
    ),
    PersonSpec(
        "Thomas",
        "Reed",
        "Director of Communications",
        "staff",
        "Thomas Reed leads communications and media relations at Defense Priorities.",
        (
            "Thomas Reed is director of communications at Defense Priorities. He manages media "
            "relations and coordinates interview requests for the organization’s experts.",
        ),
        (),
        (),
        "#555555",
        is_expert=False,
        email="media@example.org",
    ),
]


# --- Programs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramSpec:
    title: str
    slug: str
    director: str  # person slug
    topics: tuple[str, ...]
    intro: tuple[str, ...]


PROGRAMS: list[ProgramSpec] = [
    ProgramSpec(
        "Grand Strategy Program",
        "grand-strategy-program",
        "marcus-hale",
        ("Grand strategy", "Balance of power", "Diplomacy", "Western Hemisphere"),
        (
            "The Grand Strategy Program develops the case for a foreign policy of realism and "
            "restraint: one that defines U.S. interests narrowly, defends them effectively and "
            "avoids wars of choice.",
            "Its scholars study the historical record of American strategy, the emerging "
            "multipolar order and the domestic foundations of national power.",
        ),
    ),
    ProgramSpec(
        "Military Analysis Program",
        "military-analysis-program",
        "jennifer-kavanagh",
        ("Military analysis", "Basing and force posture", "NATO"),
        (
            "The Military Analysis Program examines U.S. force structure, global posture and "
            "the defense budget, asking how the military can deter adversaries at sustainable "
            "cost.",
            "It publishes data-driven assessments of deployments, readiness and burden-sharing "
            "with allies.",
        ),
    ),
    ProgramSpec(
        "Asia Program",
        "asia-program",
        "elena-vasquez",
        ("China", "Great power competition", "Alliances"),
        (
            "The Asia Program studies competition with China and how the United States and its "
            "partners can maintain a stable balance of power in Asia without war.",
            "Its work covers deterrence in the Taiwan Strait, the U.S. alliance network and "
            "economic statecraft.",
        ),
    ),
    ProgramSpec(
        "Middle East Program",
        "middle-east-program",
        "samir-haddad",
        ("Middle East", "Iran", "Syria", "Israel-Iran", "Counterterrorism"),
        (
            "The Middle East Program makes the case for reducing the U.S. military footprint in "
            "a region that matters less to American security than it once did.",
            "Its research covers Iran, Syria, Iraq, the Gulf and the risk of being drawn into "
            "regional wars.",
        ),
    ),
]


# --- Editorial pages -----------------------------------------------------------------------


@dataclass(frozen=True)
class StandardSpec:
    title: str
    slug: str
    dek: str
    body: tuple[str, ...]
    children: tuple[StandardSpec, ...] = field(default=())


ABOUT = StandardSpec(
    "About",
    "about",
    "Defense Priorities is a foreign policy think tank promoting realism and restraint.",
    (
        "Defense Priorities promotes a security strategy that keeps America safe, prosperous "
        "and free. We believe the United States is fundamentally secure, protected by two "
        "oceans, friendly neighbors and the most capable military in the world.",
        "Since the end of the Cold War, Washington has too often treated that security as an "
        "invitation to manage the affairs of other regions by force. The results have been "
        "costly wars, overstretched forces and allies that rely on American protection rather "
        "than providing for their own defense.",
        "Our scholars publish briefs, explainers, reports and commentary, brief policymakers "
        "and their staff, and host public events on the choices facing American foreign "
        "policy.",
    ),
    (
        StandardSpec(
            "Mission & Vision",
            "mission-and-vision",
            "A strong, dynamic military, used more judiciously.",
            (
                MISSION,
                "We envision an America that defends its vital interests with confidence, "
                "engages the world through diplomacy and trade, and reserves military force "
                "for the rare occasions when those interests are truly at stake.",
                "Realism asks what the United States needs in order to be secure. Restraint "
                "answers that it needs far less than the current strategy demands.",
            ),
        ),
        StandardSpec(
            "Jobs",
            "jobs",
            "Join a small team with an outsized voice in the foreign policy debate.",
            (
                "Defense Priorities hires researchers, communicators and operations staff who "
                "share a commitment to rigorous, independent analysis.",
                "We are currently accepting applications for research interns for the autumn "
                "term. Interns support the research programs, attend events and contribute to "
                "published work.",
                "To apply, send a cover letter, résumé and a short writing sample to "
                "jobs@example.org. We review applications on a rolling basis.",
            ),
        ),
        StandardSpec(
            "Contact",
            "contact",
            "How to reach Defense Priorities.",
            (
                "For general inquiries, write to info@example.org.",
                "Members of the press should contact our communications team at "
                "media@example.org; we aim to respond to interview requests within one "
                "business day.",
                "Defense Priorities, 1000 Example Avenue NW, Suite 500, Washington, DC 20001.",
            ),
        ),
        StandardSpec(
            "For Media",
            "for-media",
            "Book an expert for interviews, commentary and background briefings.",
            (
                "Our experts are available for television, radio, podcast and print interviews "
                "on U.S. foreign policy, defense strategy and the military budget.",
                "To arrange an interview, contact Thomas Reed, director of communications, at "
                "media@example.org. Please include your outlet, deadline and the topic you "
                "would like to discuss.",
                "High-resolution headshots and biographies are available on each expert’s page.",
            ),
        ),
    ),
)

LEGAL_PAGES: list[StandardSpec] = [
    StandardSpec(
        "Privacy Policy",
        "privacy-policy",
        "How we collect, use and protect your information.",
        (
            "This website does not use advertising cookies and does not sell personal "
            "information. Server logs are kept for security purposes and deleted after thirty "
            "days.",
            "When you subscribe to our newsletter, your email address is stored by our "
            "newsletter provider and used only to send you our publications. You can "
            "unsubscribe at any time from the link in every message.",
            "Questions about this policy can be sent to privacy@example.org.",
        ),
    ),
    StandardSpec(
        "Terms and Conditions",
        "terms-and-conditions",
        "The terms that apply to your use of this website.",
        (
            "The content of this website is provided for general information. The views "
            "expressed by our scholars are their own.",
            "You may quote and share our publications with attribution to Defense Priorities "
            "and a link to the original page. Op-eds republished here remain subject to the "
            "terms of the outlets that first published them.",
            "These terms may be updated from time to time; the date of the latest revision is "
            "shown on this page.",
        ),
    ),
]
