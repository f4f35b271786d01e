"""Annotations painted over a page view, with selection, hover, layers and margin notes.

The overlay reads one ``AnnotationLayerModel`` per document of the view (keyed by the file
path the view shows it from) and paints each page's annotations in page coordinates mapped
through the view, so marks stay on their text on /Rotate pages, in a turned view and at any
zoom. It knows nothing of the store: what it paints are plain records.

Annotations inside the PDF file itself are drawn by MuPDF with the page; the overlay does not
paint them again (the model lists them).
"""
from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QLineF, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen,
                           QPolygonF, QTransform)

from viewer.core.annotation_geometry import QUAD_KINDS, RESIZABLE_KINDS, bounds, hits

from .annotation_model import AnnotationLayerModel

ALL = "all"
MINE = "mine"
CHOSEN = "chosen"

HANDLE_SIZE = 8.0
# Points either side of a thin line that still count as touching it, in logical pixels.
HIT_PIXELS = 5.0
LINE_WIDTH = 1.5            # points, scaled with the zoom
MARGIN_NOTES_WIDTH = 240    # logical pixels the view leaves right of the pages
MARGIN_FONT_PX = 12
MARGIN_MAX_HEIGHT = 180.0
RESOLVED_OPACITY = 0.35
STAMP_RED = QColor(0xd0, 0x1c, 0x1c)
LINK_BLUE = QColor(0x1f, 0x5f, 0xd0)
SELECT_BLUE = QColor(0x1a, 0x73, 0xe8)
# Kinds whose text is visible on the page already; the margin repeats only hidden texts.
_TEXT_ON_PAGE = ("freetext", "stamp")
HANDLE_NAMES = ("tl", "t", "tr", "r", "br", "b", "bl", "l")


