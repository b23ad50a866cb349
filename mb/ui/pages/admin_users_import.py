"""Enrolling youth from a CSV file: upload, see what would happen line by line, then confirm."""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from nicegui import events, ui

from mb.domain.errors import DomainError
from mb.domain.model.user import Actor
from mb.domain.model.youth_import import RowProblem
from mb.domain.rules.youth_csv import MAX_BYTES, MAX_ROWS, size_problem, template
from mb.ui.i18n import t
from mb.ui.services import services

Result = TypeVar("Result")
SHOWN_PROBLEMS = 500  # more would only slow the page; the admin fixes these and uploads again
PROBLEM_COLUMNS = [
    {"name": "line", "label": "Line", "field": "line", "align": "right"},
    {"name": "column", "label": "Column", "field": "column", "align": "left"},
    {"name": "message", "label": "Problem", "field": "message", "align": "left"},
]


class YouthImport:
    """One per page view. Holds the uploaded file between preview and import, and the sign-in
    sheet until the admin downloads it once."""

    def __init__(self, actor: Actor, on_imported: Callable[[], Awaitable[None]]) -> None:
        self.actor = actor
        self.on_imported = on_imported
        self.data: bytes | None = None
        self.sheet: bytes | None = None

    def show(self) -> None:
        with ui.card().classes("w-full").mark("youth-import"):
            ui.label(t("Import youth from a CSV file")).classes("text-lg font-semibold")
            ui.label(
                t(
                    "The first line names the columns: email, full_name, institution, education_level and "
                    "region; optionally phone, date_of_birth (YYYY-MM-DD), skills and sector_interests "
                    "(several separated by ;). At most {mb} MB and {rows} youth a file.",
                    mb=MAX_BYTES // 1_048_576,
                    rows=f"{MAX_ROWS:,}",
                )
            )
            ui.button(t("Download a template"), icon="description", on_click=self.download_template).props(
                "flat"
            ).mark("import-template")
            self.upload = (
                ui.upload(
                    label=t("Choose a CSV file"),
                    auto_upload=True,
                    max_file_size=MAX_BYTES,
                    on_upload=self.uploaded,
                    on_rejected=self.rejected,
                )
                .props('accept=".csv,text/csv"')
                .classes("w-full")
                .mark("import-upload")
            )
            self.problem = ui.label().classes("text-red-800 font-medium").props('role="alert"')
            self.problem.mark("import-error").set_visibility(False)
            self.outcome = ui.column().classes("w-full gap-2").mark("import-outcome")

    def download_template(self) -> None:
        ui.download.content(template(), "youth-import-template.csv", "text/csv")

    def rejected(self) -> None:
        self._say(t("That file cannot be imported: it is bigger than {mb} MB.", mb=MAX_BYTES // 1_048_576))

    async def uploaded(self, event: events.UploadEventArguments) -> None:
        """Preview the file; nothing is written until the admin confirms."""
        self._say(None)
        self.outcome.clear()
        self.upload.reset()
        self.data = None
        if (too_big := size_problem(event.file.size())) is not None:  # refused before it is read
            self._say(t(too_big))
            return
        data = await event.file.read()
        preview = await self._unless_refused(services().user_admin.preview_youth_import(self.actor, data))
        if preview is None:
            return
        self.data = data
        with self.outcome:
            ui.label(
                t(
                    "{rows} youth in {file}: {importable} can be imported, {problems} cannot.",
                    rows=preview.rows,
                    file=event.file.name,
                    importable=preview.importable,
                    problems=preview.rows - preview.importable,
                )
            ).classes("font-medium").mark("import-preview")
            _problem_table(preview.problems)
            with ui.row().classes("gap-2"):
                confirm = ui.button(
                    t("Import {count} youth", count=preview.importable),
                    icon="group_add",
                    on_click=self.confirm,
                ).mark("confirm-import")
                confirm.set_enabled(preview.importable > 0)
                ui.button(t("Cancel"), on_click=self.cancel).props("flat").mark("cancel-import")

    async def confirm(self) -> None:
        data, self.data = self.data, None
        if data is None:
            return
        self.outcome.clear()
        with self.outcome:
            ui.label(t("Importing… passwords are being prepared.")).mark("import-running")
            bar = ui.linear_progress(value=0, show_value=False).props(f'aria-label="{t("Progress")}"')

        def progress(done: float) -> None:
            bar.value = done

        result = await self._unless_refused(services().user_admin.import_youth(self.actor, data, progress))
        self.outcome.clear()
        if result is None:
            return
        self.sheet = result.sign_in_sheet
        with self.outcome:
            ui.label(
                t(
                    "{count} youth imported; {skipped} lines skipped.",
                    count=len(result.imported),
                    skipped=len({p.line for p in result.problems}),
                )
            ).classes("font-medium text-green-900").mark("import-result")
            ui.label(
                t(
                    "Download their student IDs and temporary passwords now: the file is offered once and "
                    "not kept. Each youth should change the password after signing in."
                )
            )
            self.sheet_button = ui.button(
                t("Download sign-in details"), icon="key", on_click=self.download_sheet
            ).mark("download-sign-in-sheet")
            _problem_table(result.problems)
        await self.on_imported()

    def download_sheet(self) -> None:
        sheet, self.sheet = self.sheet, None
        self.sheet_button.set_enabled(False)
        if sheet is not None:
            ui.download.content(sheet, "youth-sign-in-details.csv", "text/csv")

    def cancel(self) -> None:
        self.data = None
        self.outcome.clear()

    async def _unless_refused(self, action: Awaitable[Result]) -> Result | None:
        try:
            return await action
        except DomainError as error:
            self.outcome.clear()
            self._say(t(error.message))
            return None

    def _say(self, message: str | None) -> None:
        self.problem.text = message or ""
        self.problem.set_visibility(message is not None)


def _problem_table(problems: list[RowProblem]) -> None:
    if not problems:
        return
    shown = problems[:SHOWN_PROBLEMS]
    columns = [{**column, "label": t(str(column["label"]))} for column in PROBLEM_COLUMNS]
    rows = [
        {"key": i, "line": p.line, "column": p.column, "message": t(p.message)} for i, p in enumerate(shown)
    ]
    ui.table(columns=columns, rows=rows, row_key="key", pagination=25).props(
        "flat bordered wrap-cells dense"
    ).classes("w-full").mark("import-problems")
    if len(problems) > len(shown):
        ui.label(t("…and {count} more problems.", count=len(problems) - len(shown)))
