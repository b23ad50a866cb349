"""Engagement: the points ledger and running totals, badges, learning streaks, and each youth's
choice to show their name on the leaderboard.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mb.adapters.db.types import BigId, CalendarDate, UtcDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _user(table: str, column: str = "user_id", ondelete: str | None = "CASCADE") -> sa.ForeignKey:
    return sa.ForeignKey("mb_users.id", name=f"fk_{table}_{column}_mb_users", ondelete=ondelete)


def upgrade() -> None:
    # Existing youth never chose: their names stay hidden until they opt in.
    op.add_column(
        "mb_users",
        sa.Column("shows_on_leaderboard", sa.Boolean(), nullable=False, server_default=sa.false()),
    )

    op.create_table(
        "points_ledger",
        sa.Column("id", BigId, nullable=False),
        sa.Column("user_id", sa.Integer(), _user("points_ledger"), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(24), nullable=False),
        sa.Column("award_key", sa.String(64), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("source_event_id", sa.BigInteger(), nullable=True),
        sa.Column("module_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Unicode(200), nullable=False),
        sa.Column("awarded_by", sa.Integer(), _user("points_ledger", "awarded_by", None), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_points_ledger"),
    )
    op.create_index("ix_points_ledger_user_key", "points_ledger", ["user_id", "award_key"], unique=True)
    op.create_index("ix_points_ledger_at_user_amount", "points_ledger", ["at", "user_id", "amount"])
    op.create_index("ix_points_ledger_user_at", "points_ledger", ["user_id", "at"])

    op.create_table(
        "points_totals",
        sa.Column("user_id", sa.Integer(), _user("points_totals"), nullable=False, autoincrement=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_points_totals"),
    )
    op.create_index("ix_points_totals_points", "points_totals", ["points"])

    op.create_table(
        "user_badges",
        sa.Column("id", BigId, nullable=False),
        sa.Column("user_id", sa.Integer(), _user("user_badges"), nullable=False),
        sa.Column("badge", sa.String(32), nullable=False),
        sa.Column("earned_at", UtcDateTime(), nullable=False),
        sa.Column("source_event_id", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_user_badges"),
    )
    op.create_index("ix_user_badges_user_badge", "user_badges", ["user_id", "badge"], unique=True)

    op.create_table(
        "learning_streaks",
        sa.Column("user_id", sa.Integer(), _user("learning_streaks"), nullable=False, autoincrement=False),
        sa.Column("current_days", sa.Integer(), nullable=False),
        sa.Column("best_days", sa.Integer(), nullable=False),
        sa.Column("started_on", CalendarDate, nullable=True),
        sa.Column("last_active_on", CalendarDate, nullable=True),
        sa.PrimaryKeyConstraint("user_id", name="pk_learning_streaks"),
    )


def downgrade() -> None:
    op.drop_table("learning_streaks")
    op.drop_table("user_badges")
    op.drop_table("points_totals")
    op.drop_table("points_ledger")
    # Azure SQL names the column's default constraint itself; it must go before the column.
    op.drop_column("mb_users", "shows_on_leaderboard", mssql_drop_default=True)
