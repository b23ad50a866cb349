"""The relational schema. Alembic migrations under `migrations/` create exactly this."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Unicode,
    UnicodeText,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from mb.adapters.db.types import BigId, CalendarDate, UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UserRow(Base):
    __tablename__ = "mb_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    full_name: Mapped[str] = mapped_column(Unicode(120))
    phone: Mapped[str] = mapped_column(String(20), default="")
    date_of_birth: Mapped[date | None] = mapped_column(CalendarDate)
    institution: Mapped[str] = mapped_column(Unicode(200), default="")
    education_level: Mapped[str] = mapped_column(String(32), default="")
    region: Mapped[str] = mapped_column(String(8), default="")
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    sector_interests: Mapped[list[str]] = mapped_column(JSON, default=list)
    student_id: Mapped[str | None] = mapped_column(String(24))
    # Users are deactivated, never deleted; no cascade (Azure SQL forbids self-referencing ones).
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("mb_users.id"))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    shows_on_leaderboard: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        Index("ix_mb_users_email", "email", unique=True),
        Index(
            "ix_mb_users_student_id",
            "student_id",
            unique=True,
            mssql_where=text("student_id IS NOT NULL"),
        ),
        Index("ix_mb_users_role_active", "role", "is_active"),
        Index("ix_mb_users_full_name", "full_name"),
        Index("ix_mb_users_region", "region"),
        Index("ix_mb_users_mentor_id", "mentor_id"),
        Index("ix_mb_users_created_at", "created_at"),
        Index("ix_mb_users_last_login_at", "last_login_at"),
    )


class AuditRow(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("mb_users.id"))
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[str] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_target", "target_type", "target_id"),
        Index("ix_audit_log_actor_id", "actor_id"),
    )


class FlagRow(Base):
    __tablename__ = "feature_flags"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("mb_users.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ActivityRow(Base):
    __tablename__ = "activity_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("mb_users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (
        Index("ix_activity_events_user_at", "user_id", "at"),
        Index("ix_activity_events_kind_at", "kind", "at"),
    )


class LoginFailureRow(Base):
    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index("ix_login_failures_email_at", "email", "at"),
        Index("ix_login_failures_client_at", "client", "at"),
    )


class ModuleRow(Base):
    __tablename__ = "modules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Unicode(120))
    description: Mapped[str] = mapped_column(UnicodeText, default="")
    duration_hours: Mapped[float] = mapped_column(Float)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    sector: Mapped[str] = mapped_column(String(40))
    difficulty: Mapped[str] = mapped_column(String(16))
    points: Mapped[int] = mapped_column(Integer)
    due_in_days: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    quiz: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index("ix_modules_code", "code", unique=True),
        Index("ix_modules_status", "status"),
    )


class PrerequisiteRow(Base):
    __tablename__ = "module_prerequisites"

    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"), primary_key=True)
    # Azure SQL allows one cascade path per table: modules are deactivated, never deleted.
    prerequisite_id: Mapped[int] = mapped_column(ForeignKey("modules.id"), primary_key=True)


class MaterialRow(Base):
    __tablename__ = "module_materials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(Unicode(120))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    blob_key: Mapped[str] = mapped_column(Unicode(400))  # holds the (Hindi, say) file name
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("mb_users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_module_materials_module_id", "module_id"),)


class AssignmentRow(Base):
    __tablename__ = "learning_modules"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("mb_users.id", ondelete="CASCADE"))
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"))
    status: Mapped[str] = mapped_column(String(16))
    progress: Mapped[int] = mapped_column(Integer)
    assigned_at: Mapped[datetime] = mapped_column(UtcDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    due_date: Mapped[date | None] = mapped_column(CalendarDate)
    quiz_passed: Mapped[bool] = mapped_column(Boolean)
    # No cascade: Azure SQL allows only one cascade path from mb_users to this table.
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("mb_users.id"))

    __table_args__ = (
        Index("ix_learning_modules_user_module", "user_id", "module_id", unique=True),
        # Covers the module outcomes (counts, average progress, days to complete) without reading
        # a row; its leading (module_id, status) serves the lookups by module and status too.
        Index(
            "ix_learning_modules_module_outcomes",
            "module_id",
            "status",
            "progress",
            "completed_at",
            "started_at",
            "assigned_at",
        ),
    )


class QuizAttemptRow(Base):
    __tablename__ = "quiz_attempts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("mb_users.id", ondelete="CASCADE"))
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"))
    answers: Mapped[list[int]] = mapped_column(JSON)
    score: Mapped[int] = mapped_column(Integer)
    passed: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_quiz_attempts_user_module", "user_id", "module_id"),)


class PointsEntryRow(Base):
    """The points ledger: append-only but for a recompute, which rewrites every award."""

    __tablename__ = "points_ledger"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("mb_users.id", ondelete="CASCADE"))
    amount: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(24))
    award_key: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Traces, not references: events and modules are never deleted, and a key checked on every
    # insert would slow the hottest write for nothing.
    source_event_id: Mapped[int | None] = mapped_column(BigInteger)
    module_id: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Unicode(200), default="")
    # No cascade: Azure SQL allows only one cascade path from mb_users to this table.
    awarded_by: Mapped[int | None] = mapped_column(ForeignKey("mb_users.id"))

    __table_args__ = (
        Index("ix_points_ledger_user_key", "user_id", "award_key", unique=True),
        # A week's or month's standings sum a range of this index alone (it covers the query).
        Index("ix_points_ledger_at_user_amount", "at", "user_id", "amount"),
        Index("ix_points_ledger_user_at", "user_id", "at"),
    )


class PointsTotalRow(Base):
    """Each youth's running total: the all-time leaderboard without summing the ledger."""

    __tablename__ = "points_totals"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("mb_users.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    points: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_points_totals_points", "points"),)


