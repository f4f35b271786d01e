"""Annotations out of the store and into PDF files: the review copy, the summary, and reading
the annotations an imported PDF already carries.

Every geometry here is in page coordinates (see viewer/core/document.py): PyMuPDF's unrotated
page space, points, y down. The shapes per kind are those of storage/annotations.py.

Coordinates on pages with /Rotate, as PyMuPDF 1.28 handles them (checked by the tests):
``Page.add_*_annot``, ``Annot.set_rect`` and ``Page.insert_link`` take the unrotated space, and
``Annot.rect`` / ``Annot.vertices`` give it back in it, so annotations are written as stored. But
``Page.get_links()`` reports link rectangles in the *rotated* space: they are turned back with
``page.derotation_matrix``. Text boxes (free text, stamps) get the page's rotation so that their
text reads upright the way the page is shown.

The original file is only read; the results are new bytes.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pymupdf

__all__ = ["AnnotationRecord", "ExistingAnnotation", "SummaryEntry", "as_record",
           "burn_review_copy", "read_existing_annotations", "annotation_summary_pdf"]

STAMP_COLOR = "#d00000"
_LINE_WIDTH = {"rect": 1.5, "ellipse": 1.5, "arrow": 1.5, "ink": 2.0}
_SUBTYPE_KIND = {"Highlight": "highlight", "Underline": "underline", "StrikeOut": "strikeout",
                 "Square": "rect", "Circle": "ellipse", "Line": "arrow", "Ink": "ink", "Text": "note",
                 "FreeText": "freetext", "Stamp": "stamp", "Link": "link"}
# Written into /Subj of the free-text box that stands for a stamp, so a reader can tell it apart.
_STAMP_SUBJECT = "stamp"
_KIND_NAMES = {"highlight": "高亮", "underline": "下划线", "strikeout": "删除线", "rect": "矩形",
               "ellipse": "椭圆", "arrow": "箭头", "ink": "手绘", "note": "批注", "freetext": "文字",
               "stamp": "印记", "link": "链接"}


@dataclass(frozen=True)
class AnnotationRecord:
    """One annotation to write: the fields the store's AnnotationInfo carries (page is 0-based)."""
    kind: str
    page: int
    geometry: Sequence
    color: str = "#ffd400"
    text: str = ""
    stamp: str = ""
    author: str = ""
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    uid: str = ""
    parent_uid: str | None = None
    link_document_id: int | None = None
    link_page: int | None = None
    status: str = "open"
    deleted: bool = False


@dataclass(frozen=True)
class ExistingAnnotation:
    """An annotation found inside a PDF, for showing read-only.

    ``kind`` is one of the store's kinds where one fits, else the PDF subtype in lower case;
    ``rect`` and ``geometry`` are in page coordinates (geometry in the store's shape for known
    kinds, else the rect)."""
    kind: str
    subtype: str
    page: int
    rect: tuple[float, float, float, float]
    author: str
    contents: str
    geometry: tuple
    color: str | None = None
    created: str = ""
    link_page: int | None = None


@dataclass(frozen=True)
class SummaryEntry:
    """One line of the annotation summary (page is 0-based; printed from 1)."""
    document: str
    page: int
    kind: str
    author: str
    time: dt.datetime | str | None
    text: str
    status: str = "open"


def as_record(value) -> AnnotationRecord:
    """An AnnotationRecord from a record, a mapping, or any object with those attribute names
    (the store's AnnotationInfo passes straight through)."""
    if isinstance(value, AnnotationRecord):
        return value
    names = [f.name for f in dataclasses.fields(AnnotationRecord)]
    if isinstance(value, Mapping):
        return AnnotationRecord(**{n: value[n] for n in names if n in value})
    return AnnotationRecord(**{n: getattr(value, n) for n in names if hasattr(value, n)})


def _rgb(color: str | None) -> tuple[float, float, float]:
    c = (color or "#000000").lstrip("#")
    return tuple(int(c[i:i + 2], 16) / 255 for i in (0, 2, 4))


def _hex(rgb) -> str | None:
    if not rgb or len(rgb) != 3:
        return None
    return "#" + "".join(f"{round(v * 255):02x}" for v in rgb)


