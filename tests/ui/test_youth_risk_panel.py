"""A youth's risk on their page: score and reasons now, the last 30 days as a line, their
interventions newest first, and logging one from there; never for another mentor's youth."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from nicegui import ui
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.user import Actor
from tests.fakes import FakeClock, Store
from tests.fakes_features import COMPUTED_AT, FakeFeatureSource, features
from tests.ui.caseloads import (
    SLIPPING,
    TODAY,
    Caseloads,
    caseloads_fixture,  # noqa: F401  (the `caseloads` fixture)
    log_intervention,
)
from tests.ui.screen import open_as, texts

Register = Callable[..., Any]
NOT_IN_REACH = "No such youth, or they are not in your caseload."


async def test_the_youth_page_shows_the_risk_now_with_reasons_and_30_days_of_scores(
    user: User, services: Services, caseloads: Caseloads, feature_source: FakeFeatureSource
) -> None:
    # Priya has slipped a day at a time: inactive 20 days today, 19 yesterday, … none 20 days ago.
    # (Backfilled an hour after the first sync, so the next sync reads them.)
    feature_source.rows += [
        features(
            caseloads.priya,
            TODAY - timedelta(days=back),
            days_inactive=max(20 - back, 0),
            feature_timestamp=COMPUTED_AT + timedelta(hours=1),
            **SLIPPING,
        )
        for back in range(1, 40)
        if back != 7  # already there
    ]
    await services.feature_sync.sync(None)
    await open_as(user, "mentor@example.org", f"/youth/{caseloads.priya}")
    with user.scope(marker="youth-risk"):
        await user.should_see("High · 9")
        await user.should_see("as of 28 November 2026")
        await user.should_see("No activity for over 14 days (+4)")
        await user.should_see("No quiz attempt or career survey after 14 days (+1)")
        await user.should_see("No interventions logged yet.")
    chart = user.find(marker="youth-risk-chart").elements.pop()
    assert isinstance(chart, ui.echart)
    # The last 30 days, oldest first: 5 points for her modules and surveys, plus 0 while inactive
    # up to 3 days, 1 for 4-7 days, 3 for 8-14 days and 4 beyond.
    assert chart.options["series"][0]["data"] == [5] * 13 + [6] * 4 + [8] * 7 + [9] * 6
    assert chart.options["xAxis"]["data"][0] == "30 October 2026"
    assert chart.options["xAxis"]["data"][-1] == "28 November 2026"
    numbers = texts(user, "youth-risk-score")  # the same scores in a table, newest first
    assert numbers == [str(score) for score in [9] * 6 + [8] * 7 + [6] * 4 + [5] * 13]


async def test_a_mentor_logs_an_intervention_on_the_youth_page_and_sees_it_first(
    user: User, services: Services, caseloads: Caseloads, mentor: Actor, clock: FakeClock
) -> None:
    await services.interventions.log_intervention(
        mentor, caseloads.priya, InterventionKind.MESSAGE, "Sent a reminder"
    )
    clock.advance(hours=2)
    await open_as(user, "mentor@example.org", f"/youth/{caseloads.priya}")
    await user.should_see("Sent a reminder")
    user.find(marker="log-intervention").click()
    await log_intervention(
        user, "Meeting", "Met at the training centre; she will restart on Monday.", "Agreed a plan"
    )
    await user.should_see("Intervention logged for Priya Sharma.")
    await user.should_not_see(marker="intervention-dialog")
    assert texts(user, "logged-kind") == ["Meeting", "Message"]
    assert texts(user, "logged-note") == [
        "Met at the training centre; she will restart on Monday.",
        "Sent a reminder",
    ]
    assert texts(user, "logged-outcome") == ["Outcome: Agreed a plan"]
    stored = await services.interventions.for_youth(mentor, caseloads.priya)
    assert [(i.kind, i.mentor_id) for i in stored] == [
        (InterventionKind.MEETING, mentor.user_id),
        (InterventionKind.MESSAGE, mentor.user_id),
    ]


async def test_without_features_the_youth_page_says_when_risk_appears(
    user: User, services: Services, store: Store, mentor: Actor, register: Register
) -> None:
    youth = await register()
    store.users[youth.id].mentor_id = mentor.user_id
    await open_as(user, "mentor@example.org", f"/youth/{youth.id}")
    with user.scope(marker="youth-risk"):
        await user.should_see("No risk figures for this youth yet: they appear after the next feature sync.")
    await user.should_not_see(marker="youth-risk-chart")


async def test_another_mentor_sees_neither_the_risk_nor_the_interventions(
    user: User, services: Services, caseloads: Caseloads, mentor: Actor
) -> None:
    await services.interventions.log_intervention(mentor, caseloads.priya, "call", "Private note about Priya")
    await open_as(user, "meera@example.org", f"/youth/{caseloads.priya}")
    await user.should_see(NOT_IN_REACH)
    await user.should_not_see(marker="youth-risk")
    await user.should_not_see("Private note about Priya")
    await user.open(f"/youth/{caseloads.kabir}")  # her own youth
    with user.scope(marker="youth-risk"):
        await user.should_see("High · 9")
        await user.should_see("No module started after 7 days (+2)")
