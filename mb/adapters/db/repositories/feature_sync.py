"""`feature_sync_state`: where each source's sync got to, and how its last run went."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mb.adapters.db.repositories.on_conflict import save_row
from mb.adapters.db.tables import DailyFeaturesRow, FeatureSyncRow
from mb.domain.model.daily_features import FeatureWatermark, SyncState


class SqlaFeatureSyncLog:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, source: str) -> SyncState:
        # The newest stored day belongs to the features, whichever source wrote them.
        latest_day = await self._session.scalar(select(func.max(DailyFeaturesRow.feature_date)))
        found = (
            await self._session.execute(
                select(
                    FeatureSyncRow.watermark_timestamp,
                    FeatureSyncRow.watermark_user_id,
                    FeatureSyncRow.watermark_date,
                    FeatureSyncRow.last_synced_at,
                    FeatureSyncRow.rows_last_sync,
                    FeatureSyncRow.last_error,
                    FeatureSyncRow.last_error_at,
                ).where(FeatureSyncRow.source == source)
            )
        ).one_or_none()
        if found is None:
            return SyncState(source, latest_day=latest_day)
        at, user_id, day, synced_at, rows, error, error_at = found
        watermark = (
            None if at is None or user_id is None or day is None else FeatureWatermark(at, user_id, day)
        )
        return SyncState(source, watermark, synced_at, rows, error, error_at, latest_day)

    async def save(self, state: SyncState) -> None:
        await save_row(self._session, FeatureSyncRow, "source", _to_row(state))


def _to_row(state: SyncState) -> dict[str, Any]:
    mark = state.watermark
    return {
        "source": state.source,
        "watermark_timestamp": mark.feature_timestamp if mark else None,
        "watermark_user_id": mark.user_id if mark else None,
        "watermark_date": mark.feature_date if mark else None,
        "last_synced_at": state.last_synced_at,
        "rows_last_sync": state.rows_last_sync,
        "last_error": state.last_error[:500],
        "last_error_at": state.last_error_at,
    }
