"""The at-risk board in memory, on SQLite and on PostgreSQL: who is on it, in which order, with
what, page by page, and how many in each level.

One small programme serves every test: six youth on the board, and people and rows that must
stay off it. Each youth's numbers are chosen so every sort has ties to break.
"""

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy.dialects import sqlite

from mb.adapters.db.engine import create_engine
from mb.adapters.db.migrate import upgrade
from mb.adapters.db.repositories import risk_board
from mb.domain.model.insights import BoardPage, BoardQuery, BoardRow, BoardSort, LastContact
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.risk import RiskLevel, RiskReason, RiskReasonCode
from mb.domain.model.roles import Role
from mb.domain.model.user import User
from tests.contract.insight_builders import (
    DAY,
    T0,
    UowFactory,
    an_intervention,
    assessed,
    days_before,
    intervene,
    store,
)
from tests.contract.test_engagement_repositories import a_user, people

WEEK_BEFORE = days_before(DAY, 7)
HIGH, MEDIUM, LOW = RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW
PRIYA_REASONS = (RiskReason(RiskReasonCode.INACTIVE_LONG, 4), RiskReason(RiskReasonCode.NOTHING_STARTED, 4))


@dataclass(frozen=True)
class Programme:
    meera: int
    arjun: int
    priya: int
    rahul: int
    kiran: int
    vikram: int
    anita: int
    asha: int


async def a_programme(uow_factory: UowFactory) -> Programme:
    meera, arjun = await people(
        uow_factory,
        a_user("meera@example.org", Role.MENTOR, full_name="Meera Iyer"),
        a_user("arjun@example.org", Role.MENTOR, full_name="Arjun Nair"),
    )

    def youth(name: str, region: str, code: str, mentor: int | None) -> User:
        email = f"{name.split(maxsplit=1)[0].lower()}@example.org"
        return a_user(
            email, full_name=name, region=region, student_id=f"MB-{region}-2026-{code}", mentor_id=mentor
        )

    priya, rahul, kiran, vikram, anita, asha, gone, staff_row = await people(
        uow_factory,
        youth("Priya Sharma", "MH", "PR7QA", meera),
        youth("Rahul Verma", "KA", "RH3KB", meera),
        youth("Kiran Rao", "MH", "KR4MC", arjun),
        youth("Vikram Singh", "DL", "VK8ND", arjun),
        youth("अनीता देवी", "MH", "AN2PE", arjun),
        youth("Asha 100%_Rao", "KA", "AS9RF", None),
        a_user("zoya@example.org", full_name="Zoya Khan", region="MH", mentor_id=meera, is_active=False),
        a_user("admin@example.org", Role.ADMIN, full_name="Admin Priya"),
    )
    await store(
        uow_factory,
        assessed(priya, score=8, reasons=PRIYA_REASONS, days_inactive=20, avg_completion=12.5),
        assessed(priya, WEEK_BEFORE, score=6),
        assessed(rahul, score=9, days_inactive=30),
        assessed(rahul, WEEK_BEFORE, score=10),
        assessed(kiran, score=7, days_inactive=15),
        assessed(vikram, score=8, days_inactive=15),
        assessed(vikram, WEEK_BEFORE, score=8),
        assessed(anita, score=5, days_inactive=4),
        assessed(anita, days_before(DAY, 6), score=1),  # not a week before: no trend
        assessed(asha, score=2, days_inactive=0),
        assessed(asha, WEEK_BEFORE, score=0),
        assessed(gone, score=10, days_inactive=40),  # deactivated
        assessed(staff_row, score=10),  # not a youth
        assessed(9999, score=10),  # nobody's account
        assessed(kiran, days_before(DAY, 1), score=10),  # another day
    )
    await intervene(
        uow_factory,
        (
            an_intervention(arjun, vikram, T0 - timedelta(days=10), InterventionKind.MEETING),
            days_before(DAY, 10),
        ),
        (
            an_intervention(meera, rahul, T0 - timedelta(days=3), InterventionKind.MESSAGE),
            days_before(DAY, 3),
        ),
        (an_intervention(arjun, anita, T0 - timedelta(days=20), InterventionKind.CALL), days_before(DAY, 20)),
        (
            an_intervention(arjun, anita, T0 - timedelta(days=2), InterventionKind.MEETING),
            days_before(DAY, 2),
        ),
        (
            an_intervention(meera, anita, T0 - timedelta(days=2), InterventionKind.MODULE_ASSIGNED),
            days_before(DAY, 2),
        ),
    )
    return Programme(meera, arjun, priya, rahul, kiran, vikram, anita, asha)


async def board(uow_factory: UowFactory, day: date = DAY, **query: object) -> BoardPage:
    async with uow_factory() as uow:
        return await uow.insights.risk_board(day, BoardQuery(**query))  # type: ignore[arg-type]


