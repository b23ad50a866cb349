from collections.abc import Awaitable, Callable

from nicegui import ui

from mb.domain.errors import DomainError
from mb.ui.frame import shell
from mb.ui.i18n import t
from mb.ui.services import services
from mb.ui.session import client_key, start_session


def sign_in_form(after: Callable[[], Awaitable[None] | None]) -> None:
    """Email and password; on success the session starts, the header updates, then `after` runs."""
    with ui.card().classes("w-full max-w-md"):
        email = ui.input(t("Email")).props("type=email autocomplete=username").classes("w-full").mark("email")
        password = (
            ui.input(t("Password"), password=True, password_toggle_button=True)
            .props("autocomplete=current-password")
            .classes("w-full")
            .mark("password")
        )
        problem = ui.label().classes("text-red-800 font-medium").props('role="alert"').mark("form-error")
        problem.set_visibility(False)

        async def sign_in() -> None:
            try:
                user = await services().accounts.sign_in(
                    email.value or "", password.value or "", client_key()
                )
            except DomainError as error:
                problem.text = t(error.message)
                problem.set_visibility(True)
                password.value = ""
                return
            start_session(user)
            await shell().changed()
            if (pending := after()) is not None:
                await pending

        password.on("keydown.enter", sign_in)
        ui.button(t("Sign in"), on_click=sign_in).classes("w-full").mark("sign-in")
    with ui.row().classes("items-center gap-1"):
        ui.label(t("New to the programme?"))
        ui.link(t("Register here"), "/register").mark("register-link")
