"""The at-risk board in SQL: one statement for a page of youth, one for how many there are in
each risk level. Both read the day's features of active youth, joined to their accounts.

The page is chosen first, from only what the filters and its sort read, and only its rows are
then joined to the rest (names, mentor, reasons, the last contact): a board of thousands reads
the wide columns of 25.
"""

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    and_,
    case,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import aliased

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


def page_of_youth(day: date, query: BoardQuery) -> Select[*tuple[Any, ...]]:
    """The page's rows: the board's columns, in the order asked for."""
    page = _page(day, query)
    youth = aliased(UserRow, name="youth")
    mentor = aliased(UserRow, name="mentor")
    today = aliased(DailyFeaturesRow, name="today")
    earlier = aliased(DailyFeaturesRow, name="week_before")
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
        "risk_score": today.risk_score,
        "risk_level": today.risk_level,
        "days_inactive": today.days_inactive,
        "full_name": youth.full_name,
        "score_7_days_ago": earlier.risk_score,
        "contact_at": contact_at,
    }
    return (
        select(
            page.c.user_id,
            youth.full_name,
            youth.student_id,
            youth.region,
            mentor.full_name.label("mentor_name"),
            today.risk_score,
            today.risk_level,
            today.risk_reasons,
            earlier.risk_score.label("score_7_days_ago"),
            today.days_inactive,
            today.avg_completion,
            contact_at.label("contact_at"),
            contact_kind.label("contact_kind"),
        )
        .join(youth, youth.id == page.c.user_id)
        .join(today, and_(today.user_id == page.c.user_id, today.feature_date == day))
        .outerjoin(mentor, mentor.id == youth.mentor_id)
        .outerjoin(earlier, _week_before(earlier, page.c.user_id, day))
        .order_by(*_order(query.sort, keys))
    )


def youth_per_level(day: date, query: BoardQuery) -> Select[*tuple[Any, ...]]:
    """(level, youth) for everyone the query finds, whatever level it asks for."""
    return (
        select(Features.risk_level, func.count())
        .join(UserRow, UserRow.id == Features.user_id)
        .where(*conditions(day, query))
        .group_by(Features.risk_level)
    )


def conditions(day: date, query: BoardQuery) -> list[ColumnElement[bool]]:
    """The day's features of the active youth the query finds, all levels."""
    found = [
        Features.feature_date == day,
        *youth_conditions(YouthFilter(region=query.region, mentor_id=query.mentor_id)),
    ]
    if term := query.search.strip():
        found.append(or_(*name_or_student_id_matches(term)))
    return found


def _page(day: date, query: BoardQuery) -> Any:
    """The page's youth with what their sort reads, sorted and cut to the page."""
    earlier = aliased(DailyFeaturesRow, name="week_before")
    everything: Keys = {
        "user_id": Features.user_id,
        "risk_score": Features.risk_score,
        "risk_level": Features.risk_level,
        "days_inactive": Features.days_inactive,
        "full_name": UserRow.full_name,
        "score_7_days_ago": earlier.risk_score,
        "contact_at": _last_contact_at(Features.user_id),
    }
    keys: Keys = {name: everything[name].label(name) for name in ("user_id", *SORT_KEYS[query.sort])}
    # Joined on an expression, not the bare column, SQLite walks the day's rows in the
    # (feature_date, risk_score) index and the risk sort stops once the page is full; on the
    # column it would rather start from every youth's account and sort them all (at 5,000 youth
    # 0.3 ms against 25). A mentor's caseload is still found from their youth, which is quicker.
    user_id = Features.user_id if query.mentor_id is not None else Features.user_id + literal_column("0")
    found = select(*keys.values()).select_from(Features).join(UserRow, UserRow.id == user_id)
    if "score_7_days_ago" in keys:
        found = found.outerjoin(earlier, _week_before(earlier, Features.user_id, day))
    if query.level is not None:
        found = found.where(Features.risk_level == query.level.value)
    ordered = found.where(*conditions(day, query)).order_by(*_order(query.sort, keys))
    return ordered.offset(query.offset).limit(query.limit).subquery("page")


def _last_contact_at(youth_id: SQLColumnExpression[Any]) -> Any:
    """When the youth was last contacted (NULL: never), from the (youth_id, at) index."""
    return select(func.max(InterventionRow.at)).where(InterventionRow.youth_id == youth_id).scalar_subquery()


def _week_before(earlier: Any, user_id: SQLColumnExpression[Any], day: date) -> ColumnElement[bool]:
    return and_(earlier.user_id == user_id, earlier.feature_date == day - timedelta(days=TREND_DAYS))


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
