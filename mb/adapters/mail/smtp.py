"""Mail through an SMTP server: the organisation's relay, Microsoft 365, SendGrid and the like."""

import asyncio
import email.utils
import socket
import ssl
from contextlib import suppress

from aiosmtplib import (
    SMTP,
    SMTPAuthenticationError,
    SMTPConnectError,
    SMTPConnectResponseError,
    SMTPDataError,
    SMTPException,
    SMTPNotSupported,
    SMTPRecipientsRefused,
    SMTPResponseException,
    SMTPSenderRefused,
    SMTPServerDisconnected,
)
from pydantic import SecretStr

from mb.adapters.mail import email_address, written
from mb.config import Settings, SettingsError
from mb.domain.errors import MailNotSent, Unavailable
from mb.domain.model.mail import MailMessage

# Idle connections are reused for the next send (one per concurrent sender), which makes a batch of
# invitations several times faster than a connection per message. Servers drop idle sessions (Postfix
# after 300 s, some relays sooner) and cap messages per session, so both are kept well below.
POOL_SIZE = 8
IDLE_LIMIT_S = 10.0
MESSAGES_PER_CONNECTION = 100
_SERVICE_CLOSING = 421  # "closing transmission channel": what a server says to a session it dropped

_Pooled = tuple[SMTP, float, int]  # connection, when it was put back (loop time), messages sent on it


