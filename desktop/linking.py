"""Linked scrolling of two page views: page-locked or proportional, either one leading."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from .reading_place import go_to_place, top_place

PAGE_LOCKED = "page"
PROPORTIONAL = "proportional"
MODES = (PAGE_LOCKED, PROPORTIONAL)


class ScrollLink(QObject):
    """Keeps two page views scrolled together while it is on.

    Page-locked: when one view shows page n (and a fraction of it scrolled past), the other
    shows page n + k at the same fraction, k being the difference at the moment of linking.
    Proportional: the other view stays the same fraction of its whole length ahead or behind
    as when linked. Whichever view the reader scrolls leads; the one that follows does not
    drive the leader back. Loading another document into either view keeps the link on and
    takes the offset anew from where the two views then are.
    """

    toggled = Signal(bool)
    modeChanged = Signal(str)

    def __init__(self, first, second, parent: QObject | None = None):
        super().__init__(parent)
        self._views = (first, second)
        self._mode = PAGE_LOCKED
        self._on = False
        self._following = False
        self._page_offset = 0
        self._fraction_offset = 0.0
        self._contents = {id(first): None, id(second): None}
        for view in self._views:
            view.verticalScrollBar().valueChanged.connect(
                lambda _value, v=view: self._scrolled(v))

    # -- state ----------------------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        """Whether the views scroll together."""
        return self._on

    @property
    def mode(self) -> str:
        """PAGE_LOCKED or PROPORTIONAL."""
        return self._mode

    @property
    def page_offset(self) -> int:
        """Pages the second view is ahead of the first (page-locked mode)."""
        return self._page_offset

    @property
    def fraction_offset(self) -> float:
        """How much further down its whole length the second view is (proportional mode)."""
        return self._fraction_offset

    def set_enabled(self, on: bool) -> None:
        """Link (taking the offset from where the views are now) or unlink."""
        on = bool(on)
        if on == self._on:
            return
        self._on = on
        if on:
            self._take_offset()
        self.toggled.emit(on)

    def toggle(self) -> None:
        """Link when unlinked, unlink when linked."""
        self.set_enabled(not self._on)

    def set_mode(self, mode: str) -> None:
        """Choose PAGE_LOCKED or PROPORTIONAL; a running link takes its offset anew."""
        if mode not in MODES:
            raise ValueError(f"unknown link mode {mode!r}")
        if mode == self._mode:
            return
        self._mode = mode
        if self._on:
            self._take_offset()
        self.modeChanged.emit(mode)

    # -- following --------------------------------------------------------------------------------
    def _take_offset(self) -> None:
        first, second = self._views
        for view in self._views:
            self._contents[id(view)] = self._content_of(view)
        a, b = top_place(first), top_place(second)
        self._page_offset = (b[0] - a[0]) if a and b else 0
        self._fraction_offset = second.vertical_fraction() - first.vertical_fraction()

    @staticmethod
    def _content_of(view) -> tuple:
        return tuple((seg.path, seg.first, seg.count) for seg in view.segments)

    def _scrolled(self, leader) -> None:
        if not self._on or self._following:
            return
        content = self._content_of(leader)
        if content != self._contents[id(leader)]:
            # Another document arrived: its jump to the top is not the reader scrolling.
            self._take_offset()
            return
        first, second = self._views
        follower = second if leader is first else first
        sign = 1 if leader is first else -1
        if not leader.page_count or not follower.page_count:
            return
        self._following = True
        try:
            if self._mode == PAGE_LOCKED:
                place = top_place(leader)
                if place is not None:
                    go_to_place(follower, place[0] + sign * self._page_offset, place[1])
            else:
                follower.set_vertical_fraction(leader.vertical_fraction() + sign * self._fraction_offset)
        finally:
            self._following = False
