"""Who is working on which database, and the clock: passed in, never global."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from workbench.store import Store


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    store: Store
    user: str
    clock: Callable[[], datetime] = field(default=utc_now)
    # The open unit of work of each thread, so nested service calls join it.
    local: threading.local = field(default_factory=threading.local, repr=False, compare=False)
