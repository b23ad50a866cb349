"""Recommended modules on fake services: youth see theirs on /learn, mentors assign one with a click
on /youth/<id>, and with the feature switched off nothing shows anywhere."""

from collections.abc import Callable
from typing import Any

import pytest
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.flags import Flag
from mb.domain.model.module import ModuleDetails
from mb.domain.model.user import Actor
from tests.fakes import Store
from tests.ui.programme import a_module, assign
from tests.ui.screen import open_as

Register = Callable[..., Any]
Catalogue = dict[str, int]  # module ids by code


@pytest.fixture
async def priya_with_a_catalogue(
    services: Services, admin: Actor, mentor: Actor, register: Register, store: Store
) -> tuple[int, Catalogue]:
    """Priya (interested in Retail, mentored by Ravi) holds Workplace English; Customer Service
    needs it completed first; Store basics (Retail) and Computer basics (IT) are open to her."""
    youth = await register(sector_interests=["Retail"], skills=["Excel"])
    store.users[youth.id].mentor_id = mentor.user_id
    english = await a_module(services, admin, "ENG-101", "Workplace English")
    service = await a_module(services, admin, "RET-201", "Customer Service", after=english)
    shop = await services.catalogue.create_module(
        admin,
        ModuleDetails(code="RET-110", title="Store basics", sector="Retail", skills=["Billing", "Excel"]),
    )
    computer = await services.catalogue.create_module(
        admin, ModuleDetails(code="IT-101", title="Computer basics", sector="IT/ITES", duration_hours=8)
    )
    await assign(services, admin, english, youth.id)
    ids = {m.code: m.id for m in (english, service, shop, computer) if m.id is not None}
    return youth.id, ids


async def switch_on(services: Services, admin: Actor) -> None:
    await services.flags.set(admin, Flag.AI_RECOMMENDATIONS, True)


async def test_a_youth_sees_recommended_modules_with_their_reasons(
    user: User, services: Services, admin: Actor, priya_with_a_catalogue: tuple[int, Catalogue]
) -> None:
    _, ids = priya_with_a_catalogue
    await switch_on(services, admin)
    await open_as(user, "priya@example.org", "/learn")
    await user.should_see("Recommended for you")
    await user.should_see("Ask your mentor to assign the one you like.", marker="recommendations")
    with user.scope(marker=f"recommended-{ids['RET-110']}"):
        await user.should_see("Store basics")
        await user.should_see("Retail · Beginner · 1 h")
        await user.should_see("Matches your interest in Retail")
        await user.should_see("Teaches skills you don't have yet: Billing")
        await user.should_see("A good first module: Beginner")
    await user.should_see(marker=f"recommended-{ids['IT-101']}")
    for held_or_locked in ("ENG-101", "RET-201"):
        await user.should_not_see(marker=f"recommended-{ids[held_or_locked]}")
    await user.should_not_see(marker=f"accept-{ids['RET-110']}")  # youth never assign themselves
    store_first, computer_next = (
        user.find(marker=f"recommended-{ids[code]}").elements.pop() for code in ("RET-110", "IT-101")
    )
    assert store_first.id < computer_next.id


async def test_a_youth_without_modules_still_sees_what_is_recommended(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    await register(sector_interests=["Retail"])
    await a_module(services, admin, "RET-110", "Store basics")
    await switch_on(services, admin)
    await open_as(user, "priya@example.org", "/learn")
    await user.should_see(marker="no-modules")
    await user.should_see("Store basics", marker="recommendations")


async def test_with_the_flag_off_nobody_sees_recommendations(
    user: User, priya_with_a_catalogue: tuple[int, Catalogue]
) -> None:
    youth_id, _ = priya_with_a_catalogue
    await open_as(user, "priya@example.org", "/learn")
    await user.should_see("Workplace English")
    await user.should_not_see(marker="recommendations")
    await user.should_not_see("Store basics")

    user.find(marker="sign-out").click()
    await user.should_see(marker="sign-in")
    await open_as(user, "mentor@example.org", f"/youth/{youth_id}")
    await user.should_see(marker="assignments")
    await user.should_not_see(marker="recommendations")


async def test_a_mentor_assigns_a_recommended_module_with_one_click(
    user: User,
    services: Services,
    admin: Actor,
    mentor: Actor,
    store: Store,
    priya_with_a_catalogue: tuple[int, Catalogue],
) -> None:
    youth_id, ids = priya_with_a_catalogue
    await switch_on(services, admin)
    await open_as(user, "mentor@example.org", f"/youth/{youth_id}")
    await user.should_see("Recommended modules")
    with user.scope(marker=f"recommended-{ids['RET-110']}"):
        await user.should_see("Matches their interest in Retail")
        await user.should_see("Teaches skills they don't have yet: Billing")
    await user.should_not_see(marker=f"assignment-{ids['RET-110']}")

    user.find(marker=f"accept-{ids['RET-110']}").click()

    await user.should_see("Store basics assigned.")
    await user.should_see(marker=f"assignment-{ids['RET-110']}")
    await user.should_not_see(marker=f"recommended-{ids['RET-110']}")
    await user.should_see(marker=f"recommended-{ids['IT-101']}")
    held = [a for a in store.learning.assignments.values() if a.module_id == ids["RET-110"]]
    assert [(a.user_id, a.assigned_by) for a in held] == [(youth_id, mentor.user_id)]
    assert [e.target_id for e in store.audit if e.action == "module.assigned"].count(str(ids["RET-110"])) == 1


@pytest.mark.usefixtures("priya_with_a_catalogue")
async def test_the_recommendations_read_in_hindi(user: User, services: Services, admin: Actor) -> None:
    await switch_on(services, admin)
    await open_as(user, "priya@example.org", "/learn", language="hi")
    await user.should_see("आपके लिए सुझाए गए मॉड्यूल")
    await user.should_see("Retail में आपकी रुचि से मेल खाता है")
