from types import TracebackType
from typing import Protocol, Self

from mb.domain.ports.engagement import BadgeRepository, PointsLedger, StreakRepository
from mb.domain.ports.features import (
    FeatureStore,
    FeatureSyncLog,
    InsightQueries,
    InsightSnapshots,
    InterventionRepository,
)
from mb.domain.ports.learning import AssignmentRepository, MaterialRepository, ModuleRepository, QuizAttempts
from mb.domain.ports.repositories import (
    ActivityLog,
    AuditLog,
    FlagRepository,
    LoginFailures,
    MaintenanceSwitch,
    UserRepository,
)
from mb.domain.ports.surveys import (
    DistributionRepository,
    InvitationRepository,
    Outbox,
    PlacementRepository,
    ResponseRepository,
    SurveyTemplateRepository,
)


class UnitOfWork(Protocol):
    """One transaction per use case: `async with uow: ...; await uow.commit()`.

    Leaving the block without `commit()` rolls everything back.
    """

    users: UserRepository
    audit: AuditLog
    flags: FlagRepository
    maintenance: MaintenanceSwitch
    activity: ActivityLog
    login_failures: LoginFailures
    modules: ModuleRepository
    materials: MaterialRepository
    assignments: AssignmentRepository
    quiz_attempts: QuizAttempts
    points: PointsLedger
    badges: BadgeRepository
    streaks: StreakRepository
    survey_templates: SurveyTemplateRepository
    placements: PlacementRepository
    distributions: DistributionRepository
    invitations: InvitationRepository
    responses: ResponseRepository
    outbox: Outbox
    features: FeatureStore
    feature_sync: FeatureSyncLog
    interventions: InterventionRepository
    insights: InsightQueries
    snapshots: InsightSnapshots

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
