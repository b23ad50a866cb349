"""GET /materials/<id>: a plain HTTP download that knows who is signed in from the session cookie."""

from collections.abc import Callable
from typing import Any

import httpx
from nicegui import core
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.module import Material, Module
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from tests.conftest import PASSWORD
from tests.ui.programme import a_module, assign
from tests.ui.screen import open_as, sign_in

Register = Callable[..., Any]
PDF = b"%PDF-1.4 a guide"


async def held_material(services: Services, admin: Actor, register: Register) -> tuple[int, Module, Material]:
    youth = await register()
    module = await a_module(services, admin, "ENG-101", "Workplace English")
    assert module.id is not None
    await assign(services, admin, module, youth.id)
    material = (await services.catalogue.materials(admin, module.id))[0]
    return youth.id, module, material


async def test_a_youth_holding_the_module_downloads_its_file(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    _, module, material = await held_material(services, admin, register)
    assert module.id is not None
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="student-id")
    response = await user.http_client.get(f"/materials/{material.id}")
    assert response.status_code == 200
    assert response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == "attachment; filename*=UTF-8''guide.pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "private, no-store"

    named = await services.catalogue.add_material(admin, module.id, "Résumé & cover letter.pdf", PDF)
    response = await user.http_client.get(f"/materials/{named.id}")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        "attachment; filename*=UTF-8''R%C3%A9sum%C3%A9%20%26%20cover%20letter.pdf"
    )


async def test_the_module_page_links_its_files_as_downloads(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    _, module, material = await held_material(services, admin, register)
    await open_as(user, "priya@example.org", f"/learn/{module.id}")
    link = user.find(marker=f"material-{material.id}").elements.pop()
    assert link.props["href"] == f"/materials/{material.id}"
    assert link.props["download"] == "guide.pdf"  # the browser downloads instead of opening an app page


async def test_staff_may_download_any_material(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    _, _, material = await held_material(services, admin, register)
    await sign_in(user, "admin@example.org")
    await user.should_see(marker="user-counts")
    response = await user.http_client.get(f"/materials/{material.id}")
    assert response.status_code == 200 and response.content == PDF


async def test_another_youth_is_refused_and_missing_files_are_not_found(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    _, _, material = await held_material(services, admin, register)
    await register("arjun@example.org", full_name="Arjun Rao")
    await sign_in(user, "arjun@example.org")
    await user.should_see(marker="student-id")
    response = await user.http_client.get(f"/materials/{material.id}")
    assert (response.status_code, response.text) == (403, "This module is not assigned to you.")
    assert response.headers["cache-control"] == "private, no-store"
    assert PDF not in response.content
    for missing in ("999", "not-a-number"):
        response = await user.http_client.get(f"/materials/{missing}")
        assert (response.status_code, response.text) == (404, "That file is no longer available.")


async def test_a_withdrawn_module_takes_its_files_with_it(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    youth_id, module, material = await held_material(services, admin, register)
    assert module.id is not None
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="student-id")
    await services.learning.withdraw(admin, youth_id, module.id)
    response = await user.http_client.get(f"/materials/{material.id}")
    assert response.status_code == 403


async def test_no_download_without_a_valid_session(
    user: User, services: Services, admin: Actor, register: Register
) -> None:
    youth_id, _, material = await held_material(services, admin, register)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(core.app), base_url="http://test") as stranger:
        response = await stranger.get(f"/materials/{material.id}")
    assert (response.status_code, response.text) == (401, "Please sign in to download this file.")

    await sign_in(user, "priya@example.org")
    await user.should_see(marker="student-id")
    assert (await user.http_client.get(f"/materials/{material.id}")).status_code == 200
    # A password change elsewhere ends this browser's session for downloads as for pages.
    await services.accounts.change_password(Actor(youth_id, Role.YOUTH), PASSWORD, "Another-pass-2026")
    assert (await user.http_client.get(f"/materials/{material.id}")).status_code == 401

    await sign_in(user, "priya@example.org", "Another-pass-2026")
    await user.should_see(marker="student-id")
    user.find(marker="sign-out").click()
    await user.should_see(marker="sign-in")
    assert (await user.http_client.get(f"/materials/{material.id}")).status_code == 401
