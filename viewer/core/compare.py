"""Comparing two documents: which pages correspond, what text changed, what looks different.

Three steps, each usable on its own:

* ``align_pages`` pairs the pages of two versions by their text (or, for pages without text,
  by a small perceptual hash of their image), so that an inserted or removed page shows as
  one inserted or removed page instead of turning every later page into a difference;
* ``text_diff`` / ``diff_words`` compare the words of two aligned pages: lines are matched
  first, then the changed lines character by character for Chinese and word by word for
  Latin script and numbers, so "50,000" → "56,000" is one change, not two digits;
* ``visual_diff`` compares two renders (scans, seals, signatures): it registers them (page
  turned by a quarter turn, small shift, slight skew), then reports regions that differ after
  blurring, so scan noise and a small misplacement are not reported.

``compare_documents`` runs them over two files and returns a ``Comparison``. Rectangles of
text and visual differences are in page coordinates (see viewer.core.document) of their page.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pymupdf
from PIL import Image
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from viewer.core import geometry
from viewer.core.document import PdfDocument, Pixels
from viewer.core.text import PageText, Word

Box = tuple[float, float, float, float]

INSERTED = "inserted"
DELETED = "deleted"
CHANGED = "changed"
ROTATED = "rotated"

# Scopes: what kind of comparison found a difference.
TEXT = "text"
VISUAL = "visual"
PAGE = "page"

MODES = ("text", "visual", "auto")

# Pages are paired only when their similarity is above this; a page changed more than that is
# shown as removed and inserted, which is what a reader would call it.
PAIR_THRESHOLD = 0.4
# Renders compared visually are made at this many pixels per point (108 dpi).
VISUAL_SCALE = 1.5
# A caret marking where text was inserted or deleted on the other page, in points.
_CARET = 1.5


class ComparisonCancelled(Exception):
    """The comparison was cancelled; nothing was returned."""


@dataclass(frozen=True)
class Difference:
    """One difference between page ``page_a`` of A and page ``page_b`` of B.

    ``kind`` is inserted / deleted / changed / rotated; ``scope`` is text, visual or page (a
    whole page inserted, removed or rotated). ``rects_a`` and ``rects_b`` mark the place on
    both pages in page coordinates: where text was inserted, the other page gets a thin caret
    at the place it would go. A page missing on one side has ``None`` there and no rects.
    """

    kind: str
    scope: str
    page_a: int | None
    page_b: int | None
    text_a: str = ""
    text_b: str = ""
    rects_a: tuple[Box, ...] = ()
    rects_b: tuple[Box, ...] = ()


@dataclass(frozen=True)
class PagePair:
    """Page ``page_a`` of A corresponds to page ``page_b`` of B (``None``: no counterpart)."""

    page_a: int | None
    page_b: int | None
    similarity: float


@dataclass(frozen=True)
class Comparison:
    """The result of compare_documents. ``unreadable`` lists (side 'a'/'b', page) of pages that
    have no text layer and could not be read because no OCR was given: compare them visually."""

    path_a: str
    path_b: str
    mode: str
    pairs: tuple[PagePair, ...]
    differences: tuple[Difference, ...]
    inserted_pages: tuple[int, ...]
    removed_pages: tuple[int, ...]
    unreadable: tuple[tuple[str, int], ...] = ()

    @property
    def identical(self) -> bool:
        """True when no difference was found."""
        return not self.differences

    def partner_of_a(self, page: int) -> int | None:
        """The page of B paired with page ``page`` of A, or None."""
        return next((p.page_b for p in self.pairs if p.page_a == page), None)

    def partner_of_b(self, page: int) -> int | None:
        """The page of A paired with page ``page`` of B, or None."""
        return next((p.page_a for p in self.pairs if p.page_b == page), None)


@dataclass(frozen=True)
class VisualDiff:
    """What visual_diff found. ``rects`` are in pixels of A's render, ``rects_b`` the same
    regions in pixels of B's render. ``rotation`` is the quarter turn (clockwise degrees)
    that brings B onto A; ``shift`` (dx, dy) and ``skew`` (degrees) the small registration
    applied on top of it, in A's pixels."""

    rects: tuple[Box, ...]
    rects_b: tuple[Box, ...]
    rotation: int = 0
    shift: tuple[float, float] = (0.0, 0.0)
    skew: float = 0.0


# ---------------------------------------------------------------------------- page alignment

