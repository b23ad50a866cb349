"""Assigning a module to the youth at a risk level, on fakes: the level each youth has on the
programme's newest day of features, and a mentor still reaches only their own caseload."""

from collections.abc import Awaitable, Callable
from datetime import date

import pytest

from mb.bootstrap import Services
from mb.domain.model.risk import RiskLevel
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.domain.model.youth_filter import YouthFilter
from tests.conftest import PASSWORD
from tests.fakes import Store
from tests.fakes_features import FakeFeatureSource
from tests.risk_levels import sync_levels
from tests.unit.test_catalogue import a_module, module_id

Register = Callable[..., Awaitable[User]]
NEWEST, OLDER = date(2026, 11, 27), date(2026, 11, 26)
HIGH, MEDIUM, LOW = RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW


@pytest.fixture
async def youth(
    services: Services, admin: Actor, mentor: Actor, register: Register, feature_source: FakeFeatureSource
) -> dict[str, int]:
    """Asha, Bina and Esha with the mentor, Chitra with another, Dev with nobody; their levels
    synced for two days."""
    other = await services.accounts.create_staff(admin, "other@example.org", PASSWORD, Role.MENTOR, "Ola")
    assert other.id is not None
    ids = {}
    for name, mentor_id in (
        ("asha", mentor.user_id),
        ("bina", mentor.user_id),
        ("chitra", other.id),
        ("dev", None),
        ("esha", mentor.user_id),
    ):
        user = await register(f"{name}@example.org")
        assert user.id is not None
        if mentor_id is not None:
            await services.user_admin.assign_mentor(admin, user.id, mentor_id)
        ids[name] = user.id
    # Bina was high the day before and Esha's newest row is that day's: neither is high now.
    await sync_levels(
        services, feature_source, OLDER, {ids["asha"]: HIGH, ids["bina"]: HIGH, ids["esha"]: HIGH}
    )
    await sync_levels(
        services,
        feature_source,
        NEWEST,
        {ids["asha"]: HIGH, ids["bina"]: LOW, ids["chitra"]: HIGH, ids["dev"]: MEDIUM},
    )
    return ids


def holders(store: Store, module_id: int, ids: dict[str, int]) -> set[str]:
    names = {user_id: name for name, user_id in ids.items()}
    return {names[a.user_id] for a in store.learning.assignments.values() if a.module_id == module_id}


@pytest.mark.parametrize(
    ("level", "expected"), [(HIGH, {"asha", "chitra"}), (MEDIUM, {"dev"}), (LOW, {"bina"})]
)
async def test_assigning_by_risk_level_reaches_exactly_the_youth_at_that_level_now(
    services: Services,
    admin: Actor,
    store: Store,
    youth: dict[str, int],
    level: RiskLevel,
    expected: set[str],
) -> None:
    module = module_id(await a_module(services, admin))
    at_level = YouthFilter(risk_level=level)

    preview = await services.learning.preview_assignment(admin, module, at_level)
    assigned = await services.learning.assign(admin, module, at_level)

    assert (preview.matching, preview.already, assigned) == (len(expected), 0, len(expected))
    assert holders(store, module, youth) == expected


async def test_a_mentor_assigning_by_risk_level_reaches_only_their_caseload(
    services: Services, admin: Actor, mentor: Actor, store: Store, youth: dict[str, int]
) -> None:
    module = module_id(await a_module(services, admin))
    high = YouthFilter(risk_level=HIGH)

    assert (await services.learning.preview_assignment(mentor, module, high)).matching == 1
    assert await services.learning.assign(mentor, module, high) == 1

    assert holders(store, module, youth) == {"asha"}
    assert await services.learning.assign(admin, module, high) == 1  # Chitra, the other caseload's
    assert holders(store, module, youth) == {"asha", "chitra"}


async def test_a_risk_level_combines_with_the_other_filters(
    services: Services, admin: Actor, store: Store, youth: dict[str, int]
) -> None:
    module = module_id(await a_module(services, admin))
    store.users[youth["chitra"]].region = "KA"

    assert await services.learning.assign(admin, module, YouthFilter(region="MH", risk_level=HIGH)) == 1
    assert holders(store, module, youth) == {"asha"}
