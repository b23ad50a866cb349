"""Pages that need a signed-in person of certain roles. The services check roles again."""

from nicegui import ui

from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.ui.frame import shell
from mb.ui.i18n import t
from mb.ui.session import signed_in_user
from mb.ui.sign_in_form import sign_in_form


async def require_user(*roles: Role) -> tuple[User, Actor] | None:
    """The signed-in user when their role may see this page.

    Otherwise the sign-in form shows in place, and after signing in the page the person asked
    for opens; a person whose role may not see the page is told so.
    """
    user = await signed_in_user()
    if user is None:
        ui.label(t("Please sign in to continue.")).classes("text-2xl font-semibold")
        sign_in_form(after=shell().reopen_page)
        return None
    if roles and user.role not in roles:
        ui.label(t("This page is not available for your account.")).classes("text-lg").mark("forbidden")
        ui.link(t("Go to your home page"), "/")
        return None
    return user, Actor.of(user)
