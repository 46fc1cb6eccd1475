"""The reviews chapter's sections, run on the hand-built set in tests/data/handmade.

Expected figures are from the hand working in tests/data/handmade/README_reviews.md.
Everything the report would display is kept part by part (tests/support/sections.py),
so sentences, table notes and alt text can be read back.
"""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from safeguarding_assurance.contract.params import validate_values
from safeguarding_assurance.inputs.load import load_tables
from safeguarding_assurance.paths import OutputLayout
from safeguarding_assurance.present.chapter import Chapter
from safeguarding_assurance.present.chapters import reviews as chapter_module
from tests.support.sections import publish

HANDMADE = Path(__file__).resolve().parents[2] / "data" / "handmade"
CASE_REFS = [f"H2{y}-{n}" for y in range(1, 6) for n in range(1, 4)]
SECTIONS = [
    chapter_module.show_headline,
    chapter_module.show_trend,
    chapter_module.show_decisions,
    chapter_module.show_lcsprs_published,
    chapter_module.show_overdue_pending,
    chapter_module.show_incident_types,
    chapter_module.show_age_bands,
    chapter_module.show_sex,
    chapter_module.show_ethnicity,
    chapter_module.show_themes,
    chapter_module.show_recommendations,
]
BREAKDOWNS = {
    "incident_type": chapter_module.show_incident_types,
    "age_band": chapter_module.show_age_bands,
    "sex": chapter_module.show_sex,
    "ethnicity_group": chapter_module.show_ethnicity,
    "theme": chapter_module.show_themes,
}
# Words that would make a count of notifications sound like performance.
JUDGING_WORDS = re.compile(
    r"\b(improv\w*|wors\w*|better|declin\w*|deteriorat\w*|rose|fell|increas\w*|"
    r"decreas\w*|good|poor)\b",
    re.IGNORECASE,
)


def make_params(root: Path, year: str = "2024-25", **extra):
    values = {
        "reporting_year": year,
        "partnership_name": "Test partnership",
        "data_dir": str(HANDMADE),
        "audience": "public",
        "priorities": [{"id": "p", "name": "P"}],
        "data_as_at": "2025-06-02",
        "trend_years": 4,
    } | extra
    return validate_values(values, "test parameters", root=root)


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    params = make_params(tmp_path_factory.mktemp("root"))
    return load_tables(params, ["reviews", "recommendations"])


def fake_savefig(self, buffer, **kwargs):
    """Skip rendering charts to PNG (the slow part); the charts' marks are tested elsewhere."""
    buffer.write(b"PNG")


_SHOWN: list[tuple[str, str]] = []


@pytest.fixture
def shown(monkeypatch):
    """Everything displayed by ``run`` in this test: (markup, plain text) pairs, in order."""
    monkeypatch.setattr(Figure, "savefig", fake_savefig)
    _SHOWN.clear()
    return _SHOWN


@pytest.fixture(scope="module")
def full_runs(tables, tmp_path_factory):
    """The whole chapter once per audience: {audience: (output folder, displayed)}."""
    runs = {}
    for audience in ("public", "internal"):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(Figure, "savefig", fake_savefig)
            _SHOWN.clear()
            out = run(tmp_path_factory.mktemp(audience), tables, audience)
        runs[audience] = (out, list(_SHOWN))
    return runs


def run(tmp_path, tables, audience, sections=SECTIONS, **extra):
    params = make_params(tmp_path, audience=audience, **extra)
    chapter = Chapter(params=params, layout=OutputLayout(tmp_path / "outputs"))
    out = tmp_path / audience
    seen = publish([section(chapter, tables) for section in sections], out)
    _SHOWN.extend((markup, "") for markup in seen.markups)
    return out


def sentences(displayed):
    return [html.unescape(re.sub("<[^>]+>", "", m)) for m, _ in displayed if m.startswith("<p>")]


def alt_texts(displayed):
    return [html.unescape(a) for m, _ in displayed for a in re.findall(r'alt="([^"]*)"', m)]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def small_count_cells(rows: list[list[str]], threshold: int = 5) -> list[str]:
    """Cells (after the label column) that show a whole number from 1 to the threshold."""
    body = [row for row in rows[1:] if row[0] != "Total"]
    return [
        c for row in body for c in row[1:] if re.fullmatch(r"\d+", c) and 1 <= int(c) <= threshold
    ]


