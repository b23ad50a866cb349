"""What came back from one sending: counts, the response rate over time, each question's answers,
reminders, the CSV, and the recipients."""

from nicegui import ui

from mb.domain.errors import DomainError
from mb.domain.model.survey import QuestionKind
from mb.domain.model.survey_views import DistributionResults, QuestionResult
from mb.domain.model.user import Actor
from mb.ui.confirm import confirmed
from mb.ui.dates import shown_moment
from mb.ui.i18n import t
from mb.ui.pages.survey_charts import answer_counts, rate_over_time
from mb.ui.pages.survey_form import SCALES
from mb.ui.pages.survey_recipients import RecipientsSection
from mb.ui.pages.survey_text import distribution_off_notice, rate_text, version_text
from mb.ui.services import services


class ResultsPage:
    def __init__(self, actor: Actor, results: DistributionResults, can_send: bool) -> None:
        summary = results.summary
        assert summary.distribution.id is not None
        self.actor = actor
        self.results = results
        self.distribution_id = summary.distribution.id
        self.can_send = can_send  # the survey_distribution flag is on: reminders may go
        self.recipients = RecipientsSection(actor, summary)

    async def show(self) -> None:
        summary = self.results.summary
        ui.link(t("All surveys"), "/admin/surveys").mark("back-to-surveys")
        ui.label(version_text(summary.template_name, summary.template_version)).classes(
            "text-2xl font-semibold"
        ).props('role="heading" aria-level="1"').mark("results-heading")
        ui.label(
            t(
                "{label}, created {moment}",
                label=summary.distribution.label,
                moment=shown_moment(summary.distribution.created_at),
            )
        )
        if summary.anonymous:
            ui.label(t("Anonymous: answers are not linked to the people who gave them.")).mark(
                "results-anonymous"
            )
        if not self.can_send:
            distribution_off_notice()
        with ui.row().classes("gap-2 items-center"):
            ui.button(t("Download CSV"), icon="download", on_click=self.download).props("outline").mark(
                "download-csv"
            )
            if self.can_send:
                ui.button(t("Send reminders now"), icon="notifications", on_click=self.remind).props(
                    "outline"
                ).mark("remind")
            if self.can_send and summary.counts.failed:
                ui.button(t("Send failed mail again"), icon="forward_to_inbox", on_click=self.retry).props(
                    "outline"
                ).mark("retry-failed")
        self.reminded = ui.label().props('role="status"').mark("reminded")
        self.counts()
        with ui.card().classes("w-full").mark("over-time"):
            _section_heading(t("Response rate over time"))
            if self.results.over_time:
                rate_over_time(self.results.over_time)
            else:
                ui.label(t("Nothing has been sent yet."))
        for number, result in enumerate(self.results.questions, start=1):
            _question(number, result)
        await self.recipients.load()
        self.recipients.show()

    def counts(self) -> None:
        counts = self.results.summary.counts
        figures = (
            ("invited", t("Invited"), str(counts.invited)),
            ("queued", t("Waiting to send"), str(counts.queued)),
            ("sent", t("Sent"), str(counts.sent)),
            ("failed", t("Failed"), str(counts.failed)),
            ("opened", t("Opened"), str(counts.opened)),
            ("completed", t("Answered"), str(counts.completed)),
            ("expired", t("Expired"), str(counts.expired)),
            ("rate", t("Response rate"), rate_text(counts.response_rate)),
        )
        with ui.element("dl").classes("w-full grid grid-cols-2 sm:grid-cols-4 gap-2").mark("counts"):
            for name, label, value in figures:
                with ui.element("div").classes("border border-gray-300 rounded p-2"):
                    with ui.element("dt"):
                        ui.label(label).classes("text-sm")
                    with ui.element("dd"):
                        ui.label(value).classes("text-xl font-semibold").mark(f"count-{name}")

    async def download(self) -> None:
        data = await services().survey_results.export_csv(self.actor, self.distribution_id)
        ui.download.content(data, f"survey-{self.distribution_id}-responses.csv", "text/csv")

    async def remind(self) -> None:
        question = t(
            "Send a reminder now to everyone who has not answered, whose link still works and who was "
            "last mailed a day or more ago?"
        )
        if not await confirmed(question, t("Send reminders")):
            return
        try:
            count = await services().distribution.remind(self.actor, self.distribution_id)
        except DomainError as error:
            ui.notify(t(error.message), type="warning")
            return
        self.reminded.text = (
            t("{count} reminded.", count=count) if count else t("Nobody is due a reminder right now.")
        )
        await self.recipients.load()
        self.recipients.show.refresh()

    async def retry(self) -> None:
        question = t(
            "Send again the mail that failed every attempt, to everyone whose link still works? "
            "Do this once the cause (shown in the recipients list) is mended."
        )
        if not await confirmed(question, t("Send again")):
            return
        try:
            count = await services().distribution.retry_failed(self.actor, self.distribution_id)
        except DomainError as error:
            ui.notify(t(error.message), type="warning")
            return
        self.reminded.text = (
            t("{count} will be sent again.", count=count)
            if count
            else t("Nothing to send again: failed mail is still being retried on its own.")
        )
        await self.recipients.load()
        self.recipients.show.refresh()


def _section_heading(text: str) -> None:
    ui.label(text).classes("text-lg font-semibold").props('role="heading" aria-level="2"')


def _question(number: int, result: QuestionResult) -> None:
    question = result.question
    with ui.card().classes("w-full").mark(f"result-{question.key}"):
        _section_heading(t("{number}. {words}", number=number, words=question.text))
        ui.label(t("{count} answered", count=result.answered)).classes("text-sm").mark(
            f"answered-{question.key}"
        )
        if result.average is not None:
            low, high = SCALES[question.kind]
            ui.label(
                t(
                    "Average {average} (from {low} to {high})",
                    average=f"{result.average:.2f}",
                    low=low,
                    high=high,
                )
            ).classes("font-medium").mark(f"average-{question.key}")
        if question.kind is QuestionKind.TEXT:
            _texts(question.key, result.texts)
        elif not result.answered:
            ui.label(t("No answers yet."))
        else:
            ours = question.kind is QuestionKind.YES_NO  # "Yes" and "No" are ours; options are the author's
            counts = [(t(label) if ours else label, count) for label, count in result.counts]
            answer_counts(counts, f"answers-{question.key}")


def _texts(key: str, texts: list[str]) -> None:
    if not texts:
        ui.label(t("No written answers yet."))
        return
    with ui.column().classes("w-full gap-1 max-h-96 overflow-y-auto").mark(f"texts-{key}"):
        for text in texts:
            ui.label(text).classes("whitespace-pre-line border-l-4 border-gray-300 pl-2")  # plain text
