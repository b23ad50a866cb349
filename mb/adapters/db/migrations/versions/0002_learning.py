"""Learning: modules, prerequisites, materials, assignments (learning_modules), quiz attempts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mb.adapters.db.types import BigId, CalendarDate, UtcDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKey:
    return sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{column}_{target}", ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "modules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("title", sa.Unicode(120), nullable=False),
        sa.Column("description", sa.UnicodeText(), nullable=False),
        sa.Column("duration_hours", sa.Float(), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("sector", sa.String(40), nullable=False),
        sa.Column("difficulty", sa.String(16), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("due_in_days", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("quiz", sa.JSON(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_modules"),
    )
    op.create_index("ix_modules_code", "modules", ["code"], unique=True)
    op.create_index("ix_modules_status", "modules", ["status"])

    op.create_table(
        "module_prerequisites",
        sa.Column("module_id", sa.Integer(), _fk("module_prerequisites", "module_id", "modules", "CASCADE")),
        sa.Column("prerequisite_id", sa.Integer(), _fk("module_prerequisites", "prerequisite_id", "modules")),
        sa.PrimaryKeyConstraint("module_id", "prerequisite_id", name="pk_module_prerequisites"),
    )

    op.create_table(
        "module_materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "module_id",
            sa.Integer(),
            _fk("module_materials", "module_id", "modules", "CASCADE"),
            nullable=False,
        ),
        sa.Column("filename", sa.Unicode(120), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("blob_key", sa.Unicode(400), nullable=False),
        sa.Column(
            "uploaded_by", sa.Integer(), _fk("module_materials", "uploaded_by", "mb_users"), nullable=True
        ),
        sa.Column("uploaded_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_module_materials"),
    )
    op.create_index("ix_module_materials_module_id", "module_materials", ["module_id"])

    op.create_table(
        "learning_modules",
        sa.Column("id", BigId, nullable=False),
        sa.Column(
            "user_id", sa.Integer(), _fk("learning_modules", "user_id", "mb_users", "CASCADE"), nullable=False
        ),
        sa.Column("module_id", sa.Integer(), _fk("learning_modules", "module_id", "modules"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("assigned_at", UtcDateTime(), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=True),
        sa.Column("completed_at", UtcDateTime(), nullable=True),
        sa.Column("due_date", CalendarDate, nullable=True),
        sa.Column("quiz_passed", sa.Boolean(), nullable=False),
        sa.Column(
            "assigned_by", sa.Integer(), _fk("learning_modules", "assigned_by", "mb_users"), nullable=True
        ),
        sa.PrimaryKeyConstraint("id", name="pk_learning_modules"),
    )
    op.create_index(
        "ix_learning_modules_user_module", "learning_modules", ["user_id", "module_id"], unique=True
    )
    op.create_index("ix_learning_modules_module_status", "learning_modules", ["module_id", "status"])

    op.create_table(
        "quiz_attempts",
        sa.Column("id", BigId, nullable=False),
        sa.Column(
            "user_id", sa.Integer(), _fk("quiz_attempts", "user_id", "mb_users", "CASCADE"), nullable=False
        ),
        sa.Column("module_id", sa.Integer(), _fk("quiz_attempts", "module_id", "modules"), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quiz_attempts"),
    )
    op.create_index("ix_quiz_attempts_user_module", "quiz_attempts", ["user_id", "module_id"])


def downgrade() -> None:
    op.drop_table("quiz_attempts")
    op.drop_table("learning_modules")
    op.drop_table("module_materials")
    op.drop_table("module_prerequisites")
    op.drop_table("modules")
