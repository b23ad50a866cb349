"""Errors the domain raises. Each carries a message a person can act on."""

from collections.abc import Mapping


class DomainError(Exception):
    """Base of every expected failure; the UI shows `message` as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(DomainError):
    """One or more fields were rejected; `fields` maps field name to its message."""

    def __init__(self, fields: Mapping[str, str]) -> None:
        self.fields = dict(fields)
        super().__init__(" ".join(self.fields.values()))


class NotFound(DomainError):
    pass


class PermissionDenied(DomainError):
    def __init__(self, message: str = "You do not have permission to do that.") -> None:
        super().__init__(message)


class LoginFailed(DomainError):
    def __init__(self) -> None:
        super().__init__("That email and password do not match an active account.")


class LoginThrottled(DomainError):
    def __init__(self, minutes: int) -> None:
        unit = "minute" if minutes == 1 else "minutes"
        super().__init__(f"Too many failed sign-ins. Please wait {minutes} {unit} before trying again.")
        self.minutes = minutes


class FeatureDisabled(DomainError):
    def __init__(self, flag: str) -> None:
        super().__init__(f"This feature ({flag}) is switched off.")
        self.flag = flag


class Unavailable(DomainError):
    """A dependency (database, storage, …) could not be reached."""


class Conflict(DomainError):
    """Two changes collided (for example the same email registered twice at once)."""


class MailNotSent(DomainError):
    """The mail server refused the message, or could not be reached in time; the message says why."""
