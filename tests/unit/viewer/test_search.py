"""Matching a query against a page's characters."""

from viewer.core.search import fold, find_in_page
from viewer.core.text import PageText, TextLine


def _line(text, y, block=0, line=0):
    boxes = tuple((10.0 * k, y, 10.0 * k + 10, y + 12) for k in range(len(text)))
    return TextLine(block, line, (0.0, y, 10.0 * len(text), y + 12), (1.0, 0.0), text, boxes)


def _page(*texts):
    lines, starts, offset = [], [], 0
    for k, t in enumerate(texts):
        lines.append(_line(t, 20.0 * k, line=k))
        starts.append(offset)
        offset += len(t)
    return PageText(tuple(lines), tuple(starts))


def test_fold():
    assert fold(" Straße ＡＢ１ ") == "strasseab1"
    assert fold("ﬁle") == "file"


def test_hits_where_folding_changes_lengths_map_to_the_right_characters():
    page = _page("Die Straße ﬁnal", "Strasse")
    hits = find_in_page(page, 3, fold("STRASSE"))
    assert [h.page for h in hits] == [3, 3]
    # "Straße" is characters 4..9 of the first line; each char box is 10 pt wide.
    assert hits[0].quads == ((40.0, 0.0, 100.0, 0.0, 40.0, 12.0, 100.0, 12.0),)
    assert hits[1].quads == ((0.0, 20.0, 70.0, 20.0, 0.0, 32.0, 70.0, 32.0),)
    final = find_in_page(page, 0, fold("final"))
    assert final[0].quads == ((110.0, 0.0, 150.0, 0.0, 110.0, 12.0, 150.0, 12.0),)


def test_hit_across_lines_has_one_quad_per_line():
    page = _page("申请执行", "人张三")
    (hit,) = find_in_page(page, 0, fold("执行人"))
    assert hit.quads == (
        (20.0, 0.0, 40.0, 0.0, 20.0, 12.0, 40.0, 12.0),
        (0.0, 20.0, 10.0, 20.0, 0.0, 32.0, 10.0, 32.0),
    )


def test_hits_do_not_overlap_and_empty_query_finds_nothing():
    page = _page("aaaa")
    assert len(find_in_page(page, 0, "aa")) == 2
    assert find_in_page(page, 0, "") == []
