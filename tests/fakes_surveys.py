"""In-memory fakes of the survey repositories: templates, placements, distributions, invitations,
responses and the mail outbox, over the same Store as tests/fakes.py."""

import copy
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from mb.domain.errors import Conflict
from mb.domain.model.invitation import (
    Audience,
    Delivery,
    DeliveryStatus,
    Distribution,
    Invitation,
    SurveyResponse,
)
from mb.domain.model.mail import OutboxMessage, OutboxStatus
from mb.domain.model.placement import Placement
from mb.domain.model.survey import SurveyTemplate
from mb.domain.model.survey_views import DistributionCounts, Recipient
from mb.domain.model.youth_filter import YouthFilter
from tests.fakes_learning import matching_youth

if TYPE_CHECKING:
    from tests.fakes import Store

TEXT_LENGTH = 500  # failure reasons and mail errors are cut to what the SQL columns hold
WAITING = (OutboxStatus.QUEUED, OutboxStatus.FAILED)


@dataclass
class SurveyStore:
    templates: dict[int, SurveyTemplate] = field(default_factory=dict)
    placements: dict[int, Placement] = field(default_factory=dict)
    distributions: dict[int, Distribution] = field(default_factory=dict)
    invitations: dict[int, Invitation] = field(default_factory=dict)
    responses: dict[int, SurveyResponse] = field(default_factory=dict)
    outbox: dict[int, OutboxMessage] = field(default_factory=dict)


class FakeSurveyTemplateRepository:
    def __init__(self, store: "Store") -> None:
        self._surveys = store.surveys

    async def add(self, template: SurveyTemplate) -> SurveyTemplate:
        taken = {(t.family_id, t.version) for t in self._surveys.templates.values()}
        if template.family_id is not None and (template.family_id, template.version) in taken:
            raise Conflict("this version of the template exists already")
        template.id = max(self._surveys.templates, default=0) + 1
        if template.family_id is None:
            template.family_id = template.id
        self._surveys.templates[template.id] = copy.deepcopy(template)
        return template

    async def get(self, template_id: int) -> SurveyTemplate | None:
        return copy.deepcopy(self._surveys.templates.get(template_id))

    async def update(self, template: SurveyTemplate) -> None:
        if template.id not in self._surveys.templates:
            raise LookupError(f"survey template {template.id} vanished")
        stored = copy.deepcopy(template)
        stored.family_id = stored.family_id if stored.family_id is not None else stored.id
        self._surveys.templates[template.id] = stored

    async def current(self) -> Sequence[SurveyTemplate]:
        found = [t for t in self._surveys.templates.values() if t.current]
        return copy.deepcopy(sorted(found, key=lambda t: (t.name, t.id or 0)))

    async def versions(self, family_id: int) -> Sequence[SurveyTemplate]:
        found = [t for t in self._surveys.templates.values() if t.family_id == family_id]
        return copy.deepcopy(sorted(found, key=lambda t: (t.version, t.id or 0)))

    async def current_of_type(self, type_: str) -> SurveyTemplate | None:
        found = [t for t in self._surveys.templates.values() if t.type == type_ and t.current and t.active]
        return copy.deepcopy(min(found, key=lambda t: (t.family_id or 0, t.id or 0), default=None))


class FakePlacementRepository:
    def __init__(self, store: "Store") -> None:
        self._surveys = store.surveys

    async def add(self, placement: Placement) -> Placement:
        placement.id = max(self._surveys.placements, default=0) + 1
        self._surveys.placements[placement.id] = copy.deepcopy(placement)
        return placement

    async def get(self, placement_id: int) -> Placement | None:
        return copy.deepcopy(self._surveys.placements.get(placement_id))

    async def recent(self, offset: int, limit: int, youth_id: int | None = None) -> Sequence[Placement]:
        found = sorted(self._of(youth_id), key=lambda p: (p.start_date, p.id or 0), reverse=True)
        return copy.deepcopy(found[offset : offset + limit])

    async def count(self, youth_id: int | None = None) -> int:
        return len(self._of(youth_id))

    def _of(self, youth_id: int | None) -> list[Placement]:
        return [p for p in self._surveys.placements.values() if youth_id is None or p.youth_id == youth_id]


