"""A mentor's youth, searchable and a page at a time, each a link to their page."""

from nicegui import ui

from mb.domain.model.regions import REGIONS
from mb.domain.model.user import Actor
from mb.domain.model.user_query import UserPage, UserQuery
from mb.ui.dates import shown_date
from mb.ui.i18n import t
from mb.ui.services import services

PAGE_SIZE = 20


class MyYouth:
    """One per tab: the search typed and the page shown."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.search = ""
        self.page = 1
        self.found: UserPage | None = None

    async def show(self) -> None:
        with ui.card().classes("w-full").mark("my-youth"):
            ui.label(t("Your youth")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
            ui.input(t("Search by name, email or student ID"), on_change=self.searched).props(
                "clearable debounce=300"
            ).classes("w-full").mark("my-youth-search")
            await self.listing()

    async def searched(self, event: object) -> None:
        self.search = str(getattr(event, "value", "") or "")
        self.page = 1
        await self.listing.refresh()

    async def turn(self, step: int) -> None:
        self.page += step
        await self.listing.refresh()

    @ui.refreshable_method
    async def listing(self) -> None:
        self.found = await services().user_admin.find_users(
            self.actor, UserQuery(search=self.search), self.page, PAGE_SIZE
        )
        if not self.found.listings:
            ui.label(t("No youth match.") if self.search else t("No youth are in your caseload yet."))
            return
        with ui.element("ul").classes("w-full"):
            for listing in self.found.listings:
                youth = listing.user
                with ui.element("li").classes("flex flex-wrap gap-x-3 py-1 border-b border-gray-200"):
                    ui.link(youth.full_name, f"/youth/{youth.id}").classes("font-medium").mark(
                        "my-youth-link"
                    )
                    ui.label(youth.student_id or "").classes("font-mono text-sm")
                    ui.label(t(REGIONS.get(youth.region, youth.region))).classes("text-sm text-gray-700")
                    seen = shown_date(youth.last_login_at) if youth.last_login_at else t("never")
                    ui.label(t("Last signed in: {date}", date=seen)).classes("text-sm text-gray-700")
        pages = max(1, -(-self.found.total // PAGE_SIZE))
        with ui.row().classes("items-center gap-2"):
            ui.button(t("Previous"), on_click=lambda: self.turn(-1)).props("flat").set_enabled(self.page > 1)
            ui.label(
                t(
                    "Page {page} of {pages} ({total} youth)",
                    page=self.page,
                    pages=pages,
                    total=self.found.total,
                )
            )
            ui.button(t("Next"), on_click=lambda: self.turn(1)).props("flat").set_enabled(self.page < pages)
