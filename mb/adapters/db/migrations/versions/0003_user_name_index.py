"""An index on people's names: the admin's user directory lists and pages them by name.

Without it a page of the directory read and sorted every user; with it the page walks the
index in name order and stops after its rows (tests/contract/test_query_plans.py).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_mb_users_full_name", "mb_users", ["full_name"])


def downgrade() -> None:
    op.drop_index("ix_mb_users_full_name", table_name="mb_users")
