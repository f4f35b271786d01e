"""Finding a query in a page's text.

Matching is done on a folded form of the text: Unicode NFKC (full-width Latin letters and
digits, common in Chinese documents, match their ASCII forms), case folded, and with all
white space removed from both the text and the query. Removing white space lets a hit run
across a line break (Chinese lines join without a space, Latin lines with one) and ignores the
stray spaces that justified or scanned Chinese text often carries between characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from viewer.core.text import PageText, chars_to_fragments

Quad = tuple[float, float, float, float, float, float, float, float]


@dataclass(frozen=True)
class Hit:
    """One occurrence of a query: its page and one quad per line fragment (page coordinates).

    A quad is 8 floats: upper-left x, y, upper-right x, y, lower-left x, y, lower-right x, y.
    """

    page: int
    quads: tuple[Quad, ...]


def fold(text: str) -> str:
    """The form of `text` that searching compares: NFKC, case folded, no white space."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in folded if not c.isspace())


def could_contain(page_text: str, folded_query: str) -> bool:
    """Cheap test on a page's plain text; False means the page certainly has no hit."""
    return bool(folded_query) and folded_query in fold(page_text)


def find_in_page(model: PageText, page: int, folded_query: str) -> list[Hit]:
    """Every non-overlapping occurrence of an already folded query on one page."""
    if not folded_query:
        return []
    text = "".join(line.chars for line in model.lines)
    folded = text.casefold()
    if unicodedata.is_normalized("NFKC", text) and len(folded) == len(text):
        # Folding kept every character in place (the usual case): positions in the folded
        # text are positions on the page.
        origin = None
    else:
        chars: list[str] = []
        origin = []  # for each folded character, the index of the page character
        for index, c in enumerate(text):
            for f in unicodedata.normalize("NFKC", c).casefold():
                chars.append(f)
                origin.append(index)
        folded = "".join(chars)
    # White space may sit anywhere between the query's characters, line breaks included.
    pattern = re.compile(r"\s*".join(re.escape(c) for c in folded_query))
    hits: list[Hit] = []
    for match in pattern.finditer(folded):
        lo, hi = match.start(), match.end()
        if origin is not None:
            lo, hi = origin[lo], origin[hi - 1] + 1
        quads = tuple(_quad(box) for box in chars_to_fragments(model, lo, hi))
        hits.append(Hit(page, quads))
    return hits


def _quad(box: tuple[float, float, float, float]) -> Quad:
    x0, y0, x1, y1 = box
    return (x0, y0, x1, y0, x0, y1, x1, y1)