class BadgeRow(Base):
    __tablename__ = "user_badges"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("mb_users.id", ondelete="CASCADE"))
    badge: Mapped[str] = mapped_column(String(32))
    earned_at: Mapped[datetime] = mapped_column(UtcDateTime)
    source_event_id: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_user_badges_user_badge", "user_id", "badge", unique=True),)


class StreakRow(Base):
    __tablename__ = "learning_streaks"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("mb_users.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    current_days: Mapped[int] = mapped_column(Integer)
    best_days: Mapped[int] = mapped_column(Integer)
    started_on: Mapped[date | None] = mapped_column(CalendarDate)
    last_active_on: Mapped[date | None] = mapped_column(CalendarDate)


class SurveyTemplateRow(Base):
    """One version of a survey template; versions of one template share `family_id` (the first
    version's id, written just after that version is inserted)."""

    __tablename__ = "survey_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    family_id: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(Unicode(120))
    description: Mapped[str] = mapped_column(UnicodeText, default="")
    anonymous: Mapped[bool] = mapped_column(Boolean)
    active: Mapped[bool] = mapped_column(Boolean)
    current: Mapped[bool] = mapped_column(Boolean)
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("mb_users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        # Azure SQL counts NULLs as equal in a unique index; a first version is NULL for a moment.
        Index(
            "ix_survey_templates_family_version",
            "family_id",
            "version",
            unique=True,
            mssql_where=text("family_id IS NOT NULL"),
        ),
    )


class PlacementRow(Base):
    __tablename__ = "placements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Users are deactivated, never deleted: no cascades into the survey tables.
    youth_id: Mapped[int] = mapped_column(ForeignKey("mb_users.id"))
    employer_name: Mapped[str] = mapped_column(Unicode(200))
    contact_email: Mapped[str] = mapped_column(String(254))
    job_title: Mapped[str] = mapped_column(Unicode(120))
    start_date: Mapped[date] = mapped_column(CalendarDate)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("mb_users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index("ix_placements_start_date", "start_date"),
        Index("ix_placements_youth_id", "youth_id"),
    )


class DistributionRow(Base):
    __tablename__ = "survey_distributions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("survey_templates.id"))
    audience: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(Unicode(300))
    automatic: Mapped[bool] = mapped_column(Boolean)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("mb_users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index("ix_survey_distributions_template_automatic", "template_id", "automatic"),
        Index("ix_survey_distributions_created_at", "created_at"),
    )


class InvitationRow(Base):
    """One invitation (one person asked once): the distribution's log line."""

    __tablename__ = "survey_distribution_logs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    # Named by hand: the conventional name is longer than PostgreSQL's 63 characters.
    distribution_id: Mapped[int] = mapped_column(
        ForeignKey("survey_distributions.id", name="fk_survey_distribution_logs_distribution_id")
    )
    template_id: Mapped[int] = mapped_column(ForeignKey("survey_templates.id"))
    audience: Mapped[str] = mapped_column(String(16))
    recipient_email: Mapped[str] = mapped_column(String(254))
    youth_id: Mapped[int | None] = mapped_column(ForeignKey("mb_users.id"))
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placements.id"))
    token_hash: Mapped[str | None] = mapped_column(String(64))
    token_seed: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    send_after: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)
    last_reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    delivery: Mapped[str] = mapped_column(String(16))
    failure_reason: Mapped[str] = mapped_column(Unicode(500), default="")

    __table_args__ = (
        # Purged tokens are NULL, many of them: Azure SQL needs the filter to allow that.
        Index(
            "ix_survey_distribution_logs_token_hash",
            "token_hash",
            unique=True,
            mssql_where=text("token_hash IS NOT NULL"),
        ),
        Index("ix_survey_distribution_logs_distribution_id", "distribution_id"),
        Index("ix_survey_distribution_logs_template_id", "template_id"),
        Index("ix_survey_distribution_logs_youth_expires", "youth_id", "expires_at"),
        Index("ix_survey_distribution_logs_placement_id", "placement_id"),
        # Open invitations (not answered, not expired): reminders; and expiry alone for the purge.
        Index("ix_survey_distribution_logs_completed_expires", "completed_at", "expires_at"),
        Index("ix_survey_distribution_logs_expires_at", "expires_at"),
    )


