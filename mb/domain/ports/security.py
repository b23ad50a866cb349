from typing import Protocol


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool:
        """True when `password` matches; never raises for a mismatch."""

    def needs_rehash(self, password_hash: str) -> bool: ...
