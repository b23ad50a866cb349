"""When a message that failed is tried again: waits double from one minute, capped at six hours."""

from datetime import datetime, timedelta

FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)


def next_attempt(attempts: int, failed_at: datetime) -> datetime:
    """`attempts` counts the failed ones so far, this one included (1 after the first failure)."""
    doublings = min(max(attempts - 1, 0), 20)
    wait: timedelta = FIRST_WAIT * (2**doublings)
    return failed_at + min(wait, LONGEST_WAIT)