def normalize_text(text: str) -> str:
    """The text as compared: full-width forms folded (NFKC), white space removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def page_hash(pixels: Pixels) -> tuple[int, int, int, int]:
    """A 64-bit difference hash of a render, for it turned by 0, 90, 180 and 270 degrees.

    Used to pair pages that have no text (scans): near-identical images differ in few bits.
    """
    img = _image(pixels).convert("L")
    out = []
    for turn in (0, 90, 180, 270):
        small = (img.rotate(-turn, expand=True) if turn else img).resize((9, 8), Image.Resampling.BOX)
        a = np.asarray(small, dtype=np.int16)
        bits = (a[:, 1:] > a[:, :-1]).flatten()
        out.append(int("".join("1" if b else "0" for b in bits), 2))
    return tuple(out)


def _similarity(ta: str, tb: str, ha, hb) -> float:
    if ta and tb:
        return fuzz.ratio(ta, tb) / 100.0
    if ta or tb:
        return 0.0
    if ha is None or hb is None:
        return 1.0
    return max(1.0 - bin(ha[0] ^ h).count("1") / 64.0 for h in hb)


def align_pages(a_texts: Sequence[str], b_texts: Sequence[str],
                a_hashes: Sequence | None = None, b_hashes: Sequence | None = None
                ) -> list[tuple[int | None, int | None, float]]:
    """Pair the pages of A and B: a list of (i, j, similarity) in reading order, where i or j
    is None for a page that has no counterpart (removed from A, inserted into B).

    Identical pages (after normalize_text) anchor the alignment; the stretches between anchors
    are aligned by dynamic programming on the text similarity (rapidfuzz's normalized
    InDel ratio), pairing two pages only when they are more than PAIR_THRESHOLD alike.
    Pages without text are compared by ``page_hash`` values when they are given (hashes of
    B in all four turns, so a turned scan still pairs with its original).
    """
    na = [normalize_text(t) for t in a_texts]
    nb = [normalize_text(t) for t in b_texts]
    ha = list(a_hashes) if a_hashes is not None else [None] * len(na)
    hb = list(b_hashes) if b_hashes is not None else [None] * len(nb)

    def key(text, h, i, side):
        if text:
            return "t" + hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
        # Image pages are never anchors: two scans are rarely identical bit for bit.
        return f"{side}{i}"

    ka = [key(t, h, i, "a") for i, (t, h) in enumerate(zip(na, ha))]
    kb = [key(t, h, i, "b") for i, (t, h) in enumerate(zip(nb, hb))]
    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    out: list[tuple[int | None, int | None, float]] = []
    i = j = 0
    for block in matcher.get_matching_blocks():
        out.extend(_align_gap(na, nb, ha, hb, i, block.a, j, block.b))
        out.extend((block.a + k, block.b + k, 1.0) for k in range(block.size))
        i, j = block.a + block.size, block.b + block.size
    return out


def _align_gap(na, nb, ha, hb, i0, i1, j0, j1):
    n, m = i1 - i0, j1 - j0
    if n == 0:
        return [(None, j, 0.0) for j in range(j0, j1)]
    if m == 0:
        return [(i, None, 0.0) for i in range(i0, i1)]
    sim = np.zeros((n, m), dtype=np.float64)
    ta, tb = na[i0:i1], nb[j0:j1]
    texts_a = [k for k, t in enumerate(ta) if t]
    texts_b = [k for k, t in enumerate(tb) if t]
    if texts_a and texts_b:
        scores = cdist([ta[k] for k in texts_a], [tb[k] for k in texts_b], scorer=fuzz.ratio)
        sim[np.ix_(texts_a, texts_b)] = np.asarray(scores, dtype=np.float64) / 100.0
    for a in range(n):
        if ta[a]:
            continue
        for b in range(m):
            if not tb[b]:
                sim[a, b] = _similarity("", "", ha[i0 + a], hb[j0 + b])
    # Needleman-Wunsch with gaps free and a pair worth (similarity - threshold): a pair below
    # the threshold never beats a removed page plus an inserted one.
    gain = sim - PAIR_THRESHOLD
    score = np.zeros((n + 1, m + 1))
    move = np.zeros((n + 1, m + 1), dtype=np.int8)  # 0 pair, 1 removed from A, 2 inserted in B
    move[1:, 0] = 1
    move[0, 1:] = 2
    for a in range(1, n + 1):
        for b in range(1, m + 1):
            best, how = score[a - 1, b], 1
            if score[a, b - 1] > best:
                best, how = score[a, b - 1], 2
            if gain[a - 1, b - 1] > 0 and score[a - 1, b - 1] + gain[a - 1, b - 1] >= best:
                best, how = score[a - 1, b - 1] + gain[a - 1, b - 1], 0
            score[a, b], move[a, b] = best, how
    steps = []
    a, b = n, m
    while a or b:
        how = move[a, b]
        if how == 0:
            steps.append((i0 + a - 1, j0 + b - 1, float(sim[a - 1, b - 1])))
            a, b = a - 1, b - 1
        elif how == 1:
            steps.append((i0 + a - 1, None, 0.0))
            a -= 1
        else:
            steps.append((None, j0 + b - 1, 0.0))
            b -= 1
    steps.reverse()
    return steps


# ---------------------------------------------------------------------------- text difference

@dataclass(frozen=True)
class _Token:
    key: str
    text: str
    box: Box
    line: tuple[int, int]


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


@functools.lru_cache(maxsize=4096)
def _width(ch: str) -> float:
    """Approximate advance of a character in ems: one for wide characters, Helvetica's for
    the others (Latin letters, digits and punctuation of CJK fonts are close to it)."""
    if _wide(ch):
        return 1.0
    return pymupdf.get_text_length(ch, fontname="helv", fontsize=1.0) or 0.5


def _tokens(words: Sequence[Word]) -> list[_Token]:
    """Each wide (Chinese) character is a token; each run of other characters is one."""
    out: list[_Token] = []
    for w in words:
        text = w.text
        if not text:
            continue
        pieces: list[str] = []
        for ch in text:
            if _wide(ch) or not pieces or _wide(pieces[-1][-1]):
                pieces.append(ch)
            else:
                pieces[-1] += ch
        line = (w.block, w.line)
        if len(pieces) == 1:
            out.append(_Token(unicodedata.normalize("NFKC", text), text, (w.x0, w.y0, w.x1, w.y1), line))
            continue
        # Words carry one box; it is shared out by the characters' approximate widths.
        weights = [sum(_width(c) for c in p) for p in pieces]
        total = sum(weights)
        vertical = (w.y1 - w.y0) > 1.5 * (w.x1 - w.x0)
        start, span = (w.y0, w.y1 - w.y0) if vertical else (w.x0, w.x1 - w.x0)
        pos = start
        for piece, weight in zip(pieces, weights):
            end = pos + span * weight / total
            box = (w.x0, pos, w.x1, end) if vertical else (pos, w.y0, end, w.y1)
            out.append(_Token(unicodedata.normalize("NFKC", piece), piece, box, line))
            pos = end
    return out


def _tokens_from_text(model: PageText) -> list[_Token]:
    """Tokens with each character's own box (a page's text layer)."""
    out: list[_Token] = []
    for line in model.lines:
        key = (line.block, line.line)
        run: list[int] = []

        def flush() -> None:
            if run:
                text = "".join(line.chars[k] for k in run)
                boxes = [line.boxes[k] for k in run]
                box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                       max(b[2] for b in boxes), max(b[3] for b in boxes))
                out.append(_Token(unicodedata.normalize("NFKC", text), text, box, key))
                run.clear()

        for k, ch in enumerate(line.chars):
            if ch.isspace():
                flush()
            elif _wide(ch):
                flush()
                run.append(k)
                flush()
            else:
                run.append(k)
        flush()
    return out


def _line_groups(tokens: list[_Token]) -> list[tuple[str, int, int]]:
    """(key, first token, end token) of each line, in order."""
    groups: list[tuple[str, int, int]] = []
    start = 0
    for k in range(1, len(tokens) + 1):
        if k == len(tokens) or tokens[k].line != tokens[start].line:
            groups.append(("".join(t.key for t in tokens[start:k]), start, k))
            start = k
    return groups


def _rects(tokens: Sequence[_Token]) -> tuple[Box, ...]:
    """One box per line covering the tokens."""
    out: list[Box] = []
    current = None
    for t in tokens:
        if current is not None and t.line == current[0]:
            b = current[1]
            current = (t.line, (min(b[0], t.box[0]), min(b[1], t.box[1]),
                                max(b[2], t.box[2]), max(b[3], t.box[3])))
        else:
            if current is not None:
                out.append(current[1])
            current = (t.line, t.box)
    if current is not None:
        out.append(current[1])
    return tuple(out)


def _caret(tokens: list[_Token], at: int) -> tuple[Box, ...]:
    """A thin mark where something would be inserted before token ``at``."""
    if not tokens:
        return ()
    if at < len(tokens):
        x0, y0, x1, y1 = tokens[at].box
        return ((x0 - _CARET, y0, x0 + _CARET, y1),)
    x0, y0, x1, y1 = tokens[-1].box
    return ((x1 - _CARET, y0, x1 + _CARET, y1),)


def _join(tokens: Sequence[_Token]) -> str:
    parts: list[str] = []
    previous = None
    for t in tokens:
        if previous is not None:
            if t.line != previous.line:
                parts.append("\n")
            elif not (_wide(t.text[0]) or _wide(previous.text[-1])):
                parts.append(" ")
        parts.append(t.text)
        previous = t
    return "".join(parts)


def diff_words(words_a: Sequence[Word], words_b: Sequence[Word], page_a: int = 0,
               page_b: int = 0) -> list[Difference]:
    """Text differences between two pages given their words (page coordinates), e.g. words
    read by OCR. A word's box is shared out among its characters by their approximate
    widths; diff_texts uses each character's own box instead."""
    return _diff_tokens(_tokens(words_a), _tokens(words_b), page_a, page_b)


