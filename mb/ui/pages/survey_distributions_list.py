"""Every sending of a survey, newest first and paged on the server, each linking to its results."""

from nicegui import ui

from mb.domain.model.survey_views import DistributionSummary
from mb.domain.model.user import Actor
from mb.ui.dates import shown_moment
from mb.ui.i18n import t
from mb.ui.pages.survey_tables import cell, cells, pager, table
from mb.ui.pages.survey_text import rate_text, version_text
from mb.ui.services import services

PAGE = 20
HEADINGS = (
    "Survey",
    "Sent to",
    "Created",
    "Invited",
    "Sent",
    "Failed",
    "Opened",
    "Answered",
    "Response rate",
)
NUMBERS_FROM = 3


class DistributionsSection:
    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.offset = 0
        self.summaries: list[DistributionSummary] = []
        self.total = 0

    async def load(self) -> None:
        self.summaries, self.total = await services().distribution.summaries(self.actor, self.offset, PAGE)

    @ui.refreshable_method
    def show(self) -> None:
        with ui.card().classes("w-full").mark("distributions"):
            ui.label(t("Sent surveys")).classes("text-lg font-semibold").props(
                'role="heading" aria-level="2"'
            )
            if not self.summaries:
                ui.label(t("No survey has been sent yet.")).mark("no-distributions")
                return
            with table([t(heading) for heading in HEADINGS], NUMBERS_FROM):
                for summary in self.summaries:
                    self.row(summary)
            pager("distributions", self.offset, PAGE, self.total, self.turn)

    @staticmethod
    def row(summary: DistributionSummary) -> None:
        distribution, counts = summary.distribution, summary.counts
        with ui.element("tr").mark(f"distribution-{distribution.id}"):
            with cell():
                ui.link(
                    version_text(summary.template_name, summary.template_version),
                    f"/admin/surveys/results/{distribution.id}",
                ).classes("text-primary underline").mark(f"results-{distribution.id}")
            figures = (counts.invited, counts.sent, counts.failed, counts.opened, counts.completed)
            cells(
                (
                    distribution.label,
                    shown_moment(distribution.created_at),
                    *(str(figure) for figure in figures),
                    rate_text(counts.response_rate),
                ),
                NUMBERS_FROM,
                first=1,
            )

    async def turn(self, step: int) -> None:
        self.offset = max(self.offset + step, 0)
        await self.load()
        self.show.refresh()
