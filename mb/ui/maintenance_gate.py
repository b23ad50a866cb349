"""While maintenance mode is on, everyone but admins sees a maintenance page instead of the app."""

import functools

from nicegui import ui

from mb.domain.model.maintenance import MaintenanceState
from mb.domain.model.roles import Role
from mb.ui.dates import shown_moment
from mb.ui.i18n import t
from mb.ui.page_errors import Page
from mb.ui.services import services
from mb.ui.session import signed_in_user

OPEN_DURING_MAINTENANCE = frozenset({"/login"})  # so that an admin can still sign in


def closed_for_maintenance(path: str, page: Page) -> Page:
    if path in OPEN_DURING_MAINTENANCE:
        return page

    @functools.wraps(page)
    async def build(**arguments: object) -> None:
        state = await services().maintenance.state()
        if state.on:
            user = await signed_in_user()
            if user is None or user.role is not Role.ADMIN:
                maintenance_notice(state)
                return
            ui.label(t("Maintenance mode is on: only admins can use the app.")).classes(
                "w-full bg-amber-100 text-amber-900 px-3 py-2 rounded"
            ).props('role="status"').mark("maintenance-banner")
        await page(**arguments)

    return build


def maintenance_notice(state: MaintenanceState) -> None:
    with ui.card().classes("w-full").mark("maintenance"):
        ui.label(t("MB Compass is under maintenance")).classes("text-2xl font-semibold").props(
            'role="heading" aria-level="1"'
        )
        ui.label(t("We are looking after the system. Please come back soon; nothing you saved is lost."))
        if state.since is not None:
            ui.label(t("Since {moment}.", moment=shown_moment(state.since))).classes("text-sm")