def diff_texts(text_a: PageText, text_b: PageText, page_a: int = 0, page_b: int = 0
               ) -> list[Difference]:
    """Text differences between two pages given their text layers (viewer.core.text).

    Lines are matched first (equal lines cost nothing); inside changed stretches the tokens
    are compared: each Chinese character is a token, and each run of Latin letters, digits
    and punctuation is one. Differences come in reading order of A.
    """
    return _diff_tokens(_tokens_from_text(text_a), _tokens_from_text(text_b), page_a, page_b)


def _diff_tokens(ta: list[_Token], tb: list[_Token], page_a: int, page_b: int) -> list[Difference]:
    if [t.key for t in ta] == [t.key for t in tb]:
        return []
    la, lb = _line_groups(ta), _line_groups(tb)
    lines = difflib.SequenceMatcher(None, [g[0] for g in la], [g[0] for g in lb], autojunk=False)
    out: list[Difference] = []
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            continue
        a0 = la[i1][1] if i1 < len(la) else len(ta)
        a1 = la[i2 - 1][2] if i2 > i1 else a0
        b0 = lb[j1][1] if j1 < len(lb) else len(tb)
        b1 = lb[j2 - 1][2] if j2 > j1 else b0
        seg_a, seg_b = ta[a0:a1], tb[b0:b1]
        chars = difflib.SequenceMatcher(None, [t.key for t in seg_a], [t.key for t in seg_b],
                                        autojunk=False)
        for op, p1, p2, q1, q2 in chars.get_opcodes():
            if op == "equal":
                continue
            part_a, part_b = seg_a[p1:p2], seg_b[q1:q2]
            rects_a = _rects(part_a) or _caret(ta, a0 + p1)
            rects_b = _rects(part_b) or _caret(tb, b0 + q1)
            kind = {"replace": CHANGED, "delete": DELETED, "insert": INSERTED}[op]
            out.append(Difference(kind, TEXT, page_a, page_b, _join(part_a), _join(part_b),
                                  rects_a, rects_b))
    return out


