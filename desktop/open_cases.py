"""The cases open in the window, as the case box lists them: each open case, then "Open case…".

A case is read from the store once when it is opened (its record, documents and related
cases); switching back to it shows what was read, so switching works while the store is away.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox

from storage.records import CaseInfo, DocumentInfo

_PICK = "\x00open-case"  # item data of the "Open case…" entry; never a case number


@dataclass(frozen=True)
class OpenCase:
    """What the window shows of one open case."""
    case: CaseInfo
    documents: tuple[DocumentInfo, ...]
    related: tuple[tuple[CaseInfo, str], ...]


class OpenCases(QObject):
    """Keeps the open cases and the case box in step; the box's choices come back as signals."""

    caseChosen = Signal(str)      # an open case was picked in the box
    pickRequested = Signal()      # "Open case…" was picked

    def __init__(self, box: QComboBox, parent: QObject | None = None):
        super().__init__(parent)
        self.box = box
        self._cases: dict[str, OpenCase] = {}
        self.current: str | None = None
        self._can_pick = False
        box.activated.connect(self._activated)

    def __contains__(self, case_no: object) -> bool:
        return case_no in self._cases

    def case_numbers(self) -> list[str]:
        """The open cases, in the order they were opened."""
        return list(self._cases)

    def get(self, case_no: str) -> OpenCase | None:
        """What was read of an open case, or None."""
        return self._cases.get(case_no)

    def add(self, entry: OpenCase) -> None:
        """Add (or refresh) an open case; it does not become current by itself."""
        self._cases[entry.case.case_no] = entry
        self._refill()

    def close(self, case_no: str) -> None:
        """Take a case off the list."""
        self._cases.pop(case_no, None)
        if self.current == case_no:
            self.current = next(iter(self._cases), None)
        self._refill()

    def set_current(self, case_no: str) -> None:
        """Show ``case_no`` as the current case in the box."""
        self.current = case_no
        self._refill()

    def set_can_pick(self, can: bool) -> None:
        """Offer "Open case…" (only when the user has cases to open)."""
        self._can_pick = can
        self._refill()

    def _refill(self) -> None:
        box = self.box
        box.blockSignals(True)
        try:
            box.clear()
            for case_no, entry in self._cases.items():
                box.addItem(f"{case_no}  {entry.case.cause}".strip(), case_no)
                box.setItemData(box.count() - 1, entry.case.court or case_no,
                                Qt.ItemDataRole.ToolTipRole)
            if self._can_pick:
                if self._cases:
                    box.insertSeparator(box.count())
                box.addItem(self.tr("Open case…"), _PICK)
            index = box.findData(self.current) if self.current else -1
            box.setCurrentIndex(index if index >= 0 else (0 if self._cases else -1))
        finally:
            box.blockSignals(False)

    def _activated(self, index: int) -> None:
        data = self.box.itemData(index)
        if data == _PICK:
            # The box goes back to the case shown; the picker decides what comes next.
            self._refill()
            self.pickRequested.emit()
        elif data and data != self.current:
            self.caseChosen.emit(str(data))
