"""What annotations cost the reader: opening a heavily annotated document, and how soon another
desk's annotation shows.

first_page_with_2000_vs_none
    The real reading pane (ReaderPane: page view, thumbnails) with the annotation tools and
    their overlay installed, on the render service with its workers, in a 1600 x 1000 window.
    Timed: from ``show_document(path)`` — which reads the document's annotations from an
    embedded store (SQLite), reads the annotations inside the PDF file, fills the model and
    hands it to the overlay — until page 1 has been painted sharp with its annotations on it.
    The document (``--pages`` text pages) carries 2,000 annotations of every kind: 150 on
    each of its first two pages and the rest spread over the others. The peer is the same
    document, a copy differing only in its metadata (so the store keeps it apart), with no
    annotation, opened the same way. Each trial opens fresh hard-linked names, so no cache
    keyed by path is warm; trials alternate; the figure is the ratio of the medians.
live_update_s
    Two desks on one PostgreSQL store (a fresh schema, dropped afterwards), in this process:
    desk A is a store session, desk B the reading pane showing the document with the live
    feed (LISTEN/NOTIFY, a socket notifier) keeping its annotation models current. Timed:
    from the start of desk A's ``add_annotation`` (its commit included) until desk B's overlay
    has painted the new annotation on page 1. The median of ``--samples`` saves.

Usage: python benchmarks/annotations.py [--pages 200] [--trials 7] [--samples 20] [--pg URL]
The last line holds the two figures.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pymupdf  # noqa: E402

CASE_NO = "（2024）陕0823执100号"
WINDOW = (1600, 1000)
ANNOTATIONS = 2000
ON_EACH_FIRST_PAGE = 150
PG_DEFAULT = os.environ.get("DOSSIER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


# -- the document and its annotations ------------------------------------------------------------
def make_document(path: str, pages: int, tag: str) -> str:
    """``pages`` A4 pages of Chinese and Latin text; ``tag`` only goes into the metadata."""
    rng = random.Random(1949)
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page(width=595, height=842)
        y = 72
        page.insert_text((72, y), f"民事判决书 第{number + 1}页", fontname="china-s", fontsize=16)
        for _ in range(32):
            y += 22
            line = "".join(rng.choice("本院认为被告应当于判决生效之日起十日内偿还原告借款本金及利息")
                           for _ in range(30))
            page.insert_text((72, y), line, fontname="china-s", fontsize=11)
    doc.set_metadata({"title": "判决书", "subject": tag})
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return path


def annotation_fields(pages: int, count: int, rng: random.Random) -> list[dict]:
    """``count`` annotations of every kind: ON_EACH_FIRST_PAGE on pages 1 and 2, the rest spread."""
    kinds = ("highlight", "underline", "rect", "ellipse", "arrow", "ink", "note", "freetext", "stamp",
             "strikeout")
    out = []
    for i in range(count):
        page = i // ON_EACH_FIRST_PAGE if i < 2 * ON_EACH_FIRST_PAGE else rng.randrange(2, pages)
        kind = kinds[i % len(kinds)]
        x, y = rng.uniform(60, 420), rng.uniform(80, 760)
        if kind in ("highlight", "underline", "strikeout"):
            geometry = [[x, y, x + 120, y, x, y + 14, x + 120, y + 14]]
        elif kind == "arrow":
            geometry = [x, y, x + 80, y + 40]
        elif kind == "ink":
            geometry = [[v for k in range(24) for v in (x + 4 * k, y + 6 * ((k % 4) - 2))]]
        elif kind == "note":
            geometry = [x, y, x + 20, y + 20]
        else:
            geometry = [x, y, x + 110, y + 34]
        fields = {"kind": kind, "page": page, "geometry": geometry, "text": f"批注{i}：核对金额与日期"}
        if kind == "stamp":
            fields["stamp"] = "已核实"
        out.append(fields)
    return out


def fresh_name(original: str, folder: str, label: str) -> str:
    """A new hard link (or copy) of ``original``: a path no cache has seen."""
    path = os.path.join(folder, f"{label}-{uuid.uuid4().hex[:8]}.pdf")
    try:
        os.link(original, path)
    except OSError:
        import shutil
        shutil.copyfile(original, path)
    return path


# -- the application side -------------------------------------------------------------------------
class Desk:
    """A window with one reading pane and its annotation tools, on a running render service."""

    def __init__(self, session, service, resolve) -> None:
        from PySide6.QtWidgets import QVBoxLayout, QWidget

        from desktop.annotation_tools import AnnotationTools
        from desktop.reader_pane import ReaderPane
        from viewer.qt.annotation_model import AnnotationModels

        self.window = QWidget()
        self.window.resize(*WINDOW)
        self.pane = ReaderPane(service, "left", self.window)
        QVBoxLayout(self.window).addWidget(self.pane)
        self.models = AnnotationModels()
        self.tools = AnnotationTools(self.pane, session, self.models, resolve_document=resolve)
        self.view = self.pane.view
        self.paints: list[tuple[float, int]] = []     # (time, annotations painted on page 1)
        # Added after the annotation overlay: called once it has painted the page.
        self.view.add_overlay(self._painted)
        self.window.show()

    def _painted(self, _painter, index: int, _rect) -> None:
        if index == 0:
            self.paints.append((time.perf_counter(), len(self.tools.overlay.page_annotations(0))))

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()


def wait(done, timeout_s: float, poll_ms: int = 2) -> bool:
    """Run the event loop until ``done()`` holds (checked every ``poll_ms``); False on timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return True
    loop = QEventLoop()
    state = {"ok": False}

    def check() -> None:
        if done():
            state["ok"] = True
            loop.quit()

    poll = QTimer()
    poll.timeout.connect(check)
    poll.start(poll_ms)
    QTimer.singleShot(round(timeout_s * 1000), loop.quit)
    loop.exec()
    poll.stop()
    return state["ok"]


