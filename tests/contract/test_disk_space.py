"""The disk check on the real file system: free space reported, low space an error and a WARNING."""

import logging
from pathlib import Path

import pytest

from mb.adapters.disk import DiskSpaceProbe
from mb.domain.errors import Unavailable


async def test_enough_free_space_is_reported_with_the_total(tmp_path: Path) -> None:
    detail = await DiskSpaceProbe(tmp_path / "data" / "not-yet-made", min_free_mb=0)()
    assert " free of " in detail


async def test_low_space_fails_the_check_and_warns_once_an_hour(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    probe = DiskSpaceProbe(tmp_path, min_free_mb=1024 * 1024 * 1024)  # a petabyte: never there
    with caplog.at_level(logging.WARNING, logger="mb.disk"):
        for _ in range(3):
            with pytest.raises(Unavailable, match=r"^only .* free for .* \(warning below 1048576\.0 GB\)$"):
                await probe()
    assert [r.getMessage() for r in caplog.records if r.name == "mb.disk"] == ["disk.low"]
