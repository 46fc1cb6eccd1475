"""Deterministic synthetic registers for a fictional partnership.

Every input table of the data contract is built here for "Northbrook Children's
Safeguarding Partnership" (about 70,000 children) over the reporting years 2021-22 to
2024-25. Nothing describes a real child, practitioner or agency.

The reviews, recommendations, indicators, year-end indicator values and the boundary-dated
business plan actions are written out by hand, so that the edge cases the suite must get
right (bank holidays inside the statutory timescales, an LCSPR published on its six-month
deadline, actions completed on the first and last day of a year) are the same whatever
the seed. The seed drives everything else: filler actions, quarterly indicator values,
staff figures and the training register. ``scale`` multiplies the training register and
the staff figures together, so reach stays realistic at any scale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import holidays
import numpy as np
import pandas as pd

from safeguarding_assurance.contract.schemas import SCHEMAS

__all__ = [
    "DATA_AS_AT",
    "DEFAULT_SEED",
    "DEMO_YEARS",
    "PARTNERSHIP_NAME",
    "PRIORITIES",
    "build_actions",
    "build_audits",
    "build_feedback",
    "build_funding",
    "build_indicator_values",
    "build_indicators",
    "build_national_actions",
    "build_recommendations",
    "build_reviews",
    "build_training",
    "build_workforce",
    "write_demo_data",
]

DEMO_YEARS: tuple[str, ...] = ("2021-22", "2022-23", "2023-24", "2024-25")
DEFAULT_SEED = 2025
PARTNERSHIP_NAME = "Northbrook Children's Safeguarding Partnership"
# The registers are cumulative and were "extracted" on this day: statuses describe it.
DATA_AS_AT = dt.date(2025, 6, 2)

PRIORITIES: tuple[tuple[str, str], ...] = (
    ("early_help", "Help vs harm: early help"),
    ("neglect", "Neglect"),
    ("harm_outside_home", "Harm outside the home: exploitation"),
)

# Column order of every file written: the contract's, from the one place it is defined.
COLUMNS: dict[str, tuple[str, ...]] = {
    schema.file_name: tuple(schema.column_names) for schema in SCHEMAS.values()
}

COUNCIL = "Northbrook Council"
TRUST = "Northbrook Children's Trust"
POLICE = "Mercia Vale Police"
ICB = "Northbrook and District ICB"
HOSPITALS = "Northbrook Hospitals NHS Trust"
SCHOOLS = "Northbrook Schools"
VOLUNTARY = "Northbrook Voluntary Sector Forum"
DENTAL = "Northbrook Community Dental Service"

# name, sector, staff in scope in 2021-22 (scale 1), training bookings per member of
# staff a year, e-learning share of bookings, index of the agency some of its staff also
# train with, last year index with a staff figure (the dental service sent none for
# 2024-25, so its reach is [z] that year).
_AGENCIES: tuple[tuple[str, str, int, float, float, int, int], ...] = (
    (COUNCIL, "local_authority", 1400, 1.10, 0.25, 1, 3),
    (TRUST, "childrens_trust", 950, 1.60, 0.20, 0, 3),
    (POLICE, "police", 1800, 0.55, 0.30, 0, 3),
    (ICB, "health", 450, 1.50, 0.25, 4, 3),
    (HOSPITALS, "health", 5200, 0.50, 0.45, 3, 3),
    (SCHOOLS, "education", 6500, 0.50, 0.45, 6, 3),
    (VOLUNTARY, "voluntary", 1100, 0.80, 0.30, 5, 3),
    (DENTAL, "health", 120, 0.80, 0.50, 4, 2),
)
_STAFF_GROWTH = (1.00, 1.01, 1.03, 1.04)
_BOOKING_GROWTH = (1.00, 1.06, 1.14, 1.22)
# Share of learners' window that leaves (and is replaced) each year.
_TURNOVER = 0.15
_DUAL_AGENCY_SHARE = 0.025

# course, topic, relative weight in each demo year
_E_LEARNING: tuple[tuple[str, str, tuple[float, ...]], ...] = (
    ("Neglect e-learning", "neglect", (40, 42, 44, 45)),
    ("Safeguarding children: foundation e-learning", "safeguarding_basics", (25, 24, 22, 20)),
    ("Child exploitation awareness e-learning", "exploitation", (12, 12, 12, 13)),
    ("Domestic abuse awareness e-learning", "domestic_abuse", (10, 10, 10, 10)),
    ("Early help: an introduction e-learning", "early_help", (8, 8, 7, 7)),
    ("Information sharing e-learning", "information_sharing", (5, 4, 5, 5)),
)
# course, topic, delivery, places per session, did-not-attend probability, weights
_SESSIONS: tuple[tuple[str, str, str, int, float, tuple[float, ...]], ...] = (
    (
        "Graded Care Profile 2 (GCP2) practitioner training",
        "gcp2",
        "face_to_face",
        16,
        0.07,
        (1.5, 1.8, 5.5, 6.0),
    ),
    (
        "Neglect: recognising and responding",
        "neglect",
        "virtual",
        40,
        0.11,
        (9, 9, 8, 8),
    ),
    (
        "Working with neglect: multi-agency workshop",
        "neglect",
        "face_to_face",
        24,
        0.085,
        (5, 5, 6, 6),
    ),
    (
        "Child exploitation and contextual safeguarding",
        "exploitation",
        "face_to_face",
        24,
        0.085,
        (7, 7, 8, 9),
    ),
    (
        "Missing children and return home conversations",
        "exploitation",
        "virtual",
        40,
        0.11,
        (4, 4, 5, 5),
    ),
    (
        "Early help assessment and team around the family",
        "early_help",
        "virtual",
        40,
        0.11,
        (8, 8, 8, 9),
    ),
    (
        "Help vs harm: thresholds and escalation briefing",
        "early_help",
        "briefing",
        80,
        0.12,
        (6, 6, 7, 8),
    ),
    (
        "Domestic abuse and coercive control",
        "domestic_abuse",
        "virtual",
        40,
        0.11,
        (9, 9, 8, 8),
    ),
    (
        "Information sharing and consent briefing",
        "information_sharing",
        "briefing",
        80,
        0.12,
        (6, 6, 6, 6),
    ),
    (
        "Hearing the voice of the child",
        "voice_of_child",
        "face_to_face",
        24,
        0.085,
        (6, 6, 7, 7),
    ),
    (
        "Multi-agency safeguarding children: level 3",
        "safeguarding_basics",
        "face_to_face",
        24,
        0.085,
        (14, 14, 12, 12),
    ),
    (
        "Learning from local child safeguarding practice reviews",
        "other",
        "briefing",
        80,
        0.12,
        (5, 5, 6, 7),
    ),
    (
        "Working Together 2023: what has changed",
        "other",
        "briefing",
        80,
        0.12,
        (0, 0, 6, 2),
    ),
)


def _year_bounds(year: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a ``YYYY-YY`` reporting year."""
    first = int(year[:4])
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


def _iso(values: Sequence[dt.date | None]) -> list[str]:
    """Format dates as ``YYYY-MM-DD``, blank for ``None``."""
    return [v.isoformat() if v is not None else "" for v in values]


def _d(text: str) -> dt.date:
    """Parse an ISO date written in the hand-made tables."""
    return dt.date.fromisoformat(text)


# --------------------------------------------------------------------------- reviews

