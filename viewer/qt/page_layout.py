"""Geometry of a continuous column of pages, without widgets.

Units are logical (device-independent) pixels. ``zoom`` is logical pixels per PDF point, so a
render for a screen with device pixel ratio ``dpr`` is requested at ``zoom * dpr`` pixels per point.

Pages are stacked top to bottom with a gap between them; a page may carry a separator band above
it (the start of a new document in a volume read as one book). Every page is centred horizontally
in a content column that is at least as wide as the viewport. Building a layout is one pass over
the pages; every query afterwards is a binary search, so a 2,000-page volume costs nothing per
scroll step.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass

ZOOM_MIN = 0.10
ZOOM_MAX = 8.00
# Preset steps for zoom in / zoom out, as fractions of 1 logical pixel per point.
ZOOM_STEPS = (0.10, 0.25, 0.33, 0.50, 0.67, 0.75, 0.90, 1.00, 1.10, 1.25, 1.50, 1.75,
              2.00, 2.50, 3.00, 4.00, 5.00, 6.00, 8.00)


def clamp_zoom(zoom: float) -> float:
    """Return ``zoom`` limited to the supported range (10 % to 800 %)."""
    return max(ZOOM_MIN, min(ZOOM_MAX, float(zoom)))


def next_zoom_step(zoom: float, direction: int) -> float:
    """Return the preset zoom after (``direction`` > 0) or before (< 0) ``zoom``."""
    # A small tolerance so 1.0999 steps to 1.25, not to 1.10 again.
    eps = 1e-3
    if direction > 0:
        bigger = [z for z in ZOOM_STEPS if z > zoom + eps]
        return bigger[0] if bigger else ZOOM_MAX
    smaller = [z for z in ZOOM_STEPS if z < zoom - eps]
    return smaller[-1] if smaller else ZOOM_MIN


def rotated_size(size: tuple[float, float], rotation: int) -> tuple[float, float]:
    """Return a page's displayed (width, height) in points after an extra view ``rotation``."""
    w, h = size
    return (h, w) if rotation % 180 else (w, h)


@dataclass(frozen=True)
class LayoutBox:
    """A page's place in the content column, in logical pixels."""

    x: float
    y: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        """Return the y just below the page."""
        return self.y + self.height


class PageLayout:
    """Place pages of given display sizes (points, view rotation applied) in one column.

    ``separators`` holds the indices of pages that start a new document; each gets a band of
    ``separator_height`` logical pixels above it (not scaled by the zoom, it carries a label).
    ``right_margin`` logical pixels right of the column stay free of pages.
    """

    def __init__(self, sizes: Sequence[tuple[float, float]], zoom: float, *,
                 viewport_width: float = 0.0, gap: float = 8.0, margin: float = 8.0,
                 separators: Collection[int] = (), separator_height: float = 24.0,
                 right_margin: float = 0.0) -> None:
        self.zoom = float(zoom)
        # Room kept free right of the pages (notes read in the margin); pages centre in the rest.
        self.right_margin = max(0.0, float(right_margin))
        self.gap = float(gap)
        self.margin = float(margin)
        self.separator_height = float(separator_height)
        self._separators = frozenset(separators)
        n = len(sizes)
        self._widths = [0.0] * n
        self._heights = [0.0] * n
        self._tops = [0.0] * n
        self._bottoms = [0.0] * n
        y = self.margin
        widest = 0.0
        for i, (w, h) in enumerate(sizes):
            if i in self._separators:
                y += self.separator_height
            pw, ph = w * self.zoom, h * self.zoom
            self._widths[i] = pw
            self._heights[i] = ph
            self._tops[i] = y
            self._bottoms[i] = y + ph
            y += ph + self.gap
            widest = max(widest, pw)
        if n:
            y -= self.gap
        self.content_height = y + self.margin
        self.widest_page = widest
        self.content_width = max(float(viewport_width), widest + 2 * self.margin + self.right_margin)

    @property
    def page_count(self) -> int:
        """Return the number of pages laid out."""
        return len(self._tops)

    def has_separator(self, index: int) -> bool:
        """Return whether a document boundary band sits above page ``index``."""
        return index in self._separators

    def box(self, index: int) -> LayoutBox:
        """Return page ``index``'s box in content coordinates."""
        w = self._widths[index]
        return LayoutBox((self.content_width - self.right_margin - w) / 2.0, self._tops[index], w,
                         self._heights[index])

    def separator_box(self, index: int) -> LayoutBox:
        """Return the band above page ``index`` (meaningful when it has a separator)."""
        top = self._tops[index] - self.separator_height
        return LayoutBox(0.0, top, self.content_width, self.separator_height)

    def visible_range(self, y0: float, y1: float) -> range:
        """Return the indices of pages intersecting the content rows ``y0`` to ``y1``."""
        if not self._tops or y1 <= y0:
            return range(0)
        first = bisect_right(self._bottoms, y0)
        last = bisect_left(self._tops, y1)
        return range(first, max(first, last))

    def page_at(self, y: float) -> int:
        """Return the page under content row ``y``, or the nearest page when ``y`` is in a gap.

        Returns -1 for an empty layout.
        """
        n = len(self._tops)
        if not n:
            return -1
        i = bisect_right(self._tops, y) - 1
        if i < 0:
            return 0
        if y <= self._bottoms[i] or i == n - 1:
            return i
        # In the gap below page i: whichever edge is closer.
        return i if y - self._bottoms[i] <= self._tops[i + 1] - y else i + 1

    def top_of(self, index: int) -> float:
        """Return the content y at which page ``index`` begins (separator excluded)."""
        return self._tops[index]
