"""Results on fakes: counts per distribution, the rate over time, answers per question, CSV."""

from mb.bootstrap import Services
from mb.domain.model.survey import TemplateType
from mb.domain.model.user import Actor
from tests.fakes import FakeClock, Store
from tests.surveying import send, starting_template, tokens

ANSWERS = {
    "sectors": ["Retail"],
    "confidence": 2,
    "work_mode": "Part time",
    "relocate": "no",
    "goal": "=SUM(A1)",
}


async def test_results_count_delivery_openings_answers_and_gather_each_question(
    services: Services, admin: Actor, register: object, store: Store, clock: FakeClock
) -> None:
    for name in ("priya", "arjun", "kavya"):
        await register(f"{name}@example.org", full_name=name.title())  # type: ignore[operator]
    career = await starting_template(services, admin, TemplateType.CAREER)
    distribution = await send(services, admin, career)
    assert distribution.id is not None
    await services.mail_delivery.deliver_due()
    links = await tokens(services, admin, store, distribution)
    await services.responding.open(links["arjun@example.org"])
    clock.advance(days=1)
    await services.responding.submit(links["priya@example.org"], ANSWERS)
    await services.responding.submit(links["kavya@example.org"], {**ANSWERS, "confidence": 5, "goal": ""})

    results = await services.survey_results.results(admin, distribution.id)

    counts = results.summary.counts
    assert (counts.invited, counts.sent, counts.opened, counts.completed) == (3, 3, 3, 2)
    assert round(counts.response_rate, 1) == 66.7
    assert [(d.sent, d.completed) for d in results.over_time] == [(3, 0), (0, 2)]
    assert results.over_time[-1].cumulative_rate == 66.7
    by_key = {q.question.key: q for q in results.questions}
    assert by_key["confidence"].average == 3.5
    assert by_key["goal"].texts == ["=SUM(A1)"]

    lines = (
        (await services.survey_results.export_csv(admin, distribution.id)).decode("utf-8-sig").splitlines()
    )
    assert lines[0] == "response,submitted_at,email,name,sectors,confidence,work_mode,relocate,goal"
    assert "priya@example.org,Priya,Retail,2,Part time,No,'=SUM(A1)" in lines[1]
    assert len(lines) == 3
