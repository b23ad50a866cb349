"""The one place that reads Settings and picks adapters. Nothing here does I/O at import."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mb import __version__
from mb.config import Settings
from mb.domain.model.survey_policy import SurveyPolicy
from mb.domain.ports.backups import DatabaseBackups
from mb.domain.ports.blob_store import BlobStore
from mb.domain.ports.cache import Cache
from mb.domain.ports.clock import Clock
from mb.domain.ports.database_info import DatabaseInfo
from mb.domain.ports.features import FeatureSource
from mb.domain.ports.mailer import Mailer
from mb.domain.ports.probe import Probe
from mb.domain.ports.security import PasswordHasher
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.services.accounts import AccountService
from mb.domain.services.audit import AuditService
from mb.domain.services.awarding import AwardingService
from mb.domain.services.backups import BackupService
from mb.domain.services.catalogue import CatalogueService
from mb.domain.services.distribution import DistributionService
from mb.domain.services.engagement import EngagementService
from mb.domain.services.feature_sync import FeatureSyncService
from mb.domain.services.flags import FeatureFlagService
from mb.domain.services.health import HealthService
from mb.domain.services.insights import InsightsService
from mb.domain.services.interventions import InterventionService
from mb.domain.services.learning import LearningService
from mb.domain.services.mail_delivery import MailDeliveryService
from mb.domain.services.maintenance import MaintenanceService
from mb.domain.services.placements import PlacementService
from mb.domain.services.recommendations import RecommendationService
from mb.domain.services.responding import RespondingService
from mb.domain.services.survey_results import SurveyResultsService
from mb.domain.services.survey_templates import SurveyTemplateService
from mb.domain.services.system import SystemService
from mb.domain.services.user_admin import UserAdminService

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine


@dataclass
class Services:
    """Every use case the UI and CLI may call, wired to one set of adapters."""

    settings: Settings
    accounts: AccountService
    flags: FeatureFlagService
    audit: AuditService
    backups: BackupService
    health: HealthService
    maintenance: MaintenanceService
    system: SystemService
    catalogue: CatalogueService
    learning: LearningService
    recommendations: RecommendationService
    awarding: AwardingService
    engagement: EngagementService
    user_admin: UserAdminService
    survey_templates: SurveyTemplateService
    placements: PlacementService
    distribution: DistributionService
    responding: RespondingService
    survey_results: SurveyResultsService
    mail_delivery: MailDeliveryService
    feature_sync: FeatureSyncService
    insights: InsightsService
    interventions: InterventionService
    blobs: BlobStore
    cache: Cache
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    async def aclose(self) -> None:
        for close in reversed(self.closers):
            await close()


def assemble(
    settings: Settings,
    *,
    uow: Callable[[], UnitOfWork],
    hasher: PasswordHasher,
    clock: Clock,
    blobs: BlobStore,
    probes: dict[str, Probe | None],
    database_info: DatabaseInfo,
    database_backups: DatabaseBackups,
    mailer: Mailer,
    features: FeatureSource,
    cache: Cache,
    temporary_hasher: PasswordHasher | None = None,
) -> Services:
    """Wire services to whatever adapters the caller chose (real ones below, fakes in tests)."""
    flags = FeatureFlagService(uow, settings.flag_defaults, clock)
    awarding = AwardingService(uow, flags, clock, settings.mb_timezone)
    maintenance = MaintenanceService(uow, clock)
    health = HealthService(
        probes, __version__, clock, settings.mb_health_timeout_s, maintenance=maintenance.is_on
    )
    learning = LearningService(uow, clock, settings.mb_timezone, awarding)
    policy = survey_policy(settings)
    mail_delivery = MailDeliveryService(
        uow,
        mailer,
        clock,
        flags,
        policy,
        concurrency=settings.mb_mail_concurrency,
        max_attempts=settings.mb_mail_max_attempts,
        send_timeout_s=settings.smtp_timeout_s * 2,
    )
    distribution = DistributionService(uow, clock, flags, policy, mail_delivery.mail_queued)
    feature_sync = FeatureSyncService(
        uow,
        features,
        clock,
        weights=settings.risk_weights,
        cache=cache,
        batch_rows=settings.mb_features_batch_rows,
    )
    insights = InsightsService(
        uow,
        feature_sync,
        cache,
        clock,
        flags=flags,
        timezone=settings.mb_timezone,
        cache_s=settings.mb_insights_cache_s,
    )
    feature_sync.after_sync.append(insights.refresh_snapshots)
    return Services(
        settings=settings,
        accounts=AccountService(uow, hasher, clock),
        flags=flags,
        audit=AuditService(uow),
        backups=BackupService(
            uow,
            database_backups,
            clock,
            upload=settings.mb_backup_upload,
            keep_days=settings.mb_backup_keep_days,
        ),
        health=health,
        maintenance=maintenance,
        system=SystemService(health, database_info, __version__, mail_delivery.pending),
        catalogue=CatalogueService(
            uow, blobs, clock, settings.mb_blob_container, int(settings.mb_max_upload_mb * 1024 * 1024)
        ),
        learning=learning,
        recommendations=RecommendationService(uow, flags, learning),
        awarding=awarding,
        engagement=EngagementService(uow, flags, clock, settings.mb_timezone),
        user_admin=UserAdminService(uow, hasher, clock, temporary_hasher),
        survey_templates=SurveyTemplateService(uow, clock),
        placements=PlacementService(uow, clock, flags, policy, mail_delivery.mail_queued),
        distribution=distribution,
        responding=RespondingService(uow, clock, policy, awarding),
        survey_results=SurveyResultsService(uow, distribution, settings.mb_timezone),
        mail_delivery=mail_delivery,
        feature_sync=feature_sync,
        insights=insights,
        interventions=InterventionService(uow, clock, settings.mb_timezone, cache),
        blobs=blobs,
        cache=cache,
    )


def survey_policy(settings: Settings) -> SurveyPolicy:
    return SurveyPolicy(
        secret_key=settings.session_secret,
        public_url=settings.public_url,
        timezone=settings.mb_timezone,
        expiry_days=settings.mb_survey_expiry_days,
        reminder_after_days=settings.mb_survey_reminder_after_days,
        max_reminders=settings.mb_survey_max_reminders,
        placement_delay_days=settings.mb_placement_survey_delay_days,
    )


def build_services(settings: Settings) -> Services:
    """The production wiring: database, blob storage and the rest as the settings say."""
    from mb.adapters.clock import SystemClock
    from mb.adapters.db.backups_store import SqliteBackups
    from mb.adapters.db.engine import create_engine, session_factory
    from mb.adapters.db.info import SqlaDatabaseInfo
    from mb.adapters.db.probe import DatabaseProbe
    from mb.adapters.db.slow_queries import warn_about_slow_queries
    from mb.adapters.db.unit_of_work import SqlaUnitOfWork
    from mb.adapters.disk import DiskSpaceProbe
    from mb.adapters.security.argon2_hasher import Argon2PasswordHasher

    engine = create_engine(settings.resolved_database_url)
    warn_about_slow_queries(engine, settings.mb_slow_query_ms)
    sessions = session_factory(engine)
    blobs = _blob_store(settings)
    mailer = _mailer(settings)
    clock = SystemClock()
    features = _feature_source(settings, engine, clock)
    cache = _cache(settings)
    probes: dict[str, Probe | None] = {
        "database": DatabaseProbe(engine),
        "storage": blobs.ping,
        "databricks": features.ping if settings.uses_databricks else None,
        "mail": mailer.ping,
        "cache": cache.ping if settings.redis_url else None,
        "disk": DiskSpaceProbe(settings.mb_data_dir, settings.mb_low_disk_mb),
    }
    services = assemble(
        settings,
        uow=lambda: SqlaUnitOfWork(sessions),
        hasher=Argon2PasswordHasher(),
        # Imported youth get random 16-character passwords: a light hash makes 20,000 of them take
        # seconds rather than most of an hour, and their first sign-in re-hashes with full strength.
        temporary_hasher=Argon2PasswordHasher(time_cost=1, memory_cost_kib=1024, parallelism=1),
        clock=clock,
        blobs=blobs,
        probes=probes,
        database_info=SqlaDatabaseInfo(engine),
        database_backups=SqliteBackups(settings.resolved_database_url, settings.mb_backup_dir, blobs),
        mailer=mailer,
        features=features,
        cache=cache,
    )
    services.closers.append(engine.dispose)
    for adapter in (blobs, mailer, features, cache):
        if closer := getattr(adapter, "aclose", None):
            services.closers.append(closer)
    return services


def _blob_store(settings: Settings) -> BlobStore:
    if settings.uses_azure_blob:
        from mb.adapters.blob.azure import AzureBlobStore

        return AzureBlobStore.from_settings(settings)
    from mb.adapters.blob.local import LocalBlobStore

    return LocalBlobStore(settings.mb_data_dir / "blobs")


def _feature_source(settings: Settings, engine: "AsyncEngine", clock: Clock) -> FeatureSource:
    if settings.uses_databricks:
        from mb.adapters.features.databricks import DatabricksFeatureSource

        return DatabricksFeatureSource.from_settings(settings)
    from mb.adapters.features.local import SqlFeatureSource

    return SqlFeatureSource(engine, clock, settings.mb_timezone)


def _cache(settings: Settings) -> Cache:
    if settings.redis_url:
        from mb.adapters.cache.redis import RedisCache

        return RedisCache.from_settings(settings)
    from mb.adapters.cache.memory import MemoryCache

    return MemoryCache()


def _mailer(settings: Settings) -> Mailer:
    if settings.uses_smtp:
        from mb.adapters.mail.smtp import SmtpMailer

        return SmtpMailer.from_settings(settings)
    from mb.adapters.mail.outbox_folder import OutboxFolderMailer

    return OutboxFolderMailer(settings.mb_data_dir / "outbox", settings.smtp_from)
