"""Services the suite starts for itself: a private `redis-server` on a free port, for the session.

Nothing is faked: the cache tests talk to a real Redis, started here and stopped at the end,
so a laptop without a Redis listening on 6379 runs the same tests as CI. `make test` installs
Debian's `redis-server` when it is missing and the user is root (the `services` target); here,
a missing binary is a failure that names what to install.
"""

import shutil
import subprocess
import time

import pytest
import redis

from bench.services import free_port

INSTALL = "install redis-server (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)"
START_TIMEOUT = 10  # seconds


def start_redis(binary: str, directory) -> tuple[subprocess.Popen, int]:
    """One redis-server that keeps nothing on disk, listening on loopback only."""
    port = free_port()
    options = {"port": port, "bind": "127.0.0.1", "save": "", "appendonly": "no", "dir": directory, "daemonize": "no"}
    command = [binary, *(part for name, value in options.items() for part in (f"--{name}", str(value)))]
    with open(directory / "redis.log", "w") as log:  # the child keeps its own descriptor
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5)
    while time.monotonic() < deadline and process.poll() is None:
        try:
            client.ping()
            return process, port
        except redis.ConnectionError:
            time.sleep(0.05)
    process.kill()
    process.wait()
    raise RuntimeError(f"redis-server did not start on port {port}:\n{(directory / 'redis.log').read_text()}")


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """The URL of a Redis started for this test session (database 0, empty)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(f"redis-server is missing: {INSTALL}", pytrace=False)
    for attempt in range(3):  # another process may take the free port before redis-server does
        try:
            process, port = start_redis(binary, tmp_path_factory.mktemp("redis"))
            break
        except RuntimeError:
            if attempt == 2:
                raise
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
