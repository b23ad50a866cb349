"""A YouthFilter as SQL conditions on mb_users, shared by every bulk action on youth."""

import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, UnicodeText, cast, func, select

from mb.adapters.db.tables import DailyFeaturesRow, UserRow
from mb.domain.model.roles import Role
from mb.domain.model.youth_filter import YouthFilter


def youth_conditions(youth: YouthFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [UserRow.role == Role.YOUTH.value, UserRow.is_active.is_(True)]
    if youth.user_ids is not None:
        conditions.append(UserRow.id.in_(youth.user_ids))
    if youth.mentor_id is not None:
        conditions.append(UserRow.mentor_id == youth.mentor_id)
    if youth.region:
        conditions.append(UserRow.region == youth.region)
    if youth.institution:
        conditions.append(func.lower(UserRow.institution) == youth.institution.strip().lower())
    if youth.education_level:
        conditions.append(UserRow.education_level == youth.education_level)
    if youth.sector_interest:
        # The list is stored as JSON text (json.dumps) on every backend: the entry encoded the same
        # way, quotes included, matches a whole entry only. Any case, as SQLite's LIKE and Azure
        # SQL's collation compare anyway.
        entry = json.dumps(youth.sector_interest.strip()).lower()
        stored = func.lower(cast(UserRow.sector_interests, UnicodeText))
        conditions.append(stored.like("%" + _escape_like(entry) + "%", escape="\\"))
    zone = ZoneInfo(youth.timezone)
    if youth.registered_from:
        conditions.append(UserRow.created_at >= datetime.combine(youth.registered_from, time(), zone))
    if youth.registered_to:
        next_day = youth.registered_to + timedelta(days=1)
        conditions.append(UserRow.created_at < datetime.combine(next_day, time(), zone))
    if youth.risk_level is not None:
        conditions.append(UserRow.id.in_(_at_risk_level_on_newest_day(youth.risk_level.value)))
    return conditions


def _at_risk_level_on_newest_day(level: str) -> Select[int]:
    """The youth at `level` on the programme's newest day of features, not each youth's own
    newest: a youth left out of the latest day has no current level. Both the newest day and
    the day's youth at a level are read from indexes that lead with feature_date."""
    newest = select(func.max(DailyFeaturesRow.feature_date)).scalar_subquery()
    return select(DailyFeaturesRow.user_id).where(
        DailyFeaturesRow.feature_date == newest, DailyFeaturesRow.risk_level == level
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
