"""Daily features on the system page: where they come from, how current they are, a sync on request."""

from nicegui import ui

from mb.domain.errors import DomainError
from mb.domain.model.daily_features import SyncState
from mb.domain.model.insight_reports import Freshness
from mb.domain.model.user import Actor
from mb.ui.dates import shown_date, shown_moment
from mb.ui.i18n import t
from mb.ui.pages.insights_header import stale_notice
from mb.ui.services import services

SOURCES = {
    "local": "Computed here from MB Compass's own tables",
    "databricks": "Databricks (read from the lakehouse table)",
}


class FeaturesSection:
    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.state: SyncState | None = None

    async def load(self) -> None:
        self.state = await services().feature_sync.state()

    def show(self) -> None:
        with ui.card().classes("w-full").mark("features"):
            ui.label(t("Daily features")).classes("text-lg font-semibold").props(
                'role="heading" aria-level="2"'
            )
            ui.label(_schedule()).classes("text-sm")
            self.details()
            with ui.row().classes("items-center gap-4"):
                self.button = ui.button(t("Sync now"), icon="sync", on_click=self.sync_now).mark("sync-now")
                self.spinner = ui.spinner().props(f'aria-label="{t("Syncing")}"')
                self.spinner.visible = False
                self.progress = ui.label().props('role="status"').mark("sync-progress")
            self.failure = (
                ui.label().classes("text-red-800 font-medium").props('role="alert"').mark("sync-failed")
            )
            self.failure.visible = False

    @ui.refreshable_method
    def details(self) -> None:
        state = self.state
        assert state is not None
        if state.stale:
            stale_notice(Freshness(state.source, state.latest_day, state.last_synced_at, state.last_error))
        name = services().feature_sync.source_name
        synced = shown_moment(state.last_synced_at) if state.last_synced_at else t("never")
        newest = shown_date(state.latest_day) if state.latest_day else t("none yet")
        with ui.element("dl").classes("grid grid-cols-[auto_1fr] gap-x-4 gap-y-1").mark("features-facts"):
            for label, value, marker in (
                ("Source", t(SOURCES.get(name, name)), "features-source"),
                ("Newest day", newest, "features-newest"),
                ("Last synced", synced, "features-synced"),
                ("Rows in the last sync", str(state.rows_last_sync), "features-rows"),
            ):
                with ui.element("dt").classes("font-medium"):
                    ui.label(t(label))
                with ui.element("dd"):
                    ui.label(value).mark(marker)

    async def sync_now(self) -> None:
        if services().feature_sync.running:  # the schedule, or another admin, got there first
            ui.notify(t("A feature sync is running already; wait for it to finish."), type="warning")
            return
        self.button.disable()
        self.spinner.visible = True
        self.failure.visible = False
        self.progress.text = t("Reading daily features…")
        try:
            report = await services().feature_sync.sync(self.actor, progress=self.progressed)
        except DomainError as error:
            self.progress.text = ""
            self.failure.text = t("The sync failed: {reason}", reason=t(error.message))
            self.failure.visible = True
            ui.notify(t("The sync failed."), type="negative")
        else:
            self.progress.text = t("{rows} rows synced.", rows=report.rows)
            ui.notify(t("Daily features synced."), type="positive")
        finally:
            self.button.enable()
            self.spinner.visible = False
        await self.load()
        self.details.refresh()

    def progressed(self, rows: int) -> None:
        self.progress.text = t("{rows} rows brought in so far…", rows=rows)


def _schedule() -> str:
    settings = services().settings
    daily, every = settings.mb_features_daily_at, settings.mb_features_every_minutes
    if daily and every:
        return t("Synced nightly at {at} and every {minutes} minutes.", at=daily, minutes=every)
    if daily:
        return t("Synced nightly at {at}.", at=daily)
    if every:
        return t("Synced every {minutes} minutes.", minutes=every)
    return t("No sync is scheduled: use “Sync now” or `mb sync-features`.")
