"""The stores: the encrypted database file (open/create/key, PRAGMAs, migrations,
backup, checks) and the task-force server (``server``: PostgreSQL through psycopg).

Nothing above this layer talks to sqlcipher3 or psycopg directly.
"""

from workbench.store.database import Store
from workbench.store.errors import (
    DatabaseDamaged,
    DatabaseExists,
    DatabaseMissing,
    NotAWorkbenchDatabase,
    StoreError,
    WrongPassphrase,
)
from workbench.store.keys import DatabaseKey, PassphraseKey
from workbench.store.server import ServerStore

# Either store: the encrypted file of one workstation or a task force's server.
AnyStore = Store | ServerStore

__all__ = [
    "AnyStore",
    "DatabaseDamaged",
    "DatabaseExists",
    "DatabaseKey",
    "DatabaseMissing",
    "NotAWorkbenchDatabase",
    "PassphraseKey",
    "ServerStore",
    "Store",
    "StoreError",
    "WrongPassphrase",
]
