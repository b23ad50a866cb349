"""The insights breakdowns: the funnel, sector fit, module effectiveness, gamification impact and
intervention effectiveness — figures as the seeded programme gives them, charts, tables and CSV."""

from collections.abc import Callable
from typing import Any

import pytest
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.flags import Flag
from mb.domain.model.module import ModuleDetails
from mb.domain.model.user import Actor
from tests.ui.insights_programme import programme  # noqa: F401  (a fixture the tests use)
from tests.ui.programme import MentoredYouth
from tests.ui.screen import open_as
from tests.ui.test_admin_modules_page import choose, element
from tests.ui.test_insights_pages import csv_lines, table_rows

Register = Callable[..., Any]
WHOLE_FUNNEL = [
    ["Registered", "4", "—", "100.0"],
    ["Career survey done", "3", "75.0", "75.0"],
    ["Started learning", "4", "133.3", "100.0"],
    ["Completed a module", "2", "50.0", "50.0"],
    ["Earned a badge", "2", "100.0", "50.0"],
    ["Placed", "2", "100.0", "50.0"],
]


@pytest.fixture
async def hospitality(
    services: Services, admin: Actor, register: Register, mentored_youth: MentoredYouth
) -> None:
    """Besides Priya's two Retail modules: a Hospitality module teaching cooking nobody holds yet,
    and Arjun, who cooks and wants to work in hospitality."""
    details = ModuleDetails(code="HOS-101", title="Kitchen basics", sector="Hospitality", skills=["Cooking"])
    await services.catalogue.create_module(admin, details)
    await register(
        "arjun@example.org", full_name="Arjun Rao", skills=["Cooking"], sector_interests=["Hospitality"]
    )


@pytest.mark.usefixtures("programme")
async def test_the_funnel_counts_each_stage_with_its_conversion_and_share(user: User) -> None:
    await open_as(user, "mentor@example.org", "/insights/funnel")
    await user.should_see(marker="funnel-chart")
    chart = element(user, "funnel-chart").options
    assert chart["yAxis"]["data"] == [row[0] for row in WHOLE_FUNNEL]
    assert chart["series"][0]["data"] == [4, 3, 4, 2, 2, 2]
    assert table_rows(user, "insights-funnel-none") == WHOLE_FUNNEL
    assert await csv_lines(user, "insights-funnel-none-csv") == [
        "Stage,Youth,Conversion from the previous stage (%),Share of registered (%)",
        "Registered,4,,100.0",
        "Career survey done,3,75.0,75.0",
        "Started learning,4,133.3,100.0",
        "Completed a module,2,50.0,50.0",
        "Earned a badge,2,100.0,50.0",
        "Placed,2,100.0,50.0",
    ]


@pytest.mark.usefixtures("programme")
async def test_the_funnel_by_region_and_by_cohort(user: User) -> None:
    await open_as(user, "admin@example.org", "/insights/funnel")
    await user.should_see(marker="funnel-grouping")
    choose(user, "funnel-grouping", "region")
    await user.should_see(marker="insights-funnel-region-numbers")
    rows = table_rows(user, "insights-funnel-region")
    assert rows[:6] == [
        ["Karnataka", "Registered", "2", "—", "100.0"],
        ["Karnataka", "Career survey done", "1", "50.0", "50.0"],
        ["Karnataka", "Started learning", "2", "200.0", "100.0"],
        ["Karnataka", "Completed a module", "0", "0.0", "0.0"],
        ["Karnataka", "Earned a badge", "0", "—", "0.0"],
        ["Karnataka", "Placed", "1", "—", "50.0"],
    ]
    assert rows[11] == ["Maharashtra", "Placed", "1", "50.0", "50.0"]
    chart = element(user, "funnel-chart").options
    assert chart["yAxis"]["data"] == ["Karnataka", "Maharashtra"]
    assert [s["data"] for s in chart["series"]] == [[2, 2], [1, 2], [2, 2], [0, 2], [0, 2], [1, 1]]
    lines = await csv_lines(user, "insights-funnel-region-csv")
    assert lines[0] == "Region,Stage,Youth,Conversion from the previous stage (%),Share of registered (%)"
    assert lines[6] == "Karnataka,Placed,1,,50.0"

    choose(user, "funnel-grouping", "cohort")
    await user.should_see(marker="insights-funnel-cohort-numbers")
    cohorts = table_rows(user, "insights-funnel-cohort")
    assert [row[:3] for row in cohorts if row[1] in ("Registered", "Placed")] == [
        ["2026-09", "Registered", "1"],
        ["2026-09", "Placed", "1"],
        ["2026-11", "Registered", "3"],
        ["2026-11", "Placed", "1"],
    ]


async def test_the_sector_heatmap_counts_youth_by_fit(
    user: User, mentored_youth: MentoredYouth, hospitality: None
) -> None:
    await open_as(user, "mentor@example.org", "/insights/sectors")
    await user.should_see(marker="sectors-chart")
    assert element(user, "sectors-youth").text == "2 youth, each counted once in every sector."
    # Arjun: Hospitality 0.3·100 + 0.5·100 = 80 (Green), Retail 0 (Red). Priya: Retail 0.3·100 +
    # 0.2·100 for her completed Retail module = 50 (Amber), Hospitality 0 (Red).
    assert table_rows(user, "insights-sectors") == [
        ["Hospitality", "1", "0", "1", "40.0"],
        ["Retail", "0", "1", "1", "25.0"],
    ]
    heatmap = element(user, "sectors-chart").options
    assert heatmap["yAxis"]["data"] == ["Hospitality", "Retail"]
    assert heatmap["xAxis"]["data"] == ["Green (70+)", "Amber (50–69)", "Red (under 50)"]
    assert heatmap["series"][0]["data"] == [[0, 0, 1], [1, 0, 0], [2, 0, 1], [0, 1, 0], [1, 1, 1], [2, 1, 1]]
    # Counted on the first view (no sync yet), and again at every sync: the page says so.
    await user.should_see(
        "Counted from profiles, modules and assignments; counted again at every feature sync."
    )
    assert await csv_lines(user, "insights-sectors-csv") == [
        "Sector,Green (70+),Amber (50–69),Red (under 50),Average fit",
        "Hospitality,1,0,1,40.0",
        "Retail,0,1,1,25.0",
    ]


