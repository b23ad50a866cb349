"""Settings from the environment and `.env`. Anything unset means the embedded default."""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from mb.domain.model.flags import Flag
from mb.domain.model.risk import RiskWeights

DEV_SECRET_KEY = "dev-only-secret-key-change-me"  # noqa: S105 - the known value production refuses


class SettingsError(ValueError):
    """Settings that cannot run; the message is one line an operator can act on."""


class Settings(BaseSettings):
    """Field names are the environment names in lower case (DATABASE_URL → database_url)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    mb_env: Literal["development", "production", "test"] = "development"
    mb_host: str = "0.0.0.0"  # noqa: S104 - the app is meant to be reached from the network
    mb_port: int = Field(8501, ge=1, le=65535)
    mb_data_dir: Path = Path("data")
    mb_log_dir: Path = Path("logs")
    mb_backup_dir: Path = Path("backups")
    # A daily backup while `mb serve` runs, at this local time (MB_TIMEZONE); empty: none.
    mb_backup_daily_at: str = Field("02:30", pattern=r"^$|^([01][0-9]|2[0-3]):[0-5][0-9]$")
    mb_backup_keep_days: int = Field(14, ge=1)
    mb_backup_upload: bool = False
    mb_log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    mb_log_json: bool | None = None  # None: JSON unless stdout is a terminal
    mb_timezone: str = "Asia/Kolkata"
    mb_health_timeout_s: float = Field(2.0, gt=0, le=30)
    mb_slow_query_ms: float = Field(500, gt=0)
    # /health reports the disk as an error, and the log warns, below this much free space.
    mb_low_disk_mb: float = Field(500, ge=0)
    mb_admin_email: str = ""
    mb_admin_password: SecretStr = SecretStr("")

    mb_flag_new_dashboard: bool = False
    mb_flag_gamification: bool = True
    mb_flag_survey_distribution: bool = True
    mb_flag_ai_recommendations: bool = False

    database_url: str = ""
    secret_key: SecretStr = SecretStr("")

    azure_storage_connection_string: SecretStr = SecretStr("")
    azure_storage_account_name: str = ""
    azure_storage_account_key: SecretStr = SecretStr("")
    mb_blob_container: str = "materials"
    mb_max_upload_mb: float = Field(50, gt=0, le=2048)

    databricks_host: str = ""
    databricks_token: SecretStr = SecretStr("")
    databricks_http_path: str = ""
    # The lakehouse table the daily features are read from (catalog.schema.table).
    mb_databricks_features_table: str = Field(
        "main.mb_compass.student_daily_features", pattern=r"^[A-Za-z0-9_.`]+$"
    )
    mb_databricks_timeout_s: float = Field(60, gt=0, le=3600)
    # Features are computed (or synced from Databricks) daily at this local time while `mb serve`
    # runs, and again every MB_FEATURES_EVERY_MINUTES through the day; empty / 0: neither.
    mb_features_daily_at: str = Field("01:30", pattern=r"^$|^([01][0-9]|2[0-3]):[0-5][0-9]$")
    mb_features_every_minutes: int = Field(60, ge=0, le=1440)
    mb_features_batch_rows: int = Field(5000, ge=100, le=100_000)
    # Risk rules (DESIGN §4): points each adds, and where the levels start.
    mb_risk_inactive_over_14: int = Field(4, ge=0, le=10)
    mb_risk_inactive_over_7: int = Field(3, ge=0, le=10)
    mb_risk_inactive_over_3: int = Field(1, ge=0, le=10)
    mb_risk_completion_under_30: int = Field(2, ge=0, le=10)
    mb_risk_completion_under_50: int = Field(1, ge=0, le=10)
    mb_risk_started_none_completed: int = Field(2, ge=0, le=10)
    mb_risk_nothing_started: int = Field(2, ge=0, le=10)
    mb_risk_no_quiz_or_career: int = Field(1, ge=0, le=10)
    mb_risk_high_from: int = Field(7, ge=1, le=10)
    mb_risk_medium_from: int = Field(4, ge=1, le=10)
    # How long insights pages keep their figures between syncs (a sync clears them at once).
    mb_insights_cache_s: float = Field(900, ge=0, le=86_400)

    redis_url: str = ""

    # Set (with the azure-monitor extra installed) to send logs and requests to Application Insights.
    applicationinsights_connection_string: SecretStr = SecretStr("")

    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_starttls: bool = True
    smtp_from: str = "MB Compass <no-reply@localhost>"
    smtp_timeout_s: float = Field(30, gt=0, le=300)

    # Where survey links in emails point: the address people reach the app at. Empty: this
    # machine at MB_PORT, which only suits trying it out.
    mb_public_url: str = ""
    mb_survey_expiry_days: int = Field(30, ge=1, le=365)
    mb_survey_reminder_after_days: int = Field(7, ge=1, le=90)
    mb_survey_max_reminders: int = Field(2, ge=0, le=10)
    # Reminders go out daily at this local time (MB_TIMEZONE) while `mb serve` runs; empty: none.
    mb_survey_reminders_at: str = Field("10:00", pattern=r"^$|^([01][0-9]|2[0-3]):[0-5][0-9]$")
    # Placement feedback surveys go out this many days after the job starts.
    mb_placement_survey_delay_days: int = Field(30, ge=0, le=365)
    mb_mail_concurrency: int = Field(4, ge=1, le=64)
    mb_mail_max_attempts: int = Field(6, ge=1, le=20)
    # Delivered mail is deleted from the outbox by `mb maintenance` after this many days.
    mb_outbox_keep_days: int = Field(30, ge=1)

    @model_validator(mode="after")
    def _production_needs_a_secret(self) -> "Settings":
        secret = self.secret_key.get_secret_value()
        if self.mb_env == "production" and (not secret or secret == DEV_SECRET_KEY):
            raise SettingsError(
                "SECRET_KEY is missing or left at its default; set a long random SECRET_KEY for production."
            )
        if self.mb_risk_medium_from >= self.mb_risk_high_from:
            raise SettingsError("MB_RISK_MEDIUM_FROM must be below MB_RISK_HIGH_FROM.")
        if self.mb_env == "production" and len(secret) < 32:
            raise SettingsError("SECRET_KEY is too short for production; use at least 32 random characters.")
        return self

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{self.mb_data_dir / 'mb_app.db'}"

    @property
    def session_secret(self) -> str:
        return self.secret_key.get_secret_value() or DEV_SECRET_KEY

    @property
    def uses_azure_blob(self) -> bool:
        return bool(
            self.azure_storage_connection_string.get_secret_value() or self.azure_storage_account_name
        )

    @property
    def uses_smtp(self) -> bool:
        return bool(self.smtp_host)

    @property
    def public_url(self) -> str:
        return self.mb_public_url.rstrip("/") or f"http://localhost:{self.mb_port}"

    @property
    def uses_databricks(self) -> bool:
        return bool(self.databricks_host and self.databricks_http_path)

    @property
    def risk_weights(self) -> RiskWeights:
        return RiskWeights(
            **{name: getattr(self, f"mb_risk_{name}") for name in RiskWeights.__dataclass_fields__}
        )

    @property
    def flag_defaults(self) -> dict[Flag, bool]:
        return {flag: bool(getattr(self, f"mb_flag_{flag.value}")) for flag in Flag}


def load_settings() -> Settings:
    """Read settings, turning validation failures into one readable line."""
    from pydantic import ValidationError

    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        if isinstance(first.get("ctx", {}).get("error"), SettingsError):
            raise SettingsError(str(first["ctx"]["error"])) from None
        field = ".".join(str(part) for part in first["loc"]).upper() or "settings"
        raise SettingsError(f"{field}: {first['msg']}") from None
