"""SQLite backups behind the port the system page and the daily schedule use."""

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mb.adapters.blob.local import LocalBlobStore
from mb.adapters.db.backups_store import BACKUP_CONTAINER, SqliteBackups
from mb.adapters.db.engine import create_engine
from mb.adapters.db.migrate import head_revision, upgrade
from mb.domain.errors import NotFound, Unavailable
from tests.fakes import FakeBlobStore

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


@pytest.fixture
async def database(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'mb_app.db'}"
    engine = create_engine(url)
    await upgrade(engine)
    await engine.dispose()
    return url


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def backups_at(url: str, tmp_path: Path, blobs: object, now: datetime = NOW) -> SqliteBackups:
    return SqliteBackups(url, tmp_path / "backups", blobs, now=lambda: now)  # type: ignore[arg-type]


async def test_a_backup_is_verified_uploaded_listed_and_downloadable(database: str, tmp_path: Path) -> None:
    blobs = LocalBlobStore(tmp_path / "blobs")
    backups = backups_at(database, tmp_path, blobs)
    taken = await backups.take(upload=True, keep_days=None)
    assert taken.copy.name == "mb_app_20261128-093000.db" and taken.revision == head_revision()
    assert "mb_users" in taken.rows and taken.copy.local and taken.copy.uploaded
    (listed,) = await backups.list()
    assert (listed.name, listed.local, listed.uploaded, listed.taken_at) == (taken.copy.name, True, True, NOW)
    path = Path(await backups.local_file(taken.copy.name))
    assert await asyncio.to_thread(path.read_bytes) == await blobs.get(BACKUP_CONTAINER, taken.copy.name)


async def test_old_copies_are_pruned_here_and_in_the_container(database: str, tmp_path: Path) -> None:
    blobs = FakeBlobStore()
    old = "mb_app_20261101-000000.db"
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / old).write_bytes(b"x")
    await blobs.put(BACKUP_CONTAINER, old, b"x", "application/octet-stream")
    await blobs.put(BACKUP_CONTAINER, "mb_app_20261120-000000.db", b"x", "application/octet-stream")
    taken = await backups_at(database, tmp_path, blobs).take(upload=False, keep_days=14)
    assert (taken.removed_local, taken.removed_uploaded) == ((old,), (old,))
    names = [(c.name, c.local, c.uploaded) for c in await backups_at(database, tmp_path, blobs).list()]
    assert names == [(taken.copy.name, True, False), ("mb_app_20261120-000000.db", False, True)]


async def test_an_unreachable_container_keeps_the_local_copy_and_says_so(
    database: str, tmp_path: Path
) -> None:
    blobs = FakeBlobStore()
    blobs.down = True

    async def refuse(*_: object) -> None:
        raise Unavailable("The storage account cannot be reached.")

    blobs.put = refuse  # type: ignore[method-assign]
    with pytest.raises(
        Unavailable, match=r"The backup is kept at .*, but: The storage account cannot be reached\."
    ):
        await backups_at(database, tmp_path, blobs).take(upload=True, keep_days=None)
    assert len(list((tmp_path / "backups").glob("mb_app_*.db"))) == 1


async def test_a_folder_that_cannot_be_written_fails_clearly_and_leaves_nothing(
    database: str, tmp_path: Path
) -> None:
    (tmp_path / "backups").write_text("a file where the backup folder should be")
    with pytest.raises(Unavailable, match="The backup failed"):
        await backups_at(database, tmp_path, FakeBlobStore()).take(upload=False, keep_days=None)
    assert names(tmp_path) == ["backups", "data"] and names(tmp_path / "data") == ["mb_app.db"]


async def test_a_missing_database_fails_clearly(tmp_path: Path) -> None:
    backups = backups_at(f"sqlite+aiosqlite:///{tmp_path / 'none.db'}", tmp_path, FakeBlobStore())
    with pytest.raises(Unavailable, match="run `mb init-db` first"):
        await backups.take(upload=False, keep_days=None)


async def test_only_backups_in_the_folder_can_be_downloaded(database: str, tmp_path: Path) -> None:
    backups = backups_at(database, tmp_path, FakeBlobStore())
    taken = await backups.take(upload=False, keep_days=None)
    (tmp_path / "backups" / "notes.txt").write_text("x")
    for name in (
        "../data/mb_app.db",
        "notes.txt",
        "mb_app_20200101-000000.db",
        "pre-restore_20261128-093000.db",
    ):
        with pytest.raises(NotFound):
            await backups.local_file(name)
    assert await backups.local_file(taken.copy.name)


async def test_a_server_database_is_not_backed_up_here_and_says_what_to_use(tmp_path: Path) -> None:
    backups = backups_at("postgresql+asyncpg://mb:secret@db.example.org/mb", tmp_path, FakeBlobStore())
    reason = backups.unsupported_reason()
    assert reason is not None and "pg_dump" in reason and "secret" not in reason
    with pytest.raises(Unavailable, match="pg_dump"):
        await backups.take(upload=False, keep_days=None)
    assert not (tmp_path / "backups").exists()


async def test_copies_listed_newest_first_even_when_storage_is_down(database: str, tmp_path: Path) -> None:
    blobs = FakeBlobStore()
    first = await backups_at(database, tmp_path, blobs).take(upload=True, keep_days=None)
    later = await backups_at(database, tmp_path, blobs, NOW + timedelta(hours=1)).take(
        upload=False, keep_days=None
    )
    blobs.down = True

    async def down(*_: object) -> list[str]:
        raise Unavailable("storage is down")

    blobs.list = down  # type: ignore[method-assign,assignment]
    names = [c.name for c in await backups_at(database, tmp_path, blobs).list()]
    assert names == [later.copy.name, first.copy.name]
