"""The at-risk board in SQL, in one statement: the day (the newest stored, unless one is asked
for), how many youth the query finds in each risk level, and a page of them. Both read the day's
features of active youth, joined to their accounts.

The page is chosen first, from only what the filters and its sort read, and only its rows are
then joined to the rest (names, mentor, reasons, the last contact): a board of thousands reads
the wide columns of 25. The counts come back on every row of the page, and on one row of their
own when the page is empty (its columns NULL), so the board is a single round trip.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    SQLColumnExpression,
    String,
    and_,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy.orm import aliased

from mb.adapters.db.repositories.day_arithmetic import days_after
from mb.adapters.db.repositories.features import number_where
from mb.adapters.db.repositories.name_search import name_or_student_id_matches
from mb.adapters.db.repositories.youth_filter import youth_conditions
from mb.adapters.db.tables import DailyFeaturesRow, InterventionRow, UserRow
from mb.domain.model.insights import BoardQuery, BoardSort
from mb.domain.model.risk import RiskLevel
from mb.domain.model.youth_filter import YouthFilter

TREND_DAYS = 7
Features = DailyFeaturesRow
# What each sort reads besides the user id.
SORT_KEYS = {
    BoardSort.RISK: ("risk_score", "contact_at"),
    BoardSort.NEEDS_ME: ("risk_level", "contact_at", "risk_score"),
    BoardSort.RISING: ("score_7_days_ago", "risk_score"),
    BoardSort.INACTIVE: ("days_inactive",),
    BoardSort.NAME: ("full_name",),
}
Keys = Mapping[str, SQLColumnExpression[Any]]
# Made once: building an alias of a mapped class costs milliseconds, more than the page's SQL.
YOUTH = aliased(UserRow, name="youth")
MENTOR = aliased(UserRow, name="mentor")
TODAY = aliased(DailyFeaturesRow, name="today")
WEEK_BEFORE = aliased(DailyFeaturesRow, name="week_before")
NEWEST = aliased(DailyFeaturesRow, name="newest")


@dataclass(frozen=True)
class Shape:
    """What decides the board's statement; the values it is run with are bound parameters."""

    newest_day: bool  # the newest stored day, read inside the statement, or a day given
    sort: BoardSort
    level: bool
    region: bool
    mentor: bool
    search: str  # a search's conditions are built from its term


def board(day: date | None, query: BoardQuery) -> tuple[Select[*tuple[Any, ...]], dict[str, Any]]:
    """The whole board for `day`, or for the newest day stored when it is None, and the values
    to run it with. Its columns: `day`, `high`, `medium`, `low` (the youth the query finds per
    level, whatever level it asks for), then the page's, in the order asked for. At least one
    row: when the page is empty its columns are NULL (and `day` too when no features are stored)."""
    search = query.search.strip()
    shape = Shape(
        day is None,
        query.sort,
        query.level is not None,
        bool(query.region),
        query.mentor_id is not None,
        search,
    )
    values: dict[str, Any] = {"offset": query.offset, "limit": query.limit}
    if day is not None:
        values["day"] = day
    if query.level is not None:
        values["level"] = query.level.value
    if query.region:
        values["region"] = query.region
    if query.mentor_id is not None:
        values["mentor_id"] = query.mentor_id
    # Searches are too many and too varied to keep; every other shape is built once.
    return (_statement(shape) if search else _kept_statement(shape)), values


def _statement(shape: Shape) -> Select[*tuple[Any, ...]]:
    on = _newest_day() if shape.newest_day else bindparam("day", type_=Date)
    counts = _youth_per_level(on, shape).subquery("counts")
    rows = page_of_youth(on, shape).subquery("rows")
    keys: Keys = {
        name: rows.c[name] for name in ("user_id", *{k for keys in SORT_KEYS.values() for k in keys})
    }
    return (
        select(counts, rows).select_from(counts).outerjoin(rows, true()).order_by(*_order(shape.sort, keys))
    )


# Building the statement costs more than running it; there are a few dozen shapes without a search.
_kept_statement = cache(_statement)


