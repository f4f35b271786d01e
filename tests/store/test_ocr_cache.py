"""The OCR cache on SQLite and PostgreSQL: kept per blob, page and engine; only for readers."""
from __future__ import annotations

import hashlib

import pymupdf
import pytest

from storage.errors import AccessDenied, InvalidInput, NotFound

CASE = "（2024）陕0823执77号"
WORDS = [[72.0, 60.0, 180.5, 74.2, "人民币50,000元", 0, 0, 0], [190.0, 60.0, 230.0, 74.2, "整", 0, 0, 1]]


@pytest.fixture
def scan(admin, tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "扫描件", fontname="china-s")
    path = tmp_path / "scan.pdf"
    doc.save(path)
    admin.add_user("judge1", "judge", "pw")
    admin.add_user("clerk9", "clerk", "pw")
    admin.create_case(CASE)
    admin.assign(CASE, "judge1", "judge")
    admin.import_files(CASE, [path])
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_words_are_kept_per_page_and_engine(store, scan):
    judge = store.as_user("judge1")
    assert judge.ocr_get(scan, 0) is None
    judge.ocr_put(scan, 0, WORDS)
    assert judge.ocr_get(scan, 0) == WORDS
    assert judge.ocr_get(scan, 0, engine="other") is None
    assert judge.ocr_get(scan, 1) is None
    # Another desk sees it; storing again replaces the words.
    store.as_user("admin").ocr_put(scan, 0, WORDS[:1])
    assert judge.ocr_get(scan, 0) == WORDS[:1]


def test_only_readers_of_the_file_use_its_cache(store, scan):
    clerk = store.as_user("clerk9")
    with pytest.raises(AccessDenied):
        clerk.ocr_get(scan, 0)
    with pytest.raises(AccessDenied):
        clerk.ocr_put(scan, 0, WORDS)
    assert store.as_user("judge1").ocr_get(scan, 0) is None
    refused = [e for e in store.as_user("admin").audit_events() if e.action == "refused"]
    assert {e.details["action"] for e in refused} == {"ocr-read", "ocr-write"}
    with pytest.raises(NotFound):
        store.as_user("judge1").ocr_get("0" * 64, 0)


def test_bad_input_is_refused(store, scan):
    judge = store.as_user("judge1")
    with pytest.raises(InvalidInput):
        judge.ocr_put(scan, -1, WORDS)
    with pytest.raises(InvalidInput):
        judge.ocr_put(scan, 0, [[1, 2, 3, "no box"]])
    with pytest.raises(InvalidInput):
        judge.ocr_put(scan, 0, [[0, 0, float("nan"), 1, "x", 0, 0, 0]])


def test_ocr_table_matches_the_model(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from storage.models import Base
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert [d for d in diffs if "ocr_text" in repr(d)] == []
