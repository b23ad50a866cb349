"""One person, managed by an admin: role, mentor, and whether they may sign in. Each change is
confirmed first, and the services check it again."""

from collections.abc import Awaitable, Callable

from nicegui import events, ui

from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.domain.model.user_query import PersonRef, UserListing, UserQuery
from mb.ui.confirm import confirmed
from mb.ui.forms import Form
from mb.ui.i18n import t
from mb.ui.services import services

ROLE_NAMES = {Role.YOUTH: "Youth", Role.MENTOR: "Mentor", Role.ADMIN: "Admin"}


class UserManager:
    """A dialog for one person, read afresh when it opens; removed again when it closes."""

    def __init__(
        self, actor: Actor, mentors: list[PersonRef], on_changed: Callable[[], Awaitable[None]]
    ) -> None:
        self.actor = actor
        self.mentors = mentors
        self.on_changed = on_changed

    async def open(self, user_id: int) -> None:
        self.listing = await services().user_admin.user(self.actor, user_id)
        user = self.listing.user
        with ui.dialog() as self.dialog, ui.card().classes("w-full max-w-lg").mark("manage-user"):
            ui.label(user.full_name).classes("text-lg font-semibold").mark("manage-name")
            ui.label(user.email)
            if user.student_id:
                ui.label(t("Student ID: {student_id}", student_id=user.student_id)).classes("font-mono")
            state = t("Active") if user.is_active else t("Deactivated")
            ui.label(f"{t(ROLE_NAMES[user.role])} · {state}").mark("manage-state")
            fields = {"role": self._role_select(user)}
            if user.role is Role.YOUTH:
                fields["mentor"] = self._mentor_select(self.listing)
            self.form = Form(fields)
            with ui.row().classes("w-full gap-2"):
                ui.button(t("Change role"), on_click=self.change_role).mark("change-role")
                if user.role is Role.YOUTH:
                    ui.button(t("Assign mentor"), on_click=self.assign_mentor).mark("assign-mentor")
                if user.is_active:
                    ui.button(t("Deactivate"), on_click=self.toggle_active, color="negative").mark(
                        "toggle-active"
                    )
                else:
                    ui.button(t("Reactivate"), on_click=self.toggle_active).mark("toggle-active")
                ui.button(t("Close"), on_click=self.dialog.close).props("flat").mark("close-manage")
        self.dialog.on_value_change(self._closed)
        self.dialog.open()

    def _role_select(self, user: User) -> ui.select:
        options = {role.value: t(ROLE_NAMES[role]) for role in Role}
        return ui.select(options, label=t("Role"), value=user.role.value).mark("manage-role")

    def _mentor_select(self, listing: UserListing) -> ui.select:
        options = {m.id: m.full_name for m in self.mentors if m.is_active}
        if listing.mentor is not None:  # a deactivated mentor stays shown until someone else is chosen
            options.setdefault(listing.mentor.id, t("{name} (deactivated)", name=listing.mentor.full_name))
        return ui.select(
            options, label=t("Mentor"), value=listing.user.mentor_id, clearable=True, with_input=True
        ).mark("manage-mentor")

    async def change_role(self) -> None:
        user, role = self.listing.user, Role(self.form.fields["role"].value)
        assert user.id is not None
        if role is user.role:
            ui.notify(t("{name} is already {role}.", name=user.full_name, role=t(ROLE_NAMES[role])))
            return
        question = [
            t(
                "Change {name} from {old} to {new}?",
                name=user.full_name,
                old=t(ROLE_NAMES[user.role]),
                new=t(ROLE_NAMES[role]),
            )
        ]
        if user.mentor_id is not None:
            question.append(t("They will no longer have a mentor."))
        if user.role is Role.MENTOR and (caseload := await self._caseload(user.id)):
            question.append(t("The {count} youth they mentor will be left without a mentor.", count=caseload))
        if await confirmed(" ".join(question), t("Change role")):
            await self._apply(
                services().user_admin.change_role(self.actor, user.id, role),
                t("{name} is now {role}.", name=user.full_name, role=t(ROLE_NAMES[role])),
            )

    async def assign_mentor(self) -> None:
        user, mentor_id = self.listing.user, self.form.fields["mentor"].value
        assert user.id is not None
        if mentor_id == user.mentor_id:
            ui.notify(t("Nothing to change."))
            return
        if mentor_id is None:
            question = t("Remove the mentor of {name}?", name=user.full_name)
        else:
            mentor = next((m.full_name for m in self.mentors if m.id == mentor_id), "")
            question = t("Make {mentor} the mentor of {name}?", mentor=mentor, name=user.full_name)
        if await confirmed(question, t("Assign mentor")):
            await self._apply(
                services().user_admin.assign_mentor(self.actor, user.id, mentor_id), t("Mentor saved.")
            )

    async def toggle_active(self) -> None:
        user = self.listing.user
        assert user.id is not None
        if user.is_active:
            question = t(
                "Deactivate {name}? They cannot sign in until an admin reactivates them; nothing is deleted.",
                name=user.full_name,
            )
            if user.role is Role.MENTOR and (caseload := await self._caseload(user.id)):
                question += " " + t(
                    "The {count} youth they mentor keep them as mentor until you assign another.",
                    count=caseload,
                )
            action, done = t("Deactivate"), t("{name} is deactivated.", name=user.full_name)
        else:
            question = t("Reactivate {name}? They can sign in again.", name=user.full_name)
            action, done = t("Reactivate"), t("{name} is active again.", name=user.full_name)
        if await confirmed(question, action):
            await self._apply(services().user_admin.set_active(self.actor, user.id, not user.is_active), done)

    async def _apply(self, change: Awaitable[User], done: str) -> None:
        async def run() -> User:
            return await change

        if await self.form.submit(run) is None:
            return
        ui.notify(done, type="positive")
        self.dialog.close()
        await self.on_changed()

    async def _caseload(self, mentor_id: int) -> int:
        query = UserQuery(mentor_id=mentor_id)
        return (await services().user_admin.find_users(self.actor, query, 1, 1)).total

    def _closed(self, event: events.ValueChangeEventArguments[bool]) -> None:
        if not event.value:
            self.dialog.delete()
