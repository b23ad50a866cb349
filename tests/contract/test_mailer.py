"""Every Mailer keeps the same promises: the fake, the outbox folder and SMTP (a real aiosmtpd on
loopback, plain and with STARTTLS + login)."""

import asyncio
import os
import re
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path

import pytest
from pydantic import SecretStr

from mb.adapters.mail import message_id_header
from mb.adapters.mail.outbox_folder import OutboxFolderMailer, file_name
from mb.adapters.mail.smtp import SmtpMailer
from mb.config import SettingsError
from mb.domain.errors import MailNotSent, Unavailable
from mb.domain.model.mail import MailMessage
from mb.domain.ports.mailer import Mailer
from tests.fakes import make_settings
from tests.fakes_mail import FakeMailer
from tests.servers import smtp as smtp_servers
from tests.servers.smtp import PASSWORD, USER, SilentServer, SmtpSink, free_port

# The loopback SMTP servers' fixtures, used below by name.
smtp_sink = smtp_servers.smtp_sink
refusing_smtp_sink = smtp_servers.refusing_smtp_sink
login_smtp_sink = smtp_servers.login_smtp_sink
tls_smtp_sink = smtp_servers.tls_smtp_sink
silent_smtp_server = smtp_servers.silent_smtp_server

SENDER = "MB Compass <no-reply@example.org>"
HINDI = "नमस्ते प्रिया, आपका प्लेसमेंट सर्वेक्षण तैयार है"
INVITATION = MailMessage(
    message_id="mb-invitation-7-12",
    to="priya@example.org",
    subject=f"{HINDI} 🎉 — MB Compass",
    body=(
        f"{HINDI} 🙏\n\nPlease answer by 30 June: https://mb.example.org/s/AbC-123_xyz\n"
        # SMTP ends the message at a line with a lone dot, and mbox escapes lines starting "From ".
        ".\n..\nFrom the MB Compass team\n"
        + "a long line without breaks " * 80
        + "\n\nपंक्ति\twith a tab and trailing spaces   \nthe end"
    ),
)


@dataclass
class Backend:
    mailer: Mailer
    inbox: Callable[[], list[MailMessage]]  # what has arrived, read back


def read_back(message: EmailMessage) -> MailMessage:
    """An RFC 5322 message as the MailMessage it was made from."""
    assert not message.defects
    assert not [name for name, value in message.items() if getattr(value, "defects", ())]
    message_id = str(message["Message-ID"])
    if message_id.endswith("@mb-compass>"):
        message_id = message_id.removeprefix("<").removesuffix("@mb-compass>")
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message["Date"] is not None
    assert str(message["From"]) == SENDER
    body = message.get_content()
    assert isinstance(body, str)
    return MailMessage(
        message_id=message_id,
        to=str(message["To"]),
        subject=str(message["Subject"]),
        body=body.replace("\r\n", "\n").removesuffix("\n"),  # MIME text ends with a line break
    )


def eml_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.eml")) if folder.is_dir() else []


def listing(folder: Path) -> list[str]:
    """Every name in the folder, hidden temporary files included."""
    return sorted(path.name for path in folder.iterdir())


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=default_policy).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def smtp_inbox(sink: SmtpSink) -> Callable[[], list[MailMessage]]:
    def inbox() -> list[MailMessage]:
        for received in sink.messages:
            assert received.mail_from == "no-reply@example.org"
            assert len(received.rcpt_tos) == 1
        return [read_back(received.message) for received in sink.messages]

    return inbox


@pytest.fixture(params=["fake", "folder", "smtp", "smtp-starttls-login"])
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    if request.param == "fake":
        fake = FakeMailer()
        yield Backend(fake, lambda: list(fake.sent))
    elif request.param == "folder":
        folder = tmp_path / "outbox"
        yield Backend(
            OutboxFolderMailer(folder, SENDER),
            lambda: [read_back(parse(path.read_bytes())) for path in eml_files(folder)],
        )
    elif request.param == "smtp":
        sink: SmtpSink = request.getfixturevalue("smtp_sink")
        mailer = SmtpMailer(sink.host, sink.port, SENDER, starttls=False, timeout_s=5)
        yield Backend(mailer, smtp_inbox(sink))
        await mailer.aclose()
    else:
        sink = request.getfixturevalue("tls_smtp_sink")
        mailer = SmtpMailer(
            sink.host,
            sink.port,
            SENDER,
            user=USER,
            password=PASSWORD,
            starttls=True,
            timeout_s=5,
            tls_context=sink.client_tls_context(),
        )
        yield Backend(mailer, smtp_inbox(sink))
        await mailer.aclose()


