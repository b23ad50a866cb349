from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class LoginFailure:
    """A failed sign-in, kept for throttling: by account (email) and by client."""

    email: str
    client: str
    at: datetime
