"""A throwaway local PostgreSQL cluster: initdb + pg_ctl on a free loopback port.

Used by the test suite's session fixture (tests/server/conftest.py) and by
``make server-demo`` / ``make server-demo-stop`` (``python -m tests.pgcluster``).
PostgreSQL refuses to run as root: when invoked as root, every server command runs as
the ``postgres`` system user (Debian's postgresql package creates it) via ``runuser``,
in a directory that user owns. Missing binaries are an error that says how to install
them (``make setup`` does), never a silent skip.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.store import server_tls

SUPERUSER = "postgres"
RUN_AS = "postgres"  # the system user the server runs as when we are root
SEARCH_DIRS = ("/usr/local/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True))


class ClusterUnavailable(RuntimeError):
    pass


def find_binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for directory in SEARCH_DIRS:
        candidate = Path(directory) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise ClusterUnavailable(
        f"PostgreSQL's {name} was not found (PATH, /usr/lib/postgresql/*/bin): install "
        "Debian's postgresql package ('make setup' does it as root; or "
        "'apt-get install postgresql')"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(argv: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return argv
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    return [runuser, "-u", RUN_AS, "--", *argv]


def _chown(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, RUN_AS, RUN_AS)


def _server_certificate(directory: Path) -> Path:
    """A site CA and a server certificate for 127.0.0.1 signed by it, made by the same
    functions as ``workbench server certs`` (in ``directory``, the key readable by the
    server's user only). Returns the CA certificate's path."""
    ca = server_tls.make_ca(directory, "site-ca", subject="workbench test site CA")
    issued = server_tls.make_server(ca, directory, ips=["127.0.0.1"])
    for path in (issued.cert, issued.key, ca.cert):
        _chown(path)
    return ca.cert


@dataclass
class Cluster:
    directory: Path
    port: int
    password: str

    @property
    def ca(self) -> Path:
        """The site CA that signed the server's certificate (TLS is on, not required)."""
        return self.directory / "site-ca.crt"

    @property
    def data(self) -> Path:
        return self.directory / "data"

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def superuser_url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        if not (self.data / "postmaster.pid").exists():
            return
        subprocess.run(
            _as_server_user(
                [find_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]
            ),
            check=False,
            capture_output=True,
        )

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def save(self, path: Path) -> None:
        path.write_text(
            json.dumps(
                {"directory": str(self.directory), "port": self.port, "password": self.password}
            )
        )

    @classmethod
    def load(cls, path: Path) -> Cluster:
        data = json.loads(path.read_text())
        return cls(Path(data["directory"]), int(data["port"]), data["password"])


def _site_certificates(directory: Path, site: Path) -> None:
    """The CA and server certificate ``workbench server certs`` made in ``site``, copied
    where the server's user can read them, named as :func:`_server_certificate` names."""
    for source, target in (("ca.crt", "site-ca.crt"), ("server.crt", "server.crt")):
        shutil.copyfile(site / source, directory / target)
        _chown(directory / target)
    key = directory / "server.key"
    shutil.copyfile(site / "server.key", key)
    key.chmod(0o600)
    _chown(key)


def _allow_certificates(data: Path, users: Sequence[str]) -> None:
    """``hostssl … cert`` for ``users`` ahead of initdb's SCRAM lines (first match wins)."""
    hba = data / "pg_hba.conf"
    lines = "".join(f"hostssl all {user} 127.0.0.1/32 cert\n" for user in users)
    hba.write_text(lines + hba.read_text())


def start(
    directory: Path | None = None,
    *,
    durable: bool = False,
    site: Path | None = None,
    cert_users: Sequence[str] = (),
) -> Cluster:
    """initdb a new cluster in ``directory`` (a new temp dir by default) and start it on
    a free loopback port, SCRAM passwords for every TCP connection but ``cert_users``'
    (client certificates signed by the site CA). TLS is on with the CA and server
    certificate ``workbench server certs`` made in ``site`` — by default with new ones
    made by the same functions, for 127.0.0.1."""
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam(RUN_AS)
        except KeyError:
            raise ClusterUnavailable(
                f"running as root and there is no {RUN_AS!r} user to run PostgreSQL as "
                "(Debian's postgresql package creates it)"
            ) from None
    if directory is None:
        directory = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
    directory.mkdir(parents=True, exist_ok=True)
    _chown(directory)
    directory.chmod(0o700)
    password = secrets.token_urlsafe(18)
    pwfile = directory / "pwfile"
    pwfile.write_text(password + "\n")
    _chown(pwfile)
    cluster = Cluster(directory, free_port(), password)
    run = subprocess.run(
        _as_server_user(
            [
                initdb,
                "-D",
                str(cluster.data),
                "-U",
                SUPERUSER,
                f"--pwfile={pwfile}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    pwfile.unlink()
    if run.returncode != 0:
        raise ClusterUnavailable(f"initdb failed: {run.stderr.strip() or run.stdout.strip()}")
    if site is None:
        _server_certificate(directory)
    else:
        _site_certificates(directory, site)
    _allow_certificates(cluster.data, cert_users)
    options = (
        f"-p {cluster.port} -c listen_addresses=127.0.0.1 "
        f"-c unix_socket_directories={cluster.data} -c max_connections=100 "
        f"-c ssl=on -c ssl_cert_file={directory / 'server.crt'} "
        f"-c ssl_key_file={directory / 'server.key'} "
        f"-c ssl_ca_file={directory / 'site-ca.crt'}"
    )
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    log = directory / "server.log"
    log.touch()
    _chown(log)
    run = subprocess.run(
        _as_server_user(
            [
                pg_ctl,
                "-D",
                str(cluster.data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                "30",
                "start",
            ]
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:]
        raise ClusterUnavailable(f"pg_ctl start failed: {run.stderr.strip()}\n{tail}")
    return cluster


def _main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--state", default=".server-demo/cluster.json")
    args = parser.parse_args()
    state = Path(args.state).resolve()
    if args.action == "start":
        if state.exists():
            print(f"a cluster is already running ({state}); stop it first", file=sys.stderr)
            return 2
        state.parent.mkdir(parents=True, exist_ok=True)
        cluster = start()
        cluster.save(state)
        print(cluster.superuser_url())
        return 0
    if not state.exists():
        print("no demo cluster is running", file=sys.stderr)
        return 0
    Cluster.load(state).remove()
    state.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(_main())
