"""Reading the words of a page that has no text layer (a scan), with Tesseract through MuPDF.

MuPDF carries its own Tesseract; it only needs the language data (``chi_sim`` and ``eng``
``.traineddata`` files), found where ``pymupdf.get_tessdata()`` looks: ``TESSDATA_PREFIX``
or the Tesseract installation of the system (Debian: ``tesseract-ocr-chi-sim``).

Recognition takes seconds a page, so results can be kept: ``ocr_page_words`` takes a
``cache_get(digest, page, engine=...)`` and ``cache_put(digest, page, words, engine=...)``
pair (``StoreSession.ocr_get`` / ``ocr_put`` fit) keyed by the file's SHA-256 — the store's
blob digest — so a page is read once for every desk.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Sequence

import pymupdf

from viewer.core.text import Word, page_text_from_rawdict, page_words

LANGUAGES = "chi_sim+eng"
DPI = 300
# Names the recognizer and its settings: words read another way are kept apart in a cache.
ENGINE = f"mupdf-tesseract/{LANGUAGES}/{DPI}"

CacheGet = Callable[..., Sequence | None]
CachePut = Callable[..., None]


class OcrUnavailable(Exception):
    """Text recognition cannot run here: the Tesseract language data is missing."""


@functools.lru_cache(maxsize=1)
def tessdata_dir() -> str | None:
    """The folder holding Tesseract's language data for Chinese and English, or None."""
    try:
        found = pymupdf.get_tessdata()
    except Exception:  # PyMuPDF raises a bare RuntimeError when nothing is installed
        return None
    if not found:
        return None
    for language in LANGUAGES.split("+"):
        if not os.path.isfile(os.path.join(found, f"{language}.traineddata")):
            return None
    return str(found)


def ocr_available() -> bool:
    """True when pages without text can be read here (Tesseract data for chi_sim and eng)."""
    return tessdata_dir() is not None


def file_digest(path: str | os.PathLike) -> str:
    """SHA-256 of a file, hex: the store's name for its blob."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def words_to_json(words: Sequence[Word]) -> list[list]:
    """Words as plain lists [x0, y0, x1, y1, text, block, line, index] for a cache."""
    return [[w.x0, w.y0, w.x1, w.y1, w.text, w.block, w.line, w.index] for w in words]


def words_from_json(rows: Sequence[Sequence]) -> list[Word]:
    """The inverse of words_to_json."""
    return [Word(float(r[0]), float(r[1]), float(r[2]), float(r[3]), str(r[4]), int(r[5]),
                 int(r[6]), int(r[7])) for r in rows]


def ocr_page_words(path: str | os.PathLike, page: int, *, digest: str | None = None,
                   cache_get: CacheGet | None = None, cache_put: CachePut | None = None,
                   ) -> list[Word]:
    """The words Tesseract reads on page ``page`` (0-based) of ``path``, in page coordinates.

    With a cache, ``cache_get(digest, page, engine=ENGINE)`` is asked first and a fresh
    result is handed to ``cache_put(digest, page, words_as_lists, engine=ENGINE)``; ``digest``
    defaults to the file's SHA-256. Raises OcrUnavailable when the language data is missing.
    """
    if cache_get is not None or cache_put is not None:
        digest = digest or file_digest(path)
    if cache_get is not None:
        kept = cache_get(digest, page, engine=ENGINE)
        if kept is not None:
            return words_from_json(kept)
    tessdata = tessdata_dir()
    if tessdata is None:
        raise OcrUnavailable("Text recognition is not installed: the Tesseract language data for "
                             "Chinese (chi_sim) and English was not found.")
    with pymupdf.open(os.fspath(path)) as doc:
        p = doc.load_page(page)
        textpage = p.get_textpage_ocr(language=LANGUAGES, dpi=DPI, full=True, tessdata=tessdata)
        raw = p.get_text("rawdict", textpage=textpage)
    words = page_words(page_text_from_rawdict(raw))
    if cache_put is not None:
        cache_put(digest, page, words_to_json(words), engine=ENGINE)
    return words


def page_reader(cache_get: CacheGet | None = None, cache_put: CachePut | None = None
                ) -> Callable[[str, int], list[Word]]:
    """An ``ocr(path, page)`` callable for compare_documents, hashing each file once."""
    digests: dict[str, str] = {}

    def read(path: str, page: int) -> list[Word]:
        if (cache_get or cache_put) and path not in digests:
            digests[path] = file_digest(path)
        return ocr_page_words(path, page, digest=digests.get(path), cache_get=cache_get,
                              cache_put=cache_put)

    return read
