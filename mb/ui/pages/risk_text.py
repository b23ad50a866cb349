"""How risk reads for staff: levels, reasons with their points, trends, contacts, next actions."""

from nicegui import ui

from mb.domain.model.insight_views import NextAction
from mb.domain.model.insights import LastContact
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.risk import RiskLevel, RiskReason, RiskReasonCode
from mb.ui.dates import shown_date
from mb.ui.i18n import t

LEVELS = {RiskLevel.HIGH: "High", RiskLevel.MEDIUM: "Medium", RiskLevel.LOW: "Low"}
# White text on each has a contrast ratio of 7:1 or more; the level is also written out, so
# colour is never the only sign of it.
LEVEL_COLOURS = {
    RiskLevel.HIGH: "bg-red-800 text-white",
    RiskLevel.MEDIUM: "bg-amber-800 text-white",
    RiskLevel.LOW: "bg-green-800 text-white",
}
# The thresholds are the rules' own (mb/domain/rules/risk.py); the points come with each reason.
REASONS = {
    RiskReasonCode.INACTIVE_LONG: "No activity for over 14 days",
    RiskReasonCode.INACTIVE_WEEK: "No activity for over 7 days",
    RiskReasonCode.INACTIVE_FEW_DAYS: "No activity for over 3 days",
    RiskReasonCode.COMPLETION_VERY_LOW: "Average completion under 30 %",
    RiskReasonCode.COMPLETION_LOW: "Average completion under 50 %",
    RiskReasonCode.STARTED_NONE_DONE: "Started modules but completed none after 21 days",
    RiskReasonCode.NOTHING_STARTED: "No module started after 7 days",
    RiskReasonCode.NO_QUIZ_OR_CAREER: "No quiz attempt or career survey after 14 days",
}
KINDS = {
    InterventionKind.CALL: "Call",
    InterventionKind.MEETING: "Meeting",
    InterventionKind.MESSAGE: "Message",
    InterventionKind.MODULE_ASSIGNED: "Module assigned",
    InterventionKind.OTHER: "Other",
}


def level_text(level: RiskLevel) -> str:
    return t(LEVELS[level])


def level_badge(level: RiskLevel, score: int) -> ui.label:
    """`High · 8` on the level's colour."""
    return (
        ui.label(t("{level} · {score}", level=level_text(level), score=score))
        .classes(f"{LEVEL_COLOURS[level]} rounded px-2 py-0.5 text-sm font-semibold whitespace-nowrap")
        .mark("risk-level")
    )


def reason_text(reason: RiskReason) -> str:
    """`No activity for over 14 days (+4)`."""
    return t("{reason} (+{points})", reason=t(REASONS[reason.code]), points=reason.points)


def reason_list(reasons: tuple[RiskReason, ...]) -> None:
    if not reasons:
        ui.label(t("No risk signs")).classes("text-sm text-gray-700").mark("risk-reason")
        return
    with ui.element("ul").classes("text-sm list-disc pl-4"):
        for reason in reasons:
            with ui.element("li"):
                ui.label(reason_text(reason)).mark("risk-reason")


def trend_text(trend: int | None) -> str:
    """The change over 7 days as an arrow and a number: `↑ 2` is worse, `↓ 1` better."""
    if trend is None:
        return t("no score 7 days ago")
    if trend > 0:
        return t("↑ {points} since 7 days ago", points=trend)
    if trend < 0:
        return t("↓ {points} since 7 days ago", points=-trend)
    return t("no change in 7 days")


def kind_text(kind: InterventionKind) -> str:
    return t(KINDS[kind])


def contact_text(contact: LastContact | None) -> str:
    """`Call, 27 November 2026`, or that nobody has stepped in yet."""
    if contact is None:
        return t("No contact yet")
    return t("{kind}, {date}", kind=kind_text(contact.kind), date=shown_date(contact.at))


def action_text(action: NextAction) -> str:
    return t(action.text)


def action_reason(action: NextAction) -> str:
    """Why the action is suggested, the template translated before its facts are filled in."""
    return t(action.why, **action.facts)


def days_text(days: int) -> str:
    return t("1 day") if days == 1 else t("{days} days", days=days)
