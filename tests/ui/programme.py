"""The programme a UI test starts from, arranged through the services: modules with a guide (and a
quiz where asked), their assignment to a youth, and Priya as her mentor sees her."""

from dataclasses import dataclass

from mb.bootstrap import Services
from mb.domain.model.module import Module, ModuleDetails, Question, Quiz
from mb.domain.model.user import Actor
from mb.domain.model.youth_filter import YouthFilter

QUIZ = Quiz(
    (
        Question("How do you greet a customer?", ("Hey you", "Good morning, how may I help?"), 1),
        Question("A reply to an email should be…", ("Prompt and polite", "Written in capitals"), 0),
    ),
    pass_mark=100,
)


async def a_module(
    services: Services,
    admin: Actor,
    code: str,
    title: str,
    quiz: Quiz | None = None,
    after: Module | None = None,
) -> Module:
    details = ModuleDetails(
        code=code,
        title=title,
        description="Speak and write well at work.",
        duration_hours=2.5,
        sector="Retail",
        due_in_days=14,
        prerequisites=[after.id] if after and after.id else [],
    )
    module = await services.catalogue.create_module(admin, details)
    assert module.id is not None
    if quiz:
        await services.catalogue.set_quiz(admin, module.id, quiz)
    await services.catalogue.add_material(admin, module.id, "guide.pdf", b"%PDF-1.4 a guide")
    return module


async def assign(services: Services, admin: Actor, module: Module, youth_id: int) -> None:
    assert module.id is not None
    assert await services.learning.assign(admin, module.id, YouthFilter(user_ids=(youth_id,))) == 1


@dataclass(frozen=True)
class MentoredYouth:
    """Priya, mentored by Ravi: she completed Workplace English, quiz and all, an hour apart each
    step, and holds Customer Service, not started."""

    id: int
    english_id: int
    service_id: int
