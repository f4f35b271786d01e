"""Choosing cases to open: the cases assigned to me, recent ones first, with a filter.

The dialog takes plain values (the `CaseInfo` list the store gave this user and the recent
case numbers) and never talks to the store. Recent cases are kept in QSettings per store and
per user, so two judges sharing a desk, or one judge with two stores, keep separate lists.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from storage.records import CaseInfo

RECENT_LIMIT = 12
CASE_NO_ROLE = Qt.ItemDataRole.UserRole + 1


class RecentCases:
    """The case numbers one user opened in one store, most recent first."""

    def __init__(self, store_id: str, user: str, settings: QSettings | None = None):
        self._settings = settings if settings is not None else QSettings()
        self._key = f"recentCases/{store_id}/{user}"

    def list(self) -> list[str]:
        """Recent case numbers, newest first."""
        value = self._settings.value(self._key, [])
        if isinstance(value, str):  # QSettings returns a one-item list as a plain string
            value = [value] if value else []
        return [str(v) for v in (value or [])]

    def touch(self, case_no: str) -> None:
        """Note that ``case_no`` was just opened."""
        cases = [case_no] + [c for c in self.list() if c != case_no]
        self._settings.setValue(self._key, cases[:RECENT_LIMIT])
        self._settings.sync()


def order_cases(cases: Iterable[CaseInfo], recent: Sequence[str]) -> list[CaseInfo]:
    """Recently opened cases first (newest first), then the others by case number."""
    rank = {case_no: i for i, case_no in enumerate(recent)}
    return sorted(cases, key=lambda c: (rank.get(c.case_no, len(rank)), c.case_no))


class CasePicker(QDialog):
    """Lists the cases I may open; several can be chosen at once."""

    COLUMNS = ("case_no", "cause", "stage", "filed")

    def __init__(self, cases: Sequence[CaseInfo], recent: Sequence[str] = (),
                 open_cases: Iterable[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open case"))
        self.resize(720, 460)
        recent_set = set(recent)
        already = set(open_cases)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter by case number, cause, stage or party"))

        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setHeaderLabels([self.tr("Case number"), self.tr("Cause"), self.tr("Stage"),
                                   self.tr("Filed")])
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for col in (2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        for case in order_cases(cases, recent):
            item = QTreeWidgetItem([case.case_no, case.cause, case.stage,
                                    case.filed_on.isoformat() if case.filed_on else ""])
            item.setData(0, CASE_NO_ROLE, case.case_no)
            # What the filter looks in: the visible columns and the parties' names.
            item.setData(1, CASE_NO_ROLE, " ".join([case.case_no, case.cause, case.stage, case.court]
                                                   + [p.name for p in case.parties]).lower())
            notes = []
            if case.case_no in recent_set:
                notes.append(self.tr("recently opened"))
            if case.case_no in already:
                notes.append(self.tr("open"))
            if notes:
                font = item.font(0)
                font.setBold(case.case_no in recent_set)
                item.setFont(0, font)
            item.setToolTip(0, "\n".join([case.court] + notes).strip())
            self.tree.addTopLevelItem(item)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

        self.empty_label = QLabel(self.tr("No case matches the filter."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        if not cases:
            self.empty_label.setText(self.tr("No case is assigned to you. Ask the bureau's "
                                             "administrator to assign the cases you work on."))
            self.empty_label.show()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.buttons)

        self.filter_edit.textChanged.connect(self.set_filter)
        self.tree.itemActivated.connect(lambda *_: self.accept())
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.filter_edit.setFocus()
        self._update_buttons()

    def set_filter(self, text: str) -> None:
        """Show only cases whose number, cause, stage, court or party names contain ``text``."""
        if self.filter_edit.text() != text:
            self.filter_edit.setText(text)
            return
        needle = text.strip().lower()
        first_shown = None
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            hidden = bool(needle) and needle not in item.data(1, CASE_NO_ROLE)
            item.setHidden(hidden)
            if not hidden and first_shown is None:
                first_shown = item
        # Enter opens the best match without touching the mouse.
        if first_shown is not None and (self.tree.currentItem() is None or self.tree.currentItem().isHidden()):
            self.tree.setCurrentItem(first_shown)
        self.empty_label.setVisible(first_shown is None)
        self._update_buttons()

    def shown_cases(self) -> list[str]:
        """The case numbers listed now, in their order."""
        return [self.tree.topLevelItem(i).data(0, CASE_NO_ROLE) for i in range(self.tree.topLevelItemCount())
                if not self.tree.topLevelItem(i).isHidden()]

    def chosen(self) -> list[str]:
        """The selected case numbers, in list order."""
        rows = sorted(self.tree.indexOfTopLevelItem(item) for item in self.tree.selectedItems()
                      if not item.isHidden())
        return [self.tree.topLevelItem(row).data(0, CASE_NO_ROLE) for row in rows]

    def _update_buttons(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(bool(self.chosen()))