# ---------------------------------------------------------------- public


def test_public_headline_counts_in_full(tmp_path, tables, shown):
    out = run(tmp_path, tables, "public", [chapter_module.show_headline])
    rows = {r[0]: r[1:] for r in read_csv(out / "tables" / "rev_headline.csv")}
    # 2023-24 then 2024-25 (README_reviews.md)
    assert rows["Serious incident notifications"] == ["3", "3"]
    assert rows["Rapid reviews completed"] == ["3", "3"]
    assert rows["Decisions to hold an LCSPR"] == ["2", "3"]
    assert rows["LCSPRs published in the year"] == ["2", "3"]
    timeliness = read_csv(out / "tables" / "rev_timeliness.csv")
    assert timeliness[0] == [
        "Timescale",
        "Reporting year",
        "Within timescale",
        "Out of",
        "% within timescale",
    ]
    assert timeliness[4][1:] == ["2024-25", "2", "3", "66.7"]  # rapid review, this year
    assert timeliness[6][1:] == ["2024-25", "1", "3", "33.3"]  # LCSPRs published
    text = " ".join(sentences(shown))
    assert "3 serious incidents, compared with 3 in 2023-24" in text
    assert "2 of 3 (66.7%)" in text and "1 of 3 (33.3%)" in text
    assert "not a measure of how well agencies are working" in text


def test_public_facts_current_and_previous(tmp_path, tables, shown):
    out = run(tmp_path, tables, "public", [chapter_module.show_headline])
    facts = json.loads((out / "facts" / "reviews.json").read_text(encoding="utf-8"))
    expected = json.loads(
        (HANDMADE / "expected_facts_reviews_2024-25.json").read_text(encoding="utf-8")
    )
    assert facts["current"] == expected
    assert facts["previous"]["notifications"] == 3
    assert facts["previous"]["lcsprs_published_within_timescale_pct"] == 50.0


def test_public_breakdowns_reveal_no_small_count(tmp_path, tables, shown):
    out = run(tmp_path, tables, "public", list(BREAKDOWNS.values()))
    for characteristic in BREAKDOWNS:
        for name in (f"rev_by_{characteristic}", f"rev_by_{characteristic}_chart_data"):
            if not (out / "tables" / f"{name}.csv").exists():
                continue  # no chart when every count is suppressed or zero
            rows = read_csv(out / "tables" / f"{name}.csv")
            assert small_count_cells(rows) == [], name
            # pooled only: one count column (and its percentage), never a single year
            assert not any(h == "Reviews, 2024-25" for h in rows[0]), name
    # Only themes, the longest list, are charted; README_reviews.md: every theme count is
    # [c] or zero, so no chart is drawn at all (a chart of nothing would say nothing)
    charts = sorted(p.stem for p in (out / "figures").glob("*.png"))
    assert charts == []
    for alt in alt_texts(shown):
        items = re.findall(r"([^.;:]+): ([^;.]+)", alt)
        assert items
        for _, value in items:
            assert value == "[c]" or not (1 <= int(value.replace(",", "")) <= 5), alt
    for sentence in sentences(shown):
        # take out year labels and age-band names, then look for a small number
        stripped = re.sub(r"\d{4}-\d{2}|\b\d+-\d+\b", "", sentence)
        assert not re.search(r"\b[1-5]\b", stripped), sentence


def test_public_sex_table_as_worked_by_hand(tmp_path, tables, shown):
    out = run(tmp_path, tables, "public", [chapter_module.show_sex])
    assert read_csv(out / "tables" / "rev_by_sex.csv") == [
        ["Sex", "Reviews, 2021-22 to 2024-25", "% of reviews, 2021-22 to 2024-25"],
        ["Female", "[c]", "[c]"],
        ["Male", "6", "54.5"],
        ["Unknown", "[c]", "[c]"],
        ["Total", "11", "100.0"],
    ]
    markup = " ".join(m for m, _ in shown)
    assert "[c]: suppressed to protect the children concerned" in html.unescape(markup)


