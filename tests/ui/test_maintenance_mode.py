"""Maintenance mode as people meet it: youth and strangers see a notice, admins carry on."""

from collections.abc import Callable
from typing import Any

from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.user import Actor
from tests.ui.screen import open_as, sign_in

Register = Callable[..., Any]


async def test_while_on_youth_and_strangers_see_the_notice_and_sign_in_stays_open(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    await register("priya@example.org")
    await services.maintenance.switch(admin, True)
    await user.open("/register")
    await user.should_see("MB Compass is under maintenance")
    await user.should_not_see(marker="full_name")
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="maintenance")
    for path in ("/", "/learn", "/achievements", "/profile"):
        await user.open(path)
        await user.should_see(
            "We are looking after the system. Please come back soon; nothing you saved is lost."
        )


async def test_admins_carry_on_with_a_banner_and_end_it_from_the_system_page(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    await services.maintenance.switch(admin, True)
    await sign_in(user, "admin@example.org")
    await user.should_see(marker="welcome")
    await user.should_see(marker="maintenance-banner")
    await user.open("/admin/system")
    await user.should_see(marker="maintenance-off")
    user.find(marker="maintenance-off").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("Maintenance mode is off; everyone can use the app again.")
    assert not (await services.maintenance.state()).on
    await user.open("/")
    await user.should_not_see(marker="maintenance-banner")


async def test_an_admin_starts_it_after_confirming(user: User, services: Services, admin: Actor) -> None:
    await open_as(user, "admin@example.org", "/admin/system")
    user.find(marker="maintenance-on").click()
    await user.should_see("Close the app to everyone but admins now?")
    user.find(marker="confirm-yes").click()
    await user.should_see("Maintenance mode is on.")
    assert (await services.maintenance.state()).on


async def test_health_answers_200_maintenance(user: User, services: Services, admin: Actor) -> None:
    await services.maintenance.switch(admin, True)
    response = await user.http_client.get("/health")
    assert (response.status_code, response.json()["status"]) == (200, "maintenance")
