"""``server init``: the workbench schema, group roles and first admin on a PostgreSQL
server (the task force's shared store; ``--db postgresql://…`` then works everywhere)."""

from __future__ import annotations

import argparse

from workbench.cli.base import EXIT_OK, Registrar, UsageError
from workbench.cli.session import emit, passphrase_text, user_name
from workbench.services.accounts.users import create_server
from workbench.store.server import display_url, is_server_url


def cmd_server_init(args: argparse.Namespace) -> int:
    if not is_server_url(args.url):
        raise UsageError(f"--url must be a postgresql:// URL, not {args.url!r}")
    user = user_name(args)
    passphrase = passphrase_text(args, confirm=True)
    ctx, users_url = create_server(args.url, user, passphrase)
    ctx.store.close()
    emit(
        args,
        {"url": users_url, "admin": user, "owner": display_url(args.url)},
        lambda: (
            f"the workbench schema is ready at {users_url}; {user} is its administrator "
            f"(sign in with --db {users_url} --user {user})"
        ),
    )
    return EXIT_OK


def cmd_copy(args: argparse.Namespace) -> int:
    """The whole database, audit trail and attachments included, into an empty store."""
    from workbench.services.accounts.transfer import copy_database

    user = user_name(args)
    report = copy_database(args.source, args.target, user, passphrase_text(args))
    emit(
        args,
        {
            "from": report.source,
            "to": report.target,
            "tables": report.tables,
            "entries": report.entries,
            "head_hash": report.head_hash,
        },
        lambda: (
            f"copied {report.source} to {report.target}: {report.entries} audit entries "
            f"verified on arrival (head {report.head_hash}); other users need a passphrase "
            "from an admin there ('workbench user passwd NAME')"
        ),
    )
    return EXIT_OK


def register(r: Registrar) -> None:
    group = r.group("server", "the task-force server (PostgreSQL)")
    init = r.command(
        "init",
        cmd_server_init,
        "create or upgrade the workbench schema, group roles and first admin on a server",
        group,
    )
    init.add_argument(
        "--url",
        required=True,
        help="postgresql://OWNER@HOST:PORT/DATABASE of an existing database, connecting as "
        "its owner (a superuser or a role with CREATEROLE; password from PGPASSWORD or "
        "~/.pgpass). --user and the passphrase are the first admin's",
    )
    copy = r.command(
        "copy",
        cmd_copy,
        "copy a whole database between a file and a server (into an empty one), verified",
    )
    copy.add_argument(
        "--from",
        dest="source",
        required=True,
        help="a database file (signing in as --user, an admin) or a server's owner URL",
    )
    copy.add_argument(
        "--to",
        dest="target",
        required=True,
        help="a new file (you get its key slot) or an empty server database's owner URL",
    )
