"""One youth as their mentor or an admin sees them: profile, modules and what they did lately."""

from nicegui import ui

from mb.domain.errors import DomainError
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.learning_views import AssignedModule, YouthOverview
from mb.domain.model.module import Module, ModuleStatus
from mb.domain.model.recommendation import Recommendation
from mb.domain.model.regions import REGIONS
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.model.youth_filter import YouthFilter
from mb.ui.confirm import confirmed
from mb.ui.dates import shown_date, shown_moment
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.learning_text import activity_text, progress_bar, status_text
from mb.ui.pages.placements_panel import PlacementsPanel
from mb.ui.pages.recommendations_panel import recommendations_section, recommended_for
from mb.ui.pages.youth_achievements import YouthAchievements
from mb.ui.pages.youth_risk_panel import YouthRiskPanel
from mb.ui.paths import path_id
from mb.ui.scrolling import scroller
from mb.ui.services import services

NOT_IN_REACH = "No such youth, or they are not in your caseload."
WITHDRAWABLE = (AssignmentStatus.ACTIVE, AssignmentStatus.IN_PROGRESS)
HELD = (*WITHDRAWABLE, AssignmentStatus.COMPLETED)
CELL = "px-2 py-2 text-left align-top border-b border-gray-300"


async def page(user_id: str) -> None:
    signed_in = await require_user(Role.MENTOR, Role.ADMIN)
    if signed_in is None:
        return
    _, actor = signed_in
    view = YouthView(actor, path_id(user_id, NOT_IN_REACH))
    await view.load()
    view.show()
    assert view.overview is not None  # loaded just above
    await YouthRiskPanel(actor, view.user_id, view.overview.youth.full_name).show()
    await PlacementsPanel(actor, view.user_id).show()
    await YouthAchievements(actor, view.user_id).show()


