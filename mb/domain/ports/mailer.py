from typing import Protocol

from mb.domain.model.mail import MailMessage


class Mailer(Protocol):
    """Hands one message to whatever delivers mail (a folder of .eml files, an SMTP server)."""

    async def send(self, message: MailMessage) -> None:
        """Deliver `message` or raise `MailNotSent` with the reason (refused, unreachable, too slow)."""

    async def ping(self) -> str:
        """A short description of where mail goes; raises `Unavailable` when it cannot go there."""
