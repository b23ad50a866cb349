"""Recommended next modules as cards with their reasons: the same on a youth's /learn page and on
the staff view of that youth, where each card also assigns its module with one click."""

from collections.abc import Awaitable, Callable, Sequence

from nicegui import ui

from mb.domain.model.flags import Flag
from mb.domain.model.recommendation import (
    FillsSkillGap,
    FitsLevel,
    InterestMatch,
    LevelStep,
    OftenCompleted,
    Reason,
    Recommendation,
)
from mb.domain.model.user import Actor
from mb.ui.i18n import t
from mb.ui.learning_text import DIFFICULTIES, module_facts
from mb.ui.services import services

Accept = Callable[[Recommendation], Awaitable[None]]


async def recommended_for(actor: Actor, user_id: int) -> list[Recommendation]:
    """The youth's recommendations, or none while the feature is switched off."""
    if not await services().flags.is_enabled(Flag.AI_RECOMMENDATIONS):
        return []
    return await services().recommendations.for_youth(actor, user_id)


def recommendations_section(
    recommendations: Sequence[Recommendation], *, for_youth: bool, accept: Accept | None = None
) -> None:
    """Nothing at all when there is nothing to recommend. `accept` adds an Assign button per card."""
    if not recommendations:
        return
    heading, intro = (
        ("Recommended for you", "Modules that suit you next. Ask your mentor to assign the one you like.")
        if for_youth
        else (
            "Recommended modules",
            "Chosen from their interests, skills and level, and how similar youth fared.",
        )
    )
    with ui.card().classes("w-full gap-3").mark("recommendations"):
        ui.label(t(heading)).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
        ui.label(t(intro)).classes("text-sm text-gray-800")
        for recommendation in recommendations:
            recommendation_card(recommendation, for_youth, accept)


def recommendation_card(recommendation: Recommendation, for_youth: bool, accept: Accept | None) -> None:
    module = recommendation.module
    with ui.card().classes("w-full gap-1").props("flat bordered").mark(f"recommended-{module.id}"):
        ui.label(module.title).classes("text-base font-semibold").props('role="heading" aria-level="3"')
        ui.label(module_facts(module)).classes("text-sm text-gray-700")
        if recommendation.reasons:
            with ui.element("ul").classes("list-disc pl-5"):
                for reason in recommendation.reasons:
                    with ui.element("li"):
                        ui.label(reason_text(reason, for_youth)).mark("reason")
        if accept is not None:
            button = ui.button(t("Assign"), on_click=lambda: accept(recommendation))
            button.props["aria-label"] = t("Assign {module}", module=module.title)
            button.mark(f"accept-{module.id}")


def reason_text(reason: Reason, for_youth: bool) -> str:
    """One reason in plain words, addressed to the youth or, for staff, about them."""
    match reason:
        case InterestMatch(sector=sector):
            text = "Matches your interest in {sector}" if for_youth else "Matches their interest in {sector}"
            return t(text, sector=t(sector))
        case FillsSkillGap(skills=skills):
            text = (
                "Teaches skills you don't have yet: {skills}"
                if for_youth
                else "Teaches skills they don't have yet: {skills}"
            )
            return t(text, skills=", ".join(skills))
        case OftenCompleted(completed=completed, learners=learners):
            text = (
                "{completed} of {learners} youth like you who started it completed it"
                if for_youth
                else "{completed} of {learners} similar youth who started it completed it"
            )
            return t(text, completed=completed, learners=learners)
        case FitsLevel(level=level, step=LevelStep.START):
            return t("A good first module: {level}", level=t(DIFFICULTIES[level]))
        case FitsLevel(level=level, step=LevelStep.SAME):
            text = (
                "At the level you have reached: {level}"
                if for_youth
                else "At the level they have reached: {level}"
            )
            return t(text, level=t(DIFFICULTIES[level]))
        case FitsLevel(level=level):
            return t("The next step up: {level}", level=t(DIFFICULTIES[level]))
