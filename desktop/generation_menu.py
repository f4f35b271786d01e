"""The window's document-generation actions: "Generate document…" and "Approvals" in the Case menu,
and what happens around them (show a value's source in the other pane, open what was filed)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from .approvals import ApprovalsDialog
from .generate_dialog import GenerateDialog, show_source


class GenerationMenu:
    """Adds the generation actions to a MainWindow's Case menu and keeps their dialogs."""

    def __init__(self, window):
        self.window = window
        self.dialog: GenerateDialog | None = None
        self.approvals: ApprovalsDialog | None = None
        self.source_pane: str | None = None
        menu = window.case_menu()
        self.act_generate = QAction(QCoreApplication.translate("GenerationMenu", "Generate document…"), window)
        self.act_generate.setObjectName("actionGenerate")
        self.act_generate.setShortcut(QKeySequence("Ctrl+G"))
        self.act_generate.triggered.connect(self.open_generate)
        self.act_approvals = QAction(QCoreApplication.translate("GenerationMenu", "Approvals"), window)
        self.act_approvals.setObjectName("actionApprovals")
        self.act_approvals.triggered.connect(self.open_approvals)
        menu.addAction(self.act_generate)
        menu.addAction(self.act_approvals)
        # Only judges decide; the store refuses anyone else in any case.
        self.act_approvals.setVisible(window.session.user.role in ("judge", "admin"))

    def open_generate(self, engine: str = "auto", read_in_thread: bool = True) -> GenerateDialog | None:
        """Open the form for the window's current case (non-modal: the panes stay usable)."""
        window = self.window
        if window.case is None:
            window.statusBar().showMessage(QCoreApplication.translate("GenerationMenu", "Open a case first, then generate its documents."), 8000)
            return None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        dialog = GenerateDialog(window.session, window.case.case_no, window, engine=engine,
                                read_in_thread=read_in_thread)
        # Sources show in the pane the user was not reading when the form opened, and keep to it.
        pane = next((k for k, p in window.panes.items() if p is not window.active), "right")
        self.source_pane = pane
        dialog.sourceRequested.connect(lambda source: show_source(window, source, self.source_pane))
        dialog.filed.connect(self._filed)
        self.dialog = dialog
        dialog.show()
        return dialog

    def _filed(self, result) -> None:
        window = self.window
        if not result.filed:
            return
        window.open_case(result.filed[0].case_no, reload=True)
        other = self.source_pane or next(
            (k for k, p in window.panes.items() if p is not window.active), "right")
        window.open_document(result.filed[-1].document_id, other)
        window.statusBar().showMessage(
            QCoreApplication.translate("GenerationMenu", "%1 filed (PDF by %2).").replace("%1", result.filed[-1].title)
            .replace("%2", result.engine), 10000)

    def open_approvals(self) -> ApprovalsDialog:
        """Open the approvals list (文书审批)."""
        window = self.window
        if self.approvals is not None:
            self.approvals.close()
            self.approvals.deleteLater()
        dialog = ApprovalsDialog(window.session, window)
        dialog.openRequested.connect(self._show_generated)
        dialog.decided.connect(self._decided)
        self.approvals = dialog
        dialog.show()
        return dialog

    def _show_generated(self, info) -> None:
        window = self.window
        if window.case is None or window.case.case_no != info.case_no:
            window.open_case(info.case_no)
        if info.document_id is not None:
            window.open_document(info.document_id, "right")

    def _decided(self, info) -> None:
        window = self.window
        if window.case is not None and window.case.case_no == info.case_no:
            window.open_case(info.case_no, reload=True)
