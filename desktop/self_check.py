"""`dossier-desk --self-check`: proves that an installed client works on this desk, with no window.

Court IT runs it after a (silent) install or upgrade, and the build runs it on the frozen
program: every part that a frozen build can lose is exercised for real. The bundled
migrations create an embedded store in a temporary folder, a small case is imported through
the file checker (a worker process), a page is rendered by the render service (worker
processes too), the translation catalogue is loaded, and a library template is filled. One
line per check; the exit status is 0 only when no check failed. Nothing is written to the
user's data, cache or settings folders, and the machine's shared store is never touched.
"""
from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CheckResult", "run_checks", "self_check"]

OK, FAILED, SKIPPED = "ok", "FAIL", "skip"
#: Long enough for a cold start of the frozen workers on a slow desk; only a failure waits it out.
RENDER_TIMEOUT_S = 90
CASE_NO = "（2024）自检0001号"
PAGE_TEXT = "自检 self-check 第1页"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: `status` is "ok", "FAIL" or "skip"; `detail` says what was seen."""

    name: str
    status: str
    detail: str

    def line(self) -> str:
        """The line printed for this check."""
        return f"{self.status:<4} {self.name}: {self.detail}"


def _sample_pdf(path: Path) -> None:
    """Two pages of Chinese text in the built-in CJK font: the font a dossier scan's text layer
    and our generated documents rely on."""
    import pymupdf

    doc = pymupdf.open()
    for number in (1, 2):
        page = doc.new_page(width=595, height=842)
        page.insert_text((72, 100), PAGE_TEXT.replace("1", str(number)), fontname="china-s", fontsize=24)
        page.draw_rect(pymupdf.Rect(72, 140, 523, 400), color=(0.7, 0, 0), fill=(0.9, 0.2, 0.2))
    doc.save(path)
    doc.close()


def _check_version() -> CheckResult:
    from .app import version

    found = version()
    if found == "0+unknown":
        return CheckResult("version", FAILED, "the package metadata (dist-info) is missing from this build")
    return CheckResult("version", OK, found)


#: The packages whose every module must import: a frozen build that lost a dependency fails here.
PACKAGES = ("storage", "templates", "viewer", "desktop")


def _check_modules() -> CheckResult:
    import importlib
    import pkgutil

    count, broken = 0, []
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, package_name + "."):
            if ".migrations" in info.name:
                continue  # Alembic runs those files itself (the store check does)
            try:
                importlib.import_module(info.name)
            except Exception as exc:  # noqa: BLE001 - every broken module is reported
                broken.append(f"{info.name} ({type(exc).__name__}: {exc})")
            count += 1
    if broken:
        return CheckResult("modules", FAILED, "cannot import " + "; ".join(broken))
    return CheckResult("modules", OK, f"{count} modules import")


def _check_translations() -> CheckResult:
    from PySide6.QtCore import QTranslator

    from .i18n import translations_dir

    catalogue = translations_dir() / "dossier_zh_CN.qm"
    translator = QTranslator()
    if not translator.load(str(catalogue)):
        return CheckResult("translations", FAILED, f"cannot load {catalogue}")
    return CheckResult("translations", OK, f"{catalogue.name} loaded")


def _check_icons() -> CheckResult:
    from .icons import ICON_DIR

    icons = sorted(ICON_DIR.glob("*.svg"))
    if not icons:
        return CheckResult("icons", FAILED, f"no icons in {ICON_DIR}")
    return CheckResult("icons", OK, f"{len(icons)} icons")


def _check_store(workdir: Path, found: dict) -> CheckResult:
    from storage.store import Store

    url = "sqlite:///" + (workdir / "store" / "archive.sqlite3").as_posix()
    (workdir / "store").mkdir()
    pdf = workdir / "self-check.pdf"
    _sample_pdf(pdf)
    store = Store(url, cache_dir=workdir / "cache")
    try:
        store.bootstrap_admin("selfcheck", "", "自检")
        admin = store.as_user("selfcheck")
        admin.create_case(CASE_NO, cause="自检")
        report = admin.import_files(CASE_NO, [pdf], doc_type="自检")
        if not report.ok or len(report.imported) != 1:
            reasons = "; ".join(reason for _, reason in report.refused) or "nothing was imported"
            return CheckResult("store", FAILED, f"the file checker refused the sample: {reasons}")
        document = admin.documents(CASE_NO)[0]
        verified = admin.verify()
        if not verified.ok:
            return CheckResult("store", FAILED, "; ".join(verified.problems))
        found["document"] = str(admin.document_path(document.id))
    finally:
        store.close()
    return CheckResult("store", OK, f"embedded store migrated, {document.page_count} pages imported "
                                    "through the file checker, audit chain verified")


def _ensure_gui_application():
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        # No window is ever shown: a desk without a display (a deployment run as SYSTEM) works too.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    return app


def _check_render(found: dict) -> CheckResult:
    if "document" not in found:
        return CheckResult("render", SKIPPED, "no document: the store check failed")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QColor

    from viewer.qt.render_service import RenderRequest, RenderService

    _ensure_gui_application()
    service = RenderService(workers=1)
    outcome: dict = {}
    loop = QEventLoop()

    def rendered(_req, image):
        outcome["image"] = image
        loop.quit()

    def failed(_req, reason):
        outcome["error"] = reason
        loop.quit()

    service.rendered.connect(rendered)
    service.failed.connect(failed)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    service.start()
    try:
        cached = service.request(RenderRequest(found["document"], 0, 1.0, owner="self-check"))
        if cached is not None:
            outcome["image"] = cached
        else:
            timer.start(RENDER_TIMEOUT_S * 1000)
            loop.exec()
        pids = service.worker_pids
    finally:
        timer.stop()
        service.shutdown()
    if "error" in outcome:
        return CheckResult("render", FAILED, f"the render worker failed: {outcome['error']}")
    image = outcome.get("image")
    if image is None or image.isNull():
        return CheckResult("render", FAILED, f"no page image within {RENDER_TIMEOUT_S} s: "
                                             "the render workers did not start")
    # The red block drawn on the sample page must be there: a blank image is a broken render.
    probe = QColor(image.pixel(image.width() // 2, int(image.height() * 270 / 842)))
    if not (probe.red() > 180 and probe.green() < 120):
        return CheckResult("render", FAILED, "the rendered page does not show the sample's content")
    workers = ", ".join(str(pid) for pid in pids if pid != os.getpid())
    return CheckResult("render", OK, f"page 1 rendered at {image.width()}x{image.height()} "
                                     f"by worker process {workers or '?'}")


def _check_templates() -> CheckResult:
    try:
        from templates.manifest import library_names, template_paths
        from templates.render import check_template
    except ImportError as exc:
        return CheckResult("template", SKIPPED, f"document generation is not in this build ({exc.name})")
    names = library_names()
    if not names:
        return CheckResult("template", SKIPPED, "the template library is empty in this build")
    failures = []
    for name in names:
        docx, manifest = template_paths(name)
        # check_template includes a sample fill: a document is really generated.
        failures += [f"{name}: {problem}" for problem in check_template(docx, manifest)]
    if failures:
        return CheckResult("template", FAILED, " ".join(failures))
    return CheckResult("template", OK, f"{len(names)} library templates filled with sample values")


def _check_convert() -> CheckResult:
    try:
        from templates.convert import docx_to_pdf, libreoffice_path
    except ImportError as exc:
        return CheckResult("convert", SKIPPED, f"DOCX to PDF conversion is not in this build ({exc.name})")
    import io

    import pymupdf
    from docx import Document

    document = Document()
    document.add_paragraph(PAGE_TEXT)
    buffer = io.BytesIO()
    document.save(buffer)
    # The built-in engine, always in the bundle; LibreOffice is the desk's own, if any.
    pdf, engine = docx_to_pdf(buffer.getvalue(), engine="mupdf")
    with pymupdf.open(stream=pdf, filetype="pdf") as converted:
        text = converted[0].get_text()
    if PAGE_TEXT not in text.replace("\n", " "):
        return CheckResult("convert", FAILED, f"the {engine} conversion lost the text of the sample")
    office = libreoffice_path()
    return CheckResult("convert", OK, f"DOCX to PDF with {engine}; "
                                      + (f"LibreOffice found at {office}" if office else "LibreOffice not installed"))


@contextmanager
def _private_folders(workdir: Path) -> Iterator[None]:
    # Whatever a check opens by default lands in the temporary folder, never in the user's own.
    keys = {"DOSSIER_DATA_DIR": workdir / "data", "DOSSIER_CACHE_DIR": workdir / "cache"}
    saved = {key: os.environ.get(key) for key in keys}
    os.environ.update({key: str(value) for key, value in keys.items()})
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _guarded(name: str, check: Callable[[], CheckResult]) -> list[CheckResult]:
    try:
        result = check()
    except Exception as exc:  # noqa: BLE001 - a self-check reports every failure as a line
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return [CheckResult(name, FAILED, f"{type(exc).__name__}: {exc} "
                                          f"({Path(where.filename).name}:{where.lineno})")]
    return [result]


def run_checks(workdir: str | os.PathLike) -> Iterator[CheckResult]:
    """Run every check, using `workdir` (an empty folder) for the temporary store; yields each
    result as soon as it is known."""
    workdir = Path(workdir)
    found: dict = {}
    with _private_folders(workdir):
        yield from _guarded("version", _check_version)
        yield from _guarded("modules", _check_modules)
        yield from _guarded("translations", _check_translations)
        yield from _guarded("icons", _check_icons)
        yield from _guarded("store", lambda: _check_store(workdir, found))
        yield from _guarded("render", lambda: _check_render(found))
        yield from _guarded("template", _check_templates)
        yield from _guarded("convert", _check_convert)


def self_check(out: Callable[[str], None] = print) -> int:
    """Run every check in a temporary folder, report one line each through `out`; returns the
    exit status: 0 when no check failed, 1 otherwise."""
    stdout = sys.stdout
    if out is print and stdout is not None and hasattr(stdout, "reconfigure"):
        # A console or log file in a legacy code page must not turn a report into a crash.
        stdout.reconfigure(errors="replace")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="dossier-self-check-") as tmp:
        for result in run_checks(tmp):
            out(result.line())
            failed += result.status == FAILED
    out(f"self-check: {'passed' if not failed else f'{failed} check(s) failed'}")
    return 1 if failed else 0
