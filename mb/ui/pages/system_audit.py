"""The audit log on the system page: filtered on the server, paged, exported as CSV."""

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from nicegui import ui

from mb.domain.errors import InvalidInput
from mb.domain.model.audit_query import AuditListing, AuditPage, AuditQuery
from mb.domain.model.user import Actor
from mb.domain.services.audit import PAGE
from mb.ui.dates import shown_moment
from mb.ui.form_values import parse_date
from mb.ui.i18n import t
from mb.ui.scrolling import scroller
from mb.ui.services import services

CELL = "px-2 py-1 text-left align-top border-b border-gray-300"
DETAILS_SHOWN = 160  # characters of an entry's details; the CSV has them whole


class AuditSection:
    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.query = AuditQuery()
        self.offset = 0
        self.page: AuditPage | None = None

    async def load(self) -> None:
        self.page = await services().audit.search(self.actor, self.query, self.offset)

    def show(self) -> None:
        with ui.card().classes("w-full").mark("audit"):
            ui.label(t("Audit log")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
            with ui.row().classes("w-full items-end gap-4"):
                self.action = (
                    ui.select(self.action_options(), value="", label=t("Action"), with_input=True)
                    .classes("min-w-48")
                    .mark("audit-action")
                )
                self.since = ui.input(t("From")).props("type=date").mark("audit-from")
                self.until = ui.input(t("To")).props("type=date").mark("audit-to")
                ui.button(t("Show"), icon="filter_alt", on_click=self.apply).mark("audit-apply")
                ui.button(t("Export CSV"), icon="download", on_click=self.export).props("outline").mark(
                    "audit-export"
                )
            self.entries()

    def action_options(self) -> dict[str, str]:
        actions = self.page.actions if self.page else ()
        families = sorted({action.split(".")[0] + "." for action in actions if "." in action})
        options = {"": t("All actions")}
        options.update({family: t("All {family} actions", family=family.rstrip(".")) for family in families})
        options.update({action: action for action in actions})
        return options

    @ui.refreshable_method
    def entries(self) -> None:
        page = self.page
        assert page is not None
        if not page.listings:
            ui.label(t("No entries match.")).mark("audit-empty")
            return
        with scroller(), ui.element("table").classes("w-full border-collapse text-sm").mark("audit-entries"):
            with ui.element("thead"), ui.element("tr"):
                for heading in ("When", "Who", "Action", "Target", "Details"):
                    with ui.element("th").classes(CELL):
                        ui.label(t(heading))
            with ui.element("tbody"):
                for listing in page.listings:
                    self.entry_row(listing)
        last = min(self.offset + PAGE, page.total)
        with ui.row().classes("items-center gap-4"):
            ui.label(t("{first}–{last} of {total}", first=self.offset + 1, last=last, total=page.total)).mark(
                "audit-range"
            )
            previous = (
                ui.button(t("Previous"), on_click=lambda: self.turn(-PAGE))
                .props("flat")
                .mark("audit-previous")
            )
            following = (
                ui.button(t("Next"), on_click=lambda: self.turn(PAGE)).props("flat").mark("audit-next")
            )
            previous.set_enabled(self.offset > 0)
            following.set_enabled(last < page.total)

    @staticmethod
    def entry_row(listing: AuditListing) -> None:
        entry, person = listing.entry, listing.actor
        who = f"{person.full_name} ({person.email})" if person else t("operator (shell)")
        details = json.dumps(entry.details, ensure_ascii=False, sort_keys=True, default=str)
        if len(details) > DETAILS_SHOWN:
            details = details[: DETAILS_SHOWN - 1] + "…"
        with ui.element("tr").mark(f"audit-entry-{entry.id}"):
            for text in (
                shown_moment(entry.at),
                who,
                entry.action,
                f"{entry.target_type} {entry.target_id}",
                details,
            ):
                with ui.element("td").classes(CELL):
                    ui.label(text)  # plain text: details hold what people typed

    async def apply(self) -> None:
        try:
            self.query = AuditQuery(
                action=str(self.action.value or ""),
                since=self._start_of(parse_date(str(self.since.value or ""), "from")),
                until=self._start_of(self._day_after(parse_date(str(self.until.value or ""), "to"))),
            )
        except InvalidInput as error:
            ui.notify(t(error.message), type="warning")
            return
        self.offset = 0
        await self.load()
        self.entries.refresh()

    async def turn(self, step: int) -> None:
        self.offset = max(self.offset + step, 0)
        await self.load()
        self.entries.refresh()

    async def export(self) -> None:
        data = await services().audit.export_csv(self.actor, self.query)
        ui.download.content(data, "mb-compass-audit.csv", "text/csv")

    @staticmethod
    def _day_after(day: date | None) -> date | None:
        return day + timedelta(days=1) if day else None

    @staticmethod
    def _start_of(day: date | None) -> datetime | None:
        """Local midnight: the dates an admin picks are the programme's days."""
        return datetime.combine(day, time(), ZoneInfo(services().settings.mb_timezone)) if day else None
