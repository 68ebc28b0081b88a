"""The hand-written demo publications: at least five of every content type.

Each entry is a plain dict read by :mod:`demo.site`. Common keys: ``title``, ``date``,
``authors`` (person slugs, free-text names, or ``(who, role, title_override)`` tuples), ``topics``
(names, in order; the first is the primary topic), ``programs`` (slugs), ``dek``, ``summary``
(listing summary) and ``body``: a list of strings where ``"## "`` starts an h2 heading,
``"### "`` an h3 heading, ``"> quote | attribution"`` a quote, and anything else is a paragraph.
Apart from the reference op-ed's three paragraphs, the prose is original demo text.
"""

from __future__ import annotations

from datetime import date, datetime

# The first three paragraphs of the reference op-ed, verbatim (see shared/reference/op-ed-page.txt).
REFERENCE_OP_ED_PARAGRAPHS = [
    (
        "On Nov. 27, President-elect Donald Trump\xa0had his first phone call\xa0with Mexican "
        "President Claudia Sheinbaum. While the call between Trump and Sheinbaum was amicable "
        "enough—Trump claimed the discussion was “wonderful”—no one should have any illusions "
        "about just how turbulent U.S.-Mexico relations will be over the next four years. In "
        "the first few weeks of Trump’s second term, the bilateral relationship has already "
        "been characterized by harsh words and threats from the White House, exemplified most "
        "clearly by the tariffs that Trump decided to pause on Feb. 3\xa0after the Mexican "
        "government agreed\xa0to dispatch another 10,000 Mexican troops to the U.S.-Mexico "
        "border. U.S. and Mexican officials are in the process of launching a bilateral "
        "dialogue on issues ranging from migration and trade to drug trafficking. Given their "
        "competing priorities—Mexico is more interested in containing violence inside its "
        "borders, whereas the United States is focused first and foremost on destroying the "
        "cartels—it is difficult to envision those talks going smoothly. The personalities of "
        "their respective leaders don’t help; Sheinbaum is a\xa0nationalist who does not "
        "appreciate foreign pressure, particularly if it is coming from the United States. "
        "Trump, a proud nationalist himself, has long viewed pressure tactics like tariffs and "
        "economic sanctions as critical tools to getting deals on his terms. The question "
        "isn’t whether policy spats between the two leaders will occur but rather how those "
        "spats are managed over the duration of Trump’s administration."
    ),
    (
        "While much of the attention thus far has focused on migration and trade, Mexico’s "
        "increasingly powerful drug cartels have the potential to severely strain the "
        "bilateral relationship. The Sinaloa and Jalisco New Generation Cartels, Mexico’s "
        "largest, not only control “the vast majority” of the fentanyl entering the United "
        "States, but are deepening their involvement in the human trafficking business, "
        "worsening the illegal migration wave Trump seeks to end. “The Sinaloa and Jalisco "
        "Cartels pose the greatest criminal drug threat the United States has ever faced,” "
        "Drug Enforcement Administration (DEA) head Anne Milgram testified to Congress in "
        "2023. “These ruthless, violent, criminal organizations have associates, facilitators, "
        "and brokers in all 50 states in the United States, as well as in more than 100 "
        "countries around the world.”"
    ),
    (
        "U.S. military action against the cartels inside Mexico, once a taboo idea, is now "
        "becoming a mainstream policy option. Much of the chatter is born out of frustration "
        "and a belief among some U.S. policymakers that nothing else has worked to limit the "
        "flow of drugs into the United States and degrade the capacity of the cartels. "
        "Trump\xa0reportedly inquired about bombing fentanyl\xa0labs\xa0inside Mexico during "
        "his first term, an option the U.S. secretary of defense at the time, Mark Esper, was "
        "able to kill. But Trump’s penchant for the military option has not lessened with "
        "time: In July, he\xa0threatened U.S. strikes\xa0if the Mexican government was unable "
        "or unwilling to address the problem quickly, and in January, he signed an executive "
        "order\xa0that designated\xa0five Mexican cartels and organized crime groups\xa0as "
        "foreign terrorist organizations, a decision he put off during his first term due to "
        "resistance from the Mexican government."
    ),
]

OP_EDS: list[dict] = [
    {
        "title": "What would bombing Mexico accomplish?",
        "date": date(2025, 2, 16),
        "authors": ["daniel-depetris"],
        "topics": ["Grand strategy", "Americas"],
        "programs": ["grand-strategy-program"],
        "outlet": "Lawfare",
        "url": "https://www.lawfaremedia.org/article/what-would-bombing-mexico-accomplish",
        "reprint": "excerpt",
        "summary": "U.S. strikes on cartels inside Mexico are now a mainstream policy option. "
        "They would not fix the problem they are meant to solve.",
        "body": REFERENCE_OP_ED_PARAGRAPHS,
    },
    {
        "title": "How not to do multipolarity",
        "date": date(2025, 6, 28),
        "authors": ["anthony-constantini"],
        "topics": ["Grand strategy", "Americas", "China", "Iran", "Middle East", "Russia"],
        "programs": ["grand-strategy-program"],
        "outlet": "The National Interest",
        "url": "https://nationalinterest.org/feature/how-not-to-do-multipolarity",
        "reprint": "excerpt",
        "summary": "A world of several great powers rewards prudence and punishes overreach. "
        "Washington is still acting as if it were 1995.",
        "body": [
            "Washington has finally started to say out loud what has been obvious for a decade: "
            "the world no longer has a single center of power. China is a peer competitor in "
            "much of Asia, Russia remains a serious military power in Europe, and middle powers "
            "from Turkey to India to Brazil increasingly act on their own terms. The question is "
            "no longer whether multipolarity has arrived but how the United States should "
            "behave in it.",
            "The worst answer is to treat every region as a theater of competition that America "
            "must win. That approach confuses activity with strategy. It spreads American "
            "attention and resources across the Middle East, Europe, Asia and the Western "
            "Hemisphere at once, and it pushes rivals closer together by giving them a common "
            "grievance. Beijing, Moscow and Tehran do not share much, but they share an "
            "interest in seeing the United States exhausted.",
            "A better answer starts from the advantages America already has. It faces no great "
            "power rival in its own hemisphere. It is protected by oceans and a nuclear "
            "deterrent. Its economy and currency sit at the center of global trade. A country "
            "in that position can afford to let regional balances work, stepping in only when a "
            "single power threatens to dominate a region that truly matters.",
            "Multipolarity, in other words, is not a threat to be defeated. It is a condition to "
            "be managed, and it rewards states that choose their fights carefully. The United "
            "States should be one of them.",
        ],
    },
    {
        "title": "Don’t go down to Mexico",
        "slug": "dont-go-down-to-mexico",
        "date": date(2025, 5, 31),
        "authors": ["john-kitch-ii"],
        "topics": ["Grand strategy", "Americas"],
        "programs": ["grand-strategy-program"],
        "outlet": "Responsible Statecraft",
        "url": "https://responsiblestatecraft.org/dont-go-down-to-mexico/",
        "reprint": "full",
        "summary": "Sending U.S. troops after the cartels would make Mexico less stable and "
        "America no safer.",
        "body": [
            "The idea of sending American special operations forces into Mexico to fight drug "
            "cartels has moved from the fringe to the center of Washington’s debate. Its "
            "appeal is easy to understand. Fentanyl kills tens of thousands of Americans every "
            "year, and decades of law enforcement cooperation have not broken the cartels’ "
            "grip on the trade.",
            "But the cartels are not an army that can be defeated in the field. They are "
            "businesses embedded in Mexican society, with deep ties to local politics and an "
            "endless supply of recruits. Killing their leaders has been tried, by Mexico itself, "
            "for nearly twenty years. Each decapitation fractured the organizations into "
            "smaller and often more violent groups, and the drugs kept flowing.",
            "A unilateral American campaign would add new problems to old ones. It would "
            "humiliate a neighbor whose cooperation the United States needs on migration, "
            "trade and intelligence. It would hand nationalist politicians in Mexico a cause. "
            "And it would put American troops in a conflict with no clear end state and no "
            "obvious way out.",
            "There are better tools. Precursor chemicals can be tracked and interdicted. Money "
            "laundering networks in the United States can be prosecuted. Ports of entry, "
            "where most fentanyl actually crosses, can be given the inspection capacity they "
            "have long lacked. None of these options make for dramatic headlines. All of them "
            "are more likely to work.",
        ],
    },
    {
        "title": "DOGE Has Its Sights on the Defense Department",
        "date": date(2025, 5, 9),
        "authors": ["gil-barndollar"],
        "topics": ["Grand strategy", "Military analysis"],
        "programs": ["military-analysis-program"],
        "outlet": "The Hill",
        "url": "https://thehill.com/opinion/national-security/doge-defense-department/",
        "reprint": "excerpt",
        "summary": "Efficiency drives at the Pentagon will not save much money unless they are "
        "paired with a strategy that asks the military to do less.",
        "body": [
            "The Department of Defense is the only federal agency that has never passed a full "
            "financial audit. That fact alone makes it a natural target for any effort to cut "
            "waste in government, and reformers are right to look for savings in contracting, "
            "overhead and the Pentagon’s sprawling civilian bureaucracy.",
            "But waste is not the main reason the defense budget keeps growing. The budget "
            "grows because the United States has asked its military to be ready for major war "
            "in Europe and Asia, to keep a permanent presence in the Middle East, and to run "
            "counterterrorism missions across Africa, all at once. Those commitments drive "
            "force structure, and force structure drives cost.",
            "An efficiency drive that leaves those commitments untouched will find some money "
            "at the margins and then run into a wall. Real savings require strategic choices: "
            "which missions matter most, which can be handed to allies, and which should end.",
            "If reformers want a leaner Pentagon, they should start by asking what the "
            "military is for. The answer to that question, not a spreadsheet, is where the "
            "big money is.",
        ],
    },
    {
        "title": "Trump’s Big, Bloated Defense Budget",
        "slug": "trumps-big-bloated-defense-budget",
        "date": date(2025, 5, 7),
        "authors": ["daniel-depetris"],
        "topics": ["Grand strategy"],
        "programs": ["military-analysis-program"],
        "outlet": "Newsweek",
        "url": "https://www.newsweek.com/trump-big-bloated-defense-budget-opinion",
        "reprint": "link",
        "summary": "A trillion-dollar defense budget is not a strategy. It is a substitute for "
        "one.",
        "body": [
            "The administration’s request for a defense budget of roughly a trillion dollars "
            "has been greeted in Washington as a sign of strength. It would be more accurate to "
            "call it a sign of indecision. Rather than set priorities among the military’s many "
            "missions, the budget funds all of them and asks taxpayers to cover the bill.",
            "Much of the increase goes to programs with long histories of delays and overruns, "
            "and to a force posture that still assumes the United States must be the first "
            "line of defense in every region. Allies in Europe and Asia, many of them wealthy, "
            "have little reason to spend more on their own defense when Washington keeps "
            "spending for them.",
            "A serious budget would start from a clear-eyed view of American interests. It "
            "would invest in the capabilities that matter for deterring great power war, "
            "retire systems that do not, and make the case to the public for every dollar. "
            "That is a harder budget to write. It is also the only kind worth passing.",
        ],
    },
    {
        "title": "Europe can defend itself. Washington should let it.",
        "slug": "europe-can-defend-itself",
        "date": date(2025, 3, 12),
        "authors": ["gil-barndollar", "Mark Ellison"],
        "topics": ["NATO", "Ukraine-Russia", "Alliances"],
        "programs": ["military-analysis-program"],
        "outlet": "Foreign Policy",
        "url": "https://foreignpolicy.com/2025/03/12/europe-defend-itself-nato-burden-shifting/",
        "reprint": "full",
        "summary": "Europe’s economy is ten times the size of Russia’s. Its defense should "
        "reflect that.",
        "body": [
            "Three years into Russia’s war against Ukraine, Europe’s militaries are larger, "
            "better funded and more serious than at any point since the Cold War. Poland is "
            "building one of the strongest land armies on the continent. Germany has "
            "abandoned decades of reluctance about defense spending. The Nordic states have "
            "joined NATO and integrated their forces.",
            "Yet the alliance still depends on the United States for much of its conventional "
            "strength, from air defense and logistics to intelligence and command. That "
            "dependence is a political choice, not a law of nature. The European members of "
            "NATO have a combined economy roughly ten times the size of Russia’s and a "
            "population more than three times as large.",
            "Washington should use this moment to shift the burden deliberately: announce a "
            "timetable for handing over conventional defense of the continent, keep the "
            "nuclear guarantee, and help Europe fill the gaps in enablers that it cannot yet "
            "provide. A Europe that leads its own defense is a stronger partner for America, "
            "not a weaker one.",
        ],
    },
    {
        "title": "Taiwan policy needs patience, not provocation",
        "date": date(2025, 4, 15),
        "authors": ["elena-vasquez"],
        "topics": ["China", "Great power competition", "Diplomacy"],
        "programs": ["asia-program"],
        "outlet": "Bloomberg",
        "url": "https://www.bloomberg.com/opinion/articles/2025-04-15/taiwan-patience",
        "reprint": "excerpt",
        "summary": "Deterring a war over Taiwan requires strength, and it also requires "
        "reassurance.",
        "body": [
            "For four decades the status quo across the Taiwan Strait has rested on a "
            "delicate balance of deterrence and reassurance. Beijing has been deterred from "
            "using force by the costs of war, and reassured that waiting would not mean the "
            "permanent loss of the island. Washington has kept both sides guessing about what "
            "it would do.",
            "Recent years have seen the deterrence half of that bargain strengthened and the "
            "reassurance half neglected. Symbolic visits and loose talk about changing "
            "long-standing policy do little for Taiwan’s defense, but they feed Beijing’s fear "
            "that time is no longer on its side. That is a dangerous belief for a rival to "
            "hold.",
            "The better path is quieter: help Taiwan build the mines, missiles and mobile air "
            "defenses that would make an invasion fail, and pair that with clear statements "
            "that the United States does not seek to change the island’s status. Patience is "
            "not weakness. In the Taiwan Strait, it is the strategy most likely to keep the "
            "peace.",
        ],
    },
]