async def test_a_message_arrives_once_with_everything_intact(backend: Backend) -> None:
    await backend.mailer.send(INVITATION)

    assert backend.inbox() == [INVITATION]


@pytest.mark.parametrize(
    "message",
    [
        MailMessage(
            "mb-a", "priya@example.org", "Your survey " * 30 + "ends", "A subject folded over lines."
        ),
        MailMessage("mb-b", "प्रिया शर्मा <priya@example.org>", "Hi", "A name in Hindi."),
        MailMessage("mb-c", '"Sharma, Priya (ITI)" <priya@example.org>', "Hi", "A quoted name."),
        MailMessage("mb-d", "priya@example.org", "", ""),
        MailMessage("<mb-e@elsewhere.example>", "priya@example.org", "x" * 1200, "line\x0cwith a form feed"),
    ],
    ids=["long-ascii-subject", "hindi-name", "quoted-name", "empty", "own-message-id"],
)
async def test_headers_arrive_as_written(backend: Backend, message: MailMessage) -> None:
    await backend.mailer.send(message)

    assert backend.inbox() == [message]


async def test_a_long_body_arrives_intact(backend: Backend) -> None:
    lines = [f"{number:05d} {HINDI} — 🧭 progress report line" for number in range(5000)]
    report = MailMessage("mb-reminder-8-13", "ravi@example.org", "Your progress", "\n".join(lines))

    await backend.mailer.send(report)

    assert backend.inbox() == [report]


async def test_messages_sent_at_once_each_arrive_once(backend: Backend) -> None:
    messages = [
        MailMessage(f"mb-invitation-{n}-{n + 100}", f"youth{n}@example.org", f"Survey {n} ✅", f"Body {n}")
        for n in range(12)
    ]

    await asyncio.gather(*(backend.mailer.send(message) for message in messages))

    assert sorted(backend.inbox(), key=lambda m: m.message_id) == sorted(messages, key=lambda m: m.message_id)


async def test_ping_says_where_mail_goes(backend: Backend) -> None:
    detail = await backend.mailer.ping()

    assert isinstance(detail, str)
    assert detail


async def test_the_fake_fails_hangs_and_goes_down_when_told() -> None:
    fake = FakeMailer()
    fake.fail_next("550 no such user", times=2)

    for _ in range(2):
        with pytest.raises(MailNotSent, match="550 no such user"):
            await fake.send(INVITATION)
    await fake.send(INVITATION)
    fake.hang = True
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.05):
            await fake.send(INVITATION)
    fake.down = True
    with pytest.raises(Unavailable):
        await fake.ping()

    assert fake.sent == [INVITATION]


# The real adapters (the fake takes its messages on trust).


@pytest.fixture(params=["folder", "smtp"])
async def real_mailer(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Mailer]:
    if request.param == "folder":
        yield OutboxFolderMailer(tmp_path / "outbox", SENDER)
    else:
        sink: SmtpSink = request.getfixturevalue("smtp_sink")
        mailer = SmtpMailer(sink.host, sink.port, SENDER, starttls=False, timeout_s=5)
        yield mailer
        await mailer.aclose()


@pytest.mark.parametrize(
    "message",
    [
        MailMessage("mb-1", "priya@example.org", "Hello\r\nBcc: everyone@example.org", "x"),
        MailMessage("mb-1", "priya@example.org\nBcc: everyone@example.org", "Hello", "x"),
        MailMessage("mb-1\r\nX-Injected: 1", "priya@example.org", "Hello", "x"),
        MailMessage("नमस्ते", "priya@example.org", "Hello", "x"),
    ],
)
async def test_a_line_break_in_a_header_or_a_bad_message_id_is_refused_not_sent(
    real_mailer: Mailer, message: MailMessage
) -> None:
    with pytest.raises(MailNotSent, match="could not be written"):
        await real_mailer.send(message)


