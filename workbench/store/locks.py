"""Who else has a database open, as the operating system records it.

SQLite keeps a shared POSIX lock on a database file for as long as a connection in WAL
mode is open, and the session writing holds the WAL write lock in the ``-shm`` file. On
Linux ``/proc/locks`` lists every such lock with its process, so a refusal can name who
holds the file ("process 4711, workbench gui, user li"). A process never sees its own
POSIX locks there, so the stores this process has open are counted separately
(:func:`register_open` / :func:`open_in_process`).
"""

from __future__ import annotations

import os
import pwd
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from workbench.store.errors import DatabaseInUse

PROC_LOCKS = Path("/proc/locks")
_COMMAND_WORDS = 3  # program name and the first words of its command, options left out

_open_here: Counter[Path] = Counter()
_open_lock = threading.Lock()


@dataclass(frozen=True)
class Holder:
    """A process holding a lock on a database file (or its ``-shm`` index)."""

    pid: int
    command: str
    user: str
    writing: bool  # holds the write lock

    def describe(self) -> str:
        parts = [f"process {self.pid}"]
        if self.command:
            parts.append(self.command)
        if self.user:
            parts.append(f"user {self.user}")
        return ", ".join(parts)


def _key(path: Path) -> Path:
    return Path(os.path.abspath(path))


def register_open(path: Path) -> None:
    with _open_lock:
        _open_here[_key(path)] += 1


def register_closed(path: Path) -> None:
    with _open_lock:
        key = _key(path)
        _open_here[key] -= 1
        if _open_here[key] <= 0:
            del _open_here[key]


def open_in_process(path: Path) -> int:
    """How many stores of this process have ``path`` open."""
    with _open_lock:
        return _open_here.get(_key(path), 0)


def _file_ids(paths: list[Path]) -> dict[tuple[int, int, int], Path]:
    ids = {}
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            continue
        ids[(os.major(st.st_dev), os.minor(st.st_dev), st.st_ino)] = p
    return ids


def _parse_line(line: str) -> tuple[int, tuple[int, int, int], bool] | None:
    """``1: POSIX  ADVISORY  READ 4711 fe:00:2146422 128 128`` → pid, file id, write."""
    fields = line.replace("->", " ").split()
    if len(fields) < 8 or fields[1] not in ("POSIX", "OFDLCK", "FLOCK"):
        return None
    try:
        pid = int(fields[4])
        major, minor, inode = fields[5].split(":")
        file_id = (int(major, 16), int(minor, 16), int(inode))
    except ValueError:
        return None
    return pid, file_id, fields[3] == "WRITE"


def _command(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    args = [a.decode(errors="replace") for a in raw.split(b"\0") if a]
    if not args:
        return ""
    words = [Path(args[0]).name]
    rest = args[1:]
    if len(rest) >= 2 and rest[0] == "-m":  # python -m workbench …
        words, rest = [rest[1]], rest[2:]
    elif words[0].startswith("python") and rest and not rest[0].startswith("-"):
        words, rest = [Path(rest[0]).name], rest[1:]
    for arg in rest:
        if len(words) >= _COMMAND_WORDS or arg.startswith("-"):
            break
        words.append(arg)
    return " ".join(words)


def _user(pid: int) -> str:
    try:
        uid = os.stat(f"/proc/{pid}").st_uid
        return pwd.getpwuid(uid).pw_name
    except (OSError, KeyError):
        return ""


def holders(path: Path) -> list[Holder]:
    """Other processes with a lock on ``path`` or its ``-shm`` file (empty where the
    system does not say: then only the leftover ``-wal``/``-shm`` files tell)."""
    ids = _file_ids([path, Path(f"{path}-shm")])
    if not ids:
        return []
    try:
        text = PROC_LOCKS.read_text()
    except OSError:
        return []
    found: dict[int, bool] = {}
    me = os.getpid()
    for line in text.splitlines():
        parsed = _parse_line(line)
        if parsed is None:
            continue
        pid, file_id, writing = parsed
        if file_id in ids and pid > 0 and pid != me:
            found[pid] = found.get(pid, False) or writing
    return [Holder(pid, _command(pid), _user(pid), w) for pid, w in sorted(found.items())]


def describe(found: list[Holder]) -> str:
    """ "process 4711, workbench gui, user li" (the writer first), or "" if unknown."""
    ordered = sorted(found, key=lambda h: not h.writing)
    return "; ".join(h.describe() for h in ordered)


def companions_left(path: Path) -> bool:
    """The last connection to close removes ``-wal`` and ``-shm``: left behind while no
    store of ours is open, they mean a session elsewhere (or a crash)."""
    return any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))


def in_use(path: Path, *, busy_seconds: float | None = None, here: int = 0) -> DatabaseInUse:
    """The refusal, naming who holds ``path`` where the system says.

    ``busy_seconds``: a write waited that long for another session's write lock.
    ``here``: other stores of this very process have the file open."""
    who = describe(holders(path))
    if not who and here:
        who = "another window or task of this program"
    session = f"another session ({who})" if who else "another session"
    if busy_seconds is not None:
        return DatabaseInUse(
            path,
            f"{path} is in use by {session}, which has held its write lock for more than "
            f"{busy_seconds:g} s: try again when it has finished; nothing was changed",
        )
    return DatabaseInUse(
        path,
        f"{path} is in use by {session}: close that window (or let that command finish) "
        "and try again; nothing was changed",
    )


def refuse_if_in_use(path: Path, *, own_stores: int = 0) -> None:
    """Raise :class:`DatabaseInUse` if a session other than this caller's ``own_stores``
    open stores has ``path`` open (a key switch would leave it writing to the old file)."""
    here = open_in_process(path) - own_stores
    if here > 0 or holders(path):
        raise in_use(path, here=here)
