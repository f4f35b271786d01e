"""Rotation matrices between page and display coordinates."""

import pymupdf
import pytest

from viewer.core import geometry


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_rotation_matrix_is_mupdfs_for_the_page_rotation(rotation):
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=500)
    page.set_rotation(rotation)
    ours = geometry.rotation_matrix(300, 500, rotation)
    assert ours == pytest.approx(tuple(page.rotation_matrix))
    # The page's corners land on the corners of the shown rectangle.
    shown = geometry.transform_rect(ours, (0, 0, 300, 500))
    assert shown == pytest.approx((0, 0, page.rect.width, page.rect.height))


def test_invert_and_concat_round_trip():
    m = geometry.concat(geometry.rotation_matrix(200, 100, 90), geometry.scale_matrix(1.5))
    back = geometry.invert(m)
    x, y = geometry.transform_point(m, 12.5, 40.0)
    assert geometry.transform_point(back, x, y) == pytest.approx((12.5, 40.0))
    assert geometry.concat(m, back) == pytest.approx(geometry.IDENTITY)
    with pytest.raises(ValueError):
        geometry.invert((0, 0, 0, 0, 1, 1))


def test_normalize_rotation_snaps_like_mupdf():
    assert [geometry.normalize_rotation(r) for r in (0, 90, -90, 450, 44, 46, 350, 540)] == [
        0, 90, 270, 90, 0, 90, 0, 180
    ]


def test_intersect():
    assert geometry.intersect((0, 0, 10, 10), (5, 5, 20, 20)) == (5, 5, 10, 10)
    assert geometry.intersect((0, 0, 10, 10), (10, 0, 20, 10)) is None