def ids(page: BoardPage) -> list[int]:
    return [row.user_id for row in page.rows]


async def test_every_sort_orders_the_whole_board_and_breaks_its_ties(uow_factory: UowFactory) -> None:
    p = await a_programme(uow_factory)
    orders = {}
    for sort in BoardSort:
        orders[sort] = ids(await board(uow_factory, sort=sort))

    # Highest score; on a tie, never contacted, then longest since contact.
    assert orders[BoardSort.RISK] == [p.rahul, p.priya, p.vikram, p.kiran, p.anita, p.asha]
    # HIGH, MEDIUM, LOW; within a level never contacted first, then longest since; then score.
    assert orders[BoardSort.NEEDS_ME] == [p.priya, p.kiran, p.vikram, p.rahul, p.anita, p.asha]
    # Biggest rise (Priya and Asha both +2: higher score first); unknown trends last, by score.
    assert orders[BoardSort.RISING] == [p.priya, p.asha, p.vikram, p.rahul, p.kiran, p.anita]
    # Most days inactive; Kiran and Vikram tie at 15 and go by id.
    assert orders[BoardSort.INACTIVE] == [p.rahul, p.priya, p.kiran, p.vikram, p.anita, p.asha]
    assert orders[BoardSort.NAME] == [p.asha, p.kiran, p.priya, p.rahul, p.vikram, p.anita]


async def test_a_row_carries_the_youth_their_mentor_trend_reasons_and_last_contact(
    uow_factory: UowFactory,
) -> None:
    p = await a_programme(uow_factory)

    page = await board(uow_factory)

    rows = {row.user_id: row for row in page.rows}
    assert page.day == DAY and page.total == 6
    assert rows[p.priya] == BoardRow(
        user_id=p.priya,
        full_name="Priya Sharma",
        student_id="MB-MH-2026-PR7QA",
        region="MH",
        mentor_name="Meera Iyer",
        score=8,
        level=HIGH,
        reasons=PRIYA_REASONS,
        score_7_days_ago=6,
        days_inactive=20,
        avg_completion=12.5,
        last_contact=None,
    )
    assert rows[p.priya].trend == 2 and rows[p.rahul].trend == -1 and rows[p.kiran].trend is None
    assert rows[p.asha].mentor_name == "" and rows[p.asha].reasons == (
        RiskReason(RiskReasonCode.INACTIVE_LONG, 2),
    )
    assert rows[p.vikram].last_contact == LastContact(T0 - timedelta(days=10), InterventionKind.MEETING)
    # Two contacts at the same moment: the one logged last.
    assert rows[p.anita].last_contact == LastContact(T0 - timedelta(days=2), InterventionKind.MODULE_ASSIGNED)
    assert rows[p.anita].score_7_days_ago is None
    assert page.counts == {HIGH: 4, MEDIUM: 1, LOW: 1}


async def test_filters_narrow_the_board_and_the_counts_ignore_only_the_level(uow_factory: UowFactory) -> None:
    p = await a_programme(uow_factory)

    high = await board(uow_factory, level=HIGH)
    in_mh = await board(uow_factory, region="MH")
    arjuns_high = await board(uow_factory, mentor_id=p.arjun, level=HIGH, sort=BoardSort.NAME)
    meeras_low = await board(uow_factory, mentor_id=p.meera, level=LOW)
    karnataka_medium = await board(uow_factory, region="KA", level=MEDIUM)

    assert ids(high) == [p.rahul, p.priya, p.vikram, p.kiran]
    assert (high.total, high.counts) == (4, {HIGH: 4, MEDIUM: 1, LOW: 1})
    assert ids(in_mh) == [p.priya, p.kiran, p.anita]
    assert (in_mh.total, in_mh.counts) == (3, {HIGH: 2, MEDIUM: 1, LOW: 0})
    assert ids(arjuns_high) == [p.kiran, p.vikram]
    assert (arjuns_high.total, arjuns_high.counts) == (2, {HIGH: 2, MEDIUM: 1, LOW: 0})
    assert (ids(meeras_low), meeras_low.total, meeras_low.counts) == ([], 0, {HIGH: 2, MEDIUM: 0, LOW: 0})
    assert (ids(karnataka_medium), karnataka_medium.counts) == ([], {HIGH: 1, MEDIUM: 0, LOW: 1})


