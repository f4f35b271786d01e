"""The characters of one page in reading order, and what is read from them: words, plain
text and the selection a mouse drag makes.

Everything here is in page coordinates (see viewer.core.geometry). The model is built from
MuPDF's structured text ("rawdict"), whose order is MuPDF's reading order: blocks, their
lines, their characters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Word:
    """A run of non-blank characters on one line. A Chinese run without spaces is one word."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    block: int
    line: int
    index: int


@dataclass(frozen=True)
class Selection:
    """Selected text and one rectangle per line fragment, in page coordinates."""

    text: str
    rects: tuple[Box, ...]


@dataclass(frozen=True)
class TextLine:
    """One line of text: its characters and their boxes, in reading order."""

    block: int
    line: int
    bbox: Box
    direction: tuple[float, float]
    chars: str
    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class PageText:
    """All text lines of a page. `starts[k]` is the index of line k's first character in the
    page's character sequence (the concatenation of every line's characters)."""

    lines: tuple[TextLine, ...]
    starts: tuple[int, ...]

    @property
    def char_count(self) -> int:
        """Number of characters on the page."""
        if not self.lines:
            return 0
        return self.starts[-1] + len(self.lines[-1].chars)


def page_text_from_rawdict(raw: dict) -> PageText:
    """Build the model from the dict of `page.get_text("rawdict")`; image blocks are skipped."""
    lines: list[TextLine] = []
    starts: list[int] = []
    offset = 0
    for block in raw.get("blocks", ()):
        if block.get("type", 0) != 0:
            continue
        block_no = int(block.get("number", 0))
        for line_no, line in enumerate(block.get("lines", ())):
            chars: list[str] = []
            boxes: list[Box] = []
            for span in line.get("spans", ()):
                for ch in span.get("chars", ()):
                    c = ch["c"]
                    if c:
                        chars.append(c)
                        boxes.append(ch["bbox"])
            if not chars:
                continue
            direction = tuple(float(v) for v in line.get("dir", (1.0, 0.0)))
            lines.append(
                TextLine(
                    block=block_no,
                    line=line_no,
                    bbox=_union(boxes),
                    direction=direction,
                    chars="".join(chars),
                    boxes=tuple(boxes),
                )
            )
            starts.append(offset)
            offset += len(chars)
    return PageText(lines=tuple(lines), starts=tuple(starts))


def page_plain_text(model: PageText) -> str:
    """The page's text, one line of the page per line of the result."""
    return "\n".join(line.chars for line in model.lines)


def page_words(model: PageText) -> list[Word]:
    """Words of the page in reading order; `index` counts words within their line."""
    words: list[Word] = []
    for line in model.lines:
        index = 0
        run_start = None
        for k, c in enumerate(line.chars + " "):
            if c.isspace():
                if run_start is not None:
                    box = _union(line.boxes[run_start:k])
                    words.append(Word(*box, line.chars[run_start:k], line.block, line.line, index))
                    index += 1
                    run_start = None
            elif run_start is None:
                run_start = k
    return words


def words_in_rect(words: list[Word], rect: Box) -> list[Word]:
    """The words whose centre lies inside `rect` (page coordinates), in reading order."""
    x0, y0, x1, y1 = _ordered(rect)
    out = []
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2
        if x0 <= cx <= x1 and y0 <= cy <= y1:
            out.append(w)
    return out


def caret_at(model: PageText, x: float, y: float) -> int:
    """Position between characters (0 .. char_count) nearest to the point (x, y).

    Lines whose vertical extent contains the point win over lines above or below it, so a point
    in the empty space right of a short last line still lands on that line; among those the
    horizontally nearest wins (columns). Otherwise the nearest line by distance wins.
    """
    best_key = None
    best = -1
    for k, line in enumerate(model.lines):
        bx0, by0, bx1, by1 = line.bbox
        if _is_vertical(line):
            # For vertical writing the line's "across" axis is x.
            across = max(bx0 - x, 0.0, x - bx1)
            along = max(by0 - y, 0.0, y - by1)
        else:
            across = max(by0 - y, 0.0, y - by1)
            along = max(bx0 - x, 0.0, x - bx1)
        key = (0, along) if across == 0 else (1, math.hypot(across, along))
        if best_key is None or key < best_key:
            best_key, best = key, k
    if best < 0:
        return 0
    line = model.lines[best]
    dx, dy = line.direction
    t = x * dx + y * dy
    inside = 0
    for bx0, by0, bx1, by1 in line.boxes:
        if ((bx0 + bx1) / 2) * dx + ((by0 + by1) / 2) * dy < t:
            inside += 1
        else:
            break
    return model.starts[best] + inside


def select(model: PageText, start: tuple[float, float], end: tuple[float, float]) -> Selection:
    """Characters between the carets nearest to `start` and `end`, in reading order.

    Line fragments are joined with a newline; each fragment gets one rectangle.
    """
    a = caret_at(model, *start)
    b = caret_at(model, *end)
    lo, hi = min(a, b), max(a, b)
    if lo == hi:
        return Selection("", ())
    texts: list[str] = []
    rects: list[Box] = []
    for line, first in zip(model.lines, model.starts):
        last = first + len(line.chars)
        if last <= lo or first >= hi:
            continue
        i0, i1 = max(lo, first) - first, min(hi, last) - first
        texts.append(line.chars[i0:i1])
        rects.append(_union(line.boxes[i0:i1]))
    return Selection("\n".join(texts), tuple(rects))


def chars_to_fragments(model: PageText, lo: int, hi: int) -> list[Box]:
    """One box per line covering characters lo .. hi-1 of the page's character sequence."""
    out: list[Box] = []
    for line, first in zip(model.lines, model.starts):
        last = first + len(line.chars)
        if last <= lo or first >= hi:
            continue
        i0, i1 = max(lo, first) - first, min(hi, last) - first
        out.append(_union(line.boxes[i0:i1]))
    return out


def _is_vertical(line: TextLine) -> bool:
    return abs(line.direction[1]) > abs(line.direction[0])


def _ordered(rect: Box) -> Box:
    x0, y0, x1, y1 = rect
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _union(boxes) -> Box:
    x0s, y0s, x1s, y1s = zip(*boxes)
    return (min(x0s), min(y0s), max(x1s), max(y1s))
