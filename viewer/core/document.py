"""An open document for reading: page geometry, rendering, text, search, outline and links.

Coordinates, used by every function here:

* **Page coordinates** are PyMuPDF's *unrotated* page space: points (1/72 inch), origin at
  the top-left corner of the page's crop box, y growing downwards. Text extraction, words,
  search hits, selections, link rectangles and outline targets are all given in it, and
  annotation geometry is stored in it, so none of them depends on how the page is shown.
* **Display coordinates** are the page as shown: after the page's own /Rotate and an extra
  clockwise *view* rotation (0/90/180/270), at scale 1 (points), with the shown page's
  top-left corner at the origin. A render at `scale` s has s pixels per display point.

`page_to_display(i, rotation)` and `display_to_page(i, rotation)` give the affine matrices
(a, b, c, d, e, f) between the two; `page_size(i)` is the display size with view rotation 0.

A PdfDocument is safe to share between threads (calls are serialised by a lock) but is not
picklable: each process opens its own.
"""

from __future__ import annotations

import math
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Iterable, Iterator

import pymupdf

from viewer.core import geometry
from viewer.core.geometry import Matrix
from viewer.core.search import Hit, could_contain, find_in_page, fold
from viewer.core.text import (
    PageText,
    Selection,
    Word,
    page_plain_text,
    page_text_from_rawdict,
    page_words,
    select,
    words_in_rect,
)

__all__ = [
    "BrokenDocument",
    "DocumentError",
    "Hit",
    "Link",
    "OutlineItem",
    "PasswordRequired",
    "PdfDocument",
    "Pixels",
    "Selection",
    "Word",
    "trim_resource_store",
]

_mupdf = pymupdf.mupdf

# Whitespace is kept so that words, selections and search see the spaces of the page; images
# are left out because only text is read from the model.
_TEXT_FLAGS = (
    pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_MEDIABOX_CLIP
)
_TEXT_CACHE_PAGES = 32
# A render larger than this is refused rather than risking the process: the view asks for a
# clipped render when it zooms far into a large page.
MAX_RENDER_BYTES = 512 * 2**20


class DocumentError(Exception):
    """A document could not be opened or read; the message is one readable line."""


class PasswordRequired(DocumentError):
    """The document is encrypted and no password, or a wrong one, was given."""


class BrokenDocument(DocumentError):
    """The file is empty, not a document, or too damaged to read."""


@dataclass(frozen=True)
class Pixels:
    """Raw pixels of a render: RGB888, 3 bytes per pixel, rows `stride` bytes apart."""

    width: int
    height: int
    stride: int
    samples: bytes | memoryview


@dataclass(frozen=True)
class OutlineItem:
    """One bookmark. `page` is -1 when it has no target in this document; (x, y) is the
    target point in page coordinates (map it with page_to_display on rotated pages)."""

    level: int
    title: str
    page: int
    y: float
    x: float = 0.0


@dataclass(frozen=True)
class Link:
    """A clickable area of a page (`rect` in page coordinates). kind 'goto': target `page`
    and point (x, y) in that page's page coordinates; kind 'uri': the address in `uri`."""

    rect: tuple[float, float, float, float]
    kind: str
    page: int
    y: float
    uri: str
    x: float = 0.0


@dataclass(frozen=True)
class _PageGeometry:
    width: float  # unrotated (page coordinates)
    height: float
    rotation: int  # the page's own /Rotate, snapped as MuPDF snaps it


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__


