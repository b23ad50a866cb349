"""Log lines name the browser tab and the signed-in person; HTTP responses carry a request id."""

from nicegui.testing import User

from mb.domain.model.user import Actor
from mb.ui.log_context import tab_context
from tests.ui.screen import sign_in


async def test_inside_a_tab_the_log_context_names_the_tab_and_the_person(user: User, admin: Actor) -> None:
    assert tab_context() == {}
    await user.open("/login")
    assert user.client is not None
    with user.client:
        before = tab_context()
    assert before == {"client_id": user.client.id}
    await sign_in(user, "admin@example.org")
    await user.should_see(marker="welcome")
    with user.client:
        assert tab_context() == {"client_id": user.client.id, "user_id": admin.user_id}


async def test_every_response_carries_a_request_id_and_a_sane_given_one_is_kept(user: User) -> None:
    fresh = await user.http_client.get("/health/live")
    again = await user.http_client.get("/health/live")
    assert len(fresh.headers["X-Request-ID"]) == 32
    assert fresh.headers["X-Request-ID"] != again.headers["X-Request-ID"]
    kept = await user.http_client.get("/health/live", headers={"X-Request-ID": "lb-7f3a.2"})
    assert kept.headers["X-Request-ID"] == "lb-7f3a.2"
    for forged in ('abc" level=critical', "a" * 65, "spaced id"):
        response = await user.http_client.get("/health/live", headers={"X-Request-ID": forged})
        assert response.headers["X-Request-ID"] != forged
        assert len(response.headers["X-Request-ID"]) == 32
