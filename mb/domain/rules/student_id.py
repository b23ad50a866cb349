"""Student IDs: MB-<REGION>-<YEAR>-<5 characters>, easy to read aloud and type on a phone."""

import re
import secrets
from collections.abc import Callable

# No 0/O, 1/I/L: a youth reading their ID over the phone cannot confuse them.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SUFFIX_LENGTH = 5
PATTERN = re.compile(rf"^MB-[A-Z]{{2}}-\d{{4}}-[{ALPHABET}]{{{SUFFIX_LENGTH}}}$")


def new_student_id(region: str, year: int, choose: Callable[[str], str] = secrets.choice) -> str:
    """A random ID; `choose` picks each character (a seeded one gives repeatable demo data)."""
    suffix = "".join(choose(ALPHABET) for _ in range(SUFFIX_LENGTH))
    return f"MB-{region.upper()}-{year:04d}-{suffix}"


def is_student_id(value: str) -> bool:
    return bool(PATTERN.match(value))