MEDIA_MENTIONS: list[dict] = [
    {
        "title": "US reviewing AUKUS submarine pact as part of ‘America first’ agenda",
        "slug": "us-reviewing-aukus-submarine-pact",
        "date": date(2025, 6, 11),
        "authors": ["jennifer-kavanagh"],
        "topics": ["Grand strategy", "Alliances"],
        "programs": ["military-analysis-program"],
        "outlet": "Bloomberg",
        "url": "https://www.bloomberg.com/news/articles/2025-06-11/aukus-review",
        "kind": "online",
        "quote": "The question is whether selling submarines to Australia makes sense when the "
        "U.S. Navy cannot build enough of its own.",
        "summary": "Jennifer Kavanagh on why a review of the AUKUS deal is overdue.",
        "body": [
            "The Pentagon has opened a review of the AUKUS security pact with Australia and the "
            "United Kingdom, examining whether the plan to sell nuclear-powered attack "
            "submarines to Canberra is consistent with the administration’s priorities.",
            "Jennifer Kavanagh, director of military analysis at Defense Priorities, said the "
            "review reflects a real problem: American shipyards are already struggling to "
            "meet the U.S. Navy’s own requirements, and the submarine industrial base has "
            "little spare capacity.",
            "Kavanagh argued that the pact’s goals could be met in other ways, including "
            "deeper cooperation on long-range strike and undersea sensors, without diverting "
            "scarce submarines from the U.S. fleet.",
        ],
    },
    {
        "title": "Trump’s cost-benefit doctrine defines foreign policy, 80 years post-WWII",
        "slug": "trumps-cost-benefit-doctrine",
        "date": date(2025, 6, 3),
        "authors": ["edward-king"],
        "topics": ["Grand strategy"],
        "programs": ["grand-strategy-program"],
        "outlet": "Fox News",
        "url": "https://www.foxnews.com/politics/trump-cost-benefit-doctrine-foreign-policy",
        "kind": "online",
        "quote": "Asking what a commitment costs and what it buys is not isolationism. It is "
        "what strategy has always meant.",
        "summary": "Edward King on the return of cost-benefit thinking to U.S. foreign policy.",
        "body": [
            "Eight decades after the end of the Second World War, the administration is "
            "reassessing the alliances and deployments that grew out of it, asking allies to "
            "pay more and questioning commitments that once went unexamined.",
            "Edward King, a senior fellow at Defense Priorities, said the shift is less radical "
            "than critics claim. The postwar order was built by leaders who weighed costs "
            "carefully, he noted, and many of today’s commitments were made for a world that "
            "no longer exists.",
            "King cautioned that a cost-benefit approach works only if it is applied "
            "consistently, including to new military commitments in the Middle East and the "
            "Western Hemisphere.",
        ],
    },
    {
        "title": "What a ceasefire in Ukraine would require",
        "date": date(2025, 3, 20),
        "authors": ["gil-barndollar"],
        "topics": ["Ukraine-Russia", "NATO", "Diplomacy"],
        "programs": ["military-analysis-program"],
        "outlet": "NPR",
        "url": "https://www.npr.org/2025/03/20/ukraine-ceasefire-requirements",
        "kind": "radio",
        "quote": "A ceasefire that nobody can verify is just a pause before the next offensive.",
        "summary": "Gil Barndollar on the military realities behind the ceasefire talks.",
        "body": [
            "As negotiators discuss a possible ceasefire between Russia and Ukraine, military "
            "analysts are asking what it would take for a truce to hold along a front line "
            "more than a thousand kilometers long.",
            "Gil Barndollar, a senior fellow at Defense Priorities, told NPR that monitoring "
            "and verification would matter more than the precise line of contact. Both armies "
            "are exhausted, he said, but neither will accept a pause that the other could use "
            "to rearm for a fresh offensive.",
            "Barndollar added that European states, not the United States, should provide any "
            "forces needed to support a settlement.",
        ],
    },
    {
        "title": "Experts weigh U.S. troop presence in Syria after Assad’s fall",
        "slug": "experts-weigh-us-troop-presence-in-syria",
        "date": date(2024, 12, 16),
        "authors": ["daniel-depetris"],
        "topics": ["Syria", "Counterterrorism", "Basing and force posture"],
        "programs": ["middle-east-program"],
        "outlet": "The Hill",
        "url": "https://thehill.com/policy/defense/us-troops-syria-after-assad",
        "kind": "print",
        "quote": "The mission in Syria was always supposed to be temporary. Assad’s fall is the "
        "moment to end it.",
        "summary": "Daniel DePetris on why the collapse of the Assad regime is a chance to "
        "bring U.S. troops home.",
        "body": [
            "The sudden collapse of Bashar al-Assad’s government has reopened the debate over "
            "the roughly two thousand U.S. troops stationed in eastern Syria, where they have "
            "supported Kurdish-led forces against the Islamic State since 2015.",
            "Daniel DePetris, a fellow at Defense Priorities, argued that the troops are "
            "exposed to attack by militias and serve no clear political objective. He said "
            "the new situation should prompt a negotiated handover rather than an "
            "open-ended extension of the mission.",
            "Others quoted in the piece warned that a withdrawal could allow the Islamic State "
            "to regroup, a risk DePetris said could be managed through partners in the region.",
        ],
    },
    {
        "title": "Is the U.S. ready for a long competition with China?",
        "slug": "is-the-us-ready-for-a-long-competition-with-china",
        "date": date(2025, 4, 28),
        "authors": ["elena-vasquez", "rachel-okafor"],
        "topics": ["China", "Great power competition"],
        "programs": ["asia-program"],
        "outlet": "Foreign Policy",
        "url": "https://foreignpolicy.com/podcasts/long-competition-china/",
        "kind": "podcast",
        "quote": "Competition with China is a marathon. Treating it like a sprint is how you "
        "end up in a war nobody wanted.",
        "summary": "Elena Vasquez and Rachel Okafor discuss the military and economic balance "
        "with China.",
        "body": [
            "On this episode, Elena Vasquez and Rachel Okafor of the Defense Priorities Asia "
            "Program join the show to discuss whether the United States has a strategy for a "
            "competition with China that could last decades.",
            "Vasquez argued that the most important military task is denying China a quick "
            "victory against Taiwan, which depends more on allied capabilities close to the "
            "island than on large U.S. deployments. Okafor described how the People’s "
            "Liberation Army has adapted its doctrine and where it still faces limits.",
            "Both warned against framing the competition as a struggle that must end in "
            "victory, rather than a rivalry to be managed.",
        ],
    },
]