# case_ref, aware, notified, rapid review, decision, LCSPR published, incident type,
# age, sex, ethnicity, themes. Working days are worked out in the comments (England and
# Wales bank holidays excluded) so the timeliness of each is visible at a glance.
_REVIEWS: tuple[tuple[str, ...], ...] = (
    # notify 3 wd; rapid review 12 wd (31 May 2021 bank holiday); published in 6 months.
    (
        "NB-2021-01",
        "2021-05-10",
        "2021-05-13",
        "2021-06-01",
        "lcspr",
        "2021-11-26",
        "serious_harm",
        "7",
        "female",
        "WBRI",
        "neglect;voice_of_child",
    ),
    # notify exactly 5 wd across the 30 Aug 2021 bank holiday; rapid review 14 wd.
    (
        "NB-2021-02",
        "2021-08-25",
        "2021-09-02",
        "2021-09-22",
        "no_lcspr",
        "",
        "death",
        "0",
        "male",
        "MWBC",
        "safer_sleep;parental_substance_misuse",
    ),
    # aware before Christmas: notify 7 wd (27, 28 Dec 2021 and 3 Jan 2022 out) = late;
    # rapid review exactly 15 wd.
    (
        "NB-2021-03",
        "2021-12-21",
        "2022-01-04",
        "2022-01-25",
        "national_review",
        "",
        "serious_harm",
        "15",
        "male",
        "BCRB",
        "exploitation;race_and_culture;information_sharing",
    ),
    # notified in March, rapid review in April across Easter 2022: 16 wd = late;
    # LCSPR published in 2022-23, within six months.
    (
        "NB-2021-04",
        "2022-03-21",
        "2022-03-24",
        "2022-04-19",
        "lcspr",
        "2022-10-14",
        "serious_harm",
        "3",
        "female",
        "WBRI",
        "neglect;domestic_abuse;escalation",
    ),
    # notify 3 wd across the 2-3 June 2022 bank holidays; rapid review 14 wd.
    (
        "NB-2022-01",
        "2022-05-30",
        "2022-06-06",
        "2022-06-24",
        "no_lcspr",
        "",
        "serious_harm",
        "12",
        "female",
        "AOTH",
        "parental_mental_health;voice_of_child",
    ),
    # notify 6 wd (19 Sep 2022 state funeral out) = late; rapid review 14 wd;
    # LCSPR published 19 May 2023, after its 11 Apr 2023 deadline (late, in 2023-24).
    (
        "NB-2022-02",
        "2022-09-12",
        "2022-09-21",
        "2022-10-11",
        "lcspr",
        "2023-05-19",
        "death",
        "16",
        "male",
        "MWBA",
        "exploitation;complex_family_dynamics",
    ),
    # notify 2 wd; rapid review 17 wd = late.
    (
        "NB-2022-03",
        "2022-11-14",
        "2022-11-16",
        "2022-12-09",
        "national_review",
        "",
        "serious_harm",
        "9",
        "male",
        "APKN",
        "non_accidental_injury;information_sharing",
    ),
    # notify 3 wd; rapid review 11 wd; LCSPR published within six months (2023-24).
    (
        "NB-2022-04",
        "2023-01-09",
        "2023-01-12",
        "2023-01-27",
        "lcspr",
        "2023-07-21",
        "serious_harm",
        "1",
        "female",
        "WBRI",
        "neglect;parental_substance_misuse;domestic_abuse",
    ),
    # notify 4 wd; rapid review 12 wd.
    (
        "NB-2022-05",
        "2023-03-02",
        "2023-03-08",
        "2023-03-24",
        "no_lcspr",
        "",
        "death",
        "17",
        "male",
        "OOTH",
        "exploitation",
    ),
    # notify exactly 5 wd across Easter 2023; rapid review exactly 15 wd (1 May out).
    (
        "NB-2023-01",
        "2023-04-04",
        "2023-04-13",
        "2023-05-05",
        "lcspr",
        "2023-11-03",
        "serious_harm",
        "4",
        "male",
        "WROM",
        "neglect;voice_of_child;race_and_culture",
    ),
    # rapid review 31 Aug 2023, published 29 Feb 2024: exactly on the six-month deadline.
    (
        "NB-2023-02",
        "2023-08-14",
        "2023-08-17",
        "2023-08-31",
        "lcspr",
        "2024-02-29",
        "serious_harm",
        "14",
        "female",
        "MWAS",
        "exploitation;voice_of_child;escalation",
    ),
    # notify 7 wd = late; rapid review exactly 15 wd.
    (
        "NB-2023-03",
        "2023-10-02",
        "2023-10-11",
        "2023-11-01",
        "no_lcspr",
        "",
        "death",
        "0",
        "unknown",
        "NOBT",
        "safer_sleep;parental_mental_health;neglect",
    ),
    # aware before Christmas 2023: notify 4 wd; rapid review exactly 15 wd (1 Jan out).
    (
        "NB-2023-04",
        "2023-12-20",
        "2023-12-28",
        "2024-01-19",
        "national_review",
        "",
        "serious_harm",
        "11",
        "female",
        "BAFR",
        "domestic_abuse;complex_family_dynamics;neglect",
    ),
    # 2024-25 has exactly these three notifications, all rapid reviews leading to LCSPRs.
    # Aware on 27 Mar 2024 (previous year), notified after Easter: 4 wd; rapid review 15.
    (
        "NB-2024-01",
        "2024-03-27",
        "2024-04-04",
        "2024-04-25",
        "lcspr",
        "2024-10-18",
        "serious_harm",
        "6",
        "male",
        "WBRI",
        "neglect;information_sharing;voice_of_child",
    ),
    # notify 7 wd = late; rapid review 19 wd = late; published 14 Mar 2025, after its
    # 28 Feb 2025 deadline.
    (
        "NB-2024-02",
        "2024-07-22",
        "2024-07-31",
        "2024-08-28",
        "lcspr",
        "2025-03-14",
        "death",
        "16",
        "female",
        "REFU",
        "exploitation;parental_mental_health;escalation",
    ),
    # aware before Christmas 2024: notify 4 wd; rapid review 15 wd (1 Jan out);
    # LCSPR not yet published when the registers were extracted.
    (
        "NB-2024-03",
        "2024-12-20",
        "2024-12-30",
        "2025-01-21",
        "lcspr",
        "",
        "serious_harm",
        "2",
        "male",
        "MOTH",
        "neglect;domestic_abuse;parental_substance_misuse",
    ),
    # notified in 2025-26, rapid review still pending at extraction; no themes yet.
    (
        "NB-2025-01",
        "2025-05-20",
        "2025-05-23",
        "",
        "pending",
        "",
        "serious_harm",
        "13",
        "female",
        "WBRI",
        "",
    ),
)


def build_reviews() -> pd.DataFrame:
    """Return the serious incident notifications register (hand-written, seed-free)."""
    return pd.DataFrame(list(_REVIEWS), columns=list(COLUMNS["reviews.csv"]), dtype="str")


