from datetime import date

from nicegui import ui

from mb.domain.errors import DomainError, InvalidInput
from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.regions import REGIONS
from mb.domain.model.roles import Role
from mb.domain.model.sectors import SECTORS
from mb.domain.model.user import Actor, User
from mb.domain.rules.profile import ProfileFields
from mb.ui.forms import clear_errors, show_error, summary_label
from mb.ui.frame import shell
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.services import services


async def page() -> None:
    signed_in = await require_user()
    if signed_in is None:
        return
    user, actor = signed_in
    ui.label(t("Your profile")).classes("text-2xl font-semibold")
    if user.student_id:
        ui.label(t("Student ID: {student_id}", student_id=user.student_id)).classes("font-mono")
    profile_form(user, actor)
    password_form(actor)


def profile_form(user: User, actor: Actor) -> None:
    youth = user.role is Role.YOUTH
    with ui.card().classes("w-full").mark("profile-form"):
        ui.label(t("About you")).classes("text-lg font-semibold")
        fields = {
            "full_name": ui.input(t("Full name"), value=user.full_name).mark("full_name"),
            "phone": ui.input(t("Phone (optional)"), value=user.phone)
            .props("type=tel autocomplete=tel")
            .mark("phone"),
            "date_of_birth": ui.input(
                t("Date of birth (optional)"),
                value=user.date_of_birth.isoformat() if user.date_of_birth else "",
            )
            .props("type=date")
            .mark("date_of_birth"),
            "institution": ui.input(t("School, college or institute"), value=user.institution).mark(
                "institution"
            ),
            "education_level": ui.select(
                {k: t(v) for k, v in EDUCATION_LEVELS.items()},
                label=t("Education level"),
                value=user.education_level or None,
                clearable=not youth,
            ).mark("education_level"),
            "region": ui.select(
                {k: t(v) for k, v in REGIONS.items()},
                label=t("State or union territory"),
                value=user.region or None,
                with_input=True,
                clearable=not youth,
            ).mark("region"),
            "skills": ui.input_chips(t("Skills (press Enter after each)"), value=list(user.skills)).mark(
                "skills"
            ),
            "sector_interests": ui.select(
                list(SECTORS),
                label=t("Sectors you would like to work in"),
                value=list(user.sector_interests),
                multiple=True,
            )
            .props("use-chips")
            .mark("sector_interests"),
        }
        for element in fields.values():
            element.classes("w-full")
        summary = summary_label()

        async def save() -> None:
            clear_errors(fields)
            summary.set_visibility(False)
            try:
                born = _parse_date(fields["date_of_birth"].value or "")
                profile = ProfileFields(
                    full_name=fields["full_name"].value or "",
                    phone=fields["phone"].value or "",
                    date_of_birth=born,
                    institution=fields["institution"].value or "",
                    education_level=fields["education_level"].value or "",
                    region=fields["region"].value or "",
                    skills=list(fields["skills"].value or []),
                    sector_interests=list(fields["sector_interests"].value or []),
                )
                assert user.id is not None
                await services().accounts.update_profile(actor, user.id, profile)
            except DomainError as error:
                show_error(error, fields, summary)
                return
            await shell().changed()
            ui.notify(t("Profile saved."), type="positive")

        ui.button(t("Save profile"), on_click=save).mark("save-profile")


def password_form(actor: Actor) -> None:
    with ui.card().classes("w-full").mark("password-form"):
        ui.label(t("Change password")).classes("text-lg font-semibold")
        fields = {
            "current_password": ui.input(t("Current password"), password=True)
            .props("autocomplete=current-password")
            .mark("current_password"),
            "new_password": ui.input(t("New password (at least 10 characters)"), password=True)
            .props("autocomplete=new-password")
            .mark("new_password"),
        }
        for element in fields.values():
            element.classes("w-full")
        summary = summary_label()

        async def change() -> None:
            summary.set_visibility(False)
            try:
                await services().accounts.change_password(
                    actor, fields["current_password"].value or "", fields["new_password"].value or ""
                )
            except DomainError as error:
                show_error(error, fields, summary)
                return
            clear_errors(fields)
            for element in fields.values():
                element.value = ""
            ui.notify(t("Password changed."), type="positive")

        ui.button(t("Change password"), on_click=change).mark("change-password")


def _parse_date(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            {"date_of_birth": "Enter the date as YYYY-MM-DD, for example 2004-08-15."}
        ) from None