def page_of_youth(day: ColumnElement[Any], shape: Shape) -> Select[*tuple[Any, ...]]:
    """The page's rows on `day` (an SQL date): the board's columns, in the order asked for."""
    page = _page(day, shape)
    contact_at = _last_contact_at(page.c.user_id)
    contact_kind = (
        select(InterventionRow.kind)
        .where(InterventionRow.youth_id == page.c.user_id)
        .order_by(InterventionRow.at.desc(), InterventionRow.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    keys: Keys = {
        "user_id": page.c.user_id,
        "risk_score": TODAY.risk_score,
        "risk_level": TODAY.risk_level,
        "days_inactive": TODAY.days_inactive,
        "full_name": YOUTH.full_name,
        "score_7_days_ago": WEEK_BEFORE.risk_score,
        "contact_at": contact_at,
    }
    return (
        select(
            page.c.user_id,
            YOUTH.full_name,
            YOUTH.student_id,
            YOUTH.region,
            MENTOR.full_name.label("mentor_name"),
            TODAY.risk_score,
            TODAY.risk_level,
            TODAY.risk_reasons,
            WEEK_BEFORE.risk_score.label("score_7_days_ago"),
            TODAY.days_inactive,
            TODAY.avg_completion,
            contact_at.label("contact_at"),
            contact_kind.label("contact_kind"),
        )
        .join(YOUTH, YOUTH.id == page.c.user_id)
        .join(TODAY, and_(TODAY.user_id == page.c.user_id, TODAY.feature_date == day))
        .outerjoin(MENTOR, MENTOR.id == YOUTH.mentor_id)
        .outerjoin(WEEK_BEFORE, _week_before(WEEK_BEFORE, page.c.user_id, day))
        .order_by(*_order(shape.sort, keys))
    )


def _youth_per_level(day: ColumnElement[Any], shape: Shape) -> Select[*tuple[Any, ...]]:
    """One row, whatever is found: the day, and the youth the query finds at each level."""
    level = Features.risk_level
    return (
        select(
            day.label("day"),
            *(func.coalesce(number_where(level == each.value), 0).label(each.value) for each in RiskLevel),
        )
        .select_from(Features)
        .join(UserRow, UserRow.id == _features_first(shape))
        .where(*conditions(day, shape))
    )


def conditions(day: ColumnElement[Any], shape: Shape) -> list[ColumnElement[bool]]:
    """The day's features of the active youth the query finds, all levels."""
    found = [Features.feature_date == day, *youth_conditions(YouthFilter())]
    # Region and mentor as youth_conditions has them, with their values bound when run.
    if shape.region:
        found.append(UserRow.region == bindparam("region", type_=String))
    if shape.mentor:
        found.append(UserRow.mentor_id == bindparam("mentor_id", type_=Integer))
    if shape.search:
        found.append(or_(*name_or_student_id_matches(shape.search)))
    return found


def _newest_day() -> ColumnElement[Any]:
    # Read from the end of an index that leads with feature_date, inside the statement: no round
    # trip of its own.
    return select(func.max(NEWEST.feature_date)).scalar_subquery()


def _page(day: ColumnElement[Any], shape: Shape) -> Any:
    """The page's youth with what their sort reads, sorted and cut to the page."""
    everything: Keys = {
        "user_id": Features.user_id,
        "risk_score": Features.risk_score,
        "risk_level": Features.risk_level,
        "days_inactive": Features.days_inactive,
        "full_name": UserRow.full_name,
        "score_7_days_ago": WEEK_BEFORE.risk_score,
        "contact_at": _last_contact_at(Features.user_id),
    }
    keys: Keys = {name: everything[name].label(name) for name in ("user_id", *SORT_KEYS[shape.sort])}
    found = select(*keys.values()).select_from(Features).join(UserRow, UserRow.id == _features_first(shape))
    if "score_7_days_ago" in keys:
        found = found.outerjoin(WEEK_BEFORE, _week_before(WEEK_BEFORE, Features.user_id, day))
    if shape.level:
        found = found.where(Features.risk_level == bindparam("level", type_=String))
    ordered = found.where(*conditions(day, shape)).order_by(*_order(shape.sort, keys))
    page = ordered.offset(bindparam("offset", type_=Integer)).limit(bindparam("limit", type_=Integer))
    return page.subquery("page")


def _features_first(shape: Shape) -> SQLColumnExpression[Any]:
    """The user id to join accounts on. Joined on an expression, not the bare column, SQLite walks
    the day's rows in its indexes (the risk sort stops once the page is full, the counts read the
    (feature_date, risk_level) index); on the column it would rather start from every youth's
    account and look up each one's features (at 5,000 youth the page took 0.3 ms against 25, the
    counts 6 ms against 3). A mentor's caseload is still found from their youth, which is quicker."""
    return Features.user_id if shape.mentor else Features.user_id + literal_column("0")


def _last_contact_at(youth_id: SQLColumnExpression[Any]) -> Any:
    """When the youth was last contacted (NULL: never), from the (youth_id, at) index."""
    return select(func.max(InterventionRow.at)).where(InterventionRow.youth_id == youth_id).scalar_subquery()


def _week_before(
    earlier: Any, user_id: SQLColumnExpression[Any], day: ColumnElement[Any]
) -> ColumnElement[bool]:
    return and_(earlier.user_id == user_id, earlier.feature_date == days_after(day, -TREND_DAYS))


def _order(sort: BoardSort, keys: Keys) -> list[SQLColumnExpression[Any]]:
    by_id = keys["user_id"].asc()
    if sort is BoardSort.INACTIVE:
        return [keys["days_inactive"].desc(), by_id]
    if sort is BoardSort.NAME:
        return [keys["full_name"].asc(), by_id]
    score = keys["risk_score"]
    if sort is BoardSort.RISING:
        earlier = keys["score_7_days_ago"]
        unknown = case((earlier.is_(None), 1), else_=0)
        return [unknown.asc(), (score - earlier).desc(), score.desc(), by_id]
    # Never contacted comes first, then the longest since: written out, as PostgreSQL and
    # SQLite put NULLs at opposite ends.
    contact_at = keys["contact_at"]
    longest_since_contact = [case((contact_at.is_(None), 0), else_=1).asc(), contact_at.asc()]
    if sort is BoardSort.RISK:
        return [score.desc(), *longest_since_contact, by_id]
    rank = {level.value: number for number, level in enumerate(RiskLevel)}  # HIGH first
    level_first = case(rank, value=keys["risk_level"], else_=len(rank))
    return [level_first.asc(), *longest_since_contact, score.desc(), by_id]
