"""Where the reader is in a page view: the page at the top and how far down it the view starts."""
from __future__ import annotations


def top_place(view) -> tuple[int, float] | None:
    """The page at the top of ``view`` and the fraction (0 to 1) of it scrolled past, or None.

    A fraction of the page box rather than a point on the page, so the answer means the same
    at any zoom and rotation.
    """
    if not view.page_count:
        return None
    for index in view.visible_pages():
        rect = view.page_rect_in_viewport(index)
        if rect.bottom() > 0.0:
            return index, min(max(-rect.top() / rect.height(), 0.0), 1.0) if rect.height() > 0 else 0.0
    index = max(view.current_page, 0)
    return index, 0.0


def go_to_place(view, index: int, fraction: float = 0.0) -> None:
    """Scroll ``view`` so that page ``index`` starts at the top, ``fraction`` of it scrolled past."""
    if not view.page_count:
        return
    index = max(0, min(int(index), view.page_count - 1))
    view.scroll_to(index)
    if fraction > 0.0:
        rect = view.page_rect_in_viewport(index)
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + round(rect.top() + min(fraction, 1.0) * rect.height()))
