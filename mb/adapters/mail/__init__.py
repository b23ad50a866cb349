"""Mail adapters: .eml files in a folder (the embedded default) and an SMTP server.

Both send the same RFC 5322 message, built here straight to bytes: `email.message.EmailMessage`
is correct but parses and refolds every header, which costs about 1 ms of CPU per message (18 times
this) and was most of the time in sending a batch of invitations.
"""

import base64
import binascii
import email.utils
from datetime import UTC, datetime
from email.header import Header
from functools import lru_cache

from mb.domain.errors import MailNotSent
from mb.domain.model.mail import MailMessage

MESSAGE_ID_DOMAIN = "mb-compass"
_LONGEST_ASCII_HEADER = 900  # an ASCII header longer than this is encoded, so it can be folded


def message_id_header(message_id: str) -> str:
    """`mb-invitation-7-12` becomes `<mb-invitation-7-12@mb-compass>`; `<…>` is kept as it is.

    Raises ValueError for an id a Message-ID cannot hold (spaces, line breaks, non-ASCII)."""
    if not message_id or not all("!" <= char <= "~" for char in message_id):
        raise ValueError(f"the message id {message_id!r} is not visible ASCII without spaces")
    if message_id.startswith("<") and message_id.endswith(">"):
        return message_id
    return f"<{message_id}@{MESSAGE_ID_DOMAIN}>"


@lru_cache(maxsize=1024)  # the sender on every message; parsing addresses is slow
def email_address(value: str) -> str:
    """The bare address in `Name <address>` (or `address`), for the SMTP envelope."""
    _header_safe(value)
    address = email.utils.parseaddr(value)[1]
    if "@" not in address or not address.isascii():
        raise ValueError(f"{value!r} is not an email address this app can send to")
    return address


def rfc5322(message: MailMessage, sender: str) -> bytes:
    """From, To, Subject, Date and Message-ID over a UTF-8 text/plain body, as 7-bit ASCII with CRLF
    line ends: the form both an .eml file and SMTP DATA want.

    Raises ValueError for what cannot be written safely: a line break in a header (which would add
    headers of its own), a recipient that is not an address, a message id with spaces.
    """
    _header_safe(message.subject)
    body, transfer_encoding = _body(message.body)
    head = (
        f"From: {_mailbox(sender)}\r\n"
        f"To: {_mailbox(message.to)}\r\n"
        f"Subject: {_unstructured('Subject', message.subject)}\r\n"
        f"Date: {email.utils.format_datetime(datetime.now(UTC))}\r\n"
        f"Message-ID: {message_id_header(message.message_id)}\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: text/plain; charset="utf-8"\r\n'
        f"Content-Transfer-Encoding: {transfer_encoding}\r\n"
        "\r\n"
    )
    return head.encode("ascii") + body


def written(message: MailMessage, sender: str) -> bytes:
    """`rfc5322`, refusing as MailNotSent what cannot be written."""
    try:
        return rfc5322(message, sender)
    except ValueError as error:
        raise MailNotSent(f"The message to {message.to!r} could not be written: {error}.") from None


def _header_safe(value: str) -> None:
    if "\r" in value or "\n" in value:
        raise ValueError(f"{value!r} has a line break, which a mail header cannot hold")


@lru_cache(maxsize=1024)
def _mailbox(value: str) -> str:
    address = email_address(value)
    name = email.utils.parseaddr(value)[0]
    return email.utils.formataddr((name, address), charset="utf-8")


def _unstructured(name: str, value: str) -> str:
    plain = value.isascii() and len(value) < _LONGEST_ASCII_HEADER
    return Header(value, None if plain else "utf-8", header_name=name).encode(linesep="\r\n")


def _body(text: str) -> tuple[bytes, str]:
    """7bit when it is short-lined ASCII; otherwise quoted-printable (readable when mostly ASCII)
    or base64 (compact for Hindi and the like), whichever is shorter."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.removesuffix("\n").split("\n")
    if text.isascii() and "\x00" not in text and all(len(line) <= 998 for line in lines):
        return b"".join(line.encode("ascii") + b"\r\n" for line in lines), "7bit"
    data = "\n".join(lines).encode("utf-8") + b"\n"
    quoted = binascii.b2a_qp(data, istext=True).replace(b"\n", b"\r\n")
    based = base64.encodebytes(data.replace(b"\n", b"\r\n")).replace(b"\n", b"\r\n")
    return (quoted, "quoted-printable") if len(quoted) <= len(based) else (based, "base64")
