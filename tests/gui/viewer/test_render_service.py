"""The render service against real worker processes and real PDFs made here."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtGui import QImage

from viewer.qt.render_service import (
    REASON_CRASHED,
    REASON_PASSWORD,
    REASON_TIMEOUT,
    RenderRequest,
    RenderService,
)

PAGES = 8
WAIT_MS = 30_000


def fill_of(i: int) -> tuple[float, float, float]:
    return (i / PAGES, 0.25, 0.75)


def is_fill(image: QImage, x: int, y: int, i: int) -> bool:
    """The pixel shows page ``i``'s box colour (MuPDF may round a channel down by one)."""
    got = image.pixelColor(x, y).getRgb()[:3]
    return all(abs(g - c * 255) <= 1 for g, c in zip(got, fill_of(i)))


def make_pdf(path: Path, pages: int = PAGES) -> str:
    """Pages of 300 x 400 pt, each with a box of its own colour and its number."""
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page(width=300, height=400)
        page.draw_rect(pymupdf.Rect(20, 20, 120, 80), color=None, fill=fill_of(i))
        page.insert_text((30, 150), f"Page {i + 1}", fontsize=24)
    doc.save(path)
    return str(path)


def make_bomb_pdf(path: Path) -> str:
    """Page 0 nests a form XObject ten times per level, nine levels deep: 10**9 tiny fills.

    The file is a few kilobytes; rendering it takes far longer than any test waits, which is
    the kind of page the timeout is for. Page 1 is an ordinary page.
    """
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=400)
    page.insert_text((30, 50), "bomb", fontsize=12)
    inner = doc.get_new_xref()
    doc.update_object(inner, "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] >>")
    doc.update_stream(inner, b"0 0 1 1 re f")
    for _ in range(9):
        outer = doc.get_new_xref()
        doc.update_object(
            outer,
            "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10]"
            f" /Resources << /XObject << /X {inner} 0 R >> >> >>",
        )
        doc.update_stream(outer, b"/X Do " * 10)
        inner = outer
    kind, value = doc.xref_get_key(page.xref, "Resources")
    assert kind == "xref"
    doc.xref_set_key(int(value.split()[0]), "XObject", f"<< /Bomb {inner} 0 R >>")
    contents = page.get_contents()[0]
    doc.update_stream(contents, doc.xref_stream(contents) + b"\nq /Bomb Do Q")
    normal = doc.new_page(width=300, height=400)
    normal.insert_text((30, 50), "normal", fontsize=12)
    doc.save(path)
    return str(path)


@pytest.fixture
def pdf(tmp_path):
    return make_pdf(tmp_path / "dossier.pdf")


@pytest.fixture
def bomb(tmp_path):
    return make_bomb_pdf(tmp_path / "bomb.pdf")


class Recorder:
    """Every signal the service emits, in order."""

    def __init__(self, service: RenderService) -> None:
        self.rendered: list[tuple[RenderRequest, QImage]] = []
        self.failed: list[tuple[RenderRequest, str]] = []
        service.rendered.connect(lambda req, image: self.rendered.append((req, image)))
        service.failed.connect(lambda req, reason: self.failed.append((req, reason)))

    def pages(self, owner: str | None = None) -> list[int]:
        return [req.page for req, _ in self.rendered if owner is None or req.owner == owner]


@pytest.fixture
def make_service(qtbot):
    made: list[RenderService] = []

    def make(workers: int = 1, **kwargs) -> tuple[RenderService, Recorder]:
        service = RenderService(workers=workers, **kwargs)
        made.append(service)
        recorder = Recorder(service)
        service.start()
        if not kwargs.get("synchronous"):
            qtbot.waitUntil(lambda: service.ready_count == workers, timeout=WAIT_MS)
        return service, recorder

    yield make
    for service in made:
        service.shutdown()


def block_worker(qtbot, service: RenderService, bomb: str, owner: str = "blocker") -> RenderRequest:
    """Keep the only worker busy on the bomb page until the timeout abandons it."""
    req = RenderRequest(bomb, 0, 1.0, owner=owner)
    assert service.request(req) is None
    qtbot.waitUntil(lambda: service.in_flight_count == 1, timeout=WAIT_MS)
    return req


