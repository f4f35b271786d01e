"""Affine maps between page coordinates and display coordinates.

Page coordinates are PyMuPDF's unrotated page space: points, origin at the top-left of the
page's crop box, y growing downwards (what text extraction returns). Display coordinates are
the same page after its own /Rotate and an extra clockwise view rotation, at scale 1, with the
rotated page's top-left corner at the origin.

A matrix is the 6-tuple (a, b, c, d, e, f) used by PDF and PyMuPDF:
x' = a*x + c*y + e, y' = b*x + d*y + f.
"""

from __future__ import annotations

Matrix = tuple[float, float, float, float, float, float]
Rect = tuple[float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def normalize_rotation(degrees: int) -> int:
    """Return `degrees` snapped to 0, 90, 180 or 270 the way MuPDF snaps a page's /Rotate
    (to the nearest quarter turn), so the value always matches what is drawn."""
    r = int(degrees) % 360
    r = 90 * ((r + 45) // 90)
    return 0 if r >= 360 else r


def rotation_matrix(width: float, height: float, degrees: int) -> Matrix:
    """Matrix turning a `width` x `height` rectangle clockwise by `degrees` (a multiple of 90)
    and moving the result back so its top-left corner is at the origin."""
    r = normalize_rotation(degrees)
    if r == 90:
        return (0.0, 1.0, -1.0, 0.0, float(height), 0.0)
    if r == 180:
        return (-1.0, 0.0, 0.0, -1.0, float(width), float(height))
    if r == 270:
        return (0.0, -1.0, 1.0, 0.0, 0.0, float(width))
    return IDENTITY


def concat(first: Matrix, then: Matrix) -> Matrix:
    """Matrix applying `first` and then `then`."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def invert(m: Matrix) -> Matrix:
    """Inverse of an invertible matrix; raises ValueError for a degenerate one."""
    a, b, c, d, e, f = m
    det = a * d - b * c
    if abs(det) < 1e-12:
        raise ValueError("matrix is not invertible")
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))


def scale_matrix(sx: float, sy: float | None = None) -> Matrix:
    """Matrix scaling by `sx` horizontally and `sy` (default `sx`) vertically."""
    return (float(sx), 0.0, 0.0, float(sx if sy is None else sy), 0.0, 0.0)


def transform_point(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """Apply `m` to the point (x, y)."""
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def transform_rect(m: Matrix, rect: Rect) -> Rect:
    """Bounding box of `rect` after `m` (exact for the rotations and scales used here)."""
    x0, y0, x1, y1 = rect
    pts = [transform_point(m, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def intersect(r1: Rect, r2: Rect) -> Rect | None:
    """Intersection of two rectangles, or None when they do not overlap."""
    x0, y0 = max(r1[0], r2[0]), max(r1[1], r2[1])
    x1, y1 = min(r1[2], r2[2]), min(r1[3], r2[3])
    if x1 <= x0 or y1 <= y0:
        return None
    return (x0, y0, x1, y1)

