"""The floor under the at-risk board: the one statement its first page needs, written by hand and
run bare on an engine of the same SQLite file (a pooled connection per run, as the app takes).

The page: the latest day's features of active youth joined to their accounts and mentors, with
the score 7 days before and the last contact (the newest intervention), riskiest first, never
contacted before the longest since contact, first 25. The fastest way found to ask SQLite for it:
the 25 are chosen first, walking the day's (feature_date, risk_score) index from the top (CROSS
JOIN keeps the features as the outer loop), and only they are joined to the wide columns.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text

from mb.adapters.db.engine import create_engine

PAGE_ROWS = 25
PAGE = text(
    """
WITH page AS (
    SELECT f.user_id, f.risk_score,
           (SELECT max(i.at) FROM interventions i WHERE i.youth_id = f.user_id) AS contact_at
    FROM student_daily_features f CROSS JOIN mb_users youth ON youth.id = f.user_id
    WHERE f.feature_date = :day AND youth.role = 'youth' AND youth.is_active
    ORDER BY f.risk_score DESC, contact_at IS NOT NULL, contact_at, f.user_id
    LIMIT 25
)
SELECT page.user_id, youth.full_name, youth.student_id, youth.region, mentor.full_name AS mentor_name,
       f.risk_score, f.risk_level, f.risk_reasons, before.risk_score AS score_7_days_ago,
       f.days_inactive, f.avg_completion, page.contact_at,
       (SELECT i.kind FROM interventions i WHERE i.youth_id = page.user_id
        ORDER BY i.at DESC, i.id DESC LIMIT 1) AS contact_kind
FROM page
JOIN mb_users youth ON youth.id = page.user_id
JOIN student_daily_features f ON f.user_id = page.user_id AND f.feature_date = :day
LEFT JOIN mb_users mentor ON mentor.id = youth.mentor_id
LEFT JOIN student_daily_features before
       ON before.user_id = page.user_id AND before.feature_date = :week_before
ORDER BY page.risk_score DESC, page.contact_at IS NOT NULL, page.contact_at, page.user_id
"""
)


@asynccontextmanager
async def board_floor(database: Path, day: date) -> AsyncIterator[Callable[[], Awaitable[None]]]:
    """Runs the board's page for `day` bare, once a call, on an engine of its own (checked to
    find a full page), for as long as the block lasts."""
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    # Dates are stored as ISO text on SQLite, as SQLAlchemy's Date writes them.
    parameters = {"day": day.isoformat(), "week_before": (day - timedelta(days=7)).isoformat()}

    async def page() -> None:
        async with engine.connect() as connection:
            found = (await connection.execute(PAGE, parameters)).all()
        if len(found) != PAGE_ROWS:
            raise SystemExit(f"the floor found {len(found)} rows for {day}, not a page of {PAGE_ROWS}")

    try:
        yield page
    finally:
        await engine.dispose()
