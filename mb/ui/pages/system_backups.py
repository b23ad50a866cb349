"""Backups on the system page: the copies kept, one taken now on request, downloads."""

from nicegui import ui

from mb.domain.errors import DomainError
from mb.domain.model.backups import BackupCopy
from mb.domain.model.user import Actor
from mb.domain.rules.materials import readable_size
from mb.ui.dates import shown_moment
from mb.ui.i18n import t
from mb.ui.scrolling import scroller
from mb.ui.services import services

CELL = "px-2 py-1 text-left align-top border-b border-gray-300"
SHOWN = 30  # newest copies listed


class BackupsSection:
    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.copies: list[BackupCopy] = []

    async def load(self) -> None:
        if services().backups.unsupported_reason() is None:
            self.copies = list(await services().backups.copies(self.actor))

    def show(self) -> None:
        with ui.card().classes("w-full").mark("backups"):
            ui.label(t("Backups")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
            if (reason := services().backups.unsupported_reason()) is not None:
                ui.label(t("Backups are not taken by MB Compass here: {reason}", reason=reason)).mark(
                    "backups-unsupported"
                )
                return
            settings = services().settings
            if settings.mb_backup_daily_at:
                schedule = t(
                    "A verified backup is taken daily at {at}; copies older than {days} days are removed.",
                    at=settings.mb_backup_daily_at,
                    days=settings.mb_backup_keep_days,
                )
            else:
                schedule = t("No daily backup is scheduled (MB_BACKUP_DAILY_AT is empty).")
            ui.label(schedule).classes("text-sm")
            with ui.row().classes("items-center gap-4"):
                self.button = ui.button(t("Back up now"), icon="backup", on_click=self.back_up).mark(
                    "back-up-now"
                )
                self.spinner = ui.spinner().props('aria-label="working"')
                self.spinner.visible = False
                self.progress = ui.label().mark("backup-progress")
            self.listing()

    @ui.refreshable_method
    def listing(self) -> None:
        if not self.copies:
            ui.label(t("No backups yet.")).mark("no-backups")
            return
        newest = self.copies[0]
        ui.label(t("Last backup: {moment}", moment=shown_moment(newest.taken_at))).classes(
            "font-semibold"
        ).mark("last-backup")
        with scroller(), ui.element("table").classes("w-full border-collapse text-sm").mark("backup-list"):
            with ui.element("thead"), ui.element("tr"):
                for heading in ("Taken", "Size", "Kept", ""):
                    with ui.element("th").classes(CELL):
                        ui.label(t(heading))
            with ui.element("tbody"):
                for copy in self.copies[:SHOWN]:
                    self.copy_row(copy)

    def copy_row(self, copy: BackupCopy) -> None:
        places = [t("here")] if copy.local else []
        places += [t("uploaded")] if copy.uploaded else []
        with ui.element("tr").mark(f"backup-{copy.name}"):
            with ui.element("td").classes(CELL):
                ui.label(shown_moment(copy.taken_at))
            with ui.element("td").classes(CELL):
                ui.label(readable_size(copy.size_bytes) if copy.size_bytes is not None else "")
            with ui.element("td").classes(CELL):
                ui.label(", ".join(places))
            with ui.element("td").classes(CELL):
                if copy.local:
                    ui.button(t("Download"), icon="download", on_click=lambda c=copy: self.download(c)).props(
                        "flat dense"
                    ).mark(f"download-{copy.name}")

    async def back_up(self) -> None:
        self.button.disable()
        self.spinner.visible = True
        self.progress.text = t("Copying and verifying the database…")
        try:
            taken = await services().backups.back_up(self.actor)
        except DomainError as error:
            self.progress.text = ""
            ui.notify(t(error.message), type="negative", multi_line=True)
            return
        finally:
            self.button.enable()
            self.spinner.visible = False
        rows = sum(taken.rows.values())
        self.progress.text = t("{name}: {rows} rows, integrity ok.", name=taken.copy.name, rows=rows)
        ui.notify(t("Backup taken."), type="positive")
        await self.load()
        self.listing.refresh()

    async def download(self, copy: BackupCopy) -> None:
        path = await services().backups.download(self.actor, copy.name)
        ui.download.file(path, copy.name)
