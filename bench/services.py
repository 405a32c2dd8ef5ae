"""What the bench starts and stops: gunicorn, nginx, a private Redis, and the tools it needs.

Every process runs in its own process group and is stopped on exit, on error and on Ctrl-C
(`stop_all`, registered by loadtest.py).
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
STARTED: list[subprocess.Popen] = []


# Processes ------------------------------------------------------------------------------


def start(command, *, env=None, log=None) -> subprocess.Popen:
    """A child in its own process group, so that stopping it stops its workers too."""
    output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(command, env=env, stdout=output, stderr=output, start_new_session=True)
    STARTED.append(process)
    return process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    if process in STARTED:
        STARTED.remove(process)


def stop_all(*_args) -> None:
    for process in list(STARTED):
        stop(process)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise SystemExit(f"{url} did not answer 200 within {seconds:.0f} s\n{tail}")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.read()


# Tools --------------------------------------------------------------------------------


def ensure_tools() -> None:
    """wrk and nginx from Debian when missing; the package lists are refreshed only if needed."""
    tools = (("wrk", "wrk"), ("nginx", "nginx-light"), ("redis-server", "redis-server"))
    missing = [package for tool, package in tools if not which(tool)]
    if not missing:
        return
    print(f"installing {' '.join(missing)} from Debian", flush=True)
    install = ["apt-get", "install", "-y", "-qq", *missing]
    environment = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(install, env=environment, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=environment, check=True)
        subprocess.run(install, env=environment, check=True)


def which(tool: str) -> str | None:
    return shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/usr/bin")


def step(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def start_redis(workdir: Path, port: int) -> subprocess.Popen:
    """A private redis-server (nothing on disk) that the bench may stop halfway."""
    step(f"redis-server on 127.0.0.1:{port}")
    options = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)]
    process = start([which("redis-server"), *options], log=workdir / "redis.log")
    wait_for_port(port, "redis-server")
    return process


def wait_for_port(port: int, what: str, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"{what} did not start on port {port}")


def start_gunicorn(env, workdir: Path, port: int, ready_path: str) -> subprocess.Popen:
    step(f"gunicorn on 127.0.0.1:{port}, page cache {'on' if env['DJANGO_PAGE_CACHE'] == '1' else 'off'}")
    env = env | {"GUNICORN_BIND": f"127.0.0.1:{port}"}
    command = [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "config.wsgi"]
    process = start(command, env=env, log=workdir / "gunicorn.log")
    wait_for(f"http://127.0.0.1:{port}{ready_path}", log=workdir / "gunicorn.log")
    return process


def worker_rss(master: subprocess.Popen) -> list[int]:
    """Resident memory (MB) of each gunicorn worker: the master's children."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    sizes = []
    for pid in sorted(children, key=int):
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) // 1024)
    return sizes


# nginx ----------------------------------------------------------------------------------

NGINX_MAIN = """
worker_processes 2;
pid {workdir}/nginx-{name}.pid;
error_log {workdir}/nginx-{name}-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {workdir}/tmp-{name}/body;
    proxy_temp_path {workdir}/tmp-{name}/proxy;
    fastcgi_temp_path {workdir}/tmp-{name}/fastcgi;
    uwsgi_temp_path {workdir}/tmp-{name}/uwsgi;
    scgi_temp_path {workdir}/tmp-{name}/scgi;
{body}
}}
"""


def start_nginx(workdir: Path, name: str, body: str) -> None:
    step(f"nginx: {name}")
    # Started as root, nginx's workers run as "nobody": they must reach the files and own
    # the cache and temporary directories.
    workdir.chmod(0o755)
    for directory in (workdir / f"tmp-{name}", workdir / "nginx-cache"):
        directory.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(directory, "nobody", "nogroup")
    config = workdir / f"nginx-{name}.conf"
    config.write_text(NGINX_MAIN.format(workdir=workdir, name=name, body=body))
    # In the foreground ("daemon off"), so that it is our child and stops with its group.
    subprocess.run([which("nginx"), "-t", "-q", "-c", str(config)], check=True)
    start([which("nginx"), "-c", str(config), "-g", "daemon off;"], log=workdir / f"nginx-{name}.log")


def static_site(workdir: Path, port: int) -> str:
    return f"""
    server {{
        listen 127.0.0.1:{port};
        root {workdir}/site;
        location / {{ }}
    }}
"""


def deploy_site(workdir: Path, port: int, app_port: int) -> str:
    """deploy/nginx.conf with the bench's ports and paths: the file we ship, nothing else."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    replacements = {
        "/var/cache/nginx/gneurone": str(workdir / "nginx-cache"),
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "listen 80;": f"listen 127.0.0.1:{port};",
        "/srv/gneurone/staticfiles/": f"{workdir}/static/",
    }
    for old, new in replacements.items():
        assert old in text, f"deploy/nginx.conf no longer contains {old!r}"
        text = text.replace(old, new)
    return text