BRIEFS: list[dict] = [
    {
        "title": "Israel-Iran escalation: limiting U.S. exposure",
        "date": date(2025, 6, 20),
        "authors": ["samir-haddad"],
        "topics": ["Israel-Iran", "Iran", "Middle East", "Diplomacy"],
        "programs": ["middle-east-program"],
        "dek": "Washington should help end the war, not join it.",
        "summary": "Direct war between Israel and Iran puts U.S. forces in the region at risk. "
        "Diplomacy, not escalation, is the way out.",
        "key_points": [
            "The open war between Israel and Iran exposes tens of thousands of U.S. personnel "
            "in the region to retaliation.",
            "Military strikes can delay Iran’s nuclear program but cannot end it; only a "
            "negotiated agreement can verifiably limit it.",
            "The United States should press for a ceasefire and reduce its exposed footprint "
            "in Iraq and Syria.",
        ],
        "body": [
            "The exchange of strikes between Israel and Iran has turned a long shadow war into "
            "open conflict. For the United States, the most immediate risk is not to the "
            "American homeland but to the forces it keeps scattered across the region, many "
            "of them in small bases within easy range of Iranian missiles and the militias "
            "Tehran supports.",
            "## What is at stake for the United States",
            "America’s core interests in the Middle East are limited: preventing a hostile "
            "power from dominating the Gulf’s energy supplies and preventing attacks on the "
            "United States. Neither interest is served by joining a war whose aims, for "
            "Israel, include the destruction of Iran’s nuclear and missile programs and "
            "possibly the collapse of its government.",
            "The nuclear question deserves particular care. Strikes can destroy facilities and "
            "kill scientists, but the knowledge to build a bomb cannot be bombed away. A "
            "government that believes it is fighting for survival has stronger reasons, not "
            "weaker ones, to seek a deterrent.",
            "## Recommendations",
            "Washington should use its leverage with Israel to press for a ceasefire, open "
            "direct channels to Tehran on the nuclear file, and move vulnerable personnel out "
            "of harm’s way. Reducing the footprint in Iraq and Syria would remove the most "
            "likely tripwires for American involvement.",
        ],
        "endnotes": [
            "U.S. Central Command, posture statement to the House Armed Services Committee, "
            "March 2025.",
            "International Atomic Energy Agency, quarterly verification report on Iran, May 2025.",
        ],
    },
    {
        "title": "Why NATO’s European members should lead conventional defense",
        "slug": "why-natos-european-members-should-lead-conventional-defense",
        "date": date(2025, 5, 15),
        "authors": ["gil-barndollar", "jennifer-kavanagh"],
        "topics": ["NATO", "Alliances", "Basing and force posture"],
        "programs": ["military-analysis-program"],
        "dek": "A ten-year plan to hand the defense of Europe to Europeans.",
        "summary": "European allies have the wealth and population to defend themselves. A "
        "phased handover would strengthen NATO, not weaken it.",
        "key_points": [
            "Europe’s NATO members outspend Russia on defense several times over but still "
            "depend on U.S. enablers.",
            "A phased ten-year handover would let allies build air defense, logistics and "
            "command capacity.",
            "The United States would keep its nuclear guarantee and naval presence while "
            "reducing ground and air forces on the continent.",
        ],
        "body": [
            "The United States has kept large forces in Europe for more than seventy years. "
            "That commitment made sense when Western Europe was devastated by war and faced a "
            "Soviet army far larger than its own. It makes far less sense today, when "
            "Europe’s combined economy dwarfs Russia’s and its militaries are rearming.",
            "## The gaps that remain",
            "European armies are capable but unbalanced. They lack sufficient air and missile "
            "defense, long-range strike, airlift and the command structures to run a major "
            "campaign without American leadership. These gaps are real, but they are the "
            "product of a division of labor, not of any inherent European weakness.",
            "## A phased handover",
            "We propose a ten-year timetable. In the first phase, European states would take "
            "over command of NATO’s land forces and most rotational deployments on the "
            "eastern flank. In the second, they would build the enablers they now borrow from "
            "the United States. In the final phase, the U.S. presence would shrink to naval "
            "and air forces, the nuclear mission and a small headquarters.",
            "A predictable timetable gives allies the certainty they need to invest, and it "
            "gives Washington forces it can use for priorities in Asia or return home.",
        ],
        "endnotes": [
            "NATO, Defence Expenditure of NATO Countries (2014–2024), June 2024.",
            "International Institute for Strategic Studies, The Military Balance 2025.",
            "Authors’ calculations from World Bank GDP data, 2024.",
        ],
    },
    {
        "title": "Ending the war in Ukraine: the outlines of a durable settlement",
        "slug": "ending-the-war-in-ukraine",
        "date": date(2025, 3, 5),
        "authors": ["edward-king"],
        "topics": ["Ukraine-Russia", "Russia", "Diplomacy"],
        "programs": ["grand-strategy-program"],
        "dek": "Territory, security guarantees and sanctions relief: what a deal could look like.",
        "summary": "Neither side can win outright at acceptable cost. A settlement will have to "
        "trade hard choices on territory for real security.",
        "key_points": [
            "The front line has barely moved in two years; further fighting offers both sides "
            "diminishing returns.",
            "A durable settlement needs verifiable ceasefire arrangements and security "
            "commitments led by Europe.",
            "Sanctions relief should be phased and tied to Russian compliance.",
        ],
        "body": [
            "The war in Ukraine has settled into attrition. Both armies are able to inflict "
            "heavy losses and neither can break through. In these conditions, the question is "
            "not whether the war ends at the negotiating table but when, and on what terms.",
            "## Territory",
            "Ukraine is unlikely to recover all of the territory Russia occupies by force. A "
            "settlement can leave the final status of those areas open while freezing the "
            "line of contact, as many past armistices have done.",
            "## Security",
            "Ukraine’s security after the war should rest first on its own army, which is now "
            "among the most experienced in Europe, and second on commitments from European "
            "states. The United States can support these arrangements without extending a "
            "formal guarantee that would commit it to war with a nuclear power.",
            "## Sanctions",
            "Economic pressure has given the West leverage. It should be spent, not hoarded: "
            "phased relief tied to verified compliance gives Moscow a reason to keep its "
            "word.",
        ],
        "endnotes": [
            "For a historical comparison, see the Korean Armistice Agreement of July 27, 1953.",
        ],
    },
    {
        "title": "Syria after Assad: the case for withdrawing U.S. troops",
        "slug": "syria-after-assad-withdrawing-us-troops",
        "date": date(2025, 1, 22),
        "authors": ["daniel-depetris"],
        "topics": ["Syria", "Counterterrorism", "Basing and force posture", "Middle East"],
        "programs": ["middle-east-program"],
        "dek": "The mission’s original purpose has been achieved. Staying adds risk without "
        "adding security.",
        "summary": "The U.S. troops in eastern Syria are a target without a mission. A "
        "negotiated withdrawal is overdue.",
        "key_points": [
            "The Islamic State’s territorial caliphate was destroyed in 2019; the remaining "
            "threat can be contained without a ground presence.",
            "U.S. troops in Syria have been attacked repeatedly by Iran-backed militias.",
            "A withdrawal should be coordinated with Syrian Kurdish partners, Turkey and the "
            "new authorities in Damascus.",
        ],
        "body": [
            "American troops arrived in eastern Syria in 2015 to help defeat the Islamic "
            "State. That goal was achieved years ago, but the deployment has continued under "
            "shifting rationales: countering Iran, pressuring the Assad government, and "
            "guarding detention camps for former fighters.",
            "With Assad gone, those rationales have lost whatever force they had. The troops "
            "remain exposed to attack, their presence complicates relations with Turkey, and "
            "they give Washington a stake in Syria’s internal politics that it cannot manage.",
            "## A responsible exit",
            "Withdrawal does not mean abandonment. The United States can fund the detention "
            "facilities, support partners with intelligence and, if necessary, strike "
            "terrorist plots from outside the country, as it does elsewhere in the region.",
        ],
        "endnotes": [
            "Department of Defense, Operation Inherent Resolve quarterly report to Congress, "
            "fourth quarter 2024.",
        ],
    },
    {
        "title": "Deterrence by denial in the Taiwan Strait",
        "date": date(2025, 2, 27),
        "authors": ["elena-vasquez", "rachel-okafor"],
        "topics": ["China", "Military analysis", "Balance of power"],
        "programs": ["asia-program"],
        "dek": "Make an invasion fail, and China will not attempt one.",
        "summary": "The surest way to deter an attack on Taiwan is to make sure it would fail. "
        "That depends mostly on Taiwan’s own defenses.",
        "key_points": [
            "An amphibious invasion across the Taiwan Strait is one of the hardest military "
            "operations there is.",
            "Large numbers of mobile, inexpensive weapons on Taiwan would raise its cost more "
            "than a few expensive platforms.",
            "U.S. forces should support denial from a distance rather than through large new "
            "bases near China.",
        ],
        "body": [
            "Deterrence can work by threatening punishment after an attack or by denying the "
            "attacker success in the first place. In the Taiwan Strait, denial is both more "
            "credible and less escalatory.",
            "## Why denial works",
            "An invasion of Taiwan would require China to move hundreds of thousands of troops "
            "across a hundred miles of rough water and land them on defended beaches. Every "
            "stage of that operation is vulnerable to mines, anti-ship missiles and drones.",
            "## What Taiwan needs",
            "Taiwan has made progress toward a defense built on large numbers of small, mobile "
            "systems, but it still devotes too much of its budget to fighter jets and large "
            "warships that would be destroyed in the opening hours of a war. Shifting that "
            "balance is the most important step it can take.",
        ],
        "endnotes": [
            "Ministry of National Defense (Taiwan), Quadrennial Defense Review, 2025.",
            "Authors’ interviews with defense officials, January 2025.",
        ],
    },
    {
        "title": "Counternarcotics is not a job for the Pentagon",
        "date": date(2025, 4, 9),
        "authors": ["john-kitch-ii"],
        "topics": ["Americas", "Western Hemisphere", "Counterterrorism"],
        "programs": ["grand-strategy-program"],
        "dek": "Treating cartels as terrorists invites a war the military cannot win.",
        "summary": "Designating cartels as terrorist organizations opens the door to military "
        "action that would not stop the drug trade.",
        "key_points": [
            "Most fentanyl enters the United States through legal ports of entry, often "
            "carried by U.S. citizens.",
            "Military strikes against cartels would damage cooperation with Mexico without "
            "reducing supply.",
            "Investments in inspection technology and financial investigations offer better "
            "returns.",
        ],
        "body": [
            "The designation of several Mexican cartels as foreign terrorist organizations "
            "was meant to signal resolve. Its practical effect is to blur the line between "
            "law enforcement and war, and to make military action against targets in Mexico "
            "easier to justify.",
            "The drug trade does not work like a terrorist group. It responds to demand, and "
            "it adapts quickly when supply routes are disrupted. Removing a kingpin or "
            "destroying a lab changes little when the profits remain enormous.",
            "## Better tools",
            "The United States should invest in scanning equipment at ports of entry, expand "
            "financial investigations into money laundering, and work with Mexico and China "
            "to control precursor chemicals.",
        ],
        "endnotes": [
            "U.S. Customs and Border Protection, drug seizure statistics, fiscal year 2024.",
        ],
    },
]

