"""Survey templates: admins write them; once anyone has answered, an edit makes a new version."""

import logging
from collections.abc import Callable
from datetime import datetime

from mb.domain.errors import Conflict, InvalidInput, NotFound
from mb.domain.model.audit import AuditEntry
from mb.domain.model.roles import Role
from mb.domain.model.survey import SurveyTemplate, TemplateDraft
from mb.domain.model.survey_views import TemplateListing
from mb.domain.model.user import Actor
from mb.domain.ports.clock import Clock
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.starter_templates import starter_templates
from mb.domain.rules.survey_template import normalised, template_problems
from mb.domain.services.access import require_role

log = logging.getLogger("mb.surveys")


class SurveyTemplateService:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def templates(self, actor: Actor) -> list[TemplateListing]:
        """The newest version of every template, with how many responses all its versions have."""
        require_role(actor, Role.ADMIN)
        async with self._uow() as uow:
            current = await uow.survey_templates.current()
            return [TemplateListing(t, await uow.responses.count_for_family(_family(t))) for t in current]

    async def template(self, actor: Actor, template_id: int) -> SurveyTemplate:
        require_role(actor, Role.ADMIN)
        async with self._uow() as uow:
            return await _existing(uow, template_id)

    async def responses_to(self, actor: Actor, template_id: int) -> int:
        """How many answered this version: while none has, an edit stays in place."""
        require_role(actor, Role.ADMIN)
        async with self._uow() as uow:
            await _existing(uow, template_id)
            return await uow.responses.count_for_template(template_id)

    async def versions(self, actor: Actor, template_id: int) -> list[SurveyTemplate]:
        require_role(actor, Role.ADMIN)
        async with self._uow() as uow:
            template = await _existing(uow, template_id)
            return list(await uow.survey_templates.versions(_family(template)))

    async def create(self, actor: Actor, draft: TemplateDraft) -> SurveyTemplate:
        require_role(actor, Role.ADMIN)
        draft = _valid(draft)
        async with self._uow() as uow:
            template = await uow.survey_templates.add(
                _version_of(draft, created_by=actor.user_id, created_at=self._clock.now())
            )
            await self._audit(uow, actor, "survey_template.created", template)
            await uow.commit()
        return template

    async def save(self, actor: Actor, template_id: int, draft: TemplateDraft) -> SurveyTemplate:
        """Edit in place while nobody has answered this version; otherwise store a new version that
        new distributions use, keeping the old one (and its answers) as they were."""
        require_role(actor, Role.ADMIN)
        draft = _valid(draft)
        async with self._uow() as uow:
            template = await _existing(uow, template_id)
            if not template.current:
                raise Conflict("A newer version of this survey exists; edit that one instead.")
            if await uow.responses.count_for_template(template_id):
                template.current = False
                await uow.survey_templates.update(template)
                saved = await uow.survey_templates.add(
                    _version_of(
                        draft,
                        version=template.version + 1,
                        family_id=_family(template),
                        active=template.active,
                        created_by=actor.user_id,
                        created_at=self._clock.now(),
                    )
                )
                action = "survey_template.new_version"
            else:
                template.name, template.type, template.description = draft.name, draft.type, draft.description
                template.anonymous, template.questions = draft.anonymous, list(draft.questions)
                await uow.survey_templates.update(template)
                saved, action = template, "survey_template.edited"
            await self._audit(uow, actor, action, saved)
            await uow.commit()
        return saved

    async def set_active(self, actor: Actor, template_id: int, active: bool) -> None:
        """An inactive template cannot be distributed; links already sent keep working."""
        require_role(actor, Role.ADMIN)
        async with self._uow() as uow:
            template = await _existing(uow, template_id)
            template.active = active
            await uow.survey_templates.update(template)
            action = "survey_template.activated" if active else "survey_template.deactivated"
            await self._audit(uow, actor, action, template)
            await uow.commit()

    async def install_starters(self) -> list[str]:
        """Add the starting templates whose type has no template yet; returns the names added.
        Called by `mb init-db`, so it is safe to run again."""
        added: list[str] = []
        async with self._uow() as uow:
            have = {t.type for t in await uow.survey_templates.current()}
            for draft in starter_templates():
                if draft.type not in have:
                    await uow.survey_templates.add(_version_of(draft, created_at=self._clock.now()))
                    added.append(draft.name)
            await uow.commit()
        return added

    async def _audit(self, uow: UnitOfWork, actor: Actor, action: str, template: SurveyTemplate) -> None:
        details = {"name": template.name, "version": template.version}
        await uow.audit.record(
            AuditEntry(self._clock.now(), actor.user_id, action, "survey_template", str(template.id), details)
        )
        log.info(action, extra={"template_id": template.id, "user_id": actor.user_id})


def _version_of(
    draft: TemplateDraft,
    *,
    created_at: datetime,
    created_by: int | None = None,
    version: int = 1,
    family_id: int | None = None,
    active: bool = True,
) -> SurveyTemplate:
    return SurveyTemplate(
        name=draft.name,
        type=draft.type,
        description=draft.description,
        anonymous=draft.anonymous,
        questions=list(draft.questions),
        version=version,
        family_id=family_id,
        active=active,
        created_by=created_by,
        created_at=created_at,
    )


def _valid(draft: TemplateDraft) -> TemplateDraft:
    if problems := template_problems(draft):
        raise InvalidInput(problems)
    return normalised(draft)


def _family(template: SurveyTemplate) -> int:
    family = template.family_id or template.id
    assert family is not None
    return family


async def _existing(uow: UnitOfWork, template_id: int) -> SurveyTemplate:
    template = await uow.survey_templates.get(template_id)
    if template is None:
        raise NotFound("No such survey.")
    return template