def test_message_ids_get_the_app_domain_unless_already_bracketed() -> None:
    assert message_id_header("mb-invitation-7-12") == "<mb-invitation-7-12@mb-compass>"
    assert message_id_header("<abc@elsewhere.example>") == "<abc@elsewhere.example>"
    with pytest.raises(ValueError, match="not visible ASCII"):
        message_id_header("mb 1")


# The outbox folder.


async def test_folder_sending_the_same_message_twice_leaves_one_file(tmp_path: Path) -> None:
    mailer = OutboxFolderMailer(tmp_path / "outbox", SENDER)

    await mailer.send(INVITATION)
    await mailer.send(INVITATION)

    assert listing(tmp_path / "outbox") == ["mb-invitation-7-12.eml"]


async def test_folder_files_are_rfc_5322_with_crlf_line_ends(tmp_path: Path) -> None:
    await OutboxFolderMailer(tmp_path, SENDER).send(INVITATION)

    data = (tmp_path / "mb-invitation-7-12.eml").read_bytes()
    assert b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 998
    assert parse(data)["Message-ID"] == "<mb-invitation-7-12@mb-compass>"


async def test_folder_names_files_safely_and_distinctly(tmp_path: Path) -> None:
    mailer = OutboxFolderMailer(tmp_path / "outbox", SENDER)
    ids = ["../../etc/passwd", "<abc@elsewhere.example>", "a/b", "a_b", "..", "mb-" + "x" * 300]

    for message_id in ids:
        await mailer.send(MailMessage(message_id, "priya@example.org", "Hi", "x"))

    names = [path.name for path in eml_files(tmp_path / "outbox")]
    assert names == sorted(file_name(message_id) for message_id in ids)
    assert len(set(names)) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.eml", name) for name in names), names
    assert listing(tmp_path) == ["outbox"]


async def test_folder_that_cannot_be_written_gives_mail_not_sent(tmp_path: Path) -> None:
    # A file where the folder should be: refused even for root, unlike a read-only folder.
    (tmp_path / "data").write_text("not a folder")
    mailer = OutboxFolderMailer(tmp_path / "data" / "outbox", SENDER)

    with pytest.raises(MailNotSent, match=r"Could not save the message to priya@example\.org in the folder"):
        await mailer.send(INVITATION)
    with pytest.raises(Unavailable, match="is not writable"):
        await mailer.ping()


async def test_folder_failing_mid_write_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)

    with pytest.raises(MailNotSent, match="No space left on device"):
        await OutboxFolderMailer(tmp_path, SENDER).send(INVITATION)

    assert listing(tmp_path) == []