# recommendation number, agency, due date, completed date ("" = open)
_RECOMMENDATIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "NB-2021-01": (
        (TRUST, "2022-02-26", "2022-02-16"),
        (POLICE, "2022-02-26", "2022-06-06"),  # overdue at the end of 2021-22
        (ICB, "2022-05-26", "2022-05-06"),
        (SCHOOLS, "2022-08-26", "2023-05-03"),  # overdue at the end of 2022-23
    ),
    "NB-2021-04": (
        (COUNCIL, "2023-01-14", "2023-01-09"),
        (HOSPITALS, "2023-04-14", "2023-05-14"),
        (VOLUNTARY, "2023-04-14", ""),  # never completed: overdue from 2023-24
    ),
    "NB-2022-02": (
        (POLICE, "2023-08-19", "2023-08-16"),
        (COUNCIL, "2023-09-19", "2023-11-18"),
        (TRUST, "2023-11-19", "2023-11-05"),
        (ICB, "2024-05-19", "2024-07-03"),
        (SCHOOLS, "2023-11-19", "2023-11-18"),
    ),
    "NB-2022-04": (
        (TRUST, "2023-10-21", "2023-10-14"),
        (HOSPITALS, "2024-01-21", "2024-04-20"),  # overdue at the end of 2023-24
        (COUNCIL, "2024-03-21", "2024-03-21"),
    ),
    "NB-2023-01": (
        (ICB, "2024-02-03", "2024-01-24"),
        (POLICE, "2024-05-03", "2024-04-03"),
        (TRUST, "2024-05-03", "2024-05-23"),
        (VOLUNTARY, "2024-08-03", ""),  # overdue at the end of 2024-25
    ),
    "NB-2023-02": (
        (SCHOOLS, "2024-05-29", "2024-05-24"),
        (COUNCIL, "2024-08-29", "2024-09-08"),
        (POLICE, "2025-02-28", ""),  # overdue at the end of 2024-25
        (HOSPITALS, "2025-03-31", "2025-04-01"),  # due on the last day, done the day after
    ),
    "NB-2024-01": (
        (TRUST, "2025-01-18", "2025-01-10"),
        (ICB, "2025-04-18", ""),  # open at the end of 2024-25, not overdue
        (POLICE, "2025-03-31", "2025-03-31"),  # completed on the last day of 2024-25
        (COUNCIL, "2025-06-30", ""),
    ),
    "NB-2024-02": (
        (SCHOOLS, "2025-06-14", ""),
        (VOLUNTARY, "2025-09-14", ""),
        (HOSPITALS, "2025-09-14", ""),
    ),
    # learning taken straight from the rapid review, before the LCSPR is published
    "NB-2024-03": (
        (TRUST, "2025-03-21", "2025-03-20"),
        (COUNCIL, "2025-03-28", ""),  # overdue at the end of 2024-25
    ),
}


def build_recommendations() -> pd.DataFrame:
    """Return the review recommendations register (hand-written, seed-free)."""
    rows = [
        (f"R-{case_ref}-{number}", case_ref, agency, due, done)
        for case_ref, recs in _RECOMMENDATIONS.items()
        for number, (agency, due, done) in enumerate(recs, start=1)
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS["recommendations.csv"]), dtype="str")


# --------------------------------------------------------------------------- actions

_ACTION_PREFIX = {"early_help": "EH", "neglect": "NG", "harm_outside_home": "HOH"}

# Fixed boundary cases: action_id, priority, description, lead agency, start, due,
# completed, status.
_BOUNDARY_ACTIONS: tuple[tuple[str, ...], ...] = (
    (
        "EH-2024-01",
        "early_help",
        "Publish the refreshed multi-agency threshold guidance",
        COUNCIL,
        "2024-09-02",
        "2025-03-31",
        "",
        "in_progress",
    ),  # due on the last day of 2024-25, not done: overdue
    (
        "EH-2024-02",
        "early_help",
        "Launch the early help front door in family hubs",
        TRUST,
        "2024-01-15",
        "2024-03-29",
        "2024-04-01",
        "complete",
    ),  # completed on the first day of 2024-25 (overdue at the end of 2023-24)
    (
        "EH-2024-03",
        "early_help",
        "Pilot a shared early help record with schools",
        SCHOOLS,
        "2024-05-01",
        "2024-12-31",
        "",
        "cancelled",
    ),
    (
        "EH-2024-04",
        "early_help",
        "Hold the annual early help partnership conference",
        VOLUNTARY,
        "2024-11-12",
        "2024-11-12",
        "2024-11-12",
        "complete",
    ),  # started, due and completed on the same day
    (
        "NG-2024-01",
        "neglect",
        "Roll out the neglect strategy to all schools",
        SCHOOLS,
        "2024-06-03",
        "2025-03-31",
        "2025-03-31",
        "complete",
    ),  # completed on the last day of 2024-25
    (
        "NG-2024-02",
        "neglect",
        "Embed GCP2 in health visiting and school nursing",
        HOSPITALS,
        "2024-07-01",
        "2025-02-28",
        "2025-04-01",
        "complete",
    ),  # completed the day after 2024-25 ended: overdue and carried forward at year end
    (
        "NG-2024-03",
        "neglect",
        "Audit of children's plans & escalation <12 months",
        TRUST,
        "2024-10-07",
        "2025-06-30",
        "",
        "in_progress",
    ),  # escaping test: apostrophe, ampersand, less-than
    (
        "HOH-2024-01",
        "harm_outside_home",
        "Launch the contextual safeguarding panel for 10-17 year olds",
        POLICE,
        "2025-03-31",
        "2025-09-30",
        "",
        "in_progress",
    ),  # started on the last day of 2024-25: on track
    (
        "HOH-2024-02",
        "harm_outside_home",
        "Agree a missing children protocol with neighbouring partnerships",
        COUNCIL,
        "2024-10-01",
        "2025-01-31",
        "",
        "not_started",
    ),  # past its due date and still not started: overdue
)

_ACTION_TEXT: dict[str, tuple[str, ...]] = {
    "early_help": (
        "Review the early help assessment form with practitioners",
        "Train family hub staff in the lead professional role",
        "Audit step-down from social care to early help",
        "Refresh the multi-agency levels of need guidance",
        "Map early help offers in each locality",
        "Publish an early help offer for parents on the partnership website",
        "Evaluate the family support workers pilot",
        "Survey families on their experience of early help",
        "Improve recording of consent in early help referrals",
        "Set up a monthly early help case discussion forum",
        "Develop early help dashboards for each agency",
        "Strengthen links between schools and family hubs",
        "Review re-referrals to children's social care",
        "Agree a shared definition of help and harm",
        "Deliver briefings on the threshold document to GPs",
        "Introduce an early help champions network",
        "Test a single point of contact for early help queries",
        "Embed the Family Help model in two localities",
        "Improve transitions from early years to school",
        "Report quarterly on early help performance to the executive",
        "Audit the quality of team around the family plans",
        "Co-produce early help leaflets with young people",
    ),
    "neglect": (
        "Refresh the multi-agency neglect strategy",
        "Deliver GCP2 licensed training to practitioners",
        "Audit the use of GCP2 in child protection plans",
        "Develop a neglect practice toolkit",
        "Set up GCP2 champions in each agency",
        "Review children on plans for neglect over 18 months",
        "Launch a neglect awareness campaign for the public",
        "Include neglect in school safeguarding audits",
        "Evaluate the impact of neglect training on practice",
        "Agree a tool for recording chronologies of neglect",
        "Hold a neglect learning week",
        "Review dental neglect referrals pathway",
        "Improve identification of neglect in health settings",
        "Run a multi-agency audit of neglect cases",
        "Publish a seven-minute briefing on neglect",
        "Strengthen the voice of the child in neglect assessments",
        "Embed neglect supervision prompts across agencies",
        "Review housing and neglect information sharing",
        "Develop a neglect dataset for the scorecard",
        "Report on GCP2 assessments to the executive",
        "Track repeat child protection plans for neglect",
        "Work with adult services on parental capacity and neglect",
    ),
    "harm_outside_home": (
        "Refresh the child exploitation strategy",
        "Improve return home interview completion",
        "Map places and spaces of concern with community partners",
        "Deliver exploitation awareness training for taxi drivers",
        "Set up a multi-agency child exploitation panel",
        "Audit missing episodes and return home interviews",
        "Develop a transitional safeguarding protocol",
        "Review the child exploitation screening tool",
        "Work with schools on county lines awareness",
        "Launch disruption planning for exploitation hotspots",
        "Improve information sharing on missing children",
        "Evaluate the youth outreach service",
        "Strengthen links with the Youth Justice Service",
        "Deliver online harms briefings to parents",
        "Review the use of National Referral Mechanism referrals",
        "Co-produce exploitation resources with young people",
        "Hold a harm outside the home learning event",
        "Develop contextual safeguarding assessments",
        "Report exploitation data quarterly to the executive",
        "Work with licensed premises on exploitation awareness",
        "Agree a trauma-informed approach for exploited children",
        "Audit multi-agency responses to criminal exploitation",
    ),
}
_LEAD_AGENCIES = (COUNCIL, TRUST, POLICE, ICB, HOSPITALS, SCHOOLS, VOLUNTARY)


