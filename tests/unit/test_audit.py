"""The audit log service: admins only; CSV that a spreadsheet opens safely."""

import csv
import io
import json

import pytest

from mb.bootstrap import Services
from mb.domain.errors import PermissionDenied
from mb.domain.model.audit_query import AuditQuery
from mb.domain.model.flags import Flag
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from tests.conftest import PASSWORD, registration
from tests.fakes import FakeClock, Store


async def test_only_admins_read_or_export_the_audit_log(services: Services, mentor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        await services.audit.search(mentor, AuditQuery())
    with pytest.raises(PermissionDenied):
        await services.audit.export_csv(mentor, AuditQuery())


async def test_search_pages_and_lists_the_actions_for_the_filter(
    services: Services, admin: Actor, clock: FakeClock, store: Store
) -> None:
    for _ in range(3):
        await services.flags.set(admin, Flag.GAMIFICATION, False)
        clock.advance(minutes=1)
    page = await services.audit.search(admin, AuditQuery(action="flag."), offset=1, limit=1)
    assert page.total == 3 and len(page.listings) == 1
    assert page.actions == tuple(sorted({e.action for e in store.audit}))
    assert page.listings[0].actor is not None and page.listings[0].actor.email == "admin@example.org"


async def test_the_export_has_every_match_and_no_cell_a_spreadsheet_would_run(
    services: Services, admin: Actor
) -> None:
    sneaky = Actor.of(
        await services.accounts.create_staff(admin, "sneaky@example.org", PASSWORD, Role.ADMIN, "=SUM(A1:A9)")
    )
    youth = await services.accounts.register_youth(registration("priya@example.org"))
    assert youth.id is not None
    for who in (admin, sneaky):
        await services.engagement.adjust_points(who, youth.id, 5, "Helped a peer")
    data = await services.audit.export_csv(admin, AuditQuery(action="points.adjusted"))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["at_utc", "actor_email", "actor_name", "action", "target_type", "target_id", "details"]
    assert [row[2] for row in rows[1:]] == ["'=SUM(A1:A9)", "Asha Admin"]
    assert rows[1][3:6] == ["points.adjusted", "user", str(youth.id)]
    assert json.loads(rows[1][6]) == {"amount": 5, "reason": "Helped a peer"}
