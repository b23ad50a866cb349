"""Who is signed in on this browser. The session cookie is signed with SECRET_KEY."""

from nicegui import app, ui

from mb.domain.model.user import User
from mb.domain.rules.session import session_stamp
from mb.ui.services import services


async def signed_in_user() -> User | None:
    """The account behind this browser's session.

    A deactivated account, or one whose password changed elsewhere since, signs out.
    """
    user_id = app.storage.user.get("user_id")
    if not isinstance(user_id, int):
        return None
    user = await services().accounts.signed_in_user(user_id)
    if user is None or app.storage.user.get("stamp") != session_stamp(user):
        end_session()
        return None
    return user


def start_session(user: User) -> None:
    app.storage.user.update(user_id=user.id, stamp=session_stamp(user))


def end_session() -> None:
    app.storage.user.pop("user_id", None)
    app.storage.user.pop("stamp", None)


def client_key() -> str:
    """The caller's network address, for throttling repeated failed sign-ins.

    Behind a load balancer uvicorn's proxy-header handling (FORWARDED_ALLOW_IPS) supplies the
    real address; a raw X-Forwarded-For is not trusted, or anyone could dodge the throttle.
    """
    request = ui.context.client.request
    return request.client.host if request.client else "unknown"
