"""Mail as .eml files in a folder: the embedded default, for development, demos and sites without a
mail server (someone opens or forwards the files by hand)."""

import asyncio
import contextlib
import hashlib
import os
import re
import tempfile
import time
from pathlib import Path

from mb.adapters.mail import written
from mb.domain.errors import MailNotSent, Unavailable
from mb.domain.model.mail import MailMessage

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_LONGEST_STEM = 100
LEFTOVER_AGE_S = 3600.0


class OutboxFolderMailer:
    """One file per message, named after its message id: sending the same message again replaces
    its file rather than adding a second one."""

    def __init__(self, folder: Path, sender: str) -> None:
        self._folder = folder
        self._sender = sender

    async def send(self, message: MailMessage) -> None:
        data = written(message, self._sender)
        path = self._folder / file_name(message.message_id)
        try:
            await asyncio.to_thread(_write_atomically, path, data)
        except OSError as error:
            raise MailNotSent(
                f"Could not save the message to {message.to} in the folder {self._folder}: "
                f"{error.strerror or error}."
            ) from None

    async def ping(self) -> str:
        def probe() -> None:
            try:
                self._folder.mkdir(parents=True, exist_ok=True)
                # os.access says yes to root even on a read-only folder: write a file to be sure.
                with tempfile.TemporaryFile(dir=self._folder):
                    pass
                _remove_leftovers(self._folder)
            except OSError as error:
                raise Unavailable(
                    f"The mail folder {self._folder} is not writable: {error.strerror or error}."
                ) from None

        await asyncio.to_thread(probe)
        return f"folder {self._folder}"


def file_name(message_id: str) -> str:
    """Letters, digits, `.`, `_` and `-` only; an id that had to change gets a short hash of the
    original, so two ids never share a file."""
    stem = _UNSAFE.sub("_", message_id).strip("._")[:_LONGEST_STEM]
    if stem != message_id:
        stem = f"{stem}-{hashlib.sha256(message_id.encode()).hexdigest()[:12]}".lstrip("-")
    return f"{stem}.eml"


def _remove_leftovers(folder: Path) -> None:
    """A process killed mid-write leaves its hidden `.part` file; an hour later nobody is writing it."""
    stale_before = time.time() - LEFTOVER_AGE_S
    for leftover in folder.glob(".*.part"):
        with contextlib.suppress(OSError):  # another replica may remove it first
            if leftover.stat().st_mtime < stale_before:
                leftover.unlink()


def _write_atomically(path: Path, data: bytes) -> None:
    # Written beside under a name that is not .eml, then renamed: a crash never leaves half a message.
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.stem}.", suffix=".part", delete=False
        ) as handle:
            temporary = Path(handle.name)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise
