"""In-memory fakes of every port: fast, and they record what happened for tests to assert."""

import copy
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Self

from mb.bootstrap import Services, assemble
from mb.config import Settings
from mb.domain.errors import InvalidInput, NotFound, Unavailable
from mb.domain.model.activity import ActivityEvent
from mb.domain.model.audit import AuditEntry
from mb.domain.model.audit_query import AuditListing, AuditQuery
from mb.domain.model.backups import BackupCopy, BackupTaken
from mb.domain.model.flags import Flag, FlagOverride
from mb.domain.model.insights import InsightSnapshot
from mb.domain.model.login_failure import LoginFailure
from mb.domain.model.maintenance import MaintenanceState
from mb.domain.model.roles import Role
from mb.domain.model.system import DatabaseFacts
from mb.domain.model.user import User
from mb.domain.model.user_query import PersonRef, UserListing, UserQuery, UserSort
from tests.fakes_cache import FakeCache
from tests.fakes_engagement import (
    EngagementStore,
    FakeBadgeRepository,
    FakePointsLedger,
    FakeStreakRepository,
)
from tests.fakes_features import FakeFeatureSource
from tests.fakes_insights import (
    FakeFeatureStore,
    FakeFeatureSyncLog,
    FakeInsightQueries,
    FakeInterventionRepository,
    InsightStore,
)
from tests.fakes_learning import (
    FakeAssignmentRepository,
    FakeMaterialRepository,
    FakeModuleRepository,
    FakeQuizAttempts,
    LearningStore,
)
from tests.fakes_mail import FakeMailer
from tests.fakes_snapshots import FakeInsightSnapshots
from tests.fakes_surveys import (
    FakeDistributionRepository,
    FakeInvitationRepository,
    FakeOutbox,
    FakePlacementRepository,
    FakeResponseRepository,
    FakeSurveyTemplateRepository,
    SurveyStore,
)


