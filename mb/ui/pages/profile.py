from nicegui import ui

from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.profile import ProfileFields
from mb.domain.model.regions import REGIONS
from mb.domain.model.roles import Role
from mb.domain.model.sectors import SECTORS
from mb.domain.model.user import Actor, User
from mb.ui.form_values import parse_date
from mb.ui.forms import Form
from mb.ui.frame import shell
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.pages.leaderboard_choice import leaderboard_choice
from mb.ui.services import services
from mb.ui.session import start_session


async def page() -> None:
    signed_in = await require_user()
    if signed_in is None:
        return
    user, actor = signed_in
    ui.label(t("Your profile")).classes("text-2xl font-semibold")
    if user.student_id:
        ui.label(t("Student ID: {student_id}", student_id=user.student_id)).classes("font-mono")
    profile_form(user, actor)
    if user.role is Role.YOUTH:
        await leaderboard_choice(user, actor)
    password_form(actor)


def profile_form(user: User, actor: Actor) -> None:
    youth = user.role is Role.YOUTH
    with ui.card().classes("w-full").mark("profile-form"):
        ui.label(t("About you")).classes("text-lg font-semibold")
        form = Form(
            {
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
        )

        async def save() -> None:
            async def update() -> User:
                assert user.id is not None
                profile = ProfileFields(
                    full_name=form.text("full_name"),
                    phone=form.text("phone"),
                    date_of_birth=parse_date(form.text("date_of_birth"), "date_of_birth"),
                    institution=form.text("institution"),
                    education_level=form.text("education_level"),
                    region=form.text("region"),
                    skills=list(form.fields["skills"].value or []),
                    sector_interests=list(form.fields["sector_interests"].value or []),
                )
                return await services().accounts.update_profile(actor, user.id, profile)

            if await form.submit(update) is None:
                return
            await shell().changed()
            ui.notify(t("Profile saved."), type="positive")

        ui.button(t("Save profile"), on_click=save).mark("save-profile")


def password_form(actor: Actor) -> None:
    with ui.card().classes("w-full").mark("password-form"):
        ui.label(t("Change password")).classes("text-lg font-semibold")
        form = Form(
            {
                "current_password": ui.input(t("Current password"), password=True)
                .props("autocomplete=current-password")
                .mark("current_password"),
                "new_password": ui.input(t("New password (at least 10 characters)"), password=True)
                .props("autocomplete=new-password")
                .mark("new_password"),
            }
        )

        async def change() -> None:
            user = await form.submit(
                lambda: services().accounts.change_password(
                    actor, form.text("current_password"), form.text("new_password")
                )
            )
            if user is None:
                return
            start_session(user)  # this browser stays signed in; every other one is signed out
            form.reset()
            ui.notify(t("Password changed."), type="positive")

        ui.button(t("Change password"), on_click=change).mark("change-password")
