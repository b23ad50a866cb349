"""The insights overview and what every insights page shares: who may open them, the sub-navigation,
how current the figures are, the stale notice, and the explanation before any features exist."""

from collections.abc import Callable
from typing import Any

import pytest
from nicegui import ui
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.errors import Unavailable
from mb.domain.model.flags import Flag
from mb.domain.model.user import Actor
from mb.ui.pages.insights_header import SECTIONS
from tests.fakes import FakeClock
from tests.fakes_features import FakeFeatureSource
from tests.ui.insights_programme import programme  # noqa: F401  (a fixture the tests use)
from tests.ui.screen import open_as, sign_in
from tests.ui.test_admin_modules_page import element

Register = Callable[..., Any]
PAGES = [path for _, path in SECTIONS if path != "/insights/at-risk"]  # the board has tests of its own


def table_rows(user: User, name: str) -> list[list[str]]:
    """The cells of every row of the figures table `name`, in order."""
    rows = sorted(user.find(marker=f"{name}-row").elements, key=lambda row: row.id)
    return [[e.text for e in row.descendants() if isinstance(e, ui.label)] for row in rows]


async def csv_lines(user: User, marker: str) -> list[str]:
    user.find(marker=marker).click()
    download = await user.download.next()
    return download.content.decode("utf-8-sig").splitlines()


@pytest.mark.usefixtures("programme")
async def test_the_overview_shows_the_key_figures_and_their_change_over_7_days(user: User) -> None:
    await open_as(user, "admin@example.org", "/insights")
    await user.should_see(marker="insights-kpis")
    figures = {
        name: (element(user, f"kpi-{name}").text, element(user, f"kpi-{name}-change").text)
        for name in ("youth", "active", "completion", "high", "medium", "low")
    }
    assert figures == {
        "youth": ("4", "+1 in 7 days"),
        "active": ("2", "no change in 7 days"),
        "completion": ("40.0 %", "−10.0 points in 7 days"),
        "high": ("1", "+1 in 7 days"),
        "medium": ("1", "+1 in 7 days"),
        "low": ("2", "−1 in 7 days"),
    }
    assert element(user, "kpi-interventions").text == "3"
    assert element(user, "insights-freshness").text == (
        "Figures as of 27 November 2026 (synced 28 November 2026, 15:00)."
    )
    await user.should_not_see(marker="insights-stale")
    await user.should_not_see(marker="insights-empty")


@pytest.mark.usefixtures("programme")
async def test_the_overview_trends_chart_and_tabulate_every_stored_day(user: User) -> None:
    await open_as(user, "admin@example.org", "/insights")
    await user.should_see(marker="insights-active-chart")
    active = element(user, "insights-active-chart").options
    assert active["xAxis"]["data"] == ["2026-11-13", "2026-11-20", "2026-11-27"]
    assert [s["data"] for s in active["series"]] == [[2, 3, 4], [1, 2, 2]]
    assert active["tooltip"]["renderMode"] == "richText"
    assert table_rows(user, "insights-active-youth") == [
        ["2026-11-13", "2", "1"],
        ["2026-11-20", "3", "2"],
        ["2026-11-27", "4", "2"],
    ]
    completion = element(user, "insights-completion-chart").options
    assert completion["series"][0]["data"] == [25.0, 50.0, 40.0]
    assert table_rows(user, "insights-completion-rate")[-1] == ["2026-11-27", "10", "4", "40.0"]
    risk = element(user, "insights-risk-chart").options
    assert [s["name"] for s in risk["series"]] == ["High", "Medium", "Low"]
    assert [s["data"] for s in risk["series"]] == [[1, 0, 1], [0, 0, 1], [1, 3, 2]]
    assert table_rows(user, "insights-risk-levels") == [
        ["2026-11-13", "1", "0", "1"],
        ["2026-11-20", "0", "0", "3"],
        ["2026-11-27", "1", "1", "2"],
    ]

    assert await csv_lines(user, "insights-risk-levels-csv") == [
        "Day,High,Medium,Low",
        "2026-11-13,1,0,1",
        "2026-11-20,0,0,3",
        "2026-11-27,1,1,2",
    ]
    assert (await csv_lines(user, "insights-key-figures-csv"))[1:4] == [
        "Youth enrolled,4,3,1",
        "Active in the last 7 days,2,2,0",
        "Completion rate,40.0,50.0,-10.0",  # a number, not guarded as if it were a formula
    ]


