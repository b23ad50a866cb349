from nicegui import ui

from mb.domain.errors import DomainError
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.ui.forms import clear_errors, show_error, summary_label
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.services import services


async def page() -> None:
    signed_in = await require_user(Role.ADMIN)
    if signed_in is None:
        return
    _, actor = signed_in
    ui.label(t("Users")).classes("text-2xl font-semibold")
    counts = await services().accounts.count_by_role(actor)
    ui.label(
        t(
            "{youth} youth, {mentors} mentors, {admins} admins",
            youth=counts[Role.YOUTH],
            mentors=counts[Role.MENTOR],
            admins=counts[Role.ADMIN],
        )
    ).mark("user-totals")
    add_staff_form(actor)


def add_staff_form(actor: Actor) -> None:
    with ui.card().classes("w-full").mark("add-staff"):
        ui.label(t("Add a staff account")).classes("text-lg font-semibold")
        ui.label(t("Mentors and admins are added here; youth register themselves."))
        fields = {
            "full_name": ui.input(t("Full name")).mark("staff-full_name"),
            "email": ui.input(t("Email")).props("type=email").mark("staff-email"),
            "password": ui.input(t("Initial password (at least 10 characters)"), password=True).mark(
                "staff-password"
            ),
        }
        role = (
            ui.radio({Role.MENTOR.value: t("Mentor"), Role.ADMIN.value: t("Admin")}, value=Role.MENTOR.value)
            .props("inline")
            .mark("staff-role")
        )
        for element in fields.values():
            element.classes("w-full")
        summary = summary_label()

        async def add() -> None:
            summary.set_visibility(False)
            try:
                created = await services().accounts.create_staff(
                    actor,
                    fields["email"].value or "",
                    fields["password"].value or "",
                    Role(role.value),
                    fields["full_name"].value or "",
                )
            except DomainError as error:
                show_error(error, fields, summary)
                return
            clear_errors(fields)
            for element in fields.values():
                element.value = ""
            ui.notify(t("Account created for {email}.", email=created.email), type="positive")

        ui.button(t("Create account"), on_click=add).mark("create-staff")
