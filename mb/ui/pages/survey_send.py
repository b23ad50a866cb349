"""Send a survey: choose youth by filter or the employers of placements, count them, confirm."""

from typing import Any

from nicegui import ui
from nicegui.elements.mixins.validation_element import ValidationElement

from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.invitation import Audience
from mb.domain.model.regions import REGIONS
from mb.domain.model.sectors import SECTORS
from mb.domain.model.survey import SurveyTemplate, TemplateType
from mb.domain.model.survey_views import DistributionPreview, RecipientChoice
from mb.domain.model.user import Actor
from mb.ui.confirm import confirmed
from mb.ui.form_values import parse_date
from mb.ui.forms import Form
from mb.ui.i18n import t
from mb.ui.pages.risk_level_choice import risk_level_choice, risk_level_chosen
from mb.ui.pages.survey_text import version_text
from mb.ui.services import services

Fields = dict[str, ValidationElement[Any]]


class SendPage:
    """One per page view: the choice being made, its last count, and the buttons that act on it."""

    def __init__(self, actor: Actor, template: SurveyTemplate) -> None:
        assert template.id is not None
        self.actor = actor
        self.template = template
        self.template_id = template.id

    def show(self) -> None:
        ui.label(t("Choose who gets it. A filter left empty matches everyone.")).classes("text-sm")
        heading = ui.label(t("Send to")).classes("font-medium")
        employers = self.template.type is TemplateType.EMPLOYER_FEEDBACK
        self.audience = ui.radio(
            {
                Audience.YOUTH.value: t("Youth, chosen by filter"),
                Audience.EMPLOYER.value: t("Employers of placed youth, by the placement's start date"),
            },
            value=(Audience.EMPLOYER if employers else Audience.YOUTH).value,
            on_change=self._changed,
        ).mark("send-audience")
        self.audience.props["aria-labelledby"] = heading.html_id
        with ui.element("div").classes("grid grid-cols-1 sm:grid-cols-2 gap-x-4 w-full") as youth:
            fields = _youth_fields()
        youth.bind_visibility_from(self.audience, "value", value=Audience.YOUTH.value)
        with ui.element("div").classes("grid grid-cols-1 sm:grid-cols-2 gap-x-4 w-full") as employer:
            fields |= {
                "placements_from": ui.input(t("Placements starting on or after")).props("type=date"),
                "placements_to": ui.input(t("Placements starting on or before")).props("type=date"),
            }
        employer.bind_visibility_from(self.audience, "value", value=Audience.EMPLOYER.value)
        for name, element in fields.items():
            element.mark(f"send-{name}").on_value_change(self._changed)
        self.form = Form(fields)
        self.preview = ui.label().classes("font-medium").props('role="status"').mark("send-preview")
        with ui.row().classes("gap-2"):
            ui.button(t("Count"), icon="calculate", on_click=self.count).props("outline").mark("send-count")
            self.send = ui.button(t("Send"), icon="send", on_click=self.distribute).mark("send-confirm")
            self.send.disable()

    def choice(self) -> RecipientChoice:
        form = self.form
        if self.audience.value == Audience.EMPLOYER.value:
            return RecipientChoice(
                audience=Audience.EMPLOYER,
                placements_from=parse_date(form.text("placements_from"), "placements_from"),
                placements_to=parse_date(form.text("placements_to"), "placements_to"),
            )
        return RecipientChoice(
            audience=Audience.YOUTH,
            youth_region=form.text("region"),
            youth_institution=form.text("institution").strip(),
            youth_education_level=form.text("education_level"),
            youth_sector_interest=form.text("sector_interest"),
            registered_from=parse_date(form.text("registered_from"), "registered_from"),
            registered_to=parse_date(form.text("registered_to"), "registered_to"),
            youth_risk_level=risk_level_chosen(form.text("risk_level")),
        )

    def _changed(self) -> None:
        """A count shown for another choice must not be confirmed: count again first."""
        self.preview.text = ""
        self.send.disable()

    async def count(self) -> None:
        preview = await self.form.submit(
            lambda: services().distribution.preview(self.actor, self.template_id, self.choice())
        )
        if preview is None:
            self._changed()
            return
        self.preview.text = _preview_text(preview)
        self.send.set_enabled(preview.to_invite > 0)

    async def distribute(self) -> None:
        question = t(
            "Send “{survey}” now? Everyone counted who has no open invitation to it gets an email with "
            "their own link.",
            survey=version_text(self.template.name, self.template.version),
        )
        if not await confirmed(question, t("Send")):
            return
        self.send.props("loading")  # sending many takes a moment; the button says it is busy
        sent = await self.form.submit(
            lambda: services().distribution.distribute(self.actor, self.template_id, self.choice())
        )
        self.send.props(remove="loading")
        if sent is None:
            self._changed()
            return
        distribution, count = sent
        ui.notify(t("{count} invited. The emails are on their way.", count=count), type="positive")
        ui.navigate.to(f"/admin/surveys/results/{distribution.id}")


def _youth_fields() -> Fields:
    return {
        "region": ui.select(
            {code: t(name) for code, name in REGIONS.items()},
            label=t("State or union territory"),
            with_input=True,
            clearable=True,
        ),
        "institution": ui.input(t("Institution (its full name)")),
        "education_level": ui.select(
            {code: t(name) for code, name in EDUCATION_LEVELS.items()},
            label=t("Education level"),
            clearable=True,
        ),
        "sector_interest": ui.select(
            {sector: t(sector) for sector in SECTORS}, label=t("Interested in the sector"), clearable=True
        ),
        "registered_from": ui.input(t("Registered on or after")).props("type=date"),
        "registered_to": ui.input(t("Registered on or before")).props("type=date"),
        "risk_level": risk_level_choice(),
    }


def _preview_text(preview: DistributionPreview) -> str:
    if not preview.matching:
        return t("Nobody matches this choice.")
    text = t(
        "{matching} match; {already} already have an open invitation; {new} will be invited.",
        matching=preview.matching,
        already=preview.already_invited,
        new=preview.to_invite,
    )
    if not preview.to_invite:
        text += " " + t("Sending now would invite nobody.")
    return text
