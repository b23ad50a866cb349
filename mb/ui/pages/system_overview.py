"""The top of the system page: version, live health of every dependency, and the database."""

from nicegui import ui

from mb.domain.model.health import CheckStatus, Overall
from mb.domain.model.system import SystemOverview
from mb.domain.model.user import Actor
from mb.domain.rules.materials import readable_size
from mb.ui.dates import shown_moment
from mb.ui.i18n import t
from mb.ui.scrolling import scroller
from mb.ui.services import services

# Text colours with at least 4.5:1 contrast on white.
OVERALL_COLOUR = {
    Overall.HEALTHY: "text-green-800",
    Overall.DEGRADED: "text-amber-800",
    Overall.UNHEALTHY: "text-red-800",
    Overall.MAINTENANCE: "text-amber-800",
}
CHECK_COLOUR = {
    CheckStatus.OK: "text-green-800",
    CheckStatus.ERROR: "text-red-800",
    CheckStatus.NOT_CONFIGURED: "",
}
CELL = "px-2 py-1 text-left align-top border-b border-gray-300"


class OverviewSection:
    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.overview: SystemOverview | None = None

    async def load(self) -> None:
        self.overview = await services().system.overview(self.actor)

    async def check_again(self) -> None:
        await self.load()
        self.show.refresh()
        ui.notify(t("Checked again."))

    @ui.refreshable_method
    def show(self) -> None:
        overview = self.overview
        assert overview is not None
        report = overview.health
        with ui.card().classes("w-full").mark("overview"):
            ui.label(t("Health")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
            with ui.row().classes("items-center gap-4"):
                ui.label(t(report.status.value.capitalize())).classes(
                    f"text-xl font-semibold {OVERALL_COLOUR[report.status]}"
                ).mark("overall")
                ui.label(t("checked {moment}", moment=shown_moment(report.timestamp))).classes("text-sm")
                ui.button(t("Check again"), icon="refresh", on_click=self.check_again).props("flat").mark(
                    "check-again"
                )
            with scroller(), ui.element("table").classes("w-full border-collapse").mark("checks"):
                with ui.element("thead"), ui.element("tr"):
                    for heading in ("Dependency", "Status", "Latency", "Detail"):
                        with ui.element("th").classes(CELL):
                            ui.label(t(heading))
                with ui.element("tbody"):
                    for check in report.checks.values():
                        with ui.element("tr").mark(f"check-{check.name}"):
                            cells = (
                                (t(check.name.capitalize()), ""),
                                (t(check.status.value), CHECK_COLOUR[check.status]),
                                (t("{ms} ms", ms=f"{check.latency_ms:g}"), ""),
                                (check.detail, ""),
                            )
                            for text, colour in cells:
                                with ui.element("td").classes(f"{CELL} {colour}"):
                                    ui.label(text)
            self.about(overview)

    def about(self, overview: SystemOverview) -> None:
        with ui.column().classes("gap-1 pt-2").mark("about"):
            ui.label(t("MB Compass {version}", version=overview.version)).classes("font-semibold").mark(
                "version"
            )
            facts = overview.database
            if facts is None:
                ui.label(overview.database_problem).classes("text-red-800").mark("database-facts")
                return
            size = readable_size(facts.size_bytes) if facts.size_bytes is not None else t("unknown")
            ui.label(t("Database: {backend}, {size}", backend=facts.backend, size=size)).mark(
                "database-facts"
            )
            if facts.up_to_date:
                schema = t("Schema revision {revision}, up to date.", revision=facts.revision or "")
            else:
                schema = t(
                    "Schema revision {revision}; this version needs {expected}: run mb init-db.",
                    revision=facts.revision or t("none"),
                    expected=facts.expected_revision,
                )
            ui.label(schema).classes("" if facts.up_to_date else "text-red-800").mark("schema")
            if overview.mail_waiting is not None:
                ui.label(t("Mail waiting to go: {count}", count=overview.mail_waiting)).mark("mail-waiting")
