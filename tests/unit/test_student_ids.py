"""Issuing student IDs: each one distinct and held by no one, however many are drawn at once."""

from collections.abc import Iterator

import pytest

from mb.domain.model.roles import Role
from mb.domain.model.user import User
from mb.domain.rules.student_id import is_student_id
from mb.domain.services import student_ids
from mb.domain.services.student_ids import free_student_id, free_student_ids
from tests.fakes import FakeClock, FakeUnitOfWork, Store


async def holder_of(store: Store, student_id: str) -> None:
    async with FakeUnitOfWork(store) as uow:
        user = User(
            email="holder@example.org",
            password_hash="x",
            role=Role.YOUTH,
            full_name="H",
            created_at=FakeClock().now(),
        )
        user.student_id = student_id
        await uow.users.add(user)
        await uow.commit()


async def test_ids_drawn_at_once_skip_held_ones_and_never_repeat(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    await holder_of(store, "MB-MH-2026-AAAAA")
    first_round = ["MB-MH-2026-AAAAA", "MB-MH-2026-BBBBB", "MB-KA-2026-BBBBB", "MB-MH-2026-BBBBB"]
    draws: Iterator[str] = iter([*first_round, "MB-MH-2026-CCCCC", "MB-MH-2026-DDDDD", "MB-MH-2026-EEEEE"])
    monkeypatch.setattr(student_ids, "new_student_id", lambda region, year: next(draws))

    async with FakeUnitOfWork(store) as uow:
        issued = await free_student_ids(uow.users, ["MH", "MH", "KA", "MH"], 2026)

    # Round one: AAAAA is held and the second BBBBB repeats the first; both are drawn again.
    assert issued == ["MB-MH-2026-CCCCC", "MB-MH-2026-BBBBB", "MB-KA-2026-BBBBB", "MB-MH-2026-DDDDD"]


async def test_a_single_id_is_real_and_free(store: Store) -> None:
    async with FakeUnitOfWork(store) as uow:
        issued = await free_student_id(uow.users, "TN", 2026)
    assert is_student_id(issued) and issued.startswith("MB-TN-2026-")


async def test_giving_up_after_many_collisions_is_loud(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    await holder_of(store, "MB-MH-2026-AAAAA")
    monkeypatch.setattr(student_ids, "new_student_id", lambda region, year: "MB-MH-2026-AAAAA")
    async with FakeUnitOfWork(store) as uow:
        with pytest.raises(RuntimeError):
            await free_student_ids(uow.users, ["MH"], 2026)