class FakeDistributionRepository:
    def __init__(self, store: "Store") -> None:
        self._surveys = store.surveys

    async def add(self, distribution: Distribution) -> Distribution:
        distribution.id = max(self._surveys.distributions, default=0) + 1
        self._surveys.distributions[distribution.id] = copy.deepcopy(distribution)
        return distribution

    async def get(self, distribution_id: int) -> Distribution | None:
        return copy.deepcopy(self._surveys.distributions.get(distribution_id))

    async def automatic_for(self, template_id: int) -> Distribution | None:
        found = (
            d
            for _, d in sorted(self._surveys.distributions.items())
            if d.template_id == template_id and d.automatic
        )
        return copy.deepcopy(next(found, None))

    async def recent(self, offset: int, limit: int) -> Sequence[Distribution]:
        found = sorted(
            self._surveys.distributions.values(), key=lambda d: (d.created_at, d.id or 0), reverse=True
        )
        return copy.deepcopy(found[offset : offset + limit])

    async def count(self) -> int:
        return len(self._surveys.distributions)

    async def counts(self, distribution_ids: Collection[int], now: datetime) -> dict[int, DistributionCounts]:
        found: dict[int, DistributionCounts] = {}
        for distribution_id in distribution_ids:
            mine = [i for i in self._surveys.invitations.values() if i.distribution_id == distribution_id]
            found[distribution_id] = DistributionCounts(
                invited=len(mine),
                queued=sum(i.delivery is DeliveryStatus.QUEUED for i in mine),
                sent=sum(i.delivery is DeliveryStatus.SENT for i in mine),
                failed=sum(i.delivery is DeliveryStatus.FAILED for i in mine),
                opened=sum(i.opened_at is not None for i in mine),
                completed=sum(i.completed_at is not None for i in mine),
                expired=sum(i.completed_at is None and i.expires_at <= now for i in mine),
            )
        return found


