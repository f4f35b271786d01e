"""Shapes of annotations in page coordinates: bounds, moving, hit testing, quads from text.

Geometry follows the store's shapes (see storage/annotations.py), as nested tuples or lists of
floats in PyMuPDF's unrotated page space:

* ``highlight``, ``underline``, ``strikeout``: quads ``((x0,y0, x1,y1, x2,y2, x3,y3), ...)``,
  corners upper-left, upper-right, lower-left, lower-right as the text reads;
* ``rect``, ``ellipse``, ``note``, ``freetext``, ``stamp``, ``link``: ``(x0, y0, x1, y1)``;
* ``arrow``: ``(x_tail, y_tail, x_head, y_head)``;
* ``ink``: strokes ``((x, y, x, y, ...), ...)``.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

QUAD_KINDS = ("highlight", "underline", "strikeout")
RECT_KINDS = ("rect", "ellipse", "note", "freetext", "stamp", "link")
# Shapes a user resizes by their bounding box; arrows by their two ends; the rest only move.
RESIZABLE_KINDS = RECT_KINDS

Rect = tuple[float, float, float, float]


def normalized(rect: Sequence[float]) -> Rect:
    """``rect`` with x0 <= x1 and y0 <= y1."""
    x0, y0, x1, y1 = (float(v) for v in rect[:4])
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def bounds(kind: str, geometry) -> Rect:
    """The bounding box of an annotation's geometry."""
    if kind in RECT_KINDS:
        return normalized(geometry)
    if kind == "arrow":
        x0, y0, x1, y1 = geometry
        return normalized((x0, y0, x1, y1))
    xs: list[float] = []
    ys: list[float] = []
    for part in geometry:
        xs.extend(part[0::2])
        ys.extend(part[1::2])
    if not xs:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(xs), min(ys), max(xs), max(ys))


def translated(kind: str, geometry, dx: float, dy: float) -> list:
    """The geometry moved by (dx, dy) points, as lists ready for the store."""
    if kind in RECT_KINDS or kind == "arrow":
        x0, y0, x1, y1 = geometry
        return [x0 + dx, y0 + dy, x1 + dx, y1 + dy]
    return [[v + (dx if i % 2 == 0 else dy) for i, v in enumerate(part)] for part in geometry]


def as_lists(geometry) -> list:
    """Nested tuples turned into lists (the form the store's JSON check takes)."""
    if isinstance(geometry, (list, tuple)):
        return [as_lists(v) for v in geometry]
    return float(geometry)


def _segment_distance(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> float:
    vx, vy = bx - ax, by - ay
    length2 = vx * vx + vy * vy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * vx + (py - ay) * vy) / length2))
    return math.hypot(px - (ax + t * vx), py - (ay + t * vy))


def _inside(rect: Rect, x: float, y: float, margin: float) -> bool:
    return rect[0] - margin <= x <= rect[2] + margin and rect[1] - margin <= y <= rect[3] + margin


def hits(kind: str, geometry, x: float, y: float, tolerance: float) -> bool:
    """Whether the point (x, y) touches the annotation, ``tolerance`` points either side of a line.

    Rectangles and ellipses are hit on their outline only, so that text inside a framed
    passage can still be selected; marks with a face (note, text box, stamp, link) anywhere.
    """
    if kind in ("note", "freetext", "stamp", "link"):
        return _inside(normalized(geometry), x, y, tolerance)
    if kind == "rect":
        outer = normalized(geometry)
        if not _inside(outer, x, y, tolerance):
            return False
        x0, y0, x1, y1 = outer
        inner = (x0 + tolerance, y0 + tolerance, x1 - tolerance, y1 - tolerance)
        return inner[0] >= inner[2] or inner[1] >= inner[3] or not _inside(inner, x, y, 0.0)
    if kind == "ellipse":
        x0, y0, x1, y1 = normalized(geometry)
        cx, cy, a, b = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2

        def level(ra: float, rb: float) -> float:
            if ra <= 0 or rb <= 0:
                return math.inf
            return ((x - cx) / ra) ** 2 + ((y - cy) / rb) ** 2
        return level(a + tolerance, b + tolerance) <= 1.0 and (
            a <= tolerance or b <= tolerance or level(a - tolerance, b - tolerance) >= 1.0)
    if kind == "arrow":
        return _segment_distance(x, y, *geometry[:4]) <= tolerance
    if kind == "ink":
        for stroke in geometry:
            pts = list(zip(stroke[0::2], stroke[1::2]))
            if len(pts) == 1 and math.hypot(x - pts[0][0], y - pts[0][1]) <= tolerance:
                return True
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                if _segment_distance(x, y, ax, ay, bx, by) <= tolerance:
                    return True
        return False
    if kind in QUAD_KINDS:
        return any(_inside(bounds("ink", [quad]), x, y, tolerance) for quad in geometry)
    return _inside(bounds(kind, geometry), x, y, tolerance)