async def test_module_effectiveness_sorts_on_the_server_and_charts_the_rates(
    user: User, mentored_youth: MentoredYouth, hospitality: None
) -> None:
    await open_as(user, "admin@example.org", "/insights/modules")
    await user.should_see(marker="modules-chart")
    assert element(user, "modules-sorted").text == "Sorted by Completion rate: Lowest first (A to Z)."
    # Priya took two hours from her first progress to completing Workplace English.
    assert table_rows(user, "insights-modules") == [
        ["RET-201", "Customer Service", "Retail", "Needs improvement", "1", "0", "0.0", "0.0", "—"],
        ["ENG-101", "Workplace English", "Retail", "High", "1", "1", "100.0", "100.0", "0.1"],
        ["HOS-101", "Kitchen basics", "Hospitality", "No learners yet", "0", "0", "—", "0.0", "—"],
    ]
    chart = element(user, "modules-chart").options
    assert chart["yAxis"]["data"] == ["ENG-101", "RET-201"]
    assert chart["series"][0]["data"] == [100.0, 0.0]

    choose(user, "modules-sort", "code")
    await user.should_see("Sorted by Code: Lowest first (A to Z).")
    choose(user, "modules-order", "descending")
    await user.should_see("Sorted by Code: Highest first (Z to A).")
    assert [row[0] for row in table_rows(user, "insights-modules")] == ["RET-201", "HOS-101", "ENG-101"]
    lines = await csv_lines(user, "insights-modules-csv")
    assert lines[0] == (
        "Code,Module,Sector,Rating,Learners,Completed,Completion rate (%),Average progress (%),"
        "Median days to complete"
    )
    assert lines[1:] == [
        "RET-201,Customer Service,Retail,Needs improvement,1,0,0.0,0.0,",
        "HOS-101,Kitchen basics,Hospitality,No learners yet,0,0,,0.0,",
        "ENG-101,Workplace English,Retail,High,1,1,100.0,100.0,0.1",
    ]


@pytest.mark.usefixtures("programme")
async def test_gamification_impact_compares_badge_earners_with_the_others(user: User) -> None:
    await open_as(user, "mentor@example.org", "/insights/gamification")
    await user.should_see(marker="gamification-chart")
    assert table_rows(user, "insights-gamification") == [
        ["Badge earners", "2", "15.0", "66.7"],
        ["Others", "2", "3.0", "0.0"],
        ["Difference (earners minus others)", "—", "12.0", "66.7"],
    ]
    chart = element(user, "gamification-chart").options
    assert [(s["name"], s["data"]) for s in chart["series"]] == [
        ("Badge earners", [15.0]),
        ("Badge earners", [66.7]),
        ("Others", [3.0]),
        ("Others", [0.0]),
    ]
    assert (await csv_lines(user, "insights-gamification-csv"))[1:] == [
        "Badge earners,2,15.0,66.7",
        "Others,2,3.0,0.0",
        "Difference (earners minus others),,12.0,66.7",
    ]


@pytest.mark.usefixtures("programme")
async def test_gamification_impact_is_gone_while_gamification_is_off(
    user: User, services: Services, admin: Actor
) -> None:
    await services.flags.set(admin, Flag.GAMIFICATION, False)
    await open_as(user, "admin@example.org", "/insights")
    await user.should_see(marker="insights-nav-/insights/funnel")
    await user.should_not_see(marker="insights-nav-/insights/gamification")
    await user.open("/insights/gamification")
    await user.should_see(marker="gamification-off")
    await user.should_not_see(marker="gamification-chart")
    await user.should_not_see(marker="page-error")


@pytest.mark.usefixtures("programme")
async def test_intervention_effectiveness_by_kind(user: User) -> None:
    await open_as(user, "mentor@example.org", "/insights/interventions")
    await user.should_see(marker="interventions-chart")
    assert table_rows(user, "insights-interventions") == [
        ["Call", "1", "1", "9.00", "0", "0", "1"],
        ["Meeting", "1", "1", "-3.00", "1", "0", "0"],
        ["Message", "1", "0", "—", "0", "0", "0"],
    ]
    chart = element(user, "interventions-chart").options
    assert chart["yAxis"]["data"] == ["Call", "Meeting", "Message"]
    assert [(s["name"], s["data"]) for s in chart["series"]] == [
        ("Improved", [0, 1, 0]),
        ("Unchanged", [0, 0, 0]),
        ("Worsened", [1, 0, 0]),
    ]
    assert await csv_lines(user, "insights-interventions-csv") == [
        "Kind,Interventions,Measured,Average risk change,Improved,Unchanged,Worsened",
        "Call,1,1,9.00,0,0,1",
        "Meeting,1,1,-3.00,1,0,0",
        "Message,1,0,,0,0,0",
    ]
