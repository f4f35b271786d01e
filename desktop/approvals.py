"""The judge's approvals list (文书审批): generated documents waiting for a decision.

Approving stamps the court's seal on the document and stores the sealed version as what the
filed document shows; returning sends it back to its author with a comment. The store checks
who may decide (the case's judge), so a clerk who opens the list only sees it refused.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from storage.errors import StoreError
from templates.seal import SealError
from templates.sign import SigningError

from .generation import approve_and_seal, seal_config
from .messages import describe


class ApprovalsDialog(QDialog):
    """Pending generated documents of the judge's cases, with approve / return."""

    decided = Signal(object)          # the GeneratedInfo after a decision
    openRequested = Signal(object)    # a GeneratedInfo whose document is to be shown

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("approvalsDialog")
        self.session = session
        self.pending = []
        self.setWindowTitle(self.tr("Approvals"))
        self.resize(860, 520)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Case"), self.tr("Document"), self.tr("Made by"),
                                              self.tr("Made on"), self.tr("Status")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemDoubleClicked.connect(lambda _i: self._open())
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("Comment:"), self))
        self.comment = QPlainTextEdit(self)
        self.comment.setFixedHeight(70)
        self.comment.setPlaceholderText(self.tr("Required when returning a document"))
        layout.addWidget(self.comment)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Show document"), self)
        self.approve_button = QPushButton(self.tr("Approve and seal"), self)
        self.return_button = QPushButton(self.tr("Return for changes"), self)
        for button in (self.open_button, self.approve_button, self.return_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.open_button.clicked.connect(self._open)
        self.approve_button.clicked.connect(self.approve_selected)
        self.return_button.clicked.connect(self.return_selected)
        self.reload()

    def reload(self) -> None:
        """Read the pending documents again."""
        try:
            self.pending = self.session.pending_approvals()
        except StoreError as exc:
            self.pending = []
            self.status_label.setText(describe(exc))
        self.table.setRowCount(len(self.pending))
        for r, info in enumerate(self.pending):
            for c, text in enumerate((info.case_no, info.title, info.author,
                                      info.created_at.strftime("%Y-%m-%d %H:%M"), self.tr("Waiting"))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, info.id)
                self.table.setItem(r, c, item)
        if self.pending:
            self.table.selectRow(0)
        elif not self.status_label.text():
            self.status_label.setText(self.tr("Nothing is waiting for your approval."))
        for button in (self.open_button, self.approve_button, self.return_button):
            button.setEnabled(bool(self.pending))

    def selected(self):
        """The selected pending document, or None."""
        row = self.table.currentRow()
        return self.pending[row] if 0 <= row < len(self.pending) else None

    def _open(self) -> None:
        info = self.selected()
        if info is not None:
            self.openRequested.emit(info)

    def approve_selected(self):
        """Approve the selected document, seal it and store the sealed version."""
        info = self.selected()
        if info is None:
            return None
        try:
            case = self.session.case(info.case_no)
            done = approve_and_seal(self.session, info, self.comment.toPlainText(),
                                    seal_config(self.session, case.court))
        except (SealError, SigningError) as exc:
            self.status_label.setText(self.tr("The seal could not be placed: %1").replace("%1", str(exc)))
            return None
        except OSError as exc:
            self.status_label.setText(self.tr("The court seal or certificate file cannot be read (%1); ask the "
                                              "administrator to check the generation settings.")
                                      .replace("%1", exc.strerror or str(exc)))
            return None
        except StoreError as exc:
            self.status_label.setText(describe(exc))
            self.reload()
            return None
        self.comment.clear()
        self.status_label.setText(self.tr("Approved and sealed: %1").replace("%1", done.title))
        self.decided.emit(done)
        self.reload()
        return done

    def return_selected(self):
        """Return the selected document to its author with the comment."""
        info = self.selected()
        if info is None:
            return None
        comment = self.comment.toPlainText().strip()
        if not comment:
            self.status_label.setText(self.tr("Write in the comment what should be changed, then return it."))
            self.comment.setFocus()
            return None
        try:
            done = self.session.return_for_changes(info.id, info.version, comment)
        except StoreError as exc:
            self.status_label.setText(describe(exc))
            self.reload()
            return None
        self.comment.clear()
        self.status_label.setText(self.tr("Returned to %1: %2").replace("%1", done.author).replace("%2", done.title))
        self.decided.emit(done)
        self.reload()
        return done