class YouthView:
    """One per tab: the overview as last loaded; redrawn after a withdrawal."""

    def __init__(self, actor: Actor, user_id: int) -> None:
        self.actor = actor
        self.user_id = user_id
        self.overview: YouthOverview | None = None
        self.catalogue: list[Module] = []
        self.recommended: list[Recommendation] = []

    async def load(self) -> None:
        self.overview = await services().learning.youth_overview(self.actor, self.user_id)
        self.catalogue = await services().catalogue.catalogue(self.actor)
        self.recommended = await recommended_for(self.actor, self.user_id)

    @ui.refreshable_method
    def show(self) -> None:
        assert self.overview is not None
        profile(self.overview)
        self.assignments(self.overview)
        recommendations_section(self.recommended, for_youth=False, accept=self.accept)
        timeline(self.overview)

    def assignments(self, overview: YouthOverview) -> None:
        with ui.card().classes("w-full").mark("assignments"):
            ui.label(t("Modules")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
            self.assign_form(overview)
            if not overview.assignments:
                ui.label(t("No modules assigned yet."))
                return
            with scroller(), ui.element("table").classes("w-full"):
                with ui.element("thead"), ui.element("tr"):
                    for heading in ("Module", "Status", "Progress", "Dates"):
                        with ui.element("th").classes(CELL).props('scope="col"'):
                            ui.label(t(heading))
                    with ui.element("th").classes(CELL).props('scope="col"'):
                        ui.label(t("Actions")).classes("sr-only")
                with ui.element("tbody"):
                    for held in overview.assignments:
                        self.assignment_row(held)

    def assignment_row(self, held: AssignedModule) -> None:
        module, assignment = held.module, held.assignment
        with ui.element("tr").mark(f"assignment-{module.id}"):
            with ui.element("td").classes(CELL):
                ui.label(module.title).classes("font-medium")
            with ui.element("td").classes(CELL):
                ui.label(status_text(assignment.status)).mark("status")
            with ui.element("td").classes(f"{CELL} min-w-[8rem]"):
                progress_bar(assignment.progress)
            with ui.element("td").classes(f"{CELL} text-sm whitespace-nowrap"):
                for text, day in (
                    ("Assigned {date}", assignment.assigned_at),
                    ("Started {date}", assignment.started_at),
                    ("Completed on {date}", assignment.completed_at),
                    ("Due {date}", assignment.due_date),
                ):
                    if day is not None:
                        ui.label(t(text, date=shown_date(day)))
            with ui.element("td").classes(CELL):
                if assignment.status in WITHDRAWABLE:
                    button = ui.button(t("Withdraw"), on_click=lambda: self.withdraw(held)).props(
                        "outline color=negative"
                    )
                    button.props["aria-label"] = t("Withdraw {module}", module=module.title)
                    button.mark(f"withdraw-{module.id}")

    def assign_form(self, overview: YouthOverview) -> None:
        """Assign one more module: active ones this youth does not hold yet."""
        held = {
            h.module.id for h in overview.assignments if h.assignment.status is not AssignmentStatus.INACTIVE
        }
        choices = {
            m.id: f"{m.code} — {m.title}"
            for m in self.catalogue
            if m.id is not None and m.id not in held and m.status is ModuleStatus.ACTIVE
        }
        if not choices:
            return
        with ui.row().classes("w-full items-end gap-2"):
            choice = ui.select(choices, label=t("Assign a module"), with_input=True).classes("min-w-[16rem]")
            choice.mark("assign-module")

            async def assign() -> None:
                if choice.value is None:
                    choice.error = t("Choose a module to assign.")
                    return
                try:
                    count = await services().learning.assign(
                        self.actor, int(choice.value), YouthFilter(user_ids=(self.user_id,))
                    )
                    await self.load()
                except DomainError as error:
                    ui.notify(t(error.message), type="negative")
                    return
                ui.notify(t("Assigned.") if count else t("They already have this module."), type="positive")
                self.show.refresh()

            ui.button(t("Assign"), on_click=assign).mark("assign-one")

    async def accept(self, recommendation: Recommendation) -> None:
        module = recommendation.module
        assert module.id is not None
        try:
            count = await services().recommendations.accept(self.actor, self.user_id, module.id)
            await self.load()
        except DomainError as error:
            ui.notify(t(error.message), type="negative")
            return
        # Before the refresh: it deletes the clicked button, and the notification with it.
        done = t("{module} assigned.", module=module.title) if count else t("They already have this module.")
        ui.notify(done, type="positive")
        self.show.refresh()

    async def withdraw(self, held: AssignedModule) -> None:
        assert self.overview is not None and held.module.id is not None
        question = t(
            "Withdraw {module} from {name}? They keep the progress made so far.",
            module=held.module.title,
            name=self.overview.youth.full_name,
        )
        if not await confirmed(question, t("Withdraw")):
            return
        try:
            await services().learning.withdraw(self.actor, self.user_id, held.module.id)
            await self.load()
        except DomainError as error:
            ui.notify(t(error.message), type="negative")
            return
        ui.notify(t("{module} withdrawn.", module=held.module.title), type="positive")
        self.show.refresh()


def profile(overview: YouthOverview) -> None:
    youth = overview.youth
    ui.label(youth.full_name).classes("text-2xl font-semibold").props('role="heading" aria-level="1"').mark(
        "youth-name"
    )
    with ui.card().classes("w-full gap-1").mark("youth-profile"):
        for label, value in (
            ("Student ID", youth.student_id or "—"),
            ("Email", youth.email),
            ("Phone", youth.phone or "—"),
            ("Institution", youth.institution or "—"),
            ("Education level", t(EDUCATION_LEVELS.get(youth.education_level, youth.education_level or "—"))),
            ("Region", t(REGIONS.get(youth.region, youth.region or "—"))),
            ("Skills", ", ".join(youth.skills) or t("none yet")),
            ("Sector interests", ", ".join(youth.sector_interests) or t("none yet")),
            ("Mentor", overview.mentor.full_name if overview.mentor else t("No mentor yet")),
        ):
            with ui.row().classes("gap-2 flex-wrap"):
                ui.label(t(label) + ":").classes("font-medium")
                ui.label(value).classes("break-all" if label == "Email" else "")
        if overview.due_soon is not None:
            ui.label(t("Next due date: {date}", date=shown_date(overview.due_soon))).mark("due-soon")


def timeline(overview: YouthOverview) -> None:
    titles = {
        held.module.id: held.module.title for held in overview.assignments if held.module.id is not None
    }
    with ui.card().classes("w-full").mark("timeline"):
        ui.label(t("Recent activity")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
        if not overview.activity:
            ui.label(t("No activity yet."))
            return
        with ui.element("ol").classes("w-full"):
            for event in sorted(overview.activity, key=lambda e: (e.at, e.id or 0), reverse=True):
                with ui.element("li").classes("flex flex-wrap gap-x-3 py-1 border-b border-gray-200"):
                    ui.label(shown_moment(event.at)).classes("text-sm text-gray-700 whitespace-nowrap")
                    ui.label(activity_text(event, titles)).mark("activity")