async def test_folder_ping_creates_the_folder_and_names_it(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "outbox"

    assert await OutboxFolderMailer(folder, SENDER).ping() == f"folder {folder}"
    assert folder.is_dir()
    assert listing(folder) == []


# SMTP.


def smtp_mailer(port: int, *, timeout_s: float = 5, **options: object) -> SmtpMailer:
    settings: dict[str, object] = {"starttls": False, "timeout_s": timeout_s} | options
    return SmtpMailer("127.0.0.1", port, SENDER, **settings)  # type: ignore[arg-type]


async def test_smtp_refused_recipient_gives_the_servers_code_and_words(refusing_smtp_sink: SmtpSink) -> None:
    with pytest.raises(MailNotSent) as raised:
        await smtp_mailer(refusing_smtp_sink.port).send(INVITATION)

    reason = raised.value.message
    assert "refused the recipient priya@example.org" in reason
    assert "550" in reason and "User unknown" in reason
    assert refusing_smtp_sink.messages == []


async def test_smtp_server_that_never_answers_gives_up_within_the_timeout(
    silent_smtp_server: SilentServer,
) -> None:
    started = time.monotonic()

    with pytest.raises(
        MailNotSent, match=rf"127\.0\.0\.1:{silent_smtp_server.port} did not answer within 1 s"
    ):
        await smtp_mailer(silent_smtp_server.port, timeout_s=1).send(INVITATION)

    assert time.monotonic() - started < 2


async def test_smtp_ping_on_a_server_that_never_answers_is_unavailable_within_the_timeout(
    silent_smtp_server: SilentServer,
) -> None:
    started = time.monotonic()

    with pytest.raises(Unavailable, match=r"did not answer within 0\.5 s"):
        await smtp_mailer(silent_smtp_server.port, timeout_s=0.5).ping()

    assert time.monotonic() - started < 1.5


async def test_smtp_closed_port_is_a_refused_connection() -> None:
    port = free_port()
    mailer = smtp_mailer(port)

    with pytest.raises(MailNotSent, match=rf"The mail server at 127\.0\.0\.1:{port} refused the connection"):
        await mailer.send(INVITATION)
    with pytest.raises(Unavailable, match="refused the connection"):
        await mailer.ping()


async def test_smtp_unknown_host_name_says_so() -> None:
    mailer = SmtpMailer("mail.invalid", 587, SENDER, timeout_s=5)

    with pytest.raises(
        MailNotSent, match=r"mail\.invalid could not be found|mail\.invalid:587 did not answer"
    ):
        await mailer.send(INVITATION)


async def test_smtp_ping_names_the_server(smtp_sink: SmtpSink) -> None:
    assert await smtp_mailer(smtp_sink.port).ping() == f"smtp 127.0.0.1:{smtp_sink.port}"


async def test_smtp_login_with_the_right_password_delivers(login_smtp_sink: SmtpSink) -> None:
    mailer = smtp_mailer(login_smtp_sink.port, user=USER, password=SecretStr(PASSWORD))

    await mailer.send(INVITATION)
    await mailer.ping()

    assert [read_back(received.message) for received in login_smtp_sink.messages] == [INVITATION]


async def test_smtp_login_with_a_wrong_password_says_to_check_it(login_smtp_sink: SmtpSink) -> None:
    mailer = smtp_mailer(login_smtp_sink.port, user=USER, password="wrong-Pa55word")

    with pytest.raises(MailNotSent) as raised:
        await mailer.send(INVITATION)

    assert f"did not accept the user name and password for {USER}" in raised.value.message
    assert "535" in raised.value.message
    assert "SMTP_PASSWORD" in raised.value.message
    assert login_smtp_sink.messages == []


async def test_smtp_without_a_login_where_one_is_wanted_says_to_set_one(login_smtp_sink: SmtpSink) -> None:
    with pytest.raises(MailNotSent, match=r"530 .*set SMTP_USER and SMTP_PASSWORD"):
        await smtp_mailer(login_smtp_sink.port).send(INVITATION)


async def test_smtp_login_where_none_is_offered_says_so(smtp_sink: SmtpSink) -> None:
    with pytest.raises(MailNotSent, match=r"does not offer a login \(SMTP AUTH\)"):
        await smtp_mailer(smtp_sink.port, user=USER, password=PASSWORD).send(INVITATION)


async def test_smtp_starttls_required_but_not_offered_sends_nothing(smtp_sink: SmtpSink) -> None:
    mailer = smtp_mailer(smtp_sink.port, starttls=True)

    with pytest.raises(MailNotSent, match="does not offer STARTTLS, and SMTP_STARTTLS requires it"):
        await mailer.send(INVITATION)
    with pytest.raises(Unavailable, match="does not offer STARTTLS"):
        await mailer.ping()

    assert smtp_sink.messages == []


async def test_smtp_starttls_with_a_certificate_not_trusted_is_refused(tls_smtp_sink: SmtpSink) -> None:
    mailer = smtp_mailer(tls_smtp_sink.port, starttls=True, user=USER, password=PASSWORD)

    with pytest.raises(MailNotSent, match="TLS certificate that could not be trusted"):
        await mailer.send(INVITATION)

    assert tls_smtp_sink.messages == []


@pytest.fixture
def failing_mailers(
    refusing_smtp_sink: SmtpSink,
    login_smtp_sink: SmtpSink,
    smtp_sink: SmtpSink,
    silent_smtp_server: SilentServer,
) -> Iterator[list[SmtpMailer]]:
    options = {"user": USER, "password": SecretStr(PASSWORD), "timeout_s": 0.5}
    yield [
        smtp_mailer(refusing_smtp_sink.port, **options),  # refused: no AUTH on offer
        smtp_mailer(login_smtp_sink.port, **options | {"password": PASSWORD + "x"}),  # wrong password
        smtp_mailer(smtp_sink.port, starttls=True, **options),  # no STARTTLS
        smtp_mailer(silent_smtp_server.port, **options),  # hangs
        smtp_mailer(free_port(), **options),  # closed
    ]


async def test_smtp_the_password_never_appears_in_a_reason(failing_mailers: list[SmtpMailer]) -> None:
    for mailer in failing_mailers:
        with pytest.raises(MailNotSent) as sent:
            await mailer.send(INVITATION)
        with pytest.raises(Unavailable) as pinged:
            await mailer.ping()

        for reason in (sent.value.message, pinged.value.message, str(sent.value), repr(mailer)):
            assert PASSWORD not in reason
        assert sent.value.__cause__ is None and sent.value.__suppress_context__


async def test_smtp_reuses_a_connection_for_the_next_message(smtp_sink: SmtpSink) -> None:
    mailer = smtp_mailer(smtp_sink.port)

    for number in range(20):
        await mailer.send(MailMessage(f"mb-{number}", "priya@example.org", "Hi", "x"))
    await mailer.aclose()

    assert len(smtp_sink.messages) == 20
    assert smtp_sink.sessions == 1


async def test_smtp_connection_the_server_dropped_is_replaced_and_the_message_sent_once() -> None:
    with SmtpSink(messages_per_session=2) as sink:
        mailer = smtp_mailer(sink.port)

        for number in range(5):
            await mailer.send(MailMessage(f"mb-{number}", "priya@example.org", "Hi", "x"))

        assert [received.message_id for received in sink.messages] == [
            f"<mb-{n}@mb-compass>" for n in range(5)
        ]
        assert sink.sessions == 3


async def test_smtp_connection_closed_while_idle_is_replaced(smtp_sink: SmtpSink) -> None:
    mailer = smtp_mailer(smtp_sink.port)
    await mailer.send(MailMessage("mb-1", "priya@example.org", "Hi", "x"))
    smtp_sink.stop()

    with SmtpSink(port=smtp_sink.port) as restarted:
        await mailer.send(MailMessage("mb-2", "priya@example.org", "Hi", "x"))

        assert [received.message_id for received in restarted.messages] == ["<mb-2@mb-compass>"]


async def test_smtp_from_settings_takes_the_smtp_settings(login_smtp_sink: SmtpSink) -> None:
    settings = make_settings(
        smtp_host=login_smtp_sink.host,
        smtp_port=login_smtp_sink.port,
        smtp_from=SENDER,
        smtp_user=USER,
        smtp_password=SecretStr(PASSWORD),
        smtp_starttls=False,
        smtp_timeout_s=7,
    )
    mailer = SmtpMailer.from_settings(settings)

    await mailer.send(INVITATION)

    assert await mailer.ping() == f"smtp 127.0.0.1:{login_smtp_sink.port}"
    assert [read_back(received.message) for received in login_smtp_sink.messages] == [INVITATION]


def test_smtp_from_settings_needs_an_address_to_send_from() -> None:
    with pytest.raises(SettingsError, match="SMTP_FROM"):
        SmtpMailer.from_settings(make_settings(smtp_host="mail.example.org", smtp_from="MB Compass"))


async def test_folder_ping_removes_what_a_killed_writer_left_an_hour_ago(tmp_path: Path) -> None:
    import os
    import time

    outbox = tmp_path / "outbox"
    outbox.mkdir()
    old, fresh = outbox / ".mb-invitation-1-1.abc.part", outbox / ".mb-invitation-2-2.def.part"
    for leftover in (old, fresh):
        leftover.write_bytes(b"half a mess")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))

    await OutboxFolderMailer(outbox, "MB Compass <no-reply@example.org>").ping()

    assert sorted(p.name for p in outbox.iterdir()) == [fresh.name]