class FakeInvitationRepository:
    def __init__(self, store: "Store") -> None:
        self._store = store
        self._surveys = store.surveys

    async def add_many(self, invitations: Sequence[Invitation]) -> list[int]:
        hashes = [i.token_hash for i in self._surveys.invitations.values() if i.token_hash is not None]
        hashes += [i.token_hash for i in invitations if i.token_hash is not None]
        if len(hashes) != len(set(hashes)):
            raise Conflict("a token hash is stored already")
        ids = []
        first_id = max(self._surveys.invitations, default=0) + 1
        for invitation_id, invitation in enumerate(invitations, start=first_id):
            invitation.id = invitation_id
            stored = copy.deepcopy(invitation)
            stored.failure_reason = stored.failure_reason[:TEXT_LENGTH]
            self._surveys.invitations[invitation.id] = stored
            ids.append(invitation.id)
        return ids

    async def get(self, invitation_id: int) -> Invitation | None:
        return copy.deepcopy(self._surveys.invitations.get(invitation_id))

    async def get_many(self, invitation_ids: Collection[int]) -> dict[int, Invitation]:
        return {
            i: copy.deepcopy(self._surveys.invitations[i])
            for i in sorted(set(invitation_ids))
            if i in self._surveys.invitations
        }

    async def by_token_hash(self, token_hash: str) -> Invitation | None:
        found = (i for i in self._surveys.invitations.values() if i.token_hash == token_hash)
        return copy.deepcopy(next(found, None))

    async def mark_opened(self, invitation_id: int, at: datetime) -> None:
        invitation = self._surveys.invitations.get(invitation_id)
        if invitation is not None and invitation.opened_at is None:
            invitation.opened_at = at

    async def complete(self, invitation_id: int, at: datetime) -> bool:
        invitation = self._surveys.invitations.get(invitation_id)
        if invitation is None or invitation.completed_at is not None:
            return False
        invitation.completed_at = at
        return True

    async def record_delivery(
        self, invitation_id: int, status: DeliveryStatus, reason: str, sent_at: datetime | None
    ) -> None:
        invitation = self._surveys.invitations.get(invitation_id)
        if invitation is None:
            return
        invitation.delivery, invitation.failure_reason = status, reason[:TEXT_LENGTH]
        if sent_at is not None:
            invitation.sent_at = sent_at

    async def record_deliveries(self, deliveries: Sequence[Delivery]) -> None:
        for d in deliveries:
            await self.record_delivery(d.invitation_id, d.status, d.reason, d.sent_at)

    async def record_reminder(self, invitation_id: int, reminders_seen: int, at: datetime) -> bool:
        invitation = self._surveys.invitations.get(invitation_id)
        if invitation is None or invitation.reminders_sent != reminders_seen:
            return False
        invitation.reminders_sent += 1
        invitation.last_reminded_at = at
        return True

    async def youth_recipients(
        self, youth: YouthFilter, family_id: int, now: datetime
    ) -> Sequence[Recipient]:
        return [
            Recipient(
                user.email,
                user_id,
                None,
                user.full_name,
                self._held(family_id, now, Audience.YOUTH, youth_id=user_id),
            )
            for user_id, user in matching_youth(self._store, youth)
        ]

    async def employer_recipients(
        self, started_from: date | None, started_to: date | None, family_id: int, now: datetime
    ) -> Sequence[Recipient]:
        starting = [
            p
            for p in self._surveys.placements.values()
            if (started_from is None or p.start_date >= started_from)
            and (started_to is None or p.start_date <= started_to)
        ]
        return [
            Recipient(
                p.contact_email,
                p.youth_id,
                p.id,
                self._store.users[p.youth_id].full_name,
                self._held(family_id, now, Audience.EMPLOYER, placement_id=p.id),
            )
            for p in sorted(starting, key=lambda p: (p.start_date, p.id or 0))
        ]

    async def due_for_reminder(
        self,
        sent_before: datetime,
        max_reminders: int,
        now: datetime,
        distribution_id: int | None,
        limit: int,
    ) -> Sequence[Invitation]:
        found = [
            i
            for _, i in sorted(self._surveys.invitations.items())
            if i.sent_at is not None
            and i.completed_at is None
            and i.expires_at > now
            and i.reminders_sent < max_reminders
            and (i.last_reminded_at or i.sent_at) < sent_before
            and (distribution_id is None or i.distribution_id == distribution_id)
        ]
        return copy.deepcopy(found[:limit])

    async def pending_for_youth(self, youth_id: int, now: datetime) -> Sequence[Invitation]:
        found = [
            i
            for i in self._surveys.invitations.values()
            if i.youth_id == youth_id and i.audience is Audience.YOUTH and i.is_open(now)
        ]
        return copy.deepcopy(sorted(found, key=lambda i: (i.expires_at, i.id or 0)))

    async def for_distribution(self, distribution_id: int, offset: int, limit: int) -> Sequence[Invitation]:
        found = [
            i for _, i in sorted(self._surveys.invitations.items()) if i.distribution_id == distribution_id
        ]
        return copy.deepcopy(found[offset : offset + limit])

    async def sent_and_answered(
        self, distribution_id: int
    ) -> Sequence[tuple[datetime | None, datetime | None]]:
        return [
            (i.sent_at, i.completed_at)
            for i in self._surveys.invitations.values()
            if i.distribution_id == distribution_id and (i.sent_at or i.completed_at)
        ]

    async def purge_expired(self, before: datetime) -> int:
        purged = [
            i
            for i in self._surveys.invitations.values()
            if i.expires_at < before and i.token_hash is not None
        ]
        for invitation in purged:
            invitation.token_hash = invitation.token_seed = None
        return len(purged)

    def _held(
        self,
        family_id: int,
        now: datetime,
        audience: Audience,
        *,
        youth_id: int | None = None,
        placement_id: int | None = None,
    ) -> bool:
        """An open invitation to any version of the template for this youth (or placement)."""
        family = {t.id for t in self._surveys.templates.values() if t.family_id == family_id}
        return any(
            i.template_id in family
            and i.is_open(now)
            and i.audience is audience
            and (youth_id is None or i.youth_id == youth_id)
            and (placement_id is None or i.placement_id == placement_id)
            for i in self._surveys.invitations.values()
        )


