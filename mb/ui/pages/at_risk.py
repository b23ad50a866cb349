"""The at-risk board: who may be slipping, why, and one click to log stepping in.

Mentors see their own caseload only: the service narrows every query to it."""

from nicegui import ui

from mb.domain.model.insights import BoardPage, BoardQuery, BoardRow, BoardSort
from mb.domain.model.regions import REGIONS
from mb.domain.model.risk import RiskLevel
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.pages.at_risk_export import board_csv
from mb.ui.pages.at_risk_table import board_table
from mb.ui.pages.insights_header import insights_header
from mb.ui.pages.intervention_dialog import InterventionDialog
from mb.ui.pages.risk_text import level_text
from mb.ui.services import services

PAGE_SIZE = 25
EXPORT_BATCH = 1000  # rows read per query while exporting the whole filter
SORTS = {
    BoardSort.RISK: "Highest risk first",
    BoardSort.RISING: "Rising fastest",
    BoardSort.INACTIVE: "Inactive longest",
    BoardSort.NEEDS_ME: "Needs me first",
    BoardSort.NAME: "Name",
}


async def page() -> None:
    signed_in = await require_user(Role.MENTOR, Role.ADMIN)
    if signed_in is None:
        return
    _, actor = signed_in
    freshness = await insights_header(actor, "/insights/at-risk", "At-risk board")
    if freshness.day is None:
        return  # the header explains how figures appear
    await AtRiskBoard(actor).show()


class AtRiskBoard:
    """One per tab: the filters chosen and the page shown."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.level: RiskLevel | None = None
        self.region = ""
        self.search = ""
        self.sort = BoardSort.RISK
        self.page = 1
        self.found: BoardPage | None = None
        self.asked = 0  # choices made so far: only the latest one's answer is shown

    def query(self, offset: int, limit: int) -> BoardQuery:
        return BoardQuery(
            level=self.level,
            region=self.region,
            search=self.search.strip(),
            sort=self.sort,
            offset=offset,
            limit=limit,
        )

    async def show(self) -> None:
        with ui.card().classes("w-full").mark("at-risk-board"):
            with ui.row().classes("w-full items-end gap-3 flex-wrap"):
                ui.input(t("Search by name or student ID"), on_change=self.searched).props(
                    "clearable debounce=300"
                ).classes("min-w-[16rem] grow").mark("board-search")
                ui.select(
                    {code: t(name) for code, name in REGIONS.items()},
                    label=t("State or union territory"),
                    with_input=True,
                    clearable=True,
                    on_change=self.region_chosen,
                ).classes("min-w-[14rem]").mark("board-region")
                ui.select(
                    {sort.value: t(text) for sort, text in SORTS.items()},
                    value=self.sort.value,
                    label=t("Sort by"),
                    on_change=self.sorted_by,
                ).classes("min-w-[12rem]").mark("board-sort")
                ui.button(t("Download CSV"), icon="download", on_click=self.export).props("outline").mark(
                    "board-csv"
                )
            self.found = await self.fetch()
            self.listing()

    async def searched(self, event: object) -> None:
        self.search = str(getattr(event, "value", "") or "")
        await self.first_page()

    async def region_chosen(self, event: object) -> None:
        self.region = str(getattr(event, "value", "") or "")
        await self.first_page()

    async def sorted_by(self, event: object) -> None:
        self.sort = BoardSort(str(getattr(event, "value", "") or BoardSort.RISK.value))
        await self.first_page()

    async def chose_level(self, level: RiskLevel | None) -> None:
        self.level = level
        await self.first_page()

    async def first_page(self) -> None:
        self.page = 1
        await self.reload()

    async def turn(self, step: int) -> None:
        self.page += step
        await self.reload()

    async def fetch(self) -> BoardPage:
        return await services().insights.at_risk(
            self.actor, self.query((self.page - 1) * PAGE_SIZE, PAGE_SIZE)
        )

    async def reload(self) -> None:
        """Read the page for the choices made, then redraw it. Reading first and drawing in one go
        keeps two quick choices (a level, then a region) from drawing the list twice; an answer
        overtaken by a later choice is dropped."""
        self.asked += 1
        asked = self.asked
        found = await self.fetch()
        if asked == self.asked:
            self.found = found
            self.listing.refresh()

    @ui.refreshable_method
    def listing(self) -> None:
        found = self.found
        assert found is not None
        self.level_chips(found)
        if not found.rows:
            ui.label(t("No youth match these filters.")).mark("board-empty")
            return
        board_table(found.rows, with_mentor=self.actor.role is Role.ADMIN, log=self.log)
        self.pager(found)

    def level_chips(self, found: BoardPage) -> None:
        """How many youth the filter holds at each level; one pressed narrows the board to it."""
        counts = {level: found.counts.get(level, 0) for level in RiskLevel}
        choices: list[tuple[RiskLevel | None, str]] = [(None, t("All ({count})", count=sum(counts.values())))]
        choices += [
            (level, t("{level} ({count})", level=level_text(level), count=counts[level]))
            for level in RiskLevel
        ]
        with ui.row().classes("gap-2 flex-wrap").props(f'role="group" aria-label="{t("Risk level")}"'):
            for level, text in choices:
                pressed = level == self.level
                chip = ui.button(text, on_click=lambda level=level: self.chose_level(level))
                chip.props(f'rounded aria-pressed="{str(pressed).lower()}" {"" if pressed else "outline"}')
                chip.mark(f"level-{level.value if level else 'all'}")

    def pager(self, found: BoardPage) -> None:
        pages = max(1, -(-found.total // PAGE_SIZE))
        with ui.row().classes("items-center gap-2"):
            ui.button(t("Previous"), on_click=lambda: self.turn(-1)).props("flat").set_enabled(self.page > 1)
            ui.label(
                t("Page {page} of {pages} ({total} youth)", page=self.page, pages=pages, total=found.total)
            ).mark("board-paging")
            ui.button(t("Next"), on_click=lambda: self.turn(1)).props("flat").set_enabled(self.page < pages)

    async def log(self, row: BoardRow) -> None:
        stored = await InterventionDialog(self.actor, row.user_id, row.full_name).run()
        if stored is not None:
            await self.reload()  # the service dropped its cache: the row shows the contact

    async def export(self) -> None:
        """Every row of the filter, not only the page shown."""
        rows: list[BoardRow] = []
        while True:
            found = await services().insights.at_risk(self.actor, self.query(len(rows), EXPORT_BATCH))
            rows += found.rows
            if not found.rows or len(rows) >= found.total:
                break
        ui.download.content(
            board_csv(rows, with_mentor=self.actor.role is Role.ADMIN), "mb-compass-at-risk.csv", "text/csv"
        )