class FakeClock:
    def __init__(self, at: datetime = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


class FakePasswordHasher:
    """Not a hash at all: fast, and obviously fake if it ever leaked into production."""

    def __init__(self) -> None:
        self.verified = 0

    async def hash(self, password: str) -> str:
        return f"fake${password[::-1]}"

    async def verify(self, password_hash: str, password: str) -> bool:
        self.verified += 1
        return password_hash == await self.hash(password)

    def needs_rehash(self, password_hash: str) -> bool:
        return False


@dataclass
class Store:
    """What the fake database holds; shared by every FakeUnitOfWork made from it."""

    users: dict[int, User] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    flags: dict[Flag, FlagOverride] = field(default_factory=dict)
    maintenance: MaintenanceState = field(default_factory=lambda: MaintenanceState(False))
    activity: list[ActivityEvent] = field(default_factory=list)
    login_failures: list[LoginFailure] = field(default_factory=list)
    learning: LearningStore = field(default_factory=LearningStore)
    engagement: EngagementStore = field(default_factory=EngagementStore)
    surveys: SurveyStore = field(default_factory=SurveyStore)
    insights: InsightStore = field(default_factory=InsightStore)
    snapshots: dict[str, InsightSnapshot] = field(default_factory=dict)
    commits: int = 0
    down: bool = False  # True: every unit of work fails as an unreachable database does


class FakeUserRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def add(self, user: User) -> User:
        user.id = max(self._store.users, default=0) + 1
        self._store.users[user.id] = copy.deepcopy(user)
        return user

    async def get(self, user_id: int) -> User | None:
        return copy.deepcopy(self._store.users.get(user_id))

    async def get_by_email(self, email: str) -> User | None:
        return copy.deepcopy(next((u for u in self._store.users.values() if u.email == email), None))

    async def student_id_taken(self, student_id: str) -> bool:
        return any(u.student_id == student_id for u in self._store.users.values())

    async def student_ids_taken(self, student_ids: Collection[str]) -> set[str]:
        return {u.student_id for u in self._store.users.values() if u.student_id} & set(student_ids)

    async def add_many(self, users: Sequence[User]) -> None:
        for user in users:
            await self.add(user)

    async def update(self, user: User) -> None:
        assert user.id in self._store.users
        self._store.users[user.id] = copy.deepcopy(user)

    async def count_by_role(self) -> dict[Role, int]:
        counts: dict[Role, int] = {}
        for user in self._store.users.values():
            counts[user.role] = counts.get(user.role, 0) + 1
        return counts

    async def search(self, query: UserQuery, offset: int, limit: int) -> Sequence[UserListing]:
        found = sorted(self._matching(query), key=lambda u: u.id or 0, reverse=query.descending)
        found.sort(key=lambda u: self._sort_key(u, query.sort), reverse=query.descending)
        return [UserListing(copy.deepcopy(u), self._mentor(u)) for u in found[offset : offset + limit]]

    async def count(self, query: UserQuery) -> int:
        return len(self._matching(query))

    async def emails_taken(self, emails: Collection[str]) -> set[str]:
        return {u.email for u in self._store.users.values()} & set(emails)

    async def clear_mentor(self, mentor_id: int) -> int:
        caseload = [u for u in self._store.users.values() if u.mentor_id == mentor_id]
        for user in caseload:
            user.mentor_id = None
        return len(caseload)

    def _matching(self, query: UserQuery) -> list[User]:
        term = query.search.strip()
        return [
            u
            for u in self._store.users.values()
            if (
                not term
                or term.lower() in u.full_name.lower()
                or term.lower() in u.email
                or term.upper() in (u.student_id or "")
            )
            and (query.role is None or u.role is query.role)
            and (not query.region or u.region == query.region)
            and (query.mentor_id is None or u.mentor_id == query.mentor_id)
            and (not query.without_mentor or u.mentor_id is None)
            and (query.active is None or u.is_active is query.active)
        ]

    def _mentor(self, user: User) -> PersonRef | None:
        mentor = self._store.users.get(user.mentor_id) if user.mentor_id is not None else None
        if mentor is None or mentor.id is None:
            return None
        return PersonRef(mentor.id, mentor.full_name, mentor.email, mentor.is_active)

    @staticmethod
    def _sort_key(user: User, sort: UserSort) -> tuple[object, ...]:
        """As the SQL adapter orders: never signed in counts as the earliest sign-in."""
        if sort is UserSort.LAST_LOGIN_AT:
            return (user.last_login_at is not None, user.last_login_at or datetime.min.replace(tzinfo=UTC))
        value = {
            UserSort.NAME: user.full_name,
            UserSort.EMAIL: user.email,
            UserSort.CREATED_AT: user.created_at,
            UserSort.ROLE: user.role.value,
            UserSort.REGION: user.region,
        }[sort]
        return (value,)


class FakeAuditLog:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def record(self, entry: AuditEntry) -> None:
        entry.id = len(self._store.audit) + 1
        self._store.audit.append(copy.deepcopy(entry))

    async def recent(self, limit: int) -> Sequence[AuditEntry]:
        return list(reversed(self._store.audit))[:limit]

    async def search(self, query: AuditQuery, offset: int, limit: int) -> Sequence[AuditListing]:
        found = sorted(self._matching(query), key=lambda e: (e.at, e.id or 0), reverse=True)
        return [
            AuditListing(copy.deepcopy(e), self._person(e.actor_id)) for e in found[offset : offset + limit]
        ]

    async def count(self, query: AuditQuery) -> int:
        return len(self._matching(query))

    async def actions(self) -> list[str]:
        return sorted({e.action for e in self._store.audit})

    def _matching(self, query: AuditQuery) -> list[AuditEntry]:
        return [
            e
            for e in self._store.audit
            if (
                not query.action
                or (
                    e.action.startswith(query.action)
                    if query.action.endswith(".")
                    else e.action == query.action
                )
            )
            and (query.actor_id is None or e.actor_id == query.actor_id)
            and (not query.target_type or e.target_type == query.target_type)
            and (query.since is None or e.at >= query.since)
            and (query.until is None or e.at < query.until)
        ]

    def _person(self, user_id: int | None) -> PersonRef | None:
        user = self._store.users.get(user_id) if user_id is not None else None
        return PersonRef(user.id, user.full_name, user.email, user.is_active) if user and user.id else None


class FakeFlagRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def all(self) -> Sequence[FlagOverride]:
        return list(self._store.flags.values())

    async def save(self, override: FlagOverride) -> None:
        self._store.flags[override.name] = override

    async def delete(self, name: Flag) -> None:
        self._store.flags.pop(name, None)


class FakeMaintenanceSwitch:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def state(self) -> MaintenanceState:
        return self._store.maintenance

    async def set(self, on: bool, by: int | None, at: datetime) -> None:
        self._store.maintenance = MaintenanceState(on, at, by)


class FakeActivityLog:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def append(self, event: ActivityEvent) -> None:
        event.id = len(self._store.activity) + 1
        self._store.activity.append(copy.deepcopy(event))

    async def append_many(self, events: Sequence[ActivityEvent]) -> None:
        for event in events:
            await self.append(copy.copy(event))

    async def for_user(self, user_id: int, limit: int) -> Sequence[ActivityEvent]:
        mine = [e for e in self._store.activity if e.user_id == user_id]
        return sorted(mine, key=lambda e: (e.at, e.id or 0), reverse=True)[:limit]

    async def user_ids(self) -> list[int]:
        return sorted({e.user_id for e in self._store.activity})

    async def history(self, user_ids: Collection[int]) -> Sequence[ActivityEvent]:
        wanted = set(user_ids)
        mine = [copy.deepcopy(e) for e in self._store.activity if e.user_id in wanted]
        return sorted(mine, key=lambda e: (e.user_id, e.at, e.id or 0))


class FakeLoginFailures:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def add(self, failure: LoginFailure) -> None:
        self._store.login_failures.append(failure)

    async def for_email(self, email: str, since: datetime) -> Sequence[datetime]:
        return [f.at for f in self._store.login_failures if f.email == email and f.at >= since]

    async def for_client(self, client: str, since: datetime) -> Sequence[datetime]:
        return [f.at for f in self._store.login_failures if f.client == client and f.at >= since]

    async def clear_email(self, email: str) -> None:
        self._store.login_failures = [f for f in self._store.login_failures if f.email != email]

    async def purge_before(self, before: datetime) -> int:
        kept = [f for f in self._store.login_failures if f.at >= before]
        removed = len(self._store.login_failures) - len(kept)
        self._store.login_failures = kept
        return removed


class FakeUnitOfWork:
    """Works on a copy of the store; `commit()` publishes it, leaving without it discards it."""

    def __init__(self, store: Store) -> None:
        self._committed = store

    async def __aenter__(self) -> Self:
        if self._committed.down:
            raise Unavailable("The database cannot be reached right now. Please try again in a minute.")
        self._begin()
        return self

    def _begin(self) -> None:
        self._working = copy.deepcopy(self._committed)
        self.users = FakeUserRepository(self._working)
        self.audit = FakeAuditLog(self._working)
        self.flags = FakeFlagRepository(self._working)
        self.maintenance = FakeMaintenanceSwitch(self._working)
        self.activity = FakeActivityLog(self._working)
        self.login_failures = FakeLoginFailures(self._working)
        self.modules = FakeModuleRepository(self._working)
        self.materials = FakeMaterialRepository(self._working)
        self.assignments = FakeAssignmentRepository(self._working)
        self.quiz_attempts = FakeQuizAttempts(self._working)
        self.points = FakePointsLedger(self._working)
        self.badges = FakeBadgeRepository(self._working)
        self.streaks = FakeStreakRepository(self._working)
        self.survey_templates = FakeSurveyTemplateRepository(self._working)
        self.placements = FakePlacementRepository(self._working)
        self.distributions = FakeDistributionRepository(self._working)
        self.invitations = FakeInvitationRepository(self._working)
        self.responses = FakeResponseRepository(self._working)
        self.outbox = FakeOutbox(self._working)
        self.features = FakeFeatureStore(self._working)
        self.feature_sync = FakeFeatureSyncLog(self._working)
        self.interventions = FakeInterventionRepository(self._working)
        self.insights = FakeInsightQueries(self._working)
        self.snapshots = FakeInsightSnapshots(self._working)

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    async def commit(self) -> None:
        for name in (
            "users",
            "audit",
            "flags",
            "maintenance",
            "activity",
            "login_failures",
            "learning",
            "engagement",
            "surveys",
            "insights",
            "snapshots",
        ):
            setattr(self._committed, name, copy.deepcopy(getattr(self._working, name)))
        self._committed.commits += 1

    async def rollback(self) -> None:
        self._begin()


class FakeBlobStore:
    def __init__(self) -> None:
        self.blobs: dict[tuple[str, str], tuple[bytes, str]] = {}
        self.down = False

    async def put(self, container: str, key: str, data: bytes, content_type: str) -> None:
        self.blobs[(container, self._checked(key))] = (bytes(data), content_type)

    async def get(self, container: str, key: str) -> bytes:
        try:
            return self.blobs[(container, self._checked(key))][0]
        except KeyError:
            raise NotFound(f"The file {key} is no longer in storage.") from None

    async def delete(self, container: str, key: str) -> None:
        self.blobs.pop((container, key), None)

    async def list(self, container: str, prefix: str = "") -> Sequence[str]:
        return sorted(k for c, k in self.blobs if c == container and k.startswith(prefix))

    async def ping(self) -> str:
        if self.down:
            raise Unavailable("storage is down")
        return "in memory"

    @staticmethod
    def _checked(key: str) -> str:
        if not key or any(part in ("", ".", "..") for part in key.split("/")):
            raise InvalidInput({"key": f"Invalid file name in storage: {key!r}."})
        return key


class FakeDatabaseInfo:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def facts(self) -> DatabaseFacts:
        if self._store.down:
            raise Unavailable("The database cannot be reached: in-memory store is down")
        return DatabaseFacts("in memory", "0004", "0004", 4096)


class FakeDatabaseBackups:
    """Backups as names and row counts; `failing` makes the next one fail as a full disk would."""

    def __init__(self, clock: FakeClock, unsupported: str | None = None) -> None:
        self._clock = clock
        self.unsupported = unsupported
        self.copies: list[BackupCopy] = []
        self.failing = ""
        self.taken: list[tuple[bool, int | None]] = []

    def unsupported_reason(self) -> str | None:
        return self.unsupported

    async def list(self) -> Sequence[BackupCopy]:
        return sorted(self.copies, key=lambda c: c.taken_at, reverse=True)

    async def take(self, upload: bool, keep_days: int | None) -> BackupTaken:
        if self.unsupported:
            raise Unavailable(f"No backup taken: {self.unsupported}")
        if self.failing:
            raise Unavailable(f"The backup failed: {self.failing}")
        self.taken.append((upload, keep_days))
        now = self._clock.now()
        copy = BackupCopy(f"mb_app_{now:%Y%m%d-%H%M%S}.db", now, 4096, True, upload)
        self.copies.append(copy)
        return BackupTaken(copy, "0004", {"mb_users": 3})

    async def local_file(self, name: str) -> str:
        if not any(c.name == name and c.local for c in self.copies):
            raise NotFound("No such backup in the backup folder.")
        return f"/backups/{name}"


def make_settings(**overrides: object) -> Settings:
    """Settings that ignore the developer's `.env` and environment."""
    return Settings(_env_file=None, mb_env="test", **overrides)  # type: ignore[call-arg]


def fake_services(
    store: Store,
    clock: FakeClock,
    blobs: FakeBlobStore,
    settings: Settings | None = None,
    backups: "FakeDatabaseBackups | None" = None,
    mailer: FakeMailer | None = None,
    features: FakeFeatureSource | None = None,
    cache: FakeCache | None = None,
) -> Services:
    """Every service wired to in-memory fakes; the fake database is `store`."""

    async def database_probe() -> str:
        if store.down:
            raise Unavailable("The database cannot be reached right now.")
        return "in memory"

    mailer = mailer or FakeMailer()
    return assemble(
        settings or make_settings(),
        uow=lambda: FakeUnitOfWork(store),
        hasher=FakePasswordHasher(),
        clock=clock,
        blobs=blobs,
        probes={"database": database_probe, "storage": blobs.ping, "databricks": None, "mail": mailer.ping},
        database_info=FakeDatabaseInfo(store),
        database_backups=backups or FakeDatabaseBackups(clock),
        mailer=mailer,
        features=features or FakeFeatureSource(),
        cache=cache or FakeCache(clock.now),
    )