class PdfDocument:
    """A document opened for reading. Open with PdfDocument.open(); close with close() or
    use it as a context manager."""

    def __init__(self, doc: pymupdf.Document, path: str) -> None:
        """Wrap an already opened and authenticated PyMuPDF document; use open() instead."""
        self._doc = doc
        self.path = path
        self.page_count = doc.page_count
        self._is_pdf = bool(doc.is_pdf)
        self._lock = threading.RLock()
        self._geometry: list[_PageGeometry] | None = None
        self._pdf = None  # MuPDF's PDF-level handle, fetched once for page measurement
        self._texts: OrderedDict[int, PageText] = OrderedDict()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | os.PathLike, password: str | None = None) -> "PdfDocument":
        """Open a PDF (or any format MuPDF reads) for reading.

        Raises PasswordRequired when the file is encrypted and `password` is missing or wrong,
        BrokenDocument when it is empty, not a document, or has no pages, and DocumentError
        when it does not exist or cannot be read.
        """
        path = os.fspath(path)
        name = os.path.basename(path)
        try:
            size = os.path.getsize(path)
        except FileNotFoundError:
            raise DocumentError(f"The file {name} does not exist.") from None
        except OSError as error:
            raise DocumentError(f"The file {name} cannot be read: {_one_line(error)}") from None
        if size == 0:
            raise BrokenDocument(f"The file {name} is empty.")
        try:
            doc = pymupdf.open(path)
        except Exception as error:  # MuPDF reports damage with several exception types
            raise BrokenDocument(
                f"The file {name} is not a readable document: {_one_line(error)}"
            ) from None
        try:
            if doc.needs_pass:
                if password is None:
                    raise PasswordRequired(
                        f"{name} is protected by a password. Enter the password to open it."
                    )
                if not doc.authenticate(password):
                    raise PasswordRequired(
                        f"The password for {name} is not correct. Check it and try again."
                    )
            if doc.page_count < 1:
                raise BrokenDocument(f"The file {name} contains no pages.")
        except BaseException:
            doc.close()
            raise
        return cls(doc, path)

    def close(self) -> None:
        """Release the document. Further calls raise ValueError."""
        with self._lock:
            self._texts.clear()
            if not self._doc.is_closed:
                self._doc.close()

    def __enter__(self) -> "PdfDocument":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ geometry

    def page_size(self, i: int) -> tuple[float, float]:
        """Displayed size of page `i` in points: its own /Rotate applied, no view rotation."""
        g = self._page_geometry(i)
        if g.rotation in (90, 270):
            return (g.height, g.width)
        return (g.width, g.height)

    def page_sizes(self) -> list[tuple[float, float]]:
        """page_size() of every page. PDF pages are measured from the page tree without
        loading them (2,000 pages in roughly 30-50 ms, about a third of loading each page)."""
        self._all_geometry()
        return [self.page_size(i) for i in range(self.page_count)]

    def page_rotation(self, i: int) -> int:
        """The page's own /Rotate: 0, 90, 180 or 270."""
        return self._page_geometry(i).rotation

    def page_to_display(self, i: int, rotation: int = 0) -> Matrix:
        """Matrix from page coordinates of page `i` to display coordinates under the extra view
        `rotation`."""
        g = self._page_geometry(i)
        return geometry.rotation_matrix(g.width, g.height, g.rotation + _view_rotation(rotation))

    def display_to_page(self, i: int, rotation: int = 0) -> Matrix:
        """Inverse of page_to_display()."""
        return geometry.invert(self.page_to_display(i, rotation))

    # ------------------------------------------------------------------ rendering

    def render_box(
        self, i: int, scale: float, rotation: int = 0, clip=None
    ) -> tuple[int, int, int, int]:
        """Pixel box (x0, y0, x1, y1) a render covers, in display coordinates times `scale`.

        The render's top-left pixel is display point (x0 / scale, y0 / scale); a clip that does
        not overlap the page gives an empty box.
        """
        _, box = self._render_plan(i, scale, rotation, clip)
        return box

    def render_size(self, i: int, scale: float, rotation: int = 0, clip=None) -> tuple[int, int]:
        """(width, height) in pixels of render(i, scale, rotation, clip), without rendering."""
        x0, y0, x1, y1 = self.render_box(i, scale, rotation, clip)
        return (x1 - x0, y1 - y0)

    def render(self, i: int, scale: float, rotation: int = 0, clip=None) -> Pixels:
        """Render page `i` at `scale` pixels per point, turned by the extra view `rotation`.

        `clip` (x0, y0, x1, y1) limits the render to that part of the page, in display
        coordinates of the unscaled, view-rotated page. The samples are a read-only view.
        """
        w, h = self.render_size(i, scale, rotation, clip)
        if w * h * 3 > MAX_RENDER_BYTES:
            raise ValueError(f"a {w} x {h} render is too large; render a clipped part instead")
        buf = bytearray(w * h * 3)
        width, height, stride = self.render_into(memoryview(buf), i, scale, rotation, clip)
        return Pixels(width, height, stride, memoryview(buf).toreadonly())

    def render_into(
        self, buf: memoryview, i: int, scale: float, rotation: int = 0, clip=None
    ) -> tuple[int, int, int]:
        """Render like render() straight into `buf`, a writable buffer (shared memory, say),
        as RGB888 rows of width * 3 bytes from its first byte on.

        Returns (width, height, stride). Raises ValueError when `buf` is read-only, not
        contiguous or smaller than width * height * 3 bytes.
        """
        view = memoryview(buf)
        if view.readonly or not view.c_contiguous:
            raise ValueError("the render buffer must be writable and contiguous")
        ctm, box = self._render_plan(i, scale, rotation, clip)
        x0, y0, x1, y1 = box
        width, height = x1 - x0, y1 - y0
        stride = width * 3
        if view.nbytes < stride * height:
            raise ValueError(
                f"the render buffer holds {view.nbytes} bytes, {stride * height} are needed"
            )
        if width == 0 or height == 0:
            return (width, height, stride)
        # MuPDF draws directly into the caller's memory: no intermediate pixmap and no copy.
        samples = _mupdf.python_mutable_buffer_data(view.cast("B"))
        with self._lock:
            page = self._load_page(i)
            try:
                pix = _mupdf.fz_new_pixmap_with_bbox_and_data(
                    _mupdf.fz_device_rgb(), _mupdf.FzIrect(x0, y0, x1, y1),
                    _mupdf.FzSeparations(), 0, samples,
                )
                _mupdf.fz_clear_pixmap_with_value(pix, 0xFF)
                device = _mupdf.fz_new_draw_device(_mupdf.FzMatrix(*ctm), pix)
                try:
                    _mupdf.fz_run_page(page.this, device, _mupdf.FzMatrix(), _mupdf.FzCookie())
                finally:
                    _mupdf.fz_close_device(device)
            except Exception as error:
                raise BrokenDocument(
                    f"Page {i + 1} of {os.path.basename(self.path)} could not be drawn: "
                    f"{_one_line(error)}"
                ) from None
        return (width, height, stride)

    def thumbnail(self, i: int, max_px: int) -> Pixels:
        """A small render of page `i` whose longer side is at most `max_px` pixels.

        Drawing at a small scale lets MuPDF decode JPEG scans at a reduced size, so this stays
        cheap for image-only pages."""
        if max_px < 1:
            raise ValueError("max_px must be at least 1")
        w, h = self.page_size(i)
        scale = max_px / max(w, h)
        while True:
            pw, ph = self.render_size(i, scale)
            if max(pw, ph) <= max_px:
                return self.render(i, scale)
            scale *= 0.999

    # ------------------------------------------------------------------ text

    def words(self, i: int) -> list[Word]:
        """Words of page `i` in reading order, in page coordinates."""
        return page_words(self._page_text(i))

    def text(self, i: int) -> str:
        """Plain text of page `i`, one line of the page per line."""
        return page_plain_text(self._page_text(i))

    def words_in_rect(self, i: int, rect) -> list[Word]:
        """Words of page `i` whose centre lies in `rect` (page coordinates)."""
        return words_in_rect(self.words(i), tuple(float(v) for v in rect))

    def selection(
        self, i: int, start: tuple[float, float], end: tuple[float, float]
    ) -> Selection:
        """Text between two points of page `i` (page coordinates) in reading order, as a mouse
        drag selects it: snapped to characters, one rectangle per line fragment."""
        return select(self._page_text(i), start, end)

    def search(self, query: str, pages: Iterable[int] | None = None) -> Iterator[Hit]:
        """Yield every hit of `query`, page by page in the order of `pages` (default: all).

        Case-insensitive, full-width and half-width forms match, white space is ignored, so a
        hit may run across a line break. Each page is read under the lock separately, so other
        calls can run between pages.
        """
        folded = fold(query)
        if not folded:
            return
        for i in range(self.page_count) if pages is None else pages:
            with self._lock:
                model = self._texts.get(i)
                if model is None:
                    page = self._load_page(i)
                    try:
                        tp = page.get_textpage(flags=_TEXT_FLAGS)
                        if not could_contain(page.get_text("text", textpage=tp), folded):
                            continue
                        model = page_text_from_rawdict(page.get_text("rawdict", textpage=tp))
                    except Exception as error:
                        raise self._page_error(i, error) from None
                    self._remember_text(i, model)
            yield from find_in_page(model, i, folded)

    # ------------------------------------------------------------------ navigation

    def outline(self) -> list[OutlineItem]:
        """The bookmarks in document order; a damaged outline gives an empty list."""
        with self._lock:
            try:
                toc = self._doc.get_toc(simple=False)
            except Exception:
                return []
        items = []
        for entry in toc:
            level, title, page_no = entry[0], entry[1], entry[2]
            dest = entry[3] if len(entry) > 3 and isinstance(entry[3], dict) else {}
            page = page_no - 1 if 1 <= page_no <= self.page_count else -1
            x = y = 0.0
            to = dest.get("to")
            if page >= 0 and dest.get("kind") == pymupdf.LINK_GOTO and to is not None:
                # get_toc already gives the target in unrotated page space.
                x, y = float(to.x), float(to.y)
            items.append(OutlineItem(int(level), str(title), page, y, x))
        return items

    def links(self, i: int) -> list[Link]:
        """Links of page `i` that go somewhere in this document ('goto') or to an address
        ('uri'); launch and remote-file links are left out."""
        to_page = self.display_to_page(i)
        with self._lock:
            page = self._load_page(i)
            try:
                raw = page.get_links()
            except Exception as error:
                raise self._page_error(i, error) from None
        out = []
        for link in raw:
            # get_links gives rectangles and targets in rotated (shown) page space.
            rect = geometry.transform_rect(to_page, tuple(link["from"]))
            kind = link.get("kind")
            if kind == pymupdf.LINK_URI and link.get("uri"):
                out.append(Link(rect, "uri", -1, 0.0, str(link["uri"])))
            elif kind in (pymupdf.LINK_GOTO, pymupdf.LINK_NAMED):
                target = link.get("page", -1)
                if not isinstance(target, int) or not 0 <= target < self.page_count:
                    continue
                x = y = 0.0
                to = link.get("to")
                if to is not None:
                    x, y = geometry.transform_point(
                        self.display_to_page(target), float(to.x), float(to.y)
                    )
                out.append(Link(rect, "goto", target, y, "", x))
        return out

    # ------------------------------------------------------------------ internals

    def _load_page(self, i: int) -> pymupdf.Page:
        self._check_index(i)
        try:
            return self._doc.load_page(i)
        except Exception as error:
            raise self._page_error(i, error) from None

    def _page_error(self, i: int, error: BaseException) -> BrokenDocument:
        return BrokenDocument(
            f"Page {i + 1} of {os.path.basename(self.path)} cannot be read: {_one_line(error)}"
        )

    def _check_index(self, i: int) -> None:
        if self._doc.is_closed:
            raise ValueError("the document is closed")
        if not isinstance(i, int) or not 0 <= i < self.page_count:
            raise IndexError(f"page {i} is outside 0..{self.page_count - 1}")

    def _page_text(self, i: int) -> PageText:
        with self._lock:
            model = self._texts.get(i)
            if model is not None:
                self._texts.move_to_end(i)
                return model
            page = self._load_page(i)
            try:
                raw = page.get_text("rawdict", flags=_TEXT_FLAGS)
            except Exception as error:
                raise self._page_error(i, error) from None
            model = page_text_from_rawdict(raw)
            self._remember_text(i, model)
            return model

    def _remember_text(self, i: int, model: PageText) -> None:
        self._texts[i] = model
        self._texts.move_to_end(i)
        while len(self._texts) > _TEXT_CACHE_PAGES:
            self._texts.popitem(last=False)

    def _page_geometry(self, i: int) -> _PageGeometry:
        with self._lock:
            self._check_index(i)
            if self._geometry is not None:
                return self._geometry[i]
            return self._measure(i)

    def _all_geometry(self) -> list[_PageGeometry]:
        with self._lock:
            if self._geometry is None:
                self._check_index(0)
                self._geometry = [self._measure(i) for i in range(self.page_count)]
            return self._geometry

    def _measure(self, i: int) -> _PageGeometry:
        if self._is_pdf:
            try:
                return self._measure_pdf(i)
            except Exception:
                pass  # a damaged page dictionary: let MuPDF load (and repair) the page
        page = self._load_page(i)
        rotation = geometry.normalize_rotation(page.rotation)
        r = page.rect
        if rotation in (90, 270):
            return _PageGeometry(r.height, r.width, rotation)
        return _PageGeometry(r.width, r.height, rotation)

    def _measure_pdf(self, i: int) -> _PageGeometry:
        # Reads the page object (inherited boxes and /Rotate) the way MuPDF bounds a page,
        # without loading and parsing the page itself.
        if self._pdf is None:
            self._pdf = _mupdf.pdf_document_from_fz_document(self._doc.this)
        obj = _mupdf.pdf_lookup_page_obj(self._pdf, i)
        box, ctm = _mupdf.FzRect(), _mupdf.FzMatrix()
        _mupdf.pdf_page_obj_transform(obj, box, ctm)
        # The unrotated x axis as shown tells the rotation MuPDF applied, already snapped.
        a, b = ctm.a, ctm.b
        if abs(a) >= abs(b):
            rotation = 0 if a > 0 else 180
        else:
            rotation = 90 if b > 0 else 270
        shown = _mupdf.fz_transform_rect(box, ctm)
        w, h = shown.x1 - shown.x0, shown.y1 - shown.y0
        if rotation in (90, 270):
            w, h = h, w
        return _PageGeometry(float(w), float(h), rotation)

    def _render_plan(self, i, scale, rotation, clip) -> tuple[Matrix, tuple[int, int, int, int]]:
        """The drawing matrix (MuPDF's shown page space to pixels) and the pixel box."""
        if not (isinstance(scale, (int, float)) and math.isfinite(scale) and scale > 0):
            raise ValueError(f"scale must be a positive number, not {scale!r}")
        view = _view_rotation(rotation)
        w, h = self.page_size(i)
        to_display = geometry.rotation_matrix(w, h, view)
        ctm = geometry.concat(to_display, geometry.scale_matrix(scale))
        dw, dh = (h, w) if view in (90, 270) else (w, h)
        area = (0.0, 0.0, dw, dh)
        if clip is not None:
            x0, y0, x1, y1 = (float(v) for v in clip)
            area = geometry.intersect(area, (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
            if area is None:
                return ctm, (0, 0, 0, 0)
        r = _mupdf.fz_round_rect(_mupdf.FzRect(*(v * scale for v in area)))
        return ctm, (r.x0, r.y0, r.x1, r.y1)


def trim_resource_store(keep_percent: int) -> None:
    """Shrink MuPDF's resource store of this process to `keep_percent` of its present size.

    The store holds decoded images, fonts and other parsed resources of every open document,
    least recently used dropped first, up to 256 MB per process. A process that renders each
    page once (a render worker: the views keep the finished images) gains little from old
    decoded scans; trimming when it moves on to another page keeps the fonts the next page
    reuses (used recently) and lets the decoded images go. 0 empties the store.
    """
    if not 0 <= keep_percent <= 100:
        raise ValueError(f"keep_percent must be between 0 and 100, not {keep_percent!r}")
    if keep_percent == 0:
        _mupdf.fz_empty_store()
    elif keep_percent < 100:
        _mupdf.fz_shrink_store(int(keep_percent))


def _view_rotation(rotation: int) -> int:
    if int(rotation) % 90:
        raise ValueError(f"rotation must be a multiple of 90 degrees, not {rotation!r}")
    return int(rotation) % 360
