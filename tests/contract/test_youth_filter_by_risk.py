"""A YouthFilter's risk level in memory, on SQLite and on PostgreSQL: the level each youth has on
the programme's newest day of features — not their own newest day, not an older day's level."""

from datetime import timedelta

import pytest

from mb.domain.model.risk import RiskLevel
from mb.domain.model.roles import Role
from mb.domain.model.youth_filter import YouthFilter
from tests.contract.insight_builders import DAY, UowFactory, assessed, days_before, store
from tests.contract.test_learning_repositories import T0, a_module, a_user, add, id_of

NEWEST, OLDER = DAY, days_before(DAY, 1)
SCORES = {RiskLevel.HIGH: 8, RiskLevel.MEDIUM: 5, RiskLevel.LOW: 1}
NOW = T0 + timedelta(days=1)
NO_TEMPLATE = 0  # recipients of a survey family nobody was invited to


async def programme(uow_factory: UowFactory) -> dict[str, int]:
    """Youth with features on the newest day, an older one, or none; each name's id."""
    mentor = a_user("mentor@example.org", Role.MENTOR)
    await add(uow_factory, mentor)
    youth = {
        "priya": a_user("priya@example.org", region="MH", mentor_id=mentor.id),
        "arjun": a_user("arjun@example.org", region="MH", mentor_id=mentor.id),
        "meera": a_user("meera@example.org", region="KA"),
        "ravi": a_user("ravi@example.org", region="KA", mentor_id=mentor.id),
        "kavya": a_user("kavya@example.org", region="KA"),
        "anita": a_user("anita@example.org", region="MH", is_active=False),
        "sunil": a_user("sunil@example.org", region="UP"),
    }
    await add(uow_factory, *youth.values())
    ids = {name: id_of(user) for name, user in youth.items()} | {"mentor": id_of(mentor)}
    await store(
        uow_factory,
        assessed(ids["priya"], NEWEST, SCORES[RiskLevel.HIGH]),
        assessed(ids["priya"], OLDER, SCORES[RiskLevel.LOW]),
        # High yesterday, medium now: yesterday's level is history.
        assessed(ids["arjun"], NEWEST, SCORES[RiskLevel.MEDIUM]),
        assessed(ids["arjun"], OLDER, SCORES[RiskLevel.HIGH]),
        assessed(ids["meera"], NEWEST, SCORES[RiskLevel.LOW]),
        # Ravi's own newest row is an older day's: he has no level now.
        assessed(ids["ravi"], OLDER, SCORES[RiskLevel.HIGH]),
        assessed(ids["kavya"], NEWEST, SCORES[RiskLevel.HIGH]),
        assessed(ids["anita"], NEWEST, SCORES[RiskLevel.HIGH]),  # deactivated
        assessed(ids["mentor"], NEWEST, SCORES[RiskLevel.HIGH]),  # staff are never youth
    )
    # Sunil has no features at all.
    return ids


async def reached(uow_factory: UowFactory, ids: dict[str, int], youth: YouthFilter) -> set[str]:
    """Whom a survey would go to, checked against whom a module preview counts."""
    names = {user_id: name for name, user_id in ids.items()}
    async with uow_factory() as uow:
        recipients = await uow.invitations.youth_recipients(youth, NO_TEMPLATE, NOW)
        module = await uow.modules.get_by_code("RISK-101") or await uow.modules.add(a_module("RISK-101"))
        matching, _ = await uow.assignments.count_matching(id_of(module), youth)
        await uow.commit()
    assert matching == len(recipients)
    return {names[r.youth_id] for r in recipients if r.youth_id is not None}


ACTIVE_YOUTH = {"priya", "arjun", "meera", "ravi", "kavya", "sunil"}
CASES = [
    ("any level", YouthFilter(), ACTIVE_YOUTH),
    ("high", YouthFilter(risk_level=RiskLevel.HIGH), {"priya", "kavya"}),
    ("medium", YouthFilter(risk_level=RiskLevel.MEDIUM), {"arjun"}),
    ("low", YouthFilter(risk_level=RiskLevel.LOW), {"meera"}),
    ("high in a region", YouthFilter(region="KA", risk_level=RiskLevel.HIGH), {"kavya"}),
    ("low in a region with none", YouthFilter(region="MH", risk_level=RiskLevel.LOW), set()),
]


@pytest.mark.parametrize(("youth", "expected"), [pytest.param(f, names, id=case) for case, f, names in CASES])
async def test_a_risk_level_reaches_the_youth_at_it_on_the_newest_day(
    uow_factory: UowFactory, youth: YouthFilter, expected: set[str]
) -> None:
    ids = await programme(uow_factory)

    assert await reached(uow_factory, ids, youth) == expected


async def test_a_mentors_risk_filter_stays_within_their_caseload(uow_factory: UowFactory) -> None:
    ids = await programme(uow_factory)
    high = YouthFilter(risk_level=RiskLevel.HIGH, mentor_id=ids["mentor"])

    assert await reached(uow_factory, ids, high) == {"priya"}


async def test_assigning_by_risk_level_gives_the_module_to_exactly_those_youth(
    uow_factory: UowFactory,
) -> None:
    ids = await programme(uow_factory)
    module = a_module("RISK-201")
    await add(uow_factory, module)
    high = YouthFilter(risk_level=RiskLevel.HIGH)

    async with uow_factory() as uow:
        assert await uow.assignments.assign_matching(id_of(module), high, T0, None, None) == 2
        await uow.commit()

    async with uow_factory() as uow:
        held = {name for name, user_id in ids.items() if await uow.assignments.get(user_id, id_of(module))}
        assert await uow.assignments.count_matching(id_of(module), high) == (2, 2)
    assert held == {"priya", "kavya"}


async def test_a_newer_day_for_one_youth_is_the_day_every_level_is_read_from(
    uow_factory: UowFactory,
) -> None:
    ids = await programme(uow_factory)
    await store(uow_factory, assessed(ids["meera"], NEWEST + timedelta(days=1), SCORES[RiskLevel.HIGH]))

    # Priya and Kavya were high on what is now the day before: they have no level until the
    # newer day has their rows too.
    assert await reached(uow_factory, ids, YouthFilter(risk_level=RiskLevel.HIGH)) == {"meera"}
    assert await reached(uow_factory, ids, YouthFilter(risk_level=RiskLevel.LOW)) == set()


@pytest.mark.parametrize("level", list(RiskLevel))
async def test_with_no_features_stored_no_youth_has_a_risk_level(
    uow_factory: UowFactory, level: RiskLevel
) -> None:
    priya = a_user("priya@example.org")
    await add(uow_factory, priya)
    ids = {"priya": id_of(priya)}

    assert await reached(uow_factory, ids, YouthFilter(risk_level=level)) == set()
    assert await reached(uow_factory, ids, YouthFilter()) == {"priya"}
