"""Annotation shapes in page coordinates: bounds, moving, hit testing, quads from selected text."""
from __future__ import annotations

import pymupdf
import pytest

from viewer.core.annotation_geometry import (bounds, fit_rect, hits, quad_from_rect, quads_from_rects,
                                             text_direction, translated)
from viewer.core.document import PdfDocument


def test_bounds_of_every_shape():
    assert bounds("rect", (30, 40, 10, 20)) == (10, 20, 30, 40)
    assert bounds("arrow", (50, 10, 20, 60)) == (20, 10, 50, 60)
    assert bounds("ink", ((1, 2, 5, 9), (3, -1))) == (1, -1, 5, 9)
    assert bounds("highlight", ((0, 0, 10, 0, 0, 5, 10, 5), (0, 6, 4, 6, 0, 11, 4, 11))) == (0, 0, 10, 11)


def test_moving_keeps_the_shape():
    assert translated("rect", (1, 2, 3, 4), 10, 20) == [11, 22, 13, 24]
    assert translated("arrow", (1, 2, 3, 4), -1, 1) == [0, 3, 2, 5]
    assert translated("ink", ((1, 2, 3, 4),), 1, 1) == [[2, 3, 4, 5]]


def test_frames_are_hit_on_the_line_faces_anywhere():
    assert hits("rect", (100, 100, 200, 200), 101, 150, 3)
    assert not hits("rect", (100, 100, 200, 200), 150, 150, 3)
    assert not hits("rect", (100, 100, 200, 200), 90, 150, 3)
    assert hits("ellipse", (100, 100, 200, 200), 150, 101, 3)
    assert not hits("ellipse", (100, 100, 200, 200), 150, 150, 3)
    assert not hits("ellipse", (100, 100, 200, 200), 102, 102, 3)       # the box corner is off the curve
    assert hits("note", (100, 100, 120, 120), 110, 110, 0)
    assert hits("arrow", (0, 0, 100, 100), 50, 52, 3) and not hits("arrow", (0, 0, 100, 100), 50, 60, 3)
    assert hits("ink", ((0, 0, 100, 0, 100, 100),), 100, 50, 2)
    assert not hits("ink", ((0, 0, 100, 0, 100, 100),), 50, 50, 2)
    assert hits("highlight", ((0, 0, 10, 0, 0, 5, 10, 5),), 5, 2, 0)


def test_quads_follow_the_reading_direction():
    assert quad_from_rect((10, 20, 50, 30)) == (10, 20, 50, 20, 10, 30, 50, 30)
    # A line reading up the page space (shown upright on a /Rotate 90 page): its top is at x0.
    assert text_direction((10, 20, 20, 80), 90) == (0.0, -1.0)
    ul, ur, ll, lr = (lambda q: (q[0:2], q[2:4], q[4:6], q[6:8]))(quad_from_rect((10, 20, 20, 80), (0.0, -1.0)))
    assert ul == (10, 80) and ur == (10, 20) and ll == (20, 80) and lr == (20, 20)


def test_quads_from_a_selection_on_a_rotated_page_underline_the_shown_baseline(tmp_path):
    path = tmp_path / "turned.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.set_rotation(90)
    # Text inserted upright for the reader of the turned page.
    page.insert_text((100, 700), "upright words", fontsize=14, rotate=90)
    doc.save(path)
    doc.close()
    pdf = PdfDocument.open(path)
    words = pdf.words(0)
    assert pdf.page_rotation(0) == 90
    x0, y0, x1, y1 = words[0].x0, min(w.y0 for w in words), words[0].x1, max(w.y1 for w in words)
    (q,) = quads_from_rects([(x0, y0, x1, y1)], 90)
    # The underline (lower-left to lower-right) shows under the text: after the page's turn,
    # the lower edge is the one with the larger shown y.
    m = pdf.page_to_display(0, 0)
    a, b, c, d, e, f = m
    shown = [b * q[i] + d * q[i + 1] + f for i in (0, 2, 4, 6)]
    assert shown[2] == pytest.approx(shown[3]) and shown[0] == pytest.approx(shown[1])
    assert shown[2] > shown[0]
    # and reads left to right as shown
    shown_x = [a * q[i] + c * q[i + 1] + e for i in (0, 2, 4, 6)]
    assert shown_x[1] > shown_x[0]
    pdf.close()


def test_fit_rect_keeps_a_placed_mark_on_the_page():
    assert fit_rect((580, 830, 620, 850), (0, 0, 595, 842)) == (555, 822, 595, 842)
    assert fit_rect((10, 10, 20, 20), (0, 0, 595, 842)) == (10, 10, 20, 20)