def build_actions(rng: np.random.Generator) -> pd.DataFrame:
    """Return the business plan actions register: random filler plus fixed boundary cases."""
    rows: list[tuple[str, ...]] = []
    fixed_by_key: dict[tuple[str, int], list[tuple[str, ...]]] = {}
    for row in _BOUNDARY_ACTIONS:
        fixed_by_key.setdefault((row[1], int(row[0].split("-")[1])), []).append(row)
    for priority, _name in PRIORITIES:
        prefix = _ACTION_PREFIX[priority]
        texts = _ACTION_TEXT[priority]
        for year in DEMO_YEARS:
            first_day, _last_day = _year_bounds(year)
            fixed = fixed_by_key.get((priority, first_day.year), [])
            rows.extend(fixed)
            n_filler = int(rng.integers(12, 19)) - len(fixed)
            picks = rng.permutation(len(texts))[:n_filler]
            for offset, pick in enumerate(picks, start=len(fixed) + 1):
                start = first_day + dt.timedelta(days=int(rng.beta(1.3, 3.0) * 364))
                due = start + dt.timedelta(days=int(rng.integers(60, 400)))
                lead = _LEAD_AGENCIES[int(rng.integers(0, len(_LEAD_AGENCIES)))]
                draw = rng.random()
                done = max(start, due + dt.timedelta(days=int(rng.integers(-90, 150))))
                completed: dt.date | None = None
                if draw < 0.05:
                    status = "cancelled"
                elif done <= DATA_AS_AT and draw < 0.93:
                    status, completed = "complete", done
                else:
                    status = "not_started" if rng.random() < 0.15 else "in_progress"
                rows.append(
                    (
                        f"{prefix}-{first_day.year}-{offset:02d}",
                        priority,
                        texts[int(pick)],
                        lead,
                        start.isoformat(),
                        due.isoformat(),
                        completed.isoformat() if completed else "",
                        status,
                    )
                )
    return pd.DataFrame(rows, columns=list(COLUMNS["actions.csv"]), dtype="str")


# ------------------------------------------------------------------------ indicators

# indicator_id, priority, name, unit, polarity
_INDICATORS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "EH01",
        "early_help",
        "Early help assessments completed (year to date)",
        "count",
        "higher_is_better",
    ),
    (
        "EH02",
        "early_help",
        "Re-referrals to children's social care within 12 months",
        "percent",
        "lower_is_better",
    ),
    (
        "EH03",
        "early_help",
        "Families stepped down from social care to early help (year to date)",
        "count",
        "higher_is_better",
    ),
    (
        "EH04",
        "early_help",
        "Children in need",
        "rate_per_10k",
        "lower_is_better",
    ),
    (
        "NG01",
        "neglect",
        "Children subject to a child protection plan",
        "rate_per_10k",
        "lower_is_better",
    ),
    (
        "NG02",
        "neglect",
        "Child protection plans lasting two years or more",
        "percent",
        "lower_is_better",
    ),
    (
        "NG03",
        "neglect",
        "Average days from neglect referral to completed GCP2 assessment",
        "days",
        "lower_is_better",
    ),
    (
        "NG04",
        "neglect",
        "Children on a plan for neglect with a GCP2 assessment",
        "percent",
        "higher_is_better",
    ),
    (
        "HOH01",
        "harm_outside_home",
        "Missing episodes with a return home interview offered within 72 hours",
        "percent",
        "higher_is_better",
    ),
    (
        "HOH02",
        "harm_outside_home",
        "Missing from home or care episodes (year to date)",
        "count",
        "lower_is_better",
    ),
    (
        "HOH03",
        "harm_outside_home",
        "Average days from exploitation screening to multi-agency panel",
        "days",
        "lower_is_better",
    ),
    (
        "HOH04",
        "harm_outside_home",
        "Children open to the exploitation team with a safety plan",
        "percent",
        "higher_is_better",
    ),
)

# Year-end (31 March) value, target and England comparator for each demo year; None for
# a blank. These fix the direction of travel and target results the report shows; the
# other three quarters are drawn around them.
_YEAR_END: dict[str, tuple[tuple[float, float | None, float | None] | None, ...]] = {
    # 2024-25: improved, target met
    "EH01": ((1820, 1800, None), (1945, 1900, None), (2110, 2200, None), (2260, 2200, None)),
    # 2024-25: no change (18.6 both years), target met
    "EH02": ((21.4, 20.0, 21.5), (19.8, 20.0, 22.4), (18.6, 20.0, 22.1), (18.6, 20.0, 21.8)),
    # no target at all; 2024-25: declined
    "EH03": ((210, None, None), (265, None, None), (240, None, None), (198, None, None)),
    # 2024-25: declined, target not met
    "EH04": (
        (318.2, 320.0, 334.3),
        (326.5, 320.0, 342.7),
        (331.0, 320.0, 332.9),
        (342.7, 320.0, 333.6),
    ),
    # 2024-25: improved, target met
    "NG01": ((44.1, 42.0, 42.1), (46.8, 42.0, 42.1), (42.3, 42.0, 43.2), (39.5, 42.0, 41.6)),
    # 2024-25: declined, target not met
    "NG02": ((3.2, 4.0, 3.7), (4.1, 4.0, 3.8), (5.6, 4.0, 4.1), (6.3, 4.0, 4.3)),
    # 2024-25: improved, target met (29 <= 30)
    "NG03": ((48, 35, None), (41, 35, None), (37, 30, None), (29, 30, None)),
    # new in 2024-25: no comparison, target not met
    "NG04": (None, None, None, (71.4, 75.0, None)),
    # 2024-25: declined, target not met
    "HOH01": ((58.3, 80.0, None), (64.0, 80.0, None), (71.2, 80.0, None), (68.9, 80.0, None)),
    # 2024-25: improved, target met exactly (1150 <= 1150)
    "HOH02": ((1240, 1200, None), (1315, 1200, None), (1188, 1150, None), (1150, 1150, None)),
    # 2024-25: declined, target not met
    "HOH03": ((21, 15, None), (18, 15, None), (16, 15, None), (17, 15, None)),
    # 2024-25: improved, target met
    "HOH04": ((81.0, 90.0, None), (85.5, 90.0, None), (88.0, 90.0, None), (92.3, 90.0, None)),
}
# The new indicator's first three quarters of 2024-25.
_NG04_EARLY_QUARTERS = (42.0, 55.5, 63.0)


