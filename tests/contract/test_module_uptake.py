"""How many youth started and completed each module, the same in memory, on SQLite and on
PostgreSQL: the effectiveness behind recommendations."""

from datetime import timedelta

from mb.domain.model.assignment import Assignment, AssignmentStatus
from mb.domain.model.recommendation import Uptake
from tests.contract.test_learning_repositories import T0, UowFactory, a_module, a_user, add, id_of

DAY = timedelta(days=1)


async def test_uptake_counts_starters_and_completers_among_similar_youth_and_everyone(
    uow_factory: UowFactory,
) -> None:
    graduates = [a_user(f"g{n}@example.org", education_level="graduate") for n in range(3)]
    diploma = a_user("d@example.org", education_level="iti_diploma")
    unsaid = a_user("u@example.org")
    first, second, untouched = a_module("IT-101"), a_module("IT-102"), a_module("IT-103")
    await add(uow_factory, *graduates, diploma, unsaid, first, second, untouched)
    g0, g1, g2, d, u = (id_of(person) for person in (*graduates, diploma, unsaid))
    it101, it102, it103 = (id_of(module) for module in (first, second, untouched))

    def held(user: int, module: int, started: int | None, completed: int | None) -> Assignment:
        return Assignment(
            user,
            module,
            T0,
            AssignmentStatus.COMPLETED if completed else AssignmentStatus.ACTIVE,
            100 if completed else 0,
            T0 + started * DAY if started is not None else None,
            T0 + completed * DAY if completed is not None else None,
        )

    async with uow_factory() as uow:
        for assignment in (
            held(g0, it101, 1, 3),
            held(g1, it101, 2, 8),
            held(g2, it101, 6, None),  # started late, never completed
            held(d, it101, 1, 2),
            held(u, it101, None, None),  # never started: not a learner
            held(g0, it102, 1, None),
            held(d, it102, 2, 4),
            held(u, it103, None, None),
        ):
            await uow.assignments.add(assignment)
        withdrawn = held(u, it102, 1, 2)
        withdrawn.status = AssignmentStatus.INACTIVE  # completed, then withdrawn: still completed
        await uow.assignments.add(withdrawn)
        await uow.commit()

    async with uow_factory() as uow:
        graduate = await uow.assignments.completion_by_module("graduate")
        anyone = await uow.assignments.completion_by_module(None)
        by_day_five = await uow.assignments.completion_by_module("graduate", before=T0 + 5 * DAY)
        nobody_similar = await uow.assignments.completion_by_module("postgraduate")
        before_anything = await uow.assignments.completion_by_module(None, before=T0)

    assert graduate == {it101: Uptake(3, 2, 4, 3), it102: Uptake(1, 0, 3, 2)}
    assert anyone == {it101: Uptake(4, 3, 4, 3), it102: Uptake(3, 2, 3, 2)}
    # By day five g2 had not started and g1 had not completed it.
    assert by_day_five == {it101: Uptake(2, 1, 3, 2), it102: Uptake(1, 0, 3, 2)}
    assert nobody_similar == {it101: Uptake(0, 0, 4, 3), it102: Uptake(0, 0, 3, 2)}
    assert before_anything == {}
