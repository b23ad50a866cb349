"""What every insights page starts with: its title, the links to the other insights pages, and
how current the figures are (or why there are none yet)."""

from nicegui import ui

from mb.domain.model.flags import Flag
from mb.domain.model.insight_reports import Freshness
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.ui.dates import shown_date, shown_moment
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.services import services

SECTIONS: tuple[tuple[str, str], ...] = (
    ("Overview", "/insights"),
    ("At-risk board", "/insights/at-risk"),
    ("Funnel", "/insights/funnel"),
    ("Sectors", "/insights/sectors"),
    ("Modules", "/insights/modules"),
    ("Gamification", "/insights/gamification"),
    ("Interventions", "/insights/interventions"),
)
SWITCHABLE = {"/insights/gamification": Flag.GAMIFICATION}  # leave the links while their feature is off


async def insights_page(here: str, title: str, at_sync: bool = False) -> tuple[Actor, Freshness] | None:
    """Staff only: the signed-in mentor or admin and the header drawn for them, or None when the
    page was refused (the guard said why)."""
    signed_in = await require_user(Role.MENTOR, Role.ADMIN)
    if signed_in is None:
        return None
    _, actor = signed_in
    return actor, await insights_header(actor, here, title, at_sync)


async def insights_header(actor: Actor, here: str, title: str, at_sync: bool = False) -> Freshness:
    """The page heading (`title`, in English), the sub-navigation with `here` marked as the
    current page, and how current the figures are; returns the freshness so the page can tell "no
    figures yet" from "nothing to count". An `at_sync` page counts from the programme's own
    records (not from the daily features) whenever the features are synced, and says so instead."""
    ui.label(t(title)).classes("text-2xl font-semibold").props('role="heading" aria-level="1"').mark(
        "insights-heading"
    )
    await sub_navigation(here)
    freshness = await services().insights.freshness(actor)
    if at_sync:
        at_sync_line(freshness)
    else:
        freshness_line(freshness, actor)
    return freshness


async def sub_navigation(here: str) -> None:
    off = {path for path, flag in SWITCHABLE.items() if not await services().flags.is_enabled(flag)}
    with (
        ui.element("nav").props(f'aria-label="{t("Insights")}"').classes("w-full"),
        ui.row().classes("gap-x-1 gap-y-1 flex-wrap items-center"),
    ):
        for label, path in SECTIONS:
            if path in off:
                continue
            link = ui.link(t(label), path).classes("px-2 py-1 rounded").mark(f"insights-nav-{path}")
            if path == here:
                link.classes("bg-primary text-white no-underline").props('aria-current="page"')


def at_sync_line(freshness: Freshness) -> None:
    if freshness.stale:
        stale_notice(freshness)
    if freshness.last_synced_at is None:
        text = t("Counted from profiles, modules and assignments; counted again at every feature sync.")
    else:
        text = t(
            "Counted from profiles, modules and assignments at the last feature sync ({when}).",
            when=shown_moment(freshness.last_synced_at),
        )
    ui.label(text).classes("text-sm text-gray-700").mark("insights-freshness")


def freshness_line(freshness: Freshness, actor: Actor) -> None:
    """As of which day the figures are; a warning when the last sync failed; how figures appear
    when there are none yet."""
    if freshness.stale:
        stale_notice(freshness)
    if freshness.day is not None:
        synced = shown_moment(freshness.last_synced_at) if freshness.last_synced_at else t("not yet")
        ui.label(
            t("Figures as of {day} (synced {when}).", day=shown_date(freshness.day), when=synced)
        ).classes("text-sm text-gray-700").mark("insights-freshness")
    if freshness.day is None:
        no_figures_yet(actor)


def stale_notice(freshness: Freshness) -> None:
    if freshness.last_synced_at is not None:
        text = t(
            "Stale since {when} — {reason} Showing the last synced figures.",
            when=shown_moment(freshness.last_synced_at),
            reason=_sentence(t(freshness.stale_reason)),
        )
    else:
        text = t(
            "The figures could not be synced yet — {reason}", reason=_sentence(t(freshness.stale_reason))
        )
    with (
        ui.row()
        .classes("w-full items-start gap-2 p-3 rounded border-l-4 border-amber-700 bg-amber-50")
        .props('role="alert"')
        .mark("insights-stale")
    ):
        ui.icon("warning", color="amber-10").props('aria-hidden="true"')
        ui.label(text).classes("text-amber-950 font-medium flex-1")


def no_figures_yet(actor: Actor) -> None:
    how = (
        "Press “Sync now” in the daily features section of the system page, or run `mb sync-features` on "
        "the server; afterwards the nightly sync keeps them current."
        if actor.role is Role.ADMIN
        else "Ask an admin to sync them from the system page; afterwards the nightly sync keeps them current."
    )
    with ui.card().classes("w-full").mark("insights-empty"):
        ui.label(t("No figures yet")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
        ui.label(
            t(
                "The insights are counted from daily features: one row per youth per day, made from "
                "what youth do in MB Compass. None have been synced yet."
            )
        )
        ui.label(t(how))
        if actor.role is Role.ADMIN:
            ui.link(t("Open the system page"), "/admin/system").mark("insights-empty-system")


def _sentence(text: str) -> str:
    """The reason as one sentence, so the text after it reads on."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."
