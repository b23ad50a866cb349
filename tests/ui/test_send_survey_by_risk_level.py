"""Sending a survey to the youth at a risk level: choose it, count, send; the sending names it."""

from collections.abc import Callable
from datetime import date
from typing import Any

from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.risk import RiskLevel
from mb.domain.model.survey import TemplateType
from mb.domain.model.user import Actor
from tests.fakes import Store
from tests.fakes_features import FakeFeatureSource
from tests.risk_levels import sync_levels
from tests.ui.screen import open_as
from tests.ui.test_admin_modules_page import choose, element
from tests.ui.test_admin_surveys_list import starters

Register = Callable[..., Any]
NEWEST, OLDER = date(2026, 11, 27), date(2026, 11, 26)


async def test_choosing_a_risk_level_counts_and_invites_the_youth_at_it(
    user: User,
    services: Services,
    admin: Actor,
    store: Store,
    register: Register,
    feature_source: FakeFeatureSource,
) -> None:
    career = (await starters(services, admin))[TemplateType.CAREER]
    priya = await register("priya@example.org")
    arjun = await register("arjun@example.org", full_name="Arjun Rao", region="DL")
    meera = await register("meera@example.org", full_name="Meera Iyer")
    ravi = await register("ravi@example.org", full_name="Ravi Kumar")
    # Ravi was high the day before; on the newest day he has no row, so no level.
    await sync_levels(services, feature_source, OLDER, {ravi.id: RiskLevel.HIGH})
    await sync_levels(
        services,
        feature_source,
        NEWEST,
        {priya.id: RiskLevel.HIGH, arjun.id: RiskLevel.HIGH, meera.id: RiskLevel.LOW},
    )

    await open_as(user, "admin@example.org", f"/admin/surveys/{career.id}/send")
    await user.should_see(marker="send-count")
    await user.should_see("Risk level")
    assert element(user, "send-risk_level").value == ""  # Any
    user.find(marker="send-risk_level").click()
    user.find("High").click()
    user.find(marker="send-count").click()
    await user.should_see("2 match; 0 already have an open invitation; 2 will be invited.")

    choose(user, "send-region", "MH")
    assert not element(user, "send-confirm").enabled  # counted for another choice: count again
    user.find(marker="send-count").click()
    await user.should_see("1 match; 0 already have an open invitation; 1 will be invited.")
    user.find(marker="send-confirm").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("1 invited. The emails are on their way.")

    (distribution,) = store.surveys.distributions.values()
    assert distribution.label == "Youth: Maharashtra, high risk"
    invited = [i.recipient_email for i in store.surveys.invitations.values()]
    assert invited == ["priya@example.org"]
