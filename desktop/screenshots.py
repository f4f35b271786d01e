"""Screenshots of the workstation on the demo case: `python -m desktop.screenshots OUTDIR`.

Builds the demo store in a temporary folder (nothing of the user's is read or written), opens
the real main window at 1920x1080 with the judgment in the left pane and a scanned piece of
evidence in the right one, and saves ``main.png``. When the window can detach a pane, the right
pane goes to the other monitor and ``detached.png`` shows both screens side by side.

Runs on the offscreen platform when no display is there (widgets are painted with grab()), and
under Xvfb as well. With ``QT_QPA_PLATFORM=offscreen:configfile=screens.json`` describing two
screens, the detached pane lands on the second one.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

WIDTH, HEIGHT = 1920, 1080


def _settle(app, rounds: int = 8) -> None:
    """Let layouts, renders and repaints finish: a few passes through the event loop."""
    from PySide6.QtCore import QEventLoop, QTimer
    for _ in range(rounds):
        loop = QEventLoop()
        QTimer.singleShot(60, loop.quit)
        loop.exec()
        app.processEvents()


def _find_detacher(window):
    try:
        from .detach import Detacher
    except ImportError:
        return None
    for value in vars(window).values():
        if isinstance(value, Detacher):
            return value
        if isinstance(getattr(value, "detacher", None), Detacher):
            return value.detacher
    return Detacher(window, window.split, window.panes)


def _desktop_image(windows):
    """All screens side by side, each window painted where it stands, as one image."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
    screens = QGuiApplication.screens()
    area = QRect()
    for screen in screens:
        area = area.united(screen.geometry())
    image = QImage(area.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("#2b3036"))
    painter = QPainter(image)
    for screen in screens:
        g = screen.geometry().translated(-area.topLeft())
        painter.setPen(QColor("#50575f"))
        painter.drawRect(g.adjusted(0, 0, -1, -1))
    for window in windows:
        shot = window.grab()
        painter.drawPixmap(window.geometry().topLeft() - area.topLeft(), shot)
    painter.end()
    return image


def take(outdir: Path, language: str | None = None) -> list[Path]:
    """Build the demo, open the window and save the screenshots; returns the files written."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    outdir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="dossier-shots-"))
    os.environ["DOSSIER_DATA_DIR"] = str(tmp / "data")
    os.environ["DOSSIER_CACHE_DIR"] = str(tmp / "cache")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Dossier Desk")
    app.setOrganizationName("DossierDesk")
    if language:
        from .i18n import install_translators
        install_translators(app, language)

    from storage.demo import build_demo
    from storage.demo_content import demo_case
    from storage.store import Store
    from viewer.qt.render_service import RenderService

    from .main_window import MainWindow

    store = Store.open("sqlite:///" + (tmp / "data" / "archive.sqlite3").as_posix(), cache_dir=tmp / "cache")
    written: list[Path] = []
    service = RenderService(synchronous=True)
    service.start()
    try:
        build_demo(store)
        window = MainWindow(store.as_user(demo_case().judge[0]), service)
        window.setGeometry(0, 0, WIDTH, HEIGHT)
        window.show()
        _settle(app)
        docs = list(window.documents.values())
        judgment = next(d for d in docs if d.doc_type == "判决书")
        evidence = next(d for d in docs if d.title.startswith("借条"))
        window.open_document(judgment.id, "left")
        window.open_document(evidence.id, "right")
        window.catalog.select_document(judgment.id)
        window.panes["left"].view.setFocus()
        _settle(app)
        main = outdir / "main.png"
        window.grab().save(str(main))
        written.append(main)

        detacher = _find_detacher(window)
        if detacher is not None:
            detached = detacher.detach("right")
            _settle(app)
            path = outdir / "detached.png"
            _desktop_image([window, detached]).save(str(path))
            written.append(path)
            detacher.attach("right")
        window.connection.stop()
        window.close()
        window.deleteLater()
        _settle(app, 2)
    finally:
        service.shutdown()
        store.close()
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m desktop.screenshots", description=__doc__.splitlines()[0])
    p.add_argument("outdir", type=Path, help="folder for main.png and detached.png")
    p.add_argument("--language", help="interface language, e.g. zh_CN (default: English source texts)")
    args = p.parse_args(argv)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in take(args.outdir, args.language):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
