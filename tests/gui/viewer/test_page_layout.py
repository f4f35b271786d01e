"""Layout maths of the continuous view: one pass per zoom, binary searches afterwards."""

from __future__ import annotations

import pytest

from viewer.qt.page_layout import (ZOOM_MAX, ZOOM_MIN, PageLayout, clamp_zoom, next_zoom_step,
                                   rotated_size)


def test_pages_stack_with_gaps_and_are_centred():
    layout = PageLayout([(100, 200), (300, 100), (100, 200)], 2.0, viewport_width=500,
                        gap=10, margin=5)
    boxes = [layout.box(i) for i in range(3)]
    assert [b.y for b in boxes] == [5, 415, 625]
    assert [(b.width, b.height) for b in boxes] == [(200, 400), (600, 200), (200, 400)]
    # the widest page sets the column; every page is centred in it
    assert layout.content_width == 610
    assert {b.x + b.width / 2 for b in boxes} == {305}
    assert layout.content_height == 625 + 400 + 5


def test_a_narrow_column_is_as_wide_as_the_viewport():
    layout = PageLayout([(100, 100)], 1.0, viewport_width=800, margin=5)
    assert layout.content_width == 800
    assert layout.box(0).x == 350


def test_separators_add_a_band_above_a_documents_first_page():
    layout = PageLayout([(100, 100)] * 4, 1.0, gap=10, margin=0, separators={0, 2},
                        separator_height=30)
    assert layout.has_separator(2) and not layout.has_separator(1)
    assert layout.box(0).y == 30
    assert layout.box(2).y == layout.box(1).bottom + 10 + 30
    band = layout.separator_box(2)
    assert band.y == layout.box(1).bottom + 10 and band.height == 30


def test_visible_range_and_page_at():
    layout = PageLayout([(100, 100)] * 10, 1.0, gap=10, margin=0)
    assert list(layout.visible_range(0, 100)) == [0]
    assert list(layout.visible_range(95, 225)) == [0, 1, 2]
    assert list(layout.visible_range(101, 109)) == []   # in a gap
    assert list(layout.visible_range(5000, 6000)) == []
    assert layout.page_at(50) == 0
    assert layout.page_at(102) == 0 and layout.page_at(108) == 1  # nearest edge in a gap
    assert layout.page_at(-20) == 0 and layout.page_at(10_000) == 9
    assert PageLayout([], 1.0).page_at(5) == -1


def test_two_thousand_pages_of_mixed_sizes():
    sizes = [(595, 842) if i % 3 else (842, 595) for i in range(2000)]
    layout = PageLayout(sizes, 0.5, viewport_width=600)
    top = layout.box(1500).y
    visible = layout.visible_range(top, top + 800)
    assert visible.start == 1500 and 2 <= len(visible) <= 4
    assert layout.page_at(top + 1) == 1500


def test_zoom_steps_and_limits():
    assert clamp_zoom(20) == ZOOM_MAX and clamp_zoom(0) == ZOOM_MIN
    assert next_zoom_step(1.0, +1) == 1.1
    assert next_zoom_step(1.0, -1) == 0.9
    assert next_zoom_step(1.17, +1) == 1.25
    assert next_zoom_step(8.0, +1) == ZOOM_MAX
    assert next_zoom_step(0.1, -1) == ZOOM_MIN


@pytest.mark.parametrize("rotation, expected", [(0, (10, 20)), (90, (20, 10)), (180, (10, 20)),
                                                (270, (20, 10))])
def test_rotated_size(rotation, expected):
    assert rotated_size((10, 20), rotation) == expected
