"""Password strength: long enough, and not made of one kind of character."""

import string

MIN_LENGTH = 10
MAX_LENGTH = 256


def password_problem(password: str) -> str | None:
    """Why `password` is too weak, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters for your password."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters for your password."
    classes = {_character_class(c) for c in password}
    if len(classes) < 2:
        return "Mix at least two kinds of character: letters, capitals, digits or symbols."
    return None


def _character_class(char: str) -> str:
    if char in string.ascii_lowercase or (char.isalpha() and char.islower()):
        return "lower"
    if char.isalpha() and char.isupper():
        return "upper"
    if char.isdigit():
        return "digit"
    return "other"
