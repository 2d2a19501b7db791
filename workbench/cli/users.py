"""``user add|list|remove|passwd|role`` and ``rekey``: accounts and the database key."""

from __future__ import annotations

import argparse

from workbench.cli.base import EXIT_OK, Registrar
from workbench.cli.columns import fit
from workbench.cli.session import add_lang_option, emit, lang, new_passphrase, signed_in
from workbench.domain import vocab
from workbench.services.accounts.users import UserService
from workbench.store.server import is_server_url


def cmd_user_add(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        passphrase = new_passphrase(args)
        UserService(ctx).add(
            args.name,
            args.role,
            args.display_name or "",
            passphrase=passphrase,
            police_no=args.police_no or "",
        )
    emit(
        args,
        {"user": args.name, "role": args.role},
        lambda: f"added {args.name} ({vocab.label(vocab.USER_ROLES, args.role, lang(args))})",
    )
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        rows = UserService(ctx).rows()
    data = [
        {
            "name": r.name,
            "role": r.role,
            "display_name": r.display_name,
            "police_no": r.police_no,
            "active": r.active,
            "key_slot": r.has_slot,
        }
        for r in rows
    ]

    language = lang(args)
    zh = language.startswith("zh")
    server = is_server_url(str(ctx.store.path))
    # (active, removed, has its way in, has none): a key slot on a file, a login role
    # on a server.
    if zh:
        words = (
            "在用",
            "已移除",
            *(("可登录", "不可登录") if server else ("有密钥槽", "无密钥槽")),
        )
    else:
        words = (
            "active",
            "removed",
            *(("login", "no login") if server else ("key slot", "no key slot")),
        )

    def text() -> str:
        return "\n".join(
            f"{fit(r.name, 16)} {fit(vocab.label(vocab.USER_ROLES, r.role, language), 13)} "
            f"{fit(words[0] if r.active else words[1], 8)} "
            f"{words[2] if r.has_slot else words[3]}  {r.display_name}"
            + (f" ({r.police_no})" if r.police_no else "")
            for r in rows
        )

    emit(args, data, text)
    return EXIT_OK


def cmd_user_remove(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        _, rekeyed = UserService(ctx).remove(args.name)
    emit(
        args,
        {"removed": args.name, "generation": rekeyed.generation, "users": list(rekeyed.users)},
        lambda: f"removed {args.name}; the database has a new key for {', '.join(rekeyed.users)}",
    )
    return EXIT_OK


def cmd_user_passwd(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        name = args.name or ctx.user
        UserService(ctx).change_passphrase(name, new_passphrase(args))
    emit(args, {"user": name}, lambda: f"changed the passphrase of {name}")
    return EXIT_OK


def cmd_user_set(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        name = args.name or ctx.user
        UserService(ctx).set_details(name, display_name=args.display_name, police_no=args.police_no)
    emit(
        args,
        {"user": name, "display_name": args.display_name, "police_no": args.police_no},
        lambda: f"updated {name}",
    )
    return EXIT_OK


def cmd_user_role(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        UserService(ctx).set_role(args.name, args.role)
    emit(args, {"user": args.name, "role": args.role}, lambda: f"{args.name} is now {args.role}")
    return EXIT_OK


def cmd_rekey(args: argparse.Namespace) -> int:
    with signed_in(args) as ctx:
        result = UserService(ctx).rekey()
    emit(
        args,
        {
            "generation": result.generation,
            "users": list(result.users),
            "backup": str(result.backup) if result.backup else None,
        },
        lambda: (
            f"new database key (generation {result.generation}) for "
            f"{', '.join(result.users)}; the previous file is kept as {result.backup}"
        ),
    )
    return EXIT_OK


def register(r: Registrar) -> None:
    users = r.group("user", "workbench users and their key slots")
    uadd = r.command("add", cmd_user_add, "add a user with a passphrase and a role", users)
    uadd.add_argument("name")
    uadd.add_argument("--role", required=True, choices=list(vocab.USER_ROLES))
    uadd.add_argument("--display-name", help="the real name documents print")
    uadd.add_argument("--police-no", help="the police number (警号) documents print")
    uadd.add_argument(
        "--new-passphrase-file", help="the new user's passphrase (else $WORKBENCH_NEW_PASSPHRASE)"
    )
    add_lang_option(r.command("list", cmd_user_list, "list the users", users))
    uremove = r.command("remove", cmd_user_remove, "remove a user and rekey the database", users)
    uremove.add_argument("name")
    upasswd = r.command("passwd", cmd_user_passwd, "change a passphrase (yours by default)", users)
    upasswd.add_argument("name", nargs="?")
    upasswd.add_argument(
        "--new-passphrase-file", help="the new passphrase (else $WORKBENCH_NEW_PASSPHRASE)"
    )
    uset = r.command(
        "set", cmd_user_set, "set a real name and police number (yours by default)", users
    )
    uset.add_argument("name", nargs="?")
    uset.add_argument("--display-name", help="the real name documents print")
    uset.add_argument("--police-no", help="the police number (警号) documents print")
    urole = r.command("role", cmd_user_role, "change a user's role", users)
    urole.add_argument("name")
    urole.add_argument("role", choices=list(vocab.USER_ROLES))
    r.command("rekey", cmd_rekey, "a new database key, rewrapped for every active user")
