"""Account use cases that only a real database can decide: races on one email."""

import asyncio

from mb.domain.errors import InvalidInput
from mb.domain.services.accounts import AccountService
from tests.conftest import registration
from tests.contract.conftest import UowFactory
from tests.fakes import FakeClock, FakePasswordHasher


async def test_the_same_email_registered_twice_at_once_keeps_one_account(sql_uow_factory: UowFactory) -> None:
    accounts = AccountService(sql_uow_factory, FakePasswordHasher(), FakeClock())
    results = await asyncio.gather(
        *(accounts.register_youth(registration("twin@example.org")) for _ in range(4)), return_exceptions=True
    )
    created = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(created) == 1
    assert all(isinstance(r, InvalidInput) and "already exists" in r.fields["email"] for r in refused)
    async with sql_uow_factory() as uow:
        assert (await uow.users.get_by_email("twin@example.org")) is not None
