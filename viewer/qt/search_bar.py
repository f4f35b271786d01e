"""The find bar of a page view: type, see every match highlighted, step through them.

Searching a 2,000-page volume takes seconds of text extraction, and PyMuPDF holds the GIL while
it extracts, so a thread would freeze the window just the same. The search therefore runs on the
GUI thread in slices of a few milliseconds driven by a zero-interval timer: matches appear as they
are found, the count grows, and the window keeps answering between slices.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from viewer.core.document import DocumentError
from viewer.qt.page_view import PageView, SearchHit

# Work per timer slice; short enough that input and painting stay smooth.
SLICE_SECONDS = 0.02
# Typing pauses this long before a new search starts.
TYPING_PAUSE_MS = 250


class PageSearch(QObject):
    """Searches the pages of a view in slices, from the first page to the last."""

    hitsFound = Signal(list)  # list[SearchHit] in page order
    progress = Signal(int, int)  # pages searched, pages in all
    finished = Signal()

    def __init__(self, view: PageView, query: str, parent: QObject | None = None,
                 slice_seconds: float = SLICE_SECONDS) -> None:
        super().__init__(parent)
        self._view = view
        self._slice_seconds = slice_seconds
        self.query = query
        self._next = 0
        self._total = view.page_count
        self.running = False
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    @property
    def pages_done(self) -> int:
        """Pages searched so far."""
        return self._next

    def start(self) -> None:
        """Begin (or resume) searching."""
        if self._next >= self._total:
            self.running = False
            self.finished.emit()
            return
        self.running = True
        self._timer.start()

    def stop(self) -> None:
        """Stop searching; nothing more is emitted."""
        self.running = False
        self._timer.stop()

    def _slice(self) -> None:
        deadline = time.monotonic() + self._slice_seconds
        found: list[SearchHit] = []
        while self._next < self._total:
            index = self._next
            self._next += 1
            doc, page = self._view.document_at(index)
            try:
                found.extend(SearchHit(index, tuple(tuple(q) for q in hit.quads))
                             for hit in doc.search(self.query, pages=[page]))
            except (DocumentError, RuntimeError, ValueError):
                # A damaged page has no findable text; the rest of the volume still counts.
                pass
            if time.monotonic() >= deadline:
                break
        if found:
            self.hitsFound.emit(found)
        self.progress.emit(self._next, self._total)
        if self._next >= self._total:
            self.stop()
            self.finished.emit()


class FindBar(QWidget):
    """A one-line find bar bound to a page view (Ctrl+F opens it, F3/Shift+F3 step)."""

    countChanged = Signal(int, int)  # current match (1-based, 0 for none), matches found
    searchFinished = Signal(int)  # matches in all

    def __init__(self, view: PageView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._search: PageSearch | None = None
        #: Search work per timer slice, in seconds.
        self.slice_seconds = SLICE_SECONDS
        self._hits: list[SearchHit] = []
        self._current = -1
        self._start_page = 0

        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("▲")
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(90)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        for w in (self.edit, self.previous_button, self.next_button, self.count_label,
                  self.close_button):
            row.addWidget(w)
        row.setStretch(0, 1)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._start_search)
        self.edit.textEdited.connect(lambda _text: self._typing.start())
        self.edit.returnPressed.connect(self._on_return)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        view.findRequested.connect(self.open)
        view.findNextRequested.connect(self.find_next)
        view.findPreviousRequested.connect(self.find_previous)
        view.documentLoaded.connect(self._reset)
        self.edit.installEventFilter(self)
        self.retranslate()

    # ---------------------------------------------------------------- public API

    def retranslate(self) -> None:
        """Show every text in the interface language now in force."""
        self.edit.setPlaceholderText(self.tr("Find in document"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.next_button.setToolTip(self.tr("Next match (F3)"))
        self.close_button.setToolTip(self.tr("Close the find bar (Esc)"))
        self._update_label()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def query(self) -> str:
        """The text searched for."""
        return self.edit.text()

    @property
    def hit_count(self) -> int:
        """Matches found so far."""
        return len(self._hits)

    @property
    def current_hit(self) -> int:
        """The emphasised match, 0-based (-1 for none)."""
        return self._current

    @property
    def searching(self) -> bool:
        """Whether pages remain to be searched."""
        return self._search is not None and self._search.running

    def open(self) -> None:
        """Show the bar and put the cursor in it, its text selected."""
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        """Hide the bar, stop searching and remove the highlights."""
        self._stop()
        self._hits = []
        self._current = -1
        self._view.clear_search_hits()
        self._update_label()
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def search(self, text: str) -> None:
        """Search for ``text`` now (as if typed and confirmed)."""
        self.edit.setText(text)
        self._start_search()

    def find_next(self) -> None:
        """Emphasise the next match, wrapping to the first once the search is complete."""
        self._step(+1)

    def find_previous(self) -> None:
        """Emphasise the previous match, wrapping to the last once the search is complete."""
        self._step(-1)

    # ---------------------------------------------------------------- internals

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.edit and event.type() == event.Type.KeyPress:
            if event.matches(QKeySequence.StandardKey.FindNext):
                self.find_next()
                return True
            if event.matches(QKeySequence.StandardKey.FindPrevious):
                self.find_previous()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
                self.find_previous()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def _on_return(self) -> None:
        if self._search is None or self._search.query != self.edit.text():
            self._start_search()
        else:
            self.find_next()

    def _reset(self) -> None:
        self._stop()
        self._hits = []
        self._current = -1
        self._update_label()

    def _stop(self) -> None:
        self._typing.stop()
        if self._search is not None:
            self._search.stop()
            self._search.deleteLater()
            self._search = None

    def _start_search(self) -> None:
        self._stop()
        self._hits = []
        self._current = -1
        self._view.clear_search_hits()
        query = self.edit.text()
        if not query.strip() or self._view.page_count == 0:
            self._update_label()
            return
        # The first match shown is the first at or after where the reader is.
        self._start_page = max(self._view.current_page, 0)
        self._search = PageSearch(self._view, query, self, self.slice_seconds)
        self._search.hitsFound.connect(self._on_hits)
        self._search.finished.connect(self._on_finished)
        self._update_label()
        self._search.start()

    def _on_hits(self, hits: list[SearchHit]) -> None:
        base = len(self._hits)
        self._hits.extend(hits)
        self._view.add_search_hits(hits)
        if self._current < 0:
            for n, hit in enumerate(hits, start=base):
                if hit.index >= self._start_page:
                    self._go(n)
                    break
        self._update_label()

    def _on_finished(self) -> None:
        if self._current < 0 and self._hits:
            self._go(0)
        self._update_label()
        self.searchFinished.emit(len(self._hits))

    def _step(self, direction: int) -> None:
        if self._search is None or self._search.query != self.edit.text():
            self._start_search()
            return
        if not self._hits:
            return
        n = self._current + direction
        if n >= len(self._hits):
            if self.searching:
                return  # more may still come; wrapping now would skip them
            n = 0
        elif n < 0:
            n = len(self._hits) - 1
        self._go(n)
        self._update_label()

    def _go(self, n: int) -> None:
        self._current = n
        self._view.set_current_search_hit(n)

    def _update_label(self) -> None:
        total = len(self._hits)
        if not self.edit.text().strip():
            text = ""
        elif total == 0 and not self.searching:
            text = self.tr("No matches") if self._search is not None else ""
        else:
            text = f"{self._current + 1 if self._current >= 0 else 0} / {total}"
            if self.searching:
                text += "…"
        self.count_label.setText(text)
        self.countChanged.emit(self._current + 1 if self._current >= 0 else 0, total)
