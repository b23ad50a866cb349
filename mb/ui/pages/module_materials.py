"""A module's files: list, upload, download and delete, kept in blob storage by the service."""

from zoneinfo import ZoneInfo

from nicegui import events, ui

from mb.domain.errors import DomainError
from mb.domain.model.module import Material
from mb.domain.model.user import Actor
from mb.domain.rules.materials import ALLOWED_TYPES, readable_size
from mb.ui.confirm import confirmed
from mb.ui.i18n import t
from mb.ui.icon_button import icon_button
from mb.ui.services import services

# The browser refuses files beyond this margin over the limit before sending them; anything up
# to it reaches the service, whose message names the file's size and the limit.
BROWSER_MARGIN_BYTES = 1024 * 1024


class MaterialsPanel:
    """One per module page."""

    def __init__(self, actor: Actor, module_id: int) -> None:
        self.actor = actor
        self.module_id = module_id
        settings = services().settings
        self.limit_mb = settings.mb_max_upload_mb
        self.zone = ZoneInfo(settings.mb_timezone)

    async def show(self) -> None:
        self.problem = (
            ui.label().classes("text-red-800 font-medium").props('role="alert"').mark("material-error")
        )
        self.problem.set_visibility(False)
        await self.listing()
        self.uploader = (
            ui.upload(
                label=t(
                    "Add a file: PDF, image, video, Office document or text, up to {limit} MB",
                    limit=f"{self.limit_mb:g}",
                ),
                auto_upload=True,
                max_file_size=int(self.limit_mb * 1024 * 1024) + BROWSER_MARGIN_BYTES,
                on_upload=self.upload,
                on_rejected=self.rejected,
            )
            .props(f'accept="{",".join(ALLOWED_TYPES)}"')
            .classes("w-full")
            .mark("upload-material")
        )

    @ui.refreshable_method
    async def listing(self) -> None:
        materials = await services().catalogue.materials(self.actor, self.module_id)
        if not materials:
            ui.label(t("No files yet.")).mark("no-materials")
            return
        with ui.column().classes("w-full gap-0").mark("materials"):
            for material in materials:
                self._row(material)

    def _row(self, material: Material) -> None:
        uploaded = material.uploaded_at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")
        with (
            ui.row()
            .classes("w-full items-center gap-x-3 py-2 border-b no-wrap")
            .mark(f"material-{material.id}")
        ):
            with ui.column().classes("grow gap-0 min-w-0"):
                ui.label(material.filename).classes("font-medium break-all")
                ui.label(
                    t(
                        "{kind}, {size}, uploaded {at}",
                        kind=material.content_type,
                        size=readable_size(material.size_bytes),
                        at=uploaded,
                    )
                ).classes("text-sm text-gray-700")
            icon_button(
                "download",
                t("Download {name}", name=material.filename),
                lambda: self.download(material),
            ).mark(f"download-material-{material.id}")
            icon_button(
                "delete",
                t("Delete {name}", name=material.filename),
                lambda: self.delete(material),
            ).props("color=negative").mark(f"delete-material-{material.id}")

    async def upload(self, event: events.UploadEventArguments) -> None:
        """Store one uploaded file; a refused one is explained and nothing is kept."""
        self._say(None)
        data = await event.file.read()
        self.uploader.reset()
        try:
            material = await services().catalogue.add_material(
                self.actor, self.module_id, event.file.name, data
            )
        except DomainError as error:
            self._say(t(error.message))
            return
        ui.notify(t("{name} uploaded.", name=material.filename), type="positive")
        await self.listing.refresh()

    def rejected(self) -> None:
        self._say(
            t(
                "That file cannot be uploaded: it is bigger than {limit} MB or not an allowed type.",
                limit=f"{self.limit_mb:g}",
            )
        )

    async def download(self, material: Material) -> None:
        assert material.id is not None
        try:
            found, data = await services().catalogue.download(self.actor, material.id)
        except DomainError as error:
            self._say(t(error.message))
            return
        ui.download.content(data, found.filename, found.content_type)

    async def delete(self, material: Material) -> None:
        assert material.id is not None
        question = t("Delete {name}? Youth will no longer be able to open it.", name=material.filename)
        if not await confirmed(question, t("Delete")):
            return
        self._say(None)
        try:
            await services().catalogue.delete_material(self.actor, material.id)
        except DomainError as error:
            self._say(t(error.message))
        else:
            ui.notify(t("{name} deleted.", name=material.filename), type="positive")
        await self.listing.refresh()

    def _say(self, message: str | None) -> None:
        """Show a (translated) problem above the list, or hide it with None."""
        self.problem.text = message or ""
        self.problem.set_visibility(message is not None)
