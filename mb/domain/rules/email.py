"""Email addresses: one spelling per account, and a syntax check that explains itself."""

import re

_LOCAL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


def normalize_email(raw: str) -> str:
    """Accounts are unique case-insensitively, so every address is stored lower-cased."""
    return raw.strip().lower()


def email_problem(email: str) -> str | None:
    """Why `email` (already normalized) is not a usable address, or None when it is."""
    if not email:
        return "Enter your email address."
    if len(email) > 254:
        return "That email address is too long (254 characters at most)."
    if email.count("@") != 1:
        return "An email address has exactly one @, like name@example.com."
    local, domain = email.split("@")
    return _local_part_problem(local) or _domain_problem(domain)


def _local_part_problem(local: str) -> str | None:
    if not local or len(local) > 64 or not _LOCAL.match(local) or ".." in local:
        return "The part before the @ is not valid; check for spaces or unusual characters."
    if local.startswith(".") or local.endswith("."):
        return "The part before the @ cannot start or end with a dot."
    return None


def _domain_problem(domain: str) -> str | None:
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or len(labels[-1]) < 2:
        return "The part after the @ should be a domain like example.com."
    return None


def mask_email(email: str) -> str:
    """A form safe for logs: enough to recognise, not enough to harvest."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"
