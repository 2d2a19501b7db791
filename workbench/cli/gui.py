"""``gui``: the window, or with ``--screenshot`` a PNG of it built offscreen."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from workbench.cli.base import Registrar, UsageError
from workbench.cli.session import db_location, emit_json, passphrase, user_name
from workbench.store.server import is_server_url


def cmd_gui(args: argparse.Namespace) -> int:
    """The window; with --screenshot, a PNG of it built offscreen (no screen needed)."""
    from workbench import app  # Qt is loaded only for this command

    db_value = args.db or os.environ.get("WORKBENCH_DB")
    try:
        if args.screenshot:
            return app.run_screenshot(
                db_location(args),
                passphrase(args),
                user_name(args),
                args.case,
                args.view,
                args.lang,
                Path(args.screenshot),
                describe=emit_json if args.json else None,
            )
        # Credentials given non-interactively open the database directly; otherwise
        # the unlock dialog asks (never a terminal prompt for a windowed program).
        noninteractive = args.passphrase_file or os.environ.get("WORKBENCH_PASSPHRASE")
        key = passphrase(args) if db_value and noninteractive else None
        location = None if not db_value else db_value if is_server_url(db_value) else Path(db_value)
        return app.run_gui(
            location,
            key,
            args.user or os.environ.get("WORKBENCH_USER"),
            lang=args.lang,
            case=args.case,
            view=args.view,
        )
    except app.UnknownView as exc:
        raise UsageError(str(exc)) from None


def register(r: Registrar) -> None:
    gui = r.command("gui", cmd_gui, "open the window (or save a screenshot of it)")
    gui.add_argument("--lang", choices=["zh_CN", "en"], help="interface language for this run")
    gui.add_argument("--case", help="open this case file")
    gui.add_argument(
        "--view", help="show this tab (overview, persons, vehicles, …, timeline, audit-timeline)"
    )
    gui.add_argument(
        "--screenshot",
        metavar="PNG",
        help="build the window offscreen, save it, and exit (with --json: print the "
        "language, menus and font it was drawn with)",
    )