def test_pixels_match_pymupdf_render(qtbot, make_service, pdf):
    service, recorder = make_service()
    req = RenderRequest(pdf, 3, 1.5, owner="v")
    with qtbot.waitSignal(service.rendered, timeout=WAIT_MS):
        assert service.request(req) is None
    (got_req, image), = recorder.rendered
    assert got_req == req
    expected = pymupdf.open(pdf)[3].get_pixmap(matrix=pymupdf.Matrix(1.5, 1.5), alpha=False)
    assert (image.width(), image.height()) == (expected.width, expected.height) == (450, 600)
    for x, y in [(105, 75), (40, 220), (300, 500), (0, 0), (449, 599)]:
        assert image.pixelColor(x, y).getRgb()[:3] == expected.pixel(x, y)
    assert is_fill(image, 105, 75, 3)
    # The result is cached: asking again answers at once.
    assert service.request(req) is not None


def test_queue_is_served_by_priority(qtbot, make_service, pdf, bomb):
    service, recorder = make_service(workers=1, timeout_s=1.5)
    blocker = block_worker(qtbot, service, bomb)
    for page, priority in [(1, 3), (2, 1), (3, 2), (4, 0), (5, 1)]:
        assert service.request(RenderRequest(pdf, page, 1.0, priority=priority, owner="v")) is None
    qtbot.waitUntil(lambda: len(recorder.rendered) == 5, timeout=WAIT_MS)
    assert recorder.failed == [(blocker, REASON_TIMEOUT)]
    # Priority first, then first come first served among equals (pages 2 and 5).
    assert recorder.pages() == [4, 2, 5, 3, 1]


def test_cancelled_requests_never_emit(qtbot, make_service, pdf, bomb):
    service, recorder = make_service(workers=1, timeout_s=1.5)
    blocker = block_worker(qtbot, service, bomb)
    for page in range(1, 5):
        service.request(RenderRequest(pdf, page, 1.0, owner="v"))
    service.request(RenderRequest(pdf, 6, 1.0, owner="other"))
    assert service.cancel("v", keep=lambda r: r.page == 4) == 3
    # The running render is cancelled too: its timeout must not be reported.
    assert service.cancel("blocker") == 1
    assert service.pending_count == 3  # the bomb, page 4, page 6
    qtbot.waitUntil(lambda: service.pending_count == 0, timeout=WAIT_MS)
    assert sorted(recorder.pages()) == [4, 6]
    assert recorder.failed == []
    assert blocker.page == 0


def test_old_generation_is_dropped(qtbot, make_service, pdf, bomb):
    service, recorder = make_service(workers=1, timeout_s=1.5)
    block_worker(qtbot, service, bomb)
    service.request(RenderRequest(pdf, 1, 1.0, owner="v", generation=0))
    service.request(RenderRequest(pdf, 2, 1.0, owner="v", generation=0))
    service.request(RenderRequest(pdf, 2, 1.0, owner="w", generation=0))
    newer = RenderRequest(pdf, 3, 2.0, owner="v", generation=1)
    service.request(newer)
    # A request of an older generation than the owner's newest is ignored.
    assert service.request(RenderRequest(pdf, 5, 1.0, owner="v", generation=0)) is None
    qtbot.waitUntil(lambda: service.pending_count == 0, timeout=WAIT_MS)
    assert [(r.owner, r.page) for r, _ in recorder.rendered] == [("w", 2), ("v", 3)]


def test_late_result_is_not_delivered_over_a_newer_generation(qtbot, make_service, pdf):
    service, recorder = make_service(workers=1)
    old = RenderRequest(pdf, 5, 1.0, owner="v", generation=0)
    service.request(old)
    # Results reach the GUI thread through its event loop, which does not run in between:
    # whatever the worker does meanwhile, the old result arrives after the new generation.
    service.request(RenderRequest(pdf, 6, 1.0, owner="v", generation=1))
    qtbot.waitUntil(lambda: service.pending_count == 0, timeout=WAIT_MS)
    assert recorder.pages() == [6]
    # The render was not wasted: it waits in the cache as a stand-in.
    assert service.cached(old.key) is not None


