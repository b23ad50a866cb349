"""Survey links: a 256-bit token per invitation, never stored.

The database keeps the token's SHA-256 (to find the invitation) and a random seed; the token is
HMAC-SHA256(secret key, seed). So reminders and a copied link can carry the same token, while a
copy of the database alone opens nothing. Changing SECRET_KEY retires every outstanding link.
"""

import hashlib
import hmac
import re
import secrets
from base64 import urlsafe_b64encode

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # 32 bytes, URL-safe base64 without padding


def new_seed() -> str:
    return secrets.token_hex(32)


def token_for(secret_key: str, seed: str) -> str:
    digest = hmac.new(secret_key.encode(), f"survey-link:{seed}".encode(), hashlib.sha256).digest()
    return urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def looks_like_token(text: str) -> bool:
    """Whether `text` has a token's shape at all (anything else is not looked up)."""
    return bool(TOKEN_PATTERN.fullmatch(text))
