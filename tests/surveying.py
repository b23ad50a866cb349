"""Setting up surveys in tests: the starting templates, a distribution, its links."""

from mb.bootstrap import Services
from mb.domain.model.invitation import Audience, Distribution
from mb.domain.model.survey import SurveyTemplate, TemplateType
from mb.domain.model.survey_views import RecipientChoice
from mb.domain.model.user import Actor
from tests.fakes import Store

EVERYONE = RecipientChoice(Audience.YOUTH)


async def starting_template(services: Services, admin: Actor, type_: TemplateType) -> SurveyTemplate:
    await services.survey_templates.install_starters()
    listing = await services.survey_templates.templates(admin)
    return next(entry.template for entry in listing if entry.template.type is type_)


async def send(
    services: Services, admin: Actor, template: SurveyTemplate, choice: RecipientChoice = EVERYONE
) -> Distribution:
    assert template.id is not None
    distribution, _ = await services.distribution.distribute(admin, template.id, choice)
    return distribution


def token_in(link: str) -> str:
    return link.rsplit("/s/", 1)[1]


async def tokens(
    services: Services, admin: Actor, store: Store, distribution: Distribution
) -> dict[str, str]:
    """Recipient email → the token of their invitation in this distribution."""
    found = {}
    for invitation in store.surveys.invitations.values():
        if invitation.distribution_id == distribution.id and invitation.id is not None:
            found[invitation.recipient_email] = token_in(
                await services.distribution.link_for(admin, invitation.id)
            )
    return found
