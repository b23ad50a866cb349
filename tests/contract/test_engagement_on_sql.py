"""Points, badges and streak through the real services on SQLite and PostgreSQL: what a youth earns
as they learn is what a recompute from their activity gives again."""

from pathlib import Path

from mb.bootstrap import Services, build_services
from mb.domain.model.engagement import Period, PointReason
from mb.domain.model.user import Actor
from mb.domain.model.youth_filter import YouthFilter
from tests.conftest import PASSWORD, registration
from tests.contract.conftest import UowFactory
from tests.fakes import make_settings
from tests.unit.test_catalogue import a_module, module_id


def services_on(url: str | None, data: Path) -> Services:
    """The production wiring, on the test's database."""
    assert url is not None
    return build_services(make_settings(database_url=url, mb_data_dir=data))


async def ledger(uow_factory: UowFactory, youth: Actor) -> list[tuple[PointReason, int, str]]:
    async with uow_factory() as uow:
        entries = await uow.points.history(youth.user_id, 0, 100)
    return sorted((e.reason, e.amount, e.key) for e in entries)


async def test_progress_to_completion_earns_points_that_a_recompute_gives_again(
    sql_backend_url: str | None, sql_uow_factory: UowFactory, tmp_path: Path
) -> None:
    services = services_on(sql_backend_url, tmp_path)
    try:
        await progress_to_completion_and_recompute(services, sql_uow_factory)
    finally:
        await services.aclose()


async def progress_to_completion_and_recompute(services: Services, sql_uow_factory: UowFactory) -> None:
    staff = await services.accounts.ensure_first_admin("admin@example.org", PASSWORD, "Asha Admin")
    assert staff is not None
    admin = Actor.of(staff)
    priya = Actor.of(await services.accounts.register_youth(registration("priya@example.org")))
    module = await a_module(services, admin, "IT-101", points=40)
    await services.learning.assign(admin, module_id(module), YouthFilter(user_ids=(priya.user_id,)))

    await services.learning.record_progress(priya, module_id(module), 60)
    await services.learning.record_progress(priya, module_id(module), 100)

    m = module_id(module)
    earned = [
        (PointReason.MILESTONE, 5, f"milestone:{m}:100"),
        (PointReason.MILESTONE, 5, f"milestone:{m}:25"),
        (PointReason.MILESTONE, 5, f"milestone:{m}:50"),
        (PointReason.MILESTONE, 5, f"milestone:{m}:75"),
        (PointReason.MODULE_COMPLETED, 40, f"completed:{m}"),
        (PointReason.MODULE_STARTED, 5, f"started:{m}"),
    ]
    assert await ledger(sql_uow_factory, priya) == sorted(earned)
    achievements = await services.engagement.achievements(priya, priya.user_id)
    assert achievements.points == 65
    assert achievements.streak_current == 1
    earned_badges = {b.rule.code for b in achievements.badges if b.earned_at is not None}
    assert earned_badges == {"first_start", "first_completion", "all_assigned_completed"}

    report = await services.awarding.recompute()

    assert (report.youth, report.entries, report.points, report.badges) == (1, 6, 65, 3)
    assert await ledger(sql_uow_factory, priya) == sorted(earned)
    again = await services.engagement.achievements(priya, priya.user_id)
    assert (again.points, again.streak_current, again.streak_best) == (65, 1, 1)
    assert {b.rule.code for b in again.badges if b.earned_at is not None} == earned_badges
    for period in Period:
        board = await services.engagement.leaderboard(priya, period)
        assert board.you is not None, period
        assert (board.you.rank, board.you.points, board.ranked) == (1, 65, 1)