async def test_search_finds_part_of_a_name_in_any_case_or_of_a_student_id_and_wildcards_are_plain_text(
    uow_factory: UowFactory,
) -> None:
    p = await a_programme(uow_factory)
    expected = {
        "sharma": [p.priya],
        "  SHARMA ": [p.priya],
        "rao": [p.kiran, p.asha],
        "देवी": [p.anita],
        "अनीता दे": [p.anita],
        "mb-ka-2026": [p.rahul, p.asha],
        "vk8n": [p.vikram],
        "%": [p.asha],
        "_": [p.asha],
        "0%_r": [p.asha],
        "a%a": [],
        "zoya": [],
        "": [p.rahul, p.priya, p.vikram, p.kiran, p.anita, p.asha],
    }

    found = {term: await board(uow_factory, search=term) for term in expected}

    assert {term: ids(page) for term, page in found.items()} == expected
    assert found["rao"].counts == {HIGH: 1, MEDIUM: 0, LOW: 1}
    assert ids(await board(uow_factory, search="rao", mentor_id=p.meera)) == []


async def test_pages_follow_the_order_and_a_page_past_the_end_is_empty(uow_factory: UowFactory) -> None:
    p = await a_programme(uow_factory)

    pages = [await board(uow_factory, offset=offset, limit=4) for offset in (0, 4, 8)]
    single = await board(uow_factory, sort=BoardSort.NAME, offset=2, limit=1)
    another_day = await board(uow_factory, days_before(DAY, 30))

    assert [ids(page) for page in pages] == [[p.rahul, p.priya, p.vikram, p.kiran], [p.anita, p.asha], []]
    assert {page.total for page in pages} == {6}
    assert all(page.counts == {HIGH: 4, MEDIUM: 1, LOW: 1} for page in pages)
    assert ids(single) == [p.priya]
    assert (another_day.rows, another_day.total, another_day.counts) == ([], 0, {HIGH: 0, MEDIUM: 0, LOW: 0})


async def test_the_board_of_the_newest_day_reads_that_day_and_its_week_before(
    uow_factory: UowFactory,
) -> None:
    async with uow_factory() as uow:
        before_any = await uow.insights.risk_board_latest(BoardQuery())
    p = await a_programme(uow_factory)
    queries = [BoardQuery(), BoardQuery(level=HIGH, region="MH"), BoardQuery(mentor_id=p.meera, offset=8)]
    async with uow_factory() as uow:
        newest = [await uow.insights.risk_board_latest(query) for query in queries]
        on_day = [await uow.insights.risk_board(DAY, query) for query in queries]
    a_week_later = DAY + timedelta(days=7)
    await store(uow_factory, assessed(p.priya, a_week_later, score=3))
    async with uow_factory() as uow:
        later = await uow.insights.risk_board_latest(BoardQuery())

    assert before_any == BoardPage(None, [], 0, {})
    assert newest == on_day and newest[0].day == DAY and ids(newest[0])
    assert (later.day, ids(later), later.counts) == (a_week_later, [p.priya], {HIGH: 0, MEDIUM: 0, LOW: 1})
    assert later.rows[0].score_7_days_ago == 8  # her score on DAY


# How SQLite runs it


# sqlite_stat1 as ANALYZE writes it for a year of 5,000 youth: "rows, rows per key prefix".
YEAR_OF_5000_YOUTH = [
    ("student_daily_features", "ix_student_daily_features_day_score", "1825000 5000 500"),
    ("student_daily_features", "ix_student_daily_features_day_level", "1825000 5000 1667 1"),
    ("student_daily_features", "sqlite_autoindex_student_daily_features_1", "1825000 365 1"),
    ("mb_users", "ix_mb_users_role_active", "5050 2525 2525"),
    ("mb_users", "ix_mb_users_mentor_id", "5050 100"),
    ("mb_users", "ix_mb_users_region", "5050 1010"),
    ("mb_users", "ix_mb_users_full_name", "5050 1"),
    ("interventions", "ix_interventions_youth_at", "20000 5 1"),
]


@pytest.mark.parametrize("statistics", ["fresh", "analyzed"])
async def test_the_risk_sort_walks_the_days_scores_and_stops_once_the_page_is_full(
    tmp_path: Path, statistics: str
) -> None:
    path = tmp_path / "mb.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
    statement, values = risk_board.board(None, BoardQuery())
    bound = statement.params(**values)
    sql = str(bound.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with closing(sqlite3.connect(path)) as database:
        if statistics == "analyzed":
            database.execute("ANALYZE")  # creates sqlite_stat1
            database.executemany("INSERT INTO sqlite_stat1 VALUES (?, ?, ?)", YEAR_OF_5000_YOUTH)
            database.commit()
    with closing(sqlite3.connect(path)) as database:  # a new connection reads the statistics
        plan = [row[3] for row in database.execute(f"EXPLAIN QUERY PLAN {sql}")]

    assert any("USING INDEX ix_student_daily_features_day_score (feature_date=?)" in step for step in plan), (
        plan
    )
    assert "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY" in plan, plan
