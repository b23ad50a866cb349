"""Surveys: templates (in versions), placements, distributions, invitations
(survey_distribution_logs), responses, and the mail outbox.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mb.adapters.db.types import BigId, CalendarDate, UtcDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INVITATIONS = "survey_distribution_logs"


def _fk(table: str, column: str, target: str, name: str | None = None) -> sa.ForeignKey:
    # No cascades: users are deactivated and surveys kept, never deleted.
    return sa.ForeignKey(f"{target}.id", name=name or f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "survey_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(24), nullable=False),
        sa.Column("name", sa.Unicode(120), nullable=False),
        sa.Column("description", sa.UnicodeText(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column(
            "created_by", sa.Integer(), _fk("survey_templates", "created_by", "mb_users"), nullable=True
        ),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_survey_templates"),
    )
    op.create_index(
        "ix_survey_templates_family_version",
        "survey_templates",
        ["family_id", "version"],
        unique=True,
        mssql_where=sa.text("family_id IS NOT NULL"),
    )

    op.create_table(
        "placements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("youth_id", sa.Integer(), _fk("placements", "youth_id", "mb_users"), nullable=False),
        sa.Column("employer_name", sa.Unicode(200), nullable=False),
        sa.Column("contact_email", sa.String(254), nullable=False),
        sa.Column("job_title", sa.Unicode(120), nullable=False),
        sa.Column("start_date", CalendarDate, nullable=False),
        sa.Column("recorded_by", sa.Integer(), _fk("placements", "recorded_by", "mb_users"), nullable=True),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_placements"),
    )
    op.create_index("ix_placements_start_date", "placements", ["start_date"])
    op.create_index("ix_placements_youth_id", "placements", ["youth_id"])

    op.create_table(
        "survey_distributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "template_id",
            sa.Integer(),
            _fk("survey_distributions", "template_id", "survey_templates"),
            nullable=False,
        ),
        sa.Column("audience", sa.String(16), nullable=False),
        sa.Column("label", sa.Unicode(300), nullable=False),
        sa.Column("automatic", sa.Boolean(), nullable=False),
        sa.Column(
            "created_by", sa.Integer(), _fk("survey_distributions", "created_by", "mb_users"), nullable=True
        ),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_survey_distributions"),
    )
    op.create_index(
        "ix_survey_distributions_template_automatic", "survey_distributions", ["template_id", "automatic"]
    )
    op.create_index("ix_survey_distributions_created_at", "survey_distributions", ["created_at"])

    op.create_table(
        INVITATIONS,
        sa.Column("id", BigId, nullable=False),
        sa.Column(
            "distribution_id",
            sa.Integer(),
            # The conventional name is longer than PostgreSQL's 63 characters.
            _fk(INVITATIONS, "distribution_id", "survey_distributions", f"fk_{INVITATIONS}_distribution_id"),
            nullable=False,
        ),
        sa.Column(
            "template_id", sa.Integer(), _fk(INVITATIONS, "template_id", "survey_templates"), nullable=False
        ),
        sa.Column("audience", sa.String(16), nullable=False),
        sa.Column("recipient_email", sa.String(254), nullable=False),
        sa.Column("youth_id", sa.Integer(), _fk(INVITATIONS, "youth_id", "mb_users"), nullable=True),
        sa.Column(
            "placement_id", sa.Integer(), _fk(INVITATIONS, "placement_id", "placements"), nullable=True
        ),
        sa.Column("token_hash", sa.String(64), nullable=True),
        sa.Column("token_seed", sa.String(64), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("send_after", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("sent_at", UtcDateTime(), nullable=True),
        sa.Column("opened_at", UtcDateTime(), nullable=True),
        sa.Column("completed_at", UtcDateTime(), nullable=True),
        sa.Column("reminders_sent", sa.Integer(), nullable=False),
        sa.Column("last_reminded_at", UtcDateTime(), nullable=True),
        sa.Column("delivery", sa.String(16), nullable=False),
        sa.Column("failure_reason", sa.Unicode(500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{INVITATIONS}"),
    )
    op.create_index(
        f"ix_{INVITATIONS}_token_hash",
        INVITATIONS,
        ["token_hash"],
        unique=True,
        mssql_where=sa.text("token_hash IS NOT NULL"),
    )
    op.create_index(f"ix_{INVITATIONS}_distribution_id", INVITATIONS, ["distribution_id"])
    op.create_index(f"ix_{INVITATIONS}_template_id", INVITATIONS, ["template_id"])
    op.create_index(f"ix_{INVITATIONS}_youth_expires", INVITATIONS, ["youth_id", "expires_at"])
    op.create_index(f"ix_{INVITATIONS}_placement_id", INVITATIONS, ["placement_id"])
    op.create_index(f"ix_{INVITATIONS}_completed_expires", INVITATIONS, ["completed_at", "expires_at"])
    op.create_index(f"ix_{INVITATIONS}_expires_at", INVITATIONS, ["expires_at"])

    op.create_table(
        "survey_responses",
        sa.Column("id", BigId, nullable=False),
        sa.Column(
            "template_id",
            sa.Integer(),
            _fk("survey_responses", "template_id", "survey_templates"),
            nullable=False,
        ),
        sa.Column(
            "distribution_id",
            sa.Integer(),
            _fk("survey_responses", "distribution_id", "survey_distributions"),
            nullable=False,
        ),
        sa.Column(
            "invitation_id",
            sa.BigInteger(),
            _fk("survey_responses", "invitation_id", INVITATIONS),
            nullable=True,
        ),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("submitted_on", CalendarDate, nullable=False),
        sa.Column("submitted_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_survey_responses"),
    )
    op.create_index(
        "ix_survey_responses_invitation_id",
        "survey_responses",
        ["invitation_id"],
        unique=True,
        mssql_where=sa.text("invitation_id IS NOT NULL"),
    )
    op.create_index("ix_survey_responses_distribution_id", "survey_responses", ["distribution_id"])
    op.create_index("ix_survey_responses_template_id", "survey_responses", ["template_id"])

    op.create_table(
        "mail_outbox",
        sa.Column("id", BigId, nullable=False),
        sa.Column(
            "invitation_id", sa.BigInteger(), _fk("mail_outbox", "invitation_id", INVITATIONS), nullable=False
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Unicode(500), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("next_attempt_at", UtcDateTime(), nullable=False),
        sa.Column("claimed_until", UtcDateTime(), nullable=True),
        sa.Column("sent_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_mail_outbox"),
    )
    op.create_index("ix_mail_outbox_status_next_attempt", "mail_outbox", ["status", "next_attempt_at"])
    op.create_index("ix_mail_outbox_invitation_id", "mail_outbox", ["invitation_id"])


def downgrade() -> None:
    op.drop_table("mail_outbox")
    op.drop_table("survey_responses")
    op.drop_table(INVITATIONS)
    op.drop_table("survey_distributions")
    op.drop_table("placements")
    op.drop_table("survey_templates")
