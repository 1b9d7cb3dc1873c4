"""The application as ``make run`` serves it: gunicorn (DEBUG off) with WhiteNoise on a fresh
SQLite database with the demo data, and a huey worker, in processes started and stopped here."""

from __future__ import annotations

import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DEMO_PASSWORD = "jixiao-demo-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Answer:
    status: int
    body: str
    headers: dict[str, str]


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, path: str, data: dict[str, list[str]] | None = None, body: bytes | None = None,
                content_type: str | None = None, timeout: float = 60) -> Answer:  # fmt: skip
        headers = {"Referer": self.base + path}
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        if body is not None:
            headers |= {"Content-Type": content_type or "", "X-CSRFToken": self.csrf()}
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(req, timeout=timeout) as r:
                return Answer(r.status, r.read().decode(), dict(r.headers))
        except urllib.error.HTTPError as e:
            return Answer(e.code, e.read().decode(errors="replace"), dict(e.headers))

    def login(self, username: str) -> None:
        self.request("/accounts/login/")
        answer = self.request("/accounts/login/", {"username": [username], "password": [DEMO_PASSWORD]})
        assert answer.status == 302, answer.body[:500]

    def upload(self, path: str, files: list[tuple[str, bytes]]) -> Answer:
        boundary = "----jixiao-test-boundary"
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{self.csrf()}\r\n'
                 .encode()]  # fmt: skip
        for name, content in files:
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            parts.append(head.encode() + b"Content-Type: application/octet-stream\r\n\r\n" + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(path, body=b"".join(parts), content_type=f"multipart/form-data; boundary={boundary}")

    def upload_stream(self, path: str, name: str, megabytes: int, then: tuple[str, bytes]) -> Answer:
        """A file of ``megabytes`` MB named ``name`` and a file ``then`` posted as ``files``, the large
        one sent a megabyte at a time (never whole in this process)."""
        boundary = "----jixiao-test-stream"
        part = 'Content-Disposition: form-data; name="files"; filename="{}"\r\nContent-Type: text/plain\r\n\r\n'
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{self.csrf()}\r\n'
                f"--{boundary}\r\n{part.format(name)}").encode()  # fmt: skip
        tail = f"\r\n--{boundary}\r\n{part.format(then[0])}".encode() + then[1] + f"\r\n--{boundary}--\r\n".encode()
        block = b"0" * (1 << 20)

        def body() -> Iterator[bytes]:
            yield head
            for _ in range(megabytes):
                yield block
            yield tail

        headers = {"Referer": self.base + path, "X-CSRFToken": self.csrf(),
                   "Content-Type": f"multipart/form-data; boundary={boundary}",
                   "Content-Length": str(len(head) + len(block) * megabytes + len(tail))}  # fmt: skip
        req = urllib.request.Request(self.base + path, data=body(), headers=headers)
        try:
            with self.opener.open(req, timeout=120) as r:
                return Answer(r.status, r.read().decode(), dict(r.headers))
        except urllib.error.HTTPError as e:
            return Answer(e.code, e.read().decode(errors="replace"), dict(e.headers))


REDIS_SERVER = Path("/usr/bin/redis-server")


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """A throwaway redis-server (no persistence) on a free port; its URL while it runs."""
    assert REDIS_SERVER.exists(), "redis-server is needed: `make test` installs it (apt-get install redis-server)"
    port = free_port()
    proc = subprocess.Popen([str(REDIS_SERVER), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


class Base(str):
    """The served application's URL, knowing its huey consumer's process id."""

    worker_pid: int = 0
    server_pid: int = 0  # gunicorn's master
    data: Path = Path()  # the data folder (SQLite database, uploads, queue)
    peak_kb: dict[str, int] = {}  # noqa: RUF012 — set on the instance when the processes are stopped

    def worker_children(self) -> list[int]:
        """The consumer's worker processes (``--worker-type process``)."""
        return children(self.worker_pid)

    def server_children(self) -> list[int]:
        """gunicorn's worker processes."""
        return children(self.server_pid)


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


@contextmanager
def served(data: Path, redis_url: str | None = None, log: Path | None = None) -> Iterator[Base]:
    """gunicorn and a huey worker on a fresh data folder (the queue on SQLite, or on Redis when
    ``redis_url`` is given); the base URL while they run.  With ``log``, the processes' standard
    error goes to ``log``/gunicorn.log and ``log``/huey.log.  When they are stopped, each one's
    peak memory (its own or any of the processes it reaped, from wait4) is ``base.peak_kb``."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "HUEY_REDIS_URL", "JIXIAO_DEBUG")}
    env |= {"JIXIAO_DATA": str(data), "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"}
    if redis_url:
        env["HUEY_REDIS_URL"] = redis_url
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], check=True, env=env, cwd=data)
    subprocess.run([*manage, "loaddemo"], check=True, env=env, cwd=data, capture_output=True)
    port = free_port()
    logs = [open(log / f"{n}.log", "wb") if log else subprocess.DEVNULL for n in ("gunicorn", "huey")]  # noqa: SIM115
    server = subprocess.Popen([str(BIN / "gunicorn"), "jixiao.web.wsgi:application", "--bind", f"127.0.0.1:{port}",
                               "--workers", "2", "--threads", "4", "--timeout", "60"], env=env, cwd=data,
                              stdout=subprocess.DEVNULL, stderr=logs[0])  # fmt: skip
    worker = subprocess.Popen([*manage, "run_huey", "--workers", "2", "--worker-type", "process", "--quiet"],
                              env=env, cwd=data, stdout=subprocess.DEVNULL, stderr=logs[1])  # fmt: skip
    base = Base(f"http://127.0.0.1:{port}")
    base.worker_pid, base.server_pid, base.data = worker.pid, server.pid, data
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/public/", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        yield base
    finally:
        for p in (server, worker):
            p.terminate()
        base.peak_kb = {}
        for name, p in (("gunicorn", server), ("huey", worker)):
            base.peak_kb[name] = _reaped(p)
        for f in logs:
            if f is not subprocess.DEVNULL:
                f.close()  # type: ignore[union-attr]


def _reaped(p: subprocess.Popen[bytes]) -> int:
    """Wait for ``p`` (killed after 20 s); its peak resident memory in KB, of it or any process it reaped."""
    deadline = time.monotonic() + 20
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            p.returncode = os.waitstatus_to_exitcode(status)
            return int(usage.ru_maxrss)
        if time.monotonic() > deadline:
            p.kill()
            deadline = float("inf")
        time.sleep(0.05)