def first_page_once(desk: Desk, service, path: str, title: str, expected: int) -> float:
    """Seconds from show_document(path) until page 1 is painted sharp with ``expected`` marks."""
    if not wait(lambda: service.pending_count == 0, 60.0, poll_ms=10):
        raise SystemExit("the render service did not become idle within 60 s")
    arrived: dict[str, float] = {}

    def on_rendered(req, _image) -> None:
        if req.path == path and req.page == 0 and req.owner == desk.view.owner and "t" not in arrived:
            arrived["t"] = time.perf_counter()

    service.rendered.connect(on_rendered)
    desk.paints.clear()
    started = time.perf_counter()
    desk.pane.show_document(path, title)

    def shown() -> bool:
        return "t" in arrived and any(t >= arrived["t"] and n == expected for t, n in desk.paints)

    ok = wait(shown, 30.0, poll_ms=1)
    service.rendered.disconnect(on_rendered)
    if not ok:
        raise SystemExit(f"page 1 of {title} was not painted with its {expected} annotations within 30 s")
    ended = next(t for t, n in desk.paints if t >= arrived["t"] and n == expected)
    return ended - started


def measure_first_page(work: str, pages: int, trials: int) -> tuple[float, float, float, float]:
    """(ratio, median seconds with 2,000 annotations, median seconds with none, median seconds
    of the store read of the 2,000 alone)."""
    from PySide6.QtWidgets import QApplication

    from storage.store import Store
    from viewer.qt.render_service import RenderService

    app = QApplication.instance() or QApplication([sys.argv[0]])
    annotated = make_document(os.path.join(work, "annotated.pdf"), pages, "annotated")
    plain = make_document(os.path.join(work, "plain.pdf"), pages, "plain")
    store = Store.initialize("sqlite:///" + os.path.join(work, "bench.sqlite3").replace(os.sep, "/"),
                             cache_dir=os.path.join(work, "cache"))
    store.bootstrap_admin("admin", "")
    admin = store.as_user("admin")
    admin.add_user("judge1", "judge", "pw", "王法官")
    admin.create_case(CASE_NO)
    admin.assign(CASE_NO, "judge1", "judge")
    admin.import_files(CASE_NO, [annotated, plain], volume="正卷")
    session = store.as_user("judge1")
    ids = {d.title: d.id for d in session.documents(CASE_NO)}
    session.add_annotations(ids["annotated"], annotation_fields(pages, ANNOTATIONS, random.Random(7)))
    expected = {"annotated": ON_EACH_FIRST_PAGE, "plain": 0}
    reads = []
    for _ in range(trials):
        started = time.perf_counter()
        session.annotations(ids["annotated"])
        reads.append(time.perf_counter() - started)
    read_s = statistics.median(reads)

    service = RenderService()
    service.start()
    names: dict[str, int] = {}
    desk = Desk(session, service, names.get)
    try:
        if not wait(lambda: service.ready_count >= 1, 30.0, poll_ms=5):
            raise SystemExit("the render workers did not start within 30 s")
        wait(lambda: desk.view.viewport().width() > 600, 5.0)
        # One untimed round warms what every later open shares (fonts, imports, the workers).
        times: dict[str, list[float]] = {"annotated": [], "plain": []}
        for trial in range(trials + 1):
            for label, original in (("annotated", annotated), ("plain", plain)):
                path = fresh_name(original, work, label)
                names[path] = ids[label]
                seconds = first_page_once(desk, service, path, label, expected[label])
                if trial:
                    times[label].append(seconds)
    finally:
        desk.close()
        service.shutdown()
        store.close()
        app.processEvents()
    with_marks, without = statistics.median(times["annotated"]), statistics.median(times["plain"])
    return with_marks / without, with_marks, without, read_s


