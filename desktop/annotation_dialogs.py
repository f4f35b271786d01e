"""The questions annotating asks: whose version wins a conflict, a link's target, a stamp's label,
a note's text."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QInputDialog,
                               QMessageBox, QSpinBox, QWidget)

KEEP_THEIRS = "theirs"
USE_MINE = "mine"
CANCEL = "cancel"


def local_time(moment: dt.datetime) -> str:
    """A stored (naive UTC) time as the desk's local time, to the minute."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class ConflictDialog(QMessageBox):
    """Someone else changed (or deleted) the annotation this desk was editing: which version stays.

    ``choice()`` after ``exec()`` is 'theirs', 'mine' or 'cancel'.
    """

    def __init__(self, current, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationConflict")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Annotation changed at another desk"))
        when = local_time(current.updated_at)
        if current.deleted:
            self.setText(self.tr("This annotation was deleted by %1 at %2.")
                         .replace("%1", current.author).replace("%2", when))
            self.setInformativeText(self.tr("Keep it deleted, put your version back as a new "
                                            "annotation, or cancel your change."))
            mine = self.tr("Restore mine")
            theirs = self.tr("Keep it deleted")
        else:
            self.setText(self.tr("This annotation was changed by %1 at %2 (now version %3).")
                         .replace("%1", current.author).replace("%2", when)
                         .replace("%3", str(current.version)))
            self.setInformativeText(self.tr("Keep their version, apply your change on top of "
                                            "theirs, or cancel your change. Nothing has been "
                                            "overwritten."))
            mine = self.tr("Use mine")
            theirs = self.tr("Keep theirs")
        self.theirs_button = self.addButton(theirs, QMessageBox.ButtonRole.RejectRole)
        self.mine_button = self.addButton(mine, QMessageBox.ButtonRole.AcceptRole)
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.theirs_button)
        self.setEscapeButton(self.cancel_button)

    def choice(self) -> str:
        """What the user chose: 'theirs', 'mine' or 'cancel'."""
        clicked = self.clickedButton()
        if clicked is self.mine_button:
            return USE_MINE
        if clicked is self.theirs_button:
            return KEEP_THEIRS
        return CANCEL


def ask_conflict(current, parent: QWidget | None = None) -> str:
    """Show the conflict dialog for ``current`` (the store's version) and return the choice."""
    dialog = ConflictDialog(current, parent)
    try:
        dialog.exec()
        return dialog.choice()
    finally:
        dialog.deleteLater()


class LinkTargetDialog(QDialog):
    """Choose the document of the case and the page a cross-reference points to."""

    def __init__(self, documents, current_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkTarget")
        self.setWindowTitle(self.tr("Link to a page"))
        self.documents = list(documents)
        self.document_box = QComboBox(self)
        for doc in self.documents:
            self.document_box.addItem(f"{doc.volume} · {doc.title}", doc.id)
        self.page_box = QSpinBox(self)
        self.page_box.setMinimum(1)
        form = QFormLayout(self)
        form.addRow(self.tr("Document:"), self.document_box)
        form.addRow(self.tr("Page:"), self.page_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.document_box.currentIndexChanged.connect(self._document_chosen)
        if current_id is not None and self.document_box.findData(current_id) >= 0:
            self.document_box.setCurrentIndex(self.document_box.findData(current_id))
        self._document_chosen()

    def _document_chosen(self) -> None:
        index = self.document_box.currentIndex()
        pages = self.documents[index].page_count if 0 <= index < len(self.documents) else 1
        self.page_box.setMaximum(max(1, pages))
        self.page_box.setSuffix(self.tr(" of %1").replace("%1", str(pages)))

    def target(self) -> tuple[int, int] | None:
        """(document id, page from 0) chosen, or None when there is no document."""
        if self.document_box.currentIndex() < 0:
            return None
        return int(self.document_box.currentData()), self.page_box.value() - 1


def ask_link_target(documents, current_id: int | None, parent: QWidget | None = None
                    ) -> tuple[int, int] | None:
    """Ask which document and page a link points to; None when cancelled."""
    dialog = LinkTargetDialog(documents, current_id, parent)
    try:
        return dialog.target() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_stamp(labels, last: str, parent: QWidget | None = None) -> str | None:
    """Ask for a stamp's label: one of ``labels`` or a custom text; None when cancelled."""
    labels = list(labels)
    current = labels.index(last) if last in labels else 0
    title = QCoreApplication.translate("AnnotationDialogs", "Stamp")
    prompt = QCoreApplication.translate("AnnotationDialogs", "Stamp label (choose or type one):")
    label, ok = QInputDialog.getItem(parent, title, prompt, labels, current, True)
    label = label.strip()
    return label if ok and label else None


def ask_text(title: str, prompt: str, text: str = "", parent: QWidget | None = None) -> str | None:
    """Ask for a note's or text box's text; None when cancelled."""
    value, ok = QInputDialog.getMultiLineText(parent, title, prompt, text)
    return value if ok else None


__all__ = ["CANCEL", "KEEP_THEIRS", "USE_MINE", "ConflictDialog", "LinkTargetDialog", "ask_conflict",
           "ask_link_target", "ask_stamp", "ask_text", "local_time"]
