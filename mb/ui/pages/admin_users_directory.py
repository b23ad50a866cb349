"""The admin's user directory: search, filters and a table paged and sorted on the server."""

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any, TypeVar

from nicegui import events, ui

from mb.domain.errors import DomainError
from mb.domain.model.regions import REGIONS
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.model.user_query import MAX_PAGE_SIZE, PersonRef, UserListing, UserQuery, UserSort
from mb.ui.dates import shown_date, shown_moment
from mb.ui.i18n import t
from mb.ui.pages.admin_users_manage import UserManager
from mb.ui.services import services

Result = TypeVar("Result")
ROLE_NAMES = {Role.YOUTH: "Youth", Role.MENTOR: "Mentor", Role.ADMIN: "Admin"}
PAGE_SIZES = [10, 25, 50, MAX_PAGE_SIZE]
NO_MENTOR = "none"
# Table column → the order the directory knows; other columns cannot be sorted.
SORTS = {
    "full_name": UserSort.NAME,
    "email": UserSort.EMAIL,
    "role": UserSort.ROLE,
    "region": UserSort.REGION,
    "last_login_at": UserSort.LAST_LOGIN_AT,
    "created_at": UserSort.CREATED_AT,
}
COLUMN_OF = {sort: column for column, sort in SORTS.items()}
# A button per row; it sends only the row's id, and the dialog reads the person afresh.
ACTIONS_CELL = r"""
<q-td :props="props">
  <q-btn flat round dense color="primary" icon="manage_accounts" :aria-label="props.row.manage_label"
         @click="() => $parent.$emit('manage', props.row.id)">
    <q-tooltip>{{ props.row.manage_label }}</q-tooltip>
  </q-btn>
</q-td>
"""


