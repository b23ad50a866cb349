"""Student IDs: MB-<REGION>-<YEAR>-<5 characters>, easy to read aloud and type on a phone."""

import re
import secrets

# No 0/O, 1/I/L: a youth reading their ID over the phone cannot confuse them.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SUFFIX_LENGTH = 5
PATTERN = re.compile(rf"^MB-[A-Z]{{2}}-\d{{4}}-[{ALPHABET}]{{{SUFFIX_LENGTH}}}$")


def new_student_id(region: str, year: int) -> str:
    suffix = "".join(secrets.choice(ALPHABET) for _ in range(SUFFIX_LENGTH))
    return f"MB-{region.upper()}-{year:04d}-{suffix}"


def is_student_id(value: str) -> bool:
    return bool(PATTERN.match(value))