def test_public_has_no_case_reference_anywhere(full_runs):
    out, shown = full_runs["public"]
    texts = [m for m, _ in shown] + [
        p.read_text(encoding="utf-8-sig") for p in (out / "tables").glob("*.csv")
    ]
    texts.append((out / "facts" / "reviews.json").read_text(encoding="utf-8"))
    for text in texts:
        for ref in CASE_REFS:
            assert ref not in text
    names = {p.stem for p in (out / "tables").glob("*.csv")}
    assert "rev_overdue_pending" not in names and "rev_lcsprs_published_list" not in names


def test_public_overdue_pending_is_a_count_only(tmp_path, tables, shown):
    # 2025-26: H25-1, notified Wed 30 Apr 2025, no rapid review. Working days to
    # Mon 2 Jun 2025: 1-2 May (2), 5 May holiday, 6-9 (6), 12-16 (11), 19-23 (16),
    # 26 May holiday, 27-30 (20), 2 Jun (21) > 15: past its timescale.
    out = run(tmp_path, tables, "public", [chapter_module.show_overdue_pending], year="2025-26")
    text = " ".join(sentences(shown))
    assert "1 review notified on or before 31 March 2026 was still waiting" in text
    assert "H25-1" not in text
    assert not (out / "tables" / "rev_overdue_pending.csv").exists()


def test_public_single_trend_year_publishes_no_breakdown(tmp_path, tables, shown):
    out = run(tmp_path, tables, "public", [chapter_module.show_sex], trend_years=1)
    assert not (out / "tables" / "rev_by_sex.csv").exists()
    assert "internal report only" in " ".join(sentences(shown))


# ---------------------------------------------------------------- internal


def test_internal_breakdown_shows_year_and_pooled(tmp_path, tables, shown):
    out = run(tmp_path, tables, "internal", [chapter_module.show_sex])
    assert read_csv(out / "tables" / "rev_by_sex.csv") == [
        [
            "Sex",
            "Reviews, 2024-25",
            "Reviews, 2021-22 to 2024-25",
            "% of reviews, 2021-22 to 2024-25",
        ],
        ["Female", "1", "4", "36.4"],  # 4/11 = 36.36...
        ["Male", "2", "6", "54.5"],
        ["Unknown", "0", "1", "9.1"],  # 1/11 = 9.09...
        ["Total", "3", "11", "100.0"],
    ]
    assert not alt_texts(shown)  # a breakdown of three categories reads best as its table


def test_internal_lists_name_cases(tmp_path, tables, shown):
    out = run(tmp_path, tables, "internal", [chapter_module.show_lcsprs_published])
    rows = read_csv(out / "tables" / "rev_lcsprs_published_list.csv")
    # published in 2024-25: H23-2 (2 Apr 2024, late), H24-1 (in time), H24-2 (a day late)
    assert [r[0] for r in rows[1:]] == ["H23-2", "H24-1", "H24-2"]
    assert [r[-1] for r in rows[1:]] == ["No", "Yes", "No"]
    out = run(
        tmp_path / "b", tables, "internal", [chapter_module.show_overdue_pending], year="2025-26"
    )
    rows = read_csv(out / "tables" / "rev_overdue_pending.csv")
    assert rows[1:] == [["H25-1", "30 April 2025", "21"]]


def test_recommendations_by_agency(tmp_path, tables, shown):
    out = run(tmp_path, tables, "public", [chapter_module.show_recommendations])
    # README_reviews.md: open RC3 (Health), RC6 (Health), RC7 (CSC), RC8 (Police),
    # RC9 (Health); overdue RC3, RC6, RC8; completed RC2 (Police), RC4 (Police), RC5 (Ed).
    assert read_csv(out / "tables" / "rev_recommendations.csv") == [
        ["Agency", "Open at year end", "Of which overdue", "Completed in the year"],
        ["Children's Social Care", "1", "0", "0"],
        ["Education", "0", "0", "1"],
        ["Health", "3", "2", "0"],
        ["Police", "1", "1", "2"],
        ["Total", "5", "3", "3"],
    ]
    assert "5 recommendations from reviews were open, 3 of them past their due date" in (
        " ".join(sentences(shown))
    )


