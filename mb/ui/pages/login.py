from nicegui import ui

from mb.ui.i18n import t
from mb.ui.session import signed_in_user
from mb.ui.sign_in_form import sign_in_form


async def page() -> None:
    if await signed_in_user():
        ui.navigate.to("/")
        return
    ui.label(t("Sign in to MB Compass")).classes("text-2xl font-semibold")
    sign_in_form(after=lambda: ui.navigate.to("/"))
