"""Every BlobStore keeps the same promises: the fake, the local folder and Azure (on Azurite)."""

import re
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from azure.storage.blob.aio import BlobServiceClient
from pydantic import SecretStr

from mb.adapters.blob.azure import AzureBlobStore
from mb.adapters.blob.local import LocalBlobStore
from mb.config import SettingsError
from mb.domain.errors import InvalidInput, NotFound, Unavailable
from mb.domain.ports.blob_store import BlobStore
from tests.fakes import FakeBlobStore, make_settings
from tests.servers.azurite import ACCOUNT_KEY, azurite_blob, connection_string, free_port

MATERIAL = bytes(range(256)) * 8 + b"\x00\xff\r\n"
UNICODE_KEY = "module-7/नमस्ते notes.pdf"


@pytest.fixture(scope="session")
def azurite() -> Iterator[str]:
    with azurite_blob() as connection:
        yield connection


@pytest.fixture(params=["fake", "local", "azure"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[BlobStore]:
    if request.param == "fake":
        yield FakeBlobStore()
    elif request.param == "local":
        yield LocalBlobStore(tmp_path / "blobs")
    else:
        azure = AzureBlobStore(request.getfixturevalue("azurite"), retries=1, retry_backoff_s=0)
        yield azure
        await azure.aclose()


@pytest.fixture
def container() -> str:
    # Azurite lives for the whole session: a fresh container keeps each test's blobs to itself.
    return f"materials-{uuid4().hex[:12]}"


async def test_a_file_comes_back_byte_for_byte(store: BlobStore, container: str) -> None:
    await store.put(container, UNICODE_KEY, MATERIAL, "application/pdf")

    assert await store.get(container, UNICODE_KEY) == MATERIAL


async def test_saving_under_the_same_name_replaces_the_file(store: BlobStore, container: str) -> None:
    await store.put(container, "module-7/slides.pdf", b"first draft", "application/pdf")
    await store.put(container, "module-7/slides.pdf", b"final", "application/pdf")

    assert await store.get(container, "module-7/slides.pdf") == b"final"
    assert await store.list(container) == ["module-7/slides.pdf"]


async def test_reading_a_missing_file_says_it_is_gone(store: BlobStore, container: str) -> None:
    await store.put(container, "module-7/slides.pdf", b"x", "application/pdf")

    with pytest.raises(NotFound, match=re.escape("module-7/missing.pdf")):
        await store.get(container, "module-7/missing.pdf")


async def test_reading_from_a_container_never_written_is_not_found(store: BlobStore, container: str) -> None:
    with pytest.raises(NotFound):
        await store.get(container, "module-7/slides.pdf")


async def test_deleting_removes_the_file_and_deleting_again_is_fine(store: BlobStore, container: str) -> None:
    await store.put(container, UNICODE_KEY, MATERIAL, "application/pdf")

    await store.delete(container, UNICODE_KEY)
    await store.delete(container, UNICODE_KEY)
    await store.delete(container, "never/existed.pdf")

    with pytest.raises(NotFound):
        await store.get(container, UNICODE_KEY)
    assert await store.list(container) == []


async def test_listing_gives_sorted_names_under_the_prefix(store: BlobStore, container: str) -> None:
    for key in ["module-7/b.pdf", "module-8/c.pdf", UNICODE_KEY, "module-7/a.pdf", "module-70/x.pdf"]:
        await store.put(container, key, b"x", "application/pdf")

    assert await store.list(container, "module-7/") == ["module-7/a.pdf", "module-7/b.pdf", UNICODE_KEY]
    assert await store.list(container) == [
        "module-7/a.pdf",
        "module-7/b.pdf",
        UNICODE_KEY,
        "module-70/x.pdf",
        "module-8/c.pdf",
    ]
    assert await store.list(container, "module-9/") == []


async def test_listing_a_container_never_written_is_empty(store: BlobStore, container: str) -> None:
    assert await store.list(container) == []


@pytest.mark.parametrize("key", ["../x", "", "module-7/../../etc/passwd", "a//b"])
async def test_file_names_that_could_escape_or_are_empty_are_rejected(
    store: BlobStore, container: str, key: str
) -> None:
    with pytest.raises(InvalidInput):
        await store.put(container, key, b"x", "text/plain")
    with pytest.raises(InvalidInput):
        await store.get(container, key)


async def test_ping_describes_the_store(store: BlobStore) -> None:
    detail = await store.ping()

    assert isinstance(detail, str)
    assert detail


# Real stores only: container names come from settings, which the fake takes on trust.


@pytest.mark.parametrize("bad", ["Materials", "ab", "under_score", "-materials", "x" * 64])
async def test_real_stores_reject_container_names_azure_would_refuse(tmp_path: Path, bad: str) -> None:
    with pytest.raises(InvalidInput):
        await LocalBlobStore(tmp_path).put(bad, "a.pdf", b"x", "application/pdf")
    azure = AzureBlobStore(connection_string(free_port()), retries=0)
    try:
        with pytest.raises(InvalidInput):
            await azure.put(bad, "a.pdf", b"x", "application/pdf")
    finally:
        await azure.aclose()


# Azure only.


def unreachable_store() -> AzureBlobStore:
    # Nothing listens on a port we just let go of: connections are refused at once.
    return AzureBlobStore(connection_string(free_port()), retries=1, retry_backoff_s=0, connect_timeout_s=2)


async def test_azure_put_on_an_unreachable_account_is_unavailable_quickly() -> None:
    store = unreachable_store()
    started = time.monotonic()
    try:
        with pytest.raises(Unavailable, match="did not answer") as raised:
            await store.put("materials", "a.pdf", b"x", "application/pdf")
    finally:
        await store.aclose()

    assert time.monotonic() - started < 10
    assert ACCOUNT_KEY not in raised.value.message


async def test_azure_ping_on_an_unreachable_account_is_unavailable_quickly() -> None:
    store = unreachable_store()
    started = time.monotonic()
    try:
        with pytest.raises(Unavailable, match="devstoreaccount1"):
            await store.ping()
    finally:
        await store.aclose()

    assert time.monotonic() - started < 10


async def test_azure_with_a_wrong_key_says_to_check_the_key(azurite: str) -> None:
    wrong = azurite.replace(ACCOUNT_KEY, "d3Jvbmcga2V5IGZvciB0aGlzIGFjY291bnQ=")
    store = AzureBlobStore(wrong, retries=0)
    try:
        with pytest.raises(Unavailable, match="AZURE_STORAGE_ACCOUNT_KEY") as raised:
            await store.put("materials", "a.pdf", b"x", "application/pdf")
    finally:
        await store.aclose()

    assert "d3Jvbmcga2V5" not in raised.value.message


async def test_azure_recreates_a_container_deleted_behind_its_back(azurite: str, container: str) -> None:
    store = AzureBlobStore(azurite, retries=0)
    try:
        await store.put(container, "a.pdf", b"one", "application/pdf")
        async with BlobServiceClient.from_connection_string(azurite) as service:
            await service.delete_container(container)

        await store.put(container, "b.pdf", b"two", "application/pdf")

        assert await store.list(container) == ["b.pdf"]
    finally:
        await store.aclose()


async def test_azure_from_settings_uses_the_connection_string(azurite: str) -> None:
    settings = make_settings(azure_storage_connection_string=SecretStr(azurite))
    store = AzureBlobStore.from_settings(settings)
    try:
        assert await store.ping() == "azure blob devstoreaccount1"
    finally:
        await store.aclose()


def test_azure_from_settings_needs_a_key_with_an_account_name() -> None:
    settings = make_settings(azure_storage_account_name="mbcompass")

    with pytest.raises(SettingsError, match="AZURE_STORAGE_ACCOUNT_KEY"):
        AzureBlobStore.from_settings(settings)


def test_azure_rejects_a_malformed_connection_string_without_echoing_it() -> None:
    with pytest.raises(SettingsError) as raised:
        AzureBlobStore("not a connection string s3cr3t")

    assert "s3cr3t" not in str(raised.value)
