from nicegui import ui

from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.profile import ProfileFields
from mb.domain.model.regions import REGIONS
from mb.domain.services.accounts import Registration
from mb.ui.forms import Form
from mb.ui.frame import shell
from mb.ui.i18n import t
from mb.ui.services import services
from mb.ui.session import signed_in_user, start_session


async def page() -> None:
    if await signed_in_user():
        ui.navigate.to("/")
        return
    ui.label(t("Join MB Compass")).classes("text-2xl font-semibold")
    ui.label(t("Register to follow learning modules and get support finding work."))
    with ui.card().classes("w-full max-w-xl"):
        form = Form(
            {
                "full_name": ui.input(t("Full name")).props("autocomplete=name").mark("full_name"),
                "email": ui.input(t("Email")).props("type=email autocomplete=email").mark("email"),
                "password": ui.input(
                    t("Password (at least 10 characters)"), password=True, password_toggle_button=True
                )
                .props("autocomplete=new-password")
                .mark("password"),
                "institution": ui.input(t("School, college or institute")).mark("institution"),
                "education_level": ui.select(
                    {k: t(v) for k, v in EDUCATION_LEVELS.items()}, label=t("Education level")
                ).mark("education_level"),
                "region": ui.select(
                    {k: t(v) for k, v in REGIONS.items()},
                    label=t("State or union territory"),
                    with_input=True,
                ).mark("region"),
            }
        )

        async def register() -> None:
            registration = Registration(
                email=form.text("email"),
                password=form.text("password"),
                profile=ProfileFields(
                    full_name=form.text("full_name"),
                    institution=form.text("institution"),
                    education_level=form.text("education_level"),
                    region=form.text("region"),
                ),
            )
            user = await form.submit(lambda: services().accounts.register_youth(registration))
            if user is None:
                return
            start_session(user)
            await shell().changed()
            ui.notify(
                t("Welcome! Your student ID is {student_id}.", student_id=user.student_id), type="positive"
            )
            ui.navigate.to("/")

        ui.button(t("Register"), on_click=register).classes("w-full").mark("register")
    with ui.row().classes("items-center gap-1"):
        ui.label(t("Already registered?"))
        ui.link(t("Sign in"), "/login")
