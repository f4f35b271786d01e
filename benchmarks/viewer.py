"""How fast the reading engine shows a large dossier, against PyMuPDF and Qt's own QtPdf.

One run, one machine, the same seeded 2,000-page dossier for everyone: Chinese text pages
(PyMuPDF's "china-s" font) in sections between runs of image-only scans (greyscale JPEG pages
of A4 at 200, 240 or 300 dpi, every one distinct). The file is made once and kept under
/tmp/dossier-bench (or --cache); the measurements open it under fresh hard-linked names, so
no cache keyed by path (the view's, the render service's, a worker's open documents) is warm.

The application side is the real stack: a QApplication, the RenderService with its default
settings (started, workers ready before anything is timed) and PageView widgets in a
1920 x 1080 window (QT_QPA_PLATFORM=offscreen unless a platform is set).

What is measured, and the peers:

first_page_vs_pymupdf
    App: from ``set_document(path)`` until page 1 has been painted sharp at fit width, i.e.
    the first paint of the viewport that ends after its real render arrived (the render
    service's ``rendered`` signal for that page and this view). Peer: a FRESH Python process
    that imports PyMuPDF, then times ``pymupdf.open`` + ``load_page(0)`` + ``get_pixmap`` at
    the same pixel size (interpreter start and the import are outside the timing). Medians of
    a few trials each; the ratio is app / peer.
first_page_vs_qtpdf
    The same app time divided by QtPdf in this process: ``QPdfDocument.load`` + ``render(0,
    same QSize)`` of a fresh name, median of a few trials (run last, after the memory figures,
    so that PDFium's memory is not counted as the application's).
scroll_vs_pymupdf
    Pages per second brought fully sharp while reading pages 1-300 at fit width: the vertical
    scroll bar is stepped one viewport height (a Page Down) at a time, and it steps only when
    every page on screen has its sharp render and a paint has followed; the rate is pages
    1-300 over the time from the first step until page 300 is painted sharp. Peer: one
    process rendering the same 300 pages at the same size one after another with PyMuPDF
    (document open included). Ratio app / peer (two workers on two cores: at most about 2).
max_stall_ms
    The longest gap between the ticks of a 5 ms precise QTimer on the GUI thread while the
    view scrolls scanned pages at 200 % at a steady reading speed (a timer moves the scroll
    bar every 16 ms), whether or not the renders keep up.
peak_rss_mb
    The largest sum of the resident set sizes of this process and all its descendants (render
    workers, multiprocessing's resource tracker), read from /proc every 50 ms during the
    whole run (sampling pauses while a PyMuPDF peer, a child process too, is running).
    The figure comes from the part with two 2,000-page documents open in two PageViews side
    by side, both scrolled and jumped through. Shared pages (Qt and MuPDF libraries, the
    shared-memory render slots) count in every process that maps them; PSS is printed too.

Usage: python benchmarks/viewer.py [--cache DIR] [--pages 2000] [--seed 1949] [--trials 5]
The last line holds the five figures.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

CORPUS_VERSION = 1
A4 = (595.0, 842.0)
WINDOW = (1920, 1080)
SCROLL_PAGES = 300
STALL_ZOOM = 2.0
STALL_SCROLL_PX = 32          # per 16 ms tick: 2,000 px/s, about a scanned page a second at 200 %
STALL_PAGES = 24
SCAN_DPI = (200, 240, 300)

# Legal phrases the typed pages are made of; seeded shuffles give every page its own text.
_PHRASES = (
    "申请执行人", "被执行人", "本院依法", "作出裁定", "冻结银行存款", "查封不动产", "限制高消费",
    "执行标的", "人民币", "逾期未履行", "法律文书确定的义务", "依照《中华人民共和国民事诉讼法》",
    "第二百四十七条", "之规定", "裁定如下", "送达回证", "执行笔录", "财产调查", "评估拍卖",
    "案款发放", "终结本次执行程序", "恢复执行", "当事人", "委托代理人", "住所地", "法定代表人",
    "经审查", "本案", "已发生法律效力", "申请强制执行", "执行通知书", "报告财产令", "的",
    "。", "，", "；", "：",
)


# -- the corpus -----------------------------------------------------------------------------------

def _layout(pages: int, rng: random.Random) -> list[str]:
    """Kinds of the pages ('text' or 'scan'): sections of typed pages between runs of scans.

    The first section is typed (a cover and an index come first), and one scan run is long
    enough for the stall measurement."""
    kinds: list[str] = []
    kind = "text"
    while len(kinds) < pages:
        run = rng.randint(8, 40) if kind == "text" else rng.randint(3, 24)
        if kind == "scan" and STALL_PAGES + 10 > run and not _has_long_scan_run(kinds):
            run = STALL_PAGES + 10
        kinds.extend([kind] * run)
        kind = "scan" if kind == "text" else "text"
    return kinds[:pages]


def _has_long_scan_run(kinds: list[str]) -> bool:
    return _longest_scan_run(kinds)[1] >= STALL_PAGES + 10


def _longest_scan_run(kinds: list[str]) -> tuple[int, int]:
    """(first page, length) of the longest run of scans."""
    best = (0, 0)
    start = None
    for i, kind in enumerate(kinds + ["end"]):
        if kind == "scan" and start is None:
            start = i
        elif kind != "scan" and start is not None:
            if i - start > best[1]:
                best = (start, i - start)
            start = None
    return best


def _scan_jpeg(rng: random.Random, dpi: int, blots: list) -> bytes:
    """A greyscale A4 scan at `dpi`: paper grain, lines of dark marks like print, a stamp."""
    from PIL import Image, ImageDraw, ImageFilter

    width, height = round(A4[0] / 72 * dpi), round(A4[1] / 72 * dpi)
    # Grain made at an eighth of the size and enlarged: a real scan's paper is not flat, but
    # neither is it white noise at full resolution.
    small = (width // 8, height // 8)
    grain = bytes(240 + b % 8 for b in rng.randbytes(small[0] * small[1]))
    page = Image.frombytes("L", small, grain).resize((width, height), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(page)
    margin = width // 9
    line_h = max(12, dpi // 4)
    y = margin + rng.randint(0, line_h)
    while y < height - margin:
        x = margin + (2 * line_h if rng.random() < 0.15 else 0)
        end = width - margin - (rng.randint(0, width // 2) if rng.random() < 0.2 else 0)
        while x < end:
            glyph = rng.choice(blots)
            page.paste(40, (x, y, x + glyph.width, y + glyph.height), glyph)
            x += glyph.width + rng.randint(1, 3)
        y += line_h + rng.randint(-2, 2)
    if rng.random() < 0.4:
        cx, cy, r = rng.randint(width // 2, width - margin), rng.randint(height // 2, height - margin), dpi
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=90, width=max(3, dpi // 40))
    page = page.filter(ImageFilter.GaussianBlur(0.6)) if dpi >= 240 else page
    out = io.BytesIO()
    page.save(out, "JPEG", quality=65, dpi=(dpi, dpi))
    return out.getvalue()


def _blots(rng: random.Random, dpi: int) -> list:
    """Dark glyph-sized marks: the print of a scanned page, cheap to paste."""
    from PIL import Image, ImageDraw

    size = max(10, dpi // 7)
    marks = []
    for _ in range(48):
        mark = Image.new("L", (size, size), 0)
        draw = ImageDraw.Draw(mark)
        for _ in range(rng.randint(3, 6)):
            x0, y0 = rng.randint(0, size - 3), rng.randint(0, size - 3)
            x1, y1 = rng.randint(x0, size - 1), rng.randint(y0, size - 1)
            draw.line((x0, y0, x1, y1), fill=rng.randint(150, 230), width=max(1, size // 10))
        marks.append(mark)
    return marks


def _text_page(page, rng: random.Random, number: int) -> None:
    y = 72.0
    page.insert_text((72, y), f"执行卷宗 第{number}页", fontname="china-s", fontsize=16)
    y += 36
    while y < A4[1] - 72:
        line = "".join(rng.choice(_PHRASES) for _ in range(12))[:30]
        page.insert_text((72, y), line, fontname="china-s", fontsize=14)
        y += 22


def make_dossier(path: str, pages: int, seed: int) -> list[str]:
    """Write the seeded mixed dossier to `path`; return the kind of every page."""
    import pymupdf

    rng = random.Random(seed)
    kinds = _layout(pages, rng)
    blots = {dpi: _blots(rng, dpi) for dpi in SCAN_DPI}
    doc = pymupdf.open()
    for number, kind in enumerate(kinds, 1):
        page = doc.new_page(width=A4[0], height=A4[1])
        if kind == "text":
            _text_page(page, rng, number)
        else:
            dpi = rng.choice(SCAN_DPI)
            page.insert_image(page.rect, stream=_scan_jpeg(rng, dpi, blots[dpi]))
    doc.set_metadata({"title": "执行案件卷宗（测试）"})
    doc.save(path, garbage=1)
    doc.close()
    return kinds


def corpus(cache: str, pages: int, seed: int) -> tuple[str, list[str]]:
    """The dossier for these settings, made on first use and kept in `cache`."""
    os.makedirs(cache, exist_ok=True)
    stem = os.path.join(cache, f"dossier-v{CORPUS_VERSION}-{pages}-{seed}")
    path, meta = stem + ".pdf", stem + ".json"
    if os.path.exists(path) and os.path.exists(meta):
        with open(meta, encoding="utf-8") as f:
            return path, json.load(f)["kinds"]
    started = time.perf_counter()
    print(f"making the {pages}-page dossier in {cache} (once) ...", flush=True)
    partial = path + ".part"
    kinds = make_dossier(partial, pages, seed)
    os.replace(partial, path)
    with open(meta, "w", encoding="utf-8") as f:
        json.dump({"kinds": kinds}, f)
    print(f"  made in {time.perf_counter() - started:.0f} s, "
          f"{os.path.getsize(path) / 2**20:.0f} MB", flush=True)
    return path, kinds


def fresh_name(original: str, folder: str, label: str) -> str:
    """A new name for the same file (a hard link, a copy where links are refused)."""
    path = os.path.join(folder, f"{label}.pdf")
    try:
        os.link(original, path)
    except OSError:
        import shutil
        shutil.copyfile(original, path)
    return path


# -- the peers (each in a fresh process) --------------------------------------------------------

def _peer_main(kind: str, path: str, scale: float, pages: int) -> None:
    """Run one peer in this fresh process and print its result as JSON."""
    import pymupdf  # before the clock starts: the import is not part of opening a page

    matrix = pymupdf.Matrix(scale, scale)
    if kind == "first-page":
        started = time.perf_counter()
        doc = pymupdf.open(path)
        pix = doc.load_page(0).get_pixmap(matrix=matrix, alpha=False)
        seconds = time.perf_counter() - started
        print(json.dumps({"seconds": seconds, "size": [pix.width, pix.height]}))
    elif kind == "scroll":
        started = time.perf_counter()
        doc = pymupdf.open(path)
        for i in range(pages):
            doc.load_page(i).get_pixmap(matrix=matrix, alpha=False)
        print(json.dumps({"seconds": time.perf_counter() - started}))
    else:
        raise SystemExit(f"unknown peer {kind}")


def run_peer(kind: str, path: str, scale: float, pages: int = 1, around=None) -> dict:
    """Start a fresh interpreter for one peer measurement and return what it printed.

    `around` (a MemorySampler) is paused while the peer runs: it is not the application."""
    if around is not None:
        around.pause()
    process = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), "--peer", kind, path, repr(scale), str(pages)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        out, err = process.communicate()
    finally:
        if around is not None:
            around.resume()
    if process.returncode != 0:
        raise SystemExit(f"the PyMuPDF peer failed: {err.strip()}")
    return json.loads(out.strip().splitlines()[-1])


# -- memory -----------------------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(_children(p))
    return out


def _field_kb(path: str, name: str) -> int:
    try:
        with open(path, encoding="ascii") as f:
            for line in f:
                if line.startswith(name):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemorySampler:
    """Samples the summed RSS (and PSS) of this process tree from /proc on its own thread."""

    def __init__(self, interval_s: float = 0.05) -> None:
        self._interval = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)
        self.peak_rss_kb = 0
        self.peak_pss_kb = 0
        self.peak_processes = 0
        self._phase_peak = 0
        self._paused = False
        self._lock = threading.Lock()

    def pause(self) -> None:
        """Take no samples until resume(): the tree is to hold a process that is not the
        application's. Returns once no sample is being taken."""
        with self._lock:
            self._paused = True

    def resume(self) -> None:
        """Sample again after pause()."""
        with self._lock:
            self._paused = False

    def start(self) -> None:
        """Start sampling."""
        self._thread.start()

    def stop(self) -> None:
        """Stop sampling and wait for the thread; safe to call more than once."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def phase(self) -> float:
        """Peak RSS in MB since the previous call."""
        self.sample(with_pss=True)
        with self._lock:
            peak, self._phase_peak = self._phase_peak, 0
        return peak / 1024

    def sample(self, with_pss: bool = False) -> None:
        """Take one sample now (PSS too if asked: reading it walks every mapping)."""
        with self._lock:
            if self._paused:
                return
            pids = _tree(os.getpid())
            rss = sum(_field_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
            if with_pss:
                pss = sum(_field_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
                self.peak_pss_kb = max(self.peak_pss_kb, pss)
            self.peak_rss_kb = max(self.peak_rss_kb, rss)
            self._phase_peak = max(self._phase_peak, rss)
            self.peak_processes = max(self.peak_processes, len(pids))

    def _run(self) -> None:
        # PSS once a second only: walking the mappings of the workers takes their memory lock,
        # which would slow the very renders being measured.
        count = 0
        while not self._stop.wait(self._interval):
            count += 1
            self.sample(with_pss=count % 20 == 0)


# -- the application side -------------------------------------------------------------------------

class Bench:
    """The running application: one service, a window with one or two page views."""

    def __init__(self) -> None:
        from PySide6.QtCore import Signal
        from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

        from viewer.qt.page_view import PageView
        from viewer.qt.render_service import RenderService

        class WatchedView(PageView):
            """A PageView that reports its paints: when one started and when it ended."""

            painted = Signal()

            def __init__(self, service) -> None:
                super().__init__(service)
                self.paint_started = 0.0
                self.paint_ended = 0.0

            def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
                self.paint_started = time.perf_counter()
                super().paintEvent(event)
                self.paint_ended = time.perf_counter()
                self.painted.emit()

        self._view_class = WatchedView
        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        self.service = RenderService()
        self.service.start()
        self.window = QWidget()
        self.window.resize(*WINDOW)
        self.row = QHBoxLayout(self.window)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(0)
        self.views = [self.add_view()]
        self.window.show()
        if not self.wait(lambda: self.service.ready_count == 2, [], 30.0, poll_ms=5):
            raise SystemExit("the render workers did not start within 30 s")
        self.wait(lambda: self.views[0].viewport().width() > 1000, [], 5.0, poll_ms=5)

    def add_view(self):
        """A new page view in the window, sharing the row with the others."""
        view = self._view_class(self.service)
        self.row.addWidget(view)
        view.show()
        return view

    def wait(self, done, signals, timeout_s: float, poll_ms: int = 0) -> bool:
        """Run the event loop until `done()` holds, checking it whenever one of `signals`
        fires (and every `poll_ms` if given); False on timeout."""
        from PySide6.QtCore import QEventLoop, QTimer

        if done():
            return True
        loop = QEventLoop()
        state = {"ok": False}

        def check(*_args) -> None:
            if done():
                state["ok"] = True
                loop.quit()

        for signal in signals:
            signal.connect(check)
        poll = QTimer()
        if poll_ms:
            poll.timeout.connect(check)
            poll.start(poll_ms)
        QTimer.singleShot(round(timeout_s * 1000), loop.quit)
        loop.exec()
        poll.stop()
        for signal in signals:
            signal.disconnect(check)
        return state["ok"]

    def idle(self) -> None:
        """Let every pending render finish, so the next measurement starts from rest."""
        if not self.wait(lambda: self.service.pending_count == 0, [], 60.0, poll_ms=10):
            raise SystemExit("the render service did not become idle within 60 s")

    def key(self, view, index: int) -> tuple:
        """The render key of page `index` of `view` as the view asks for it now."""
        from viewer.qt.render_service import RenderRequest

        src = view.sources[index]
        return RenderRequest(src.path, src.page, view.render_scale, view.rotation).key

    def all_sharp(self, view) -> bool:
        """Whether every page on screen has its render at the view's current scale."""
        return all(self.service.cached(self.key(view, i)) is not None for i in view.visible_pages())

    def settle(self, view, timeout_s: float = 30.0) -> float:
        """Wait until the pages on screen are sharp and a paint has shown them; return when
        that paint ended."""
        if not self.wait(lambda: self.all_sharp(view), [self.service.rendered, self.service.failed,
                                                         view.painted], timeout_s):
            raise SystemExit(f"pages {list(view.visible_pages())} were not rendered in {timeout_s} s")
        ready = time.perf_counter()
        view.viewport().update()
        if not self.wait(lambda: view.paint_started >= ready, [view.painted], timeout_s):
            raise SystemExit("the view did not repaint")
        return view.paint_ended

    def close(self) -> None:
        """Shut the service down and close the window."""
        self.service.shutdown()
        self.window.close()
        self.window.deleteLater()


