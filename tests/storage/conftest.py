"""The storage tests' S3 server (tests/s3.py): the one the run's first process started, or one
of this process's own."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from tests import s3


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory) -> Iterator[str]:
    endpoint = os.environ.get(s3.ENDPOINT_VARIABLE)
    server = None
    try:
        if endpoint:
            s3.wait_until_ready(endpoint)
        else:
            server = s3.start(tmp_path_factory.mktemp("seaweedfs"))
            server.wait_until_ready()
            endpoint = server.endpoint
    except s3.NotStarted as error:
        pytest.fail(str(error))
    yield endpoint
    if server is not None:
        server.stop()


@pytest.fixture
def bucket(s3_server) -> str:
    return s3.BUCKET


@pytest.fixture
def prefix() -> str:
    return f"test-{uuid.uuid4().hex[:10]}"