EXPLAINERS: list[dict] = [
    {
        "title": "What is restraint?",
        "date": date(2024, 9, 10),
        "authors": ["marcus-hale"],
        "topics": ["Grand strategy", "Balance of power"],
        "programs": ["grand-strategy-program"],
        "series": "restraint-101",
        "dek": "A short introduction to a foreign policy of realism and restraint.",
        "summary": "Restraint is a grand strategy that keeps America secure by defining its "
        "interests narrowly and using force rarely.",
        "key_points": [
            "Restraint holds that the United States is very secure and should act like it.",
            "It favors diplomacy and trade, and reserves force for defending vital interests.",
            "It asks wealthy allies to take the lead in their own defense.",
        ],
        "body": [
            "Restraint is a grand strategy: a theory of how a country can make itself secure. "
            "It starts from the observation that the United States is unusually safe. It has "
            "no powerful neighbors, it is protected by two oceans, and it has a secure "
            "nuclear deterrent.",
            "From that starting point, restraint argues that America’s vital interests are "
            "few: the security of the homeland, the prevention of any single power dominating "
            "a major industrial region, and the free flow of trade. Other interests matter, "
            "but they do not justify war.",
            "Restraint is not isolationism. Its advocates support trade, diplomacy and "
            "alliances where they serve American interests. What they oppose is the habit of "
            "using military force to solve political problems, and the accumulation of "
            "commitments that leave the country permanently overstretched.",
            "In practice, restraint means fewer permanent overseas deployments, more "
            "responsibility for allies, and a higher bar for going to war.",
        ],
    },
    {
        "title": "How many U.S. troops are in the Middle East, and why?",
        "slug": "how-many-us-troops-are-in-the-middle-east",
        "date": date(2024, 11, 5),
        "authors": ["jennifer-kavanagh"],
        "topics": ["Middle East", "Basing and force posture"],
        "programs": ["military-analysis-program", "middle-east-program"],
        "series": "force-posture-explained",
        "dek": "A guide to the bases, the numbers and the missions.",
        "summary": "Tens of thousands of U.S. troops are stationed across the Middle East. "
        "Here is where they are and what they do.",
        "key_points": [
            "Roughly 40,000 U.S. personnel are typically deployed in the Middle East, more in "
            "times of crisis.",
            "Most are based in the Gulf states; smaller contingents remain in Iraq and Syria.",
            "Many missions date from earlier wars and have never been fully reassessed.",
        ],
        "body": [
            "The U.S. military presence in the Middle East grew dramatically after the 1991 "
            "Gulf War and again after the 2003 invasion of Iraq. Although the large "
            "occupations are over, a substantial footprint remains.",
            "Most American forces in the region are stationed in the Gulf, at air bases and "
            "naval facilities in Qatar, Bahrain, Kuwait and the United Arab Emirates. Smaller "
            "numbers remain in Iraq and Syria, originally to fight the Islamic State.",
            "The official missions include deterring Iran, protecting shipping and countering "
            "terrorism. Critics argue that these missions can be accomplished with far fewer "
            "forces, and that small, exposed bases invite attacks that could draw the United "
            "States into wider conflict.",
            "Force posture in the region is rarely debated in Congress. Understanding what is "
            "there, and why, is the first step toward deciding what should be.",
        ],
    },
    {
        "title": "What does NATO’s Article 5 actually require?",
        "slug": "what-does-natos-article-5-actually-require",
        "date": date(2025, 1, 14),
        "authors": ["gil-barndollar"],
        "topics": ["NATO", "Alliances"],
        "programs": ["military-analysis-program"],
        "series": "restraint-101",
        "dek": "The alliance’s mutual defense clause is less automatic than many believe.",
        "summary": "Article 5 commits allies to assist one another, but each decides for itself "
        "what action to take.",
        "key_points": [
            "Article 5 says an attack on one ally is an attack on all.",
            "Each member decides what action it deems necessary, including but not limited to "
            "armed force.",
            "It has been invoked once, after the attacks of September 11, 2001.",
        ],
        "body": [
            "Article 5 of the North Atlantic Treaty is often described as an automatic "
            "commitment to go to war. The text is more careful. Members agree that an armed "
            "attack against one shall be considered an attack against all, and that each "
            "will assist the victim by taking such action as it deems necessary.",
            "That wording was deliberate. The U.S. Senate in 1949 insisted that the treaty "
            "not bypass the constitutional power of Congress to declare war. The commitment is "
            "political and serious, but the form of assistance is left to each member.",
            "The only invocation of Article 5 came after the attacks on the United States in "
            "2001, when allies sent aircraft to patrol American skies and later deployed "
            "forces to Afghanistan.",
            "Understanding the clause matters for today’s debates about burden-sharing. A "
            "stronger European contribution would make the alliance’s promise more credible, "
            "not less.",
        ],
    },
    {
        "title": "The balance of power, explained",
        "date": date(2025, 2, 5),
        "authors": ["edward-king"],
        "topics": ["Balance of power", "Grand strategy"],
        "programs": ["grand-strategy-program"],
        "series": "restraint-101",
        "dek": "Why states band together against the strongest among them.",
        "summary": "The balance of power is one of the oldest ideas in international "
        "politics, and it still explains a great deal.",
        "key_points": [
            "States tend to balance against powers that threaten them.",
            "Regional balances often hold without outside intervention.",
            "The United States can rely on local balances in most regions.",
        ],
        "body": [
            "The balance of power describes a simple tendency: when one state grows strong "
            "enough to threaten others, they tend to cooperate to check it. From the wars "
            "against Napoleon to the alliances of the Cold War, this pattern has shaped "
            "international politics for centuries.",
            "For American strategy, the idea has a practical implication. Regions where "
            "several capable states coexist are unlikely to fall under the control of any one "
            "of them. In such regions, local states will do most of the work of balancing, "
            "and the United States can afford a lighter touch.",
            "Critics argue that balancing is slow and unreliable, and that states sometimes "
            "bandwagon with a rising power instead. The historical record suggests that "
            "balancing is the norm, especially when the stakes are high.",
        ],
    },
    {
        "title": "What is the War Powers Resolution?",
        "date": date(2025, 3, 18),
        "authors": ["anthony-constantini", "marcus-hale"],
        "topics": ["Grand strategy", "Military analysis"],
        "programs": ["grand-strategy-program"],
        "series": "restraint-101",
        "dek": "Congress’s 1973 attempt to reclaim its role in decisions about war.",
        "summary": "The War Powers Resolution requires the president to consult Congress and "
        "limits the length of unauthorized deployments.",
        "key_points": [
            "The resolution was passed over President Nixon’s veto in 1973.",
            "It requires the president to report to Congress within 48 hours of introducing "
            "forces into hostilities.",
            "Without authorization, forces must be withdrawn within 60 days, plus a 30-day "
            "withdrawal period.",
        ],
        "body": [
            "The Constitution gives Congress the power to declare war and makes the president "
            "commander in chief. After the Vietnam War, Congress passed the War Powers "
            "Resolution to restore a balance that it believed had tilted too far toward the "
            "executive.",
            "The law requires the president to consult Congress before introducing U.S. forces "
            "into hostilities where possible, to report within 48 hours, and to end the "
            "deployment within 60 days unless Congress authorizes it.",
            "Presidents of both parties have questioned the law’s constitutionality, and many "
            "operations have continued past the deadline under creative interpretations of "
            "the word hostilities. Reform proposals would tighten the definitions and cut off "
            "funding for unauthorized operations.",
        ],
    },
]

