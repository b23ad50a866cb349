"""Sign-in throttling: too many failures lock the account (or client) for a while."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int
    window: timedelta
    lockout: timedelta


ACCOUNT_POLICY = ThrottlePolicy(max_failures=5, window=timedelta(minutes=15), lockout=timedelta(minutes=15))
CLIENT_POLICY = ThrottlePolicy(max_failures=20, window=timedelta(minutes=15), lockout=timedelta(minutes=15))


def locked_for_minutes(failures: Sequence[datetime], policy: ThrottlePolicy, now: datetime) -> int:
    """Whole minutes still to wait (0 when sign-in may be tried).

    Locked when `max_failures` failures fall within one `window`; the lock lasts `lockout`
    from the failure that reached the limit.
    """
    recent = sorted(at for at in failures if now - at < policy.window + policy.lockout)
    until = now
    for index in range(policy.max_failures - 1, len(recent)):
        first, last = recent[index - policy.max_failures + 1], recent[index]
        if last - first <= policy.window:
            until = max(until, last + policy.lockout)
    return ceil((until - now).total_seconds() / 60)
