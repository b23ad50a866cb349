"""Issuing student IDs nobody holds yet: one at registration, thousands at an import."""

from collections.abc import Sequence

from mb.domain.ports.repositories import UserRepository
from mb.domain.rules.student_id import new_student_id

STUDENT_ID_ATTEMPTS = 20


async def free_student_id(users: UserRepository, region: str, year: int) -> str:
    """A random student ID for `region` and `year` that no one holds."""
    return (await free_student_ids(users, [region], year))[0]


async def free_student_ids(users: UserRepository, regions: Sequence[str], year: int) -> list[str]:
    """A distinct random student ID for each of `regions` (one a youth), none already held.

    Candidates are checked in bulk; the few that collide are drawn again.
    """
    chosen: dict[int, str] = {}
    for _ in range(STUDENT_ID_ATTEMPTS):
        candidates = {i: new_student_id(region, year) for i, region in enumerate(regions) if i not in chosen}
        if not candidates:
            break
        unavailable = await users.student_ids_taken(candidates.values()) | set(chosen.values())
        for i, candidate in candidates.items():
            if candidate not in unavailable:
                chosen[i] = candidate
                unavailable.add(candidate)
    if len(chosen) < len(regions):
        raise RuntimeError("could not find free student IDs")  # 31^5 ids a region-year: not reached
    return [chosen[i] for i in range(len(regions))]
