"""Importing files into the open case from the workstation, with progress and cancel.

The import runs on a worker thread (the store's checker waits on its own process, hashing and
writing release the GIL), so the window stays responsive; the store records everything in one
transaction at the end, so a cancelled import leaves nothing behind.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QLabel, QLineEdit, QMessageBox, QProgressDialog, QWidget)

from storage.importer import ImportCancelled
from storage.records import ImportReport

FILE_FILTER = "PDF / images (*.pdf *.PDF *.jpg *.jpeg *.png *.tif *.tiff *.bmp *.gif);;All files (*)"


class ImportWorker(QThread):
    """Runs `StoreSession.import_files` off the GUI thread."""

    progressed = Signal(int, int, str)
    done = Signal(object)          # ImportReport, or the exception that stopped it

    def __init__(self, session, case_no: str, paths: list[str], volume: str, doc_type: str,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.session, self.case_no, self.paths = session, case_no, paths
        self.volume, self.doc_type = volume, doc_type
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            result = self.session.import_files(
                self.case_no, self.paths, volume=self.volume, doc_type=self.doc_type,
                progress=lambda done, total, path: self.progressed.emit(done, total, path),
                cancelled=lambda: self._cancel)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which reports it
            result = exc
        self.done.emit(result)


class ImportOptions(QDialog):
    """Which volume and document type the files go into."""

    def __init__(self, volumes: list[str], count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import into the dossier"))
        self.volume = QComboBox(self)
        self.volume.setEditable(True)
        self.volume.addItems(volumes or ["正卷"])
        self.doc_type = QLineEdit(self)
        self.doc_type.setPlaceholderText(self.tr("e.g. 证据, 判决书, 笔录"))
        form = QFormLayout(self)
        form.addRow(self.tr("Files:"), QLabel(str(count), self))
        form.addRow(self.tr("Volume:"), self.volume)
        form.addRow(self.tr("Document type:"), self.doc_type)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def summary_text(report: ImportReport) -> str:
    """What the import did, for a message box."""
    lines = [QCoreApplication.translate("ImportController", "Imported: %1").replace("%1", str(len(report.imported)))]
    if report.duplicates:
        lines.append(QCoreApplication.translate("ImportController", "Already in the case (stored once): %1")
                     .replace("%1", str(len(report.duplicates))))
        lines.extend(f"  {Path(path).name} = {first}" for path, first in report.duplicates[:10])
    if report.refused:
        lines.append(QCoreApplication.translate("ImportController", "Refused: %1").replace("%1", str(len(report.refused))))
        lines.extend(f"  {Path(path).name}: {reason}" for path, reason in report.refused[:20])
    return "\n".join(lines)


class ImportController(QObject):
    """The "Import files…" action of a main window."""

    finished = Signal(object)      # the ImportReport (or exception) of the last import

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.worker: ImportWorker | None = None
        self.progress: QProgressDialog | None = None
        self.message_box: QMessageBox | None = None

    def choose_and_import(self) -> None:
        """Ask for files, volume and type, then import them."""
        if self.window.case is None:
            return
        # Start the file checker while the user picks files.
        self.window.session.store.warm_up()
        paths, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Import files"), "", FILE_FILTER)
        if not paths:
            return
        options = ImportOptions([v.name for v in self.window.case.volumes], len(paths), self.window)
        if options.exec() != QDialog.DialogCode.Accepted:
            return
        self.start(paths, options.volume.currentText().strip() or "正卷", options.doc_type.text().strip())

    def start(self, paths: list[str], volume: str, doc_type: str = "") -> ImportWorker:
        """Import ``paths`` into the open case (no dialogs until the summary)."""
        case_no = self.window.case.case_no
        self.worker = ImportWorker(self.window.session, case_no, list(paths), volume, doc_type, self)
        self.progress = QProgressDialog(self.tr("Checking and storing files…"), self.tr("Cancel"),
                                        0, len(paths), self.window)
        self.progress.setWindowTitle(self.tr("Import"))
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self.worker.cancel)
        self.worker.progressed.connect(self._on_progress)
        self.worker.done.connect(lambda result, c=case_no: self._on_done(c, result))
        self.worker.start()
        return self.worker

    def _on_progress(self, done: int, total: int, path: str) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            if path:
                self.progress.setLabelText(Path(path).name)

    def _on_done(self, case_no: str, result) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        if self.worker is not None:
            self.worker.wait()
            self.worker.deleteLater()
            self.worker = None
        if isinstance(result, ImportCancelled):
            self.window.statusBar().showMessage(self.tr("Import cancelled; nothing was added."), 10000)
        elif isinstance(result, Exception):
            from .messages import describe
            self._tell(QMessageBox.Icon.Warning, self.tr("Import failed"), describe(result))
        else:
            self.window.open_case(case_no, reload=True)
            self.window.statusBar().showMessage(summary_text(result).splitlines()[0], 10000)
            if result.refused or result.duplicates:
                self._tell(QMessageBox.Icon.Information, self.tr("Import"), summary_text(result))
        self.finished.emit(result)

    def _tell(self, icon, title: str, text: str) -> None:
        # Window-modal but not blocking: the summary waits for the user, the app does not.
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message_box = box
