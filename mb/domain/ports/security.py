from typing import Protocol


class PasswordHasher(Protocol):
    """Slow on purpose (argon2id), so the async methods keep the event loop free."""

    async def hash(self, password: str) -> str: ...

    async def verify(self, password_hash: str, password: str) -> bool:
        """True when `password` matches; never raises for a mismatch."""

    def needs_rehash(self, password_hash: str) -> bool: ...
