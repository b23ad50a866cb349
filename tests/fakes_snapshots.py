from typing import Protocol

from mb.domain.model.insights import InsightSnapshot


class HoldsSnapshots(Protocol):
    snapshots: dict[str, InsightSnapshot]


class FakeInsightSnapshots:
    def __init__(self, store: HoldsSnapshots) -> None:
        self._store = store

    async def get(self, name: str) -> InsightSnapshot | None:
        return self._store.snapshots.get(name)

    async def save(self, snapshot: InsightSnapshot) -> None:
        self._store.snapshots[snapshot.name] = snapshot
