"""Admins look after people's accounts: find them, change roles, deactivate and reactivate,
assign mentors, export the directory and enrol youth from a CSV file. Every change is audited."""

import asyncio
import hashlib
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from mb.domain.errors import InvalidInput, NotFound
from mb.domain.model.activity import ActivityEvent, ActivityKind
from mb.domain.model.audit import AuditEntry
from mb.domain.model.regions import REGIONS
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.domain.model.user_query import MAX_PAGE_SIZE, PersonRef, UserListing, UserPage, UserQuery
from mb.domain.model.youth_import import ImportedYouth, ImportPreview, ImportResult, RowProblem, YouthRow
from mb.domain.ports.clock import Clock
from mb.domain.ports.repositories import UserRepository
from mb.domain.ports.security import PasswordHasher
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.profile import profile_problems
from mb.domain.rules.spreadsheet import csv_bytes
from mb.domain.rules.temporary_password import new_temporary_password
from mb.domain.rules.user_export import EXPORT_HEADER, export_row
from mb.domain.rules.youth_csv import YouthCsv, read_youth_csv, sign_in_sheet
from mb.domain.services.access import require_role
from mb.domain.services.student_ids import free_student_id, free_student_ids

log = logging.getLogger("mb.user_admin")

MAX_SEARCH_CHARS = 100
CHUNK = 500  # rows read at a time when every match is needed (export, mentor lists)
HASH_BATCH = 32
PROGRESS_EVERY = 500
HASHING_SHARE = 0.5  # of an import's time, about; writing the youth takes the rest
ALREADY_REGISTERED = "An account with this email already exists; it was left as it is."
Progress = Callable[[float], None]


class _Share:
    """One stage's part of the import's progress: `start` to `start + size` of the whole."""

    def __init__(self, report: Progress | None, start: float, size: float) -> None:
        self._report, self._start, self._size = report, start, size

    def __call__(self, fraction: float) -> None:
        if self._report is not None:
            self._report(self._start + self._size * fraction)


