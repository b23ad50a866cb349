from nicegui import ui

from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.regions import REGIONS
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.id_card import id_card_svg
from mb.ui.pages.achievements import achievements_card
from mb.ui.pages.learn import OPEN_LINK
from mb.ui.pages.my_youth import MyYouth
from mb.ui.services import services

ROLE_NAMES = {Role.YOUTH: "Youth", Role.MENTOR: "Mentors", Role.ADMIN: "Admins"}


async def page() -> None:
    signed_in = await require_user()
    if signed_in is None:
        return
    user, actor = signed_in
    ui.label(t("Welcome, {name}", name=user.full_name)).classes("text-2xl font-semibold").mark("welcome")
    if user.role is Role.YOUTH:
        await youth_home(user, actor)
    else:
        await staff_home(user, actor)


async def youth_home(user: User, actor: Actor) -> None:
    ui.link(t("Go to your modules"), "/learn").classes(OPEN_LINK).mark("go-to-modules")
    await achievements_card(actor)
    with ui.card().classes("w-full").mark("student-card"):
        ui.label(t("Your student ID")).classes("text-sm text-gray-700")
        ui.label(user.student_id or "").classes(
            "text-2xl sm:text-3xl font-mono font-bold whitespace-nowrap"
        ).mark("student-id")
        ui.label(t("Quote it when you contact your mentor or the programme team.")).classes("text-sm")
        ui.button(
            t("Download ID card"),
            icon="badge",
            on_click=lambda: ui.download.content(
                id_card_svg(user), f"{user.student_id}.svg", "image/svg+xml"
            ),
        ).mark("download-id-card")
    with ui.card().classes("w-full"):
        ui.label(t("Your profile")).classes("text-lg font-semibold")
        for label, value in (
            ("Email", user.email),
            ("Institution", user.institution),
            ("Education level", t(EDUCATION_LEVELS.get(user.education_level, user.education_level))),
            ("Region", t(REGIONS.get(user.region, user.region))),
            ("Skills", ", ".join(user.skills) or t("none yet")),
            ("Sector interests", ", ".join(user.sector_interests) or t("none yet")),
        ):
            with ui.row().classes("gap-2"):
                ui.label(t(label) + ":").classes("font-medium")
                ui.label(value)
        ui.link(t("Edit your profile"), "/profile")


async def staff_home(user: User, actor: Actor) -> None:
    counts = await services().accounts.count_by_role(actor)
    with ui.row().classes("w-full gap-4 flex-wrap").mark("user-counts"):
        for role in Role:
            with ui.card().classes("min-w-[9rem]"):
                ui.label(t(ROLE_NAMES[role])).classes("text-sm text-gray-700")
                ui.label(str(counts[role])).classes("text-3xl font-bold").mark(f"count-{role.value}")
    if user.role is Role.MENTOR:
        await MyYouth(actor).show()
    if user.role is Role.ADMIN:
        with ui.card().classes("w-full"):
            ui.label(t("Administration")).classes("text-lg font-semibold")
            ui.link(t("Manage users and add staff accounts"), "/admin/users")
            ui.link(t("Build the module catalogue: modules, quizzes and files"), "/admin/modules")
