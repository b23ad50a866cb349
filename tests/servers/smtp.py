"""Real SMTP servers on loopback for tests, journeys and benchmarks.

`SmtpSink` is aiosmtpd in its own thread (so it serves while the caller blocks or runs its own
event loop), keeping every message it accepts. Outside pytest:

    with SmtpSink() as sink:
        ...  # send to sink.host:sink.port
        sink.wait_for(3)

`SilentServer` accepts connections and never says a word, like a server that hangs.
The fixtures at the bottom start one per test; import them by name into a conftest, or assign them
in a test module (`smtp_sink = tests.servers.smtp.smtp_sink`, as tests/contract/test_mailer.py does).
"""

import asyncio
import datetime
import email.policy
import ipaddress
import socket
import ssl
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

HOST = "127.0.0.1"
USER = "mailer@example.org"
PASSWORD = "s3cr3t-Pa55word"  # what the `login` sink accepts; tests check it never shows in a reason


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class ReceivedMail:
    """One accepted message: the envelope as the client gave it and the raw bytes, parsed on demand."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    session: int = field(compare=False)  # which connection brought it (1, 2, … per sink)

    @cached_property
    def message(self) -> EmailMessage:
        parsed = BytesParser(policy=email.policy.default).parsebytes(self.data)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def to(self) -> str:
        return str(self.message["To"])

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    @property
    def body(self) -> str:
        content = self.message.get_content()
        assert isinstance(content, str)
        return content


class SmtpSink:
    """An accepting SMTP server on 127.0.0.1 (aiosmtpd), by default with no TLS and no login.

    refuse_recipients: every RCPT gets `550 5.1.1 … User unknown`.
    login: (user, password) that AUTH must match; mail without it gets `530`. AUTH is offered in
        clear text, or with `starttls` only once TLS is on (as production servers do).
    starttls: offer STARTTLS with a self-signed certificate for 127.0.0.1; trust it with
        `client_tls_context()`.
    messages_per_session: after this many messages on one connection, MAIL gets `421` (a server
        that drops a session, as an idle or busy one does).
    """

    def __init__(
        self,
        *,
        port: int | None = None,
        refuse_recipients: bool = False,
        login: tuple[str, str] | None = None,
        starttls: bool = False,
        messages_per_session: int | None = None,
    ) -> None:
        self.host = HOST
        self.port = port or free_port()
        self.messages: list[ReceivedMail] = []
        self._refuse_recipients = refuse_recipients
        self._login = login
        self._messages_per_session = messages_per_session
        self._arrived = threading.Condition()
        self._sessions: dict[int, int] = {}  # id(session) → its number
        self._taken: dict[int, int] = {}  # session number → messages accepted on it
        self._certificate_dir = tempfile.TemporaryDirectory(prefix="smtp-sink-") if starttls else None
        self._certificate_pem = b""
        self._controller: Controller | None = None

    @property
    def sessions(self) -> int:
        """How many connections have handed over mail so far."""
        return len(self._sessions)

    def start(self) -> Self:
        options: dict[str, Any] = {}
        if self._certificate_dir is not None:
            options["tls_context"] = self._server_tls_context(Path(self._certificate_dir.name))
        if self._login is not None:
            # AUTH is offered in clear only without STARTTLS; MAIL before it gets 530 (handle_MAIL).
            options.update(
                authenticator=self._authenticate, auth_require_tls=self._certificate_dir is not None
            )
        self._controller = Controller(
            self, hostname=self.host, port=self.port, server_hostname="smtp-sink.test", **options
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
        if self._certificate_dir is not None:
            self._certificate_dir.cleanup()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[ReceivedMail]:
        """Block until at least `count` messages arrived; fails the test (AssertionError) if not in time."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.messages) >= count, timeout):
                raise AssertionError(
                    f"expected {count} messages within {timeout} s, got {len(self.messages)}"
                )
            return list(self.messages)

    async def wait_for_async(self, count: int, timeout: float = 5.0) -> list[ReceivedMail]:  # noqa: ASYNC109
        """The same without blocking the caller's event loop."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"expected {count} messages within {timeout} s, got {len(self.messages)}"
                )
            await asyncio.sleep(0.01)
        return list(self.messages)

    def clear(self) -> None:
        with self._arrived:
            self.messages.clear()

    def client_tls_context(self) -> ssl.SSLContext:
        """A client context that trusts this sink's certificate (and nothing else)."""
        assert self._certificate_pem, "start a sink with starttls=True first"
        return ssl.create_default_context(cadata=self._certificate_pem.decode())

    # aiosmtpd handler hooks, called on the sink's thread.

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self._login is not None and not session.authenticated:
            return "530 5.7.0 Authentication required"
        number = self._sessions.setdefault(id(session), len(self._sessions) + 1)
        if (
            self._messages_per_session is not None
            and self._taken.get(number, 0) >= self._messages_per_session
        ):
            return "421 4.7.0 smtp-sink.test Too many messages in this session, closing"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self._refuse_recipients:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        received = ReceivedMail(
            mail_from=str(envelope.mail_from),
            rcpt_tos=tuple(envelope.rcpt_tos),
            data=content,
            session=self._sessions.get(id(session), 0),
        )
        with self._arrived:
            self._taken[received.session] = self._taken.get(received.session, 0) + 1
            self.messages.append(received)
            self._arrived.notify_all()
        return "250 2.0.0 OK: queued"

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: object
    ) -> AuthResult:
        assert self._login is not None
        user, password = self._login
        good = isinstance(auth_data, LoginPassword) and auth_data == (user.encode(), password.encode())
        return AuthResult(success=good, handled=False)  # not handled: aiosmtpd answers 535 itself

    def _server_tls_context(self, folder: Path) -> ssl.SSLContext:
        certificate, key = self_signed_certificate()
        self._certificate_pem = certificate
        (folder / "cert.pem").write_bytes(certificate)
        (folder / "key.pem").write_bytes(key)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
        return context


class SilentServer:
    """Listens on 127.0.0.1 and accepts connections (the kernel does), but never sends a byte."""

    def __init__(self) -> None:
        self.host = HOST
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind((HOST, 0))
        self.port = int(self._socket.getsockname()[1])

    def __enter__(self) -> Self:
        self._socket.listen(64)
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._socket.close()


def self_signed_certificate() -> tuple[bytes, bytes]:
    """A certificate for 127.0.0.1 and localhost, valid for a day: (certificate PEM, key PEM)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "smtp-sink.test")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(HOST)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return certificate.public_bytes(serialization.Encoding.PEM), key_pem


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """Accepts everything: no TLS, no login."""
    with SmtpSink() as sink:
        yield sink


@pytest.fixture
def refusing_smtp_sink() -> Iterator[SmtpSink]:
    """Refuses every recipient with 550."""
    with SmtpSink(refuse_recipients=True) as sink:
        yield sink


@pytest.fixture
def login_smtp_sink() -> Iterator[SmtpSink]:
    """Wants AUTH as USER / PASSWORD (allowed without TLS, as on a test relay)."""
    with SmtpSink(login=(USER, PASSWORD)) as sink:
        yield sink


@pytest.fixture
def tls_smtp_sink() -> Iterator[SmtpSink]:
    """Offers STARTTLS with its own certificate and wants AUTH as USER / PASSWORD: like production."""
    with SmtpSink(starttls=True, login=(USER, PASSWORD)) as sink:
        yield sink


@pytest.fixture
def silent_smtp_server() -> Iterator[SilentServer]:
    """Accepts the connection and never answers."""
    with SilentServer() as server:
        yield server
