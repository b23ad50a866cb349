from collections.abc import Callable

import pytest

from mb.bootstrap import Services
from mb.config import Settings
from mb.domain.model.profile import ProfileFields
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.domain.services.accounts import Registration
from tests.fakes import FakeBlobStore, FakeClock, Store, fake_services, make_settings
from tests.fakes_cache import FakeCache
from tests.fakes_features import FakeFeatureSource

PASSWORD = "Learning2026!"


@pytest.fixture
def store() -> Store:
    return Store()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def blobs() -> FakeBlobStore:
    return FakeBlobStore()


@pytest.fixture
def feature_source() -> FakeFeatureSource:
    """Where the fake services' feature sync reads from: tests put rows in it."""
    return FakeFeatureSource()


@pytest.fixture
def cache(clock: FakeClock) -> FakeCache:
    """The fake services' cache, on the test's clock: tests read what it was asked. (It stands in
    for pytest's own `cache` fixture, which no test here uses.)"""
    return FakeCache(clock.now)


@pytest.fixture
def settings() -> Settings:
    """The fake services' settings; a test module overrides this fixture to change some."""
    return make_settings()


@pytest.fixture
def services(
    settings: Settings,
    store: Store,
    clock: FakeClock,
    blobs: FakeBlobStore,
    feature_source: FakeFeatureSource,
    cache: FakeCache,
) -> Services:
    return fake_services(store, clock, blobs, settings=settings, features=feature_source, cache=cache)


def registration(email: str = "priya@example.org", **profile: object) -> Registration:
    fields: dict[str, object] = {
        "full_name": "Priya Sharma",
        "institution": "Government ITI Pune",
        "education_level": "iti_diploma",
        "region": "MH",
    }
    fields.update(profile)
    return Registration(email=email, password=PASSWORD, profile=ProfileFields(**fields))  # type: ignore[arg-type]


@pytest.fixture
def register(services: Services) -> Callable[..., object]:
    async def register_youth(email: str = "priya@example.org", **profile: object) -> User:
        return await services.accounts.register_youth(registration(email, **profile))

    return register_youth


@pytest.fixture
async def admin(services: Services) -> Actor:
    user = await services.accounts.ensure_first_admin("admin@example.org", PASSWORD, "Asha Admin")
    assert user is not None
    return Actor.of(user)


@pytest.fixture
async def mentor(services: Services, admin: Actor) -> Actor:
    user = await services.accounts.create_staff(
        admin, "mentor@example.org", PASSWORD, Role.MENTOR, "Ravi Mentor"
    )
    return Actor.of(user)
