"""NiceGUI `user` simulation of the real root page, wired to in-memory fakes; a mentored youth."""

import os
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from nicegui import core, ui
from nicegui.functions.download import download
from nicegui.functions.navigate import Navigate
from nicegui.functions.notify import notify
from nicegui.testing import User
from nicegui.testing.general import nicegui_reset_globals, prepare_simulation

from mb.bootstrap import Services
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.ui.app import build, root
from tests.fakes import FakeClock, Store
from tests.ui.programme import QUIZ, MentoredYouth, a_module, assign


@pytest.fixture
async def user(services: Services, caplog: pytest.LogCaptureFixture) -> AsyncIterator[User]:
    """A simulated browser on the app; fails the test if anything logged an ERROR."""
    with nicegui_reset_globals():
        os.environ["NICEGUI_USER_SIMULATION"] = "true"
        try:
            prepare_simulation()
            build(services)
            ui.run(root, storage_secret="simulated secret")
            async with core.app.router.lifespan_context(core.app):
                transport = httpx.ASGITransport(core.app)
                async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                    yield User(client)
        finally:
            os.environ.pop("NICEGUI_USER_SIMULATION", None)
            ui.navigate = Navigate()
            ui.notify = notify
            ui.download = download
    errors = [r for r in caplog.get_records("call") if r.levelname == "ERROR"]
    if errors:
        pytest.fail(f"unexpected ERROR logs: {[r.getMessage() for r in errors]}", pytrace=False)


@pytest.fixture
async def mentored_youth(
    services: Services,
    admin: Actor,
    mentor: Actor,
    register: Callable[..., Any],
    store: Store,
    clock: FakeClock,
) -> MentoredYouth:
    """Priya with her modules and four hours of learning, as `MentoredYouth` tells."""
    youth = await register(phone="+91 98765 43210", skills=["Excel"], sector_interests=["Retail"])
    store.users[youth.id].mentor_id = mentor.user_id
    english = await a_module(services, admin, "ENG-101", "Workplace English", quiz=QUIZ)
    service = await a_module(services, admin, "RET-201", "Customer Service")
    assert english.id is not None and service.id is not None
    await assign(services, admin, english, youth.id)
    await assign(services, admin, service, youth.id)
    priya = Actor(youth.id, Role.YOUTH)
    clock.advance(hours=1)
    await services.learning.record_progress(priya, english.id, 40)
    clock.advance(hours=1)
    await services.learning.submit_quiz(priya, english.id, [1, 0])
    clock.advance(hours=1)
    await services.learning.record_progress(priya, english.id, 100)
    clock.advance(hours=1)
    return MentoredYouth(youth.id, english.id, service.id)
