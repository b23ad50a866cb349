"""Sessions end when the password changes: each carries a stamp derived from the password hash."""

import hashlib

from mb.domain.model.user import User


def session_stamp(user: User) -> str:
    """Changes whenever the password does; reveals nothing about it (a hash of a salted hash)."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:24]
