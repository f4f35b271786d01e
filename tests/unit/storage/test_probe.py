"""storage.probe: files are checked in a bounded worker process before they enter the archive."""
from __future__ import annotations

import os
import signal
import sys
import time

import pymupdf
import pytest
from PIL import Image

from storage.errors import InvalidInput
from storage.probe import FAULTS_ENV, Prepared, Prober, ProbeRefused, page_size_pt, prepare_file, sniff


# -- files made for the tests ----------------------------------------------------------------------

def write_pdf(path, pages=3, **save_kw):
    """A small PDF whose page i carries the text 'page i'."""
    doc = pymupdf.open()
    for number in range(pages):
        doc.new_page(width=300, height=400).insert_text((50, 50), f"page {number}")
    doc.save(str(path), **save_kw)
    doc.close()
    return str(path)


def write_flat_pdf(path, pages):
    """A PDF of `pages` empty pages written by hand: PyMuPDF would need seconds for 10,000 pages."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /MediaBox [0 0 595 842] /Count %d /Kids [%s] >>"
               % (pages, b" ".join(b"%d 0 R" % (3 + i) for i in range(pages)))]
    objects += [b"<< /Type /Page /Parent 2 0 R >>"] * pages
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    path.write_bytes(bytes(out))
    return str(path)


def page_texts(pdf_path):
    with pymupdf.open(pdf_path) as doc:
        return [page.get_text().strip() for page in doc]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("probe-out")


@pytest.fixture(scope="module")
def prober(workdir):
    with Prober(workdir=str(workdir)) as shared:
        yield shared


@pytest.fixture
def leftovers(workdir):
    """The temporary PDFs in the work folder that nobody has taken."""
    return lambda: sorted(name for name in os.listdir(workdir) if name.startswith("probe-"))


# -- plain values ------------------------------------------------------------------------------------

def test_sniff_decides_by_content():
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff(b"\r\n% mail header\r\n%PDF-1.4") == "pdf"
    assert sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "JPEG"
    assert sniff(b"II*\x00\x08\x00") == "TIFF"
    assert sniff(b"Hello world") is None


def test_page_size_uses_the_resolution_and_defaults_to_300_dpi():
    assert page_size_pt(2480, 3508, None) == pytest.approx((595.2, 841.92))
    assert page_size_pt(600, 800, (150, 150)) == pytest.approx((288, 384))
    assert page_size_pt(600, 800, (1, 1)) == pytest.approx((144, 192))
    width, height = page_size_pt(100_000, 50_000, (72, 72))
    assert (width, height) == pytest.approx((14400, 7200))


# -- PDFs --------------------------------------------------------------------------------------------

def test_plain_pdf_is_stored_as_it_is(prober, tmp_path, leftovers):
    source = write_pdf(tmp_path / "judgment.pdf", pages=3)
    result = prober.prepare(source)
    assert result == Prepared(source=source, pdf_path=source, page_count=3, kind="pdf",
                              converted=False, repaired=False)
    assert leftovers() == []


def test_pdf_named_as_an_image_is_still_a_pdf(prober, tmp_path):
    source = write_pdf(tmp_path / "scan.jpg", pages=2)
    result = prober.prepare(source)
    assert (result.kind, result.page_count, result.pdf_path) == ("pdf", 2, source)


def test_truncated_pdf_that_mupdf_repairs_is_accepted_and_marked(prober, tmp_path):
    whole = (tmp_path / "whole.pdf")
    write_pdf(whole, pages=3)
    data = whole.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) * 2 // 3])   # the xref table and trailer are gone
    result = prober.prepare(str(cut))
    assert result.repaired is True
    assert result.page_count == 3
    assert prober.prepare(str(whole)).repaired is False


def test_pdf_cut_after_its_header_is_refused_as_damaged(prober, tmp_path, leftovers):
    whole = tmp_path / "whole.pdf"
    write_pdf(whole)
    stub = tmp_path / "stub.pdf"
    stub.write_bytes(whole.read_bytes()[:20])
    with pytest.raises(ProbeRefused) as refused:
        prober.prepare(str(stub))
    message = str(refused.value)
    assert message.startswith("damaged PDF: ") and len(message) > len("damaged PDF: ")
    assert "\n" not in message and str(stub) not in message
    assert refused.value.path == str(stub)
    assert leftovers() == []


def test_pdf_without_pages_is_refused(prober, tmp_path):
    empty = tmp_path / "nopages.pdf"
    empty.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                      b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
                      b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
    with pytest.raises(ProbeRefused, match=r"^damaged PDF: "):
        prober.prepare(str(empty))


def test_encrypted_pdf_without_password_is_refused(prober, tmp_path, leftovers):
    source = write_pdf(tmp_path / "sealed.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256,
                       user_pw="s3cret", owner_pw="owner")
    with pytest.raises(ProbeRefused) as refused:
        prober.prepare(source)
    assert str(refused.value) == "encrypted: a password is needed"
    assert isinstance(refused.value, InvalidInput)
    assert leftovers() == []


def test_encrypted_pdf_with_wrong_password_is_refused(prober, tmp_path, leftovers):
    source = write_pdf(tmp_path / "sealed.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256,
                       user_pw="s3cret", owner_pw="owner")
    with pytest.raises(ProbeRefused) as refused:
        prober.prepare(source, password="guess")
    assert str(refused.value) == "wrong password"
    assert leftovers() == []


@pytest.mark.parametrize("password", ["s3cret", "owner"])
def test_encrypted_pdf_with_right_password_becomes_a_readable_copy(prober, tmp_path, password):
    source = write_pdf(tmp_path / "sealed.pdf", pages=3, encryption=pymupdf.PDF_ENCRYPT_AES_256,
                       user_pw="s3cret", owner_pw="owner")
    result = prober.prepare(source, password=password)
    try:
        assert (result.kind, result.converted, result.page_count) == ("pdf-decrypted", True, 3)
        assert result.pdf_path != source and os.path.dirname(result.pdf_path) == str(prober.workdir)
        with pymupdf.open(result.pdf_path) as copy:
            assert not copy.needs_pass and not copy.is_encrypted
        assert page_texts(result.pdf_path) == ["page 0", "page 1", "page 2"]
    finally:
        os.remove(result.pdf_path)


def test_ten_thousand_pages_are_large_not_hostile(prober, tmp_path):
    source = write_flat_pdf(tmp_path / "dossier.pdf", 10_000)
    result = prober.prepare(source)
    assert (result.page_count, result.kind, result.converted) == (10_000, "pdf", False)


# -- what is not a document -------------------------------------------------------------------------

def test_empty_file_is_refused(prober, tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ProbeRefused) as refused:
        prober.prepare(str(empty))
    assert str(refused.value) == "empty file (0 bytes)"


def test_text_file_named_pdf_is_refused(prober, tmp_path, leftovers):
    text = tmp_path / "letter.pdf"
    text.write_text("Hello world, this is not a PDF.\n")
    with pytest.raises(ProbeRefused) as refused:
        prober.prepare(str(text))
    assert str(refused.value) == "not a PDF or image (starts with 'Hello wor')"
    assert leftovers() == []


def test_missing_file_is_refused(prober, tmp_path):
    with pytest.raises(ProbeRefused, match=r"^cannot read the file"):
        prober.prepare(str(tmp_path / "gone.pdf"))


# -- images ------------------------------------------------------------------------------------------

def test_jpeg_is_embedded_without_re_encoding(prober, tmp_path):
    source = tmp_path / "photo.jpg"
    Image.new("RGB", (600, 800), (180, 40, 40)).save(source, "JPEG", dpi=(150, 150), quality=85)
    result = prober.prepare(str(source))
    try:
        assert (result.kind, result.converted, result.page_count) == ("image", True, 1)
        with pymupdf.open(result.pdf_path) as doc:
            assert doc[0].rect == pymupdf.Rect(0, 0, 288, 384)
            images = doc[0].get_images()
            assert len(images) == 1 and images[0][-1] == "DCTDecode"
            assert doc.xref_stream_raw(images[0][0]) == source.read_bytes()
    finally:
        os.remove(result.pdf_path)


def test_png_without_resolution_becomes_a_300_dpi_page(prober, tmp_path):
    source = tmp_path / "stamp.png"
    Image.new("RGBA", (300, 600), (0, 0, 200, 128)).save(source, "PNG")
    result = prober.prepare(str(source))
    try:
        with pymupdf.open(result.pdf_path) as doc:
            assert doc.page_count == 1
            assert doc[0].rect == pymupdf.Rect(0, 0, 72, 144)
            pixel = doc[0].get_pixmap(dpi=72).pixel(36, 72)
            assert pixel != (255, 255, 255)   # the image is really on the page
    finally:
        os.remove(result.pdf_path)


def test_multi_page_tiff_becomes_one_page_per_frame(prober, tmp_path):
    source = tmp_path / "scan.tif"
    frames = [Image.new("L", (400, 600), shade) for shade in (0, 90, 180, 250)]
    frames[0].save(source, "TIFF", save_all=True, append_images=frames[1:], dpi=(200, 200),
                   compression="tiff_lzw")
    result = prober.prepare(str(source))
    try:
        assert (result.page_count, result.kind) == (4, "image")
        with pymupdf.open(result.pdf_path) as doc:
            assert [page.rect for page in doc] == [pymupdf.Rect(0, 0, 144, 216)] * 4
            greys = [page.get_pixmap(dpi=36, colorspace=pymupdf.csGRAY).pixel(10, 10)[0] for page in doc]
        assert greys == pytest.approx([0, 90, 180, 250], abs=2)
    finally:
        os.remove(result.pdf_path)


def test_bmp_and_gif_become_pages(prober, tmp_path):
    for name, fmt in (("old.bmp", "BMP"), ("fax.gif", "GIF")):
        source = tmp_path / name
        Image.new("RGB", (300, 300), (10, 120, 10)).save(source, fmt)
        result = prober.prepare(str(source))
        os.remove(result.pdf_path)
        assert (result.page_count, result.kind) == (1, "image")


# -- bounds: time, memory, crashes -------------------------------------------------------------------

def make_png_bomb(path):
    """80 KB on disk, 64 MB once decoded."""
    Image.new("L", (8000, 8000), 255).save(path, "PNG", compress_level=9)
    return str(path)


def test_memory_bound_refuses_the_file_and_the_next_call_works(tmp_path, workdir, prober):
    bomb = make_png_bomb(tmp_path / "bomb.png")
    small = write_pdf(tmp_path / "small.pdf", pages=2)
    with Prober(memory_mb=32, workdir=str(workdir)) as tight:
        with pytest.raises(ProbeRefused) as refused:
            tight.prepare(bomb)
        assert str(refused.value) == "needed more than 32 MB to open"
        assert tight.prepare(small).page_count == 2
        assert tight.workers_started == 2
    # The same file within the default budget is a valid image: the refusal was the bound's doing.
    result = prober.prepare(bomb)
    os.remove(result.pdf_path)
    assert result.page_count == 1


def test_timeout_kills_the_worker_and_the_next_call_works(tmp_path, workdir, monkeypatch):
    monkeypatch.setenv(FAULTS_ENV, "slow.pdf:hang")
    slow = write_pdf(tmp_path / "slow.pdf")
    fine = write_pdf(tmp_path / "fine.pdf", pages=5)
    with Prober(timeout_s=0.5, workdir=str(workdir)) as prober:
        first_pid = prober.worker_pid
        with pytest.raises(ProbeRefused) as refused:
            prober.prepare(slow)
        assert str(refused.value) == "took longer than 0.5 s to open – the file may be hostile"
        assert prober.worker_pid != first_pid
        assert prober.prepare(fine).page_count == 5
        assert prober.workers_started == 2


@pytest.mark.skipif(sys.platform == "win32", reason="the crash fault is a POSIX signal")
def test_worker_crashing_on_a_file_is_refused_and_replaced(tmp_path, workdir, monkeypatch, leftovers):
    monkeypatch.setenv(FAULTS_ENV, "boom.pdf:crash")
    boom = write_pdf(tmp_path / "boom.pdf")
    fine = write_pdf(tmp_path / "fine.pdf", pages=4)
    with Prober(workdir=str(workdir)) as prober:
        with pytest.raises(ProbeRefused) as refused:
            prober.prepare(boom)
        assert str(refused.value) == "the file crashed the checker (signal SIGSEGV) – it is damaged or hostile"
        assert prober.prepare(fine).page_count == 4
        assert prober.workers_started == 2
    assert leftovers() == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_worker_killed_between_files_does_not_blame_the_next_file(tmp_path, workdir):
    fine = write_pdf(tmp_path / "fine.pdf", pages=2)
    with Prober(workdir=str(workdir)) as prober:
        assert prober.prepare(fine).page_count == 2
        os.kill(prober.worker_pid, signal.SIGKILL)
        assert prober.prepare(fine).page_count == 2
        assert prober.workers_started == 2


@pytest.mark.skipif(sys.platform == "win32", reason="probes the process id the POSIX way")
def test_closed_prober_leaves_no_worker(tmp_path, workdir):
    prober = Prober(workdir=str(workdir))
    prober.prepare(write_pdf(tmp_path / "one.pdf"))
    pid = prober.worker_pid
    prober.close()
    assert prober.worker_pid is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)   # stopped and reaped, not a zombie
    with pytest.raises(Exception, match="closed"):
        prober.prepare(str(tmp_path / "one.pdf"))


def test_prepare_file_one_shot(tmp_path):
    source = write_pdf(tmp_path / "once.pdf", pages=7)
    assert prepare_file(source).page_count == 7
    with pytest.raises(ProbeRefused, match="empty file"):
        (tmp_path / "zero.pdf").write_bytes(b"")
        prepare_file(str(tmp_path / "zero.pdf"))


def test_one_thousand_files_reuse_one_worker(prober, tmp_path):
    data = (tmp_path / "model.pdf")
    write_pdf(data, pages=2)
    paths = []
    for number in range(1000):
        path = tmp_path / f"file{number:04}.pdf"
        path.write_bytes(data.read_bytes())
        paths.append(str(path))
    before = prober.workers_started
    started = time.perf_counter()
    counts = {prober.prepare(path).page_count for path in paths}
    elapsed = time.perf_counter() - started
    assert counts == {2}
    assert prober.workers_started == before
    print(f"\nprobe throughput: {len(paths) / elapsed:.0f} files/s over {len(paths)} small PDFs, one worker")