def text_diff(doc_a: PdfDocument, page_a: int, doc_b: PdfDocument, page_b: int) -> list[Difference]:
    """Text differences between page ``page_a`` of ``doc_a`` and ``page_b`` of ``doc_b``,
    from their text layers (see diff_words), plus a ``rotated`` difference when the two
    pages are shown turned differently."""
    out = diff_texts(_page_text(doc_a, page_a), _page_text(doc_b, page_b), page_a, page_b)
    turn = (doc_b.page_rotation(page_b) - doc_a.page_rotation(page_a)) % 360
    if turn:
        out.insert(0, _rotated(doc_a, page_a, doc_b, page_b, turn))
    return out


def _page_text(doc: PdfDocument, i: int) -> PageText:
    # The document's cached character model (exact boxes of every character); words alone
    # would only give one box per run of Chinese text.
    return doc._page_text(i)


def _rotated(doc_a, page_a, doc_b, page_b, turn: int) -> Difference:
    return Difference(ROTATED, PAGE, page_a, page_b, "", f"{turn}°",
                      (_page_box(doc_a, page_a),), (_page_box(doc_b, page_b),))


def _page_box(doc: PdfDocument, i: int) -> Box:
    return geometry.transform_rect(doc.display_to_page(i), (0.0, 0.0, *doc.page_size(i)))


# ---------------------------------------------------------------------------- visual difference

_WORK_SIDE = 1400         # renders larger than this are reduced by whole factors first
_THRESHOLD = 48           # grey-level difference, after a 3 x 3 mean, counted as changed
_CELL = 8                 # morphology and regions are computed on cells of this many pixels
_CELL_MIN = 4             # changed pixels a cell needs to count (noise and edges stay below)
_REGION_MIN = 15          # changed pixels a region needs to be reported
_MAX_SHIFT = 0.06         # largest registration shift tried, as a share of the longer side


def _image(p: Pixels) -> Image.Image:
    return Image.frombuffer("RGB", (p.width, p.height), p.samples, "raw", "RGB", p.stride, 1)


def _gray(p: Pixels, k: int) -> np.ndarray:
    """The darkest channel of each pixel (red seals and blue ink count as ink), reduced k times."""
    rgb = np.frombuffer(p.samples, np.uint8).reshape(p.height, p.stride)[:, :p.width * 3]
    g = np.minimum(np.minimum(rgb[:, 0::3], rgb[:, 1::3]), rgb[:, 2::3])
    return _reduce(g, k) if k > 1 else g


