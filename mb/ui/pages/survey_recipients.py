"""Who a survey went to, paged: delivery, opening and answering (hidden for anonymous surveys),
reminders, expiry, and each person's link to copy and send another way."""

from datetime import datetime

from nicegui import ui

from mb.domain.errors import DomainError
from mb.domain.model.invitation import Audience
from mb.domain.model.survey_views import DistributionSummary, InvitationRow
from mb.domain.model.user import Actor
from mb.ui.dates import shown_moment
from mb.ui.i18n import t
from mb.ui.pages.survey_tables import cell, cells, pager, table
from mb.ui.pages.survey_text import DELIVERY
from mb.ui.services import services

PAGE = 50
HEADINGS = ("Email", "Name", "Delivery", "Sent", "Opened", "Answered", "Reminders", "Link expires", "Link")
# An employer is mailed about the youth placed with them: the name beside their email is the youth's.
EMPLOYER_HEADINGS = ("Email", "About", *HEADINGS[2:])


class RecipientsSection:
    def __init__(self, actor: Actor, summary: DistributionSummary) -> None:
        assert summary.distribution.id is not None
        self.actor = actor
        self.distribution_id = summary.distribution.id
        self.anonymous = summary.anonymous
        self.headings = EMPLOYER_HEADINGS if summary.distribution.audience is Audience.EMPLOYER else HEADINGS
        self.total = summary.counts.invited
        self.offset = 0
        self.rows: list[InvitationRow] = []

    async def load(self) -> None:
        self.rows = await services().distribution.invitations(
            self.actor, self.distribution_id, self.offset, PAGE
        )

    @ui.refreshable_method
    def show(self) -> None:
        with ui.card().classes("w-full").mark("recipients"):
            ui.label(t("Recipients")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
            if self.anonymous:
                ui.label(
                    t(
                        "This survey is anonymous: whether and when each person opened or answered it, "
                        "and how often they were reminded, is not shown."
                    )
                ).mark("recipients-anonymous")
            if not self.rows:
                ui.label(t("Nobody was invited.")).mark("no-recipients")
                return
            with table([t(heading) for heading in self.headings]):
                for row in self.rows:
                    self.row(row)
            pager("recipients", self.offset, PAGE, self.total, self.turn)

    def row(self, row: InvitationRow) -> None:
        delivery = t(DELIVERY[row.delivery])
        if row.failure_reason:
            delivery += ": " + row.failure_reason
        with ui.element("tr").mark(f"recipient-{row.invitation_id}"):
            cells(
                (
                    row.email,
                    row.name,
                    delivery,
                    _moment(row.sent_at),
                    _state(row.opened, row.opened_at),
                    _state(row.completed, row.completed_at),
                    t("hidden (anonymous)") if row.reminders_sent is None else str(row.reminders_sent),
                    shown_moment(row.expires_at),
                )
            )
            with cell():
                if not row.link_usable:
                    ui.label("—").mark(f"no-link-{row.invitation_id}")
                    return
                button = ui.button(
                    t("Copy link"),
                    icon="content_copy",
                    on_click=lambda: self.copy(row.invitation_id, row.email),
                ).props("flat dense no-caps")
                button.props["aria-label"] = t("Copy the link for {email}", email=row.email)
                button.mark(f"copy-link-{row.invitation_id}")

    async def turn(self, step: int) -> None:
        self.offset = max(self.offset + step, 0)
        await self.load()
        self.show.refresh()

    async def copy(self, invitation_id: int, email: str) -> None:
        """Copy the link and show it as well, so it can be read out on the phone."""
        try:
            link = await services().distribution.link_for(self.actor, invitation_id)
        except DomainError as error:
            ui.notify(t(error.message), type="warning")
            return
        ui.clipboard.write(link)
        with ui.dialog() as dialog, ui.card().classes("w-full max-w-xl").mark("link-dialog"):
            ui.label(t("The link for {email}", email=email)).classes("font-semibold")
            ui.label(link).classes("font-mono break-all select-all").mark("copied-link")
            ui.label(
                t("It is copied. Paste it into a message, or read it out. It works once, for this person.")
            )
            ui.button(t("Close"), on_click=dialog.close).mark("link-close")
        dialog.open()
        await dialog
        if not dialog.is_deleted:
            dialog.delete()


def _moment(at: datetime | None) -> str:
    return shown_moment(at) if at else "—"


def _state(done: bool | None, at: datetime | None) -> str:
    if done is None:
        return t("hidden (anonymous)")
    if not done:
        return t("No")
    return shown_moment(at) if at else t("Yes")
