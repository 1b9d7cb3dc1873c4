"""The task queue on Redis (huey's Redis storage, for several machines sharing the work), against
a real redis-server started and removed here: an upload goes through Redis to the worker."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.serving import Browser, redis_server, served


def test_uploads_go_through_redis(tmp_path: Path) -> None:
    import redis

    (tmp_path / "data").mkdir()
    with redis_server(tmp_path) as url, served(tmp_path / "data", redis_url=url) as base:
        b = Browser(base)
        b.login("danwei")
        (seed,) = (SHARED / "seeds").glob("004_*.txt")
        answer = b.upload("/evaluations/upload/", [(seed.name, seed.read_bytes())])
        assert answer.status == 302
        for _ in range(600):
            page = b.request(answer.headers["Location"]).body
            if "确认导入" in page:
                break
            time.sleep(0.2)
        else:
            pytest.fail("the upload was not read through the Redis queue")
        assert page.count('name="take"') == 18
        stats = redis.Redis.from_url(url).info("commandstats")
        assert stats["cmdstat_lpush"]["calls"] >= 1, stats  # the upload was queued on Redis and read by the worker
