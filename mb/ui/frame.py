"""The shared layout: a header with navigation that fits the signed-in person's role."""

from nicegui import app, ui

from mb.domain.errors import DomainError
from mb.domain.model.flags import Flag
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.ui.i18n import LANGUAGES, current_language, t
from mb.ui.services import services
from mb.ui.session import end_session, signed_in_user

NAVIGATION: dict[Role | None, list[tuple[str, str]]] = {
    None: [("Sign in", "/login"), ("Register", "/register")],
    Role.YOUTH: [
        ("Home", "/"),
        ("Learning", "/learn"),
        ("Achievements", "/achievements"),
        ("Surveys", "/surveys"),
        ("Profile", "/profile"),
    ],
    Role.MENTOR: [
        ("Home", "/"),
        ("Caseload", "/caseload"),
        ("Insights", "/insights"),
        ("Modules", "/admin/modules"),
        ("Profile", "/profile"),
    ],
    Role.ADMIN: [
        ("Home", "/"),
        ("Caseload", "/caseload"),
        ("Insights", "/insights"),
        ("Users", "/admin/users"),
        ("Modules", "/admin/modules"),
        ("Surveys", "/admin/surveys"),
        ("System", "/admin/system"),
        ("Profile", "/profile"),
    ],
}
# Pages that leave the menu while their feature is off.
SWITCHABLE = {"/achievements": Flag.GAMIFICATION, "/caseload": Flag.NEW_DASHBOARD}


class Shell:
    """One per browser tab: the header refreshes when someone signs in or out."""

    def __init__(self) -> None:
        self.user: User | None = None
        self.pages: ui.sub_pages | None = None

    @ui.refreshable_method
    async def header(self) -> None:
        try:
            self.user = await signed_in_user()
            links = await navigation(self.user)
        except DomainError:
            self.user = None  # the database is out; the page below says so, the session is kept
            links = NAVIGATION[None]
        with ui.row().classes("w-full items-center gap-x-3 gap-y-1 flex-wrap"):
            ui.link("MB Compass", "/").classes("text-xl font-bold text-white no-underline mr-2")
            for label, target in links:
                ui.link(t(label), target).classes("text-white").mark(f"nav-{target}")
            ui.space()
            with (
                ui.button(icon="translate")
                .props(f'flat round color=white aria-label="{t("Language")}"')
                .mark("language"),
                ui.menu(),
            ):
                for code, name in LANGUAGES.items():
                    item = ui.menu_item(name, on_click=lambda code=code: self.choose_language(code))
                    item.props("active" if code == current_language() else "").mark(f"language-{code}")
            if self.user:
                ui.label(self.user.full_name).classes("text-white max-sm:hidden")
                ui.button(icon="logout", on_click=self.sign_out).props(
                    f'flat round color=white aria-label="{t("Sign out")}"'
                ).tooltip(t("Sign out")).mark("sign-out")

    async def choose_language(self, code: str) -> None:
        if code not in LANGUAGES or code == current_language():
            return
        app.storage.user["language"] = code
        self.reopen_page()  # before the header redraw deletes the menu this runs from
        await self.changed()

    async def sign_out(self) -> None:
        if self.user is not None:
            await services().accounts.sign_out(Actor.of(self.user))
        end_session()
        ui.navigate.to("/login")  # before the header redraw deletes the button this runs from
        await self.changed()

    async def changed(self) -> None:
        """Someone signed in or out, or changed their name: redraw the header."""
        await self.header.refresh()

    def reopen_page(self) -> None:
        """Build the current page again (after signing in on it)."""
        if self.pages is not None:
            self.pages.refresh()


async def navigation(user: User | None) -> list[tuple[str, str]]:
    """The links for `user`'s role, without pages whose feature is switched off."""
    links = NAVIGATION[user.role if user else None]
    if not any(target in SWITCHABLE for _, target in links):
        return links
    enabled = {state.name for state in await services().flags.states() if state.enabled}
    return [(label, to) for label, to in links if to not in SWITCHABLE or SWITCHABLE[to] in enabled]


def shell() -> Shell:
    """This tab's shell (created by the root page)."""
    found = app.storage.client.get("shell")
    assert isinstance(found, Shell)
    return found
