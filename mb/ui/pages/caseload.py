"""A mentor's caseload: who needs them today, why, and the suggested next step (flag new_dashboard)."""

from datetime import date
from zoneinfo import ZoneInfo

from nicegui import ui

from mb.domain.model.flags import Flag
from mb.domain.model.insight_reports import Caseload, CaseloadEntry
from mb.domain.model.insights import LastContact
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.pages.insights_header import freshness_line
from mb.ui.pages.intervention_dialog import InterventionDialog
from mb.ui.pages.risk_text import (
    action_reason,
    action_text,
    contact_text,
    days_text,
    level_badge,
    reason_list,
)
from mb.ui.services import services

SWITCHED_OFF = (
    "The caseload view is switched off. An admin can switch on “Caseload dashboard” on the system page."
)


async def page() -> None:
    signed_in = await require_user(Role.MENTOR, Role.ADMIN)
    if signed_in is None:
        return
    _, actor = signed_in
    ui.label(t("Who needs me today")).classes("text-2xl font-semibold").props('role="heading" aria-level="1"')
    if not await services().flags.is_enabled(Flag.NEW_DASHBOARD):
        ui.label(t(SWITCHED_OFF)).classes("text-lg").mark("caseload-off")
        return
    freshness = await services().insights.freshness(actor)
    freshness_line(freshness, actor)
    if freshness.day is not None:
        await CaseloadView(actor).listing()


class CaseloadView:
    """One per tab: the list as last loaded; redrawn after an intervention is logged."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor

    @ui.refreshable_method
    async def listing(self) -> None:
        caseload = await services().insights.caseload(self.actor)
        if not caseload.entries:
            ui.label(t("No youth are in your caseload yet.")).mark("caseload-empty")
            return
        ui.label(_count_text(caseload)).classes("text-sm text-gray-700").mark("caseload-count")
        with ui.element("ol").classes("w-full flex flex-col gap-3").mark("caseload"):
            for entry in caseload.entries:
                self.entry(entry, caseload.day)

    def entry(self, entry: CaseloadEntry, day: date | None) -> None:
        row, action = entry.row, entry.action
        with (
            ui.element("li").classes("w-full"),
            ui.card().classes("w-full gap-2").mark(f"caseload-{row.user_id}"),
        ):
            with ui.row().classes("w-full items-center gap-x-3 gap-y-1 flex-wrap"):
                ui.link(row.full_name, f"/youth/{row.user_id}").classes("text-lg font-medium").mark(
                    "caseload-youth"
                )
                ui.label(row.student_id).classes("font-mono text-sm")
                level_badge(row.level, row.score)
            reason_list(row.reasons)
            with ui.row().classes("gap-x-4 gap-y-1 flex-wrap text-sm"):
                ui.label(t("Inactive for {days}", days=days_text(row.days_inactive))).mark(
                    "caseload-inactive"
                )
                ui.label(_contact_line(row.last_contact, day)).mark("caseload-contact")
            with ui.row().classes("w-full items-center gap-x-3 gap-y-1 flex-wrap"):
                ui.label(t("Next: {action}", action=action_text(action))).classes("font-semibold").mark(
                    "caseload-action"
                )
                ui.label(action_reason(action)).classes("text-sm text-gray-700 grow").mark("caseload-why")
                button = ui.button(t("Log intervention"), icon="edit_note", on_click=lambda: self.log(entry))
                button.props("outline dense")
                button.props["aria-label"] = t("Log an intervention for {name}", name=row.full_name)
                button.mark(f"log-intervention-{row.user_id}")

    async def log(self, entry: CaseloadEntry) -> None:
        stored = await InterventionDialog(self.actor, entry.row.user_id, entry.row.full_name).run()
        if stored is not None:
            await self.listing.refresh()  # the order and the suggestion follow the new contact


def _count_text(caseload: Caseload) -> str:
    shown = len(caseload.entries)
    if shown < caseload.total:
        return t("The {shown} who need you most of {total} youth.", shown=shown, total=caseload.total)
    return t("{total} youth, the one who needs you most first.", total=caseload.total)


def _contact_line(contact: LastContact | None, day: date | None) -> str:
    """The last contact and how long before the figures' day it was (as days inactive are counted)."""
    if contact is None or day is None:
        return t("Last contact: {contact}", contact=contact_text(contact))
    local = contact.at.astimezone(ZoneInfo(services().settings.mb_timezone)).date()
    since = max((day - local).days, 0)  # a contact after the figures' day counts as that day
    ago = t("today") if since == 0 else t("{days} ago", days=days_text(since))
    return t("Last contact: {contact} ({ago})", contact=contact_text(contact), ago=ago)