REPORTS: list[dict] = [
    {
        "title": "Rightsizing the U.S. military presence in the Middle East",
        "date": date(2025, 4, 22),
        "authors": ["jennifer-kavanagh", "samir-haddad"],
        "topics": ["Middle East", "Basing and force posture", "Military analysis", "Iran"],
        "programs": ["military-analysis-program", "middle-east-program"],
        "dek": "A posture for the region’s real threats, at a fraction of today’s cost.",
        "summary": "The U.S. footprint in the Middle East reflects past wars, not present "
        "interests. This report proposes a smaller, safer posture.",
        "report_summary": [
            "The United States keeps tens of thousands of troops in the Middle East, spread "
            "across more than a dozen bases. This posture was built for wars that have ended "
            "and exposes American personnel to attack without adding much to deterrence.",
            "We propose reducing the presence to a smaller set of naval and air forces in the "
            "Gulf, ending the ground missions in Iraq and Syria, and relying more on regional "
            "partners to balance Iran.",
        ],
        "key_takeaways": [
            "Most U.S. bases in the region were established for missions that no longer exist.",
            "Small, exposed outposts create tripwires for wider war.",
            "A smaller over-the-horizon posture can protect shipping and deter Iran.",
        ],
        "colour": "#7a2e2e",
        "body": [
            "For three decades the Middle East has absorbed a disproportionate share of "
            "American military attention. Even after the withdrawal from Afghanistan and the "
            "end of major combat in Iraq, the region hosts more U.S. forces than any other "
            "outside Europe and East Asia.",
            "## The current posture",
            "U.S. forces in the region fall into three groups: large air and naval bases in "
            "the Gulf states, ground forces in Iraq and Syria, and rotational deployments of "
            "carriers and air defense units that surge during crises.",
            "The ground missions in Iraq and Syria are the most exposed. Since 2023, these "
            "bases have been attacked more than a hundred times by Iran-aligned militias.",
            (
                "table",
                "Main U.S. facilities in the region",
                [
                    ["Country", "Main facilities", "Primary mission"],
                    ["Qatar", "Al Udeid Air Base", "Air operations and regional command"],
                    ["Bahrain", "Naval Support Activity Bahrain", "Fifth Fleet headquarters"],
                    ["Kuwait", "Camp Arifjan, Ali Al Salem", "Logistics and ground forces"],
                    ["Iraq", "Ain al-Asad, Erbil", "Advising Iraqi forces against ISIS"],
                    ["Syria", "Small outposts in the east", "Partnering against ISIS"],
                ],
            ),
            "> Every small base is a potential tripwire. The question is whether the mission "
            "it serves is worth the risk. | From the report",
            "## Interests and threats",
            "America’s interests in the region are narrower than its posture suggests: "
            "preventing a hostile hegemon in the Gulf, keeping shipping lanes open, and "
            "preventing terrorist attacks on the United States. None of these requires "
            "permanent ground forces.",
            "## A new posture",
            "We recommend a phased reduction over five years: end the ground missions in Iraq "
            "and Syria, consolidate air and naval forces at a smaller number of Gulf "
            "facilities, and shift from permanent presence to periodic deployments.",
            "## Conclusion",
            "A smaller posture would reduce the risk of being drawn into regional wars, free "
            "forces for other priorities and signal to partners that they must take the lead "
            "in their own security.",
        ],
        "endnotes": [
            "Department of Defense, Defense Manpower Data Center, military personnel by "
            "location, December 2024.",
            "Authors’ count of attacks on U.S. forces from public Department of Defense "
            "statements, October 2023–March 2025.",
            "Congressional Research Service, U.S. military presence in the Middle East: "
            "issues for Congress, 2024.",
        ],
    },
    {
        "title": "Burden-shifting in Europe: a roadmap for a European-led NATO",
        "slug": "burden-shifting-in-europe",
        "date": date(2024, 12, 3),
        "authors": ["gil-barndollar"],
        "topics": ["NATO", "Alliances", "Basing and force posture", "Ukraine-Russia"],
        "programs": ["military-analysis-program"],
        "dek": "How to transfer the conventional defense of Europe to Europeans over a decade.",
        "summary": "A practical plan to shift NATO’s conventional burden to its European "
        "members while keeping the alliance intact.",
        "report_summary": [
            "Europe has the resources to defend itself against Russia. What it lacks is the "
            "organization and the enablers it has long borrowed from the United States.",
            "This report lays out a ten-year, three-phase transition that would put Europeans "
            "in charge of conventional defense while the United States retains its nuclear "
            "commitment.",
        ],
        "key_takeaways": [
            "European NATO members spend several times more on defense than Russia.",
            "Dependence on U.S. enablers is the main obstacle to European autonomy.",
            "A predictable timetable is essential for European investment.",
        ],
        "colour": "#1f3f6b",
        "body": [
            "Burden-sharing has been a source of friction within NATO since its founding. "
            "Every American administration has asked allies to spend more, with limited "
            "success. Burden-shifting is a different idea: rather than asking allies to "
            "contribute more to an American-led effort, it transfers leadership of that "
            "effort to them.",
            "## Europe’s capabilities today",
            "European armies field more troops, tanks and combat aircraft than Russia, though "
            "many are not ready for high-intensity war. The largest gaps are in air and "
            "missile defense, munitions stockpiles, logistics and intelligence.",
            "## The transition",
            "### Phase one (years one to three)",
            "European officers assume the top NATO land and air commands; European brigades "
            "take over rotational deployments on the eastern flank.",
            "### Phase two (years four to seven)",
            "Europeans build the enablers they now borrow: tankers, airlift, air defense and "
            "space-based intelligence.",
            "### Phase three (years eight to ten)",
            "U.S. ground forces in Europe shrink to a small residual presence; the United "
            "States maintains naval forces, the nuclear mission and a liaison headquarters.",
            "## Risks and how to manage them",
            "Critics fear that any American drawdown will tempt Russia. A gradual, announced "
            "transition reduces that risk, and a Russia bogged down in Ukraine is in no "
            "position to challenge a rearming Europe.",
        ],
        "endnotes": [
            "NATO, Defence Expenditure of NATO Countries (2014–2024).",
            "International Institute for Strategic Studies, The Military Balance 2024.",
            "Stockholm International Peace Research Institute, military expenditure database, "
            "2024.",
        ],
    },
    {
        "title": "Sustainable deterrence: U.S. strategy toward China in the 2030s",
        "slug": "sustainable-deterrence",
        "date": date(2025, 5, 28),
        "authors": ["elena-vasquez", "rachel-okafor", "Mark Ellison"],
        "topics": ["China", "Great power competition", "Balance of power", "Alliances"],
        "programs": ["asia-program"],
        "dek": "A strategy that can deter China for decades without bankrupting America or "
        "provoking war.",
        "summary": "Competition with China will be long. This report sets out a strategy of "
        "deterrence by denial, allied capability and diplomacy.",
        "report_summary": [
            "The United States and China are likely to remain rivals for decades. A strategy "
            "for that competition must be affordable, avoid unnecessary provocation and "
            "rest on the capabilities of allies as well as America’s own.",
            "We recommend prioritizing denial defenses in the first island chain, investing "
            "in allied capabilities and keeping open channels of communication with Beijing.",
        ],
        "key_takeaways": [
            "Deterrence by denial is cheaper and more stable than threats of punishment.",
            "Allies in the region should field most of the forces needed for denial.",
            "Crisis communication channels with China need urgent strengthening.",
        ],
        "colour": "#0f5b5b",
        "body": [
            "China’s rise is the central fact of twenty-first century international politics. "
            "Its economy rivals America’s in size, its navy is the world’s largest by number "
            "of ships, and its leaders are determined to restore what they see as China’s "
            "rightful place in Asia.",
            "## The military balance",
            "In a conflict near China’s coast, the People’s Liberation Army would enjoy "
            "advantages of proximity and numbers. The United States retains advantages in "
            "undersea warfare, experience and alliances.",
            "## Principles for a sustainable strategy",
            "First, focus on denial: ensure that China cannot achieve a quick military fait "
            "accompli. Second, share the burden: allies with the most at stake should provide "
            "most of the forces. Third, reassure as well as deter: make clear that the United "
            "States does not seek to contain China’s development or change Taiwan’s status.",
            "## Recommendations",
            "Invest in mines, missiles and unmanned systems rather than vulnerable large "
            "platforms; disperse forces in the region; deepen co-production with Japan and "
            "Australia; and establish military hotlines that work in a crisis.",
        ],
        "endnotes": [
            "Department of Defense, Military and Security Developments Involving the "
            "People’s Republic of China, 2024.",
            "Authors’ wargame series, conducted January–March 2025.",
        ],
    },
    {
        "title": "The case for a realist grand strategy",
        "date": date(2024, 10, 15),
        "authors": ["marcus-hale", "edward-king"],
        "topics": ["Grand strategy", "Balance of power", "Diplomacy"],
        "programs": ["grand-strategy-program"],
        "dek": "Why America should define its interests narrowly and defend them well.",
        "summary": "A realist grand strategy would make the United States more secure at "
        "lower cost. This report explains how.",
        "report_summary": [
            "Since the end of the Cold War, American grand strategy has been built on the "
            "premise that U.S. security requires U.S. leadership everywhere. The results "
            "include costly wars, strained forces and declining public support.",
            "A realist strategy would focus on preventing great power hegemony in key regions, "
            "rely on allies and local balances, and reserve force for vital interests.",
        ],
        "key_takeaways": [
            "The United States is among the most secure great powers in history.",
            "Primacy has produced wars of choice with high costs and modest benefits.",
            "Realism offers a strategy that the public can sustain.",
        ],
        "colour": "#2b2b5e",
        "body": [
            "Every great power needs a grand strategy: a theory of how to make itself secure. "
            "For three decades America’s has been primacy, the idea that the United States "
            "must remain the dominant military power in every important region.",
            "## The record of primacy",
            "Primacy delivered some successes, but it also produced the wars in Iraq, Libya "
            "and Afghanistan, trillions of dollars in costs and a military stretched across "
            "too many missions. It encouraged allies to under-invest in their own defense.",
            "## Principles of realism",
            "Realism begins with the distribution of power. It asks which regions could "
            "produce a threat to the United States and whether local states can prevent it. "
            "Where they can, America should support them from a distance.",
            "## Implications",
            "A realist strategy would shift the burden of European defense to Europe, reduce "
            "the Middle East footprint, focus Asian strategy on denial, and rebuild the "
            "domestic foundations of national power.",
        ],
        "endnotes": [
            "Watson Institute, Costs of War project, 2023 update.",
            "Office of Management and Budget, historical tables, 2024.",
        ],
    },
    {
        "title": "Beyond the cartels: a security strategy for the Western Hemisphere",
        "slug": "beyond-the-cartels",
        "date": date(2025, 6, 5),
        "authors": ["john-kitch-ii", "daniel-depetris"],
        "topics": ["Western Hemisphere", "Americas", "Counterterrorism", "Diplomacy"],
        "programs": ["grand-strategy-program"],
        "dek": "Trade, policing and diplomacy can do what military force cannot.",
        "summary": "The hemisphere’s security problems are real, but they are problems of "
        "governance, crime and migration, not war.",
        "report_summary": [
            "America’s own hemisphere is receiving renewed attention in Washington, much of "
            "it focused on military options against drug cartels. Those options would be "
            "costly and ineffective.",
            "We propose a strategy built on trade integration, law enforcement cooperation "
            "and support for governance, with the military in a supporting role.",
        ],
        "key_takeaways": [
            "The Western Hemisphere faces no military threat from a great power.",
            "Cartel violence is a governance and law enforcement problem.",
            "Economic integration is America’s most powerful regional tool.",
        ],
        "colour": "#6b3a1f",
        "body": [
            "The United States enjoys a uniquely favorable position in its own hemisphere. No "
            "neighbor threatens it militarily, and the region is bound to the American "
            "economy by trade, investment and migration.",
            "## The challenges",
            "The hemisphere’s real challenges are transnational: organized crime, the "
            "fentanyl trade, irregular migration and weak institutions in several states.",
            "## Why military force falls short",
            "Military campaigns against cartels in Colombia and Mexico produced tactical "
            "successes but did not reduce the supply of drugs. Violence often increased as "
            "organizations fragmented.",
            "## A better approach",
            "Deepen North American economic integration, fund joint investigations into money "
            "laundering, expand inspection capacity at ports of entry and support judicial "
            "reform in partner states.",
        ],
        "endnotes": [
            "Drug Enforcement Administration, National Drug Threat Assessment, 2024.",
            "Authors’ analysis of U.S. Customs and Border Protection seizure data.",
        ],
    },
]

