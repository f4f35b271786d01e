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
    p.add_argument("--version", action="store_true", help="print the version and exit")
    return p


def version() -> str:
    from importlib.metadata import PackageNotFoundError, version as dist_version
    try:
        return dist_version("dossier-desk")
    except PackageNotFoundError:
        return "0+unknown"


def _sign_in(store, args, parent=None):
    """The demo signs in as its judge; otherwise a user name and password are asked."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox
    from storage.errors import AccessDenied

    if args.demo:
        from storage.demo_content import demo_case
        return store.as_user(args.user or demo_case().judge[0])
    name = args.user
    for _attempt in range(3):
        if not name:
            name, ok = QInputDialog.getText(parent, "Dossier Desk", QInputDialog.tr("User name:"))
            if not ok:
                return None
        password, ok = QInputDialog.getText(parent, "Dossier Desk",
                                            QInputDialog.tr("Password for %1:").replace("%1", name),
                                            QLineEdit.EchoMode.Password)
        if not ok:
            return None
        try:
            return store.login(name, password)
        except AccessDenied as exc:
            QMessageBox.warning(parent, "Dossier Desk", str(exc))
    return None


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()
    args = _parser().parse_args(argv)
    if args.version:
        print(version())
        return 0
    from PySide6.QtWidgets import QApplication, QMessageBox

    from storage.errors import StoreError
    from storage.store import Store
    from viewer.qt.render_service import RenderService

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Dossier Desk")
    app.setOrganizationName("DossierDesk")
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
            QMessageBox.critical(None, "Dossier Desk", str(exc))
            return 2
        session = _sign_in(store, args)
        if session is None:
            return 1
        from .main_window import MainWindow
        window = MainWindow(session, service)
        window.show()
        return app.exec()
    finally:
        service.shutdown()


if __name__ == "__main__":
    sys.exit(main())
