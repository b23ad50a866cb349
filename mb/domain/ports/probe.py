from typing import Protocol


class Probe(Protocol):
    """A dependency's readiness check; returns a short detail or raises."""

    async def __call__(self) -> str: ...
