"""NiceGUI `user` simulation of the real root page, wired to in-memory fakes."""

import os
from collections.abc import AsyncIterator

import httpx
import pytest
from nicegui import core, ui
from nicegui.functions.download import download
from nicegui.functions.navigate import Navigate
from nicegui.functions.notify import notify
from nicegui.testing import User
from nicegui.testing.general import nicegui_reset_globals, prepare_simulation

from mb.bootstrap import Services
from mb.ui.app import build, root


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
