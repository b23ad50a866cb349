"""Accounts: users, audit log, feature flags, activity events, sign-in failures.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mb.adapters.db.types import BigId, CalendarDate, UtcDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mb_users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("full_name", sa.Unicode(120), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("date_of_birth", CalendarDate, nullable=True),
        sa.Column("institution", sa.Unicode(200), nullable=False),
        sa.Column("education_level", sa.String(32), nullable=False),
        sa.Column("region", sa.String(8), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("sector_interests", sa.JSON(), nullable=False),
        sa.Column("student_id", sa.String(24), nullable=True),
        sa.Column(
            "mentor_id", sa.Integer(), sa.ForeignKey("mb_users.id", name="fk_mb_users_mentor_id_mb_users")
        ),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("last_login_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_mb_users"),
    )
    op.create_index("ix_mb_users_email", "mb_users", ["email"], unique=True)
    op.create_index(
        "ix_mb_users_student_id",
        "mb_users",
        ["student_id"],
        unique=True,
        mssql_where=sa.text("student_id IS NOT NULL"),
    )
    op.create_index("ix_mb_users_role_active", "mb_users", ["role", "is_active"])
    op.create_index("ix_mb_users_region", "mb_users", ["region"])
    op.create_index("ix_mb_users_mentor_id", "mb_users", ["mentor_id"])
    op.create_index("ix_mb_users_created_at", "mb_users", ["created_at"])
    op.create_index("ix_mb_users_last_login_at", "mb_users", ["last_login_at"])

    op.create_table(
        "audit_log",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column(
            "actor_id", sa.Integer(), sa.ForeignKey("mb_users.id", name="fk_audit_log_actor_id_mb_users")
        ),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target_type", sa.String(32), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_target", "audit_log", ["target_type", "target_id"])
    op.create_index("ix_audit_log_actor_id", "audit_log", ["actor_id"])

    op.create_table(
        "feature_flags",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column(
            "updated_by",
            sa.Integer(),
            sa.ForeignKey("mb_users.id", name="fk_feature_flags_updated_by_mb_users"),
        ),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_feature_flags"),
    )

    op.create_table(
        "activity_events",
        sa.Column("id", BigId, primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("mb_users.id", name="fk_activity_events_user_id_mb_users", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_activity_events"),
    )
    op.create_index("ix_activity_events_user_at", "activity_events", ["user_id", "at"])
    op.create_index("ix_activity_events_kind_at", "activity_events", ["kind", "at"])

    op.create_table(
        "login_failures",
        sa.Column("id", BigId, primary_key=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_failures"),
    )
    op.create_index("ix_login_failures_email_at", "login_failures", ["email", "at"])
    op.create_index("ix_login_failures_client_at", "login_failures", ["client", "at"])


def downgrade() -> None:
    op.drop_table("login_failures")
    op.drop_table("activity_events")
    op.drop_table("feature_flags")
    op.drop_table("audit_log")
    op.drop_table("mb_users")
