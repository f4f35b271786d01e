"""The continuous page view: a column of pages from one or more PDF documents.

A volume is read as one bound book: several documents follow each other, each starting under a
thin separator carrying its title. The widget paints the pages itself (no scene graph per page)
from images the shared render service delivers, so a 2,000-page volume costs one layout pass per
zoom and paints only what is on screen.

Coordinates
-----------
* viewport coordinates: logical pixels of ``viewport()``;
* content coordinates: viewport coordinates plus the scroll offset (see ``page_layout``);
* page coordinates: PyMuPDF's unrotated page space in points (what text extraction returns, what
  annotations are stored in). ``map_to_page``/``map_from_page`` convert to and from them through
  the document's page-to-display matrices, so they stay right on rotated pages.

``zoom`` is logical pixels per point (1.0 = 100 %); a render is requested at ``zoom`` times the
screen's device pixel ratio so text stays sharp on a 125 % screen.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QColor, QGuiApplication, QImage, QKeySequence, QPainter, QPen,
                           QPolygonF, QRegion)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from viewer.core.document import DocumentError, PasswordRequired, PdfDocument
from viewer.core.geometry import invert, transform_point, transform_rect
from viewer.qt.page_layout import (PageLayout, clamp_zoom, next_zoom_step, rotated_size)
from viewer.qt.render_service import RenderRequest

FIT_WIDTH = "width"
FIT_PAGE = "page"

# A page whose render would exceed this many device pixels is requested in tiles, visible ones
# only: an A4 page at 800 % on a 125 % screen would otherwise be a 150 MB image.
MAX_PAGE_PIXELS = 12_000_000
TILE_PIXELS = 1024
# Pages rendered ahead in the scroll direction, and behind it.
PREFETCH_AHEAD = 3
PREFETCH_BEHIND = 1

PAGE_GAP = 10.0
MARGIN = 10.0
SEPARATOR_HEIGHT = 26.0

SHADOW = QColor(0, 0, 0, 60)
BACKGROUND = QColor(0x80, 0x86, 0x8c)
PLACEHOLDER = QColor(0xf4, 0xf4, 0xf2)
HIT_FILL = QColor(255, 214, 0, 110)
CURRENT_HIT_FILL = QColor(255, 120, 0, 150)
SELECTION_FILL = QColor(40, 110, 230, 80)


@dataclass(frozen=True)
class PageSource:
    """One page of the sequence: which file, which page of it, and the file's title."""

    path: str
    page: int
    title: str


@dataclass(frozen=True)
class Segment:
    """One document of the sequence and the run of view indices it occupies."""

    path: str
    title: str
    first: int
    count: int
    document: PdfDocument

    def __contains__(self, index: object) -> bool:
        return isinstance(index, int) and self.first <= index < self.first + self.count


@dataclass(frozen=True)
class SearchHit:
    """A search match on view page ``index``: quads in page coordinates (8 floats each)."""

    index: int
    quads: tuple[tuple[float, ...], ...]


_owner_ids = itertools.count(1)


