"""How surveys read on the admin pages: types, question kinds, delivery, and the flag notice."""

from nicegui import ui

from mb.domain.model.invitation import DeliveryStatus
from mb.domain.model.survey import QuestionKind, TemplateType
from mb.ui.i18n import t

TYPES = {
    TemplateType.CAREER: "Career interests",
    TemplateType.YOUTH_FEEDBACK: "Youth feedback",
    TemplateType.EMPLOYER_FEEDBACK: "Employer feedback",
    TemplateType.CUSTOM: "Custom",
}
KINDS = {
    QuestionKind.RATING: "Rating 1 to 5",
    QuestionKind.SCALE: "Scale 0 to 10",
    QuestionKind.SINGLE: "Single choice",
    QuestionKind.MULTI: "Multiple choice",
    QuestionKind.YES_NO: "Yes or no",
    QuestionKind.TEXT: "Text",
}
DELIVERY = {
    DeliveryStatus.QUEUED: "Waiting to send",
    DeliveryStatus.SENT: "Sent",
    DeliveryStatus.FAILED: "Failed",
}


def version_text(name: str, version: int) -> str:
    return t("{name} (version {version})", name=name, version=version)


def rate_text(rate: float) -> str:
    return t("{rate} %", rate=f"{rate:.1f}")


def distribution_off_notice() -> None:
    """Said wherever sending would be offered while the `survey_distribution` flag is off."""
    with (
        ui.row()
        .classes("w-full items-center gap-2 bg-amber-100 text-gray-900 p-3 rounded")
        .props('role="status"') as notice
    ):
        ui.icon("info").props("aria-hidden=true")
        ui.label(
            t(
                "Survey distribution is switched off: surveys cannot be sent, and reminders and "
                "mail wait until it is switched on again on the System page."
            )
        )
        ui.link(t("System page"), "/admin/system").classes("text-primary underline")
    notice.mark("distribution-off")
