"""Temporary passwords for accounts an admin opens: random, strong, easy to read out and type."""

import secrets

from mb.domain.rules.password import password_problem

# No 0/O, 1/l/I: the youth copies it from a printed sheet or a message.
ALPHABET = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 16  # about 93 bits: guessing it is hopeless, whatever hash guards it


def new_temporary_password() -> str:
    while True:
        candidate = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if password_problem(candidate) is None:
            return candidate