class _Refused(Exception):
    """A reason found before the server said no (no STARTTLS on offer, no AUTH on offer)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SmtpMailer:
    """One message per SMTP transaction, on a small pool of reused connections. With `starttls` off
    the session stays in clear text even if the server offers TLS (a local relay, a test server)."""

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        *,
        user: str = "",
        password: SecretStr | str = "",
        starttls: bool = True,
        timeout_s: float = 30.0,
        tls_context: ssl.SSLContext | None = None,
        pool_size: int = POOL_SIZE,
    ) -> None:
        """`starttls`: upgrade every session with STARTTLS and refuse to send if the server does not
        offer it. `tls_context` replaces the system's trusted certificates (tests, private CAs).
        `timeout_s` bounds a whole send (connecting, TLS, login and the message), not each step."""
        self._host = host
        self._port = port
        self._sender = sender
        self._envelope_sender = email.utils.parseaddr(sender)[1] or sender
        self._user = user
        self._password = password if isinstance(password, SecretStr) else SecretStr(password)
        self._starttls = starttls
        self._timeout_s = timeout_s
        self._tls_context = tls_context
        self._pool_size = pool_size
        self._idle: list[_Pooled] = []
        self._local_hostname: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> "SmtpMailer":
        if "@" not in email.utils.parseaddr(settings.smtp_from)[1]:
            raise SettingsError(
                f"SMTP_FROM={settings.smtp_from!r} has no email address; use e.g. "
                "'MB Compass <no-reply@example.org>'."
            )
        return cls(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_from,
            user=settings.smtp_user,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
            timeout_s=settings.smtp_timeout_s,
        )

    @property
    def _where(self) -> str:
        return f"{self._host}:{self._port}"

    async def send(self, message: MailMessage) -> None:
        data = written(message, self._sender)
        recipient = email_address(message.to)  # written() has checked it
        try:
            async with asyncio.timeout(self._timeout_s):
                client, sent_on_it = await self._deliver(data, recipient)
        except (_Refused, SMTPException, OSError, ValueError) as error:
            raise MailNotSent(self._reason(error, message.to)) from None
        # Nothing may fail once the server took the message: putting the connection back cannot.
        self._put_back(client, sent_on_it)

    async def ping(self) -> str:
        try:
            async with asyncio.timeout(self._timeout_s):
                client = await self._connect()
                try:
                    await client.noop()
                    await client.quit()
                finally:
                    client.close()
        except (_Refused, SMTPException, OSError, ValueError) as error:
            raise Unavailable(self._reason(error, None)) from None
        return f"smtp {self._where}"

    async def aclose(self) -> None:
        """Say goodbye on the idle connections (when the app stops)."""
        idle, self._idle = self._idle, []
        for client, _, _ in idle:
            try:
                async with asyncio.timeout(min(self._timeout_s, 2.0)):
                    await client.quit()
            except (SMTPException, OSError, RuntimeError):
                pass
            finally:
                _close_quietly(client)

    async def _deliver(self, data: bytes, recipient: str) -> tuple[SMTP, int]:
        """Send on an idle connection if there is one. The server may have dropped it meanwhile
        (disconnected, or 421): then it goes, and the message is tried once more on a fresh connection.
        Should the drop come just after the server took the message, it arrives twice, under the same
        Message-ID."""
        pooled = self._take_idle()
        if pooled is not None:
            client, sent_on_it = pooled
            try:
                await client.sendmail(self._envelope_sender, [recipient], data)
                return client, sent_on_it + 1
            except (SMTPServerDisconnected, ConnectionError):
                client.close()
            except SMTPResponseException as error:
                client.close()
                if error.code != _SERVICE_CLOSING:
                    raise
            except BaseException:
                client.close()
                raise
        client = await self._connect()
        try:
            await client.sendmail(self._envelope_sender, [recipient], data)
        except BaseException:
            client.close()
            raise
        return client, 1

    async def _connect(self) -> SMTP:
        if self._local_hostname is None:
            self._local_hostname = await asyncio.to_thread(socket.getfqdn)
        client = SMTP(
            hostname=self._host,
            port=self._port,
            local_hostname=self._local_hostname,
            timeout=self._timeout_s,
            start_tls=False,  # decided below, so that "required but not offered" can refuse
            tls_context=self._tls_context,
        )
        await client.connect()
        try:
            if self._starttls:
                await client.ehlo()
                if not client.supports_extension("starttls"):
                    raise _Refused(
                        f"The mail server at {self._where} does not offer STARTTLS, and SMTP_STARTTLS "
                        "requires it, so nothing was sent in clear text. Check SMTP_HOST and SMTP_PORT "
                        "(587 usually offers STARTTLS), or set SMTP_STARTTLS=false for a trusted local relay."
                    )
                await client.starttls()
            if self._user:
                await client.ehlo()
                if not client.supports_extension("auth"):
                    raise _Refused(
                        f"The mail server at {self._where} does not offer a login (SMTP AUTH), but SMTP_USER "
                        "is set. Many servers offer it only after STARTTLS (SMTP_STARTTLS=true); a relay "
                        "that needs no login wants SMTP_USER left empty."
                    )
                await client.login(self._user, self._password.get_secret_value())
        except BaseException:
            client.close()
            raise
        return client

    def _take_idle(self) -> tuple[SMTP, int] | None:
        now = asyncio.get_running_loop().time()
        while self._idle:
            client, since, sent_on_it = self._idle.pop()
            fresh = now - since < IDLE_LIMIT_S
            if fresh and client.is_connected and client.loop is asyncio.get_running_loop():
                return client, sent_on_it
            _close_quietly(client)
        return None

    def _put_back(self, client: SMTP, sent_on_it: int) -> None:
        if len(self._idle) < self._pool_size and sent_on_it < MESSAGES_PER_CONNECTION and client.is_connected:
            self._idle.append((client, asyncio.get_running_loop().time(), sent_on_it))
        else:
            client.close()

    def _reason(self, error: BaseException, to: str | None) -> str:
        """What went wrong, in words a person can act on; the password is never part of it."""
        if isinstance(error, _Refused):
            reason = error.reason
        elif isinstance(error, SMTPResponseException | SMTPRecipientsRefused):
            reason = self._refusal(error, to)
        else:
            reason = self._failure(error, to)
        password = self._password.get_secret_value()
        return reason.replace(password, "***") if password else reason

    def _refusal(self, error: SMTPResponseException | SMTPRecipientsRefused, to: str | None) -> str:
        """The server answered, and the answer was no."""
        where = f"The mail server at {self._where}"
        reason: str
        match error:
            case SMTPRecipientsRefused():
                refused = error.recipients[0] if error.recipients else None
                said = f"{refused.code} {refused.message}" if refused else "no reason given"
                reason = f"{where} refused the recipient {to} ({said})."
            case SMTPSenderRefused() if error.code == 530:
                reason = (
                    f"{where} refused the sender {error.sender} ({error.code} {error.message}). "
                    "It wants a login: set SMTP_USER and SMTP_PASSWORD (and SMTP_STARTTLS=true)."
                )
            case SMTPSenderRefused():
                reason = (
                    f"{where} refused the sender {error.sender} ({error.code} {error.message}). "
                    "Check SMTP_FROM: the server may only send for addresses it knows."
                )
            case SMTPAuthenticationError():
                reason = (
                    f"{where} did not accept the user name and password for {self._user} "
                    f"({error.code} {error.message}). Check SMTP_USER and SMTP_PASSWORD."
                )
            case SMTPDataError():
                reason = f"{where} refused the message to {to} ({error.code} {error.message})."
            case SMTPConnectResponseError():
                reason = f"{where} turned the connection away ({error.code} {error.message})."
            case _:
                reason = f"{where} answered {error.code} {error.message}."
        return reason

    def _failure(self, error: BaseException, to: str | None) -> str:
        """The conversation broke off: unreachable, too slow, TLS, or a message it cannot take."""
        where = f"The mail server at {self._where}"
        reason: str
        match error:
            case TimeoutError():  # aiosmtplib's timeouts are TimeoutErrors too
                hint = " Port 465 wants TLS from the first byte, which is not supported: use 587."
                reason = (
                    f"{where} did not answer within {self._timeout_s:g} s.{hint if self._port == 465 else ''}"
                )
            case SMTPConnectError():
                reason = self._unreachable(error)
            case SMTPServerDisconnected():
                reason = f"{where} closed the connection unexpectedly."
            case SMTPNotSupported():
                reason = f"{where} cannot take this message: {error.message}."
            case ssl.SSLCertVerificationError():
                reason = (
                    f"{where} presented a TLS certificate that could not be trusted "
                    f"({error.verify_message}). Check that SMTP_HOST is the name on the server's certificate."
                )
            case ssl.SSLError():
                reason = f"TLS with {where} failed ({error.reason or error})."
            case SMTPException():
                reason = f"{where}: {error.message}"
            case ValueError():
                reason = f"The message to {to} could not be sent: {error}."
            case OSError():
                reason = f"{where} could not be reached ({error.strerror or error})."
            case _:
                reason = f"{where} failed ({type(error).__name__})."
        return reason

    def _unreachable(self, error: SMTPConnectError) -> str:
        cause = error.__cause__
        if isinstance(cause, socket.gaierror):
            return f"The mail server name {self._host} could not be found. Check SMTP_HOST."
        if isinstance(cause, ConnectionRefusedError):
            return (
                f"The mail server at {self._where} refused the connection. Check SMTP_HOST and SMTP_PORT, "
                "and that the server is running."
            )
        detail = (cause.strerror if isinstance(cause, OSError) else None) or error.message
        return f"The mail server at {self._where} could not be reached ({detail})."


def _close_quietly(client: SMTP) -> None:
    with suppress(RuntimeError):  # its event loop is already closed
        client.close()
