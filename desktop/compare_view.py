"""Comparing two documents side by side: choosing them, the comparison window, the report.

The comparison itself is viewer.core.compare; this module shows it. It runs on the GUI thread
and lets the event loop run between pages (MuPDF may not be used from two threads at once,
and a thread would hold the interpreter lock while it renders anyway): the window stays
responsive, shows progress and can be cancelled.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QProgressBar, QPushButton, QSpinBox, QSplitter,
                               QVBoxLayout, QWidget)

from storage.errors import StoreError
from viewer.core.compare import (CHANGED, DELETED, INSERTED, PAGE, ROTATED, VISUAL, Comparison,
                                 ComparisonCancelled, Difference, compare_documents)
from viewer.core.compare_report import comparison_report_pdf
from viewer.core.document import DocumentError, PdfDocument
from viewer.core.ocr import ocr_available, page_reader
from viewer.qt.page_view import PageView

from .messages import describe

COLOURS = {INSERTED: QColor(30, 160, 60), DELETED: QColor(215, 30, 30), CHANGED: QColor(240, 130, 0),
           ROTATED: QColor(50, 80, 230)}
BLINK_MS = 600


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a file, its title, and the pages chosen (None: all)."""
    path: str
    title: str
    pages: tuple[int, ...] | None = None
    document_id: int | None = None
    case_no: str = ""