# -- live updates between two desks ----------------------------------------------------------------
@contextlib.contextmanager
def pg_schema(base: str):
    """A store URL on a fresh PostgreSQL schema, dropped afterwards."""
    import psycopg
    schema = "bench_" + uuid.uuid4().hex[:12]
    plain = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{base}?options={quote('-csearch_path=' + schema)}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def measure_live(work: str, pg: str, samples: int) -> tuple[float, float, str]:
    """(median seconds, worst seconds, the feed's mode) from desk A's save to desk B's paint."""
    from PySide6.QtWidgets import QApplication

    from desktop.live import LiveFeed, apply_annotation_change
    from storage.store import Store
    from viewer.qt.render_service import RenderService

    app = QApplication.instance() or QApplication([sys.argv[0]])
    path = make_document(os.path.join(work, "live.pdf"), 3, "live")
    with pg_schema(pg) as url:
        store_a = Store.initialize(url, cache_dir=os.path.join(work, "cache-a"))
        store_a.bootstrap_admin("admin", "")
        admin = store_a.as_user("admin")
        for name in ("judge1", "judge2"):
            admin.add_user(name, "judge", "pw")
        admin.create_case(CASE_NO)
        admin.assign(CASE_NO, "judge1", "judge")
        admin.assign(CASE_NO, "judge2", "judge")
        admin.import_files(CASE_NO, [path], volume="正卷")
        store_b = Store(url, cache_dir=os.path.join(work, "cache-b"))
        session_a, session_b = store_a.as_user("judge1"), store_b.as_user("judge2")
        doc_id = session_b.documents(CASE_NO)[0].id
        service = RenderService()
        service.start()
        desk = Desk(session_b, service, {path: doc_id}.get)
        feed = LiveFeed(session_b, [CASE_NO])
        feed.annotationChanged.connect(lambda uid, info: apply_annotation_change(desk.models, uid, info))
        seconds: list[float] = []
        try:
            desk.pane.show_document(path, "live")
            wait(lambda: service.ready_count >= 1 and service.pending_count == 0, 30.0, poll_ms=5)
            rng = random.Random(11)
            for i in range(samples):
                shown_before = len(desk.tools.overlay.page_annotations(0))
                desk.paints.clear()
                started = time.perf_counter()
                session_a.add_annotation(doc_id, kind="rect", page=0, text=f"第{i + 1}条",
                                         geometry=[rng.uniform(60, 400), rng.uniform(80, 700), 500, 800])
                if not wait(lambda: any(n > shown_before for _t, n in desk.paints), 10.0, poll_ms=1):
                    raise SystemExit(f"desk B did not show annotation {i + 1} within 10 s")
                seconds.append(next(t for t, n in desk.paints if n > shown_before) - started)
            mode = feed.mode
        finally:
            feed.stop()
            desk.close()
            service.shutdown()
            store_a.close()
            store_b.close()
            app.processEvents()
    return statistics.median(seconds), max(seconds), mode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--trials", type=int, default=7)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--pg", default=PG_DEFAULT, help="PostgreSQL base URL for the live part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dossier-annot-bench-") as work:
        ratio, with_marks, without, read_s = measure_first_page(work, args.pages, args.trials)
        print(f"first page, {args.pages} pages: with {ANNOTATIONS} annotations {with_marks * 1000:.1f} ms, "
              f"none {without * 1000:.1f} ms (medians of {args.trials}); of which the store's "
              f"annotations() read alone takes {read_s * 1000:.1f} ms")
        live, worst, mode = measure_live(work, args.pg, args.samples)
        print(f"live update (PostgreSQL, feed mode {mode}): median {live * 1000:.1f} ms, "
              f"worst {worst * 1000:.1f} ms over {args.samples} saves")
    print(f"first_page_with_2000_vs_none={ratio:.3f} live_update_s={live:.3f}")


if __name__ == "__main__":
    main()
