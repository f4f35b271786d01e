"""`dossier-desk`: the workstation application."""
from __future__ import annotations

import argparse
import multiprocessing
import sys


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dossier-desk", description="Dossier Desk document-review workstation.")
    p.add_argument("--demo", action="store_true", help="build the demo case in the store and sign in as its judge")
    p.add_argument("--store", metavar="URL", help="store URL (default: DOSSIER_STORE, else the embedded store)")
    p.add_argument("--user", metavar="NAME", help="sign in as this user")
    p.add_argument("--lang", choices=("zh_CN", "en"),
                   help="interface language for this run (default: the one last chosen in the "
                        "application, else the system's)")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    p.add_argument("--self-check", action="store_true",
                   help="check this installation without opening a window (temporary store, a "
                        "rendered page, a filled template); one line per check, exit status 0/1")
    # Windows "Open with" passes the chosen PDF; accepted so that the app starts.
    p.add_argument("files", nargs="*", metavar="PDF", help=argparse.SUPPRESS)
    return p


def version() -> str:
    from importlib.metadata import PackageNotFoundError, version as dist_version
    try:
        return dist_version("dossier-desk")
    except PackageNotFoundError:
        return "0+unknown"


#: Held while the application runs; the installer refuses to replace files while it exists.
RUNNING_MUTEX = "DossierDeskRunning"


def _announce_running() -> list:
    """Create the named mutexes the installer and uninstaller look for (Windows only).

    Session-local for the desk's own user, Global for other sessions on a terminal server.
    Returns the handles, which must stay open for as long as the application runs.
    """
    if sys.platform != "win32":
        return []
    import ctypes  # Windows only

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateMutexW.restype = ctypes.c_void_p
    handles = []
    for name in (RUNNING_MUTEX, "Global\\" + RUNNING_MUTEX):
        handle = kernel32.CreateMutexW(None, False, name)
        if handle:
            handles.append(handle)
    return handles


def _sign_in(store, args, parent=None):
    """The demo signs in as its judge; otherwise the sign-in dialog asks."""
    if args.demo:
        from storage.demo_content import demo_case
        return store.as_user(args.user or demo_case().judge[0])
    from .login import sign_in
    return sign_in(store, args.user or "", parent)


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()
    args = _parser().parse_args(argv)
    if args.version:
        print(version())
        return 0
    if args.self_check:
        from .self_check import self_check
        return self_check()
    running = _announce_running()  # noqa: F841 - released by the system when the process ends
    from PySide6.QtWidgets import QApplication, QMessageBox

    from storage.errors import StoreError
    from storage.store import Store
    from viewer.qt.render_service import RenderService

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Dossier Desk")
    app.setOrganizationName("DossierDesk")
    from .icons import app_icon
    app.setWindowIcon(app_icon())
    # Before any window exists, and after the names QSettings needs to find the saved choice.
    from .i18n import install_translators, startup_language
    install_translators(app, startup_language(args.lang))
    from .collector import IdleCollector
    collector = IdleCollector(parent=app)
    collector.start()
    # Render workers start with the app, not on the first open.
    service = RenderService()
    service.start()
    try:
        try:
            store = Store.open(args.store)
            if args.demo:
                from storage.demo import build_demo
                build_demo(store)
        except StoreError as exc:
            from .messages import describe
            QMessageBox.critical(None, "Dossier Desk", describe(exc))
            return 2
        session = _sign_in(store, args)
        if session is None:
            return 1
        from .main_window import MainWindow
        window = MainWindow(session, service)
        window.show()
        if args.files:
            # "Open with" from Windows: a loose PDF, read in the left pane beside the case.
            from pathlib import Path
            window.panes["left"].show_document(args.files[0], Path(args.files[0]).name)
        return app.exec()
    finally:
        service.shutdown()


if __name__ == "__main__":
    sys.exit(main())