def build_indicators() -> pd.DataFrame:
    """Return the scorecard indicator definitions (hand-written, seed-free)."""
    return pd.DataFrame(list(_INDICATORS), columns=list(COLUMNS["indicators.csv"]), dtype="str")


def _format_value(value: float | None, unit: str) -> str:
    """Format an indicator value: whole numbers for counts and days, else one decimal."""
    if value is None:
        return ""
    if unit in ("count", "days"):
        return str(round(value))
    return f"{value:.1f}"


def build_indicator_values(rng: np.random.Generator) -> pd.DataFrame:
    """Return quarterly indicator values with fixed year ends and seeded other quarters."""
    rows: list[tuple[str, str, str, str, str]] = []
    for indicator_id, _priority, _name, unit, _polarity in _INDICATORS:
        previous: float | None = None
        for year_index, year in enumerate(DEMO_YEARS):
            entry = _YEAR_END[indicator_id][year_index]
            if entry is None:
                continue
            year_end, target, england = entry
            first = int(year[:4])
            quarter_ends = (
                dt.date(first, 6, 30),
                dt.date(first, 9, 30),
                dt.date(first, 12, 31),
                dt.date(first + 1, 3, 31),
            )
            values: list[float] = []
            for quarter in range(3):
                if indicator_id == "NG04":
                    values.append(_NG04_EARLY_QUARTERS[quarter])
                elif unit == "count":
                    # year-to-date counts build up through the year
                    share = (quarter + 1) / 4 + rng.uniform(-0.025, 0.025)
                    values.append(year_end * share)
                else:
                    start = previous if previous is not None else year_end * 1.03
                    level = start + (year_end - start) * (quarter + 1) / 4
                    values.append(level * (1 + rng.normal(0, 0.03)))
            if unit == "percent":
                values = [min(max(v, 0.0), 100.0) for v in values]
            values.append(year_end)
            for quarter, period_end in enumerate(quarter_ends):
                rows.append(
                    (
                        indicator_id,
                        period_end.isoformat(),
                        _format_value(values[quarter], unit),
                        _format_value(target, unit),
                        _format_value(england if quarter == 3 else None, unit),
                    )
                )
            previous = year_end
    return pd.DataFrame(rows, columns=list(COLUMNS["indicator_values.csv"]), dtype="str")


# ------------------------------------------------------------------ workforce, training


def _staff_base(agency_index: int, year_index: int, scale: float) -> int:
    """Return the unperturbed staff figure an agency's training volume is built on."""
    base = _AGENCIES[agency_index][2]
    return max(1, round(base * _STAFF_GROWTH[year_index] * scale))


def build_workforce(rng: np.random.Generator, scale: float = 1.0) -> pd.DataFrame:
    """Return staff in scope per agency and year; the dental service has none for 2024-25."""
    rows: list[tuple[str, str, str, int]] = []
    for year_index, year in enumerate(DEMO_YEARS):
        for agency_index, (name, sector, *_rest, last_year) in enumerate(_AGENCIES):
            noise = 1 + rng.normal(0, 0.015)
            if year_index > last_year:
                continue
            staff = round(_staff_base(agency_index, year_index, scale) * noise)
            rows.append((year, name, sector, max(staff, 1)))
    frame = pd.DataFrame(rows, columns=list(COLUMNS["workforce.csv"]))
    return frame.astype({"reporting_year": "str", "agency": "str", "sector": "str"})


def _working_days(first: dt.date, last: dt.date) -> np.ndarray:
    """Return Monday-to-Friday non-bank-holiday days between two dates as day numbers."""
    days = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + np.timedelta64(1, "D"))
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(first.year, last.year + 1))
    is_holiday = np.isin(days, np.array(sorted(bank), dtype="datetime64[D]"))
    weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday (3)
    return days[(weekday < 5) & ~is_holiday].astype(np.int64)


