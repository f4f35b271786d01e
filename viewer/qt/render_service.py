"""The render service: page images for every view, rendered in worker processes.

PyMuPDF holds the GIL while it renders, so a render thread would freeze the window; pages are
rendered in worker processes (``spawn``, started with the application) instead. The GUI thread
only queues small requests; a supervisor thread reads results, copies the pixels once from the
worker's shared-memory slot into a ``QImage`` and hands it to the GUI thread through a queued
signal. The same thread abandons renders that run past the timeout and replaces workers that
die. Views share one service and one byte-bounded cache.

Ordering rules the views rely on:

* the queue is served by ``priority`` (lower first), then first come first served;
* ``generation`` is per ``owner``: a request with a newer generation drops that owner's older
  queued requests, and results for an older generation are never delivered;
* a cancelled request never emits ``rendered`` or ``failed``;
* a cache hit is returned by :meth:`RenderService.request` at once, without a signal.

The service is used from the GUI thread only.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import sys
import threading
import time
import types
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import connection, shared_memory
from typing import Callable, Iterable, Iterator

from PySide6.QtCore import QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtGui import QImage

from viewer.qt import render_worker

#: ``failed`` reason when a render ran past the timeout (the worker was replaced).
REASON_TIMEOUT = "timeout"
#: ``failed`` reason when the worker died while rendering the page (it was replaced).
REASON_CRASHED = "crashed"
#: ``failed`` reason when the document is encrypted and the password is missing or wrong.
REASON_PASSWORD = "password"

#: First size of a worker's shared-memory slot; it grows when a larger page comes along.
SLOT_BYTES = 8 * 2**20
#: Largest single render; a view zoomed further in must ask for a clip.
MAX_RENDER_BYTES = 512 * 2**20
#: A worker that dies this many times in a row before it is ready is not restarted again.
MAX_START_FAILURES = 3

_FAR = 1 << 30
_SHM_PREFIX = "dd_render"


@dataclass(frozen=True)
class RenderRequest:
    """One page image a view wants; a plain value that goes to the workers as a tuple."""

    path: str
    page: int
    scale: float
    rotation: int = 0
    #: Lower is sooner: 0 for visible pages, 1, 2, ... for neighbours by distance.
    priority: int = 0
    #: Bumped by the view on zoom or rotation; older generations of the same owner are dropped.
    generation: int = 0
    #: Which view asked; several views share one service.
    owner: str = ""
    clip: tuple[float, float, float, float] | None = None
    #: When > 0, a cheap thumbnail at most this many pixels wide or high instead of a render.
    thumbnail: int = 0
    password: str | None = None

    @property
    def key(self) -> tuple:
        """The cache key: what determines the pixels (not who asked or how urgently)."""
        clip = None if self.clip is None else tuple(float(v) for v in self.clip)
        return (self.path, self.page, round(self.scale, 4), self.rotation % 360, clip, self.thumbnail)

    def spec(self) -> render_worker.RenderSpec:
        """The part of the request a worker needs."""
        path, page, scale, rotation, clip, thumbnail = self.key
        return render_worker.RenderSpec(path, page, scale, rotation, clip, thumbnail, self.password)


@dataclass(eq=False)
class _Job:
    """One render of one key, possibly wanted by several requests."""

    key: tuple
    spec: render_worker.RenderSpec
    waiters: list[RenderRequest]
    seq: int
    state: str = "queued"  # queued -> running -> delivering

    @property
    def priority(self) -> int:
        return min((w.priority for w in self.waiters), default=_FAR)


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: connection.Connection
    slot: shared_memory.SharedMemory
    ready: bool = False
    job: _Job | None = None
    job_id: int = 0
    deadline: float | None = None
    broken: bool = False


@dataclass(eq=False)
class _Entry:
    key: tuple
    image: QImage
    nbytes: int
    tick: int
    path: str = field(init=False)
    page: int = field(init=False)
    rotation: int = field(init=False)
    clip: tuple | None = field(init=False)

    def __post_init__(self) -> None:
        self.path, self.page, _, self.rotation, self.clip, _ = self.key


_spawn_lock = threading.Lock()
_slot_names = itertools.count(1)


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    # ``spawn`` re-imports the parent's __main__ in every child. For the application that is
    # the Qt entry point, which would put Qt into every worker and slow its start; a bare
    # stand-in keeps the child to the worker module and PyMuPDF.
    with _spawn_lock:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main


def _new_slot(size: int) -> shared_memory.SharedMemory:
    name = f"{_SHM_PREFIX}_{os.getpid()}_{next(_slot_names)}"
    return shared_memory.SharedMemory(name=name, create=True, size=size)


def _free_slot(slot: shared_memory.SharedMemory) -> None:
    slot.close()
    try:
        slot.unlink()
    except FileNotFoundError:
        pass


def _image_from(buf: memoryview, width: int, height: int, stride: int) -> QImage:
    """Copy RGB888 rows out of ``buf`` into an image that owns its pixels (the one copy)."""
    view = buf[: stride * height]
    try:
        wrapper = QImage(view, width, height, stride, QImage.Format.Format_RGB888)
        image = wrapper.copy()
        del wrapper
    finally:
        view.release()
    return image


class RenderService(QObject):
    """Renders pages for the views in worker processes, with a priority queue and a cache."""

    #: (RenderRequest, QImage), on the GUI thread.
    rendered = Signal(object, QImage)
    #: (RenderRequest, reason): ``"timeout"``, ``"crashed"``, ``"password"`` or a one-line error.
    failed = Signal(object, str)

    def __init__(
        self,
        workers: int = 2,
        cache_bytes: int = 192 * 2**20,
        timeout_s: float = 8.0,
        synchronous: bool = False,
        parent: QObject | None = None,
    ) -> None:
        """Prepare the service; :meth:`start` launches the workers.

        ``synchronous`` renders inline in this process (no workers): :meth:`request` returns
        the image at once like a cache hit, failures are emitted before it returns. For tests.
        """
        super().__init__(parent)
        if workers < 1 and not synchronous:
            raise ValueError("at least one render worker is needed")
        self._worker_count = workers
        self._timeout_s = timeout_s
        self._synchronous = synchronous
        self._lock = threading.RLock()
        self._jobs: dict[tuple, _Job] = {}
        self._queue: list[_Job] = []
        self._workers: list[_Worker] = []
        self._generations: dict[str, int] = {}
        self._seq = itertools.count()
        self._job_ids = itertools.count(1)
        self._start_failures = 0
        self._started = False
        self._stopping = False
        self._supervisor: threading.Thread | None = None
        self._wake_r: connection.Connection | None = None
        self._wake_w: connection.Connection | None = None
        self._start_time = 0.0
        self._startup_seconds: float | None = None
        self._inline_docs: render_worker._Documents | None = None
        # Cache: GUI thread only.
        self._cache: dict[tuple, _Entry] = {}
        self._cache_bytes = max(0, int(cache_bytes))
        self._cache_used = 0
        self._ticks = itertools.count(1)
        self._focus: dict[str, tuple[str, int]] = {}
        # Results cross to the GUI thread as plain Python objects in a deque; Qt only carries
        # the argument-less "drain now" call, queued, coalesced while one is pending.
        self._results: collections.deque[tuple[_Job, QImage | None, str | None]] = collections.deque()
        self._drain_posted = False

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> None:
        """Launch the worker processes and the supervisor thread; returns without waiting.

        Call it when the application starts, so the first page does not wait for a worker.
        """
        if self._synchronous or self._started:
            return
        self._started = True
        self._start_time = time.perf_counter()
        self._wake_r, self._wake_w = multiprocessing.Pipe(duplex=False)
        for _ in range(self._worker_count):
            self._workers.append(self._spawn_worker())
        self._supervisor = threading.Thread(target=self._supervise, name="render-supervisor", daemon=True)
        self._supervisor.start()

    def shutdown(self) -> None:
        """Stop the workers (killing those that do not stop), free every shared-memory slot.

        Requests still pending are dropped without a signal. Safe to call more than once.
        """
        with self._lock:
            if self._stopping:
                return
            self._stopping = True
            self._queue.clear()
            self._jobs.clear()
        if self._supervisor is not None:
            self._wake()
            self._supervisor.join()
        for worker in self._workers:
            try:
                worker.conn.send(("stop",))
            except OSError:
                pass
        for worker in self._workers:
            self._retire(worker, graceful=True)
        self._workers.clear()
        for end in (self._wake_r, self._wake_w):
            if end is not None:
                end.close()
        self._cache.clear()
        self._cache_used = 0

    # ----------------------------------------------------------------- requests

    def request(self, req: RenderRequest) -> QImage | None:
        """Ask for one page image: a cache hit is returned at once (and no signal follows).

        Otherwise the request is queued and ``rendered`` or ``failed`` follows, unless it is
        cancelled or a newer generation of the same owner comes first.
        """
        if not self._note_generation(req):
            return None
        image = self.cached(req.key)
        if image is not None:
            return image
        if self._synchronous:
            return self._render_inline(req, emit=False)
        self._enqueue([req])
        return None

    def request_many(self, reqs: Iterable[RenderRequest]) -> None:
        """Queue several requests at once; cache hits are emitted as ``rendered`` right away.

        All are queued before any is handed to a worker, so their priorities are honoured
        among themselves even when a worker is idle.
        """
        misses = []
        hits = []
        for req in reqs:
            if not self._note_generation(req):
                continue
            image = self.cached(req.key)
            if image is not None:
                hits.append((req, image))
            else:
                misses.append(req)
        if self._synchronous:
            for req in sorted(misses, key=lambda r: r.priority):
                if self._note_generation(req):
                    self._render_inline(req, emit=True)
        else:
            self._enqueue(misses)
        for req, image in hits:
            self.rendered.emit(req, image)

    def cancel(self, owner: str, keep: Callable[[RenderRequest], bool] | None = None) -> int:
        """Drop ``owner``'s pending requests (except those ``keep`` accepts); return how many.

        A dropped request never emits. A render already running finishes and goes to the cache.
        """
        dropped = 0
        with self._lock:
            for job in list(self._jobs.values()):
                remaining = [w for w in job.waiters if w.owner != owner or (keep is not None and keep(w))]
                dropped += len(job.waiters) - len(remaining)
                job.waiters = remaining
                if not remaining and job.state == "queued":
                    self._drop_queued(job)
        return dropped

    @property
    def pending_count(self) -> int:
        """Renders queued, running or on their way to the GUI thread."""
        with self._lock:
            return len(self._jobs)

    @property
    def in_flight_count(self) -> int:
        """Renders a worker is working on right now."""
        with self._lock:
            return sum(1 for w in self._workers if w.job is not None)

    @property
    def worker_pids(self) -> list[int]:
        """Process ids of the current workers (replaced workers get new ids)."""
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.pid is not None]

    @property
    def ready_count(self) -> int:
        """Workers that have finished starting and can take a page."""
        with self._lock:
            return sum(1 for w in self._workers if w.ready)

    @property
    def startup_seconds(self) -> float | None:
        """Time from :meth:`start` until every worker was ready, or None while still starting."""
        return self._startup_seconds

    # ----------------------------------------------------------------- cache

    def cached(self, key: tuple) -> QImage | None:
        """The cached image for ``key`` (a :attr:`RenderRequest.key`), or None."""
        entry = self._cache.get(key)
        if entry is None:
            return None
        entry.tick = next(self._ticks)
        return entry.image

    def nearest(self, path: str, page: int, rotation: int) -> QImage | None:
        """The sharpest cached whole-page image of that page at any scale (a stand-in)."""
        rotation %= 360
        best = None
        for entry in self._cache.values():
            if entry.path == path and entry.page == page and entry.rotation == rotation and entry.clip is None:
                if best is None or entry.image.width() > best.image.width():
                    best = entry
        return None if best is None else best.image

    def set_cache_bytes(self, n: int) -> None:
        """Change the cache budget, evicting at once if it is now over."""
        self._cache_bytes = max(0, int(n))
        self._evict()

    @property
    def cache_bytes(self) -> int:
        """The cache budget in bytes."""
        return self._cache_bytes

    @property
    def cache_used(self) -> int:
        """Bytes of image data the cache holds now."""
        return self._cache_used

    def set_focus(self, owner: str, path: str, page: int) -> None:
        """Tell the cache which page ``owner`` looks at; pages far from every focus go first."""
        self._focus[owner] = (path, page)

    def eviction_order(self) -> list[tuple]:
        """Cached keys, first to be evicted first.

        Pages of documents no view looks at go first, then by page distance from the nearest
        focus (farthest first), then least recently used first.
        """
        entries = sorted(self._cache.values(), key=lambda e: (-self._distance(e), e.tick))
        return [e.key for e in entries]

    def _distance(self, entry: _Entry) -> int:
        if not self._focus:
            return 0
        return min(
            (abs(entry.page - page) if entry.path == path else _FAR) for path, page in self._focus.values()
        )

    def _cache_put(self, key: tuple, image: QImage) -> None:
        nbytes = image.sizeInBytes()
        old = self._cache.pop(key, None)
        if old is not None:
            self._cache_used -= old.nbytes
        if nbytes > self._cache_bytes:
            return
        self._cache[key] = _Entry(key, image, nbytes, next(self._ticks))
        self._cache_used += nbytes
        self._evict(protect=key)

    def _evict(self, protect: tuple | None = None) -> None:
        if self._cache_used <= self._cache_bytes:
            return
        for key in self.eviction_order():
            if self._cache_used <= self._cache_bytes:
                break
            if key != protect:
                self._cache_used -= self._cache.pop(key).nbytes

    # ----------------------------------------------------------------- queue (any thread, under lock)

    def _note_generation(self, req: RenderRequest) -> bool:
        """Record ``req``'s generation; False when it is older than its owner's newest."""
        with self._lock:
            current = self._generations.get(req.owner)
            if current is not None and req.generation < current:
                return False
            if current is None or req.generation > current:
                self._generations[req.owner] = req.generation
                if current is not None:
                    self._drop_older(req.owner, req.generation)
            return True

    def _drop_older(self, owner: str, generation: int) -> None:
        for job in list(self._jobs.values()):
            job.waiters = [w for w in job.waiters if w.owner != owner or w.generation >= generation]
            if not job.waiters and job.state == "queued":
                self._drop_queued(job)

    def _drop_queued(self, job: _Job) -> None:
        self._queue.remove(job)
        del self._jobs[job.key]

    def _enqueue(self, reqs: list[RenderRequest]) -> None:
        if not reqs:
            return
        with self._lock:
            if self._stopping:
                return
            for req in reqs:
                job = self._jobs.get(req.key)
                if job is None:
                    job = _Job(req.key, req.spec(), [req], next(self._seq))
                    self._jobs[req.key] = job
                    self._queue.append(job)
                    continue
                # The same view asking again (on every scroll step) must not get two signals.
                job.waiters = [
                    w for w in job.waiters if not (w.owner == req.owner and w.generation == req.generation)
                ]
                job.waiters.append(req)
            dispatched = self._dispatch()
        if dispatched:
            self._wake()

    def _dispatch(self) -> bool:
        """Hand the most urgent queued jobs to idle workers; True if any was sent."""
        sent = False
        for worker in self._workers:
            if not self._queue:
                break
            if worker.ready and worker.job is None and not worker.broken:
                job = min(self._queue, key=lambda j: (j.priority, j.seq))
                self._queue.remove(job)
                self._send(worker, job, next(self._job_ids))
                sent = True
        return sent

    def _send(self, worker: _Worker, job: _Job, job_id: int) -> None:
        job.state = "running"
        worker.job = job
        worker.job_id = job_id
        worker.deadline = time.monotonic() + self._timeout_s
        try:
            worker.conn.send(("render", job_id, worker.slot.name, worker.slot.size, tuple(job.spec)))
        except OSError:
            # The worker is gone; the supervisor replaces it. The page goes back in the queue.
            worker.broken = True
            worker.job = None
            worker.deadline = None
            job.state = "queued"
            self._queue.append(job)

    def _wake(self) -> None:
        try:
            self._wake_w.send_bytes(b"\0")
        except (OSError, AttributeError):
            pass

    # ----------------------------------------------------------------- workers (supervisor thread)

    def _spawn_worker(self) -> _Worker:
        context = multiprocessing.get_context("spawn")
        parent_end, child_end = context.Pipe(duplex=True)
        slot = _new_slot(SLOT_BYTES)
        process = context.Process(
            target=render_worker.worker_main, args=(child_end,), name="render-worker", daemon=True
        )
        with _main_module_hidden():
            process.start()
        child_end.close()
        return _Worker(process, parent_end, slot)

    def _supervise(self) -> None:
        while True:
            with self._lock:
                if self._stopping:
                    return
                workers = list(self._workers)
                deadlines = [w.deadline for w in workers if w.deadline is not None]
            waitables = [self._wake_r]
            for worker in workers:
                waitables += [worker.conn, worker.process.sentinel]
            timeout = None if not deadlines else max(0.0, min(deadlines) - time.monotonic())
            ready = connection.wait(waitables, timeout)
            if self._wake_r in ready:
                while self._wake_r.poll():
                    self._wake_r.recv_bytes()
            for worker in workers:
                died = worker.broken
                if worker.conn in ready:
                    died = self._read(worker) or died
                if worker.process.sentinel in ready:
                    died = True
                if died:
                    self._replace(worker, REASON_CRASHED)
            now = time.monotonic()
            for worker in workers:
                if worker.deadline is not None and now >= worker.deadline and worker in self._workers:
                    self._replace(worker, REASON_TIMEOUT)

    def _read(self, worker: _Worker) -> bool:
        """Handle every message waiting from ``worker``; True if its pipe closed."""
        while True:
            try:
                if not worker.conn.poll():
                    return False
                message = worker.conn.recv()
            except (EOFError, OSError):
                return True
            self._handle(worker, message)

    def _handle(self, worker: _Worker, message: tuple) -> None:
        kind = message[0]
        if kind == "ready":
            with self._lock:
                worker.ready = True
                self._start_failures = 0
                if self._startup_seconds is None and all(w.ready for w in self._workers):
                    self._startup_seconds = time.perf_counter() - self._start_time
                self._dispatch()
            return
        job_id = message[1]
        with self._lock:
            job = worker.job if worker.job_id == job_id else None
        if job is None:
            return
        if kind == "grow":
            self._grow(worker, job, message[2])
            return
        image = reason = None
        if kind == "done":
            _, _, width, height, stride = message
            image = _image_from(worker.slot.buf, width, height, stride)
        elif message[2] == "password":
            reason = REASON_PASSWORD
        else:
            reason = message[3]
        with self._lock:
            worker.job = None
            worker.deadline = None
            job.state = "delivering"
            self._dispatch()
        self._post(job, image, reason)

    def _grow(self, worker: _Worker, job: _Job, needed: int) -> None:
        if needed > MAX_RENDER_BYTES:
            with self._lock:
                worker.job = None
                worker.deadline = None
                job.state = "delivering"
                self._dispatch()
            self._post(job, None, "the page is too large at this zoom; zoom out to see it whole")
            return
        # Round up generously so a run of slightly larger pages does not grow the slot each time.
        size = max(needed + needed // 4, worker.slot.size * 2)
        old = worker.slot
        worker.slot = _new_slot(size)
        _free_slot(old)
        with self._lock:
            self._send(worker, job, worker.job_id)

    def _replace(self, worker: _Worker, reason: str) -> None:
        """Retire ``worker`` (killing it), fail its page with ``reason`` and start a new one."""
        with self._lock:
            if worker not in self._workers:
                return
            self._workers.remove(worker)
            job = worker.job
            worker.job = None
            worker.deadline = None
            if not worker.ready:
                self._start_failures += 1
            give_up = self._stopping or self._start_failures >= MAX_START_FAILURES
        self._retire(worker, graceful=False)
        # The replacement is in place before the failure is reported, so a view that reacts
        # to it never sees the service without a worker.
        if not give_up:
            replacement = self._spawn_worker()
            with self._lock:
                keep = not self._stopping
                if keep:
                    self._workers.append(replacement)
            if not keep:
                self._retire(replacement, graceful=False)
        if job is not None:
            job.state = "delivering"
            self._post(job, None, reason)
        if give_up:
            self._fail_all_if_no_workers()

    def _fail_all_if_no_workers(self) -> None:
        with self._lock:
            if self._workers or self._stopping:
                return
            jobs = list(self._queue)
            self._queue.clear()
            for job in jobs:
                job.state = "delivering"
        for job in jobs:
            self._post(job, None, "the page renderer could not be started; restart the application")

    @staticmethod
    def _retire(worker: _Worker, graceful: bool) -> None:
        process = worker.process
        if graceful:
            process.join(2.0)
        if process.is_alive():
            process.kill()
            process.join(5.0)
        worker.conn.close()
        _free_slot(worker.slot)
        if not process.is_alive():
            process.close()

    # ----------------------------------------------------------------- results (GUI thread)

    def _post(self, job: _Job, image: QImage | None, reason: str | None) -> None:
        """Hand a finished job to the GUI thread (called from the supervisor thread)."""
        self._results.append((job, image, reason))
        with self._lock:
            if self._drain_posted:
                return
            self._drain_posted = True
        QMetaObject.invokeMethod(self, "_drain", Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _drain(self) -> None:
        with self._lock:
            self._drain_posted = False
        while self._results:
            self._on_finished(*self._results.popleft())

    def _on_finished(self, job: _Job, image: QImage | None, reason: str | None) -> None:
        with self._lock:
            if self._stopping:
                return
            if self._jobs.get(job.key) is job:
                del self._jobs[job.key]
            waiters = [w for w in job.waiters if w.generation >= self._generations.get(w.owner, w.generation)]
        if image is not None:
            self._cache_put(job.key, image)
            for req in waiters:
                self.rendered.emit(req, image)
        else:
            for req in waiters:
                self.failed.emit(req, reason or REASON_CRASHED)

    def _render_inline(self, req: RenderRequest, emit: bool) -> QImage | None:
        if self._inline_docs is None:
            self._inline_docs = render_worker._Documents()
        spec = req.spec()
        size = SLOT_BYTES
        while True:
            buf = bytearray(size)
            view = memoryview(buf)
            try:
                width, height, stride = render_worker.render_spec(self._inline_docs, spec, view)
            except render_worker.SlotTooSmall as exc:
                size = exc.needed
                continue
            except render_worker.PasswordRequired:
                self.failed.emit(req, REASON_PASSWORD)
                return None
            except Exception as exc:  # the same one-line reason a worker would give
                self.failed.emit(req, render_worker._one_line(exc))
                return None
            finally:
                view.release()
            break
        image = _image_from(memoryview(buf), width, height, stride)
        self._cache_put(req.key, image)
        if emit:
            self.rendered.emit(req, image)
        return image