QAS: list[dict] = [
    {
        "title": "Q&A: What the Israel-Iran ceasefire means for U.S. forces",
        "slug": "qa-israel-iran-ceasefire",
        "date": date(2025, 6, 25),
        "authors": ["samir-haddad", "daniel-depetris"],
        "topics": ["Israel-Iran", "Middle East", "Basing and force posture"],
        "programs": ["middle-east-program"],
        "summary": "Our Middle East experts on the ceasefire and what comes next.",
        "body": [
            "A ceasefire between Israel and Iran has paused the most dangerous escalation in "
            "the region in decades. Samir Haddad and Daniel DePetris answer questions about "
            "what it means for the United States.",
            "Their answers have been lightly edited for clarity.",
        ],
        "items": [
            (
                "Will the ceasefire hold?",
                [
                    "Haddad: It is fragile. Both sides have reasons to stop, but neither has "
                    "abandoned its goals. The next few weeks will show whether diplomacy can "
                    "fill the space the ceasefire has opened.",
                ],
            ),
            (
                "Are U.S. troops in the region safer now?",
                [
                    "DePetris: Somewhat, for now. But the underlying problem remains: small "
                    "bases in Iraq and Syria are within easy reach of militias that answer to "
                    "Tehran. The ceasefire is a chance to reduce that exposure.",
                ],
            ),
            (
                "What should Washington do next?",
                [
                    "Haddad: Open direct talks on the nuclear program, press both sides to "
                    "respect the ceasefire and avoid new commitments that tie American "
                    "security to the outcome of this conflict.",
                    "DePetris: And start a serious review of why we still have forces in Syria "
                    "at all.",
                ],
            ),
        ],
    },
    {
        "title": "Q&A: Is a Ukraine peace deal within reach?",
        "slug": "qa-ukraine-peace-deal",
        "date": date(2025, 4, 30),
        "authors": ["edward-king"],
        "topics": ["Ukraine-Russia", "Diplomacy", "Russia"],
        "programs": ["grand-strategy-program"],
        "summary": "Edward King on the state of negotiations to end the war.",
        "body": [
            "Talks to end the war in Ukraine have advanced further than at any time since "
            "2022. Edward King discusses what has been agreed, what has not, and what a deal "
            "would mean for Europe.",
            "This conversation has been edited for length.",
        ],
        "items": [
            (
                "What has changed in the past few months?",
                [
                    "Both sides now accept that the war will end in negotiation. The "
                    "disagreements are about terms: territory, security arrangements and "
                    "sanctions.",
                ],
            ),
            (
                "What is the hardest issue?",
                [
                    "Security guarantees. Ukraine wants assurance that Russia will not attack "
                    "again; Russia wants assurance that Ukraine will not join NATO. A deal "
                    "will have to satisfy both, which means creative arrangements led by "
                    "European states.",
                ],
            ),
            (
                "What role should the United States play?",
                [
                    "Broker, not guarantor. Washington can bring the parties together and "
                    "offer sanctions relief as an incentive, but Europe should provide the "
                    "security commitments that make a deal stick.",
                ],
            ),
        ],
    },
    {
        "title": "Q&A: The Pentagon budget request, explained",
        "slug": "qa-pentagon-budget-request",
        "date": date(2025, 5, 20),
        "authors": ["jennifer-kavanagh"],
        "topics": ["Military analysis", "Grand strategy"],
        "programs": ["military-analysis-program"],
        "summary": "Jennifer Kavanagh walks through the largest defense budget request in history.",
        "body": [
            "The administration has requested the largest defense budget in American "
            "history. Jennifer Kavanagh explains where the money goes and what it says about "
            "U.S. strategy.",
            "This interview has been condensed and edited.",
        ],
        "items": [
            (
                "Where does the increase go?",
                [
                    "Mostly to shipbuilding, missile defense and munitions, with smaller "
                    "increases for personnel. Some of that is overdue, especially munitions. "
                    "Some of it funds programs with long records of cost overruns.",
                ],
            ),
            (
                "Does the budget match the strategy?",
                [
                    "Not really. The strategy says China is the priority, but the budget still "
                    "funds large commitments in Europe and the Middle East. A budget that "
                    "tries to do everything ends up doing nothing especially well.",
                ],
            ),
            (
                "What would you change?",
                [
                    "Shift spending from legacy platforms to the systems that matter for "
                    "denial in Asia, and reduce commitments that allies could take on.",
                ],
            ),
            (
                "Will Congress go along?",
                [
                    "Congress usually adds money rather than cutting it. The real fight will "
                    "be over which programs survive, not the top line.",
                ],
            ),
        ],
    },
    {
        "title": "Q&A: What’s next for U.S. policy in Syria?",
        "slug": "qa-whats-next-us-policy-syria",
        "date": date(2025, 2, 10),
        "authors": ["daniel-depetris"],
        "topics": ["Syria", "Middle East", "Counterterrorism"],
        "programs": ["middle-east-program"],
        "summary": "Daniel DePetris on U.S. options after the fall of Assad.",
        "body": [
            "Two months after the fall of Bashar al-Assad, the United States is weighing what "
            "to do with its troops in Syria and how to deal with the new authorities in "
            "Damascus. Daniel DePetris shares his view.",
            "The following has been edited for clarity.",
        ],
        "items": [
            (
                "Should the U.S. recognize the new government?",
                [
                    "Washington should engage it pragmatically, conditioning sanctions relief "
                    "on concrete steps like protecting minorities and cooperating against the "
                    "Islamic State.",
                ],
            ),
            (
                "What about the troops in the east?",
                [
                    "They should come home on a negotiated timetable. Their original mission "
                    "is complete and their presence makes them targets.",
                ],
            ),
            (
                "Could the Islamic State return?",
                [
                    "It remains a threat, but a manageable one. Partners in Iraq and Syria, "
                    "supported with intelligence, can keep it in check without a permanent "
                    "U.S. ground presence.",
                ],
            ),
        ],
    },
    {
        "title": "Q&A: Should the U.S. defend Taiwan?",
        "slug": "qa-should-the-us-defend-taiwan",
        "date": date(2025, 3, 26),
        "authors": ["elena-vasquez"],
        "topics": ["China", "Alliances", "Balance of power"],
        "programs": ["asia-program"],
        "summary": "Elena Vasquez on strategic ambiguity and deterrence in the Taiwan Strait.",
        "body": [
            "Few questions in U.S. foreign policy are as consequential as whether the United "
            "States would fight to defend Taiwan. Elena Vasquez discusses the debate.",
            "Her answers have been edited for length.",
        ],
        "items": [
            (
                "What is strategic ambiguity?",
                [
                    "It is the long-standing U.S. policy of not saying whether it would "
                    "intervene in a war over Taiwan. It is meant to deter Beijing from "
                    "attacking and Taipei from declaring independence.",
                ],
            ),
            (
                "Should the policy change?",
                [
                    "I don’t think so. A clear commitment would reassure Taiwan but convince "
                    "Beijing that the door to peaceful unification is closed, which is the "
                    "scenario most likely to lead to war.",
                ],
            ),
            (
                "What should the U.S. do instead?",
                [
                    "Help Taiwan build defenses that would make an invasion fail, and keep "
                    "talking to Beijing. Deterrence and diplomacy work together.",
                ],
            ),
        ],
    },
]

