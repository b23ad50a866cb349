"""Accounts: registering, signing in, passwords, profiles and staff accounts."""

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from mb.domain.errors import Conflict, InvalidInput, LoginFailed, LoginThrottled, NotFound, PermissionDenied
from mb.domain.model.activity import ActivityEvent, ActivityKind
from mb.domain.model.audit import AuditEntry
from mb.domain.model.login_failure import LoginFailure
from mb.domain.model.profile import ProfileFields
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.domain.ports.clock import Clock
from mb.domain.ports.security import PasswordHasher
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.email import email_problem, mask_email, normalize_email
from mb.domain.rules.password import password_problem
from mb.domain.rules.profile import clean_profile, profile_problems
from mb.domain.rules.throttle import ACCOUNT_POLICY, CLIENT_POLICY, locked_for_minutes
from mb.domain.services.access import can_view, require_role, require_self_or_admin
from mb.domain.services.student_ids import free_student_id

log = logging.getLogger("mb.accounts")

EMAIL_TAKEN = "An account with this email already exists."
YOUTH_EMAIL_TAKEN = "An account with this email already exists. Sign in instead."


@dataclass
class Registration:
    email: str
    password: str
    profile: ProfileFields


class AccountService:
    """Use cases of people's accounts. Every call that acts for someone takes their `Actor`."""

    def __init__(self, uow: Callable[[], UnitOfWork], hasher: PasswordHasher, clock: Clock) -> None:
        self._uow = uow
        self._hasher = hasher
        self._clock = clock
        self._decoy_hash: str | None = None

    async def register_youth(self, registration: Registration) -> User:
        """A young person enrols themselves; they get a student ID at once."""
        email, profile = normalize_email(registration.email), clean_profile(registration.profile)
        problems = self._problems(email, registration.password, profile, youth=True)
        password_hash = "" if problems else await self._hasher.hash(registration.password)
        async with _email_taken_is_invalid(YOUTH_EMAIL_TAKEN), self._uow() as uow:
            if "email" not in problems and await uow.users.get_by_email(email):
                problems["email"] = YOUTH_EMAIL_TAKEN
            if problems:
                raise InvalidInput(problems)
            now = self._clock.now()
            user = _new_user(email, password_hash, Role.YOUTH, profile, now)
            user.student_id = await free_student_id(uow.users, profile.region, now.year)
            await uow.users.add(user)
            assert user.id is not None
            await uow.activity.append(ActivityEvent(user.id, ActivityKind.REGISTERED, now))
            await uow.commit()
        log.info("user.registered", extra={"user_id": user.id, "role": user.role.value})
        return user

    async def sign_in(self, email: str, password: str, client: str) -> User:
        """Check a password; throttled per account and per client after repeated failures."""
        email = normalize_email(email)
        now = self._clock.now()
        since = now - ACCOUNT_POLICY.window - ACCOUNT_POLICY.lockout
        async with self._uow() as uow:
            minutes = max(
                locked_for_minutes(await uow.login_failures.for_email(email, since), ACCOUNT_POLICY, now),
                locked_for_minutes(await uow.login_failures.for_client(client, since), CLIENT_POLICY, now),
            )
            if minutes:
                log.warning("user.login_throttled", extra={"email": mask_email(email), "client": client})
                raise LoginThrottled(minutes)
            user = await uow.users.get_by_email(email)
            if not await self._password_matches(user, password):
                await uow.login_failures.add(LoginFailure(email, client, now))
                await uow.commit()
                log.info("user.login_failed", extra={"email": mask_email(email), "client": client})
                raise LoginFailed()
            assert user is not None and user.id is not None
            if self._hasher.needs_rehash(user.password_hash):
                user.password_hash = await self._hasher.hash(password)
            user.last_login_at = now
            await uow.users.update(user)
            await uow.login_failures.clear_email(email)
            if user.role is Role.YOUTH:
                await uow.activity.append(ActivityEvent(user.id, ActivityKind.LOGIN, now))
            await uow.commit()
        log.info("user.login", extra={"user_id": user.id, "role": user.role.value})
        return user

    async def signed_in_user(self, user_id: int) -> User | None:
        """The user behind a session, or None when the account is gone or deactivated."""
        async with self._uow() as uow:
            user = await uow.users.get(user_id)
        return user if user is not None and user.is_active else None

    async def sign_out(self, actor: Actor) -> None:
        log.info("user.logout", extra={"user_id": actor.user_id})

    async def change_password(self, actor: Actor, current: str, new: str) -> User:
        """Needs the current password; returns the account with its new session stamp."""
        problems: dict[str, str] = {}
        if (problem := password_problem(new)) is not None:
            problems["new_password"] = problem
        elif new == current:
            problems["new_password"] = "Choose a password different from the current one."  # noqa: S105 - a message
        async with self._uow() as uow:
            user = await uow.users.get(actor.user_id)
            if user is None:
                raise NotFound("Your account no longer exists.")
            if not await self._hasher.verify(user.password_hash, current):
                problems = {"current_password": "That is not your current password.", **problems}
            if problems:
                raise InvalidInput(problems)
            user.password_hash = await self._hasher.hash(new)
            await uow.users.update(user)
            await uow.commit()
        log.info("user.password_changed", extra={"user_id": actor.user_id})
        return user

    async def get_user(self, actor: Actor, user_id: int) -> User:
        async with self._uow() as uow:
            user = await uow.users.get(user_id)
        if user is None or not can_view(actor, user):
            raise NotFound("No such person, or they are not in your caseload.")
        return user

    async def update_profile(self, actor: Actor, user_id: int, profile: ProfileFields) -> User:
        """Edit what a person says about themselves: they may, and admins may."""
        require_self_or_admin(actor, user_id)
        profile = clean_profile(profile)
        async with self._uow() as uow:
            user = await uow.users.get(user_id)
            if user is None:
                raise NotFound("That account no longer exists.")
            problems = profile_problems(
                profile, youth=user.role is Role.YOUTH, today=self._clock.now().date()
            )
            if problems:
                raise InvalidInput(problems)
            updated = replace(user, **vars(profile))
            await uow.users.update(updated)
            if actor.user_id != user_id:
                await uow.audit.record(_audit(actor, "user.profile_updated", user_id, self._clock))
            await uow.commit()
        return updated

    async def show_on_leaderboard(self, actor: Actor, shown: bool) -> User:
        """A youth's own choice whether the leaderboard shows their name or "Anonymous learner"."""
        require_role(actor, Role.YOUTH)
        async with self._uow() as uow:
            user = await uow.users.get(actor.user_id)
            if user is None:
                raise NotFound("That account no longer exists.")
            user.shows_on_leaderboard = bool(shown)
            await uow.users.update(user)
            await uow.commit()
        log.info("user.leaderboard_choice", extra={"user_id": actor.user_id, "shown": bool(shown)})
        return user

    async def create_staff(self, actor: Actor, email: str, password: str, role: Role, full_name: str) -> User:
        """An admin opens an account for a mentor or another admin."""
        require_role(actor, Role.ADMIN)
        if not role.is_staff:
            raise PermissionDenied("Youth register themselves; staff accounts are for mentors and admins.")
        return await self._create_staff(actor, normalize_email(email), password, role, full_name)

    async def admin_exists(self) -> bool:
        async with self._uow() as uow:
            return bool((await uow.users.count_by_role()).get(Role.ADMIN))

    async def ensure_first_admin(self, email: str, password: str, full_name: str) -> User | None:
        """Create the first admin when there is none yet (`mb init-db`); None when one exists."""
        if await self.admin_exists():
            return None
        return await self._create_staff(None, normalize_email(email), password, Role.ADMIN, full_name)

    async def count_by_role(self, actor: Actor) -> dict[Role, int]:
        require_role(actor, Role.ADMIN, Role.MENTOR)
        async with self._uow() as uow:
            counts = await uow.users.count_by_role()
        return {role: counts.get(role, 0) for role in Role}

    async def forget_old_login_failures(self) -> int:
        async with self._uow() as uow:
            cutoff = self._clock.now() - timedelta(days=1)
            removed = await uow.login_failures.purge_before(cutoff)
            await uow.commit()
        return removed

    async def _create_staff(
        self, actor: Actor | None, email: str, password: str, role: Role, full_name: str
    ) -> User:
        profile = clean_profile(ProfileFields(full_name=full_name))
        problems = self._problems(email, password, profile, youth=False)
        password_hash = "" if problems else await self._hasher.hash(password)
        async with _email_taken_is_invalid(EMAIL_TAKEN), self._uow() as uow:
            if "email" not in problems and await uow.users.get_by_email(email):
                problems["email"] = EMAIL_TAKEN
            if problems:
                raise InvalidInput(problems)
            now = self._clock.now()
            user = await uow.users.add(_new_user(email, password_hash, role, profile, now))
            assert user.id is not None
            entry = _audit(actor, "user.created", user.id, self._clock, role=role.value)
            await uow.audit.record(entry)
            await uow.commit()
        log.info("user.created", extra={"user_id": user.id, "role": role.value})
        return user

    async def _password_matches(self, user: User | None, password: str) -> bool:
        """Unknown and inactive accounts cost one hash too, so timing tells nothing about them."""
        if user is None or not user.is_active:
            if self._decoy_hash is None:
                self._decoy_hash = await self._hasher.hash("decoy password for unknown accounts")
            await self._hasher.verify(self._decoy_hash, password)
            return False
        return await self._hasher.verify(user.password_hash, password)

    def _problems(self, email: str, password: str, profile: ProfileFields, *, youth: bool) -> dict[str, str]:
        problems: dict[str, str] = {}
        if (problem := email_problem(email)) is not None:
            problems["email"] = problem
        if (problem := password_problem(password)) is not None:
            problems["password"] = problem
        problems.update(profile_problems(profile, youth=youth, today=self._clock.now().date()))
        return problems


def _new_user(email: str, password_hash: str, role: Role, profile: ProfileFields, now: datetime) -> User:
    return User(email=email, password_hash=password_hash, role=role, created_at=now, **vars(profile))


def _audit(actor: Actor | None, action: str, user_id: int, clock: Clock, **details: str) -> AuditEntry:
    return AuditEntry(
        at=clock.now(),
        actor_id=actor.user_id if actor else None,
        action=action,
        target_type="user",
        target_id=str(user_id),
        details=dict(details),
    )


@asynccontextmanager
async def _email_taken_is_invalid(message: str) -> AsyncIterator[None]:
    """Two registrations of one email at the same moment: the database keeps one, the other is told."""
    try:
        yield
    except Conflict:
        raise InvalidInput({"email": message}) from None