def text_direction(rect: Sequence[float], page_rotation: int = 0) -> tuple[float, float]:
    """The reading direction of a selected line fragment, from its shape and the page's /Rotate.

    A fragment taller than wide is a line running down the page space; which way it reads is
    taken from the page's own rotation (a page turned 90° shows bottom-to-top runs upright).
    """
    x0, y0, x1, y1 = normalized(rect)
    if (y1 - y0) <= (x1 - x0) * 1.2:
        return (-1.0, 0.0) if page_rotation % 360 == 180 else (1.0, 0.0)
    return (0.0, -1.0) if page_rotation % 360 == 90 else (0.0, 1.0)


def quad_from_rect(rect: Sequence[float], direction: tuple[float, float] = (1.0, 0.0)) -> tuple:
    """A rectangle as a quad whose corners follow text read in ``direction``."""
    x0, y0, x1, y1 = normalized(rect)
    dx, dy = direction
    nx, ny = -dy, dx        # "down" for text reading along (dx, dy) in y-down space
    corners = ((x0, y0), (x1, y0), (x0, y1), (x1, y1))

    def pick(along: int, across: int) -> tuple[float, float]:
        return min(corners, key=lambda p: (along * (p[0] * dx + p[1] * dy), across * (p[0] * nx + p[1] * ny)))
    ul, ur, ll, lr = pick(1, 1), pick(-1, 1), pick(1, -1), pick(-1, -1)
    return (*ul, *ur, *ll, *lr)


def quads_from_rects(rects: Iterable[Sequence[float]], page_rotation: int = 0) -> tuple:
    """Selected line fragments (page rectangles) as quads for a text markup annotation."""
    return tuple(quad_from_rect(r, text_direction(r, page_rotation)) for r in rects)


def rect_from_points(a: tuple[float, float], b: tuple[float, float]) -> Rect:
    """The rectangle spanned by two corner points."""
    return normalized((a[0], a[1], b[0], b[1]))


def centred_rect(x: float, y: float, width: float, height: float) -> Rect:
    """A ``width`` x ``height`` rectangle centred on (x, y)."""
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def fit_rect(rect: Sequence[float], page: Sequence[float]) -> Rect:
    """``rect`` shifted (not shrunk, unless larger than the page) to lie within ``page``."""
    x0, y0, x1, y1 = normalized(rect)
    px0, py0, px1, py1 = normalized(page)
    w, h = min(x1 - x0, px1 - px0), min(y1 - y0, py1 - py0)
    x0 = min(max(x0, px0), px1 - w)
    y0 = min(max(y0, py0), py1 - h)
    return (x0, y0, x0 + w, y0 + h)


__all__ = ["QUAD_KINDS", "RECT_KINDS", "RESIZABLE_KINDS", "as_lists", "bounds", "centred_rect",
           "fit_rect", "hits", "normalized", "quad_from_rect", "quads_from_rects",
           "rect_from_points", "text_direction", "translated"]
