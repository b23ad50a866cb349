"""Daily features on the system page: source, newest day, last sync and its rows, a sync on request
with progress, one sync at a time, and a stale warning with its reason when the source is down."""

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import date, timedelta
from typing import Any

import pytest
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.daily_features import DailyFeatures, DayRange, FeatureWatermark
from mb.domain.model.user import Actor
from tests.fakes import FakeClock, Store
from tests.fakes_features import COMPUTED_AT, FakeFeatureSource, features
from tests.ui.screen import open_as, texts

Register = Callable[..., Any]
TODAY = date(2026, 11, 28)
BATCH_ROWS = 2
DOWN = "The feature source cannot be reached (the test switched it off)."


class HeldSource(FakeFeatureSource):
    """Serves two rows a batch; while `held`, waits for `go` after the first batch: a sync caught
    half-way, as a slow lakehouse would leave it."""

    def __init__(self) -> None:
        super().__init__()
        self.held = False
        self.waiting = asyncio.Event()  # set once a held sync has stopped half-way
        self.go = asyncio.Event()

    async def batches(
        self, after: FeatureWatermark | None, days: DayRange | None, batch_rows: int
    ) -> AsyncIterator[Sequence[DailyFeatures]]:
        number = 0
        async for batch in super().batches(after, days, BATCH_ROWS):
            if number == 1 and self.held:
                self.waiting.set()
                await self.go.wait()
            number += 1
            yield batch


@pytest.fixture
def feature_source() -> HeldSource:
    return HeldSource()


async def youth_features(register: Register, store: Store, count: int) -> list[DailyFeatures]:
    rows = []
    for number in range(count):
        youth = await register(f"youth{number}@example.org", full_name=f"Youth {number}")
        rows += [features(youth.id, TODAY), features(youth.id, TODAY - timedelta(days=1))]
    return rows


async def test_an_admin_syncs_now_and_sees_the_newest_day_and_the_rows(
    user: User,
    admin: Actor,
    register: Register,
    store: Store,
    feature_source: FakeFeatureSource,
    clock: FakeClock,
) -> None:
    feature_source.rows += await youth_features(register, store, 3)
    feature_source.name = "local"  # as the features are computed on one machine
    await open_as(user, "admin@example.org", "/admin/system")
    with user.scope(marker="features"):
        await user.should_see("Synced nightly at 01:30 and every 60 minutes.")
    assert texts(user, "features-source") == ["Computed here from MB Compass's own tables"]
    assert texts(user, "features-synced") == ["never"]
    assert texts(user, "features-newest") == ["none yet"]
    user.find(marker="sync-now").click()
    await user.should_see("6 rows synced.")
    assert texts(user, "features-newest") == ["28 November 2026"]
    assert texts(user, "features-synced") == ["28 November 2026, 15:00"]  # the fake clock, in Asia/Kolkata
    assert texts(user, "features-rows") == ["6"]
    assert store.audit[-1].action == "features.synced" and store.audit[-1].actor_id == admin.user_id


async def test_a_sync_shows_its_progress_and_a_second_one_is_refused_while_it_runs(
    user: User, services: Services, admin: Actor, register: Register, store: Store, feature_source: HeldSource
) -> None:
    feature_source.rows += await youth_features(register, store, 3)
    feature_source.held = True
    await open_as(user, "admin@example.org", "/admin/system")
    user.find(marker="sync-now").click()
    await user.should_see("2 rows brought in so far…")
    button = user.find(marker="sync-now").elements.pop()
    assert not button.enabled  # pressing it again does nothing while it runs
    feature_source.go.set()
    await user.should_see("6 rows synced.")
    assert button.enabled

    # A sync started elsewhere (the schedule) is running: the button says so and starts nothing.
    feature_source.go.clear()
    feature_source.waiting.clear()
    later = COMPUTED_AT + timedelta(hours=1)
    feature_source.rows += [
        features(row.user_id, TODAY + timedelta(days=1), feature_timestamp=later)
        for row in feature_source.rows
        if row.feature_date == TODAY
    ]
    scheduled = asyncio.create_task(services.feature_sync.sync(None))
    await feature_source.waiting.wait()
    assert services.feature_sync.running
    user.find(marker="sync-now").click()
    await user.should_see("A feature sync is running already; wait for it to finish.")
    assert len(feature_source.reads) == 2
    feature_source.go.set()
    assert (await scheduled).rows == 3


async def test_a_failed_sync_is_explained_and_the_page_warns_the_figures_are_stale(
    user: User,
    services: Services,
    admin: Actor,
    register: Register,
    store: Store,
    feature_source: FakeFeatureSource,
) -> None:
    feature_source.rows += await youth_features(register, store, 2)
    await services.feature_sync.sync(None)
    feature_source.down = True
    await open_as(user, "admin@example.org", "/admin/system")
    await user.should_not_see(marker="insights-stale")
    user.find(marker="sync-now").click()
    await user.should_see(f"The sync failed: {DOWN}")
    with user.scope(marker="insights-stale"):
        await user.should_see(
            f"Stale since 28 November 2026, 15:00 — {DOWN} Showing the last synced figures."
        )
    assert texts(user, "features-newest") == ["28 November 2026"]  # what was synced before stays

    feature_source.down = False
    await user.open("/admin/system")
    await user.should_see(marker="insights-stale")  # still stale until a sync finishes
    user.find(marker="sync-now").click()
    await user.should_see("0 rows synced.")
    await user.should_not_see(marker="insights-stale")
    await user.should_not_see(marker="sync-failed")
