"""Users: the directory admins search and manage, youth imports, and new staff accounts."""

from collections.abc import Awaitable, Callable

from nicegui import ui

from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.ui.forms import Form
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.pages.admin_users_directory import UserDirectory
from mb.ui.pages.admin_users_import import YouthImport
from mb.ui.services import services


async def page() -> None:
    signed_in = await require_user(Role.ADMIN)
    if signed_in is None:
        return
    _, actor = signed_in
    ui.label(t("Users")).classes("text-2xl font-semibold")
    totals = ui.label().mark("user-totals")

    async def count() -> None:
        counts = await services().accounts.count_by_role(actor)
        totals.text = t(
            "{youth} youth, {mentors} mentors, {admins} admins",
            youth=counts[Role.YOUTH],
            mentors=counts[Role.MENTOR],
            admins=counts[Role.ADMIN],
        )

    await count()
    directory = UserDirectory(actor, on_changed=count)
    await directory.show()
    YouthImport(actor, on_imported=directory.changed).show()
    add_staff_form(actor, on_added=directory.changed)


def add_staff_form(actor: Actor, on_added: Callable[[], Awaitable[None]]) -> None:
    with ui.card().classes("w-full").mark("add-staff"):
        ui.label(t("Add a staff account")).classes("text-lg font-semibold")
        ui.label(t("Mentors and admins are added here; youth register themselves."))
        form = Form(
            {
                "full_name": ui.input(t("Full name")).mark("staff-full_name"),
                "email": ui.input(t("Email")).props("type=email").mark("staff-email"),
                "password": ui.input(t("Initial password (at least 10 characters)"), password=True).mark(
                    "staff-password"
                ),
            }
        )
        role = (
            ui.radio({Role.MENTOR.value: t("Mentor"), Role.ADMIN.value: t("Admin")}, value=Role.MENTOR.value)
            .props("inline")
            .mark("staff-role")
        )

        async def add() -> None:
            created = await form.submit(
                lambda: services().accounts.create_staff(
                    actor, form.text("email"), form.text("password"), Role(role.value), form.text("full_name")
                )
            )
            if created is None:
                return
            form.reset()
            ui.notify(t("Account created for {email}.", email=created.email), type="positive")
            await on_added()

        ui.button(t("Create account"), on_click=add).mark("create-staff")