PRESS_RELEASES: list[dict] = [
    {
        "title": "Defense Priorities launches Asia Program",
        "date": date(2025, 1, 15),
        "topics": ["China", "Great power competition"],
        "programs": ["asia-program"],
        "summary": "The new program, led by Elena Vasquez, will focus on deterrence and "
        "diplomacy in U.S.-China relations.",
        "body": [
            "Defense Priorities today announced the launch of its Asia Program, which will "
            "study how the United States and its partners can maintain a stable balance of "
            "power in Asia without war.",
            "The program will be led by Dr. Elena Vasquez, senior fellow and director, and "
            "will publish research on deterrence in the Taiwan Strait, the U.S. alliance "
            "network and economic statecraft.",
            "“Competition with China will define American foreign policy for decades,” said "
            "Vasquez. “Our goal is a strategy that is sustainable, affordable and keeps the "
            "peace.”",
        ],
    },
    {
        "title": "Defense Priorities welcomes Rachel Okafor as Fellow",
        "date": date(2025, 3, 3),
        "topics": ["China", "Military analysis"],
        "programs": ["asia-program"],
        "summary": "Okafor joins the Asia Program to study Chinese military power.",
        "body": [
            "Defense Priorities is pleased to announce that Rachel Okafor has joined the "
            "organization as a fellow in the Asia Program.",
            "Okafor studies the modernization of the People’s Liberation Army and the changing "
            "military balance in the Western Pacific. She will contribute to the program’s "
            "work on deterrence by denial and allied capabilities.",
            "“Rachel’s expertise strengthens our ability to offer policymakers rigorous, "
            "independent analysis of the military balance in Asia,” said Elena Vasquez, "
            "director of the Asia Program.",
        ],
    },
    {
        "title": "New report maps a path to rightsizing U.S. forces in the Middle East",
        "slug": "new-report-rightsizing-us-forces-middle-east",
        "date": date(2025, 4, 22),
        "topics": ["Middle East", "Basing and force posture"],
        "programs": ["military-analysis-program", "middle-east-program"],
        "summary": "A new Defense Priorities report proposes a smaller, safer U.S. posture in "
        "the region.",
        "body": [
            "Defense Priorities today released a report recommending a phased reduction of the "
            "U.S. military presence in the Middle East over five years.",
            "The report, by Jennifer Kavanagh and Samir Haddad, finds that most U.S. bases in "
            "the region were established for missions that have ended, and that small, "
            "exposed outposts in Iraq and Syria create tripwires for wider war.",
            "“We can protect American interests in the region with a fraction of the forces "
            "we have there today,” said Kavanagh.",
        ],
    },
    {
        "title": "Statement on the Israel-Iran war",
        "date": date(2025, 6, 17),
        "topics": ["Israel-Iran", "Middle East", "Diplomacy"],
        "programs": ["middle-east-program"],
        "summary": "Defense Priorities urges a ceasefire and warns against U.S. entry into the "
        "war.",
        "body": [
            "Defense Priorities calls on the United States to use its influence to secure an "
            "immediate ceasefire between Israel and Iran, and to avoid direct involvement in "
            "the conflict.",
            "American forces in the region are exposed to retaliation, and U.S. participation "
            "would risk a wider war with no clear end. The nuclear question can only be "
            "resolved durably through negotiation.",
            "Our experts are available for interviews. Please contact the communications team "
            "to arrange a conversation.",
        ],
    },
    {
        "title": "Defense Priorities launches Restraint 101 explainer series",
        "slug": "restraint-101-explainer-series",
        "date": date(2024, 9, 10),
        "topics": ["Grand strategy"],
        "programs": ["grand-strategy-program"],
        "summary": "Short explainers introduce the ideas behind realism and restraint.",
        "body": [
            "Defense Priorities today launched Restraint 101, a series of short explainers "
            "introducing the core ideas behind a foreign policy of realism and restraint.",
            "The series opens with an overview of restraint as a grand strategy and will "
            "continue with explainers on the balance of power, alliances and the "
            "constitutional role of Congress in decisions about war.",
            "“Foreign policy debates too often skip the first principles,” said Marcus Hale, "
            "director of the Grand Strategy Program. “This series starts with them.”",
        ],
    },
]

