"""Annotations out of the workstation: "Export review copy…" and "Annotation summary…" in the
Case menu.

A review copy is the document with its annotations written in as real PDF annotations (or, with
"flatten", baked into the pages), for a reader without the workstation. The summary lists the
case's annotations as a table, in PDF or Word. Both are audited as exports of the case. The
choice of file is a replaceable attribute (``choose_review_copy``, ``choose_summary``), and
the writing itself (``export_review_copy``, ``export_summary``) takes the target path.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from storage.errors import StoreError
from templates.annotation_summary import annotation_summary_docx
from viewer.core.annotations_export import (SummaryEntry, annotation_summary_pdf,
                                            burn_review_copy)

from .messages import describe


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it: never a half-written file."""
    fd, tmp = tempfile.mkstemp(prefix=".export-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _stamp(when) -> str:
    return when.strftime("%Y-%m-%d %H:%M") if hasattr(when, "strftime") else str(when or "")


def summary_entries(records, titles: dict[int, str]) -> list[SummaryEntry]:
    """One summary line per annotation thread, replies appended to its text with author and time."""
    replies: dict[str, list] = {}
    for r in records:
        if r.parent_uid:
            replies.setdefault(r.parent_uid, []).append(r)
    out = []
    for r in records:
        if r.parent_uid:
            continue
        text = r.text or r.stamp
        for reply in sorted(replies.get(r.uid, ()), key=lambda x: x.created_at):
            text += f"\n— {reply.author} {_stamp(reply.created_at)}: {reply.text}"
        out.append(SummaryEntry(titles.get(r.document_id, str(r.document_id)), r.page, r.kind,
                                r.author, r.updated_at, text, r.status))
    return out


class ReviewCopyDialog(QDialog):
    """Where to write the review copy, and whether to flatten it."""

    def __init__(self, suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export review copy"))
        self.path_edit = QLineEdit(suggested, self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.flatten_box = QCheckBox(self.tr("Flatten: bake the annotations into the pages "
                                             "(they can no longer be edited or hidden)"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Save the copy as:"), self))
        layout.addLayout(row)
        layout.addWidget(self.flatten_box)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export review copy"), self.path_edit.text(),
                                              self.tr("PDF documents (*.pdf)"))
        if path:
            self.path_edit.setText(path)


class AnnotationExports(QObject):
    """The export actions of a MainWindow, in its Case menu."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.message_box: QMessageBox | None = None
        self.choose_review_copy = self._choose_review_copy
        self.choose_summary = self._choose_summary
        menu = window.case_menu()
        self.act_review_copy = QAction(window)
        self.act_review_copy.setObjectName("actionExportReviewCopy")
        self.act_review_copy.triggered.connect(self.review_copy)
        self.act_summary = QAction(window)
        self.act_summary.setObjectName("actionAnnotationSummary")
        self.act_summary.triggered.connect(self.summary)
        menu.addSeparator()
        menu.addAction(self.act_review_copy)
        menu.addAction(self.act_summary)
        self.retranslate()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        """Name the actions in the interface language in force."""
        self.act_review_copy.setText(self.tr("Export review copy…"))
        self.act_review_copy.setToolTip(self.tr("Save the document in the active pane with its "
                                            "annotations written in, for readers without Dossier Desk"))
        self.act_summary.setText(self.tr("Annotation summary…"))
        self.act_summary.setToolTip(self.tr("Save a table of the case's annotations as PDF or Word"))

    # -- what is exported ----------------------------------------------------------------------
    def current_document(self) -> int | None:
        """The store document on the active pane's current page, or None."""
        window = self.window
        name = next((k for k, p in window.panes.items() if p is window.active), "left")
        tools = window.annotation_tools[name]
        if not tools.view.page_count:
            return None
        return tools.document_at(tools.view.current_page)[0]

    def export_review_copy(self, document_id: int, path, flatten: bool = False) -> Path:
        """Write the review copy of ``document_id`` to ``path``, audit it; the path written."""
        session, path = self.window.session, Path(path)
        info = session.document(document_id)
        source = session.document_path(document_id)
        records = session.annotations(document_id)
        titles = {d.id: d.title for d in session.documents(info.case_no)}
        data = burn_review_copy(source, records, flatten, document_id=document_id,
                                link_files={i: f"{t}.pdf" for i, t in titles.items()})
        write_atomically(path, data)
        session.record("export", info.case_no, what="review-copy", document_id=document_id,
                       title=info.title, annotations=sum(1 for r in records if not r.parent_uid),
                       flatten=bool(flatten), file=path.name)
        return path

    def export_summary(self, path, case_no: str | None = None) -> Path:
        """Write the summary of ``case_no`` (default: the window's case) to ``path``: Word for a
        .docx name, else PDF; audit it; the path written."""
        session, path = self.window.session, Path(path)
        case_no = case_no or self.window.case.case_no
        titles = {d.id: d.title for d in session.documents(case_no)}
        entries = summary_entries(session.case_annotations(case_no), titles)
        title = self.tr("Annotation summary — %1").replace("%1", case_no)
        word = path.suffix.lower() == ".docx"
        data = annotation_summary_docx(entries, title) if word else annotation_summary_pdf(entries, title)
        write_atomically(path, data)
        session.record("export", case_no, what="annotation-summary", format="docx" if word else "pdf",
                       entries=len(entries), file=path.name)
        return path

    # -- the actions ---------------------------------------------------------------------------
    def _choose_review_copy(self, suggested: str) -> tuple[str, bool] | None:
        dialog = ReviewCopyDialog(suggested, self.window)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.path_edit.text().strip():
                return None
            return dialog.path_edit.text().strip(), dialog.flatten_box.isChecked()
        finally:
            dialog.deleteLater()

    def _choose_summary(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Annotation summary"), suggested,
                                              self.tr("PDF documents (*.pdf);;Word documents (*.docx)"))
        return path or None

    def review_copy(self) -> Path | None:
        """Ask where to and whether to flatten, then export the active pane's document."""
        doc_id = self.current_document()
        if doc_id is None:
            self.window.statusBar().showMessage(self.tr("Open a document of the case first, then export "
                                                    "its review copy."), 8000)
            return None
        title = self.window.documents[doc_id].title if doc_id in self.window.documents else str(doc_id)
        chosen = self.choose_review_copy(str(Path.home() / self.tr("%1 (review copy).pdf").replace("%1", title)))
        if not chosen:
            return None
        path, flatten = chosen
        return self._run(lambda: self.export_review_copy(doc_id, path, flatten))

    def summary(self) -> Path | None:
        """Ask where to, then write the case's annotation summary (PDF or Word by the name)."""
        case = self.window.case
        if case is None:
            self.window.statusBar().showMessage(self.tr("Open a case first, then export its annotation "
                                                    "summary."), 8000)
            return None
        path = self.choose_summary(str(Path.home() / self.tr("Annotations of %1.pdf").replace(
            "%1", case.case_no.replace("/", "-"))))
        if not path:
            return None
        return self._run(lambda: self.export_summary(path, case.case_no))

    def _run(self, job) -> Path | None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path = job()
        except (StoreError, OSError, ValueError, RuntimeError) as exc:
            QGuiApplication.restoreOverrideCursor()
            self._show_failure(exc)
            return None
        QGuiApplication.restoreOverrideCursor()
        self.window.statusBar().showMessage(self.tr("Saved %1.").replace("%1", str(path)), 10000)
        return path

    def _show_failure(self, exc: Exception) -> None:
        text = describe(exc) if isinstance(exc, StoreError) else (
            self.tr("The file could not be written: %1. Choose another folder or name and try again.")
            .replace("%1", str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export failed"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()


__all__ = ["AnnotationExports", "ReviewCopyDialog", "summary_entries", "write_atomically"]
