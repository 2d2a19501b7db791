"""Database files on disk: a database with its -wal/-shm/-journal companions, and
durable renames (the commit point of backups and rekeys)."""

from __future__ import annotations

import os
from pathlib import Path


def remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = Path(str(path) + suffix)
        if candidate.exists():
            candidate.unlink()


def replace_file(src: Path, dst: Path) -> None:
    """Move ``src`` over ``dst`` durably (fsync file and directory)."""
    with src.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(src, dst)
    dir_fd = os.open(dst.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