def first_page(bench: Bench, path: str) -> tuple[float, tuple[int, int]]:
    """Seconds from set_document(path) until page 1 is painted sharp; the render's size."""
    view = bench.views[0]
    bench.idle()
    arrived = {}

    def on_rendered(req, image) -> None:
        if req.owner == view.owner and req.page == 0 and req.path == path and "t" not in arrived:
            arrived["t"] = time.perf_counter()
            arrived["size"] = (image.width(), image.height())

    bench.service.rendered.connect(on_rendered)
    started = time.perf_counter()
    view.set_document(path)
    ok = bench.wait(lambda: "t" in arrived and view.paint_started >= arrived["t"],
                    [view.painted], 30.0)
    bench.service.rendered.disconnect(on_rendered)
    if not ok:
        raise SystemExit("page 1 was not painted within 30 s")
    return view.paint_ended - started, arrived["size"]


def qtpdf_first_page(path: str, size: tuple[int, int]) -> float:
    """Seconds for QtPdf to load `path` and render its first page at `size`."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    started = time.perf_counter()
    doc = QPdfDocument()
    error = doc.load(path)
    image = doc.render(0, QSize(*size))
    seconds = time.perf_counter() - started
    if error != QPdfDocument.Error.None_ or image.isNull():
        raise SystemExit(f"QtPdf could not render {path}: {error}")
    doc.close()
    doc.deleteLater()
    return seconds


def scroll_rate(bench: Bench, path: str, pages: int) -> tuple[float, float, int]:
    """Read pages 1..`pages` a viewport at a time; (pages per second, seconds, steps)."""
    view = bench.views[0]
    bench.idle()
    bar = view.verticalScrollBar()
    started = time.perf_counter()
    view.set_document(path)
    steps = 0
    while True:
        ended = bench.settle(view)
        if view.visible_pages().stop >= pages or bar.value() >= bar.maximum():
            break
        bar.setValue(bar.value() + bar.pageStep())
        steps += 1
    seconds = ended - started
    return pages / seconds, seconds, steps


def max_stall(bench: Bench, path: str, first: int, count: int) -> tuple[float, int, float]:
    """Longest gap (ms) between 5 ms ticks while scrolling scans `first`..`first+count` at
    200 %; also how many ticks were seen and the seconds the scroll took."""
    from PySide6.QtCore import Qt, QTimer

    view = bench.views[0]
    bench.idle()
    view.set_document(path)
    view.set_zoom(STALL_ZOOM)
    view.scroll_to(first)
    bench.settle(view)
    bench.idle()
    bar = view.verticalScrollBar()
    stop_at = view.page_rect_in_viewport(first + count).top() + bar.value()
    ticks: list[float] = []
    tick = QTimer()
    tick.setTimerType(Qt.TimerType.PreciseTimer)
    tick.timeout.connect(lambda: ticks.append(time.perf_counter()))
    step = QTimer()
    step.setTimerType(Qt.TimerType.PreciseTimer)
    step.timeout.connect(lambda: bar.setValue(bar.value() + STALL_SCROLL_PX))
    tick.start(5)
    step.start(16)
    started = time.perf_counter()
    bench.wait(lambda: bar.value() >= min(stop_at, bar.maximum()), [bar.valueChanged], 120.0)
    step.stop()
    tick.stop()
    seconds = time.perf_counter() - started
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    return (max(gaps) * 1000 if gaps else float("inf")), len(ticks), seconds


def two_documents(bench: Bench, paths: tuple[str, str], rng: random.Random) -> int:
    """Open two dossiers side by side, read and jump through both; return pages shown."""
    left = bench.views[0]
    right = bench.views[1] if len(bench.views) > 1 else bench.add_view()
    if right not in bench.views:
        bench.views.append(right)
    bench.idle()
    left.set_fit_mode("width")
    right.set_fit_mode("width")
    left.set_document(paths[0])
    right.set_document(paths[1])
    shown = 0
    targets = [rng.randrange(left.page_count) for _ in range(6)]
    for target in targets:
        for view in (left, right):
            view.scroll_to(target)
        for _ in range(12):
            for view in (left, right):
                bench.settle(view)
                bar = view.verticalScrollBar()
                bar.setValue(bar.value() + bar.pageStep())
                shown += len(view.visible_pages())
    for view in (left, right):
        view.set_zoom(STALL_ZOOM)
        bench.settle(view)
    return shown


# -- the run ----------------------------------------------------------------------------------------

def main() -> None:
    """Make (or reuse) the dossier, measure the app and the peers, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "dossier-bench"))
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1949)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--peer", nargs=4, metavar=("KIND", "PATH", "SCALE", "PAGES"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        kind, path, scale, pages = args.peer
        _peer_main(kind, path, float(scale), int(pages))
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    run_started = time.perf_counter()
    original, kinds = corpus(args.cache, args.pages, args.seed)
    scan_first, scan_run = _longest_scan_run(kinds)
    stall_pages = min(STALL_PAGES, scan_run - 2)
    with tempfile.TemporaryDirectory(prefix="viewer-bench-", dir=args.cache) as folder:
        names = iter(range(1000))

        def fresh() -> str:
            return fresh_name(original, folder, f"d{next(names)}")

        print(f"dossier: {args.pages} pages, {kinds.count('scan')} scans, "
              f"{os.path.getsize(original) / 2**20:.0f} MB; window {WINDOW[0]} x {WINDOW[1]}, "
              f"QPA {os.environ['QT_QPA_PLATFORM']}", flush=True)
        bench = Bench()
        memory = MemorySampler()
        memory.start()
        try:
            view = bench.views[0]
            print(f"render workers ready in {bench.service.startup_seconds:.2f} s", flush=True)

            # First page: the app now, PyMuPDF in fresh processes; QtPdf at the end.
            app_times, size = [], None
            for _ in range(args.trials):
                seconds, size = first_page(bench, fresh())
                app_times.append(seconds)
            scale = view.render_scale
            peer = [run_peer("first-page", fresh(), scale, around=memory)
                    for _ in range(args.trials)]
            peer_times = [p["seconds"] for p in peer]
            app_first = statistics.median(app_times)
            vs_pymupdf = app_first / statistics.median(peer_times)
            print(f"first page at fit width, scale {scale:.4f}, {size[0]} x {size[1]} px "
                  f"(PyMuPDF: {peer[0]['size'][0]} x {peer[0]['size'][1]})")
            print(f"  app, set_document -> painted sharp: {_ms(app_times)}")
            print(f"  PyMuPDF, fresh process, open + render (import excluded): {_ms(peer_times)}",
                  flush=True)
            memory.phase()

            # Reading pages 1-300 at fit width.
            rate, seconds, steps = scroll_rate(bench, fresh(), SCROLL_PAGES)
            peer_scroll = run_peer("scroll", fresh(), scale, SCROLL_PAGES,
                                   around=memory)["seconds"]
            peer_rate = SCROLL_PAGES / peer_scroll
            print(f"reading pages 1-{SCROLL_PAGES} at fit width: the scroll bar steps one viewport"
                  f" height when every page on screen is sharp and painted; rate = {SCROLL_PAGES}"
                  f" pages / time from set_document until page {SCROLL_PAGES} is painted sharp")
            print(f"  app: {seconds:.2f} s, {steps} steps, {rate:.1f} pages/s;"
                  f" PyMuPDF one process: {peer_scroll:.2f} s, {peer_rate:.1f} pages/s", flush=True)
            scroll_ratio = rate / peer_rate

            # Stalls while scrolling scans at 200 %.
            stall, ticks, stall_seconds = max_stall(bench, fresh(), scan_first, stall_pages)
            print(f"scrolling scans {scan_first + 1}-{scan_first + stall_pages} at "
                  f"{STALL_ZOOM:.0%}, {STALL_SCROLL_PX * 1000 // 16} px/s: {stall_seconds:.1f} s, "
                  f"{ticks} ticks of 5 ms, longest gap {stall:.1f} ms", flush=True)
            single_peak = memory.phase()

            # Two dossiers side by side.
            shown = two_documents(bench, (fresh(), fresh()), random.Random(args.seed))
            both_peak = memory.phase()
            memory.stop()

            # QtPdf last, once memory is no longer sampled: PDFium's own memory stays in this
            # process and is not the application's.
            bench.idle()
            qt_times = [qtpdf_first_page(fresh(), size) for _ in range(args.trials)]
            vs_qtpdf = app_first / statistics.median(qt_times)
            print(f"first page, QtPdf in this process, load + render at {size[0]} x {size[1]}:"
                  f" {_ms(qt_times)}", flush=True)
        finally:
            memory.stop()
            bench.close()
        peak = memory.peak_rss_kb / 1024
        print(f"memory (RSS summed over up to {memory.peak_processes} processes): one view "
              f"{single_peak:.0f} MB, two views ({shown} page views shown) {both_peak:.0f} MB;"
              f" peak PSS {memory.peak_pss_kb / 1024:.0f} MB")
        print(f"run took {time.perf_counter() - run_started:.0f} s")
    print(f"first_page_vs_pymupdf={vs_pymupdf:.2f} first_page_vs_qtpdf={vs_qtpdf:.2f} "
          f"scroll_vs_pymupdf={scroll_ratio:.2f} max_stall_ms={stall:.1f} peak_rss_mb={peak:.0f}")


def _ms(seconds: list[float]) -> str:
    return "median {:.1f} ms ({})".format(
        statistics.median(seconds) * 1000, ", ".join(f"{s * 1000:.1f}" for s in seconds))


if __name__ == "__main__":
    main()
