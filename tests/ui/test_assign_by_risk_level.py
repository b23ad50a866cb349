"""The assign dialog's risk level: choose one, count, and the module reaches the youth at it."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.risk import RiskLevel
from mb.domain.model.user import Actor
from tests.fakes import Store
from tests.fakes_features import FakeFeatureSource
from tests.risk_levels import sync_levels
from tests.ui.screen import open_as
from tests.ui.test_admin_modules_page import add_module, element

Register = Callable[..., Any]
NEWEST, OLDER = date(2026, 11, 27), date(2026, 11, 26)


@pytest.fixture
async def levels(
    services: Services, feature_source: FakeFeatureSource, register: Register, store: Store, mentor: Actor
) -> dict[str, int]:
    """Priya (high) and Ravi (high only the day before) with the mentor; Arjun high, Meera medium."""
    ids = {}
    for name in ("priya", "ravi", "arjun", "meera"):
        ids[name] = (await register(f"{name}@example.org")).id
    for name in ("priya", "ravi"):
        store.users[ids[name]].mentor_id = mentor.user_id
    await sync_levels(services, feature_source, OLDER, {ids["ravi"]: RiskLevel.HIGH})
    await sync_levels(
        services,
        feature_source,
        NEWEST,
        {ids["priya"]: RiskLevel.HIGH, ids["arjun"]: RiskLevel.HIGH, ids["meera"]: RiskLevel.MEDIUM},
    )
    return ids


def choose_level(user: User, level: str) -> None:
    user.find(marker="assign-risk_level").click()
    user.find(level).click()


async def test_choosing_a_risk_level_counts_and_assigns_the_youth_at_it(
    user: User, services: Services, admin: Actor, store: Store, levels: dict[str, int]
) -> None:
    module = await add_module(services, admin, "IT-101", "Basics")
    await open_as(user, "admin@example.org", f"/admin/modules/{module.id}")
    user.find(marker="assign-module").click()
    await user.should_see(marker="assign-dialog")
    await user.should_see("Risk level")
    assert element(user, "assign-risk_level").value == ""  # Any
    user.find(marker="assign-check").click()
    await user.should_see("4 youth match; 0 already have it; 4 will get it now.")

    choose_level(user, "Medium")
    await user.should_not_see("4 youth match")  # another choice: count again
    user.find(marker="assign-check").click()
    await user.should_see("1 youth match; 0 already have it; 1 will get it now.")

    choose_level(user, "High")
    user.find(marker="assign-check").click()
    await user.should_see("2 youth match; 0 already have it; 2 will get it now.")
    user.find(marker="assign-confirm").click()
    await user.should_see("2 youth got IT-101.")
    held = {a.user_id for a in store.learning.assignments.values()}
    assert held == {levels["priya"], levels["arjun"]}


async def test_a_mentor_choosing_a_risk_level_reaches_only_their_caseload(
    user: User, services: Services, admin: Actor, store: Store, levels: dict[str, int]
) -> None:
    module = await add_module(services, admin, "IT-101", "Basics")
    await open_as(user, "mentor@example.org", "/admin/modules")
    await user.should_see(marker="modules")
    user.find(marker="modules").trigger("assign", module.id)
    await user.should_see(marker="assign-dialog")

    choose_level(user, "High")
    user.find(marker="assign-check").click()
    await user.should_see("1 youth match; 0 already have it; 1 will get it now.")
    user.find(marker="assign-confirm").click()
    await user.should_see("1 youth got IT-101.")
    assert [a.user_id for a in store.learning.assignments.values()] == [levels["priya"]]