def test_timeout_abandons_the_render_and_replaces_the_worker(qtbot, make_service, pdf, bomb):
    service, recorder = make_service(workers=1, timeout_s=1.0)
    (old_pid,) = service.worker_pids
    req = RenderRequest(bomb, 0, 1.0, owner="v")
    with qtbot.waitSignal(service.failed, timeout=WAIT_MS) as blocker:
        service.request(req)
    assert blocker.args == [req, REASON_TIMEOUT]
    (new_pid,) = service.worker_pids
    assert new_pid != old_pid
    if sys.platform == "linux":
        assert not Path(f"/proc/{old_pid}").exists()
    with qtbot.waitSignal(service.rendered, timeout=WAIT_MS):
        service.request(RenderRequest(bomb, 1, 1.0, owner="v"))
    assert recorder.pages() == [1]


def test_killed_worker_is_replaced_and_queued_pages_still_render(qtbot, make_service, pdf, bomb):
    service, recorder = make_service(workers=1, timeout_s=60.0)
    blocker = block_worker(qtbot, service, bomb)
    (old_pid,) = service.worker_pids
    service.request_many(RenderRequest(pdf, page, 1.0, priority=page, owner="v") for page in (1, 2, 3))
    os.kill(old_pid, signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
    qtbot.waitUntil(lambda: len(recorder.rendered) == 3, timeout=WAIT_MS)
    assert recorder.failed == [(blocker, REASON_CRASHED)]
    assert recorder.pages() == [1, 2, 3]
    assert service.worker_pids and old_pid not in service.worker_pids


def test_large_page_grows_the_slot_and_renders_whole(qtbot, make_service, pdf):
    service, recorder = make_service(workers=1)
    req = RenderRequest(pdf, 2, 9.0, owner="v")  # 2700 x 3600 px, 29 MB: more than the first slot
    with qtbot.waitSignal(service.rendered, timeout=WAIT_MS):
        service.request(req)
    image = recorder.rendered[0][1]
    assert (image.width(), image.height()) == (2700, 3600)
    assert is_fill(image, 700, 450, 2)


def test_thumbnail_request_is_bounded(qtbot, make_service, pdf):
    service, recorder = make_service(workers=1)
    with qtbot.waitSignal(service.rendered, timeout=WAIT_MS):
        service.request(RenderRequest(pdf, 0, 1.0, owner="strip", thumbnail=64))
    image = recorder.rendered[0][1]
    assert max(image.width(), image.height()) <= 64
    assert image.height() > image.width() > 0


def test_cache_budget_and_eviction_order(qtbot, pdf, tmp_path):
    other = make_pdf(tmp_path / "other.pdf", pages=1)
    service = RenderService(synchronous=True, cache_bytes=2**30)
    reqs = [RenderRequest(pdf, page, 0.5, owner="v") for page in range(6)]
    for req in reqs:
        assert service.request(req) is not None
    far = RenderRequest(other, 0, 0.5, owner="v")
    service.request(far)
    one = service.cached(reqs[0].key).sizeInBytes()
    assert service.cache_used == 7 * one

    service.set_focus("v", pdf, 3)
    # Another document first, then farthest from page 3, ties least recently used first.
    expected = [far.key] + [reqs[p].key for p in (0, 1, 5, 2, 4, 3)]
    assert service.eviction_order() == expected
    service.cached(reqs[1].key)  # touching page 1 makes page 5 the older of the two
    expected = [far.key] + [reqs[p].key for p in (0, 5, 1, 2, 4, 3)]
    assert service.eviction_order() == expected

    service.set_cache_bytes(3 * one)
    assert service.cache_used == 3 * one
    assert [k[1] for k in service.eviction_order()] == [2, 4, 3]
    assert service.cached(far.key) is None and service.cached(reqs[0].key) is None

    # Rendering past the budget evicts the farthest page, never the new one.
    service.request(RenderRequest(pdf, 7, 0.5, owner="v"))
    assert service.cache_used == 3 * one
    assert sorted(k[1] for k in service.eviction_order()) == [3, 4, 7]

    # An image larger than the whole budget is delivered but not cached.
    service.set_cache_bytes(one - 1)
    assert service.cache_used == 0
    assert service.request(reqs[3]) is not None
    assert service.cache_used == 0
    service.shutdown()


def test_nearest_gives_the_sharpest_whole_page(qtbot, pdf):
    service = RenderService(synchronous=True)
    assert service.nearest(pdf, 1, 0) is None
    service.request(RenderRequest(pdf, 1, 0.5))
    service.request(RenderRequest(pdf, 1, 1.25))
    service.request(RenderRequest(pdf, 1, 0.75, thumbnail=48))
    service.request(RenderRequest(pdf, 1, 4.0, clip=(0, 0, 50, 50)))  # part of a page: no stand-in
    service.request(RenderRequest(pdf, 1, 2.0, rotation=90))
    image = service.nearest(pdf, 1, 0)
    assert (image.width(), image.height()) == (375, 500)
    rotated = service.nearest(pdf, 1, 90)
    assert (rotated.width(), rotated.height()) == (800, 600)
    assert service.nearest(pdf, 2, 0) is None
    service.shutdown()


def test_synchronous_mode_renders_inline(qtbot, pdf, tmp_path):
    service = RenderService(synchronous=True)
    recorder = Recorder(service)
    service.start()  # nothing to start
    assert service.worker_pids == []
    req = RenderRequest(pdf, 4, 1.0, owner="v")
    image = service.request(req)
    assert (image.width(), image.height()) == (300, 400)
    assert is_fill(image, 70, 50, 4)
    assert service.request(req) is image  # cache hit
    service.request_many(
        [RenderRequest(pdf, 6, 1.0, priority=2, owner="v"), RenderRequest(pdf, 5, 1.0, priority=1, owner="v")]
    )
    assert recorder.pages() == [5, 6]

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"this is not a PDF at all")
    bad = RenderRequest(str(broken), 0, 1.0, owner="v")
    assert service.request(bad) is None
    assert len(recorder.failed) == 1 and recorder.failed[0][0] == bad
    assert "\n" not in recorder.failed[0][1] and recorder.failed[0][1]

    locked = tmp_path / "locked.pdf"
    doc = pymupdf.open(pdf)
    doc.save(locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    assert service.request(RenderRequest(str(locked), 0, 1.0, owner="v")) is None
    assert recorder.failed[-1][1] == REASON_PASSWORD
    assert service.request(RenderRequest(str(locked), 0, 1.0, owner="v", password="secret")) is not None
    service.shutdown()


def test_password_and_errors_from_workers(qtbot, make_service, pdf, tmp_path):
    service, recorder = make_service(workers=1)
    locked = tmp_path / "locked.pdf"
    pymupdf.open(pdf).save(
        locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="o"
    )
    missing = RenderRequest(str(tmp_path / "missing.pdf"), 0, 1.0, owner="v")
    service.request_many([RenderRequest(str(locked), 0, 1.0, owner="v"), missing])
    qtbot.waitUntil(lambda: len(recorder.failed) == 2, timeout=WAIT_MS)
    assert recorder.failed[0][1] == REASON_PASSWORD
    assert recorder.failed[1][0] == missing and "\n" not in recorder.failed[1][1]
    with qtbot.waitSignal(service.rendered, timeout=WAIT_MS):
        service.request(RenderRequest(str(locked), 0, 1.0, owner="v", password="secret"))


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="POSIX shared memory is listed in /dev/shm")
def test_shutdown_stops_workers_and_frees_shared_memory(qtbot, pdf):
    def segments() -> list[str]:
        return [name for name in os.listdir("/dev/shm") if name.startswith(f"dd_render_{os.getpid()}_")]

    service = RenderService(workers=2)
    service.start()
    qtbot.waitUntil(lambda: service.ready_count == 2, timeout=WAIT_MS)
    with qtbot.waitSignal(service.rendered, timeout=WAIT_MS):
        service.request(RenderRequest(pdf, 0, 9.0))  # grows one slot
    pids = service.worker_pids
    assert len(pids) == 2 and len(segments()) == 2
    service.shutdown()
    assert segments() == []
    assert service.worker_pids == []
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists()


def test_worker_module_imports_no_qt():
    """A worker imports the document engine and PyMuPDF, never Qt: it starts faster."""
    code = (
        "import sys, viewer.qt.render_worker; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))"
    )
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "[]"