class CompareView(QWidget):
    """Two page views side by side with the differences marked, a list to step through them,
    a text / visual / automatic switch, an overlay and blink view of the current pair, and
    the report export."""

    comparisonFinished = Signal()
    comparisonFailed = Signal(str)

    MODES = ("auto", "text", "visual")
    VIEWS = ("side", "overlay", "blink")

    def __init__(self, service, session=None, ocr_enabled: bool | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare documents"))
        self.session = session
        self.ocr_enabled = ocr_available() if ocr_enabled is None else ocr_enabled
        self.comparison: Comparison | None = None
        self.sides: tuple[Side, Side] | None = None
        self.current = -1
        self._running = False
        self._cancel = False
        self._syncing = False
        self._blink_on_b = False

        self.views = (PageView(service, self), PageView(service, self))
        for which, view in enumerate(self.views):
            view.add_overlay(lambda painter, index, rect, w=which: self._paint_marks(w, painter, index))
            view.verticalScrollBar().valueChanged.connect(lambda _v, w=which: self._follow(w))
        self.titles = (QLabel(self), QLabel(self))

        self.mode_box = QComboBox(self)
        for mode, label in zip(self.MODES, (self.tr("Automatic"), self.tr("Text"), self.tr("Visual"))):
            self.mode_box.addItem(label, mode)
        self.mode_box.setToolTip(self.tr("Text compares the words; visual compares the page images "
                                         "(scans, seals, signatures)"))
        self.mode_box.currentIndexChanged.connect(self._mode_changed)
        self.view_box = QComboBox(self)
        for key, label in zip(self.VIEWS, (self.tr("Side by side"), self.tr("Overlay"), self.tr("Blink"))):
            self.view_box.addItem(label, key)
        self.view_box.currentIndexChanged.connect(self._update_picture)
        self.export_button = QPushButton(self.tr("Export report…"), self)
        self.export_button.clicked.connect(self.choose_report_file)
        self.file_box = QCheckBox(self.tr("File the report into the case"), self)
        self.file_box.setVisible(session is not None)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)

        self.banner = QWidget(self)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        self.visual_button = QPushButton(self.tr("Compare visually"), self.banner)
        self.visual_button.clicked.connect(lambda: self.set_mode("visual"))
        banner_row = QHBoxLayout(self.banner)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.visual_button)
        self.banner.setVisible(False)
        self.banner.setStyleSheet("background: #fff4ce;")

        self.list = QListWidget(self)
        self.list.currentRowChanged.connect(self.go_to_difference)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setVisible(False)
        self.blink_timer = QTimer(self)
        self.blink_timer.setInterval(BLINK_MS)
        self.blink_timer.timeout.connect(self._blink)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Compare by:"), self))
        bar.addWidget(self.mode_box)
        bar.addWidget(QLabel(self.tr("Show:"), self))
        bar.addWidget(self.view_box)
        bar.addStretch(1)
        bar.addWidget(self.progress)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.file_box)
        bar.addWidget(self.export_button)
        pages = QSplitter(Qt.Orientation.Horizontal, self)
        for title, view in zip(self.titles, self.views):
            column = QWidget(pages)
            col = QVBoxLayout(column)
            col.setContentsMargins(0, 0, 0, 0)
            col.addWidget(title)
            col.addWidget(view, 1)
            pages.addWidget(column)
        pages.addWidget(self.picture)
        side = QWidget(self)
        side_col = QVBoxLayout(side)
        side_col.setContentsMargins(0, 0, 0, 0)
        side_col.addWidget(self.summary)
        side_col.addWidget(self.list, 1)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(pages)
        body.addWidget(side)
        body.setStretchFactor(0, 4)
        body.setStretchFactor(1, 1)
        self.pages_split = pages
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(body, 1)
        self._set_busy(False)

    # -- running ---------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        """The comparison mode chosen: auto, text or visual."""
        return self.mode_box.currentData()

    def set_mode(self, mode: str) -> None:
        """Choose the comparison mode; compares again when documents are shown."""
        self.mode_box.setCurrentIndex(self.MODES.index(mode))

    def _mode_changed(self) -> None:
        if self.sides is not None and not self._running:
            self.run()

    def compare(self, a: Side, b: Side, mode: str | None = None) -> bool:
        """Show ``a`` and ``b`` and compare them; returns False when it failed or was cancelled."""
        self.sides = (a, b)
        for title, view, side in zip(self.titles, self.views, (a, b)):
            title.setText(f"<b>{'AB'[self.titles.index(title)]}</b> {side.title}")
            view.set_document(side.path)
        if mode is not None and mode != self.mode:
            self.mode_box.blockSignals(True)
            self.mode_box.setCurrentIndex(self.MODES.index(mode))
            self.mode_box.blockSignals(False)
        return self.run()

    def run(self) -> bool:
        """Compare the two shown documents again in the chosen mode."""
        if self.sides is None or self._running:
            return False
        a, b = self.sides
        ocr = None
        if self.ocr_enabled and self.mode == "text":
            ocr = page_reader(self.session.ocr_get, self.session.ocr_put) if self.session else page_reader()
        self._cancel = False
        self._set_busy(True)
        try:
            result = compare_documents(a.path, b.path, a.pages, b.pages, mode=self.mode, ocr=ocr,
                                       progress=self._progress, cancelled=lambda: self._cancel)
        except ComparisonCancelled:
            self.summary.setText(self.tr("The comparison was cancelled."))
            return False
        except (DocumentError, OSError, StoreError) as exc:
            message = self.tr("The documents could not be compared: %1").replace(
                "%1", describe(exc) if isinstance(exc, StoreError) else str(exc))
            self.summary.setText(message)
            self.comparisonFailed.emit(message)
            return False
        finally:
            self._set_busy(False)
        self.set_comparison(result)
        return True

    def _progress(self, done: int, total: int, _what: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        # Lets the window paint and the Cancel button be pressed between pages.
        QCoreApplication.processEvents()

    def cancel(self) -> None:
        """Stop the running comparison."""
        self._cancel = True

    def _set_busy(self, busy: bool) -> None:
        self._running = busy
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        for w in (self.mode_box, self.export_button, self.list):
            w.setEnabled(not busy)

    # -- showing ---------------------------------------------------------------------------------
    def set_comparison(self, comparison: Comparison) -> None:
        """Show a finished comparison: marks on both pages, the list, the summary."""
        self.comparison = comparison
        self.current = -1
        self.list.blockSignals(True)
        self.list.clear()
        for n, d in enumerate(comparison.differences, 1):
            item = QListWidgetItem(self._describe(n, d))
            item.setForeground(COLOURS.get(d.kind, QColor("black")))
            self.list.addItem(item)
        self.list.blockSignals(False)
        if comparison.differences:
            self.summary.setText(self.tr("%1 differences; %2 pages inserted, %3 removed.")
                                 .replace("%1", str(len(comparison.differences)))
                                 .replace("%2", str(len(comparison.inserted_pages)))
                                 .replace("%3", str(len(comparison.removed_pages))))
        else:
            self.summary.setText(self.tr("No differences found."))
        if comparison.unreadable:
            self.banner_text.setText(self.tr(
                "%1 pages have no text layer and text recognition (Tesseract) is not installed, so "
                "they were not compared by text. Compare them visually, or ask your administrator "
                "to install Tesseract with the Chinese language data.").replace(
                    "%1", str(len(comparison.unreadable))))
            self.banner.setVisible(True)
        else:
            self.banner.setVisible(False)
        for view in self.views:
            view.viewport().update()
        self.comparisonFinished.emit()
        if comparison.differences:
            self.list.setCurrentRow(0)

    def _describe(self, n: int, d: Difference) -> str:
        kind = {INSERTED: self.tr("Inserted"), DELETED: self.tr("Deleted"), CHANGED: self.tr("Changed"),
                ROTATED: self.tr("Page rotated")}.get(d.kind, d.kind)
        if d.scope == PAGE and d.kind == INSERTED:
            kind = self.tr("Page inserted")
        elif d.scope == PAGE and d.kind == DELETED:
            kind = self.tr("Page removed")
        elif d.scope == VISUAL:
            kind = self.tr("Changed (image)")
        pages = self.tr("A p. %1 / B p. %2").replace(
            "%1", "—" if d.page_a is None else str(d.page_a + 1)).replace(
            "%2", "—" if d.page_b is None else str(d.page_b + 1))
        texts = ""
        if d.scope != PAGE and (d.text_a or d.text_b):
            texts = f": {d.text_a[:40] or '∅'} → {d.text_b[:40] or '∅'}".replace("\n", " ")
        return f"{n}. {kind} ({pages}){texts}"

    def _paint_marks(self, which: int, painter: QPainter, index: int) -> None:
        if self.comparison is None:
            return
        view = self.views[which]
        for n, d in enumerate(self.comparison.differences):
            page, rects = (d.page_a, d.rects_a) if which == 0 else (d.page_b, d.rects_b)
            if page != index:
                continue
            colour = QColor(COLOURS.get(d.kind, QColor("red")))
            pen = QPen(colour, 3.0 if n == self.current else 1.5)
            fill = QColor(colour)
            fill.setAlpha(70 if n == self.current else 40)
            painter.setPen(pen)
            for rect in rects:
                area = view.map_rect_from_page(index, rect).adjusted(-2, -2, 2, 2)
                if d.scope == PAGE:
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                else:
                    painter.setBrush(fill)
                painter.drawRect(area)

    def go_to_difference(self, n: int) -> None:
        """Make difference ``n`` current and bring it into view on both sides."""
        if self.comparison is None or not 0 <= n < len(self.comparison.differences):
            return
        self.current = n
        d = self.comparison.differences[n]
        self._syncing = True
        try:
            for view, page, rects in ((self.views[0], d.page_a, d.rects_a), (self.views[1], d.page_b, d.rects_b)):
                if page is None or page >= view.page_count:
                    continue
                if rects and d.scope != PAGE:
                    view.ensure_visible(page, _union(rects))
                else:
                    view.scroll_to(page)
                view.viewport().update()
        finally:
            self._syncing = False
        if self.list.currentRow() != n:
            self.list.setCurrentRow(n)
        self._update_picture()

    def _follow(self, which: int) -> None:
        """Scroll the other side to the page aligned with the one shown at the top of this side."""
        if self._syncing or self.comparison is None:
            return
        view, other = self.views[which], self.views[1 - which]
        found = view.map_to_page(QPoint(view.viewport().width() // 2, 0), clamp=True)
        if found is None:
            return
        index, _x, y = found
        partner = (self.comparison.partner_of_a(index) if which == 0 else self.comparison.partner_of_b(index))
        if partner is None or partner >= other.page_count:
            return
        self._syncing = True
        try:
            other.scroll_to(partner, max(0.0, y))
        finally:
            self._syncing = False

    # -- overlay and blink -----------------------------------------------------------------------
    @property
    def picture_mode(self) -> str:
        """side, overlay or blink."""
        return self.view_box.currentData()

    def _pair(self) -> tuple[int, int] | None:
        if self.comparison is None:
            return None
        if 0 <= self.current < len(self.comparison.differences):
            d = self.comparison.differences[self.current]
            if d.page_a is not None and d.page_b is not None:
                return d.page_a, d.page_b
        index = self.views[0].current_page
        partner = self.comparison.partner_of_a(index) if index >= 0 else None
        return None if partner is None else (index, partner)

    def page_images(self, width: int = 700) -> tuple[QImage, QImage] | None:
        """Renders of the current pair of pages at one size, A then B."""
        pair = self._pair()
        if pair is None or self.sides is None:
            return None
        images = []
        for side, page in zip(self.sides, pair):
            with PdfDocument.open(side.path) as doc:
                w, h = doc.page_size(page)
                px = doc.render(page, width / w)
            img = QImage(bytes(px.samples), px.width, px.height, px.stride, QImage.Format.Format_RGB888).copy()
            images.append(img)
        a, b = images
        if b.size() != a.size():
            b = b.scaled(a.size(), Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
        return a, b

    def overlay_image(self) -> QImage | None:
        """A and B superimposed: ink only in A shows cyan, only in B red, in both black."""
        pair = self.page_images()
        if pair is None:
            return None
        a, b = (img.convertToFormat(QImage.Format.Format_Grayscale8) for img in pair)
        out = QImage(a.size(), QImage.Format.Format_RGB888)
        out.fill(QColor("white"))
        painter = QPainter(out)
        # B's grey in the red channel, A's in green and blue: multiplying keeps common ink black.
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        painter.drawImage(0, 0, _tinted(b, red=True))
        painter.drawImage(0, 0, _tinted(a, red=False))
        painter.end()
        return out

    def _update_picture(self) -> None:
        mode = self.picture_mode
        self.blink_timer.stop()
        side_by_side = mode == "side" or self.comparison is None
        for view in self.views:
            view.parentWidget().setVisible(side_by_side)
        self.picture.setVisible(not side_by_side)
        if side_by_side:
            return
        if mode == "overlay":
            image = self.overlay_image()
            self.picture.setPixmap(QPixmap.fromImage(image) if image is not None else QPixmap())
        else:
            self._blink_images = self.page_images()
            self._blink_on_b = True
            self._blink()
            self.blink_timer.start()

    def _blink(self) -> None:
        images = getattr(self, "_blink_images", None)
        if not images:
            self.picture.setPixmap(QPixmap())
            return
        self._blink_on_b = not self._blink_on_b
        self.picture.setPixmap(QPixmap.fromImage(images[1 if self._blink_on_b else 0]))

    @property
    def blink_side(self) -> str:
        """Which page the blink view shows now: 'a' or 'b'."""
        return "b" if self._blink_on_b else "a"

    # -- report ----------------------------------------------------------------------------------
    def choose_report_file(self) -> None:
        """Ask where to save the report, write it, and file it into the case when ticked."""
        if self.comparison is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export comparison report"),
                                              self.tr("comparison report.pdf"), self.tr("PDF (*.pdf)"))
        if path:
            self.export_report(path, file_into_case=self.file_box.isChecked())

    def export_report(self, path: str, file_into_case: bool = False) -> bool:
        """Write the report to ``path``; with ``file_into_case`` also import it into the case of
        document A. Returns False (after saying why) when it could not be done."""
        if self.comparison is None or self.sides is None:
            return False
        a, b = self.sides
        try:
            data = comparison_report_pdf(self.comparison, a.path, b.path,
                                         title=f"文书比对报告：{a.title} / {b.title}")
            tmp = f"{path}.part"
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except (OSError, DocumentError) as exc:
            QMessageBox.warning(self, self.tr("Report not saved"),
                                self.tr("The report could not be written: %1. Choose another folder "
                                        "and try again.").replace("%1", str(exc)))
            return False
        if file_into_case and self.session is not None and a.case_no:
            title = self.tr("Comparison %1 / %2").replace("%1", a.title).replace("%2", b.title)
            try:
                with tempfile.TemporaryDirectory() as folder:
                    named = os.path.join(folder, f"{title}.pdf".replace("/", "／"))
                    with open(named, "wb") as f:
                        f.write(data)
                    self.session.import_files(a.case_no, [named], volume="副卷", doc_type="比对报告")
            except StoreError as exc:
                QMessageBox.warning(self, self.tr("Report not filed"), describe(exc))
                return False
        return True


def _tinted(gray: QImage, red: bool) -> QImage:
    """A grey image as the red channel only (red=True) or the green and blue ones."""
    out = QImage(gray.size(), QImage.Format.Format_RGB888)
    out.fill(QColor("white"))
    painter = QPainter(out)
    painter.drawImage(0, 0, gray)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Lighten)
    # Lightening with pure red gives (255, g, g): the grey stays in green and blue only.
    painter.fillRect(out.rect(), QColor(255, 0, 0) if red else QColor(0, 255, 255))
    painter.end()
    return out


def _union(rects) -> tuple[float, float, float, float]:
    return (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))


class CompareSetup(QDialog):
    """Choose the two documents (of this case or a related one) and their page ranges."""

    def __init__(self, session, case_no: str, related: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare documents"))
        self.session = session
        self.case_no = case_no
        self.cases = [(case_no, self.tr("%1 (this case)").replace("%1", case_no))] + [
            (no, self.tr("%1 (related: %2)").replace("%1", no).replace("%2", shared)) for no, shared in related]
        self.rows = []
        form = QFormLayout(self)
        for name in ("A", "B"):
            case_box, doc_box = QComboBox(self), QComboBox(self)
            for no, label in self.cases:
                case_box.addItem(label, no)
            first, last = QSpinBox(self), QSpinBox(self)
            for spin in (first, last):
                spin.setMinimum(1)
            row = (case_box, doc_box, first, last)
            case_box.currentIndexChanged.connect(lambda _i, r=row: self._fill_documents(r))
            doc_box.currentIndexChanged.connect(lambda _i, r=row: self._fill_pages(r))
            pages = QHBoxLayout()
            pages.addWidget(QLabel(self.tr("pages"), self))
            pages.addWidget(first)
            pages.addWidget(QLabel(self.tr("to"), self))
            pages.addWidget(last)
            form.addRow(self.tr("Document %1:").replace("%1", name), case_box)
            form.addRow("", doc_box)
            form.addRow("", _wrap(pages, self))
            self.rows.append(row)
            self._fill_documents(row)
        if self.rows[1][1].count() > 1:
            self.rows[1][1].setCurrentIndex(1)
        self.mode_box = QComboBox(self)
        for mode, label in zip(CompareView.MODES, (self.tr("Automatic"), self.tr("Text"), self.tr("Visual"))):
            self.mode_box.addItem(label, mode)
        form.addRow(self.tr("Compare by:"), self.mode_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _fill_documents(self, row) -> None:
        case_box, doc_box = row[0], row[1]
        doc_box.blockSignals(True)
        doc_box.clear()
        try:
            docs = self.session.documents(case_box.currentData())
        except StoreError as exc:
            docs = []
            doc_box.setToolTip(describe(exc))
        for d in docs:
            doc_box.addItem(f"{d.title}（{d.page_count}）", d)
        doc_box.blockSignals(False)
        self._fill_pages(row)

    @staticmethod
    def _fill_pages(row) -> None:
        doc = row[1].currentData()
        count = doc.page_count if doc is not None else 1
        for spin in row[2:]:
            spin.setMaximum(max(1, count))
        row[2].setValue(1)
        row[3].setValue(max(1, count))

    def choice(self) -> tuple[tuple, tuple, str] | None:
        """((document, pages or None) for A and B, mode), or None when a side has no document."""
        out = []
        for case_box, doc_box, first, last in self.rows:
            doc = doc_box.currentData()
            if doc is None:
                return None
            lo, hi = sorted((first.value() - 1, last.value() - 1))
            pages = None if (lo, hi) == (0, doc.page_count - 1) else tuple(range(lo, hi + 1))
            out.append((doc, pages))
        return out[0], out[1], self.mode_box.currentData()


def _wrap(layout, parent) -> QWidget:
    w = QWidget(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w


def install_compare_action(window) -> QAction:
    """Add "Compare documents…" to the window's Case menu."""
    action = QAction(QCoreApplication.translate("CompareView", "Compare documents…"), window)
    action.setObjectName("compareAction")
    action.triggered.connect(lambda: open_comparison(window))
    window.case_menu().addAction(action)
    return action


def open_comparison(window) -> CompareView | None:
    """Ask which documents to compare, then show them in a comparison window."""
    if window.case is None:
        return None
    entry = window.open_cases.get(window.case.case_no)
    related = [(c.case_no, shared) for c, shared in (entry.related if entry else ())]
    setup = CompareSetup(window.session, window.case.case_no, related, window)
    try:
        if setup.exec() != QDialog.DialogCode.Accepted:
            return None
        choice = setup.choice()
    finally:
        setup.deleteLater()
    if choice is None:
        return None
    (doc_a, pages_a), (doc_b, pages_b), mode = choice
    return show_comparison(window, doc_a, pages_a, doc_b, pages_b, mode)


def show_comparison(window, doc_a, pages_a, doc_b, pages_b, mode: str = "auto") -> CompareView | None:
    """Open a comparison window for two catalog documents (DocumentInfo) and compare them."""
    try:
        path_a = str(window.session.document_path(doc_a.id))
        path_b = str(window.session.document_path(doc_b.id))
    except StoreError as exc:
        QMessageBox.warning(window, QCoreApplication.translate("CompareView", "Cannot compare"), describe(exc))
        return None
    view = CompareView(window.service, window.session, parent=window)
    view.setWindowFlag(Qt.WindowType.Window)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.resize(1400, 900)
    view.show()
    view.compare(Side(path_a, doc_a.title, pages_a, doc_a.id, doc_a.case_no),
                 Side(path_b, doc_b.title, pages_b, doc_b.id, doc_b.case_no), mode)
    return view
