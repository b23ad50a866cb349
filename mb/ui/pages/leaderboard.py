"""The leaderboard as a youth sees it: by week, month or all time, in their region or everywhere.

Names come from the service already anonymised for youth who did not opt in; this page never
looks a name up itself.
"""

from nicegui import ui
from nicegui.events import ValueChangeEventArguments

from mb.domain.errors import DomainError
from mb.domain.model.engagement import Period
from mb.domain.model.engagement_views import ANONYMOUS, Leaderboard, LeaderboardRow
from mb.domain.model.regions import REGIONS
from mb.domain.model.user import Actor, User
from mb.ui.engagement_text import shown_name
from mb.ui.i18n import t
from mb.ui.services import services

PERIODS: dict[str, str] = {Period.WEEK: "This week", Period.MONTH: "This month", Period.ALL_TIME: "All time"}
REGION, PROGRAMME = "region", "programme"
SCOPES = {REGION: "My region", PROGRAMME: "Whole programme"}
TOP, NEAR_ME = "top", "near"
VIEWS = {TOP: "Top 10", NEAR_ME: "Near me"}
NOT_RANKED = {
    Period.WEEK: "Earn points this week to appear here.",
    Period.MONTH: "Earn points this month to appear here.",
    Period.ALL_TIME: "Earn your first points to appear here.",
}
NOBODY = {
    Period.WEEK: "No one has earned points this week yet.",
    Period.MONTH: "No one has earned points this month yet.",
    Period.ALL_TIME: "No one has earned points yet.",
}
CELL = "px-2 py-2 text-left align-top border-b border-gray-300"


class LeaderboardView:
    """One per tab: the choices made and the board they show."""

    def __init__(self, actor: Actor, youth: User) -> None:
        self.actor = actor
        self.region = youth.region
        self.shows_name = youth.shows_on_leaderboard
        self.period = Period.WEEK
        self.scope = REGION if youth.region else PROGRAMME
        self.view = TOP
        self.board: Leaderboard | None = None

    async def show(self) -> None:
        await self.load()
        with ui.card().classes("w-full gap-3").mark("leaderboard"):
            ui.label(t("Leaderboard")).classes("text-xl font-semibold").props('role="heading" aria-level="2"')
            with ui.row().classes("w-full gap-x-6 gap-y-2 flex-wrap"):
                self.choice("Period", PERIODS, self.period, "period")
                if self.region:
                    self.choice("Compare with", SCOPES, self.scope, "scope")
                self.choice("Show", VIEWS, self.view, "view")
            self.rows()
            privacy(self.shows_name)

    def choice(self, label: str, options: dict[str, str], value: str, name: str) -> None:
        with ui.column().classes("gap-1"):
            ui.label(t(label)).classes("text-sm font-medium")
            toggle = ui.toggle(
                {key: t(text) for key, text in options.items()},
                value=value,
                on_change=lambda event: self.choose(name, event),
            )
            toggle.props("no-caps dense unelevated toggle-color=primary color=white text-color=primary")
            toggle.classes("flex-wrap border border-primary rounded").mark(name)
            toggle.props["aria-label"] = t(label)

    async def choose(self, name: str, event: ValueChangeEventArguments[str]) -> None:
        setattr(self, name, event.value)
        try:
            await self.load()
        except DomainError as error:
            ui.notify(t(error.message), type="negative")
            return
        self.rows.refresh()

    async def load(self) -> None:
        region = self.region if self.scope == REGION else None
        self.board = await services().engagement.leaderboard(
            self.actor, Period(self.period), region, near_me=self.view == NEAR_ME
        )

    @ui.refreshable_method
    def rows(self) -> None:
        board = self.board
        assert board is not None
        period = Period(self.period)
        if board.you is None:
            ui.label(t(NOT_RANKED[period])).classes("font-medium").mark("not-ranked")
        else:
            ui.label(
                t(
                    "You are number {rank} of {ranked}, with {points} points.",
                    rank=board.you.rank,
                    ranked=board.ranked,
                    points=board.you.points,
                )
            ).classes("font-medium").mark("your-place")
        if not board.rows:
            ui.label(t(NOBODY[period])).mark("nobody-ranked")
            return
        with ui.element("table").classes("w-full text-base").mark("leaderboard-table"):
            with ui.element("thead"), ui.element("tr"):
                for heading in ("Rank", "Name", "Points"):
                    align = " text-right" if heading == "Points" else ""
                    with ui.element("th").classes(CELL + align).props('scope="col"'):
                        ui.label(t(heading))
            with ui.element("tbody"):
                for row in board.rows:
                    place(row)


def place(row: LeaderboardRow) -> None:
    """One row; the youth's own is marked with words as well as a colour."""
    with (
        ui.element("tr")
        .classes("bg-blue-50 font-semibold" if row.is_you else "")
        .mark("leaderboard-you" if row.is_you else "leaderboard-row")
    ):
        with ui.element("td").classes(CELL):
            ui.label(str(row.rank))
        with ui.element("td").classes(f"{CELL} break-words"):
            with ui.row().classes("items-center gap-2"):
                ui.label(shown_name(row.name)).mark("leaderboard-name")
                if row.is_you:
                    ui.badge(t("You"), color="primary").classes("text-sm")
            ui.label(t(REGIONS.get(row.region, row.region))).classes("text-sm font-normal text-gray-700")
        with ui.element("td").classes(f"{CELL} text-right whitespace-nowrap"):
            ui.label(str(row.points))


def privacy(shows_name: bool) -> None:
    with ui.column().classes("gap-1 text-sm").mark("leaderboard-privacy"):
        ui.label(
            t(
                "Names show only for youth who chose to show them; everyone else appears as “{anonymous}”.",
                anonymous=t(ANONYMOUS),
            )
        )
        ui.label(
            t("Other youth see your name here.")
            if shows_name
            else t("Other youth see you as “{anonymous}”.", anonymous=t(ANONYMOUS))
        ).mark("your-privacy")
        ui.link(t("Change this in your profile"), "/profile").classes("py-1").mark("privacy-setting")
