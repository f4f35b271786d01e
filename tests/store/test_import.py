"""Importing files: bad inputs refused with a reason, duplicates stored once, all-or-nothing batches."""
from __future__ import annotations

import errno

import pymupdf
import pytest

from storage.errors import InvalidInput, StoreError
from storage.importer import ImportCancelled
from storage.store import Store

CASE = "（2024）陕0823执123号"


def make_pdf(path, pages=1, text="page"):
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page().insert_text((72, 72), f"{text} {i + 1}")
    doc.save(path)
    return str(path)


@pytest.fixture
def case(admin):
    admin.create_case(CASE)
    return admin


def documents(session):
    return [(d.title, d.page_count) for d in session.documents(CASE)]


def test_import_stores_once_and_reads_back_verified(case, tmp_path):
    a = make_pdf(tmp_path / "判决书.pdf", 3, "judgment")
    report = case.import_files(CASE, [a], volume="正卷", doc_type="判决书")
    assert [(f.page_count, f.note) for f in report.imported] == [(3, "")]
    assert documents(case) == [("判决书", 3)]
    path = case.document_path(report.imported[0].document_id)
    with open(a, "rb") as f:
        assert path.read_bytes() == f.read()
    assert case.verify().ok


def test_bad_files_are_refused_with_a_reason_and_nothing_is_written(case, tmp_path):
    good = make_pdf(tmp_path / "good.pdf")
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "notes.pdf").write_text("Hello, this is not a PDF at all")
    with open(make_pdf(tmp_path / "whole.pdf", 5), "rb") as f:
        whole = f.read()
    (tmp_path / "truncated.pdf").write_bytes(whole[:200])
    enc = pymupdf.open(good)
    enc.save(tmp_path / "locked.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="s3cret", owner_pw="o")
    files = [str(tmp_path / n) for n in ("empty.pdf", "notes.pdf", "truncated.pdf", "locked.pdf")]
    report = case.import_files(CASE, files)
    reasons = dict(report.refused)
    assert "0 bytes" in reasons[files[0]] or "empty" in reasons[files[0]]
    assert "not a PDF" in reasons[files[1]]
    assert reasons[files[2]]
    assert "password" in reasons[files[3]]
    assert all("\n" not in r for r in reasons.values())
    assert report.imported == [] and documents(case) == []


def test_encrypted_pdf_with_its_password_is_stored_readable(case, tmp_path):
    src = pymupdf.open(make_pdf(tmp_path / "plain.pdf", 2))
    src.save(tmp_path / "locked.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="s3cret", owner_pw="o")
    report = case.import_files(CASE, [tmp_path / "locked.pdf"], password="s3cret")
    assert report.ok and "decrypted" in report.imported[0].note
    stored = pymupdf.open(case.document_path(report.imported[0].document_id))
    assert not stored.needs_pass and stored.page_count == 2


def test_same_file_twice_is_reported_and_stored_once(case, tmp_path):
    a = make_pdf(tmp_path / "a.pdf")
    copy = tmp_path / "copy-of-a.pdf"
    with open(a, "rb") as f:
        copy.write_bytes(f.read())
    first = case.import_files(CASE, [a, copy])
    assert len(first.imported) == 1 and [p for p, _ in first.duplicates] == [str(copy)]
    again = case.import_files(CASE, [a])
    assert again.imported == [] and again.duplicates == [(a, "a")]
    assert documents(case) == [("a", 1)]


def test_images_become_pdfs(case, tmp_path):
    from PIL import Image
    Image.new("RGB", (600, 800), "white").save(tmp_path / "scan.png")
    frames = [Image.new("L", (300, 400), v) for v in (255, 200, 150)]
    frames[0].save(tmp_path / "scans.tiff", save_all=True, append_images=frames[1:])
    report = case.import_files(CASE, [tmp_path / "scan.png", tmp_path / "scans.tiff"])
    assert sorted(f.page_count for f in report.imported) == [1, 3]
    for f in report.imported:
        assert pymupdf.open(case.document_path(f.document_id)).page_count == f.page_count


def test_ten_thousand_page_pdf_is_accepted(case, tmp_path):
    doc = pymupdf.open()
    for _ in range(10_000):
        doc.new_page(width=200, height=200)
    doc.save(tmp_path / "huge.pdf")
    report = case.import_files(CASE, [tmp_path / "huge.pdf"])
    assert [f.page_count for f in report.imported] == [10_000]


def test_cancelled_import_leaves_nothing_and_can_be_rerun(case, tmp_path):
    files = [make_pdf(tmp_path / f"f{i}.pdf", 1, f"file {i}") for i in range(8)]
    seen = []

    def progress(done, total, path):
        seen.append(done)

    with pytest.raises(ImportCancelled):
        case.import_files(CASE, files, progress=progress, cancelled=lambda: len(seen) > 4)
    assert documents(case) == []
    report = case.import_files(CASE, files)
    assert len(report.imported) == 8 and len(documents(case)) == 8


def test_full_disk_mid_import_changes_nothing(case, tmp_path, monkeypatch):
    files = [make_pdf(tmp_path / f"f{i}.pdf", 1, f"file {i}") for i in range(4)]
    backend = case.store.blobs
    real_put = backend.put_file
    calls = []

    def put_until_full(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_put(path, *args, **kwargs)

    monkeypatch.setattr(backend, "put_file", put_until_full)
    with pytest.raises(StoreError, match="No space left"):
        case.import_files(CASE, files)
    assert documents(case) == []
    monkeypatch.setattr(backend, "put_file", real_put)
    assert len(case.import_files(CASE, files).imported) == 4


def test_thousand_files_are_one_operation_with_progress(case, tmp_path):
    files = []
    for i in range(1000):
        doc = pymupdf.open()
        doc.new_page(width=300, height=300).insert_text((20, 40), f"exhibit {i}")
        files.append(str(tmp_path / f"exhibit-{i:04d}.pdf"))
        doc.save(files[-1])
    ticks = []
    report = case.import_files(CASE, files, progress=lambda done, total, path: ticks.append((done, total)))
    assert len(report.imported) == 1000 and report.ok
    assert ticks[0] == (0, 1000) and ticks[-1] == (1000, 1000)
    assert len(case.documents(CASE)) == 1000
    imports = [e for e in case.audit_events(CASE) if e.action == "import"]
    assert len(imports) == 1000


@pytest.mark.parametrize("where", ["//archive-server/dossiers/archive.sqlite3",
                                   "\\\\archive-server\\dossiers\\archive.sqlite3"])
def test_sqlite_on_a_network_share_is_refused(where):
    with pytest.raises(InvalidInput, match="network share"):
        Store.open("sqlite:///" + where)
