"""Builds the QApplication and the main window: the one module that wires views to services.

``workbench gui`` (cli.py) resolves the command line's credentials and calls
:func:`run_gui` or :func:`run_screenshot`; :func:`main` is the same entry for
``python -m workbench.app``, taking credentials only from a file or the environment
(the unlock dialog asks otherwise).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from workbench import APP_ID
from workbench.logs import configure_logging
from workbench.services.accounts.users import sign_in
from workbench.services.core.context import Context
from workbench.services.core.errors import ServiceError
from workbench.store import PassphraseKey, StoreError
from workbench.store.server import is_server_url
from workbench.views.app_font import install_app_font
from workbench.views.i18n import current_language, install_translators
from workbench.views.main_window import MainWindow
from workbench.views.window_layout import size_docks

qt_log = logging.getLogger("workbench.qt")

SCREENSHOT_SIZE = (1400, 900)
# Exit status when Qt cannot start its platform plugin (a missing system library, no
# display): "anything else" in the command line's table, after a clear error line.
EXIT_NO_PLATFORM = 1


class UnknownView(ValueError):
    """``--view`` names no tab of the window."""


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The process's QApplication (created once; tests and benchmarks share it)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qInstallMessageHandler(_qt_message)
    app = QApplication(list(argv) if argv is not None else [sys.argv[0]])
    app.setOrganizationName("TaskForceWorkbench")
    app.setApplicationName("Workbench")
    app.setApplicationDisplayName("Task Force Workbench")
    app.setDesktopFileName(APP_ID)
    install_app_font(app)
    return app


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own diagnostics go to the log file, as SQLCipher's do: a person sees only
    our one ``error:`` line (offscreen screenshots otherwise print platform notes)."""
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(mode, logging.ERROR)
    qt_log.log(level, "%s", message)
    if mode == QtMsgType.QtFatalMsg and "platform plugin" in message:
        _platform_failed()


def _platform_failed() -> None:
    """Qt is about to abort because no platform plugin started: say why on stderr (which
    library is missing, or that there is no display) and leave with a plain exit status
    instead of "Aborted"."""
    from workbench.views.platform_check import diagnose

    try:
        text = diagnose().message()
    except Exception:  # the diagnosis must never hide the failure itself
        qt_log.exception("diagnosing the platform plugin failed")
        text = "error: the window cannot start: Qt could not initialise its platform plugin"
    qt_log.error("%s", text)
    print(text, file=sys.stderr, flush=True)
    logging.shutdown()
    os._exit(EXIT_NO_PLATFORM)


def open_context(db: Path | str, key: PassphraseKey | str, user: str) -> Context:
    """Sign ``user`` in through their key slot (the role comes from the database); the
    store is closed again on failure."""
    passphrase = key if isinstance(key, str) else key.material()
    return sign_in(db, user, passphrase)


def _attach_live_refresh(window: MainWindow) -> None:
    from workbench.views.live_refresh import install_live_refresh

    install_live_refresh(window)


def build_window(ctx: Context, lang: str, *, interactive: bool = True) -> MainWindow:
    """The main window with the parts other modules contribute attached.

    ``interactive`` adds what only a person at the screen needs: the idle lock, the
    settings dialog, saved window layout, live refresh on a server. Screenshots and
    tests leave it off.
    """
    window = MainWindow(ctx, lang)
    _attach_editing(window)
    _attach_search(window)
    _attach_clipboard(window)
    _attach_timeline(window)
    _attach_linkchart(window)
    _attach_export(window)
    _attach_users(window)
    _attach_registry(window)
    _attach_keyboard(window)
    lock_action = QAction(QCoreApplication.translate("MainWindow", "&Lock"), window)
    lock_action.setObjectName("action_lock")
    lock_action.setShortcut(QKeySequence("Ctrl+L"))
    lock_action.triggered.connect(window.lock)
    window.file_menu.addAction(lock_action)
    window.addAction(lock_action)
    if interactive:
        _attach_session(window)
        _attach_live_refresh(window)  # the server: other sessions' changes show at once
    window.file_menu.addSeparator()
    quit_action = QAction(QCoreApplication.translate("MainWindow", "&Quit"), window)
    quit_action.setObjectName("action_quit")  # the one action still usable while locked
    quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
    quit_action.triggered.connect(window.close)
    window.file_menu.addAction(quit_action)
    return window


def _attach_editing(window: MainWindow) -> None:
    """Undo/Redo, New…/Edit…/Delete: every edit's changes come back to apply_changes."""
    from workbench.views.editing import install_editing

    editing = install_editing(window)
    window.welcome.new_case_requested.connect(editing.new_case)  # a user with no case yet