class PageView(QAbstractScrollArea):
    """Continuous, zoomable, rotatable view of a sequence of PDF pages."""

    currentPageChanged = Signal(int)
    zoomChanged = Signal(float)
    rotationChanged = Signal(int)
    documentLoaded = Signal()
    loadFailed = Signal(str)
    passwordRequired = Signal(str)
    selectionChanged = Signal()
    # A link to a web address was clicked; the view does not open it itself.
    uriActivated = Signal(str)
    # Keys the find bar acts on, so it works without a window-wide shortcut.
    findRequested = Signal()
    findNextRequested = Signal()
    findPreviousRequested = Signal()
    # The reader jumped (go to page, link, outline, thumbnail): from page, to page. Stepping
    # to the next or previous page and scrolling are not jumps.
    jumped = Signal(int, int)

    def __init__(self, service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._owner = f"page-view-{next(_owner_ids)}"
        self._segments: list[Segment] = []
        self._sources: list[PageSource] = []
        self._passwords: dict[str, str] = {}
        self._page_sizes: list[tuple[float, float]] = []
        self._zoom = 1.0
        self._fit_mode: str | None = FIT_WIDTH
        self._rotation = 0
        self._generation = 0
        self._layout = PageLayout([], self._zoom)
        self._current = -1
        self._message = ""
        self._last_scroll = 0
        self._scroll_direction = 1
        self._pin_current = False
        self._stepping = False
        self._dpr = 1.0
        # Render bookkeeping: what this view wants now, what arrived, what failed.
        self._wanted: dict[tuple, int] = {}
        self._images: dict[tuple, QImage] = {}
        self._failed: dict[tuple, str] = {}
        self._to_display: dict[int, tuple] = {}
        self._to_page: dict[int, tuple] = {}
        self._links: dict[int, list] = {}
        # Selection: anchor and moving end as (index, x, y) in page coordinates.
        self._sel_anchor: tuple[int, float, float] | None = None
        self._sel_end: tuple[int, float, float] | None = None
        self._selection: dict[int, tuple[str, tuple]] = {}
        self._whole_page_text: dict[int, tuple[str, tuple]] = {}
        self._press_pos: QPoint | None = None
        self._press_link = None
        self._dragging = False
        self._hits: list[SearchHit] = []
        self._hits_by_page: dict[int, list[int]] = {}
        self._current_hit = -1
        self._overlays: list[Callable[[QPainter, int, QRectF], None]] = []
        self._right_margin = 0.0

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Always showing the vertical bar keeps "fit width" from oscillating as it appears.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.horizontalScrollBar().valueChanged.connect(self._on_hscrolled)
        service.rendered.connect(self._on_rendered)
        service.failed.connect(self._on_failed)
        self._autoscroll = QTimer(self)
        self._autoscroll.setInterval(40)
        self._autoscroll.timeout.connect(self._autoscroll_step)

    # ------------------------------------------------------------------ loading

    def set_document(self, path: str | os.PathLike, password: str | None = None) -> bool:
        """Show one PDF; returns False (and signals why) when it cannot be opened."""
        path = os.fspath(path)
        return self.set_documents([(path, None)], passwords={path: password} if password else None)

    def set_documents(self, items: Iterable[tuple], passwords: dict[str, str] | None = None) -> bool:
        """Show several PDFs one after another, each marked by a separator with its title.

        ``items`` holds ``(path, title)`` or ``(path, title, password)``; a ``None`` title
        becomes the file name. Files that cannot be opened are left out and reported through
        ``loadFailed`` (``passwordRequired`` for encrypted ones). Returns True when at least one
        page is shown.
        """
        self._close_documents()
        if passwords:
            self._passwords.update({k: v for k, v in passwords.items() if v})
        problems: list[str] = []
        first = 0
        for item in items:
            path = os.fspath(item[0])
            title = (item[1] if len(item) > 1 else None) or os.path.basename(path)
            if len(item) > 2 and item[2]:
                self._passwords[path] = item[2]
            doc, sizes, problem = self._open(path, title)
            if problem:
                problems.append(problem)
                continue
            if not sizes:
                doc.close()
                problems.append(self.tr("“%1” has no pages.").replace("%1", title))
                continue
            self._segments.append(Segment(path, title, first, len(sizes), doc))
            self._sources.extend(PageSource(path, p, title) for p in range(len(sizes)))
            self._page_sizes.extend(sizes)
            first += len(sizes)
        if not self._sources:
            self._message = "\n\n".join(problems) or self.tr("There is nothing to show.")
        self._current = 0 if self._sources else -1
        fit = self._fit_zoom()
        if fit is not None and self._set_zoom_value(fit):
            self.zoomChanged.emit(self._zoom)
        self._relayout()
        self._last_scroll = 0
        self.verticalScrollBar().setValue(0)
        self._centre_horizontally()
        self._current = -1  # so that the first page is announced
        self._set_current(0 if self._sources else -1)
        self._schedule_renders()
        self.viewport().update()
        if problems:
            self.loadFailed.emit("\n".join(problems))
        if self._sources:
            self.documentLoaded.emit()
        return bool(self._sources)

    def close_documents(self) -> None:
        """Show nothing and release the open documents."""
        self._close_documents()
        self._relayout()
        self._set_current(-1)
        self.viewport().update()

    def _open(self, path: str, title: str):
        """Open one file; returns (document, sizes, problem text or '')."""
        password = self._passwords.get(path)
        try:
            doc = PdfDocument.open(path, password)
        except PasswordRequired:
            self.passwordRequired.emit(path)
            if password:
                text = self.tr("The password for “%1” was not accepted. Enter it again.")
            else:
                text = self.tr("“%1” is protected by a password. Enter the password to open it.")
            return None, [], text.replace("%1", title)
        except (DocumentError, OSError, RuntimeError, ValueError) as exc:
            # MuPDF reports damaged files as plain RuntimeErrors; none may escape the widget.
            return None, [], self._cannot_open(title, exc)
        if not self._segments:
            self._prefetch_first_page(doc, path)
        try:
            sizes = list(doc.page_sizes())
        except (DocumentError, RuntimeError, ValueError) as exc:
            doc.close()
            return None, [], self._cannot_open(title, exc)
        return doc, sizes, ""

    def _prefetch_first_page(self, doc: PdfDocument, path: str) -> None:
        """Ask for page 1 before the whole document is measured (2,000 pages take ~50 ms).

        The request carries the scale the layout will arrive at, so the view's own request for
        that page later joins this render instead of starting another one.
        """
        try:
            w, h = rotated_size(doc.page_size(0), self._rotation)
        except (DocumentError, RuntimeError, ValueError, IndexError):
            return
        zoom = self._zoom
        if self._fit_mode is not None:
            vp = self.viewport().size()
            avail_w = max(vp.width() - 2 * MARGIN - self._right_margin, 16.0)
            avail_h = max(vp.height() - 2 * MARGIN, 16.0)
            zoom = avail_w / w if self._fit_mode == FIT_WIDTH else min(avail_w / w, avail_h / h)
        zoom = clamp_zoom(zoom)
        scale = round(zoom * self.device_pixel_ratio(), 4)
        if w * h * scale * scale > MAX_PAGE_PIXELS:
            return      # tiled: the view asks for the visible tiles itself
        self._service.request(RenderRequest(path=path, page=0, scale=scale, rotation=self._rotation,
                                            priority=0, owner=self._owner + ":first",
                                            password=self._passwords.get(path)))

    def _cannot_open(self, title: str, exc: Exception) -> str:
        reason = str(exc).splitlines()[0].strip() if str(exc) else type(exc).__name__
        if not reason.endswith((".", "。")):
            reason += "."
        return " ".join((self.tr("“%1” could not be opened.").replace("%1", title), reason,
                         self.tr("Check the file, or ask for a new copy of it.")))

    def _close_documents(self) -> None:
        if self._owner:
            self._service.cancel(self._owner)
        for seg in self._segments:
            try:
                seg.document.close()
            except (DocumentError, RuntimeError):
                pass
        self._segments = []
        self._sources = []
        self._page_sizes = []
        self._message = ""
        self._wanted.clear()
        self._images.clear()
        self._failed.clear()
        self._to_display.clear()
        self._to_page.clear()
        self._links.clear()
        self._selection.clear()
        self._whole_page_text.clear()
        self._sel_anchor = self._sel_end = None
        self.clear_search_hits()

    # --------------------------------------------------------------- properties

    @property
    def owner(self) -> str:
        """The name this view's render requests carry."""
        return self._owner

    @property
    def service(self):
        """The render service feeding this view."""
        return self._service

    @property
    def page_count(self) -> int:
        """Number of pages in the whole sequence."""
        return len(self._sources)

    @property
    def current_page(self) -> int:
        """Index of the page the reader is on (-1 when nothing is shown)."""
        return self._current

    @property
    def zoom(self) -> float:
        """Logical pixels per point (1.0 = 100 %)."""
        return self._zoom

    @property
    def fit_mode(self) -> str | None:
        """'width', 'page' or None for a fixed zoom."""
        return self._fit_mode

    @property
    def rotation(self) -> int:
        """Extra clockwise view rotation in degrees (0, 90, 180, 270)."""
        return self._rotation

    @property
    def message(self) -> str:
        """The text shown instead of pages (why nothing could be opened), or ''."""
        return self._message

    @property
    def sources(self) -> tuple[PageSource, ...]:
        """Every page of the sequence in order."""
        return tuple(self._sources)

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The documents of the sequence in order."""
        return tuple(self._segments)

    def segment_of(self, index: int) -> Segment:
        """The document that view page ``index`` belongs to."""
        lo, hi = 0, len(self._segments) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._segments[mid].first <= index:
                lo = mid
            else:
                hi = mid - 1
        return self._segments[lo]

    def document_at(self, index: int) -> tuple[PdfDocument, int]:
        """The open document and its own page number behind view page ``index``."""
        src = self._sources[index]
        return self.segment_of(index).document, src.page

    def index_of(self, path: str, page: int) -> int:
        """The view index of ``page`` of the document at ``path`` (first occurrence), or -1."""
        for seg in self._segments:
            if seg.path == path and 0 <= page < seg.count:
                return seg.first + page
        return -1

    def page_size(self, index: int) -> tuple[float, float]:
        """Page ``index``'s shown size in points (its /Rotate applied, not the view rotation)."""
        return self._page_sizes[index]

    def password_for(self, path: str) -> str | None:
        """The password a document of the sequence was opened with, if any."""
        return self._passwords.get(path)

    def device_pixel_ratio(self) -> float:
        """The device pixel ratio renders are made for (that of the screen showing the view)."""
        return float(self.viewport().devicePixelRatioF())

    # -------------------------------------------------------------- zoom & fit

    def set_zoom(self, zoom: float) -> None:
        """Fix the zoom (clamped to 10–800 %) and leave any fit mode; keeps the view's centre."""
        self._fit_mode = None
        vp = self.viewport().rect()
        self._zoom_at(zoom, QPointF(vp.width() / 2.0, vp.height() / 2.0))

    def set_fit_mode(self, mode: str | None) -> None:
        """Fit the current page's width ('width') or the whole page ('page'), or stop fitting."""
        if mode not in (FIT_WIDTH, FIT_PAGE, None):
            raise ValueError(f"unknown fit mode {mode!r}")
        self._fit_mode = mode
        self._apply_fit()

    def zoom_in(self) -> None:
        """Go to the next larger preset zoom."""
        self.set_zoom(next_zoom_step(self._zoom, +1))

    def zoom_out(self) -> None:
        """Go to the next smaller preset zoom."""
        self.set_zoom(next_zoom_step(self._zoom, -1))

    def _fit_zoom(self) -> float | None:
        if not self._sources or self._fit_mode is None:
            return None
        index = max(self._current, 0)
        w, h = rotated_size(self._page_sizes[index], self._rotation)
        vp = self.viewport().size()
        avail_w = max(vp.width() - 2 * MARGIN - self._right_margin, 16.0)
        avail_h = max(vp.height() - 2 * MARGIN, 16.0)
        if self._fit_mode == FIT_WIDTH:
            return avail_w / w
        return min(avail_w / w, avail_h / h)

    def _apply_fit(self) -> None:
        zoom = self._fit_zoom()
        if zoom is None:
            return
        index = self._current
        if index < 0:
            return
        # Keep the reader's place: the point of the current page at the top of the viewport.
        box = self._layout.box(index) if index < self._layout.page_count else None
        if box is None:
            self._set_zoom_value(zoom)
            return
        anchor_y = max(box.y - self.verticalScrollBar().value(), 0.0)
        self._zoom_at(zoom, QPointF(self.viewport().width() / 2.0, anchor_y), keep_fit=True)
        self._centre_horizontally()

    def _centre_horizontally(self) -> None:
        # Every page is centred in the content column, so this centres them all.
        bar = self.horizontalScrollBar()
        bar.setValue((bar.maximum() + 1) // 2)

    def _set_zoom_value(self, zoom: float) -> bool:
        zoom = clamp_zoom(zoom)
        if abs(zoom - self._zoom) < 1e-9:
            return False
        self._zoom = zoom
        self._generation += 1
        self._relayout()
        return True

    def _zoom_at(self, zoom: float, anchor: QPointF, keep_fit: bool = False) -> None:
        """Change the zoom keeping the document point under ``anchor`` where it is."""
        if not keep_fit:
            self._fit_mode = None
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        where = self._layout_fraction(anchor)
        if not self._set_zoom_value(zoom):
            return
        if where is not None:
            index, fx, fy = where
            box = self._layout.box(index)
            cx = box.x + fx * box.width
            cy = box.y + fy * box.height
            self._pin_current = True
            try:
                hbar.setValue(round(cx - anchor.x()))
                vbar.setValue(round(cy - anchor.y()))
            finally:
                self._pin_current = False
        self._update_current()
        self._schedule_renders()
        self.viewport().update()
        self.zoomChanged.emit(self._zoom)

    def _layout_fraction(self, pos: QPointF) -> tuple[int, float, float] | None:
        """Where ``pos`` lies relative to the page under it, as fractions of that page's box."""
        if not self._sources:
            return None
        cx = pos.x() + self.horizontalScrollBar().value()
        cy = pos.y() + self.verticalScrollBar().value()
        index = self._layout.page_at(cy)
        box = self._layout.box(index)
        return index, (cx - box.x) / box.width, (cy - box.y) / box.height

    # ------------------------------------------------------------ right margin

    @property
    def right_margin(self) -> float:
        """Logical pixels kept free right of the pages (for notes read in the margin)."""
        return self._right_margin

    def set_right_margin(self, pixels: float) -> None:
        """Keep ``pixels`` right of the pages free; a fit mode fits the pages into the rest."""
        pixels = max(0.0, float(pixels))
        if abs(pixels - self._right_margin) < 1e-9:
            return
        self._right_margin = pixels
        index = self._current
        self._relayout()
        if self._fit_mode and self._sources:
            self._apply_fit()
        elif index >= 0:
            self._pin_current = True
            try:
                self._centre_horizontally()
            finally:
                self._pin_current = False
        self._schedule_renders()
        self.viewport().update()

    # ---------------------------------------------------------------- rotation

    def set_rotation(self, degrees: int) -> None:
        """Turn every page clockwise by ``degrees`` (a multiple of 90) for reading."""
        degrees = int(degrees) % 360
        if degrees % 90:
            raise ValueError("the view turns in steps of 90 degrees")
        if degrees == self._rotation:
            return
        index = self._current
        self._rotation = degrees
        self._generation += 1
        self._to_display.clear()
        self._to_page.clear()
        self._relayout()
        if self._fit_mode:
            zoom = self._fit_zoom()
            if zoom is not None and self._set_zoom_value(zoom):
                self.zoomChanged.emit(self._zoom)
        if index >= 0:
            self.scroll_to(index)
        self._schedule_renders()
        self.viewport().update()
        self.rotationChanged.emit(self._rotation)

    def rotate_view(self, delta: int = 90) -> None:
        """Turn the view a further ``delta`` degrees clockwise."""
        self.set_rotation(self._rotation + delta)

    # --------------------------------------------------------------- scrolling

    def scroll_to(self, index: int, y: float = 0.0) -> None:
        """Bring page ``index`` to the top of the view; ``y`` (page points) to show a spot on it."""
        if not self._sources:
            return
        index = max(0, min(int(index), len(self._sources) - 1))
        origin = self._current
        box = self._layout.box(index)
        top = box.y - PAGE_GAP / 2.0
        if index == 0:
            top = 0.0
        elif self._layout.has_separator(index):
            top = self._layout.separator_box(index).y  # show whose document begins here
        if y:
            _, dy = transform_point(self._page_to_display(index), 0.0, float(y))
            top = box.y + dy * self._zoom - PAGE_GAP / 2.0
        self._pin_current = True
        try:
            self.verticalScrollBar().setValue(round(top))
        finally:
            self._pin_current = False
        self._set_current(index)
        self._schedule_renders()
        self.viewport().update()
        if origin >= 0 and origin != index and not self._stepping:
            self.jumped.emit(origin, index)

    def go_to_page(self, index: int) -> None:
        """Same as ``scroll_to(index)``: the reader jumps to a page."""
        self.scroll_to(index)

    def next_page(self) -> None:
        """Go to the page after the current one."""
        self._step(self._current + 1)

    def previous_page(self) -> None:
        """Go to the page before the current one."""
        self._step(self._current - 1)

    def _step(self, index: int) -> None:
        self._stepping = True
        try:
            self.scroll_to(index)
        finally:
            self._stepping = False

    def vertical_fraction(self) -> float:
        """How far down the sequence the view is, 0.0 to 1.0 (for linked scrolling)."""
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def set_vertical_fraction(self, fraction: float) -> None:
        """Scroll to ``fraction`` (0.0 to 1.0) of the way down."""
        bar = self.verticalScrollBar()
        bar.setValue(round(max(0.0, min(1.0, float(fraction))) * bar.maximum()))

    def _on_scrolled(self, value: int) -> None:
        if value != self._last_scroll:
            self._scroll_direction = 1 if value > self._last_scroll else -1
            self._last_scroll = value
        if not self._pin_current:
            self._update_current()
        self._schedule_renders()

    def _on_hscrolled(self, _value: int) -> None:
        self._schedule_renders()

    def _update_current(self) -> None:
        if not self._sources:
            return
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        best, best_seen = -1, -1.0
        for i in self._layout.visible_range(top, bottom):
            box = self._layout.box(i)
            seen = min(box.bottom, bottom) - max(box.y, top)
            if seen > best_seen + 0.5:
                best, best_seen = i, seen
        if best < 0:
            best = self._layout.page_at(top)
        self._set_current(best)

    def _set_current(self, index: int) -> None:
        if index == self._current:
            return
        self._current = index
        if index >= 0:
            src = self._sources[index]
            self._service.set_focus(self._owner, src.path, src.page)
        self.currentPageChanged.emit(index)

    # ------------------------------------------------------------------ layout

    def _relayout(self) -> None:
        sizes = [rotated_size(s, self._rotation) for s in self._page_sizes]
        separators = ([seg.first for seg in self._segments] if len(self._segments) > 1 else [])
        self._layout = PageLayout(sizes, self._zoom, viewport_width=self.viewport().width(),
                                  gap=PAGE_GAP, margin=MARGIN, separators=separators,
                                  separator_height=SEPARATOR_HEIGHT,
                                  right_margin=self._right_margin)
        self._update_scrollbars()

    def _update_scrollbars(self) -> None:
        vp = self.viewport().size()
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        # Half a pixel of float noise must not conjure a scroll bar.
        vbar.setRange(0, max(0, math.ceil(self._layout.content_height - vp.height() - 0.5)))
        vbar.setPageStep(max(1, vp.height()))
        vbar.setSingleStep(40)
        hbar.setRange(0, max(0, math.ceil(self._layout.content_width - vp.width() - 0.5)))
        hbar.setPageStep(max(1, vp.width()))
        hbar.setSingleStep(40)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._fit_mode and self._sources:
            zoom = self._fit_zoom()
            if zoom is not None and abs(clamp_zoom(zoom) - self._zoom) > 1e-9:
                self._apply_fit()
                return
        self._relayout()
        self._schedule_renders()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._fit_mode:
            self._apply_fit()
        self._schedule_renders()

    def event(self, event) -> bool:  # noqa: D401 - Qt override
        if event.type() in (QEvent.Type.DevicePixelRatioChange, QEvent.Type.ScreenChangeInternal):
            # Moved to a screen with another scale: renders must match its pixels.
            self._schedule_renders()
            self.viewport().update()
        return super().event(event)

    # ---------------------------------------------------------- coordinate API

    def page_rect_in_viewport(self, index: int) -> QRectF:
        """Page ``index``'s rectangle in viewport coordinates."""
        box = self._layout.box(index)
        return QRectF(box.x - self.horizontalScrollBar().value(),
                      box.y - self.verticalScrollBar().value(), box.width, box.height)

    def map_to_page(self, pos: QPoint | QPointF, clamp: bool = False
                    ) -> tuple[int, float, float] | None:
        """Viewport position to (view page index, x, y) in page coordinates.

        Returns None when ``pos`` is not on a page, unless ``clamp`` is set: then the nearest
        page is used and the point is pulled onto it.
        """
        if not self._sources:
            return None
        cx = pos.x() + self.horizontalScrollBar().value()
        cy = pos.y() + self.verticalScrollBar().value()
        index = self._layout.page_at(cy)
        box = self._layout.box(index)
        dx, dy = (cx - box.x) / self._zoom, (cy - box.y) / self._zoom
        w, h = box.width / self._zoom, box.height / self._zoom
        if not (0.0 <= dx <= w and 0.0 <= dy <= h):
            if not clamp:
                return None
            dx, dy = min(max(dx, 0.0), w), min(max(dy, 0.0), h)
        x, y = transform_point(self._display_to_page(index), dx, dy)
        return index, x, y

    def map_from_page(self, index: int, x: float, y: float) -> QPointF:
        """Page coordinates of view page ``index`` to a viewport position."""
        dx, dy = transform_point(self._page_to_display(index), x, y)
        box = self._layout.box(index)
        return QPointF(box.x + dx * self._zoom - self.horizontalScrollBar().value(),
                       box.y + dy * self._zoom - self.verticalScrollBar().value())

    def map_rect_from_page(self, index: int, rect: Sequence[float]) -> QRectF:
        """A page-coordinate rectangle (x0, y0, x1, y1) as a viewport rectangle."""
        x0, y0, x1, y1 = transform_rect(self._page_to_display(index), tuple(rect))
        box = self._layout.box(index)
        ox = box.x - self.horizontalScrollBar().value()
        oy = box.y - self.verticalScrollBar().value()
        z = self._zoom
        return QRectF(ox + x0 * z, oy + y0 * z, (x1 - x0) * z, (y1 - y0) * z)

    def _page_to_display(self, index: int) -> tuple:
        m = self._to_display.get(index)
        if m is None:
            doc, page = self.document_at(index)
            m = tuple(doc.page_to_display(page, self._rotation))
            self._to_display[index] = m
        return m

    def _display_to_page(self, index: int) -> tuple:
        m = self._to_page.get(index)
        if m is None:
            m = invert(self._page_to_display(index))
            self._to_page[index] = m
        return m

    def _page_bounds(self, index: int) -> tuple[float, float, float, float]:
        """The whole page in page coordinates."""
        w, h = rotated_size(self._page_sizes[index], self._rotation)
        return transform_rect(self._display_to_page(index), (0.0, 0.0, w, h))

    # --------------------------------------------------------------- rendering

    @property
    def render_scale(self) -> float:
        """Pixels per point renders are requested at: the zoom times the device pixel ratio."""
        return self._scale()

    def _scale(self) -> float:
        return round(self._zoom * self._dpr, 4)

    def _request(self, index: int, priority: int, clip=None) -> RenderRequest:
        src = self._sources[index]
        return RenderRequest(path=src.path, page=src.page, scale=self._scale(),
                             rotation=self._rotation, priority=priority,
                             generation=self._generation, owner=self._owner, clip=clip,
                             password=self._passwords.get(src.path))

    def _pieces(self, index: int, priority: int, visible_only: bool = True
                ) -> list[tuple[RenderRequest, QRectF | None]]:
        """Requests covering page ``index``: the whole page, or its (visible) tiles.

        Each comes with the tile's rectangle in display points (None for a whole page).
        """
        w, h = rotated_size(self._page_sizes[index], self._rotation)
        scale = self._scale()
        if w * h * scale * scale <= MAX_PAGE_PIXELS:
            return [(self._request(index, priority), None)]
        tile = TILE_PIXELS / scale
        # The visible part of the page, in display points.
        rect = self.page_rect_in_viewport(index)
        vis = rect.intersected(QRectF(self.viewport().rect())) if visible_only else rect
        if vis.isEmpty():
            return []
        x0 = (vis.left() - rect.left()) / self._zoom
        y0 = (vis.top() - rect.top()) / self._zoom
        x1 = (vis.right() - rect.left()) / self._zoom
        y1 = (vis.bottom() - rect.top()) / self._zoom
        out = []
        for ty in range(int(y0 // tile), int(min(y1, h - 1e-6) // tile) + 1):
            for tx in range(int(x0 // tile), int(min(x1, w - 1e-6) // tile) + 1):
                clip = (tx * tile, ty * tile, min(w, (tx + 1) * tile), min(h, (ty + 1) * tile))
                out.append((self._request(index, priority, clip),
                            QRectF(clip[0], clip[1], clip[2] - clip[0], clip[3] - clip[1])))
        return out

    def visible_pages(self) -> range:
        """Indices of the pages at least partly on screen."""
        top = self.verticalScrollBar().value()
        return self._layout.visible_range(top, top + self.viewport().height())

    def _schedule_renders(self) -> None:
        """Ask for what is on screen now, then neighbours in the scroll direction; drop the rest."""
        self._dpr = self.device_pixel_ratio()
        if not self._sources or not self.isVisible():
            return
        visible = self.visible_pages()
        if not len(visible):
            return
        plan: list[tuple[int, RenderRequest]] = []
        for i in visible:
            plan.extend((i, req) for req, _ in self._pieces(i, 0))
        ahead = (range(visible.stop, visible.stop + PREFETCH_AHEAD) if self._scroll_direction > 0
                 else range(visible.start - 1, visible.start - 1 - PREFETCH_AHEAD, -1))
        behind = (range(visible.start - 1, visible.start - 1 - PREFETCH_BEHIND, -1)
                  if self._scroll_direction > 0
                  else range(visible.stop, visible.stop + PREFETCH_BEHIND))
        priority = 1
        for i in itertools.chain(ahead, behind):
            if 0 <= i < len(self._sources):
                # Tiled pages are not fetched ahead: only what is seen is worth that many pixels.
                plan.extend((i, req) for req, clip in self._pieces(i, priority) if clip is None)
                priority += 1
        self._wanted = {req.key: i for i, req in plan}
        # Forget images and failures no longer wanted; the service's cache still holds them.
        self._images = {k: v for k, v in self._images.items() if k in self._wanted}
        self._failed = {k: v for k, v in self._failed.items() if k in self._wanted}
        self._service.cancel(self._owner, keep=lambda r: r.key in self._wanted)
        for _, req in plan:
            if req.key in self._images or req.key in self._failed:
                continue
            image = self._service.request(req)
            if image is not None and req.key in self._wanted:
                self._images[req.key] = image
                self.viewport().update()

    def _on_rendered(self, req, image: QImage) -> None:
        key = req.key
        if key not in self._wanted or image is None or image.isNull():
            return
        self._images[key] = image
        self._failed.pop(key, None)
        self.viewport().update()

    def _on_failed(self, req, reason: str) -> None:
        key = req.key
        if key not in self._wanted:
            return
        self._images.pop(key, None)
        self._failed[key] = str(reason)
        self.viewport().update()

    def failure_text(self, reason: str) -> str:
        """The sentence painted on a page whose render failed for ``reason``."""
        if reason == "timeout":
            detail = self.tr("took too long")
        elif reason == "crashed":
            detail = self.tr("the renderer stopped unexpectedly")
        elif reason == "password":
            detail = self.tr("the document's password is needed")
        else:
            detail = reason
        return self.tr("This page could not be rendered (%1).").replace("%1", detail)

    # ---------------------------------------------------------------- painting

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        if abs(self.device_pixel_ratio() - self._dpr) > 1e-6:
            self._schedule_renders()
        painter = QPainter(self.viewport())
        if not self._sources:
            painter.fillRect(event.rect(), BACKGROUND)
            self._paint_message(painter)
            painter.end()
            return
        top = self.verticalScrollBar().value()
        height = self.viewport().height()
        visible = self._layout.visible_range(top, top + height)
        # The background only around the pages: filling under them too doubled the cost of
        # a paint while scrolling (pages are opaque). One pixel of overlap hides rounding.
        background = QRegion(event.rect())
        for i in visible:
            background -= QRegion(self._snap(self.page_rect_in_viewport(i)).toAlignedRect().adjusted(1, 1, -1, -1))
        painter.setClipRegion(background)
        painter.fillRect(event.rect(), BACKGROUND)
        painter.setClipping(False)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        for i in visible:
            if self._layout.has_separator(i):
                self._paint_separator(painter, i)
        # A document's band can be on screen while its first page is still below it.
        nxt = visible.stop
        if nxt < len(self._sources) and self._layout.has_separator(nxt):
            self._paint_separator(painter, nxt)
        for i in visible:
            rect = self._snap(self.page_rect_in_viewport(i))
            self._paint_page(painter, i, rect)
            self._paint_hits(painter, i)
            self._paint_selection(painter, i)
            self.paint_page_overlay(painter, i, rect)
        painter.end()

    def _snap(self, rect: QRectF) -> QRectF:
        """Align a rectangle to device pixels so a render maps 1:1 onto the screen."""
        d = self._dpr or 1.0
        x0, y0 = round(rect.left() * d) / d, round(rect.top() * d) / d
        x1, y1 = round(rect.right() * d) / d, round(rect.bottom() * d) / d
        return QRectF(x0, y0, x1 - x0, y1 - y0)

    def _paint_message(self, painter: QPainter) -> None:
        if not self._message:
            return
        painter.setPen(QColor(Qt.GlobalColor.white))
        box = self.viewport().rect().adjusted(24, 24, -24, -24)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                         self._message)

    def _paint_separator(self, painter: QPainter, index: int) -> None:
        band = self._layout.separator_box(index)
        top = band.y - self.verticalScrollBar().value()
        rect = QRectF(0, top, self.viewport().width(), band.height)
        mid = rect.center().y()
        painter.setPen(QPen(QColor(255, 255, 255, 160), 1))
        painter.drawLine(QPointF(MARGIN, mid), QPointF(rect.width() - MARGIN, mid))
        title = self.segment_of(index).title
        metrics = painter.fontMetrics()
        text = metrics.elidedText(title, Qt.TextElideMode.ElideMiddle,
                                  int(rect.width() - 6 * MARGIN))
        tw = metrics.horizontalAdvance(text) + 16
        label = QRectF(rect.center().x() - tw / 2, mid - metrics.height() / 2 - 1, tw,
                       metrics.height() + 2)
        painter.fillRect(label, BACKGROUND)
        painter.setPen(QColor(Qt.GlobalColor.white))
        painter.drawText(label, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_page(self, painter: QPainter, index: int, rect: QRectF) -> None:
        # The shadow as two strips beside the page, not a translucent page-sized fill under it.
        painter.fillRect(QRectF(rect.right(), rect.top() + 2, 2, rect.height()), SHADOW)
        painter.fillRect(QRectF(rect.left() + 2, rect.bottom(), rect.width() - 2, 2), SHADOW)
        pieces = self._pieces(index, 0)
        whole = len(pieces) == 1 and pieces[0][1] is None
        covered = whole and pieces[0][0].key in self._images
        if not covered:
            painter.fillRect(rect, PLACEHOLDER)
            self._paint_stand_in(painter, index, rect)
        failure = ""
        d = self._dpr or 1.0
        scale = self._scale()
        for req, clip in pieces:
            image = self._images.get(req.key)
            if image is None:
                failure = failure or self._failed.get(req.key, "")
                continue
            # Placed where the engine's pixel box starts (it rounds outwards) and drawn at
            # its own size in device pixels: one image pixel per screen pixel, sharp.
            left, top = rect.left(), rect.top()
            if clip is not None:
                left += math.floor(clip.left() * scale + 0.001) / d
                top += math.floor(clip.top() * scale + 0.001) / d
            target = QRectF(left, top, image.width() / d, image.height() / d)
            painter.drawImage(target, image, QRectF(image.rect()))
        if failure:
            self._paint_failure(painter, rect, self.failure_text(failure))

    def _paint_stand_in(self, painter: QPainter, index: int, rect: QRectF) -> None:
        src = self._sources[index]
        image = self._service.nearest(src.path, src.page, self._rotation)
        if image is None or image.isNull() or image.height() == 0 or rect.height() <= 0:
            return
        # Only a whole-page image of the right shape; a tile stretched over the page misleads.
        if abs(image.width() / image.height() - rect.width() / rect.height()) > 0.03 * (
                rect.width() / rect.height()):
            return
        painter.drawImage(rect, image, QRectF(image.rect()))

    def _paint_failure(self, painter: QPainter, rect: QRectF, text: str) -> None:
        painter.fillRect(rect, QColor(0xfb, 0xee, 0xea))
        painter.setPen(QPen(QColor(0xb0, 0x30, 0x20), 1))
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.drawText(rect.adjusted(12, 12, -12, -12),
                         int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)

    def _paint_hits(self, painter: QPainter, index: int) -> None:
        numbers = self._hits_by_page.get(index)
        if not numbers:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        for n in numbers:
            current = n == self._current_hit
            painter.setBrush(CURRENT_HIT_FILL if current else HIT_FILL)
            for quad in self._hits[n].quads:
                painter.drawPolygon(self._quad_polygon(index, quad))
            if current:
                painter.setPen(QPen(QColor(200, 60, 0), 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for quad in self._hits[n].quads:
                    painter.drawPolygon(self._quad_polygon(index, quad))
                painter.setPen(Qt.PenStyle.NoPen)

    def _quad_polygon(self, index: int, quad: Sequence[float]) -> QPolygonF:
        ulx, uly, urx, ury, llx, lly, lrx, lry = quad[:8]
        return QPolygonF([self.map_from_page(index, ulx, uly), self.map_from_page(index, urx, ury),
                          self.map_from_page(index, lrx, lry), self.map_from_page(index, llx, lly)])

    def _paint_selection(self, painter: QPainter, index: int) -> None:
        sel = self._selection.get(index)
        if not sel:
            return
        for rect in sel[1]:
            painter.fillRect(self.map_rect_from_page(index, rect), SELECTION_FILL)

    # ---------------------------------------------------------------- overlays

    def add_overlay(self, paint: Callable[[QPainter, int, QRectF], None]) -> None:
        """Paint ``paint(painter, index, page_rect)`` over every visible page, after the text.

        ``page_rect`` is in viewport coordinates; use ``map_from_page`` for positions on it.
        """
        self._overlays.append(paint)
        self.viewport().update()

    def remove_overlay(self, paint: Callable[[QPainter, int, QRectF], None]) -> None:
        """Stop calling an overlay added with ``add_overlay``."""
        if paint in self._overlays:
            self._overlays.remove(paint)
            self.viewport().update()

    def paint_page_overlay(self, painter: QPainter, index: int, page_rect: QRectF) -> None:
        """Paint over page ``index``; subclasses may override, the default runs the overlays."""
        for paint in self._overlays:
            painter.save()
            try:
                paint(painter, index, page_rect)
            finally:
                painter.restore()

    # ------------------------------------------------------------------ search

    def set_search_hits(self, hits: Iterable[SearchHit]) -> None:
        """Highlight these matches (replacing earlier ones); none is current."""
        self._hits = []
        self._hits_by_page = {}
        self._current_hit = -1
        self.add_search_hits(hits)

    def add_search_hits(self, hits: Iterable[SearchHit]) -> None:
        """Highlight more matches, appended after the ones shown."""
        for hit in hits:
            self._hits_by_page.setdefault(hit.index, []).append(len(self._hits))
            self._hits.append(hit)
        self.viewport().update()

    def clear_search_hits(self) -> None:
        """Remove every search highlight."""
        self._hits = []
        self._hits_by_page = {}
        self._current_hit = -1
        self.viewport().update()

    @property
    def search_hits(self) -> tuple[SearchHit, ...]:
        """The highlighted matches in order."""
        return tuple(self._hits)

    @property
    def current_search_hit(self) -> int:
        """Position of the emphasised match in ``search_hits`` (-1 for none)."""
        return self._current_hit

    def set_current_search_hit(self, number: int) -> None:
        """Emphasise match ``number`` and scroll it into view."""
        if not 0 <= number < len(self._hits):
            self._current_hit = -1
            self.viewport().update()
            return
        self._current_hit = number
        hit = self._hits[number]
        self.ensure_visible(hit.index, _quads_bounds(hit.quads))
        self.viewport().update()

    def ensure_visible(self, index: int, rect: Sequence[float]) -> None:
        """Scroll as little as needed so ``rect`` (page coordinates) of page ``index`` shows."""
        area = self.map_rect_from_page(index, rect)
        vp = QRectF(self.viewport().rect())
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        self._pin_current = True
        try:
            if area.top() < 0 or area.bottom() > vp.height():
                # A third of the way down leaves context above the match.
                vbar.setValue(round(vbar.value() + area.top() - vp.height() / 3.0))
            if area.left() < 0 or area.right() > vp.width():
                hbar.setValue(round(hbar.value() + area.center().x() - vp.width() / 2.0))
        finally:
            self._pin_current = False
        self._update_current()

    # --------------------------------------------------------------- selection

    @property
    def selected_text(self) -> str:
        """The selected text, pages joined by line breaks."""
        return "\n".join(self._selection[i][0] for i in sorted(self._selection)
                         if self._selection[i][0])

    def selection_rects(self, index: int) -> tuple[tuple[float, float, float, float], ...]:
        """The selected rectangles on page ``index``, in page coordinates."""
        sel = self._selection.get(index)
        return tuple(sel[1]) if sel else ()

    def clear_selection(self) -> None:
        """Deselect."""
        if self._selection:
            self._selection.clear()
            self.viewport().update()
            self.selectionChanged.emit()
        self._sel_anchor = self._sel_end = None

    def select_between(self, start: tuple[int, float, float], end: tuple[int, float, float]
                       ) -> None:
        """Select the text between two (index, x, y) page points, like a mouse drag."""
        self._sel_anchor, self._sel_end = start, end
        self._update_selection()

    def copy_selection(self) -> bool:
        """Put the selected text on the clipboard; False when nothing is selected."""
        text = self.selected_text
        if not text:
            return False
        QGuiApplication.clipboard().setText(text)
        return True

    def _update_selection(self) -> None:
        a, b = self._sel_anchor, self._sel_end
        if a is None or b is None:
            return
        if b[0] < a[0]:
            a, b = b, a
        chosen: dict[int, tuple[str, tuple]] = {}
        for i in range(a[0], b[0] + 1):
            inner = i not in (a[0], b[0])
            if inner and i in self._whole_page_text:
                chosen[i] = self._whole_page_text[i]
                continue
            bounds = self._page_bounds(i)
            start = (a[1], a[2]) if i == a[0] else (bounds[0], bounds[1])
            end = (b[1], b[2]) if i == b[0] else (bounds[2], bounds[3])
            doc, page = self.document_at(i)
            try:
                sel = doc.selection(page, start, end)
            except (DocumentError, RuntimeError, ValueError):
                continue
            part = (sel.text, tuple(sel.rects))
            if inner:
                # A drag across many pages asks for each whole page once, not on every move.
                self._whole_page_text[i] = part
            if sel.text or sel.rects:
                chosen[i] = part
        self._selection = chosen
        self.viewport().update()
        self.selectionChanged.emit()

    def _select_word_at(self, pos: QPoint) -> None:
        where = self.map_to_page(pos)
        if where is None:
            return
        index, x, y = where
        doc, page = self.document_at(index)
        try:
            words = doc.words(page)
        except (DocumentError, RuntimeError, ValueError):
            return
        for word in words:
            if word.x0 <= x <= word.x1 and word.y0 <= y <= word.y1:
                self._selection = {index: (word.text, ((word.x0, word.y0, word.x1, word.y1),))}
                self._sel_anchor = self._sel_end = None
                self.viewport().update()
                self.selectionChanged.emit()
                return

    # -------------------------------------------------------------------- links

    def link_at(self, pos: QPoint | QPointF):
        """The link under a viewport position, or None."""
        where = self.map_to_page(pos)
        if where is None:
            return None
        index, x, y = where
        links = self._links.get(index)
        if links is None:
            doc, page = self.document_at(index)
            try:
                links = list(doc.links(page))
            except (DocumentError, RuntimeError, ValueError):
                links = []
            self._links[index] = links
        for link in links:
            x0, y0, x1, y1 = link.rect
            if x0 <= x <= x1 and y0 <= y <= y1:
                return index, link
        return None

    def _follow(self, found) -> None:
        index, link = found
        if link.kind == "goto" and link.page >= 0:
            seg = self.segment_of(index)
            if link.page < seg.count:
                self.scroll_to(seg.first + link.page, link.y or 0.0)
        elif link.kind == "uri" and link.uri:
            self.uriActivated.emit(link.uri)

    # -------------------------------------------------------------------- mouse

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton or not self._sources:
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        self._press_pos = pos
        self._press_link = self.link_at(pos)
        self._dragging = False
        self.clear_selection()
        self._sel_anchor = self.map_to_page(pos, clamp=True)
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        pos = event.position().toPoint()
        if self._press_pos is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if not self._dragging and ((pos - self._press_pos).manhattanLength()
                                       >= QApplication.startDragDistance()):
                self._dragging = True
            if self._dragging:
                self._drag_to(pos)
                inside = self.viewport().rect().contains(pos)
                if inside:
                    self._autoscroll.stop()
                elif not self._autoscroll.isActive():
                    self._autoscroll.start()
            event.accept()
            return
        self._update_cursor(pos)
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton or self._press_pos is None:
            super().mouseReleaseEvent(event)
            return
        pos = event.position().toPoint()
        self._autoscroll.stop()
        if self._dragging:
            self._drag_to(pos)
        elif self._press_link is not None:
            found = self.link_at(pos)
            if found is not None and found[1] == self._press_link[1]:
                self._follow(found)
        self._press_pos = None
        self._press_link = None
        self._dragging = False
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self._sources:
            self._select_word_at(event.position().toPoint())
            self._press_pos = None
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _drag_to(self, pos: QPoint) -> None:
        end = self.map_to_page(pos, clamp=True)
        if end is None or self._sel_anchor is None:
            return
        self._sel_end = end
        self._update_selection()

    def _autoscroll_step(self) -> None:
        if self._press_pos is None:
            self._autoscroll.stop()
            return
        pos = self.viewport().mapFromGlobal(self.cursor().pos())
        vp = self.viewport().rect()
        bar = self.verticalScrollBar()
        if pos.y() < vp.top():
            bar.setValue(bar.value() - max(8, (vp.top() - pos.y()) // 2))
        elif pos.y() > vp.bottom():
            bar.setValue(bar.value() + max(8, (pos.y() - vp.bottom()) // 2))
        self._drag_to(QPoint(min(max(pos.x(), 0), vp.width() - 1),
                             min(max(pos.y(), 0), vp.height() - 1)))

    def _update_cursor(self, pos: QPoint) -> None:
        if self.link_at(pos) is not None:
            shape = Qt.CursorShape.PointingHandCursor
        elif self.map_to_page(pos) is not None:
            shape = Qt.CursorShape.IBeamCursor
        else:
            shape = Qt.CursorShape.ArrowCursor
        if self.viewport().cursor().shape() != shape:
            self.viewport().setCursor(shape)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self._zoom_at(self._zoom * (1.1 ** steps), event.position())
            event.accept()
            return
        super().wheelEvent(event)

    # ----------------------------------------------------------------- keyboard

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        key = event.key()
        mods = event.modifiers()
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Find):
            self.findRequested.emit()
        elif event.matches(QKeySequence.StandardKey.FindNext):
            self.findNextRequested.emit()
        elif event.matches(QKeySequence.StandardKey.FindPrevious):
            self.findPreviousRequested.emit()
        elif event.matches(QKeySequence.StandardKey.ZoomIn) or (
                ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)):
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or (ctrl and key == Qt.Key.Key_Minus):
            self.zoom_out()
        elif key == Qt.Key.Key_PageDown or (key == Qt.Key.Key_Space and not mods):
            # Keep a strip of the previous screen for the eye to follow.
            vbar.setValue(vbar.value() + max(1, int(self.viewport().height() * 0.9)))
        elif key == Qt.Key.Key_PageUp:
            vbar.setValue(vbar.value() - max(1, int(self.viewport().height() * 0.9)))
        elif key == Qt.Key.Key_Home:
            self.scroll_to(0)
        elif key == Qt.Key.Key_End:
            if self._sources:
                vbar.setValue(vbar.maximum())
                self._set_current(len(self._sources) - 1)
        elif key == Qt.Key.Key_Down:
            vbar.setValue(vbar.value() + vbar.singleStep())
        elif key == Qt.Key.Key_Up:
            vbar.setValue(vbar.value() - vbar.singleStep())
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            forward = key == Qt.Key.Key_Right
            if hbar.maximum() > 0:
                hbar.setValue(hbar.value() + (1 if forward else -1) * hbar.singleStep())
            elif forward:
                self.next_page()
            else:
                self.previous_page()
        elif key == Qt.Key.Key_Escape and self._selection:
            self.clear_selection()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(720, 900)


def _quads_bounds(quads: Sequence[Sequence[float]]) -> tuple[float, float, float, float]:
    xs = [q[i] for q in quads for i in (0, 2, 4, 6)]
    ys = [q[i] for q in quads for i in (1, 3, 5, 7)]
    return min(xs), min(ys), max(xs), max(ys)


__all__ = ["FIT_PAGE", "FIT_WIDTH", "PageSource", "PageView", "SearchHit", "Segment"]
