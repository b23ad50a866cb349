from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class CheckStatus(StrEnum):
    OK = "ok"
    ERROR = "error"
    NOT_CONFIGURED = "not configured"


class Overall(StrEnum):
    HEALTHY = "healthy"
    DEGRADED = "degraded"
    UNHEALTHY = "unhealthy"
    MAINTENANCE = "maintenance"


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: CheckStatus
    latency_ms: float
    detail: str


@dataclass(frozen=True)
class HealthReport:
    status: Overall
    timestamp: datetime
    version: str
    checks: dict[str, CheckResult]
