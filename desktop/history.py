"""Back and forward through the places a reading pane has jumped from, like a browser.

A place is what the pane shows (its documents) and a page. Scrolling is not a jump; opening
another document, following a link, an outline entry or going to a page number is. The
history keeps the place a jump left, so Back returns there and Forward undoes the Back.
"""
from __future__ import annotations

from dataclasses import dataclass

MAX_PLACES = 100


@dataclass(frozen=True)
class Place:
    """A page of what a pane shows: ``items`` are its ``(path, title)`` pairs, ``title`` its heading."""
    items: tuple[tuple[str, str], ...]
    title: str
    page: int


class PaneHistory:
    """The back and forward stacks of one pane."""

    def __init__(self, limit: int = MAX_PLACES) -> None:
        self._back: list[Place] = []
        self._forward: list[Place] = []
        self._limit = limit

    def can_go_back(self) -> bool:
        """True when there is a place to go back to."""
        return bool(self._back)

    def can_go_forward(self) -> bool:
        """True when a Back can be undone."""
        return bool(self._forward)

    def jumped(self, origin: Place | None, target: Place | None = None) -> None:
        """Note a jump away from ``origin``; a new jump forgets the forward places.

        A jump to where the pane already is (``target == origin``) is no jump.
        """
        if origin is None or origin == target:
            return
        if not self._back or self._back[-1] != origin:
            self._back.append(origin)
            del self._back[:-self._limit]
        self._forward.clear()

    def back(self, current: Place | None) -> Place | None:
        """The place to go back to from ``current``, or None; ``current`` becomes a forward place."""
        if not self._back:
            return None
        if current is not None:
            self._forward.append(current)
        return self._back.pop()

    def forward(self, current: Place | None) -> Place | None:
        """The place a Back came from, or None; ``current`` becomes a back place again."""
        if not self._forward:
            return None
        if current is not None:
            self._back.append(current)
        return self._forward.pop()

    def clear(self) -> None:
        """Forget every place."""
        self._back.clear()
        self._forward.clear()
