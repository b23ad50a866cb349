"""Blobs in Azure Blob Storage: the production store (Azurite stands in for it in tests)."""

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress

import aiohttp
from azure.core.exceptions import (
    AzureError,
    ClientAuthenticationError,
    HttpResponseError,
    ResourceExistsError,
    ResourceNotFoundError,
    ServiceRequestError,
    ServiceResponseError,
)
from azure.storage.blob import ContentSettings
from azure.storage.blob.aio import BlobServiceClient, ExponentialRetry

from mb.config import Settings, SettingsError
from mb.domain.errors import InvalidInput, NotFound, Unavailable

# Azure's container rule: 3 to 63 of a-z, 0-9 and single hyphens, starting and ending alphanumeric.
_CONTAINER = re.compile(r"^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")
_MAX_KEY_LENGTH = 1024


class AzureBlobStore:
    """Each container is created on first write; missing containers read as empty."""

    def __init__(
        self,
        connection_string: str,
        *,
        retries: int = 3,
        retry_backoff_s: int = 1,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 60.0,
    ) -> None:
        """Timeouts and retries bound how long a call waits on an unreachable account.

        The SDK's own defaults back off 15 s and more between retries, which turns a storage
        outage into minutes of hanging pages. These give up within about half a minute even when
        connections hang (4 attempts of at most 5 s, backing off 1, 3 and 5 s); a read may stall
        for up to `read_timeout_s` before it counts as failed, so large backups still get through.
        """
        try:
            self._service = BlobServiceClient.from_connection_string(
                connection_string,
                retry_policy=ExponentialRetry(
                    initial_backoff=retry_backoff_s,
                    increment_base=2,
                    retry_total=retries,
                    random_jitter_range=1,
                ),
                connection_timeout=connect_timeout_s,
                read_timeout=read_timeout_s,
            )
        except ValueError:
            raise SettingsError(
                "AZURE_STORAGE_CONNECTION_STRING is malformed; copy it again from the storage account's "
                "Access keys page."
            ) from None
        self._account = self._service.account_name or self._service.primary_hostname
        self._containers: set[str] = set()

    @classmethod
    def from_settings(cls, settings: Settings) -> "AzureBlobStore":
        connection_string = settings.azure_storage_connection_string.get_secret_value()
        if connection_string:
            return cls(connection_string)
        name = settings.azure_storage_account_name
        key = settings.azure_storage_account_key.get_secret_value()
        if not key:
            raise SettingsError(
                f"AZURE_STORAGE_ACCOUNT_KEY is not set for storage account {name}; "
                "set it or set AZURE_STORAGE_CONNECTION_STRING instead."
            )
        return cls(
            f"DefaultEndpointsProtocol=https;AccountName={name};AccountKey={key};EndpointSuffix=core.windows.net"
        )

    async def put(self, container: str, key: str, data: bytes, content_type: str) -> None:
        blob = self._service.get_blob_client(_container(container), _key(key))
        settings = ContentSettings(content_type=content_type)
        with self._translated(f"save {key}"):
            await self._ensure_container(container)
            try:
                await blob.upload_blob(data, overwrite=True, content_settings=settings)
            except ResourceNotFoundError:
                # The container was deleted behind our back since we cached it: make it again, once.
                self._containers.discard(container)
                await self._ensure_container(container)
                await blob.upload_blob(data, overwrite=True, content_settings=settings)

    async def get(self, container: str, key: str) -> bytes:
        blob = self._service.get_blob_client(_container(container), _key(key))
        with self._translated(f"read {key}"):
            try:
                download = await blob.download_blob()
                return await download.readall()
            except ResourceNotFoundError:
                raise NotFound(f"The file {key} is no longer in storage.") from None

    async def delete(self, container: str, key: str) -> None:
        blob = self._service.get_blob_client(_container(container), _key(key))
        # Already gone (or its container never existed) is the outcome asked for.
        with self._translated(f"delete {key}"), suppress(ResourceNotFoundError):
            await blob.delete_blob()

    async def list(self, container: str, prefix: str = "") -> Sequence[str]:
        client = self._service.get_container_client(_container(container))
        with self._translated(f"list files in {container}"):
            try:
                names = client.list_blob_names(name_starts_with=prefix or None)
                return sorted([name async for name in names])
            except ResourceNotFoundError:
                return []

    async def ping(self) -> str:
        with self._translated("reach the account"):
            await self._service.get_account_information()
        return f"azure blob {self._account}"

    async def aclose(self) -> None:
        await self._service.close()

    async def _ensure_container(self, container: str) -> None:
        if container in self._containers:
            return
        with suppress(ResourceExistsError):
            await self._service.create_container(container)
        self._containers.add(container)

    @contextmanager
    def _translated(self, action: str) -> Iterator[None]:
        """Vendor errors become Unavailable; messages name the account, never a key or a SAS token."""
        where = f"Azure Blob Storage account {self._account}"
        try:
            yield
        except (ServiceRequestError, ServiceResponseError, aiohttp.ClientError, OSError) as error:
            # Chained for the log: these say "connection refused" or "name not resolved", no secrets.
            raise Unavailable(
                f"Could not {action}: {where} did not answer. Check the network, firewall and that the "
                "account exists; then try again."
            ) from error
        except HttpResponseError as error:
            raise Unavailable(f"Could not {action}: {where} {_refusal(error)}") from None
        except AzureError as error:
            raise Unavailable(f"Could not {action}: {where} failed ({type(error).__name__}).") from None


def _refusal(error: HttpResponseError) -> str:
    # Storage errors carry the service's error code; azure-core's base class does not declare it.
    code = getattr(error, "error_code", None)
    details = [
        f"HTTP {error.status_code}" if error.status_code else "",
        str(getattr(code, "value", code) or ""),
    ]
    said = ", ".join(part for part in details if part) or type(error).__name__
    if isinstance(error, ClientAuthenticationError) or error.status_code in (401, 403):
        # A wrong or rotated key, a SAS without the permission, or the account firewall.
        return (
            f"refused access ({said}). Check AZURE_STORAGE_ACCOUNT_KEY or AZURE_STORAGE_CONNECTION_STRING "
            "(keys may have been rotated) and the storage account's firewall rules."
        )
    return f"refused the request ({said})."


def _container(container: str) -> str:
    if not _CONTAINER.match(container):
        raise InvalidInput({"container": f"Invalid container name: {container!r}."})
    return container


def _key(key: str) -> str:
    parts = key.split("/")
    if (
        not key
        or len(key) > _MAX_KEY_LENGTH
        or any(part in ("", ".", "..") for part in parts)
        or "\\" in key
        or "\x00" in key
    ):
        raise InvalidInput({"key": f"Invalid file name in storage: {key!r}."})
    return key
