"""Run a command against a throwaway PostgreSQL cluster: initdb in a temporary directory,
a free port on 127.0.0.1, ``DATABASE_URL`` set for the command, the cluster stopped and
removed afterwards whatever the command did.

    python scripts/with_postgres.py -- python -m pytest tests/test_web_workflow.py

Uses Debian's PostgreSQL server binaries (package postgresql, installed by ``make test``).
PostgreSQL refuses to run as root, so under root the cluster belongs to the ``postgres`` user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        sys.exit("错误：未找到 PostgreSQL 服务器程序（initdb）；请安装 Debian 软件包 postgresql")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        sys.exit("用法：with_postgres.py -- 命令 …")
    bindir = _bindir()
    as_user: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(tmp, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = tmp / "data", _free_port()
    try:
        subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "jixiao", "--auth=trust",
                        "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)  # fmt: skip
        options = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(tmp / "log"),
                        "-w", "start"], check=True, capture_output=True)  # fmt: skip
        print(f"PostgreSQL {bindir.parent.name} 临时集群：127.0.0.1:{port}", file=sys.stderr)
        env = {**os.environ, "DATABASE_URL": f"postgres://jixiao@127.0.0.1:{port}/postgres"}
        return subprocess.run(args, env=env).returncode
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)  # fmt: skip
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
