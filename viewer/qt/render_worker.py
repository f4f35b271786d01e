"""The render worker process: turns page requests into RGB pixels in a shared-memory slot.

Runs in a child process started with the ``spawn`` method, so it imports only the standard
library, PyMuPDF and the document engine — never Qt — and is ready in a fraction of a second.
PyMuPDF holds the GIL while it renders; a separate process is what keeps the window responsive.

Protocol on the duplex pipe (plain tuples, small; pixels never travel through the pipe):

parent -> worker
    ``("render", job_id, slot_name, slot_size, spec)``  spec = :class:`RenderSpec` as a tuple
    ``("stop",)``
worker -> parent
    ``("ready", pid, import_seconds)``  once, after the imports
    ``("done", job_id, width, height, stride)``  RGB888 rows are in the slot
    ``("grow", job_id, nbytes)``  the slot is too small; resend the job with a slot of this size
    ``("error", job_id, kind, message)``  kind is ``"password"``, ``"document"`` or ``"error"``
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from multiprocessing import shared_memory
from typing import NamedTuple

_started = time.perf_counter()

# Timed from here on purpose: the document engine and PyMuPDF are the bulk of a worker's start.
from viewer.core.document import (  # noqa: E402
    DocumentError,
    PasswordRequired,
    PdfDocument,
    trim_resource_store,
)

#: Documents a worker keeps open; reopening per page would re-parse the xref every time.
OPEN_DOCUMENTS = 4
#: Share of MuPDF's resource store a worker keeps when it moves on to another page. Left
#: alone the store grows to 256 MB per worker, mostly decoded scans that the worker will not
#: draw again (the service caches the finished page images). Tiles and re-renders of the same
#: page still reuse its decoded image, and fonts in use survive because they are recent.
STORE_KEEP_PERCENT = 10


class RenderSpec(NamedTuple):
    """What to render; a plain tuple so it pickles small."""

    path: str
    page: int
    scale: float
    rotation: int
    clip: tuple[float, float, float, float] | None
    thumbnail: int
    password: str | None


class SlotTooSmall(Exception):
    """The shared-memory slot cannot hold the render; carries the number of bytes needed."""

    def __init__(self, needed: int) -> None:
        super().__init__(needed)
        self.needed = needed


class _Documents:
    """A small LRU of open documents, keyed by path and password."""

    def __init__(self, size: int = OPEN_DOCUMENTS) -> None:
        self._size = size
        self._docs: OrderedDict[tuple[str, str | None], PdfDocument] = OrderedDict()

    def get(self, path: str, password: str | None) -> PdfDocument:
        """Return the open document for ``path``, opening it (and closing the oldest) if needed."""
        key = (path, password)
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = PdfDocument.open(path, password=password)
        self._docs[key] = doc
        while len(self._docs) > self._size:
            _, old = self._docs.popitem(last=False)
            old.close()
        return doc


class _Slot:
    """The worker's view of the shared-memory slot the parent lent it."""

    def __init__(self) -> None:
        self._shm: shared_memory.SharedMemory | None = None

    def buffer(self, name: str, size: int) -> memoryview:
        """Attach to slot ``name`` (re-attaching when the parent replaced it) and return its buffer."""
        if self._shm is None or self._shm.name.lstrip("/") != name.lstrip("/"):
            self.close()
            self._shm = shared_memory.SharedMemory(name=name)
        return self._shm.buf[:size]

    def close(self) -> None:
        """Detach; the parent owns the segment and unlinks it."""
        if self._shm is not None:
            self._shm.close()
            self._shm = None


def render_spec(docs: _Documents, spec: RenderSpec, buf: memoryview) -> tuple[int, int, int]:
    """Render ``spec`` as RGB888 rows into ``buf``; return (width, height, stride).

    Raises :class:`SlotTooSmall` before rendering when the page would not fit, so a large page
    costs one round trip to grow the slot instead of a wasted render.
    """
    doc = docs.get(spec.path, spec.password)
    if spec.thumbnail > 0:
        pixels = doc.thumbnail(spec.page, spec.thumbnail)
        needed = pixels.stride * pixels.height
        if needed > len(buf):
            raise SlotTooSmall(needed)
        buf[:needed] = pixels.samples[:needed]
        return pixels.width, pixels.height, pixels.stride
    width, height = doc.render_size(spec.page, spec.scale, spec.rotation, spec.clip)
    needed = width * 3 * height
    if needed > len(buf):
        raise SlotTooSmall(needed)
    return doc.render_into(buf, spec.page, spec.scale, spec.rotation, spec.clip)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def worker_main(conn) -> None:
    """Serve render jobs on ``conn`` until told to stop or the parent goes away."""
    conn.send(("ready", os.getpid(), time.perf_counter() - _started))
    docs = _Documents()
    slot = _Slot()
    last_page: tuple[str, int] | None = None
    try:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                return
            if message[0] == "stop":
                return
            _, job_id, slot_name, slot_size, spec = message
            spec = RenderSpec(*spec)
            if last_page is not None and last_page != (spec.path, spec.page):
                trim_resource_store(STORE_KEEP_PERCENT)
            last_page = (spec.path, spec.page)
            buf = slot.buffer(slot_name, slot_size)
            try:
                width, height, stride = render_spec(docs, spec, buf)
            except SlotTooSmall as exc:
                reply = ("grow", job_id, exc.needed)
            except PasswordRequired as exc:
                reply = ("error", job_id, "password", _one_line(exc))
            except DocumentError as exc:
                reply = ("error", job_id, "document", _one_line(exc))
            except Exception as exc:  # a bad page must not take the worker down with it
                reply = ("error", job_id, "error", _one_line(exc))
            else:
                reply = ("done", job_id, width, height, stride)
            finally:
                buf.release()
            conn.send(reply)
    finally:
        slot.close()