class SurveyResponseRow(Base):
    __tablename__ = "survey_responses"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("survey_templates.id"))
    distribution_id: Mapped[int] = mapped_column(ForeignKey("survey_distributions.id"))
    # NULL for anonymous templates: nothing links the answers to the person.
    invitation_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("survey_distribution_logs.id"))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    submitted_on: Mapped[date] = mapped_column(CalendarDate)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index(
            "ix_survey_responses_invitation_id",
            "invitation_id",
            unique=True,
            mssql_where=text("invitation_id IS NOT NULL"),
        ),
        Index("ix_survey_responses_distribution_id", "distribution_id"),
        Index("ix_survey_responses_template_id", "template_id"),
    )


class OutboxRow(Base):
    """Mail waiting to go; its text is written at sending time, so no link sits here."""

    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    invitation_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("survey_distribution_logs.id"))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Unicode(500), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index("ix_mail_outbox_status_next_attempt", "status", "next_attempt_at"),
        Index("ix_mail_outbox_invitation_id", "invitation_id"),
    )


class DailyFeaturesRow(Base):
    """One youth's features on one day (see `mb.domain.model.daily_features`), with the risk
    MB Compass assessed from them when they were stored."""

    __tablename__ = "student_daily_features"

    # No foreign keys: rows arrive from the lakehouse too, and users are never deleted.
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    feature_date: Mapped[date] = mapped_column(CalendarDate, primary_key=True)
    modules_assigned: Mapped[int] = mapped_column(Integer)
    modules_started: Mapped[int] = mapped_column(Integer)
    modules_completed: Mapped[int] = mapped_column(Integer)
    avg_completion: Mapped[float] = mapped_column(Float)
    days_since_registration: Mapped[int] = mapped_column(Integer)
    days_inactive: Mapped[int] = mapped_column(Integer)
    active_days_7: Mapped[int] = mapped_column(Integer)
    active_days_30: Mapped[int] = mapped_column(Integer)
    quiz_attempts: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)
    streak_days: Mapped[int] = mapped_column(Integer)
    surveys_pending: Mapped[int] = mapped_column(Integer)
    career_survey_done: Mapped[bool] = mapped_column(Boolean)
    badges_earned: Mapped[int] = mapped_column(Integer)
    placed: Mapped[bool] = mapped_column(Boolean)
    feature_timestamp: Mapped[datetime] = mapped_column(UtcDateTime)
    risk_score: Mapped[int] = mapped_column(Integer)
    risk_level: Mapped[str] = mapped_column(String(8))
    # "code:points" pairs joined by commas, in the order the rule gave them.
    risk_reasons: Mapped[str] = mapped_column(String(400))

    __table_args__ = (
        # The board reads one day, by score; its counts per level read this index alone.
        Index("ix_student_daily_features_day_score", "feature_date", "risk_score"),
        Index("ix_student_daily_features_day_level", "feature_date", "risk_level", "user_id"),
    )


class FeatureDayTotalsRow(Base):
    """The programme's totals per day, recounted whenever that day's features are stored."""

    __tablename__ = "feature_day_totals"

    feature_date: Mapped[date] = mapped_column(CalendarDate, primary_key=True)
    youth: Mapped[int] = mapped_column(Integer)
    active_7_days: Mapped[int] = mapped_column(Integer)
    modules_assigned: Mapped[int] = mapped_column(Integer)
    modules_completed: Mapped[int] = mapped_column(Integer)
    high: Mapped[int] = mapped_column(Integer)
    medium: Mapped[int] = mapped_column(Integer)
    low: Mapped[int] = mapped_column(Integer)


class FeatureSyncRow(Base):
    __tablename__ = "feature_sync_state"

    source: Mapped[str] = mapped_column(String(16), primary_key=True)
    watermark_timestamp: Mapped[datetime | None] = mapped_column(UtcDateTime)
    watermark_user_id: Mapped[int | None] = mapped_column(Integer)
    watermark_date: Mapped[date | None] = mapped_column(CalendarDate)
    last_synced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    rows_last_sync: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Unicode(500), default="")
    last_error_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class InterventionRow(Base):
    __tablename__ = "interventions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    # Users are deactivated, never deleted: no cascades.
    mentor_id: Mapped[int] = mapped_column(ForeignKey("mb_users.id"))
    youth_id: Mapped[int] = mapped_column(ForeignKey("mb_users.id"))
    kind: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(UnicodeText, default="")
    outcome: Mapped[str] = mapped_column(Unicode(500), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    on_day: Mapped[date] = mapped_column(CalendarDate)  # the programme's day, to join features

    __table_args__ = (
        Index("ix_interventions_youth_at", "youth_id", "at"),
        Index("ix_interventions_on_day", "on_day"),
    )


class InsightSnapshotRow(Base):
    """An insight too costly to count on every page view, counted when a sync finishes."""

    __tablename__ = "insight_snapshots"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