class UserAdminService:
    """The admin's user directory. `temporary_hasher` guards the random temporary passwords of
    imported youth; it may be cheaper than `hasher`, which re-hashes them at their first sign-in."""

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        hasher: PasswordHasher,
        clock: Clock,
        temporary_hasher: PasswordHasher | None = None,
    ) -> None:
        self._uow = uow
        self._hasher = temporary_hasher or hasher
        self._clock = clock

    async def find_users(
        self, actor: Actor, query: UserQuery, page: int = 1, page_size: int = 25
    ) -> UserPage:
        """One page of the people matching `query`, and how many match in all.

        Mentors may look too, but only ever at the youth of their own caseload.
        """
        require_role(actor, Role.ADMIN, Role.MENTOR)
        if actor.role is Role.MENTOR:
            query = replace(query, role=Role.YOUTH, mentor_id=actor.user_id, without_mentor=False)
        _check(query)
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise InvalidInput({"page_size": f"Show between 1 and {MAX_PAGE_SIZE} people a page."})
        if page < 1:
            raise InvalidInput({"page": "Pages are numbered from 1."})
        async with self._uow() as uow:
            total = await uow.users.count(query)
            listings = await uow.users.search(query, (page - 1) * page_size, page_size)
        return UserPage(list(listings), total, page, page_size)

    async def user(self, actor: Actor, user_id: int) -> UserListing:
        require_role(actor, Role.ADMIN)
        async with self._uow() as uow:
            user = await _existing(uow.users, user_id)
            mentor = await uow.users.get(user.mentor_id) if user.mentor_id is not None else None
        return UserListing(user, _ref(mentor) if mentor else None)

    async def mentors(self, actor: Actor) -> list[PersonRef]:
        """Every mentor, active or not, by name: for filtering and for choosing one."""
        require_role(actor, Role.ADMIN)
        async with self._uow() as uow:
            return [_ref(listing.user) async for listing in _every(uow.users, UserQuery(role=Role.MENTOR))]

    async def change_role(self, actor: Actor, user_id: int, role: Role) -> User:
        """Youth ↔ mentor ↔ admin. A student ID is kept; someone who stops being youth loses
        their mentor, and a mentor who stops mentoring leaves their youth without one."""
        require_role(actor, Role.ADMIN)
        if user_id == actor.user_id:
            raise InvalidInput({"role": "You cannot change your own role; ask another admin."})
        async with self._uow() as uow:
            user = await _existing(uow.users, user_id)
            if user.role is role:
                return user
            details: dict[str, Any] = {"from": user.role.value, "to": role.value}
            if user.role is Role.ADMIN and user.is_active:
                await _keep_an_admin(uow.users, user, "role")
            if role is Role.YOUTH:
                await self._prepare_youth(uow.users, user)
            if user.mentor_id is not None:
                details["mentor_removed"], user.mentor_id = user.mentor_id, None
            if user.role is Role.MENTOR:
                details["youth_left_without_mentor"] = await uow.users.clear_mentor(user_id)
            user.role = role
            await uow.users.update(user)
            await uow.audit.record(self._audit(actor, "user.role_changed", user_id, details))
            await uow.commit()
        log.info("user.role_changed", extra={"user_id": user_id, "role": role.value, "by": actor.user_id})
        return user

    async def set_active(self, actor: Actor, user_id: int, active: bool) -> User:
        """Deactivated people cannot sign in; nothing of theirs is deleted, so it can be undone."""
        require_role(actor, Role.ADMIN)
        if user_id == actor.user_id and not active:
            raise InvalidInput({"account": "You cannot deactivate your own account; ask another admin."})
        async with self._uow() as uow:
            user = await _existing(uow.users, user_id)
            if user.is_active is active:
                return user
            if user.role is Role.ADMIN and not active:
                await _keep_an_admin(uow.users, user, "account")
            user.is_active = active
            await uow.users.update(user)
            action = "user.reactivated" if active else "user.deactivated"
            await uow.audit.record(self._audit(actor, action, user_id, {}))
            await uow.commit()
        log.info(action, extra={"user_id": user_id, "by": actor.user_id})
        return user

    async def assign_mentor(self, actor: Actor, youth_id: int, mentor_id: int | None) -> User:
        """Give a youth an active mentor, or none (`mentor_id` None)."""
        require_role(actor, Role.ADMIN)
        async with self._uow() as uow:
            youth = await _existing(uow.users, youth_id)
            if youth.role is not Role.YOUTH:
                raise InvalidInput({"mentor": f"Only youth have a mentor; {youth.full_name} is not youth."})
            if youth.mentor_id == mentor_id:
                return youth
            if mentor_id is not None:
                mentor = await uow.users.get(mentor_id)
                if mentor is None or mentor.role is not Role.MENTOR or not mentor.is_active:
                    raise InvalidInput({"mentor": "Choose an active mentor from the list."})
            details = {"from": youth.mentor_id, "to": mentor_id}
            youth.mentor_id = mentor_id
            await uow.users.update(youth)
            await uow.audit.record(self._audit(actor, "user.mentor_assigned", youth_id, details))
            await uow.commit()
        log.info("user.mentor_assigned", extra={"user_id": youth_id, "mentor_id": mentor_id})
        return youth

    async def export_csv(self, actor: Actor, query: UserQuery) -> bytes:
        """Everyone matching `query`, in its order, as a CSV file for a spreadsheet."""
        require_role(actor, Role.ADMIN)
        _check(query)
        async with self._uow() as uow:
            rows = [export_row(listing) async for listing in _every(uow.users, query)]
            details = {"rows": len(rows), "query": _described(query)}
            await uow.audit.record(self._audit(actor, "users.exported", None, details))
            await uow.commit()
        log.info("users.exported", extra={"rows": len(rows), "by": actor.user_id})
        return await asyncio.to_thread(csv_bytes, EXPORT_HEADER, rows)

    async def preview_youth_import(self, actor: Actor, data: bytes) -> ImportPreview:
        """What importing `data` would do, line by line; writes nothing."""
        require_role(actor, Role.ADMIN)
        parsed = await _read(data, self._clock.now().date())
        async with self._uow() as uow:
            taken = await uow.users.emails_taken([row.email for row in parsed.valid])
        problems = _sorted([*parsed.problems, *_already_registered(parsed.valid, taken)])
        return ImportPreview(parsed.rows, len(parsed.valid) - len(taken), problems)

    async def import_youth(self, actor: Actor, data: bytes, progress: Progress | None = None) -> ImportResult:
        """Enrol every valid youth in `data` at once, or none; each gets a student ID and a
        temporary password. Lines with problems, and emails that already have an account, are skipped."""
        require_role(actor, Role.ADMIN)
        now = self._clock.now()
        parsed = await _read(data, now.date())
        async with self._uow() as uow:
            taken = await uow.users.emails_taken([row.email for row in parsed.valid])
        candidates = [row for row in parsed.valid if row.email not in taken]
        if not candidates:
            raise InvalidInput({"file": "No youth in this file can be imported; see the problems listed."})
        passwords = [new_temporary_password() for _ in candidates]
        hashes = await self._hash_all(passwords, _Share(progress, 0.0, HASHING_SHARE))
        async with self._uow() as uow:
            taken |= await uow.users.emails_taken([row.email for row in candidates])  # registered meanwhile
            entries = zip(candidates, passwords, hashes, strict=True)
            enrolling = [entry for entry in entries if entry[0].email not in taken]
            imported = await _enrol(uow, enrolling, now, _Share(progress, HASHING_SHARE, 1 - HASHING_SHARE))
            skipped = _sorted([*parsed.problems, *_already_registered(parsed.valid, taken)])
            details = {
                "rows": parsed.rows,
                "imported": len(imported),
                "skipped": len({p.line for p in skipped}),
            }
            await uow.audit.record(
                AuditEntry(now, actor.user_id, "users.imported", "import", _fingerprint(data), details)
            )
            await uow.commit()
        log.info("users.imported", extra={**details, "by": actor.user_id})
        return ImportResult(parsed.rows, imported, skipped, sign_in_sheet(imported))

    async def _prepare_youth(self, users: UserRepository, user: User) -> None:
        problems = profile_problems(user, youth=True, today=self._clock.now().date())
        if problems:
            raise InvalidInput(
                {
                    "role": f"{user.full_name} cannot become youth until their profile is complete. "
                    + " ".join(problems.values())
                }
            )
        if user.student_id is None:
            user.student_id = await free_student_id(users, user.region, self._clock.now().year)

    async def _hash_all(self, passwords: Sequence[str], progress: _Share) -> list[str]:
        hashes: list[str] = []
        for start in range(0, len(passwords), HASH_BATCH):
            batch = passwords[start : start + HASH_BATCH]
            hashes.extend(await asyncio.gather(*(self._hasher.hash(p) for p in batch)))
            progress(len(hashes) / len(passwords))
        return hashes

    def _audit(self, actor: Actor, action: str, user_id: int | None, details: dict[str, Any]) -> AuditEntry:
        target = ("user", str(user_id)) if user_id is not None else ("users", "directory")
        return AuditEntry(self._clock.now(), actor.user_id, action, *target, details)


