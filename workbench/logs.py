"""Where the application log lives, and routing SQLCipher's own log lines into it.

A person at the terminal should see one ``error:`` line, not the cipher library's
diagnostics; those go to the log file for whoever investigates.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

_configured: Path | None = None


def log_dir() -> Path:
    env = os.environ.get("WORKBENCH_LOG_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "workbench"


def log_file() -> Path:
    return log_dir() / "workbench.log"


def configure_logging(level: int = logging.INFO) -> Path:
    """Send the ``workbench`` logger to the log file (idempotent)."""
    global _configured
    path = log_file()
    if _configured == path:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("workbench")
    logger.addHandler(handler)
    logger.setLevel(level)
    _configured = path
    return path
