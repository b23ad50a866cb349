"""Insights: daily features with their risk, per-day totals, the feature sync state and
interventions; learning modules indexed for the module outcomes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mb.adapters.db.types import BigId, CalendarDate, UtcDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
MODULE_OUTCOMES = ["module_id", "status", "progress", "completed_at", "started_at", "assigned_at"]


def upgrade() -> None:
    op.create_table(
        "student_daily_features",
        sa.Column("user_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("feature_date", CalendarDate, nullable=False),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in ("modules_assigned", "modules_started", "modules_completed")
        ),
        sa.Column("avg_completion", sa.Float(), nullable=False),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in (
                "days_since_registration",
                "days_inactive",
                "active_days_7",
                "active_days_30",
                "quiz_attempts",
                "points",
                "streak_days",
                "surveys_pending",
            )
        ),
        sa.Column("career_survey_done", sa.Boolean(), nullable=False),
        sa.Column("badges_earned", sa.Integer(), nullable=False),
        sa.Column("placed", sa.Boolean(), nullable=False),
        sa.Column("feature_timestamp", UtcDateTime(), nullable=False),
        sa.Column("risk_score", sa.Integer(), nullable=False),
        sa.Column("risk_level", sa.String(8), nullable=False),
        sa.Column("risk_reasons", sa.String(400), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "feature_date", name="pk_student_daily_features"),
    )
    op.create_index(
        "ix_student_daily_features_day_score", "student_daily_features", ["feature_date", "risk_score"]
    )
    op.create_index(
        "ix_student_daily_features_day_level",
        "student_daily_features",
        ["feature_date", "risk_level", "user_id"],
    )
    op.create_table(
        "feature_day_totals",
        sa.Column("feature_date", CalendarDate, nullable=False),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in (
                "youth",
                "active_7_days",
                "modules_assigned",
                "modules_completed",
                "high",
                "medium",
                "low",
            )
        ),
        sa.PrimaryKeyConstraint("feature_date", name="pk_feature_day_totals"),
    )
    op.create_table(
        "feature_sync_state",
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("watermark_timestamp", UtcDateTime(), nullable=True),
        sa.Column("watermark_user_id", sa.Integer(), nullable=True),
        sa.Column("watermark_date", CalendarDate, nullable=True),
        sa.Column("last_synced_at", UtcDateTime(), nullable=True),
        sa.Column("rows_last_sync", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Unicode(500), nullable=False),
        sa.Column("last_error_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("source", name="pk_feature_sync_state"),
    )
    op.create_table(
        "interventions",
        sa.Column("id", BigId, nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("youth_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("note", sa.UnicodeText(), nullable=False),
        sa.Column("outcome", sa.Unicode(500), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("on_day", CalendarDate, nullable=False),
        sa.ForeignKeyConstraint(["mentor_id"], ["mb_users.id"], name="fk_interventions_mentor_id_mb_users"),
        sa.ForeignKeyConstraint(["youth_id"], ["mb_users.id"], name="fk_interventions_youth_id_mb_users"),
        sa.PrimaryKeyConstraint("id", name="pk_interventions"),
    )
    op.create_index("ix_interventions_youth_at", "interventions", ["youth_id", "at"])
    op.create_index("ix_interventions_on_day", "interventions", ["on_day"])
    op.create_table(
        "insight_snapshots",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("computed_at", UtcDateTime(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_insight_snapshots"),
    )
    # The module outcomes read only this index; it starts as the one it replaces did.
    op.drop_index("ix_learning_modules_module_status", table_name="learning_modules")
    op.create_index("ix_learning_modules_module_outcomes", "learning_modules", MODULE_OUTCOMES)


def downgrade() -> None:
    op.drop_table("insight_snapshots")
    op.drop_index("ix_learning_modules_module_outcomes", table_name="learning_modules")
    op.create_index("ix_learning_modules_module_status", "learning_modules", ["module_id", "status"])
    op.drop_table("interventions")
    op.drop_table("feature_sync_state")
    op.drop_table("feature_day_totals")
    op.drop_table("student_daily_features")