class AnnotationOverlay(QObject):
    """Paints the annotations of a ``PageView`` and answers what lies under a point."""

    selectionChanged = Signal(str)      # the selected uid, "" for none
    visibilityChanged = Signal()

    def __init__(self, view, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else view)
        self.view = view
        self._models: dict[str, AnnotationLayerModel] = {}
        self._user = ""
        self._mode = ALL
        self._hidden: set[str] = set()
        self._selected = ""
        self._hover = ""
        self._preview: dict[str, object] = {}
        self._draft: tuple | None = None
        self._margin_notes = False
        self._margin_boxes: dict[int, list[tuple[QRectF, str]]] = {}
        self._visible: dict[int, list] = {}
        view.add_overlay(self.paint)

    # -- documents -----------------------------------------------------------------------------
    def set_models(self, models: Mapping[str, AnnotationLayerModel]) -> None:
        """The model of each document the view shows, keyed by the path the view opened."""
        for model in self._models.values():
            model.changed.disconnect(self._model_changed)
        self._models = dict(models)
        for model in self._models.values():
            model.changed.connect(self._model_changed)
        self._preview.clear()
        self._draft = None
        if self._selected and self.find(self._selected) is None:
            self.select("")
        self._model_changed()

    def models(self) -> dict[str, AnnotationLayerModel]:
        """The models by path."""
        return dict(self._models)

    def model_at(self, index: int) -> tuple[AnnotationLayerModel | None, int]:
        """The model behind view page ``index`` and that page's number in its document."""
        seg = self.view.segment_of(index)
        return self._models.get(seg.path), index - seg.first

    def find(self, uid: str) -> tuple[int, object] | None:
        """(view page index, record) of annotation ``uid`` in this view, or None."""
        for seg in self.view.segments:
            model = self._models.get(seg.path)
            record = model.get(uid) if model is not None else None
            if record is not None and 0 <= record.page < seg.count:
                return seg.first + record.page, record
        return None

    def _model_changed(self) -> None:
        if self._selected and self.find(self._selected) is None:
            self._selected = ""
            self.selectionChanged.emit("")
        if self._hover and self.find(self._hover) is None:
            self._hover = ""
        self.view.viewport().update()

    # -- layers --------------------------------------------------------------------------------
    def set_user(self, name: str) -> None:
        """The signed-in user: whose layer "mine only" shows."""
        self._user = name
        self.view.viewport().update()

    @property
    def user(self) -> str:
        """The signed-in user's name."""
        return self._user

    @property
    def layer_mode(self) -> str:
        """'all', 'mine', or 'chosen' (some layers hidden)."""
        return self._mode

    def authors(self) -> list[str]:
        """Every author with annotations in the view's documents, sorted."""
        return sorted({a for m in self._models.values() for a in m.authors()})

    def show_all(self) -> None:
        """Show every author's layer."""
        self._mode, self._hidden = ALL, set()
        self._visibility_changed()

    def show_mine_only(self) -> None:
        """Show only the signed-in user's layer."""
        self._mode, self._hidden = MINE, set()
        self._visibility_changed()

    def set_layer_visible(self, author: str, visible: bool) -> None:
        """Show or hide one author's layer."""
        if self._mode == MINE:
            self._hidden = {a for a in self.authors() if a != self._user}
        if visible:
            self._hidden.discard(author)
        else:
            self._hidden.add(author)
        self._mode = CHOSEN if self._hidden else ALL
        self._visibility_changed()

    def layer_visible(self, author: str) -> bool:
        """Whether ``author``'s annotations are painted."""
        if self._mode == MINE:
            return author == self._user
        return author not in self._hidden

    def _visibility_changed(self) -> None:
        shown = self.find(self._selected) if self._selected else None
        if shown is not None and not self.layer_visible(shown[1].author):
            self.select("")
        self.visibilityChanged.emit()
        self.view.viewport().update()

    def is_shown(self, record) -> bool:
        """Whether ``record`` is painted (its layer is visible and it is not a reply)."""
        return not getattr(record, "parent_uid", None) and self.layer_visible(record.author)

    def page_annotations(self, index: int) -> list:
        """The annotations painted on view page ``index``, in painting order."""
        model, page = self.model_at(index)
        if model is None:
            return []
        return [r for r in model.for_page(page) if self.is_shown(r)]

    def visible_annotations(self) -> list[tuple[int, object]]:
        """(index, record) of every annotation painted in the last paint, top page first."""
        return [(i, r) for i in sorted(self._visible) for r in self._visible[i]]

    # -- margin notes --------------------------------------------------------------------------
    def set_margin_notes(self, on: bool) -> None:
        """Show note texts in a margin right of the pages (the view makes room for it)."""
        self._margin_notes = bool(on)
        self.view.set_right_margin(MARGIN_NOTES_WIDTH if on else 0)
        self.view.viewport().update()

    @property
    def margin_notes(self) -> bool:
        """Whether note texts are shown in the margin."""
        return self._margin_notes

    def margin_boxes(self, index: int) -> list[tuple[QRectF, str]]:
        """The margin note boxes painted beside page ``index`` last time (viewport, uid)."""
        return list(self._margin_boxes.get(index, ()))

    # -- selection, hover, feedback ------------------------------------------------------------
    @property
    def selected_uid(self) -> str:
        """The selected annotation's uid, or ''."""
        return self._selected

    def selected(self) -> tuple[int, object] | None:
        """(index, record) of the selected annotation, or None."""
        return self.find(self._selected) if self._selected else None

    def select(self, uid: str) -> None:
        """Select annotation ``uid`` ('' to deselect)."""
        if uid == self._selected:
            return
        self._selected = uid
        self.view.viewport().update()
        self.selectionChanged.emit(uid)

    def set_hover(self, uid: str) -> None:
        """Mark the annotation under the pointer ('' for none)."""
        if uid != self._hover:
            self._hover = uid
            self.view.viewport().update()

    @property
    def hover_uid(self) -> str:
        """The uid under the pointer, or ''."""
        return self._hover

    def set_preview(self, uid: str, geometry) -> None:
        """Paint annotation ``uid`` with ``geometry`` while it is dragged (None to stop)."""
        if geometry is None:
            self._preview.pop(uid, None)
        else:
            self._preview[uid] = geometry
        self.view.viewport().update()

    def set_draft(self, index: int | None, kind: str = "", geometry=None, color: str = "#000000",
                  text: str = "", stamp: str = "") -> None:
        """Paint a shape being drawn on page ``index`` (None to stop)."""
        self._draft = None if index is None else (index, _Draft(kind, geometry, color, text, stamp))
        self.view.viewport().update()

    def geometry_of(self, record):
        """The geometry ``record`` is painted with (its drag preview, if any)."""
        return self._preview.get(record.uid, record.geometry)

    # -- coordinates ---------------------------------------------------------------------------
    def page_transform(self, index: int) -> QTransform:
        """Page coordinates of view page ``index`` to viewport coordinates."""
        o = self.view.map_from_page(index, 0.0, 0.0)
        ex = self.view.map_from_page(index, 1.0, 0.0) - o
        ey = self.view.map_from_page(index, 0.0, 1.0) - o
        return QTransform(ex.x(), ex.y(), ey.x(), ey.y(), o.x(), o.y())

    def to_page(self, index: int, pos: QPointF, clamp: bool = True) -> tuple[float, float]:
        """Viewport position to page coordinates of page ``index`` (even off that page);
        ``clamp`` pulls it onto the page first."""
        pos = QPointF(pos)
        if clamp:
            rect = self.view.page_rect_in_viewport(index)
            pos = QPointF(min(max(pos.x(), rect.left()), rect.right()),
                          min(max(pos.y(), rect.top()), rect.bottom()))
        inverse, ok = self.page_transform(index).inverted()
        p = inverse.map(pos)
        return p.x(), p.y()

    def viewport_bounds(self, index: int, record, geometry=None) -> QRectF:
        """The viewport rectangle around an annotation as painted."""
        kind = record.kind
        geometry = self.geometry_of(record) if geometry is None else geometry
        return self.page_transform(index).mapRect(QRectF(*_qrect_args(bounds(kind, geometry))))

    def handle_rects(self, index: int, record) -> dict[str, QRectF]:
        """The grab handles of an annotation: box corners and edges, or an arrow's two ends."""
        t = self.page_transform(index)
        geometry = self.geometry_of(record)
        h = HANDLE_SIZE
        if record.kind == "arrow":
            tail, head = t.map(QPointF(*geometry[0:2])), t.map(QPointF(*geometry[2:4]))
            return {"tail": QRectF(tail.x() - h / 2, tail.y() - h / 2, h, h),
                    "head": QRectF(head.x() - h / 2, head.y() - h / 2, h, h)}
        if record.kind not in RESIZABLE_KINDS:
            return {}
        r = self.viewport_bounds(index, record)
        xs = (r.left(), r.center().x(), r.right())
        ys = (r.top(), r.center().y(), r.bottom())
        spots = {"tl": (0, 0), "t": (1, 0), "tr": (2, 0), "r": (2, 1), "br": (2, 2), "b": (1, 2),
                 "bl": (0, 2), "l": (0, 1)}
        return {name: QRectF(xs[i] - h / 2, ys[j] - h / 2, h, h) for name, (i, j) in spots.items()}

    def handle_at(self, pos: QPointF) -> str:
        """The handle of the selected annotation under ``pos``, or ''."""
        found = self.selected()
        if found is None:
            return ""
        index, record = found
        for name, rect in self.handle_rects(index, record).items():
            if rect.adjusted(-2, -2, 2, 2).contains(QPointF(pos)):
                return name
        return ""

    def annotation_at(self, pos: QPointF) -> tuple[int, object] | None:
        """(index, record) of the topmost shown annotation under ``pos`` (selected one first)."""
        pos = QPointF(pos)
        for index, boxes in self._margin_boxes.items():
            for rect, uid in boxes:
                if rect.contains(pos):
                    found = self.find(uid)
                    if found is not None:
                        return found
        where = self.view.map_to_page(pos)
        if where is None:
            return None
        index, x, y = where
        tolerance = HIT_PIXELS / max(self.view.zoom, 1e-6)
        candidates = self.page_annotations(index)
        chosen = self.selected()
        if chosen is not None and chosen[0] == index:
            candidates.append(chosen[1])
        for record in reversed(candidates):
            if hits(record.kind, self.geometry_of(record), x, y, tolerance):
                return index, record
        return None

    # -- painting ------------------------------------------------------------------------------
    def paint(self, painter: QPainter, index: int, page_rect: QRectF) -> None:
        """The view's overlay hook: paint page ``index``'s annotations."""
        records = self.page_annotations(index)
        self._visible[index] = records
        # Forget pages that scrolled away, so the visible list says what is on screen.
        shown = self.view.visible_pages()
        for i in [i for i in self._visible if i not in shown]:
            del self._visible[i]
            self._margin_boxes.pop(i, None)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        t = self.page_transform(index)
        zoom = self.view.zoom
        order = sorted(records, key=lambda r: 0 if r.kind in QUAD_KINDS else 1)
        for record in order:
            painter.save()
            if record.status == "resolved":
                painter.setOpacity(RESOLVED_OPACITY)
            self._paint_one(painter, t, zoom, record.kind, self.geometry_of(record), record.color,
                            record.text, record.stamp, getattr(record, "link_page", None))
            painter.restore()
        if self._draft is not None and self._draft[0] == index:
            d = self._draft[1]
            if d.geometry is not None:
                painter.save()
                painter.setOpacity(0.8)
                self._paint_one(painter, t, zoom, d.kind, d.geometry, d.color, d.text, d.stamp, None)
                painter.restore()
        for uid, colour, selected in ((self._hover, QColor(SELECT_BLUE.red(), SELECT_BLUE.green(),
                                                                 SELECT_BLUE.blue(), 120), False),
                                      (self._selected, SELECT_BLUE, True)):
            record = next((r for r in records if r.uid == uid), None) if uid else None
            if record is not None:
                self._paint_frame(painter, index, record, colour, selected)
        if self._margin_notes:
            self._paint_margin(painter, index, page_rect, t, records)
        else:
            self._margin_boxes.pop(index, None)

    def _paint_one(self, painter: QPainter, t: QTransform, zoom: float, kind: str, geometry,
                   colour_name: str, text: str, stamp: str, link_page) -> None:
        colour = QColor(colour_name or "#ffd400")
        width = max(1.0, LINE_WIDTH * zoom)
        if kind in QUAD_KINDS:
            for quad in geometry:
                ul, ur, ll, lr = (t.map(QPointF(quad[i], quad[i + 1])) for i in (0, 2, 4, 6))
                height = QLineF(ul, ll).length()
                if kind == "highlight":
                    fill = QColor(colour)
                    fill.setAlpha(110)
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(fill)
                    # Multiply keeps the text under a highlight black, as on paper.
                    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
                    painter.drawPolygon(QPolygonF([ul, ur, lr, ll]))
                    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
                    continue
                painter.setPen(QPen(colour, max(1.0, height * 0.08), Qt.PenStyle.SolidLine,
                                    Qt.PenCapStyle.FlatCap))
                if kind == "underline":
                    painter.drawLine(QLineF(ll, lr))
                else:
                    painter.drawLine(QLineF((ul + ll) / 2, (ur + lr) / 2))
            return
        if kind == "ink":
            painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            for stroke in geometry:
                painter.drawPolyline(QPolygonF([t.map(QPointF(stroke[i], stroke[i + 1]))
                                                for i in range(0, len(stroke) - 1, 2)]))
            return
        if kind == "arrow":
            tail, head = t.map(QPointF(*geometry[0:2])), t.map(QPointF(*geometry[2:4]))
            painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.drawLine(QLineF(tail, head))
            length = QLineF(tail, head).length()
            if length > 0.5:
                size = min(max(8.0, 4.0 * width), length * 0.6)
                angle = math.atan2(head.y() - tail.y(), head.x() - tail.x())
                wing = [QPointF(head.x() - size * math.cos(angle + s * 0.45),
                                head.y() - size * math.sin(angle + s * 0.45)) for s in (-1, 1)]
                painter.setBrush(colour)
                painter.drawPolygon(QPolygonF([head, wing[0], wing[1]]))
            return
        rect = t.mapRect(QRectF(*_qrect_args(geometry)))
        if kind == "rect":
            painter.setPen(QPen(colour, width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
        elif kind == "ellipse":
            painter.setPen(QPen(colour, width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(rect)
        elif kind == "note":
            _paint_note_icon(painter, rect, colour)
        elif kind == "freetext":
            frame = QColor(colour)
            frame.setAlpha(90)
            painter.setPen(QPen(frame, 1.0))
            painter.setBrush(QColor(255, 255, 255, 150))
            painter.drawRect(rect)
            font = QFont(painter.font())
            font.setPixelSize(max(1, round(11.0 * zoom)))
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(rect.adjusted(3, 2, -3, -2),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                                 | Qt.TextFlag.TextWordWrap), text)
        elif kind == "stamp":
            _paint_stamp(painter, rect, stamp or text, zoom)
        elif kind == "link":
            pen = QPen(LINK_BLUE, 1.2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            fill = QColor(LINK_BLUE)
            fill.setAlpha(28)
            painter.setBrush(fill)
            painter.drawRect(rect)
            if link_page is not None:
                label = self.tr("→ p. %1").replace("%1", str(link_page + 1))
                font = QFont(painter.font())
                font.setPixelSize(11)
                painter.setFont(font)
                metrics = QFontMetricsF(font)
                tag = QRectF(rect.right() - metrics.horizontalAdvance(label) - 8,
                             rect.top() - metrics.height() - 2,
                             metrics.horizontalAdvance(label) + 8, metrics.height() + 2)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(LINK_BLUE)
                painter.drawRoundedRect(tag, 3, 3)
                painter.setPen(QColor(Qt.GlobalColor.white))
                painter.drawText(tag, int(Qt.AlignmentFlag.AlignCenter), label)

    def _paint_frame(self, painter: QPainter, index: int, record, colour: QColor, selected: bool) -> None:
        painter.save()
        painter.setOpacity(1.0)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, 1.0, Qt.PenStyle.DashLine if selected else Qt.PenStyle.SolidLine))
        painter.drawRect(self.viewport_bounds(index, record).adjusted(-2, -2, 2, 2))
        if selected:
            painter.setPen(QPen(SELECT_BLUE, 1.0))
            painter.setBrush(QColor(Qt.GlobalColor.white))
            for rect in self.handle_rects(index, record).values():
                painter.drawRect(rect)
        painter.restore()

    def _paint_margin(self, painter: QPainter, index: int, page_rect: QRectF, t: QTransform,
                      records: list) -> None:
        width = max(60.0, float(self.view.right_margin) - 28.0)
        left = page_rect.right() + 16.0
        font = QFont(painter.font())
        font.setPixelSize(MARGIN_FONT_PX)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        model, _page = self.model_at(index)
        items = []
        for record in records:
            if record.kind in _TEXT_ON_PAGE:
                continue
            lines = [record.text.strip()] if record.text.strip() else []
            if model is not None:
                lines += [f"{r.author}: {r.text.strip()}" for r in model.replies(record.uid)
                          if self.layer_visible(r.author)]
            if not lines:
                continue
            anchor_box = self.viewport_bounds(index, record)
            items.append((anchor_box.top(), anchor_box, record, "\n".join(lines)))
        items.sort(key=lambda item: item[0])
        boxes: list[tuple[QRectF, str]] = []
        below = -math.inf
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        for top, anchor_box, record, text in items:
            need = metrics.boundingRect(QRectF(0, 0, width - 10, 10_000), flags, text).height()
            box = QRectF(left, max(top, below + 6.0), width, min(need, MARGIN_MAX_HEIGHT) + 8)
            below = box.bottom()
            painter.save()
            if record.status == "resolved":
                painter.setOpacity(RESOLVED_OPACITY)
            colour = QColor(record.color or "#ffd400")
            painter.setPen(QPen(colour.darker(140), 1.0))
            anchor = QPointF(anchor_box.right(), anchor_box.top() + min(anchor_box.height(), 12) / 2)
            painter.drawLine(QLineF(anchor, QPointF(box.left(), box.top() + 10)))
            painter.setBrush(QColor(0xff, 0xfb, 0xe6))
            painter.drawRect(box)
            painter.setPen(QColor(0x20, 0x20, 0x20))
            painter.setClipRect(box)
            painter.drawText(box.adjusted(5, 4, -5, -4), flags, text)
            painter.restore()
            boxes.append((box, record.uid))
        self._margin_boxes[index] = boxes


class _Draft:
    """A shape being drawn, painted like a record."""

    def __init__(self, kind: str, geometry, color: str, text: str, stamp: str) -> None:
        self.kind, self.geometry, self.color, self.text, self.stamp = kind, geometry, color, text, stamp


def _qrect_args(rect) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = rect[:4]
    return min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)


def _paint_note_icon(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """A sticky note: a square of the note's colour with a folded corner and three text lines."""
    fold = min(rect.width(), rect.height()) * 0.3
    path = QPainterPath()
    path.moveTo(rect.topLeft())
    path.lineTo(rect.right(), rect.top())
    path.lineTo(rect.right(), rect.bottom() - fold)
    path.lineTo(rect.right() - fold, rect.bottom())
    path.lineTo(rect.left(), rect.bottom())
    path.closeSubpath()
    painter.setPen(QPen(colour.darker(170), 1.0))
    painter.setBrush(colour)
    painter.drawPath(path)
    painter.setBrush(colour.darker(120))
    painter.drawPolygon(QPolygonF([QPointF(rect.right(), rect.bottom() - fold),
                                   QPointF(rect.right() - fold, rect.bottom() - fold),
                                   QPointF(rect.right() - fold, rect.bottom())]))
    painter.setPen(QPen(colour.darker(200), max(1.0, rect.height() * 0.06)))
    for k in (0.3, 0.5, 0.7):
        y = rect.top() + rect.height() * k
        right = rect.right() - rect.width() * (0.2 if k < 0.6 else 0.45)
        painter.drawLine(QLineF(rect.left() + rect.width() * 0.2, y, right, y))


def _paint_stamp(painter: QPainter, rect: QRectF, label: str, zoom: float) -> None:
    """A red bordered stamp with its label fitted inside, upright on screen."""
    painter.setPen(QPen(STAMP_RED, max(1.5, 2.0 * zoom)))
    painter.setBrush(QColor(255, 255, 255, 60))
    radius = min(rect.width(), rect.height()) * 0.15
    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
    font = QFont(painter.font())
    font.setBold(True)
    size = min(rect.height() * 0.6, rect.width() * 0.8 / max(1, len(label)))
    font.setPixelSize(max(1, int(size)))
    painter.setFont(font)
    painter.setPen(STAMP_RED)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), label)


__all__ = ["ALL", "CHOSEN", "HANDLE_NAMES", "MARGIN_NOTES_WIDTH", "MINE", "AnnotationOverlay"]