def _reduce(g: np.ndarray, k: int) -> np.ndarray:
    """``g`` (uint8) averaged over k x k blocks."""
    return np.asarray(Image.fromarray(np.ascontiguousarray(g)).reduce(k))


def _mat(m6) -> np.ndarray:
    a, b, c, d, e, f = m6
    return np.array([[a, c, e], [b, d, f], [0.0, 0.0, 1.0]])


def _translate(dx, dy) -> np.ndarray:
    return np.array([[1.0, 0.0, dx], [0.0, 1.0, dy], [0.0, 0.0, 1.0]])


def _turned(g: np.ndarray, turn: int) -> np.ndarray:
    """``g`` turned clockwise by a quarter ``turn`` (exact)."""
    return np.rot90(g, -(turn // 90)) if turn else g


def _resized(g: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    if g.shape == shape:
        return g
    img = Image.fromarray(np.ascontiguousarray(g))
    return np.asarray(img.resize((shape[1], shape[0]), Image.Resampling.BOX))


def _ink(g: np.ndarray) -> np.ndarray:
    a = 255.0 - g.astype(np.float32)
    return a - a.mean()


def _turn_of(a: np.ndarray, b: np.ndarray) -> int:
    """The quarter turn of B that best matches A (correlation of 32 x 32 thumbnails)."""
    va = _ink(_resized(a, (32, 32))).ravel()
    na = np.linalg.norm(va) or 1.0
    # A square thumbnail turned is the thumbnail of the turned page.
    small_b = _resized(b, (32, 32))
    scores = {}
    for turn in (0, 90, 180, 270):
        vb = _ink(_turned(small_b, turn)).ravel()
        scores[turn] = float(va @ vb) / (na * (np.linalg.norm(vb) or 1.0))
    best = max(scores, key=scores.get)
    # Only a clear winner counts as turned: symmetric or empty pages stay as they are.
    return best if best and scores[best] > 0.5 and scores[best] > scores[0] + 0.25 else 0


def _phase_shift(a: np.ndarray, b: np.ndarray) -> tuple[int, int]:
    """(dx, dy) by which ``b`` must move to lie on ``a`` (phase correlation)."""
    fa, fb = np.fft.rfft2(a), np.fft.rfft2(b)
    cross = fa * np.conj(fb)
    cross /= np.abs(cross) + 1e-6
    corr = np.fft.irfft2(cross, s=a.shape)
    y, x = np.unravel_index(int(np.argmax(corr)), corr.shape)
    h, w = a.shape
    return (int(x - w if x > w // 2 else x), int(y - h if y > h // 2 else y))


def _profile_shift(pa: np.ndarray, pb: np.ndarray, around: int, reach: int) -> int:
    """The lag within ``around`` ± ``reach`` at which profile ``pb`` best matches ``pa``."""
    pa, pb = pa - pa.mean(), pb - pb.mean()
    n = len(pa)
    best, best_lag = None, around
    for lag in range(around - reach, around + reach + 1):
        if abs(lag) >= n:
            continue
        score = float(pa[lag:] @ pb[:n - lag]) if lag >= 0 else float(pa[:n + lag] @ pb[-lag:])
        if best is None or score > best:
            best, best_lag = score, lag
    return best_lag


def _register(a: np.ndarray, b: np.ndarray) -> tuple[int, int]:
    """Whole-pixel (dx, dy) moving B onto A: phase correlation on quarter-size images, refined
    on ink profiles of rows and columns at full size."""
    q = 4 if min(a.shape) >= 64 else 1
    dx, dy = _phase_shift(_ink(_reduce(a, q) if q > 1 else a), _ink(_reduce(b, q) if q > 1 else b))
    limit = _MAX_SHIFT * max(a.shape)
    if abs(dx * q) > limit or abs(dy * q) > limit:
        dx = dy = 0
    # Column and row sums of grey: ink lowers them, their means are taken out.
    fx = _profile_shift(a.sum(axis=0, dtype=np.int64).astype(np.float64),
                        b.sum(axis=0, dtype=np.int64).astype(np.float64), dx * q, q + 1)
    fy = _profile_shift(a.sum(axis=1, dtype=np.int64).astype(np.float64),
                        b.sum(axis=1, dtype=np.int64).astype(np.float64), dy * q, q + 1)
    return fx, fy


def _shifted(g: np.ndarray, dx: int, dy: int) -> np.ndarray:
    """``g`` moved by whole pixels, uncovered parts white."""
    if not dx and not dy:
        return g
    h, w = g.shape
    out = np.full_like(g, 255)
    out[max(0, dy):min(h, h + dy), max(0, dx):min(w, w + dx)] = \
        g[max(0, -dy):min(h, h - dy), max(0, -dx):min(w, w - dx)]
    return out


def _changed(a: np.ndarray, b: np.ndarray, border: int) -> np.ndarray:
    """Pixels whose 3 x 3 mean differs by more than the threshold.

    The difference is averaged rather than the images (the same by linearity, one filter
    instead of two): the fringes a sub-pixel misregistration leaves on both sides of a thin
    stroke cancel out, a changed character or stroke does not."""
    d = a.astype(np.int16) - b.astype(np.int16)
    s = d.copy()
    s[1:, :] += d[:-1, :]
    s[:-1, :] += d[1:, :]
    t = s.copy()
    t[:, 1:] += s[:, :-1]
    t[:, :-1] += s[:, 1:]
    mask = np.abs(t) > 9 * _THRESHOLD
    if border:
        mask[:border, :] = False
        mask[-border:, :] = False
        mask[:, :border] = False
        mask[:, -border:] = False
    return mask


def _skewed(g: np.ndarray, angle: float) -> np.ndarray:
    img = Image.fromarray(np.ascontiguousarray(g))
    return np.asarray(img.rotate(-angle, Image.Resampling.BILINEAR, fillcolor=255))


def visual_diff(pixels_a: Pixels, pixels_b: Pixels) -> VisualDiff:
    """Regions where two renders of a page differ, after registering B onto A.

    B is turned by the quarter turn that fits A best (reported as ``rotation``), scaled to A's
    size and moved by the shift that phase correlation and ink profiles find; when the
    differences are spread over the whole page a small skew (up to 1.5 degrees) is tried as
    well. The difference is averaged over 3 x 3 pixels and thresholded; changed pixels are
    gathered on a grid of small cells (an opening: lone noisy pixels do not fill a cell), and
    touching cells form regions.
    """
    k = max(1, math.ceil(max(pixels_a.width, pixels_a.height) / _WORK_SIDE))
    a = _gray(pixels_a, k)
    b_full = _gray(pixels_b, max(1, math.ceil(max(pixels_b.width, pixels_b.height) / _WORK_SIDE)))
    turn = _turn_of(a, b_full)
    turned_b = _turned(b_full, turn)
    b = _resized(turned_b, a.shape)
    h, w = a.shape
    # B's render pixels → the working frame of A, before the shift.
    base = np.diag([w / turned_b.shape[1], h / turned_b.shape[0], 1.0]) @ np.diag(
        [turned_b.shape[1] / (pixels_b.height if turn in (90, 270) else pixels_b.width),
         turned_b.shape[0] / (pixels_b.width if turn in (90, 270) else pixels_b.height), 1.0]) @ _mat(
        geometry.rotation_matrix(pixels_b.width, pixels_b.height, turn))
    dx, dy = _register(a, b)
    mask = _changed(a, _shifted(b, dx, dy), max(abs(dx), abs(dy)))
    m = _translate(dx, dy) @ base
    regions = _regions(mask)
    skew = 0.0
    if len(regions) >= 3 and _spread(regions) > 0.1 * h:
        best = int(mask.sum())
        for angle in (-1.5, -1.0, -0.5, 0.5, 1.0, 1.5):
            rotated = _skewed(b, angle)
            sx, sy = _register(a, rotated)
            margin = max(abs(sx), abs(sy)) + int(math.sin(math.radians(abs(angle))) * max(h, w)) + 1
            trial = _changed(a, _shifted(rotated, sx, sy), margin)
            if trial.sum() < 0.5 * best:
                best, mask, skew, dx, dy = int(trial.sum()), trial, angle, sx, sy
        if skew:
            t = math.radians(skew)
            spin = _translate(w / 2.0, h / 2.0) @ np.array([[math.cos(t), -math.sin(t), 0.0],
                                                          [math.sin(t), math.cos(t), 0.0],
                                                          [0.0, 0.0, 1.0]]) @ _translate(-w / 2.0, -h / 2.0)
            m = _translate(dx, dy) @ spin @ base
            regions = _regions(mask)
    to_b = np.linalg.inv(m)
    rects_a, rects_b = [], []
    for x0, y0, x1, y1 in regions:
        rects_a.append((x0 * k, y0 * k, min(pixels_a.width, x1 * k), min(pixels_a.height, y1 * k)))
        corners = to_b @ np.array([[x0, x1, x0, x1], [y0, y0, y1, y1], [1.0, 1.0, 1.0, 1.0]])
        rects_b.append((float(max(0.0, corners[0].min())), float(max(0.0, corners[1].min())),
                        float(min(pixels_b.width, corners[0].max())),
                        float(min(pixels_b.height, corners[1].max()))))
    return VisualDiff(tuple(rects_a), tuple(rects_b), turn, (float(dx * k), float(dy * k)), skew)


def _spread(regions: list[Box]) -> float:
    return max(r[3] for r in regions) - min(r[1] for r in regions)


def _regions(mask: np.ndarray) -> list[Box]:
    """Bounding boxes (working pixels) of groups of changed cells."""
    h, w = mask.shape
    ch, cw = -(-h // _CELL), -(-w // _CELL)
    # Block means of 0/128 give twice the changed count of each cell (C speed, no overflow).
    counts = (np.asarray(Image.fromarray(mask.view(np.uint8) * 128).reduce(_CELL), dtype=np.int32)
              * (_CELL * _CELL) // 128)
    cells = counts >= _CELL_MIN
    # Close small gaps: cells touching a changed cell (8-neighbourhood) join its region.
    grown = cells.copy()
    grown[1:, :] |= cells[:-1, :]
    grown[:-1, :] |= cells[1:, :]
    grown[:, 1:] |= cells[:, :-1]
    grown[:, :-1] |= cells[:, 1:]
    seen = np.zeros_like(grown)
    out: list[Box] = []
    for sy, sx in zip(*np.nonzero(cells)):
        if seen[sy, sx]:
            continue
        stack = [(sy, sx)]
        seen[sy, sx] = True
        members = []
        while stack:
            y, x = stack.pop()
            members.append((y, x))
            for ny in (y - 1, y, y + 1):
                for nx in (x - 1, x, x + 1):
                    if 0 <= ny < ch and 0 <= nx < cw and grown[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        ys = [y for y, x in members if cells[y, x]]
        xs = [x for y, x in members if cells[y, x]]
        if not ys or sum(int(counts[y, x]) for y, x in members) < _REGION_MIN:
            continue
        y0, y1 = min(ys) * _CELL, (max(ys) + 1) * _CELL
        x0, x1 = min(xs) * _CELL, (max(xs) + 1) * _CELL
        sub = mask[y0:y1, x0:x1]
        rows, cols = np.nonzero(sub.any(axis=1))[0], np.nonzero(sub.any(axis=0))[0]
        out.append((float(x0 + cols[0]), float(y0 + rows[0]), float(x0 + cols[-1] + 1),
                    float(y0 + rows[-1] + 1)))
    return _merge_lines(out)


def _merge_lines(boxes: list[Box]) -> list[Box]:
    """Join regions side by side on one line (the words of a changed line) into one."""
    boxes = sorted(boxes, key=lambda r: (r[1], r[0]))
    merged = True
    while merged:
        merged = False
        out: list[Box] = []
        for r in boxes:
            for k, q in enumerate(out):
                overlap = min(r[3], q[3]) - max(r[1], q[1])
                gap = max(r[0], q[0]) - min(r[2], q[2])
                if overlap > 0.5 * min(r[3] - r[1], q[3] - q[1]) and gap < 4 * _CELL:
                    out[k] = (min(r[0], q[0]), min(r[1], q[1]), max(r[2], q[2]), max(r[3], q[3]))
                    merged = True
                    break
            else:
                out.append(r)
        boxes = out
    return boxes


def _visual_page(doc_a: PdfDocument, page_a: int, doc_b: PdfDocument, page_b: int,
                 scale: float) -> list[Difference]:
    found = visual_diff(doc_a.render(page_a, scale), doc_b.render(page_b, scale))
    out: list[Difference] = []
    if found.rotation:
        out.append(_rotated(doc_a, page_a, doc_b, page_b, found.rotation))
    to_a = geometry.concat(geometry.scale_matrix(1.0 / scale), doc_a.display_to_page(page_a))
    to_b = geometry.concat(geometry.scale_matrix(1.0 / scale), doc_b.display_to_page(page_b))
    for ra, rb in zip(found.rects, found.rects_b):
        out.append(Difference(CHANGED, VISUAL, page_a, page_b, "", "",
                              (geometry.transform_rect(to_a, ra),), (geometry.transform_rect(to_b, rb),)))
    return out


# ---------------------------------------------------------------------------- whole documents

OcrFn = Callable[[str, int], Sequence[Word]]
ProgressFn = Callable[[int, int, str], None]


@dataclass
class _Side:
    path: str
    doc: PdfDocument
    pages: list[int]
    words: dict[int, list[Word]] = field(default_factory=dict)
    models: dict[int, PageText] = field(default_factory=dict)
    has_text: dict[int, bool] = field(default_factory=dict)
    hashes: dict[int, tuple] = field(default_factory=dict)


def _has_text_layer(words: Sequence[Word]) -> bool:
    return any(w.text.strip() for w in words)


def compare_documents(path_a, path_b, pages_a: Sequence[int] | None = None,
                      pages_b: Sequence[int] | None = None, mode: str = "auto",
                      ocr: OcrFn | None = None, progress: ProgressFn | None = None,
                      cancelled: Callable[[], bool] | None = None,
                      scale: float = VISUAL_SCALE) -> Comparison:
    """Compare two documents (or the given pages of each, 0-based) and return a Comparison.

    ``mode`` 'text' compares text layers (pages without one are read by ``ocr(path, page)``
    when given, else listed in ``unreadable``); 'visual' compares renders at ``scale`` pixels
    per point; 'auto' compares text where both pages have a text layer and renders elsewhere.
    ``progress(done, total, what)`` is called as pages are read and compared; when
    ``cancelled()`` turns true, ComparisonCancelled is raised.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    path_a, path_b = str(path_a), str(path_b)
    with PdfDocument.open(path_a) as doc_a, PdfDocument.open(path_b) as doc_b:
        sides = []
        for path, doc, pages in ((path_a, doc_a, pages_a), (path_b, doc_b, pages_b)):
            chosen = list(range(doc.page_count)) if pages is None else [int(p) for p in pages]
            for p in chosen:
                if not 0 <= p < doc.page_count:
                    raise ValueError(f"page {p} is outside 0..{doc.page_count - 1} of {path}")
            sides.append(_Side(path, doc, chosen))
        a, b = sides
        total = 2 * (len(a.pages) + len(b.pages))
        done = 0

        def step(what: str) -> None:
            nonlocal done
            if cancelled is not None and cancelled():
                raise ComparisonCancelled("The comparison was cancelled.")
            done += 1
            if progress is not None:
                progress(done, total, what)

        unreadable: list[tuple[str, int]] = []
        for name, side in (("a", a), ("b", b)):
            for p in side.pages:
                step("read")
                words = side.doc.words(p)
                side.has_text[p] = _has_text_layer(words)
                if side.has_text[p]:
                    side.models[p] = _page_text(side.doc, p)
                else:
                    if mode == "text" and ocr is not None:
                        words = list(ocr(side.path, p))
                    elif mode == "text":
                        unreadable.append((name, p))
                    side.hashes[p] = page_hash(side.doc.thumbnail(p, 96))
                side.words[p] = words

        def text_of(side: _Side, p: int) -> str:
            return " ".join(w.text for w in side.words[p])

        def hash_of(side: _Side, p: int):
            return side.hashes.get(p) if not text_of(side, p) else None

        pairs_raw = align_pages([text_of(a, p) for p in a.pages], [text_of(b, p) for p in b.pages],
                                [hash_of(a, p) for p in a.pages], [hash_of(b, p) for p in b.pages])
        pairs = tuple(PagePair(None if i is None else a.pages[i], None if j is None else b.pages[j], s)
                      for i, j, s in pairs_raw)
        differences: list[Difference] = []
        for pair in pairs:
            pa, pb = pair.page_a, pair.page_b
            if pa is None:
                step("compare")
                differences.append(Difference(INSERTED, PAGE, None, pb, "", text_of(b, pb)[:200],
                                              (), (_page_box(doc_b, pb),)))
                continue
            if pb is None:
                step("compare")
                differences.append(Difference(DELETED, PAGE, pa, None, text_of(a, pa)[:200], "",
                                              (_page_box(doc_a, pa),), ()))
                continue
            step("compare")
            step("compare")
            both_text = a.has_text[pa] and b.has_text[pb]
            if mode == "visual" or (mode == "auto" and not both_text):
                differences.extend(_visual_page(doc_a, pa, doc_b, pb, scale))
            elif ("a", pa) in unreadable or ("b", pb) in unreadable:
                continue
            else:
                tokens_a = _tokens_from_text(a.models[pa]) if pa in a.models else _tokens(a.words[pa])
                tokens_b = _tokens_from_text(b.models[pb]) if pb in b.models else _tokens(b.words[pb])
                found = _diff_tokens(tokens_a, tokens_b, pa, pb)
                turn = (doc_b.page_rotation(pb) - doc_a.page_rotation(pa)) % 360
                if turn:
                    found.insert(0, _rotated(doc_a, pa, doc_b, pb, turn))
                differences.extend(found)
        if progress is not None:
            progress(total, total, "done")
        return Comparison(path_a, path_b, mode, pairs, tuple(differences),
                          tuple(p.page_b for p in pairs if p.page_a is None),
                          tuple(p.page_a for p in pairs if p.page_b is None), tuple(unreadable))
