"""The OCR cache in the store: words text recognition read on a page of a stored file.

Recognising a scanned page takes seconds; its result depends only on the file's bytes, the
page and the recognizer, so it is kept under (blob digest, page, engine) and every desk reads
it from there. A user may read or add entries only for a file they can open (a document of a
case assigned to them; administrators any); entries are not audited — they add nothing that
the file does not already hold.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from .errors import InvalidInput, NotFound
from .models import Assignment, Case, Document, OcrText, utcnow

DEFAULT_ENGINE = "tesseract"


def _words_json(words) -> str:
    if not isinstance(words, (list, tuple)):
        raise InvalidInput("OCR words must be a list of [x0, y0, x1, y1, text, block, line, index].")
    rows = []
    for w in words:
        if not isinstance(w, (list, tuple)) or len(w) != 8 or not isinstance(w[4], str):
            raise InvalidInput("Each OCR word must be [x0, y0, x1, y1, text, block, line, index].")
        box = [float(v) for v in w[:4]]
        if not all(math.isfinite(v) for v in box):
            raise InvalidInput("An OCR word's box contains a number that is not finite.")
        rows.append([*box, w[4], int(w[5]), int(w[6]), int(w[7])])
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


class OcrCacheMixin:
    """The OCR cache part of StoreSession (uses its ``store``, ``user``, ``is_admin``, ``_refuse``)."""

    def ocr_get(self, digest: str, page: int, engine: str = DEFAULT_ENGINE) -> list[list] | None:
        """The words kept for page ``page`` of blob ``digest`` read by ``engine``, or None."""
        self._check_page(page)
        with self.store.read() as s:
            self._require_blob_reader(s, digest, "ocr-read")
            row = s.get(OcrText, (digest, page, engine))
            return None if row is None else json.loads(row.words)

    def ocr_put(self, digest: str, page: int, words: Sequence, engine: str = DEFAULT_ENGINE) -> None:
        """Keep the words read on page ``page`` of blob ``digest`` by ``engine`` (replacing what
        was kept). Two desks storing the same page at once is fine: one of them wins."""
        self._check_page(page)
        if not engine or len(engine) > 64:
            raise InvalidInput("An OCR engine name has 1 to 64 characters.")
        stored = _words_json(words)
        with self.store.read() as s:
            self._require_blob_reader(s, digest, "ocr-write")
        try:
            with self.store.write() as s:
                row = s.get(OcrText, (digest, page, engine))
                if row is None:
                    s.add(OcrText(digest=digest, page=page, engine=engine, words=stored, created_at=utcnow()))
                else:
                    row.words = stored
                    row.created_at = utcnow()
        except IntegrityError:
            pass  # another desk stored this page between our look and our insert

    @staticmethod
    def _check_page(page: int) -> None:
        if isinstance(page, bool) or not isinstance(page, int) or page < 0:
            raise InvalidInput(f"Page {page!r} is not a page number (0 or more).")

    def _require_blob_reader(self, s, digest: str, action: str) -> None:
        docs = select(Document.id).where(Document.blob_digest == digest)
        if s.scalar(select(exists(docs))) is not True:
            raise NotFound(f"No stored document has the content {digest[:12]}….")
        if self.is_admin:
            return
        assigned = s.scalar(select(exists(
            select(Document.id).join(Assignment, Assignment.case_id == Document.case_id)
            .where(Document.blob_digest == digest, Assignment.user_id == self.user.id))))
        if not assigned:
            case_no = s.scalar(select(Case.case_no).join(Document, Document.case_id == Case.id)
                               .where(Document.blob_digest == digest).limit(1)) or ""
            s.rollback()
            self._refuse(action, case_no, f"{self.user.name} is not assigned to a case holding this document.")