def _attach_keyboard(window: MainWindow) -> None:
    """Ctrl+F to the table filter, Ctrl+Tab / Ctrl+Shift+Tab between tabs."""
    from workbench.views.keyboard import install_keyboard

    install_keyboard(window)


def _attach_search(window: MainWindow) -> None:
    from workbench.views.search_dialog import install_search

    install_search(window)


def _attach_export(window: MainWindow) -> None:
    """File ▸ Export prosecution package… (the PDF for the procuratorate)."""
    from workbench.views.export_dialog import install_export

    install_export(window)


def _attach_clipboard(window: MainWindow) -> None:
    """Copies from the tables clear themselves after the configured time (ID numbers)."""
    from workbench.views.clipboard import install_sensitive_copy
    from workbench.views.settings import Settings

    window.sensitive_copy = install_sensitive_copy(  # type: ignore[attr-defined]
        window, lambda: Settings().clipboard_clear_seconds
    )


def _attach_linkchart(window: MainWindow) -> None:
    """The Link chart tab (views/linkchart): the case's network, analysed."""
    from workbench.views.linkchart.install import install_linkchart

    install_linkchart(window)


def _attach_timeline(window: MainWindow) -> None:
    """The Timeline and Audit timeline tabs (views/timeline)."""
    from workbench.views.timeline.install import install_timeline

    install_timeline(window)


def _attach_users(window: MainWindow) -> None:
    """Tools ▸ Users… for admins, Tools ▸ Case members… for case leads and admins (the
    services refuse everyone else anyway)."""
    from workbench.views.case_access_dialog import install_case_access
    from workbench.views.users_dialog import install_users

    window.users_action = install_users(  # type: ignore[attr-defined]
        window, window.tools_menu, lambda: window.services.ctx
    )
    window.case_members_action = install_case_access(  # type: ignore[attr-defined]
        window, window.tools_menu, lambda: window.services.ctx, window.current_case_code
    )


def _attach_registry(window: MainWindow) -> None:
    """Tools ▸ Drug-user registry… (and the persons table's way into it) and Tools ▸
    Statistics… (views/registry, views/statistics)."""
    from workbench.views.registry.install import install_registry
    from workbench.views.statistics.install import install_statistics

    window.tools_menu.addSeparator()
    install_registry(window)
    install_statistics(window)