def _check(query: UserQuery) -> None:
    if len(query.search) > MAX_SEARCH_CHARS:
        raise InvalidInput({"search": f"Search for at most {MAX_SEARCH_CHARS} characters."})
    if query.region and query.region not in REGIONS:
        raise InvalidInput({"region": "Choose a region from the list."})
    if query.mentor_id is not None and query.without_mentor:
        raise InvalidInput({"mentor": "Choose one mentor or “no mentor”, not both."})


async def _existing(users: UserRepository, user_id: int) -> User:
    user = await users.get(user_id)
    if user is None:
        raise NotFound("That account no longer exists.")
    return user


async def _keep_an_admin(users: UserRepository, admin: User, field: str) -> None:
    """The programme always keeps at least one active admin."""
    if await users.count(UserQuery(role=Role.ADMIN, active=True)) <= 1:
        raise InvalidInput(
            {field: f"{admin.full_name} is the last active admin; make someone else an admin first."}
        )


async def _every(users: UserRepository, query: UserQuery) -> AsyncIterator[UserListing]:
    offset = 0
    while chunk := await users.search(query, offset, CHUNK):
        for listing in chunk:
            yield listing
        offset += len(chunk)


async def _enrol(
    uow: UnitOfWork, entries: list[tuple[YouthRow, str, str]], now: datetime, progress: _Share
) -> list[ImportedYouth]:
    """Add the youth of `entries` (row, password, its hash), each with a student ID, in bulk."""
    users = [
        User(
            email=row.email, password_hash=password_hash, role=Role.YOUTH, created_at=now, **vars(row.profile)
        )
        for row, _, password_hash in entries
    ]
    student_ids = await free_student_ids(uow.users, [user.region for user in users], now.year)
    for user, student_id in zip(users, student_ids, strict=True):
        user.student_id = student_id
    await uow.users.add_many(users)
    for start in range(0, len(users), PROGRESS_EVERY):
        batch = users[start : start + PROGRESS_EVERY]
        events = [
            ActivityEvent(u.id, ActivityKind.REGISTERED, now, {"source": "import"}) for u in batch if u.id
        ]
        await uow.activity.append_many(events)
        progress((start + len(batch)) / len(users))
    return [
        ImportedYouth(row.line, user.email, user.full_name, student_id, password)
        for (row, password, _), user, student_id in zip(entries, users, student_ids, strict=True)
    ]


async def _read(data: bytes, today: date) -> YouthCsv:
    """Reading 20,000 lines takes a moment: off the event loop, so other people's pages stay quick."""
    return await asyncio.to_thread(read_youth_csv, data, today)


def _already_registered(rows: Sequence[YouthRow], taken: set[str]) -> list[RowProblem]:
    return [RowProblem(row.line, "email", ALREADY_REGISTERED) for row in rows if row.email in taken]


def _sorted(problems: list[RowProblem]) -> list[RowProblem]:
    return sorted(problems, key=lambda problem: problem.line)


def _ref(user: User) -> PersonRef:
    assert user.id is not None
    return PersonRef(user.id, user.full_name, user.email, user.is_active)


def _described(query: UserQuery) -> dict[str, Any]:
    return {
        "search": query.search,
        "role": query.role.value if query.role else None,
        "region": query.region,
        "mentor_id": query.mentor_id,
        "without_mentor": query.without_mentor,
        "active": query.active,
    }


def _fingerprint(data: bytes) -> str:
    """Which file was imported, without keeping its contents."""
    return hashlib.sha256(data).hexdigest()
