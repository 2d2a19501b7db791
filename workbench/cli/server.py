"""``server init``: the workbench schema, group roles and first admin on a PostgreSQL
server (the task force's shared store; ``--db postgresql://…`` then works everywhere)."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.base import EXIT_OK, Parser, Registrar, UsageError
from workbench.cli.session import emit, passphrase_text, user_name
from workbench.services.accounts.users import create_server
from workbench.store import server_tls
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


def _issued(args: argparse.Namespace, what: str, issued: server_tls.Issued, hint: str) -> int:
    emit(
        args,
        {"certificate": str(issued.cert), "key": str(issued.key), "what": what},
        lambda: f"{what}: {issued.cert} (key {issued.key}, mode 0600)\n  {hint}",
    )
    return EXIT_OK


def cmd_certs_ca(args: argparse.Namespace) -> int:
    directory = Path(args.dir)
    try:
        ca = server_tls.make_ca(directory, subject=args.subject)
    except server_tls.CertificateError as exc:
        raise UsageError(str(exc)) from None
    return _issued(
        args,
        "site CA",
        ca,
        f"keep {ca.key} offline; give {ca.cert} to the server (ssl_ca_file) and to every "
        "client (sslrootcert=…)",
    )


def cmd_certs_server(args: argparse.Namespace) -> int:
    directory = Path(args.dir)
    try:
        issued = server_tls.make_server(
            server_tls.load_ca(directory), directory, args.host or (), args.ip or ()
        )
    except server_tls.CertificateError as exc:
        raise UsageError(str(exc)) from None
    names = ", ".join([*(args.host or ()), *(args.ip or ())])
    return _issued(
        args,
        f"server certificate for {names}",
        issued,
        f"the server's ssl_cert_file and ssl_key_file (the key owned by the postgres user); "
        f"clients connect to {names} with ?sslmode=verify-full&sslrootcert=ca.crt",
    )


def cmd_certs_client(args: argparse.Namespace) -> int:
    directory = Path(args.dir)
    try:
        issued = server_tls.make_client(server_tls.load_ca(directory), directory, args.name)
    except server_tls.CertificateError as exc:
        raise UsageError(str(exc)) from None
    return _issued(
        args,
        f"client certificate for {args.name} (CN={args.name})",
        issued,
        f"give it to {args.name} only: &sslcert={issued.cert.name}&sslkey={issued.key.name} "
        "in their URL, for a 'hostssl … cert' line in pg_hba.conf",
    )


def _register_certs(r: Registrar, group: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    certs = group.add_parser(
        "certs", help="make the site's CA, the server's and users' TLS certificates"
    )
    sub = certs.add_subparsers(dest="certs_command", required=True, parser_class=Parser)
    where = {
        "default": ".",
        "help": "directory of the site CA (ca.crt, ca.key) and of the new files "
        "(default: the current directory)",
    }
    ca = r.command("ca", cmd_certs_ca, "a new site CA (EC P-256, ten years): ca.crt, ca.key", sub)
    ca.add_argument("--dir", **where)  # type: ignore[arg-type]
    ca.add_argument("--subject", default=server_tls.DEFAULT_CA_SUBJECT, help="the CA's name")
    srv = r.command(
        "server",
        cmd_certs_server,
        "the server's certificate (two years), signed by the site CA: server.crt, server.key",
        sub,
    )
    srv.add_argument("--dir", **where)  # type: ignore[arg-type]
    srv.add_argument(
        "--host",
        action="append",
        help="a name (or address) clients connect to; repeat for several",
    )
    srv.add_argument("--ip", action="append", help="an IP address clients connect to; repeatable")
    client = r.command(
        "client",
        cmd_certs_client,
        "a user's client certificate (CN = the workbench user name): USER.crt, USER.key",
        sub,
    )
    client.add_argument("name", metavar="USER", help="the workbench user (their login role)")
    client.add_argument("--dir", **where)  # type: ignore[arg-type]


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
    _register_certs(r, group)
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