def build_training(rng: np.random.Generator, scale: float = 1.0) -> pd.DataFrame:
    """Return the training register (bookings and e-learning), vectorised over rows."""
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    n_agencies = len(_AGENCIES)
    # Each agency has a pool of learners; a sliding window of them is in post each year,
    # so learners recur across years while some leave and others join.
    windows = [max(_staff_base(a, 3, scale), 1) for a in range(n_agencies)]
    shifts = [round(w * _TURNOVER) for w in windows]
    pool_sizes = [w + 3 * s for w, s in zip(windows, shifts, strict=True)]
    pool_offsets = np.concatenate([[0], np.cumsum(pool_sizes)[:-1]])
    n_learners = int(sum(pool_sizes))
    # Some people train far more than others (gamma-distributed appetite).
    appetite = [rng.gamma(0.8, 1.0, size) for size in pool_sizes]
    # Learner numbers are shuffled so that they do not reveal the agency.
    learner_number = rng.permutation(n_learners) + 1

    years, agencies, learners, is_el = [], [], [], []
    for year_index in range(len(DEMO_YEARS)):
        for a, (_n, _s, base, rate, el_share, _p, _l) in enumerate(_AGENCIES):
            n = round(base * scale * rate * _BOOKING_GROWTH[year_index])
            if n == 0:
                continue
            start = year_index * shifts[a]
            weights = appetite[a][start : start + windows[a]]
            picks = rng.choice(windows[a], size=n, p=weights / weights.sum())
            learners.append(pool_offsets[a] + start + picks)
            years.append(np.full(n, year_index, dtype=np.int64))
            agencies.append(np.full(n, a, dtype=np.int64))
            is_el.append(np.arange(n) < round(n * el_share))
    if not years:  # a scale so small that no agency has a booking
        return pd.DataFrame({name: pd.Series(dtype="str") for name in COLUMNS["training.csv"]})
    year = np.concatenate(years)
    agency = np.concatenate(agencies)
    learner = np.concatenate(learners)
    elearning = np.concatenate(is_el)
    n_rows = len(year)

    # A few staff also train with a second agency (dual roles, secondments).
    dual = rng.random(n_rows) < _DUAL_AGENCY_SHARE
    partner = np.array([row[5] for row in _AGENCIES])
    agency = np.where(dual, partner[agency], agency)

    # Courses: e-learning courses indexed first, then the sessions.
    n_el_courses = len(_E_LEARNING)
    course = np.empty(n_rows, dtype=np.int64)
    day = np.empty(n_rows, dtype=np.int64)
    did_not_attend = np.zeros(n_rows, dtype=bool)
    for year_index, year_label in enumerate(DEMO_YEARS):
        first_day, last_day = _year_bounds(year_label)
        first_num = (first_day - dt.date(1970, 1, 1)).days
        n_days = (last_day - first_day).days + 1
        workdays = _working_days(first_day, last_day)
        in_year = year == year_index
        el_rows = np.flatnonzero(in_year & elearning)
        p = np.array([c[2][year_index] for c in _E_LEARNING], dtype=float)
        course[el_rows] = rng.choice(n_el_courses, size=len(el_rows), p=p / p.sum())
        day[el_rows] = first_num + rng.integers(0, n_days, size=len(el_rows))
        session_rows = np.flatnonzero(in_year & ~elearning)
        p = np.array([c[5][year_index] for c in _SESSIONS], dtype=float)
        picked = rng.choice(len(_SESSIONS), size=len(session_rows), p=p / p.sum())
        course[session_rows] = n_el_courses + picked
        for index, (_c, _t, _d, places, dna, _w) in enumerate(_SESSIONS):
            rows = session_rows[picked == index]
            if len(rows) == 0:
                continue
            n_sessions = max(2, -(-len(rows) // places))
            sessions = np.sort(
                rng.choice(workdays, size=n_sessions, replace=n_sessions > len(workdays))
            )
            day[rows] = sessions[rng.integers(0, n_sessions, size=len(rows))]
            did_not_attend[rows] = rng.random(len(rows)) < dna

    # Confidence before and after, from evaluations of some completed sessions.
    delivery_names = np.array(
        ["e_learning"] * n_el_courses + [c[2] for c in _SESSIONS], dtype=object
    )
    delivery = delivery_names[course]
    evaluated = (
        ~elearning
        & ~did_not_attend
        & (rng.random(n_rows) < np.where(delivery == "briefing", 0.3, 0.6))
    )
    before = rng.choice(5, size=n_rows, p=[0.08, 0.30, 0.40, 0.18, 0.04]) + 1
    change = rng.choice(np.array([-1, 0, 1, 2]), size=n_rows, p=[0.05, 0.25, 0.50, 0.20])
    after = np.clip(before + change, 1, 5)
    which = rng.random(n_rows)  # 84% both scores, 9% before only, 7% after only
    has_before = evaluated & (which < 0.93)
    has_after = evaluated & ((which < 0.84) | (which >= 0.93))

    # Stable order: by date, then course, agency and learner; ids follow that order.
    order = np.lexsort((learner_number[learner], agency, course, day))
    course_names = np.array([c[0] for c in _E_LEARNING] + [c[0] for c in _SESSIONS], dtype=object)
    topics = np.array([c[1] for c in _E_LEARNING] + [c[1] for c in _SESSIONS], dtype=object)
    agency_names = np.array([row[0] for row in _AGENCIES], dtype=object)
    sectors = np.array([row[1] for row in _AGENCIES], dtype=object)
    id_width = max(7, len(str(n_rows)))
    learner_width = max(6, len(str(n_learners)))
    course, agency, learner = course[order], agency[order], learner[order]
    return pd.DataFrame(
        {
            "record_id": pd.Series(np.arange(1, n_rows + 1))
            .astype("str")
            .str.zfill(id_width)
            .radd("T"),
            "learner_id": pd.Series(learner_number[learner])
            .astype("str")
            .str.zfill(learner_width)
            .radd("L"),
            "course": pd.Series(course_names[course], dtype="str"),
            "topic": pd.Series(topics[course], dtype="str"),
            "delivery": pd.Series(delivery[order], dtype="str"),
            "agency": pd.Series(agency_names[agency], dtype="str"),
            "sector": pd.Series(sectors[agency], dtype="str"),
            "date": pd.Series(
                np.datetime_as_string(day[order].astype("datetime64[D]"), unit="D"),
                dtype="str",
            ),
            "outcome": pd.Series(
                np.where(did_not_attend[order], "did_not_attend", "completed"), dtype="str"
            ),
            "confidence_before": pd.arrays.IntegerArray(before[order], ~has_before[order]),
            "confidence_after": pd.arrays.IntegerArray(after[order], ~has_after[order]),
        }
    )


# ------------------------------------------------------------------ optional registers

# audit_id, theme, completed, cases audited, actions agreed. Ratings and the actions
# completed so far are drawn from the seed; the dates and sizes are fixed, so the
# boundary cases are the same for every seed.
_AUDITS: tuple[tuple[str, str, str, int, int], ...] = (
    ("AUD-2021-01", "neglect", "2021-06-30", 8, 5),
    ("AUD-2021-02", "domestic_abuse", "2021-09-29", 6, 4),
    ("AUD-2021-03", "exploitation", "2021-12-15", 7, 4),
    ("AUD-2021-04", "voice_of_child", "2022-03-23", 6, 3),
    ("AUD-2022-01", "information_sharing", "2022-05-25", 8, 6),
    ("AUD-2022-02", "neglect", "2022-09-28", 10, 5),
    ("AUD-2022-03", "safer_sleep", "2022-12-07", 5, 0),  # no actions agreed
    ("AUD-2022-04", "escalation", "2023-03-15", 6, 4),
    ("AUD-2023-01", "exploitation", "2023-06-21", 8, 5),
    ("AUD-2023-02", "parental_mental_health", "2023-09-27", 6, 4),
    ("AUD-2023-03", "neglect", "2023-12-13", 10, 6),
    ("AUD-2023-04", "complex_family_dynamics", "2024-02-21", 7, 4),
    ("AUD-2023-05", "voice_of_child", "2024-03-31", 6, 3),  # the last day of 2023-24
    ("AUD-2024-01", "neglect", "2024-04-01", 10, 6),  # the first day of 2024-25
    ("AUD-2024-02", "race_and_culture", "2024-07-10", 8, 5),
    ("AUD-2024-03", "exploitation", "2024-10-16", 8, 4),
    ("AUD-2024-04", "domestic_abuse", "2025-01-22", 6, 4),
    ("AUD-2024-05", "information_sharing", "2025-03-31", 8, 5),  # the last day of 2024-25
    ("AUD-2025-01", "neglect", "2025-05-21", 6, 3),  # after the last demo year
)
# Chance of each rating (good, requires improvement, inadequate) by the audit's year, and
# the share of its actions completed by the day the registers were extracted.
_RATING_CHANCES = {
    2021: (0.35, 0.45, 0.20),
    2022: (0.40, 0.45, 0.15),
    2023: (0.45, 0.43, 0.12),
    2024: (0.55, 0.37, 0.08),
    2025: (0.55, 0.37, 0.08),
}
_ACTIONS_DONE = {2021: 1.0, 2022: 0.95, 2023: 0.85, 2024: 0.55, 2025: 0.0}


def build_audits(rng: np.random.Generator) -> pd.DataFrame:
    """Return the multi-agency audits register: fixed dates and sizes, seeded ratings."""
    rows = []
    for audit_id, theme, completed, cases, agreed in _AUDITS:
        day = _d(completed)
        year = day.year - (day.month < 4)
        good, improve, inadequate = (int(n) for n in rng.multinomial(cases, _RATING_CHANCES[year]))
        done = int(rng.binomial(agreed, _ACTIONS_DONE[year])) if agreed else 0
        rows.append((audit_id, theme, completed, cases, good, improve, inadequate, agreed, done))
    frame = pd.DataFrame(rows, columns=list(COLUMNS["audits.csv"]))
    return frame.astype({"audit_id": "str", "theme": "str", "completed_date": "str"})


# reporting_year, agency, sector, kind ("" is blank: cash), amount. Hand-written: 2023-24
# falls exactly 2.25% on 2022-23 (400,000.00 to 391,000.00, shown -2.3), and 2024-25 totals
# 412,345.50, which rounds half up to 412,346.
_FUNDING: tuple[tuple[str, str, str, str, str], ...] = (
    ("2021-22", COUNCIL, "local_authority", "cash", "160000.00"),
    ("2021-22", POLICE, "police", "cash", "80000.00"),
    ("2021-22", ICB, "health", "cash", "96000.00"),
    ("2021-22", TRUST, "childrens_trust", "in_kind", "24000.00"),
    ("2021-22", SCHOOLS, "education", "cash", "24000.00"),
    ("2022-23", COUNCIL, "local_authority", "cash", "165000.00"),
    ("2022-23", POLICE, "police", "cash", "82000.00"),
    ("2022-23", ICB, "health", "cash", "99000.00"),
    ("2022-23", TRUST, "childrens_trust", "in_kind", "26000.00"),
    ("2022-23", SCHOOLS, "education", "cash", "28000.00"),
    ("2023-24", COUNCIL, "local_authority", "cash", "161000.00"),
    ("2023-24", POLICE, "police", "", "80000.00"),
    ("2023-24", ICB, "health", "cash", "98000.00"),
    ("2023-24", TRUST, "childrens_trust", "in_kind", "24500.00"),
    ("2023-24", SCHOOLS, "education", "cash", "27500.00"),
    ("2024-25", COUNCIL, "local_authority", "", "168000.25"),
    ("2024-25", COUNCIL, "local_authority", "in_kind", "6500.00"),
    ("2024-25", POLICE, "police", "cash", "84000.00"),
    ("2024-25", ICB, "health", "", "101000.25"),
    ("2024-25", TRUST, "childrens_trust", "in_kind", "25845.00"),
    ("2024-25", SCHOOLS, "education", "cash", "27000.00"),
    ("2024-25", DENTAL, "health", "cash", "0.00"),  # a row of 0: not a contribution
)


def build_funding() -> pd.DataFrame:
    """Return the partners' contributions register (hand-written, seed-free)."""
    return pd.DataFrame(list(_FUNDING), columns=list(COLUMNS["funding.csv"]), dtype="str")


# Titles after the National Panel's and the government's national reviews; publication
# dates are illustrative. "The Myth of Invisible Men" differs from "The myth of invisible
# men" by its capitals, as a second agency typed it: the contract counts it as another
# review.
_SUDI = (
    "Out of routine: a review of sudden unexpected death in infancy in families where the "
    "children are considered at risk of significant harm"
)
_ESCAPE = "It was hard to escape: safeguarding children at risk from criminal exploitation"
_MYTH = (
    "The myth of invisible men: safeguarding children under 1 from non-accidental injury "
    "caused by male carers"
)
_MYTH_CAPITALS = (
    "The Myth of Invisible Men: safeguarding children under 1 from non-accidental injury "
    "caused by male carers"
)
_CPIE = "Child Protection in England: national review"
_RESIDENTIAL = (
    "Safeguarding children with disabilities and complex health needs in residential settings"
)
_SILENT = "It's Silent: race, racism and safeguarding children"
_PANEL_2025 = "Child Safeguarding Practice Review Panel annual report 2024 to 2025"

# action_id, review, published, action, lead agency, due, completed ("" = not yet)
_NATIONAL_ACTIONS: tuple[tuple[str, ...], ...] = (
    (
        "NA-01",
        _ESCAPE,
        "2020-03-24",
        "Map criminal exploitation risks across the partnership",
        POLICE,
        "2021-03-31",
        "2021-02-26",
    ),  # completed before the first demo year
    (
        "NA-02",
        _ESCAPE,
        "2020-03-24",
        "Add exploitation screening to the early help assessment",
        COUNCIL,
        "2021-09-30",
        "2021-10-29",
    ),
    (
        "NA-03",
        _SUDI,
        "2020-07-14",
        "Talk about safer sleep at every health visitor contact",
        ICB,
        "2021-06-30",
        "2021-06-15",
    ),
    (
        "NA-04",
        _SUDI,
        "2020-07-14",
        "Run joint safer sleep training for social care and health",
        TRUST,
        "2022-03-31",
        "2022-04-01",
    ),  # due on the last day, done the day after
    (
        "NA-05",
        _MYTH,
        "2021-09-16",
        "Include fathers and male carers in every pre-birth assessment",
        TRUST,
        "2022-06-30",
        "2022-06-30",
    ),
    (
        "NA-06",
        _MYTH,
        "2021-09-16",
        "Record male carers in maternity records at booking",
        HOSPITALS,
        "2022-12-31",
        "2023-03-31",
    ),
    (
        "NA-07",
        _MYTH_CAPITALS,
        "2021-09-16",
        "Brief maternity staff on risks from male carers",
        HOSPITALS,
        "2022-09-30",
        "2022-11-18",
    ),
    (
        "NA-08",
        _CPIE,
        "2022-05-25",
        "Set up a multi-agency child protection team",
        COUNCIL,
        "2024-03-31",
        "2024-03-28",
    ),  # completed just before 2024-25
    (
        "NA-09",
        _CPIE,
        "2022-05-25",
        "Review how concerns raised by relatives are recorded",
        POLICE,
        "2023-03-31",
        "2023-05-12",
    ),
    (
        "NA-10",
        _CPIE,
        "2022-05-25",
        "Train police and social workers together on strategy discussions",
        POLICE,
        "2024-09-30",
        "2024-04-01",
    ),  # completed on the first day of 2024-25
    (
        "NA-11",
        _RESIDENTIAL + ": Phase 1",
        "2022-10-26",
        "Review every child placed in a residential special school",
        COUNCIL,
        "2023-03-31",
        "2023-02-24",
    ),
    (
        "NA-12",
        _RESIDENTIAL + ": Phase 1",
        "2022-10-26",
        "Visit residential settings with health and education partners",
        ICB,
        "2024-12-31",
        "",
    ),
    (
        "NA-13",
        _RESIDENTIAL + ": Phase 2",
        "2023-04-20",
        "Agree quality standards for placements outside the area",
        COUNCIL,
        "2025-03-31",
        "2025-04-01",
    ),  # due on the last day of 2024-25, done the day after: overdue
    (
        "NA-14",
        _RESIDENTIAL + ": Phase 2",
        "2023-04-20",
        "Train practitioners on the needs of disabled children",
        TRUST,
        "2024-06-30",
        "2024-06-28",
    ),
    (
        "NA-15",
        _SILENT,
        "2025-03-31",
        "Audit how ethnicity and identity are recorded in reviews",
        COUNCIL,
        "2025-09-30",
        "",
    ),  # published on the last day of 2024-25
    (
        "NA-16",
        _SILENT,
        "2025-03-31",
        "Run learning events on race and racism in safeguarding",
        TRUST,
        "2025-12-31",
        "",
    ),
    (
        "NA-17",
        _PANEL_2025,
        "2025-05-15",
        "Share the Panel's findings with the executive",
        COUNCIL,
        "2025-07-31",
        "",
    ),  # published after the last demo year
)


def build_national_actions() -> pd.DataFrame:
    """Return the register of actions on national reviews (hand-written, seed-free)."""
    return pd.DataFrame(
        list(_NATIONAL_ACTIONS), columns=list(COLUMNS["national_actions.csv"]), dtype="str"
    )


# activity_id, date, group, method, (fewest, most) participants drawn from the seed,
# summary, change made ("" = nothing yet; "   " = spaces only, also nothing yet).
_FEEDBACK: tuple[tuple[str, str, str, str, tuple[int, int], str, str], ...] = (
    (
        "FB-2021-01",
        "2021-05-20",
        "young_people",
        "survey",
        (60, 120),
        "Young people said the safeguarding leaflets were too long and used words they would "
        "not use.",
        "A young people's advisory group now reviews what the partnership writes for them.",
    ),
    (
        "FB-2021-02",
        "2021-07-08",
        "parents_carers",
        "focus_group",
        (6, 12),
        "Parents said child protection conference reports arrived too late to read properly.",
        "Reports are now shared with parents at least three working days before a conference.",
    ),
    (
        "FB-2021-03",
        "2021-10-14",
        "children",
        "consultation",
        (20, 40),
        "Primary school children said they would talk to a teacher they trust before anyone else.",
        "",
    ),
    (
        "FB-2021-04",
        "2022-01-27",
        "young_people",
        "advocacy",
        (10, 20),
        "Young people in care asked to keep the same social worker for longer.",
        "Changes of social worker are now tracked and reported to the partnership.",
    ),
    (
        "FB-2021-05",
        "2022-03-10",
        "parents_carers",
        "complaint",
        (3, 8),
        "Parents did not know who to contact out of hours.",
        "The out-of-hours number is now on every letter and plan.",
    ),
    (
        "FB-2022-01",
        "2022-04-21",
        "young_people",
        "focus_group",
        (8, 14),
        "Young people who had been missing said the return home conversation felt like being "
        "told off.",
        "Return home interviews are now offered by a worker the young person already knows.",
    ),
    (
        "FB-2022-02",
        "2022-06-16",
        "children",
        "survey",
        (150, 260),
        "Children said they feel safest when adults explain what will happen next.",
        "",
    ),
    (
        "FB-2022-03",
        "2022-10-06",
        "parents_carers",
        "consultation",
        (20, 40),
        "Parents found the early help assessment form hard to follow.",
        "The early help assessment form was shortened and rewritten in plain English.",
    ),
    (
        "FB-2022-04",
        "2023-01-19",
        "young_people",
        "other",
        (15, 30),
        "Young people asked for online safety sessions led by other young people.",
        "Peer-led online safety sessions were piloted in two secondary schools.",
    ),
    (
        "FB-2022-05",
        "2023-03-02",
        "parents_carers",
        "complaint",
        (4, 10),
        "Parents said nobody told them the outcome of a referral they made.",
        "",
    ),
    (
        "FB-2023-01",
        "2023-05-11",
        "young_people",
        "survey",
        (90, 150),
        "Young people said they did not know what happens after they tell someone.",
        "A short guide for young people explains each step after a referral.",
    ),
    (
        "FB-2023-02",
        "2023-07-13",
        "children",
        "focus_group",
        (10, 20),
        "Children in a special school said adults talk about them rather than to them.",
        "Reviews in special schools now start by asking the child.",
    ),
    (
        "FB-2023-03",
        "2023-11-09",
        "parents_carers",
        "consultation",
        (25, 45),
        "Parents said early help felt like being judged rather than helped.",
        "",
    ),
    (
        "FB-2023-04",
        "2024-02-15",
        "young_people",
        "advocacy",
        (12, 24),
        "Care leavers said they were not told about support they could still have.",
        "Every care leaver now gets a written local offer at eighteen.",
    ),
    (
        "FB-2024-01",
        "2024-04-01",
        "young_people",
        "focus_group",
        (8, 14),
        "The advisory group said the new early help leaflets were clearer, but still too long "
        "to read on a phone.",
        "The leaflets became a short web page that works on a phone.",
    ),
    (
        "FB-2024-02",
        "2024-06-20",
        "children",
        "survey",
        (200, 320),
        "Children rated 'feeling listened to' at school below 3 out of 5 in two schools & "
        "higher elsewhere; some said adults <only listen when you cry>.",
        "'Worried about a friend?' posters & assemblies in every primary school.",
    ),
    (
        "FB-2024-03",
        "2024-09-12",
        "parents_carers",
        "consultation",
        (30, 50),
        "Parents who had been through child protection conferences said the language made "
        "them feel judged.",
        "Conference reports are written in plain English, and parents are asked at the end "
        "what they understood.",
    ),
    (
        "FB-2024-04",
        "2024-11-21",
        "young_people",
        "advocacy",
        (15, 25),
        "Young people at risk of exploitation want one trusted adult, not a new worker each time.",
        "   ",
    ),
    (
        "FB-2024-05",
        "2025-01-16",
        "parents_carers",
        "survey",
        (0, 0),
        "An online survey for fathers and male carers received no responses.",
        "",
    ),
    (
        "FB-2024-06",
        "2025-02-27",
        "children",
        "consultation",
        (25, 40),
        "Disabled children said they are rarely asked for their views directly.",
        "",
    ),
    (
        "FB-2024-07",
        "2025-03-31",
        "young_people",
        "focus_group",
        (8, 14),
        "Young people read a draft of this report and asked for a shorter summary.",
        "A one-page summary for young people is published with this report.",
    ),
    (
        "FB-2025-01",
        "2025-05-15",
        "children",
        "survey",
        (150, 250),
        "Children said they want more trusted adults in school at lunchtime.",
        "",
    ),
)


def build_feedback(rng: np.random.Generator) -> pd.DataFrame:
    """Return the feedback register: fixed activities, participants drawn from the seed."""
    rows = []
    for activity_id, day, group, method, (low, high), summary, change in _FEEDBACK:
        people = int(rng.integers(low, high + 1))
        rows.append((activity_id, day, group, method, people, summary, change))
    frame = pd.DataFrame(rows, columns=list(COLUMNS["feedback.csv"]))
    return frame.astype({c: "str" for c in COLUMNS["feedback.csv"] if c != "participants"})


# ---------------------------------------------------------------------------- writing


def _write_csv(frame: pd.DataFrame, path: Path, columns: Sequence[str]) -> None:
    """Write a table with a fixed column order, LF line ends and blanks for missing."""
    frame.to_csv(
        path,
        columns=list(columns),
        index=False,
        lineterminator="\n",
        encoding="utf-8",
        na_rep="",
    )


def write_demo_data(out_dir: Path, seed: int = DEFAULT_SEED, scale: float = 1.0) -> dict[str, int]:
    """Write every table as CSV into out_dir; return {file name: data row count}."""
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Independent streams, so a change to one table's draws leaves the others alone.
    actions_rng, values_rng, workforce_rng, training_rng = (
        np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(4)
    )
    # The optional registers draw from a stream of their own (the root's fifth child,
    # then one per register), so adding them moved nothing in the seven tables above.
    audits_rng, feedback_rng = (
        np.random.default_rng(child)
        for child in np.random.SeedSequence(seed, spawn_key=(4,)).spawn(2)
    )
    tables = {
        "actions.csv": build_actions(actions_rng),
        "indicators.csv": build_indicators(),
        "indicator_values.csv": build_indicator_values(values_rng),
        "reviews.csv": build_reviews(),
        "recommendations.csv": build_recommendations(),
        "training.csv": build_training(training_rng, scale),
        "workforce.csv": build_workforce(workforce_rng, scale),
        "audits.csv": build_audits(audits_rng),
        "funding.csv": build_funding(),
        "national_actions.csv": build_national_actions(),
        "feedback.csv": build_feedback(feedback_rng),
    }
    counts: dict[str, int] = {}
    for name, frame in tables.items():
        _write_csv(frame, out_dir / name, COLUMNS[name])
        counts[name] = len(frame)
    return counts