class UserDirectory:
    """One per page view: the query this admin is looking at, and the table showing it."""

    def __init__(self, actor: Actor, on_changed: Callable[[], Awaitable[None]]) -> None:
        self.actor = actor
        self.on_changed = on_changed
        self.query = UserQuery()
        self.page, self.page_size = 1, 25
        self.mentors: list[PersonRef] = []

    async def show(self) -> None:
        self.mentors = await services().user_admin.mentors(self.actor)
        with ui.card().classes("w-full").mark("user-directory"):
            self._filters()
            self.problem = ui.label().classes("text-red-800 font-medium").props('role="alert"')
            self.problem.mark("directory-error").set_visibility(False)
            self.summary = ui.label().props('aria-live="polite"').mark("directory-summary")
            self.table = (
                ui.table(columns=_columns(), rows=[], row_key="id", pagination=self._pagination(0))
                .classes("w-full")
                .props("flat bordered")
                .mark("users-table")
            )
            self.table.props["rows-per-page-options"] = PAGE_SIZES
            self.table.props["rows-per-page-label"] = t("Rows per page:")
            self.table.add_slot("body-cell-actions", ACTIONS_CELL)
            self.table.on("request", self.request)
            self.table.on("manage", self.manage)
            ui.button(t("Export CSV"), icon="download", on_click=self.export).props("outline").mark(
                "export-users"
            )
        await self.load()

    def _filters(self) -> None:
        with ui.row().classes("w-full items-end gap-x-3 gap-y-1 flex-wrap"):
            self.search = (
                ui.input(t("Search name, email or student ID"), on_change=self.filter_changed)
                .props("clearable debounce=400 type=search")
                .classes("min-w-[16rem] grow")
                .mark("user-search")
            )
            self.role = self._select("filter-role", t("Role"), {r.value: t(ROLE_NAMES[r]) for r in Role})
            self.region = self._select("filter-region", t("Region"), {k: t(v) for k, v in REGIONS.items()})
            self.mentor = self._select("filter-mentor", t("Mentor"), self._mentor_choices())
            self.status = self._select(
                "filter-status", t("Status"), {"active": t("Active"), "inactive": t("Deactivated")}
            )

    def _select(self, marker: str, label: str, options: dict[str, str]) -> ui.select:
        return (
            ui.select(options, label=label, clearable=True, with_input=True, on_change=self.filter_changed)
            .classes("min-w-[10rem]")
            .mark(marker)
        )

    def _mentor_choices(self) -> dict[str, str]:
        choices = {NO_MENTOR: t("No mentor")}
        for mentor in self.mentors:
            name = mentor.full_name if mentor.is_active else t("{name} (deactivated)", name=mentor.full_name)
            choices[str(mentor.id)] = name
        return choices

    async def filter_changed(self) -> None:
        mentor = self.mentor.value
        self.query = replace(
            self.query,
            search=str(self.search.value or ""),
            role=Role(self.role.value) if self.role.value else None,
            region=self.region.value or None,
            mentor_id=int(mentor) if mentor and mentor != NO_MENTOR else None,
            without_mentor=mentor == NO_MENTOR,
            active={"active": True, "inactive": False}.get(self.status.value or ""),
        )
        self.page = 1
        await self.load()

    async def request(self, event: events.GenericEventArguments) -> None:
        """The table asks for another page, page size or order; its arguments come from the browser."""
        wanted = event.args.get("pagination", {}) if isinstance(event.args, dict) else {}
        size = _whole(wanted.get("rowsPerPage"), self.page_size)
        self.page_size = size if size in PAGE_SIZES else self.page_size
        self.page = max(1, _whole(wanted.get("page"), 1))
        sort = SORTS.get(str(wanted.get("sortBy")))  # None when the browser asks for no order at all
        descending = sort is not None and wanted.get("descending") is True
        self.query = replace(self.query, sort=sort or UserSort.NAME, descending=descending)
        await self.load()

    async def load(self) -> None:
        found = await self._shown_if_refused(
            services().user_admin.find_users(self.actor, self.query, self.page, self.page_size)
        )
        if found is None:
            return
        if not found.listings and self.page > found.pages:  # the last page emptied meanwhile
            self.page = found.pages
            await self.load()
            return
        self.table.rows = [_row(listing) for listing in found.listings]
        self.table.pagination = self._pagination(found.total)
        self.summary.text = t("People found: {total}", total=found.total)

    async def manage(self, event: events.GenericEventArguments) -> None:
        user_id = _whole(event.args, 0)
        manager = UserManager(self.actor, self.mentors, on_changed=self.changed)
        await self._shown_if_refused(manager.open(user_id))

    async def changed(self) -> None:
        """Someone was changed or added: show the table and the totals afresh."""
        self.mentors = await services().user_admin.mentors(self.actor)
        self.mentor.set_options(self._mentor_choices(), value=self.mentor.value)
        await self.load()
        await self.on_changed()

    async def export(self) -> None:
        data = await self._shown_if_refused(services().user_admin.export_csv(self.actor, self.query))
        if data is not None:
            ui.download.content(data, "mb-compass-users.csv", "text/csv")

    async def _shown_if_refused(self, action: Awaitable[Result]) -> Result | None:
        self.problem.set_visibility(False)
        try:
            return await action
        except DomainError as error:
            self.problem.text = t(error.message)
            self.problem.set_visibility(True)
            return None

    def _pagination(self, total: int) -> dict[str, Any]:
        return {
            "page": self.page,
            "rowsPerPage": self.page_size,
            "sortBy": COLUMN_OF[self.query.sort],
            "descending": self.query.descending,
            "rowsNumber": total,
        }


def _columns() -> list[dict[str, Any]]:
    names = {
        "full_name": "Name",
        "email": "Email",
        "student_id": "Student ID",
        "role": "Role",
        "region": "Region",
        "mentor": "Mentor",
        "status": "Status",
        "last_login_at": "Last sign-in",
        "created_at": "Joined",
        "actions": "Manage",
    }
    return [
        {"name": name, "label": t(label), "field": name, "align": "left", "sortable": name in SORTS}
        for name, label in names.items()
    ]


def _row(listing: UserListing) -> dict[str, Any]:
    user = listing.user
    return {
        "id": user.id,
        "full_name": user.full_name,
        "email": user.email,
        "student_id": user.student_id or "",
        "role": t(ROLE_NAMES[user.role]),
        "region": user.region,
        "mentor": listing.mentor.full_name if listing.mentor else "",
        "status": t("Active") if user.is_active else t("Deactivated"),
        "last_login_at": shown_moment(user.last_login_at) if user.last_login_at else t("never"),
        "created_at": shown_date(user.created_at),
        "manage_label": t("Manage {name}", name=user.full_name),
    }


def _whole(value: object, default: int) -> int:
    """A whole number the browser sent, or `default` for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 10:
        return int(value)
    return default
