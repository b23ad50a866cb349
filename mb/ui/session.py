"""Who is signed in on this browser. The session cookie is signed with SECRET_KEY."""

from nicegui import app, ui

from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.ui.i18n import t
from mb.ui.services import services


async def signed_in_user() -> User | None:
    """The account behind this browser's session; a deactivated account signs out."""
    user_id = app.storage.user.get("user_id")
    if not isinstance(user_id, int):
        return None
    user = await services().accounts.signed_in_user(user_id)
    if user is None:
        app.storage.user.pop("user_id", None)
    return user


def start_session(user: User) -> None:
    app.storage.user["user_id"] = user.id


def end_session() -> None:
    app.storage.user.pop("user_id", None)


def client_key() -> str:
    """The caller's network address, for throttling repeated failed sign-ins.

    Behind a load balancer uvicorn's proxy-header handling (FORWARDED_ALLOW_IPS) supplies the
    real address; a raw X-Forwarded-For is not trusted, or anyone could dodge the throttle.
    """
    request = ui.context.client.request
    return request.client.host if request.client else "unknown"


async def require_user(*roles: Role) -> tuple[User, Actor] | None:
    """The signed-in user when their role may see this page; otherwise explain or send to sign-in."""
    user = await signed_in_user()
    if user is None:
        ui.navigate.to("/login")
        return None
    if roles and user.role not in roles:
        ui.label(t("This page is not available for your account.")).classes("text-lg").mark("forbidden")
        ui.link(t("Go to your home page"), "/")
        return None
    return user, Actor.of(user)
