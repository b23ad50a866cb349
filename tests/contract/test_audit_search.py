"""Searching the audit log behaves the same on the fake, SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

from mb.domain.model.audit import AuditEntry
from mb.domain.model.audit_query import AuditQuery
from mb.domain.model.roles import Role
from mb.domain.model.user import User
from tests.contract.conftest import UowFactory

START = datetime(2026, 11, 1, tzinfo=UTC)


async def filled(uow_factory: UowFactory) -> int:
    async with uow_factory() as uow:
        admin = await uow.users.add(
            User(
                email="asha@example.org",
                password_hash="x",
                role=Role.ADMIN,
                full_name="Asha Admin",
                created_at=START,
            )
        )
        assert admin.id is not None
        for day, action, actor in [
            (0, "flag.set", admin.id),
            (1, "flag.reset", admin.id),
            (2, "user.role_changed", admin.id),
            (3, "points.recomputed", None),
            (4, "flag.set", admin.id),
        ]:
            entry = AuditEntry(
                START + timedelta(days=day), actor, action, "flag", f"t{day}", {"day": day, "note": "à"}
            )
            await uow.audit.record(entry)
        await uow.commit()
        return admin.id


async def test_every_entry_newest_first_with_who_acted(uow_factory: UowFactory) -> None:
    admin = await filled(uow_factory)
    async with uow_factory() as uow:
        listings = await uow.audit.search(AuditQuery(), 0, 10)
        assert await uow.audit.count(AuditQuery()) == 5
        assert await uow.audit.actions() == [
            "flag.reset",
            "flag.set",
            "points.recomputed",
            "user.role_changed",
        ]
    assert [listing.entry.target_id for listing in listings] == ["t4", "t3", "t2", "t1", "t0"]
    assert listings[1].actor is None
    person = listings[0].actor
    assert person is not None and (person.id, person.email, person.full_name) == (
        admin,
        "asha@example.org",
        "Asha Admin",
    )
    assert listings[0].entry.details == {"day": 4, "note": "à"}


async def test_filters_by_action_family_actor_and_period(uow_factory: UowFactory) -> None:
    admin = await filled(uow_factory)
    cases = {
        AuditQuery(action="flag.set"): ["t4", "t0"],
        AuditQuery(action="flag."): ["t4", "t1", "t0"],
        AuditQuery(action="flag"): [],
        AuditQuery(action="%."): [],
        AuditQuery(actor_id=admin): ["t4", "t2", "t1", "t0"],
        AuditQuery(since=START + timedelta(days=1), until=START + timedelta(days=3)): ["t2", "t1"],
        AuditQuery(target_type="user"): [],
    }
    async with uow_factory() as uow:
        for query, expected in cases.items():
            assert [entry.entry.target_id for entry in await uow.audit.search(query, 0, 10)] == expected, (
                query
            )
            assert await uow.audit.count(query) == len(expected)


async def test_pages_do_not_overlap(uow_factory: UowFactory) -> None:
    await filled(uow_factory)
    async with uow_factory() as uow:
        first = await uow.audit.search(AuditQuery(), 0, 2)
        second = await uow.audit.search(AuditQuery(), 2, 2)
        third = await uow.audit.search(AuditQuery(), 4, 2)
    ids = [listing.entry.id for listing in (*first, *second, *third)]
    assert len(ids) == len(set(ids)) == 5