def _pdf_date(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    # the store keeps naive UTC
    return when.strftime("D:%Y%m%d%H%M%SZ")


def _stamp_time(when) -> str:
    if isinstance(when, dt.datetime):
        return when.strftime("%Y-%m-%d %H:%M")
    return str(when or "")


def _thread_text(rec: AnnotationRecord, replies: list[AnnotationRecord]) -> str:
    lines = [rec.text or rec.stamp]
    if rec.status == "resolved":
        lines.append("（已解决）")
    for r in replies:
        lines.append(f"\n— {r.author} {_stamp_time(r.created_at)}\n{r.text}")
    return "\n".join(line for line in lines if line)


def _fit_fontsize(label: str, rect: pymupdf.Rect, rotation: int) -> float:
    width, height = (rect.height, rect.width) if rotation in (90, 270) else (rect.width, rect.height)
    return max(6.0, min(height * 0.6, width * 0.85 / max(1, len(label))))


def _add(page: pymupdf.Page, rec: AnnotationRecord, contents: str, document_id, link_files) -> pymupdf.Annot | None:
    g, rgb, kind = rec.geometry, _rgb(rec.color), rec.kind
    if kind in ("highlight", "underline", "strikeout"):
        quads = [pymupdf.Quad(q[0:2], q[2:4], q[4:6], q[6:8]) for q in g]
        add = {"highlight": page.add_highlight_annot, "underline": page.add_underline_annot,
               "strikeout": page.add_strikeout_annot}[kind]
        annot = add(quads=quads)
        annot.set_colors(stroke=rgb)
    elif kind in ("rect", "ellipse"):
        rect = pymupdf.Rect(g)
        annot = page.add_rect_annot(rect) if kind == "rect" else page.add_circle_annot(rect)
        annot.set_border(width=_LINE_WIDTH[kind])
        annot.set_colors(stroke=rgb)
        annot.update()
        # MuPDF grows /Rect around the border; set_rect takes the shape's own bounds (kept in /RD).
        annot.set_rect(rect)
    elif kind == "arrow":
        annot = page.add_line_annot(g[0:2], g[2:4])
        annot.set_border(width=_LINE_WIDTH[kind])
        annot.set_line_ends(pymupdf.PDF_ANNOT_LE_NONE, pymupdf.PDF_ANNOT_LE_CLOSED_ARROW)
        annot.set_colors(stroke=rgb, fill=rgb)
    elif kind == "ink":
        annot = page.add_ink_annot([list(zip(s[0::2], s[1::2])) for s in g])
        annot.set_border(width=_LINE_WIDTH[kind])
        annot.set_colors(stroke=rgb)
    elif kind == "note":
        annot = page.add_text_annot((g[0], g[1]), contents, icon="Comment")
        annot.set_colors(stroke=rgb)
    elif kind in ("freetext", "stamp"):
        rect = pymupdf.Rect(g)
        if kind == "stamp":
            label = rec.stamp or rec.text
            annot = page.add_freetext_annot(rect, label, fontsize=_fit_fontsize(label, rect, page.rotation),
                                            text_color=_rgb(STAMP_COLOR), border_width=1.5,
                                            align=pymupdf.TEXT_ALIGN_CENTER, rotate=page.rotation)
        else:
            annot = page.add_freetext_annot(rect, rec.text, fontsize=12, text_color=rgb, rotate=page.rotation)
        # MuPDF grows a bordered box by half the border; keep the box where it was drawn.
        annot.set_rect(rect)
    elif kind == "link":
        target_doc = rec.link_document_id
        if target_doc is None or target_doc == document_id:
            link = {"kind": pymupdf.LINK_GOTO, "from": pymupdf.Rect(g), "page": rec.link_page,
                    "to": pymupdf.Point(0, 0)}
        else:
            file = (link_files or {}).get(target_doc, f"document-{target_doc}.pdf")
            link = {"kind": pymupdf.LINK_GOTOR, "from": pymupdf.Rect(g), "page": rec.link_page,
                    "file": file, "to": pymupdf.Point(0, 0)}
        page.insert_link(link)
        return None
    else:
        raise ValueError(f"Unknown annotation kind {kind!r}.")
    annot.set_info(title=rec.author, content=contents,
                   subject=_STAMP_SUBJECT if kind == "stamp" else _KIND_NAMES.get(kind, kind),
                   creationDate=_pdf_date(rec.created_at), modDate=_pdf_date(rec.updated_at or rec.created_at))
    annot.update()
    return annot


def burn_review_copy(pdf_path: str | os.PathLike, annotations: Iterable, flatten: bool = False, *,
                     document_id: int | None = None, link_files: Mapping[int, str] | None = None) -> bytes:
    """A copy of the PDF with the annotations written into it as real PDF annotations.

    ``annotations`` are AnnotationRecords, mappings or the store's AnnotationInfo values of one
    document; deleted ones are skipped and replies (``parent_uid``) go into their note's
    popup text with author and time. Links to another document (``link_document_id`` other
    than ``document_id``) become links to the file named in ``link_files``. With
    ``flatten=True`` the annotations are baked into the page content (links stay links).
    The file at ``pdf_path`` is only read.
    """
    records = [as_record(a) for a in annotations]
    records = [r for r in records if not r.deleted]
    replies: dict[str, list[AnnotationRecord]] = defaultdict(list)
    for r in records:
        if r.parent_uid:
            replies[r.parent_uid].append(r)
    for thread in replies.values():
        thread.sort(key=lambda r: (r.created_at is None, r.created_at or dt.datetime.min))
    doc = pymupdf.open(os.fspath(pdf_path))
    try:
        for rec in records:
            if rec.parent_uid:
                continue
            if not 0 <= rec.page < doc.page_count:
                raise ValueError(f"Annotation on page {rec.page + 1}, but the document has {doc.page_count} pages.")
            _add(doc[rec.page], rec, _thread_text(rec, replies.get(rec.uid, [])), document_id, link_files)
        if flatten:
            doc.bake(annots=True, widgets=False)
        return doc.tobytes(garbage=3, deflate=True)
    finally:
        doc.close()


def _quads(vertices) -> tuple:
    # PyMuPDF gives a text markup's quads as a flat list of points, four per quad.
    return tuple(tuple(c for p in vertices[i:i + 4] for c in p) for i in range(0, len(vertices) - 3, 4))


def read_existing_annotations(pdf_path: str | os.PathLike) -> list[ExistingAnnotation]:
    """The annotations and internal links already inside a PDF, page by page, in page coordinates."""
    found: list[ExistingAnnotation] = []
    with pymupdf.open(os.fspath(pdf_path)) as doc:
        for page in doc:
            for annot in page.annots():
                subtype = annot.type[1]
                info = annot.info
                kind = _SUBTYPE_KIND.get(subtype, subtype.lower())
                if subtype == "FreeText" and info.get("subject") == _STAMP_SUBJECT:
                    kind = "stamp"
                rect = annot.rect
                if subtype in ("Square", "Circle"):
                    rect = rect + annot.rect_delta
                box = tuple(round(v, 3) for v in rect)
                vertices = annot.vertices or []
                if kind in ("highlight", "underline", "strikeout") and vertices:
                    geometry = _quads(vertices)
                elif kind == "ink" and vertices:
                    geometry = tuple(tuple(c for p in stroke for c in p) for stroke in vertices)
                elif kind == "arrow" and len(vertices) >= 2:
                    geometry = (*vertices[0], *vertices[-1])
                else:
                    geometry = box
                found.append(ExistingAnnotation(kind, subtype, page.number, box, info.get("title", ""),
                                                info.get("content", ""), geometry,
                                                _hex(annot.colors.get("stroke")), info.get("creationDate", "")))
            for link in page.get_links():
                if link.get("kind") != pymupdf.LINK_GOTO:
                    continue
                rect = tuple(round(v, 3) for v in link["from"] * page.derotation_matrix)
                found.append(ExistingAnnotation("link", "Link", page.number, rect, "", "", rect,
                                                link_page=link.get("page")))
    return found


def _as_entry(value) -> SummaryEntry:
    if isinstance(value, SummaryEntry):
        return value
    names = [f.name for f in dataclasses.fields(SummaryEntry)]
    if isinstance(value, Mapping):
        return SummaryEntry(**{n: value.get(n, "" if n != "page" else 0) for n in names})
    return SummaryEntry(**{n: getattr(value, n) for n in names})


def annotation_summary_pdf(entries: Iterable, title: str = "批注汇总") -> bytes:
    """A PDF listing each annotation (document, page, kind, author, time, status, text) as a table.

    ``entries`` are SummaryEntry values or mappings with its field names."""
    rows = [_as_entry(e) for e in entries]
    esc = html.escape
    body = "".join(
        "<tr>"
        f"<td>{esc(str(e.document))}</td><td>{e.page + 1}</td><td>{esc(_KIND_NAMES.get(e.kind, e.kind))}</td>"
        f"<td>{esc(str(e.author))}</td><td>{esc(_stamp_time(e.time))}</td>"
        f"<td>{'已解决' if e.status == 'resolved' else '待处理'}</td>"
        f"<td>{esc(str(e.text)).replace(chr(10), '<br/>')}</td>"
        "</tr>" for e in rows)
    page_html = (f"<h2>{esc(title)}</h2><p>共 {len(rows)} 条</p>"
                 "<table><tr><th>文书</th><th>页</th><th>类型</th><th>作者</th><th>时间</th>"
                 f"<th>状态</th><th>内容</th></tr>{body}</table>")
    css = ("* {font-family: sans-serif; font-size: 9pt;} h2 {font-size: 14pt;} "
           "table {border-collapse: collapse;} td, th {border: 0.5pt solid #888; padding: 2pt; "
           "vertical-align: top;} th {background-color: #eee;}")
    story = pymupdf.Story(html=page_html, user_css=css)
    out = io.BytesIO()
    writer = pymupdf.DocumentWriter(out)
    mediabox = pymupdf.paper_rect("a4")
    where = mediabox + (40, 40, -40, -40)
    more = True
    while more:
        device = writer.begin_page(mediabox)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    return out.getvalue()
