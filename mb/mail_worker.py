"""The background sender inside `mb serve`: drains the outbox whenever mail is queued, and looks
again every few seconds for retries that fell due."""

import asyncio
import contextlib
import logging

from mb.domain.errors import DomainError
from mb.domain.services.mail_delivery import MailDeliveryService

log = logging.getLogger("mb.mail")
IDLE_LOOK_S = 5.0
AFTER_FAILURE_S = 30.0


class MailWorker:
    """Start with `start()`; `stop()` lets the round in progress finish recording what it sent."""

    def __init__(self, delivery: MailDeliveryService, idle_s: float = IDLE_LOOK_S) -> None:
        self._delivery = delivery
        self._idle_s = idle_s
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="mail worker")

    async def stop(self, grace_s: float = 30.0) -> None:
        self._stopping.set()
        self._delivery.mail_queued()  # wake it so it notices
        if self._task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(self._task), grace_s)
        except TimeoutError:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        log.info("mail.worker_started")
        while not self._stopping.is_set():
            try:
                done = await self._delivery.deliver_due()
            except DomainError as error:
                log.warning("mail.worker_paused", extra={"reason": error.message})
                await self._wait(AFTER_FAILURE_S)
                continue
            except Exception:
                log.exception("mail.worker_failed")
                await self._wait(AFTER_FAILURE_S)
                continue
            if done.handled:
                log.info("mail.round", extra={"sent": done.sent, "failed": done.failed})
            else:
                await self._wait(self._idle_s)
        log.info("mail.worker_stopped")

    async def _wait(self, seconds: float) -> None:
        wake = self._delivery.wake
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), seconds)
        wake.clear()
