"""A realistic, hand-built `Brief` for exporter and UI tests (no model needed).

Based on the Biden–Xi meeting at APEC in Lima (16 November 2024). Source 3 is a 2023
article about the earlier San Francisco meeting and is flagged stale; source 6 could not
be read. Statements cover every status: verified, fallback, flagged and user.
"""

from __future__ import annotations

import dataclasses

from briefer.brief import (
    FLAG_STALE,
    STATUS_FALLBACK,
    STATUS_FLAGGED,
    STATUS_USER,
    STATUS_VERIFIED,
    Brief,
    BriefWarning,
    EventInfo,
    Section,
    Source,
    SourceAssessment,
    Statement,
)


def _sources() -> list[Source]:
    return [
        Source(
            id=1,
            title="Biden-Xi farewell talks set for Lima on Nov. 16 with Trump in the wings",
            text="U.S. President Joe Biden will hold a farewell meeting with Chinese President Xi "
            "Jinping in Lima on Saturday on the sidelines of an annual multilateral summit.",
            path="seeds/000_e062dcfc5882688f.txt",
            outlet="Kyodo News",
            date="2024-11-14",
            date_method="from the text: “Wednesday”, before the meeting",
            words=742,
        ),
        Source(
            id=2,
            title="Biden and Xi to meet in Peru on Nov 16, to discuss bilateral relations",
            text="Outgoing US President Joe Biden will meet his Chinese counterpart Xi Jinping "
            "in Peru on Saturday on the sidelines of an international summit.",
            path="seeds/001_d3a6b7314d9660a2.txt",
            outlet="NewsDrum",
            date="2024-11-13",
            date_method="from the text: “Wednesday”",
            words=689,
        ),
        Source(
            id=3,
            title="US, China Agree to Work on Biden, Xi November Meeting",
            text="The US and China will work toward setting up a meeting between President Joe "
            "Biden and Chinese leader Xi Jinping next month in San Francisco.",
            path="seeds/002_99f93b6a02f196e7.txt",
            outlet="Bloomberg",
            date="2023-10-28",
            date_method="from the byline",
            words=812,
        ),
        Source(
            id=4,
            title="US and Chinese leaders to meet during APEC summit in Peru",
            text="Multiple U.S. media outlets reported on Wednesday (November 13) that President "
            "Biden will meet with Xi Jinping in Peru on Saturday (16th).",
            path="seeds/003_8e943eabea154e0b.txt",
            outlet="NTD",
            date="2024-11-13",
            date_method="from the text: “Wednesday (November 13)”",
            words=561,
        ),
        Source(
            id=5,
            title="Biden to urge Xi to curb North Korea's support for Russia",
            text="President Joe Biden is expected to use his final meeting with China's leader, "
            "Xi Jinping, to urge him to dissuade North Korea from further deepening its support "
            "for Russia's war on Ukraine.",
            path="seeds/004_92395350a7a633ea.txt",
            outlet="Hindustan Times",
            date="2024-11-16",
            date_method="“date” line",
            words=655,
        ),
        Source(
            id=6,
            title="scan_briefing_notes.pdf",
            path="inbox/scan_briefing_notes.pdf",
            problem="no text layer (a scanned PDF); run OCR first",
        ),
    ]


def _sections() -> list[Section]:
    return [
        Section(
            key="context",
            heading="Context",
            guidance="Who meets whom, where, when and at which summit.",
            statements=[
                Statement(
                    "President Biden will meet President Xi Jinping in Lima on 16 November, "
                    "on the sidelines of the APEC summit.",
                    [1, 2, 4],
                    status=STATUS_VERIFIED,
                    evidence=[
                        (1, ("U.S. President Joe Biden will hold a farewell meeting with Chinese "
                             "President Xi Jinping in Lima on Saturday.")),
                        (2, "The two leaders are scheduled to meet on November 16 at Lima."),
                    ],
                ),
                Statement(
                    "It will be their third in-person meeting since Biden took office and is "
                    "expected to be their last as presidents.",
                    [2, 4],
                    evidence=[(2, "We expect this will be their last meeting as presidents.")],
                ),
                Statement(
                    "Officials expect no specific outcomes; the meeting is meant to take stock "
                    "of efforts to responsibly manage competition.",
                    [1, 4],
                    evidence=[(1, "there will be no specific outcomes from Biden’s sit-down")],
                ),
                Statement(
                    "Biden’s national security adviser Jake Sullivan said at a press briefing "
                    "that the forthcoming meeting will be “an opportunity to ensure a smooth "
                    "transition” of power before the U.S. president leaves office in January.",
                    [1],
                    evidence=[(1, ("the forthcoming meeting will be “an opportunity to ensure a "
                                   "smooth transition” of power"))],
                    status=STATUS_FALLBACK,
                    note="generated text named the wrong month; source sentence used instead",
                ),
            ],
        ),
        Section(
            key="agenda",
            heading="Agenda",
            guidance="The topics the leaders are expected to discuss.",
            statements=[
                Statement(
                    "Military-to-military communication, restored at all levels over the past "
                    "year, is expected to be reviewed.",
                    [2, 4],
                    evidence=[(2, ("the two sides have resumed military-to-military "
                                   "communications at all levels"))],
                ),
                Statement(
                    "Counternarcotics cooperation on fentanyl, the risks of artificial "
                    "intelligence and climate change are also on the agenda.",
                    [1, 4],
                ),
                Statement(
                    "Beijing's policies in Xinjiang, Tibet and Hong Kong will be discussed.",
                    [3],
                    status=STATUS_FLAGGED,
                    note="only supported by a stale source (2023)",
                ),
            ],
        ),
        Section(
            key="us_asks",
            heading="US asks",
            guidance="Each thing the US president will press for or warn about.",
            statements=[
                Statement(
                    "Urge Xi to dissuade North Korea from deepening its support for Russia's "
                    "war on Ukraine, including the more than 10,000 troops it has sent.",
                    [1, 5],
                ),
                Statement(
                    "Press China to stop supporting Russia's defence industrial base.",
                    [1, 4],
                ),
                Statement(
                    "Warn that cyber pre-positioning on US critical infrastructure is "
                    "“unacceptable” and will lead to further technology decoupling.",
                    [2, 4],
                ),
                Statement(
                    "Raise concerns about military activity around Taiwan and in the South "
                    "China Sea, trade practices and human rights.",
                    [1],
                ),
                Statement(
                    "Raise the telecoms intrusions attributed to China's Ministry of State "
                    "Security directly with Xi.",
                    [4],
                    status=STATUS_USER,
                    note="added by the desk officer",
                ),
            ],
        ),
        Section(
            key="outlook",
            heading="Outlook under Trump",
            guidance="US-China relations once the incoming administration takes office.",
            statements=[
                Statement(
                    "President-elect Trump is poised to take a much harder line on China and "
                    "campaigned on 60% tariffs on Chinese goods.",
                    [1, 5],
                ),
                Statement(
                    "Senior posts in the incoming administration are filling with known China "
                    "hawks.",
                    [1],
                ),
                Statement(
                    "Relations will improve quickly once the new team is in place.",
                    [5],
                    status=STATUS_FLAGGED,
                    note="not supported by the cited source; it says the opposite",
                ),
            ],
        ),
    ]


def make_sample_brief() -> Brief:
    """A complete brief: 4 sections, 6 sources (1 stale, 1 unreadable), 4 warnings."""
    return Brief(
        title="Biden–Xi meeting at APEC, Lima",
        sections=_sections(),
        sources=_sources(),
        assessments={
            3: SourceAssessment([FLAG_STALE], ["About the 2023 San Francisco meeting, a year before the Lima meeting"]),
        },
        warnings=[
            BriefWarning(
                "stale-source",
                "Source 3 (Bloomberg, 2023-10-28) is about the 2023 San Francisco meeting; "
                "its facts are not presented as current.",
                [3],
            ),
            BriefWarning(
                "conflict",
                "Sources 1 and 2 differ on the day the meeting was announced "
                "(Wednesday vs. 13 November).",
                [1, 2],
            ),
            BriefWarning(
                "unreadable",
                "scan_briefing_notes.pdf: no text layer (a scanned PDF); run OCR first.",
                [6],
            ),
            BriefWarning(
                "cancelled",
                "Generation was cancelled during “Outlook under Trump”; that section may be "
                "incomplete.",
            ),
        ],
        event=EventInfo(
            who=["Joe Biden", "Xi Jinping"],
            where="Lima, Peru",
            when="2024-11-16",
            occasion="Asia-Pacific Economic Cooperation (APEC) summit",
        ),
        date="2024-11-15",
        template="leader-meeting",
        classification="UNCLASSIFIED // FOR OFFICIAL USE // DRAFT",
        generator="qwen2.5-0.5b-instruct",
        embedder="all-MiniLM-L6-v2",
        created="2024-11-15T09:30:00+00:00",
    )


def make_office_brief() -> Brief:
    """The sample as an office would send it: header variables, a BLUF, quoted wording.

    Adds a "Bottom line up front" section, author and addressee, marks the source
    sentences as quotations (`Statement.quote`), and mixes straight quotes, Greek and
    Cyrillic into the text so typography and fonts are exercised.
    """
    brief = make_sample_brief()
    brief.author = "East Asia desk (J. Doe)"
    brief.addressee = "The Secretary"
    for sec in brief.sections:
        sec.statements = [
            dataclasses.replace(st, quote=True) if st.status == STATUS_FALLBACK else st for st in sec.statements
        ]
    brief.section("context").statements.append(
        Statement(
            '"We expect this will be their last meeting as presidents," the official said.',
            [2],
            evidence=[(2, '"We expect this will be their last meeting as presidents," the official said.')],
            quote=True,
        )
    )
    brief.section("outlook").statements.insert(
        0,
        Statement(
            "Moscow's reaction («Коммерсантъ») and Athens' (Καθημερινή) will be watched; Beijing's won't be "
            'loud. **Tariffs** are the "first test".',
            [1],
            status=STATUS_USER,
        ),
    )
    brief.sections.insert(
        0,
        Section(
            key="bluf",
            heading="Bottom line up front",
            statements=[
                Statement(
                    "Biden's last meeting with Xi, in Lima on 16 November, is about a smooth handover, "
                    "not new deals; expect a push on North Korea's support for Russia.",
                    [1, 2, 5],
                )
            ],
        ),
    )
    return brief
