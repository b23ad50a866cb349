"""A Mailer that keeps what it is given, and can be told to fail, hang or be down."""

import asyncio

from mb.domain.errors import MailNotSent, Unavailable
from mb.domain.model.mail import MailMessage


class FakeMailer:
    """`sent`: every message delivered, in order (the same message twice appears twice).
    `fail_next(reason, times)`: the next `times` sends raise MailNotSent(reason) and deliver nothing.
    `hang = True`: sends wait until cancelled, like a server that never answers.
    `down = True`: ping raises Unavailable."""

    def __init__(self) -> None:
        self.sent: list[MailMessage] = []
        self.hang = False
        self.down = False
        self._failures: list[str] = []

    def fail_next(
        self, reason: str = "The mail server refused the message (550 test).", times: int = 1
    ) -> None:
        self._failures.extend([reason] * times)

    async def send(self, message: MailMessage) -> None:
        if self.hang:
            await asyncio.Event().wait()
        if self._failures:
            raise MailNotSent(self._failures.pop(0))
        self.sent.append(message)

    async def ping(self) -> str:
        if self.down:
            raise Unavailable("The mail server is down (fake).")
        return "fake mailer"