# Events: ``start`` is local wall time in ``timezone``; ``minutes`` is the duration.
EVENTS: list[dict] = [
    {
        "title": "U.S.-China competition and the value of Middle East influence",
        "slug": "us-china-competition-middle-east-influence",
        "start": datetime(2025, 6, 10, 12, 0),
        "minutes": 60,
        "timezone": "America/New_York",
        "format": "virtual",
        "authors": [
            "elena-vasquez",
            "samir-haddad",
            ("anthony-constantini", "moderator", ""),
        ],
        "topics": [
            "Great power competition",
            "Balance of power",
            "China",
            "Grand strategy",
            "Middle East",
        ],
        "programs": ["asia-program", "middle-east-program"],
        "recording_url": "https://www.youtube.com/watch?v=dp-demo-0610",
        "summary": "Does competing with China require competing for influence in the Gulf?",
        "body": [
            "China’s growing economic ties with the Gulf states have prompted warnings that "
            "Beijing is displacing the United States in the Middle East. This virtual event "
            "asked whether that concern is justified, and whether influence in the region "
            "matters for the wider competition.",
            "Panelists discussed Chinese investment, arms sales and diplomacy in the region, "
            "and whether a large U.S. military presence is the right tool for competing with "
            "Beijing.",
            "A recording of the event is available.",
        ],
        "agenda": [
            ("12:00", "Welcome and introductions", ""),
            ("12:05", "Panel discussion", "Elena Vasquez and Samir Haddad"),
            ("12:40", "Audience questions", ""),
        ],
    },
    {
        "title": "China-Russia: Cooperation or a no-limits alliance?",
        "slug": "china-russia-cooperation-or-alliance",
        "start": datetime(2025, 4, 3, 11, 0),
        "minutes": 75,
        "timezone": "America/New_York",
        "format": "virtual",
        "authors": [
            "rachel-okafor",
            "edward-king",
            ("Dr. Lena Markova", "speaker", "Visiting Scholar, Eurasia Studies"),
            ("anthony-constantini", "moderator", ""),
        ],
        "topics": [
            "China",
            "Alliances",
            "Balance of power",
            "Diplomacy",
            "Grand strategy",
            "Russia",
        ],
        "programs": ["asia-program", "grand-strategy-program"],
        "recording_url": "https://www.youtube.com/watch?v=dp-demo-0403",
        "summary": "How deep is the partnership between Beijing and Moscow, and what should "
        "Washington do about it?",
        "body": [
            "Since Russia’s invasion of Ukraine, its partnership with China has deepened, from "
            "energy trade to joint military exercises. But the two powers have different "
            "interests and a long history of mistrust.",
            "Our panel examined the limits of the relationship and whether U.S. policy is "
            "pushing the two closer together.",
            "A recording of the event is available.",
        ],
        "agenda": [
            ("11:00", "Opening remarks", ""),
            ("11:10", "Panel discussion", ""),
            ("11:55", "Questions from the audience", ""),
        ],
    },
    {
        "title": "Syria after Assad: Prospects for U.S. withdrawal",
        "slug": "syria-after-assad-prospects-for-us-withdrawal",
        "start": datetime(2025, 2, 21, 10, 0),
        "minutes": 60,
        "timezone": "America/New_York",
        "format": "virtual",
        "authors": [
            "daniel-depetris",
            "jennifer-kavanagh",
            ("samir-haddad", "moderator", ""),
        ],
        "topics": [
            "Syria",
            "Balance of power",
            "Basing and force posture",
            "Counterterrorism",
            "Middle East",
            "Military analysis",
        ],
        "programs": ["middle-east-program", "military-analysis-program"],
        "recording_url": "https://www.youtube.com/watch?v=dp-demo-0221",
        "summary": "With Assad gone, is it time to bring U.S. troops home from Syria?",
        "body": [
            "The fall of the Assad government has transformed Syria’s politics and raised new "
            "questions about the U.S. troops stationed in the country’s east.",
            "Our experts discussed the risks of staying and leaving, the future of the "
            "campaign against the Islamic State, and how a withdrawal could be managed "
            "responsibly.",
            "A recording of the event is available.",
        ],
        "agenda": [
            ("10:00", "Introduction", ""),
            ("10:05", "Discussion", ""),
            ("10:45", "Audience questions", ""),
        ],
    },
    {
        "title": "Restraint in practice: lessons from two decades of war",
        "slug": "restraint-in-practice",
        "start": datetime(2024, 10, 8, 17, 30),
        "minutes": 120,
        "timezone": "America/New_York",
        "format": "in_person",
        "venue_name": "Defense Priorities Conference Center",
        "venue_address": "1000 Example Avenue NW\nWashington, DC 20001",
        "authors": [
            "marcus-hale",
            "gil-barndollar",
            ("Col. (Ret.) James Whitaker", "speaker", "Former Army Strategist"),
            ("edward-king", "moderator", ""),
        ],
        "topics": ["Grand strategy", "Military analysis", "Counterterrorism"],
        "programs": ["grand-strategy-program"],
        "summary": "Veterans and scholars reflect on what the wars since 2001 teach about "
        "strategy.",
        "body": [
            "More than two decades after the attacks of September 11, the United States has "
            "fought wars in Afghanistan, Iraq, Libya and Syria. This evening discussion "
            "brought together scholars and veterans to ask what those wars teach about the "
            "limits of military power.",
            "The conversation covered the decisions that led to each war, the costs borne by "
            "those who served, and what a strategy of restraint would have done differently.",
            "A reception followed the discussion.",
        ],
        "agenda": [
            ("17:30", "Registration and coffee", ""),
            ("18:00", "Panel discussion", "Moderated by Edward King"),
            ("19:00", "Reception", ""),
        ],
    },
    {
        "title": "Sanctions, tariffs and war: the economics of restraint",
        "slug": "economics-of-restraint",
        "start": datetime(2025, 5, 14, 9, 30),
        "minutes": 90,
        "timezone": "America/Chicago",
        "format": "hybrid",
        "venue_name": "Lakeside Policy Forum",
        "venue_address": "200 Example Drive\nChicago, IL 60601",
        "livestream_url": "https://www.youtube.com/watch?v=dp-demo-0514-live",
        "recording_url": "https://www.youtube.com/watch?v=dp-demo-0514",
        "authors": [
            "anthony-constantini",
            "john-kitch-ii",
            ("Priya Raman", "speaker", "Trade Economist"),
            ("marcus-hale", "moderator", ""),
        ],
        "topics": ["Grand strategy", "Diplomacy", "Western Hemisphere"],
        "programs": ["grand-strategy-program"],
        "summary": "How economic tools shape, and sometimes replace, military strategy.",
        "body": [
            "Economic pressure has become Washington’s tool of first resort, from sanctions "
            "on Russia and Iran to tariffs on allies and rivals alike. This hybrid event in "
            "Chicago examined what those tools can and cannot achieve.",
            "Panelists discussed the effectiveness of sanctions, the strategic costs of trade "
            "wars, and the role of free trade in a foreign policy of restraint.",
        ],
        "agenda": [
            ("09:30", "Welcome", ""),
            ("09:40", "Panel: Sanctions and their limits", ""),
            ("10:30", "Questions", ""),
        ],
    },
    {
        "title": "NATO at 78: Who should defend Europe?",
        "slug": "nato-at-78-who-should-defend-europe",
        "start": datetime(2027, 4, 6, 15, 0),
        "minutes": 120,
        "timezone": "Europe/Brussels",
        "format": "hybrid",
        "venue_name": "Résidence Palace Press Centre",
        "venue_address": "Rue de la Loi 155\n1040 Brussels\nBelgium",
        "registration_url": "https://events.example.org/nato-at-78",
        "livestream_url": "https://www.youtube.com/watch?v=dp-demo-nato78-live",
        "authors": [
            "gil-barndollar",
            "jennifer-kavanagh",
            ("Amb. Karen Whitfield", "speaker", "Former U.S. Ambassador to NATO"),
            ("edward-king", "moderator", ""),
        ],
        "topics": ["NATO", "Alliances", "Ukraine-Russia", "Basing and force posture"],
        "programs": ["military-analysis-program"],
        "summary": "A transatlantic debate on burden-shifting, held in Brussels and online.",
        "body": [
            "As NATO marks its 78th anniversary, European members are spending more on "
            "defense than at any time since the Cold War. Is the alliance ready for Europeans "
            "to lead the conventional defense of their continent?",
            "Join Defense Priorities in Brussels or online for a debate between American and "
            "European experts on the future of the alliance.",
            "Registration is required for in-person attendance. The livestream is open to all.",
        ],
        "agenda": [
            ("15:00", "Welcome", ""),
            ("15:10", "Keynote: The alliance after Ukraine", "Amb. Karen Whitfield"),
            ("15:40", "Debate: Who should defend Europe?", ""),
            ("16:40", "Audience questions", ""),
        ],
    },
    {
        "title": "Deterrence in the Taiwan Strait: a wargame briefing",
        "slug": "taiwan-strait-wargame-briefing",
        "start": datetime(2027, 2, 17, 13, 0),
        "minutes": 90,
        "timezone": "America/Los_Angeles",
        "format": "in_person",
        "venue_name": "Pacific Policy Hall",
        "venue_address": "500 Example Boulevard\nSan Diego, CA 92101",
        "registration_url": "https://events.example.org/taiwan-wargame",
        "authors": [
            "elena-vasquez",
            "rachel-okafor",
            ("jennifer-kavanagh", "moderator", ""),
        ],
        "topics": ["China", "Military analysis", "Balance of power"],
        "programs": ["asia-program"],
        "summary": "Results from a new series of wargames on deterrence by denial.",
        "body": [
            "The Asia Program presents findings from a series of wargames exploring how "
            "Taiwan, the United States and regional allies could deter or defeat an "
            "amphibious invasion.",
            "The briefing will cover the capabilities that mattered most in the games, the "
            "risks of escalation, and recommendations for U.S. and allied force planning.",
        ],
        "agenda": [
            ("13:00", "Welcome", ""),
            ("13:10", "Wargame findings", "Elena Vasquez and Rachel Okafor"),
            ("14:00", "Discussion and questions", ""),
        ],
    },
    {
        "title": "Restraint 101: a virtual seminar for students",
        "slug": "restraint-101-virtual-seminar",
        "start": datetime(2027, 3, 10, 19, 0),
        "minutes": 60,
        "timezone": "America/New_York",
        "format": "virtual",
        "registration_url": "https://events.example.org/restraint-101-seminar",
        "livestream_url": "https://www.youtube.com/watch?v=dp-demo-r101-live",
        "authors": ["marcus-hale", ("anthony-constantini", "moderator", "")],
        "topics": ["Grand strategy", "Balance of power"],
        "programs": ["grand-strategy-program"],
        "summary": "An introduction to realism and restraint for students and young professionals.",
        "body": [
            "This evening seminar introduces students and young professionals to the core "
            "ideas of a foreign policy of realism and restraint.",
            "Marcus Hale will walk through the Restraint 101 explainer series and take "
            "questions from participants. No prior background is required.",
        ],
        "agenda": [
            ("19:00", "Introduction to restraint", ""),
            ("19:30", "Questions and discussion", ""),
        ],
    },
]

#: Pages featured on the home page, by (section slug, page slug).
LEAD_STORIES = [
    ("op-eds", "what-would-bombing-mexico-accomplish"),
    ("reports", "rightsizing-the-us-military-presence-in-the-middle-east"),
    ("briefs", "israel-iran-escalation-limiting-us-exposure"),
    ("events", "nato-at-78-who-should-defend-europe"),
]