def _attach_session(window: MainWindow) -> None:
    """Idle lock, Settings…, and the window layout kept between runs."""
    from workbench.views.session_lock import IdleLock, minutes_to_ms
    from workbench.views.settings import Settings, SettingsDialog
    from workbench.views.window_layout import first_start

    settings = Settings()
    idle = IdleLock(window.lock, minutes_to_ms(settings.auto_lock_minutes), parent=window)
    window.locked.connect(idle.pause)
    window.unlocked.connect(idle.start)

    def edit_settings() -> None:
        dialog = SettingsDialog(settings, window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            idle.set_minutes(settings.auto_lock_minutes)

    action = QAction(QCoreApplication.translate("MainWindow", "Settin&gs…"), window)
    action.triggered.connect(edit_settings)
    window.tools_menu.addAction(action)
    if not settings.restore_window(window):  # size and dock width as the user left them
        first_start(window, window.case_list)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(lambda: settings.save_window(window))


def _languages(lang: str | None) -> tuple[str, str]:
    """(interface language installed, language of data labels) for ``--lang``/setting.

    The data labels (vocabularies, column titles) exist in both languages even when a
    compiled catalogue for the interface is missing, so an explicit choice wins there.
    """
    if lang is None:
        from workbench.views.settings import Settings

        lang = Settings().language
    interface = install_translators(lang)
    data = lang if lang in ("zh_CN", "en") else interface
    return interface, data


# Views that are windows of their own rather than tabs of a case (``--view``).
TOOL_VIEWS = ("registry", "statistics")


def _show(window: MainWindow, case: str | None, view: str | None) -> QWidget | None:
    """Open ``case`` at ``view``; a tool view opens its window, which is returned."""
    if case:
        window.open_case(case)
    if view in TOOL_VIEWS:
        launcher = getattr(window, view)
        opened: QWidget | None = launcher.open()
        return opened
    if view:
        if view not in window.case_view.view_names():
            names = (*window.case_view.view_names(), *TOOL_VIEWS)
            raise UnknownView(f"no view {view!r}; expected one of {', '.join(names)}")
        window.show_view(view)
    return None


def run_gui(
    db: Path | str | None,
    key: PassphraseKey | None,
    user: str | None,
    *,
    lang: str | None = None,
    case: str | None = None,
    view: str | None = None,
) -> int:
    """The interactive application; returns the exit code of the event loop."""
    app = application()
    _, data_lang = _languages(lang)
    if db is not None and key is not None and user:
        ctx = open_context(db, key, user)
    else:
        from workbench.views.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(path=db, user=user)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        opened = dialog.context()
        if opened is None:
            return 0
        ctx = opened
    window = build_window(ctx, data_lang)
    _show(window, case, view)
    window.show()
    try:
        return app.exec()
    finally:
        live = getattr(window, "live", None)
        if live is not None:
            live.stop()
        if not window.is_locked():
            window.services.ctx.store.close()


def run_screenshot(
    db: Path | str,
    key: PassphraseKey,
    user: str,
    case: str | None,
    view: str | None,
    lang: str | None,
    out: Path,
    size: tuple[int, int] = SCREENSHOT_SIZE,
    describe: Callable[[dict[str, object]], None] | None = None,
) -> int:
    """Build the window offscreen, open ``case`` at ``view``, save a PNG of it, return 0.

    ``describe`` receives what the picture shows in words (:func:`window_facts`): how a
    script checks the language and font without reading pixels.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    _, data_lang = _languages(lang or "system")
    ctx = open_context(db, key, user)
    try:
        window = build_window(ctx, data_lang, interactive=False)
        window.resize(*size)
        size_docks(window, window.case_list)
        window.show()
        target = _show(window, case, view) or window
        target.resize(*size)
        settle()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not target.grab().save(str(out), "PNG"):
            raise OSError(f"could not write {out}")
        if describe is not None:
            describe({"screenshot": str(out), **window_facts(app, window)})
        window.close()
        window.deleteLater()
        settle()
    finally:
        ctx.store.close()
    return 0


def window_facts(app: QApplication, window: MainWindow) -> dict[str, object]:
    """The interface language, menu titles, window title and first font family."""
    return {
        "language": current_language(),
        "menus": [a.text() for a in window.menuBar().actions() if a.text()],
        "title": window.windowTitle(),
        "font_family": app.font().families()[0] if app.font().families() else "",
        "platform": app.platformName(),
    }


def settle(rounds: int = 5) -> None:
    """Let layouts, lazy fetches and deferred deletes run (no event loop is running)."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for _ in range(rounds):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, 0)


# -- python -m workbench.app ---------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="workbench-gui", description="Task Force Workbench")
    p.add_argument("--db", default=os.environ.get("WORKBENCH_DB"))
    p.add_argument("--passphrase-file")
    p.add_argument("--user", default=os.environ.get("WORKBENCH_USER"))
    p.add_argument("--lang", choices=("zh_CN", "en", "system"))
    p.add_argument("--case")
    p.add_argument("--view")
    p.add_argument("--screenshot", metavar="PNG")
    p.add_argument(
        "--json", action="store_true", help="with --screenshot: print what the window shows"
    )
    return p


def _key(args: argparse.Namespace) -> PassphraseKey | None:
    if args.passphrase_file:
        text = Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
        return PassphraseKey(text)
    if os.environ.get("WORKBENCH_PASSPHRASE"):
        return PassphraseKey(os.environ["WORKBENCH_PASSPHRASE"])
    return None


def _print_json(facts: dict[str, object]) -> None:
    print(json.dumps(facts, ensure_ascii=False, indent=2))


def _location(value: str | None) -> Path | str | None:
    """``--db``: a database file, or a server's postgresql:// URL (kept as text)."""
    if not value:
        return None
    return value if is_server_url(value) else Path(value)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m workbench.app``: exit codes as the command line's (DESIGN.md)."""
    args = _parser().parse_args(argv)
    with contextlib.suppress(OSError):
        configure_logging()
    try:
        key = _key(args)
        db = _location(args.db)
        if args.screenshot:
            if db is None or key is None or not args.user:
                print(
                    "error: --screenshot needs --db, a passphrase (--passphrase-file or "
                    "WORKBENCH_PASSPHRASE) and --user (or WORKBENCH_USER)",
                    file=sys.stderr,
                )
                return 2
            describe = _print_json if args.json else None
            return run_screenshot(
                db,
                key,
                args.user,
                args.case,
                args.view,
                args.lang,
                Path(args.screenshot),
                describe=describe,
            )
        return run_gui(db, key, args.user, lang=args.lang, case=args.case, view=args.view)
    except (StoreError, ServiceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return int(getattr(exc, "exit_code", 1))
    except (UnknownView, OSError) as exc:  # a bad --view, an unreadable passphrase file
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
