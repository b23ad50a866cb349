"""A youth's placements as staff see them on /youth/<id>, and the form that records a new one."""

from nicegui import ui

from mb.domain.errors import InvalidInput
from mb.domain.model.flags import Flag
from mb.domain.model.placement import Placement, PlacementDetails
from mb.domain.model.user import Actor
from mb.ui.dates import shown_date
from mb.ui.form_values import parse_date
from mb.ui.forms import Form
from mb.ui.i18n import t
from mb.ui.scrolling import scroller
from mb.ui.services import services

CELL = "px-2 py-2 text-left align-top border-b border-gray-300"
COLUMNS = ("Employer", "Job title", "Start date", "Recorded")


class PlacementsPanel:
    """One per tab: the youth's placements as last loaded; redrawn after recording one."""

    def __init__(self, actor: Actor, youth_id: int) -> None:
        self.actor = actor
        self.youth_id = youth_id
        self.placements: list[Placement] = []

    async def show(self) -> None:
        self.placements = await services().placements.for_youth(self.actor, self.youth_id)
        with ui.card().classes("w-full gap-3").mark("placements"):
            ui.label(t("Placements")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
            self.listing()
            self.record_form()

    @ui.refreshable_method
    def listing(self) -> None:
        if not self.placements:
            ui.label(t("No placements recorded yet.")).mark("no-placements")
            return
        with scroller(), ui.element("table").classes("w-full"):
            with ui.element("thead"), ui.element("tr"):
                for heading in COLUMNS:
                    with ui.element("th").classes(CELL).props('scope="col"'):
                        ui.label(t(heading))
            with ui.element("tbody"):
                for placement in self.placements:
                    placement_row(placement)

    def record_form(self) -> None:
        with ui.column().classes("w-full gap-2").mark("record-placement"):
            ui.label(t("Record placement")).classes("font-semibold").props('role="heading" aria-level="3"')
            form = Form(
                {
                    "employer_name": ui.input(t("Employer name")).mark("employer_name"),
                    "contact_email": ui.input(t("Employer contact email"))
                    .props("type=email")
                    .mark("contact_email"),
                    "job_title": ui.input(t("Job title")).mark("job_title"),
                    "start_date": ui.input(t("Start date")).props("type=date").mark("start_date"),
                }
            )
            outcome = ui.label().classes("font-medium").props('role="status"').mark("placement-outcome")

            async def record() -> tuple[Placement, list[str]]:
                start = parse_date(form.text("start_date"), "start_date")
                if start is None:
                    raise InvalidInput({"start_date": "Enter the date the job starts."})
                details = PlacementDetails(
                    youth_id=self.youth_id,
                    employer_name=form.text("employer_name"),
                    contact_email=form.text("contact_email"),
                    job_title=form.text("job_title"),
                    start_date=start,
                )
                return await services().placements.record(self.actor, details)

            async def save() -> None:
                outcome.text = ""
                recorded = await form.submit(record)
                if recorded is None:
                    return  # each message shows by its field, which keeps what was typed
                outcome.text = await self.recorded_text(recorded[1])
                form.reset()
                self.placements = await services().placements.for_youth(self.actor, self.youth_id)
                self.listing.refresh()

            ui.button(t("Record placement"), on_click=save).mark("save-placement")

    async def recorded_text(self, queued: list[str]) -> str:
        if queued:
            return t("Placement recorded. Feedback surveys queued: {surveys}.", surveys=", ".join(queued))
        if not await services().flags.is_enabled(Flag.SURVEY_DISTRIBUTION):
            why = "Placement recorded. No feedback surveys were queued: survey distribution is switched off."
            return t(why)
        return t("Placement recorded. No feedback surveys were queued: no feedback survey is set up.")


def placement_row(placement: Placement) -> None:
    with ui.element("tr").mark(f"placement-{placement.id}"):
        with ui.element("td").classes(CELL):
            ui.label(placement.employer_name).classes("font-medium")
            ui.label(placement.contact_email).classes("text-sm text-gray-700 break-all")
        with ui.element("td").classes(CELL):
            ui.label(placement.job_title)
        with ui.element("td").classes(f"{CELL} whitespace-nowrap"):
            ui.label(shown_date(placement.start_date))
        with ui.element("td").classes(f"{CELL} whitespace-nowrap"):
            ui.label(shown_date(placement.recorded_at))