class FakeResponseRepository:
    def __init__(self, store: "Store") -> None:
        self._surveys = store.surveys

    async def add(self, response: SurveyResponse) -> SurveyResponse:
        if response.invitation_id is not None and any(
            r.invitation_id == response.invitation_id for r in self._surveys.responses.values()
        ):
            raise Conflict("this invitation is answered already")
        response.id = max(self._surveys.responses, default=0) + 1
        self._surveys.responses[response.id] = copy.deepcopy(response)
        return response

    async def for_distribution(self, distribution_id: int) -> Sequence[SurveyResponse]:
        return self._where(lambda r: r.distribution_id == distribution_id)

    async def for_template(self, template_id: int) -> Sequence[SurveyResponse]:
        return self._where(lambda r: r.template_id == template_id)

    async def count_for_template(self, template_id: int) -> int:
        return sum(r.template_id == template_id for r in self._surveys.responses.values())

    async def count_for_family(self, family_id: int) -> int:
        family = {t.id for t in self._surveys.templates.values() if t.family_id == family_id}
        return sum(r.template_id in family for r in self._surveys.responses.values())

    def _where(self, wanted: Callable[[SurveyResponse], bool]) -> list[SurveyResponse]:
        return [copy.deepcopy(r) for _, r in sorted(self._surveys.responses.items()) if wanted(r)]


class FakeOutbox:
    def __init__(self, store: "Store") -> None:
        self._surveys = store.surveys

    async def add_many(self, messages: Sequence[OutboxMessage]) -> None:
        for message in messages:
            stored = copy.deepcopy(message)
            stored.id = max(self._surveys.outbox, default=0) + 1
            stored.last_error = stored.last_error[:TEXT_LENGTH]
            self._surveys.outbox[stored.id] = stored

    async def claim(self, now: datetime, lease_until: datetime, limit: int) -> Sequence[OutboxMessage]:
        due = [
            m
            for _, m in sorted(self._surveys.outbox.items())
            if m.status in WAITING
            and m.next_attempt_at <= now
            and (m.claimed_until is None or m.claimed_until < now)
        ][:limit]
        for message in due:
            message.claimed_until = lease_until
        return copy.deepcopy(due)

    async def save(self, message: OutboxMessage) -> None:
        stored = self._surveys.outbox.get(message.id or 0)
        message.claimed_until = None
        if stored is None:
            return
        stored.status, stored.attempts = message.status, message.attempts
        stored.last_error = message.last_error[:TEXT_LENGTH]
        stored.next_attempt_at, stored.sent_at, stored.claimed_until = (
            message.next_attempt_at,
            message.sent_at,
            None,
        )

    async def save_many(self, messages: Sequence[OutboxMessage]) -> None:
        for message in messages:
            await self.save(message)

    async def pending(self) -> int:
        return sum(m.status in WAITING for m in self._surveys.outbox.values())

    async def retry_given_up(self, distribution_id: int, now: datetime) -> list[int]:
        invitations = self._surveys.invitations
        retried = set()
        for message in self._surveys.outbox.values():
            invitation = invitations.get(message.invitation_id)
            if (
                message.status is OutboxStatus.GAVE_UP
                and invitation is not None
                and invitation.distribution_id == distribution_id
                and invitation.completed_at is None
                and invitation.expires_at > now
            ):
                message.status, message.attempts, message.last_error = OutboxStatus.QUEUED, 0, ""
                message.next_attempt_at, message.claimed_until = now, None
                retried.add(message.invitation_id)
        return sorted(retried)

    async def purge_sent(self, before: datetime) -> int:
        gone = [
            i
            for i, m in self._surveys.outbox.items()
            if m.status is OutboxStatus.SENT and m.sent_at is not None and m.sent_at < before
        ]
        for message_id in gone:
            del self._surveys.outbox[message_id]
        return len(gone)
