"""The system page: admins switch feature flags for everyone and recompute points."""

from collections.abc import Callable
from typing import Any

from nicegui.testing import User

from mb import __version__
from mb.bootstrap import Services
from mb.domain.model.engagement import PointReason
from mb.domain.model.flags import Flag
from mb.domain.model.user import Actor
from mb.domain.model.youth_filter import YouthFilter
from tests.fakes import FakeBlobStore, FakeClock, Store
from tests.ui.screen import assert_not_offered, open_as, sign_in
from tests.ui.test_admin_modules_page import add_module

Register = Callable[..., Any]


async def test_an_admin_switches_a_flag_after_confirming_and_it_is_audited(
    user: User, services: Services, admin: Actor, store: Store
) -> None:
    await sign_in(user, "admin@example.org")
    await user.should_see(marker="nav-/admin/system")
    user.find(marker="nav-/admin/system").click()
    await user.should_see(marker="flags")
    await user.should_see("Gamification")
    user.find(marker="flag-switch-gamification").click()
    await user.should_see("Switch Gamification off for everyone now?")
    user.find(marker="confirm-no").click()
    await user.should_not_see(marker="confirm-no")
    assert await services.flags.is_enabled(Flag.GAMIFICATION)

    user.find(marker="flag-switch-gamification").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("Gamification is now off.")
    assert not await services.flags.is_enabled(Flag.GAMIFICATION)
    assert store.audit[-1].action == "flag.set" and store.audit[-1].details == {"from": True, "to": False}
    await user.should_see("Set by an admin; the default is on.")

    user.find(marker="flag-reset-gamification").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("Gamification follows its default again.")
    assert await services.flags.is_enabled(Flag.GAMIFICATION)
    assert store.audit[-1].action == "flag.reset"


async def test_turning_gamification_back_on_points_to_the_recompute(
    user: User, services: Services, admin: Actor
) -> None:
    await services.flags.set(admin, Flag.GAMIFICATION, False)
    await open_as(user, "admin@example.org", "/admin/system")
    user.find(marker="flag-switch-gamification").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("Points were not counted while it was off: recompute them below.")


async def test_recomputing_counts_what_youth_did_while_gamification_was_off(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    youth = Actor.of(await register("priya@example.org"))
    module = await add_module(services, admin, "IT-101", "Workplace computer basics", points=40)
    assert module.id is not None
    await services.learning.assign(admin, module.id, YouthFilter(user_ids=(youth.user_id,)))
    await services.flags.set(admin, Flag.GAMIFICATION, False)
    await services.learning.record_progress(youth, module.id, 100)
    await services.flags.set(admin, Flag.GAMIFICATION, True)
    assert store.engagement.ledger == []

    await open_as(user, "admin@example.org", "/admin/system")
    user.find(marker="recompute-now").click()
    await user.should_see(marker="confirm-yes")
    user.find(marker="confirm-yes").click()
    await user.should_see("Points recomputed.")
    await user.should_see("youth earned 65 points and 3 badges")
    assert any(e.reason is PointReason.MODULE_COMPLETED for e in store.engagement.ledger)


async def test_the_system_page_is_for_admins_only(user: User, mentor: Actor) -> None:
    await assert_not_offered(user, "mentor@example.org", "/admin/system")
    await user.should_not_see(marker="flags")


async def test_the_overview_shows_version_live_health_and_the_database(
    user: User, admin: Actor, blobs: FakeBlobStore
) -> None:
    await open_as(user, "admin@example.org", "/admin/system")
    await user.should_see(marker="overview")
    await user.should_see(f"MB Compass {__version__}")
    await user.should_see("Healthy")
    await user.should_see("Database: in memory, 4 KB")
    await user.should_see("Schema revision 0004, up to date.")
    await user.should_see("Mail waiting to go: 0")

    blobs.down = True
    user.find(marker="check-again").click()
    await user.should_see("Degraded")
    await user.should_see("storage is down")


async def test_the_overview_says_when_the_database_is_out(user: User, admin: Actor, store: Store) -> None:
    await open_as(user, "admin@example.org", "/admin/system")
    await user.should_see("Healthy")
    store.down = True
    user.find(marker="check-again").click()
    await user.should_see("Unhealthy")
    await user.should_see("The database cannot be reached: in-memory store is down")


async def test_the_audit_log_filters_pages_and_exports(
    user: User, services: Services, admin: Actor, clock: FakeClock
) -> None:
    for _ in range(55):
        await services.flags.set(admin, Flag.AI_RECOMMENDATIONS, True)
        clock.advance(minutes=1)
    await services.flags.reset(admin, Flag.AI_RECOMMENDATIONS)
    await open_as(user, "admin@example.org", "/admin/system")
    await user.should_see(marker="audit-entries")
    await user.should_see("1–50 of 57")  # 55 sets, a reset, and the first admin's creation
    user.find(marker="audit-next").click()
    await user.should_see("51–57 of 57")

    user.find(marker="audit-action").click()
    user.find("flag.reset").click()
    user.find(marker="audit-apply").click()
    await user.should_see("1–1 of 1")

    user.find(marker="audit-from").type("28-11-2026")
    user.find(marker="audit-apply").click()
    await user.should_see("Enter the date as YYYY-MM-DD, for example 2004-08-15.")

    user.find(marker="audit-export").click()
    data = (await user.download.next()).content
    assert b"flag.reset" in data and b"flag.set" not in data


async def test_an_admin_backs_up_now_and_sees_it_listed_with_a_download(
    user: User, services: Services, admin: Actor, store: Store
) -> None:
    await open_as(user, "admin@example.org", "/admin/system")
    await user.should_see(marker="no-backups")
    user.find(marker="back-up-now").click()
    await user.should_see("Backup taken.")
    await user.should_see(marker="last-backup")
    await user.should_see("rows, integrity ok.")
    (copy,) = await services.backups.copies(admin)
    user.find(marker=f"download-{copy.name}").click()
    await user.download.next()
    assert [e.action for e in store.audit[-2:]] == ["backup.taken", "backup.downloaded"]


async def test_a_failed_backup_is_explained_and_nothing_is_listed(
    user: User, services: Services, admin: Actor
) -> None:
    services.backups._backups.failing = "No space left on device"  # type: ignore[attr-defined]
    await open_as(user, "admin@example.org", "/admin/system")
    user.find(marker="back-up-now").click()
    await user.should_see("The backup failed: No space left on device")
    await user.should_see(marker="no-backups")


async def test_on_a_server_database_the_page_says_what_to_use_instead(
    user: User, services: Services, admin: Actor
) -> None:
    services.backups._backups.unsupported = "this database is PostgreSQL: use pg_dump"  # type: ignore[attr-defined]
    await open_as(user, "admin@example.org", "/admin/system")
    await user.should_see(
        "Backups are not taken by MB Compass here: this database is PostgreSQL: use pg_dump"
    )
    await user.should_not_see(marker="back-up-now")
