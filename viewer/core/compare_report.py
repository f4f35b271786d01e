"""The comparison report: a PDF listing every difference with cut-outs of both pages."""

from __future__ import annotations

import html
import os

import pymupdf

from viewer.core import geometry
from viewer.core.compare import CHANGED, DELETED, INSERTED, PAGE, ROTATED, VISUAL, Comparison, Difference
from viewer.core.document import PdfDocument

_KINDS = {INSERTED: "新增", DELETED: "删除", CHANGED: "修改", ROTATED: "页面旋转"}
_MARK = {INSERTED: (0.1, 0.6, 0.2), DELETED: (0.85, 0.1, 0.1), CHANGED: (0.95, 0.5, 0.0),
         ROTATED: (0.2, 0.3, 0.9)}
_CSS = "* {font-family: sans-serif; font-size: 9pt;} h1 {font-size: 16pt;} h2 {font-size: 11pt;}"
_PAGE = pymupdf.paper_rect("a4")
_MARGIN = 40.0
_BLOCK = 230.0       # height of one difference: heading, texts and the two cut-outs
_CONTEXT = 30.0      # points of the page shown around a difference
_CUT_SCALE = 2.0


def _kind_name(d: Difference) -> str:
    if d.scope == PAGE and d.kind == INSERTED:
        return "新增页"
    if d.scope == PAGE and d.kind == DELETED:
        return "删除页"
    name = _KINDS.get(d.kind, d.kind)
    return f"{name}（图像）" if d.scope == VISUAL else name


def _page_label(page: int | None) -> str:
    return "—" if page is None else f"第 {page + 1} 页"


def _cutout(doc: PdfDocument, page: int, rects) -> tuple[pymupdf.Pixmap, tuple, list]:
    """A render of the part of ``page`` around ``rects``: (pixmap, clip in page coordinates,
    rects relative to the clip's top-left corner, in points)."""
    to_display = doc.page_to_display(page)
    shown = [geometry.transform_rect(to_display, r) for r in rects]
    w, h = doc.page_size(page)
    if shown:
        x0 = max(0.0, min(r[0] for r in shown) - _CONTEXT)
        y0 = max(0.0, min(r[1] for r in shown) - _CONTEXT)
        x1 = min(w, max(r[2] for r in shown) + _CONTEXT)
        y1 = min(h, max(r[3] for r in shown) + _CONTEXT)
    else:
        x0, y0, x1, y1 = 0.0, 0.0, w, h
    scale = min(_CUT_SCALE, 1600.0 / max(x1 - x0, y1 - y0, 1.0))
    pixels = doc.render(page, scale, clip=(x0, y0, x1, y1))
    pix = pymupdf.Pixmap(pymupdf.csRGB, pixels.width, pixels.height, bytes(pixels.samples), 0)
    marks = [(r[0] - x0, r[1] - y0, r[2] - x0, r[3] - y0) for r in shown]
    return pix, (x0, y0, x1, y1), marks


def _place(page: pymupdf.Page, box: pymupdf.Rect, cut, colour) -> None:
    pix, clip, marks = cut
    cw, ch = clip[2] - clip[0], clip[3] - clip[1]
    f = min(box.width / cw, box.height / ch)
    target = pymupdf.Rect(box.x0, box.y0, box.x0 + cw * f, box.y0 + ch * f)
    page.insert_image(target, pixmap=pix)
    page.draw_rect(target, color=(0.6, 0.6, 0.6), width=0.5)
    for x0, y0, x1, y1 in marks:
        r = pymupdf.Rect(target.x0 + x0 * f, target.y0 + y0 * f, target.x0 + x1 * f, target.y0 + y1 * f)
        page.draw_rect(r + (-1, -1, 1, 1), color=colour, width=1.2)


def comparison_report_pdf(comparison: Comparison, path_a, path_b, title: str = "文书比对报告") -> bytes:
    """A PDF report of ``comparison``: a summary, then each difference with its kind, page
    numbers, the texts of both sides and cut-outs of both pages with the place marked."""
    out = pymupdf.open()
    name_a, name_b = os.path.basename(str(path_a)), os.path.basename(str(path_b))
    esc = html.escape
    with PdfDocument.open(path_a) as doc_a, PdfDocument.open(path_b) as doc_b:
        page = out.new_page(width=_PAGE.width, height=_PAGE.height)
        summary = (f"<h1>{esc(title)}</h1><p>文件 A：{esc(name_a)}<br/>文件 B：{esc(name_b)}</p>"
                   f"<p>比对方式：{esc(comparison.mode)}；对应页 {sum(1 for p in comparison.pairs if p.page_a is not None and p.page_b is not None)} 对；"
                   f"新增页 {len(comparison.inserted_pages)}；删除页 {len(comparison.removed_pages)}；"
                   f"差异共 {len(comparison.differences)} 处。</p>")
        if not comparison.differences:
            summary += "<p>两份文件未发现差异。</p>"
        if comparison.unreadable:
            summary += (f"<p>有 {len(comparison.unreadable)} 页没有文字层，未能按文字比对，"
                        "请用图像方式比对。</p>")
        page.insert_htmlbox(pymupdf.Rect(_MARGIN, _MARGIN, _PAGE.width - _MARGIN, 200), summary, css=_CSS)
        y = 200.0
        half = (_PAGE.width - 2 * _MARGIN - 20) / 2
        for n, d in enumerate(comparison.differences, 1):
            if y + _BLOCK > _PAGE.height - _MARGIN:
                page = out.new_page(width=_PAGE.width, height=_PAGE.height)
                y = _MARGIN
            text = (f"<h2>{n}. {esc(_kind_name(d))}　A：{_page_label(d.page_a)}　B：{_page_label(d.page_b)}</h2>"
                    f"<p>A：{esc(d.text_a[:160]) or '—'}<br/>B：{esc(d.text_b[:160]) or '—'}</p>")
            page.insert_htmlbox(pymupdf.Rect(_MARGIN, y, _PAGE.width - _MARGIN, y + 60), text, css=_CSS)
            colour = _MARK.get(d.kind, (0.9, 0.1, 0.1))
            for doc, p, rects, x in ((doc_a, d.page_a, d.rects_a, _MARGIN),
                                     (doc_b, d.page_b, d.rects_b, _MARGIN + half + 20)):
                box = pymupdf.Rect(x, y + 62, x + half, y + _BLOCK - 10)
                if p is None:
                    page.insert_htmlbox(box, "<p>（无对应页）</p>", css=_CSS)
                    continue
                whole = d.scope == PAGE
                _place(page, box, _cutout(doc, p, [] if whole else rects), colour)
            y += _BLOCK
    data = out.tobytes(garbage=3, deflate=True)
    out.close()
    return data