# ---------------------------------------------------------------- wording and edge cases


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_wording_never_judges_counts(full_runs, audience):
    _, shown = full_runs[audience]
    for sentence in sentences(shown) + alt_texts(shown):
        assert not JUDGING_WORDS.search(sentence), sentence


def test_empty_year_reports_zeros_with_a_warning(tmp_path, tables, shown):
    sections = [chapter_module.show_headline, chapter_module.show_recommendations]
    out = run(tmp_path, tables, "public", sections, year="2019-20")
    facts = json.loads((out / "facts" / "reviews.json").read_text(encoding="utf-8"))
    assert facts["current"]["notifications"] == 0
    assert facts["current"]["notified_within_timescale_pct"] is None
    warnings = (out / "facts" / "warnings.txt").read_text(encoding="utf-8")
    assert "no review in reviews.csv was notified in 2019-20" in warnings
    assert "no recommendation was open" in warnings
    rows = read_csv(out / "tables" / "rev_timeliness.csv")
    assert rows[2][-1] == "[z]"  # 2019-20 notified %: no notifications


def test_every_output_name_is_prefixed(full_runs):
    out, _ = full_runs["internal"]
    names = [p.stem for p in (out / "tables").glob("*.csv")]
    names += [p.stem for p in (out / "figures").glob("*.png")]
    assert names and all(n.startswith("rev_") for n in names)


def test_public_window_with_one_year_of_notifications_publishes_no_breakdown(
    tmp_path, tables, shown
):
    # 2021-22 pools 2018-19 to 2021-22, but the register's first notification is in
    # 2021-22: the pool would be that one year's breakdown
    out = run(tmp_path, tables, "public", [chapter_module.show_sex], year="2021-22")
    assert not (out / "tables" / "rev_by_sex.csv").exists()
    assert "notifications from two or more reporting years" in " ".join(sentences(shown))


def test_public_editions_together_give_no_small_count_away(tmp_path, tables, shown):
    # every edition of the hand-made register, as a reader would collect them: no
    # single year's count (nor any pooled count) from 1 to 5 can be worked out from
    # their breakdowns and yearly totals together (checked by tests/support/differencing)
    from tests.support.differencing import CHARACTERISTICS, derived_counts

    root = tmp_path / "editions"
    for year in ("2021-22", "2022-23", "2023-24", "2024-25", "2025-26"):
        params = make_params(tmp_path, year=year, audience="public")
        chapter = Chapter(params=params, layout=OutputLayout(tmp_path / "outputs"))
        sections = [chapter_module.show_trend, *BREAKDOWNS.values()]
        publish([section(chapter, tables) for section in sections], root / year / "public")
    published = sorted(
        p.parent.parent.parent.name for p in root.glob("*/public/tables/rev_by_sex.csv")
    )
    assert published == ["2022-23", "2023-24", "2024-25", "2025-26"]
    for characteristic in CHARACTERISTICS:
        assert derived_counts(root, characteristic, 5) == [], characteristic


def test_every_agency_holding_overdue_recommendations_is_named_most_first():
    import pandas as pd

    from safeguarding_assurance.present.chapters.reviews import who_holds_overdue

    def table(overdue: dict[str, int]) -> pd.DataFrame:
        frame = pd.DataFrame({"open": 5, "overdue": overdue, "completed_in_year": 1})
        frame.index.name = "Agency"
        return frame

    assert who_holds_overdue(table({"Police": 1, "Council": 3, "ICB": 0})) == (
        "Overdue recommendations were held by Council (3) and Police (1)."
    )
    # equal counts keep the table's order
    assert who_holds_overdue(table({"Police": 2, "Council": 2, "ICB": 2})) == (
        "Overdue recommendations were held by Police (2), Council (2) and ICB (2)."
    )
    assert who_holds_overdue(table({"Police": 1})) == (
        "Overdue recommendations were held by Police (1)."
    )
    assert who_holds_overdue(table({"Police": 0})) == ""
    assert who_holds_overdue(table({})) == ""
