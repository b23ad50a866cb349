from types import TracebackType
from typing import Any, Self

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from mb.adapters.db.repositories.activity import SqlaActivityLog
from mb.adapters.db.repositories.assignments import SqlaAssignmentRepository
from mb.adapters.db.repositories.audit import SqlaAuditLog
from mb.adapters.db.repositories.badges import SqlaBadgeRepository
from mb.adapters.db.repositories.distributions import SqlaDistributionRepository
from mb.adapters.db.repositories.feature_sync import SqlaFeatureSyncLog
from mb.adapters.db.repositories.features import SqlaFeatureStore
from mb.adapters.db.repositories.flags import SqlaFlagRepository
from mb.adapters.db.repositories.insights import SqlaInsightQueries
from mb.adapters.db.repositories.interventions import SqlaInterventionRepository
from mb.adapters.db.repositories.invitations import SqlaInvitationRepository
from mb.adapters.db.repositories.login_failures import SqlaLoginFailures
from mb.adapters.db.repositories.maintenance import SqlaMaintenanceSwitch
from mb.adapters.db.repositories.materials import SqlaMaterialRepository
from mb.adapters.db.repositories.modules import SqlaModuleRepository
from mb.adapters.db.repositories.outbox import SqlaOutbox
from mb.adapters.db.repositories.placements import SqlaPlacementRepository
from mb.adapters.db.repositories.points import SqlaPointsLedger
from mb.adapters.db.repositories.quiz_attempts import SqlaQuizAttempts
from mb.adapters.db.repositories.responses import SqlaResponseRepository
from mb.adapters.db.repositories.snapshots import SqlaInsightSnapshots
from mb.adapters.db.repositories.streaks import SqlaStreakRepository
from mb.adapters.db.repositories.surveys import SqlaSurveyTemplateRepository
from mb.adapters.db.repositories.users import SqlaUserRepository
from mb.domain.errors import Conflict, Unavailable
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

UNREACHABLE = "The database cannot be reached right now. Please try again in a minute."


class SqlaUnitOfWork:
    """One session, one transaction; rolled back unless `commit()` was called."""

    def __init__(self, sessions: async_sessionmaker[Any]) -> None:
        self._sessions = sessions
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> Self:
        session = self._sessions()
        self._session = session
        self.users: UserRepository = SqlaUserRepository(session)
        self.audit: AuditLog = SqlaAuditLog(session)
        self.flags: FlagRepository = SqlaFlagRepository(session)
        self.maintenance: MaintenanceSwitch = SqlaMaintenanceSwitch(session)
        self.activity: ActivityLog = SqlaActivityLog(session)
        self.login_failures: LoginFailures = SqlaLoginFailures(session)
        self.modules: ModuleRepository = SqlaModuleRepository(session)
        self.materials: MaterialRepository = SqlaMaterialRepository(session)
        self.assignments: AssignmentRepository = SqlaAssignmentRepository(session)
        self.quiz_attempts: QuizAttempts = SqlaQuizAttempts(session)
        self.points: PointsLedger = SqlaPointsLedger(session)
        self.badges: BadgeRepository = SqlaBadgeRepository(session)
        self.streaks: StreakRepository = SqlaStreakRepository(session)
        self.survey_templates: SurveyTemplateRepository = SqlaSurveyTemplateRepository(session)
        self.placements: PlacementRepository = SqlaPlacementRepository(session)
        self.distributions: DistributionRepository = SqlaDistributionRepository(session)
        self.invitations: InvitationRepository = SqlaInvitationRepository(session)
        self.responses: ResponseRepository = SqlaResponseRepository(session)
        self.outbox: Outbox = SqlaOutbox(session)
        self.features: FeatureStore = SqlaFeatureStore(session)
        self.feature_sync: FeatureSyncLog = SqlaFeatureSyncLog(session)
        self.interventions: InterventionRepository = SqlaInterventionRepository(session)
        self.insights: InsightQueries = SqlaInsightQueries(session)
        self.snapshots: InsightSnapshots = SqlaInsightSnapshots(session)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._session is not None
        try:
            await self._session.rollback()
        except (OperationalError, InterfaceError, OSError):
            pass  # the connection is already gone; nothing was committed
        finally:
            await self._session.close()
        if isinstance(exc, IntegrityError):
            raise Conflict("Someone else changed this at the same moment. Please try again.") from exc
        if isinstance(exc, (OperationalError, InterfaceError, OSError)) or (
            isinstance(exc, DBAPIError) and exc.connection_invalidated
        ):
            raise Unavailable(UNREACHABLE) from exc

    async def commit(self) -> None:
        assert self._session is not None
        await self._session.commit()

    async def rollback(self) -> None:
        assert self._session is not None
        await self._session.rollback()