@pytest.mark.usefixtures("programme")
async def test_a_mentor_sees_the_programme_wide_figures_from_the_menu(user: User) -> None:
    await sign_in(user, "mentor@example.org")
    await user.should_see(marker="welcome")
    user.find(marker="nav-/insights").click()
    await user.should_see(marker="insights-kpis")
    assert element(user, "kpi-youth").text == "4"  # all four, though only Priya is Ravi's
    assert element(user, "insights-heading").text == "Programme overview"
    current = element(user, "insights-nav-/insights")
    assert current.props["aria-current"] == "page"
    for path in ("/insights/funnel", "/insights/sectors", "/insights/modules", "/insights/interventions"):
        user.find(marker=f"insights-nav-{path}").click()
        await user.should_see(marker="insights-heading")
        await user.should_see(marker="insights-freshness")
        await user.should_not_see(marker="page-error")


@pytest.mark.usefixtures("programme")
async def test_the_pages_show_the_last_synced_figures_with_a_notice_once_the_source_went_down(
    user: User,
    services: Services,
    feature_source: FakeFeatureSource,
    clock: FakeClock,
) -> None:
    feature_source.down = True
    clock.advance(hours=2)
    with pytest.raises(Unavailable):
        await services.feature_sync.sync(None)

    await open_as(user, "mentor@example.org", "/insights")
    await user.should_see(marker="insights-stale")
    notice = element(user, "insights-stale")
    assert [e.text for e in notice.descendants() if isinstance(e, ui.label)] == [
        "Stale since 28 November 2026, 15:00 — The feature source cannot be reached (the test switched "
        "it off). Showing the last synced figures."
    ]
    assert notice.props["role"] == "alert"
    assert element(user, "kpi-youth").text == "4"  # the figures of the last sync stay
    await user.open("/insights/funnel")
    await user.should_see(marker="insights-stale")
    assert table_rows(user, "insights-funnel-none")[0][:2] == ["Registered", "4"]


async def test_before_any_sync_the_pages_explain_how_figures_appear(
    user: User, admin: Actor, mentor: Actor, register: Register
) -> None:
    await register("priya@example.org")
    await open_as(user, "admin@example.org", "/insights")
    await user.should_see(marker="insights-empty")
    await user.should_see("None have been synced yet.")
    await user.should_see("mb sync-features", marker="insights-empty")
    await user.should_see(marker="insights-empty-system")
    await user.should_not_see(marker="insights-kpis")
    await user.should_not_see(marker="insights-freshness")
    for path in ("/insights/funnel", "/insights/gamification", "/insights/interventions"):
        await user.open(path)
        await user.should_see(marker="insights-empty")
        await user.should_not_see(marker="page-error")


async def test_a_mentor_is_told_to_ask_an_admin_when_nothing_was_synced(user: User, mentor: Actor) -> None:
    await open_as(user, "mentor@example.org", "/insights")
    await user.should_see(marker="insights-empty")
    await user.should_see("Ask an admin to sync them from the system page", marker="insights-empty")
    await user.should_not_see(marker="insights-empty-system")


async def test_a_failed_first_sync_says_why_there_are_no_figures(
    user: User, services: Services, admin: Actor, feature_source: FakeFeatureSource
) -> None:
    feature_source.down = True
    with pytest.raises(Unavailable):
        await services.feature_sync.sync(None)
    await open_as(user, "admin@example.org", "/insights")
    await user.should_see(
        "The figures could not be synced yet — The feature source cannot be reached (the test switched "
        "it off)."
    )
    await user.should_see(marker="insights-empty")


async def test_youth_have_no_insights_in_their_menu_and_are_refused_every_insights_page(
    user: User, register: Register
) -> None:
    await register("priya@example.org")
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="welcome")
    await user.should_not_see(marker="nav-/insights")
    await user.should_not_see(marker="nav-/caseload")
    for path in PAGES:
        await user.open(path)
        await user.should_see(marker="forbidden")
        await user.should_not_see(marker="insights-heading")


async def test_the_caseload_is_in_the_staff_menu_only_while_the_new_dashboard_is_on(
    user: User, services: Services, admin: Actor, mentor: Actor
) -> None:
    await sign_in(user, "mentor@example.org")
    await user.should_see(marker="nav-/insights")
    await user.should_not_see(marker="nav-/caseload")
    await services.flags.set(admin, Flag.NEW_DASHBOARD, True)
    await user.open("/")
    await user.should_see(marker="nav-/caseload")
