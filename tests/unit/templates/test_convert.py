"""DOCX → PDF with both engines, and the seal stamped on the converted documents.

LibreOffice is slow to start, so each engine converts all eight filled templates once per
module."""
from __future__ import annotations

import re
from pathlib import Path

import pymupdf
import pytest

from demo_contexts import CONTEXTS, ISSUE_DATE_CN
from templates.convert import ENGINE_LIBREOFFICE, ENGINE_MUPDF, docx_to_html, docx_to_pdf_many, libreoffice_path
from templates.manifest import library_names, load_manifest, template_paths
from templates.render import fill, seal_anchor_text
from templates.seal import stamp_seal

NAMES = library_names()
SEAL = (Path(__file__).resolve().parents[3] / "resources" / "seal" / "demo_seal.png").read_bytes()
ENGINES = ["mupdf", pytest.param("libreoffice", marks=[
    pytest.mark.skipif(libreoffice_path() is None, reason="LibreOffice is not installed"), pytest.mark.slow])]


@pytest.fixture(scope="module")
def filled() -> dict[str, bytes]:
    return {name: fill(name, CONTEXTS[name]) for name in NAMES}


@pytest.fixture(scope="module", params=ENGINES)
def converted(request, filled) -> tuple[str, dict[str, bytes]]:
    pdfs, engine = docx_to_pdf_many(list(filled.values()), engine=request.param)
    return engine, dict(zip(filled, pdfs))


def _squeezed(pdf: bytes) -> str:
    # LibreOffice spaces CJK from Latin text and lines wrap anywhere: compare without whitespace.
    with pymupdf.open("pdf", pdf) as doc:
        return re.sub(r"\s", "", "".join(page.get_text() for page in doc))


def _expected_values(name: str) -> list[str]:
    context = CONTEXTS[name]
    manifest = load_manifest(template_paths(name)[1])
    values = [context["court_name"], context["case_no"]]
    values += [v for k, v in context.items() if manifest.field(k) is not None and k in (
        "applicant", "cause", "basis_document", "contact_phone", "court_account", "account", "debtor", "bank_name",
        "interviewee", "place")]
    if manifest.seal is not None:
        values.append(ISSUE_DATE_CN)
    return [re.sub(r"\s", "", v) for v in values]


def test_engine_is_named(converted):
    engine, pdfs = converted
    assert engine in (ENGINE_MUPDF, ENGINE_LIBREOFFICE)
    assert set(pdfs) == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_pdf_text_carries_the_filled_values(converted, name):
    _, pdfs = converted
    text = _squeezed(pdfs[name])
    for value in _expected_values(name):
        assert value in text, f"{value} missing from {name}"
    assert "{{" not in text and "{%" not in text


def test_amounts_in_figures_and_capitals_reach_the_pdf(converted):
    _, pdfs = converted
    text = _squeezed(pdfs["执行裁定书（冻结、扣划）"])
    assert "以人民币60,086.20元（陆万零捌拾陆元贰角）为限" in text
    assert "答：3月7日收到了，公司的也是我签收的。" in _squeezed(pdfs["执行笔录"])


def test_pages_are_a4(converted):
    _, pdfs = converted
    for pdf in pdfs.values():
        with pymupdf.open("pdf", pdf) as doc:
            assert abs(doc[0].rect.width - 595.3) < 1 and abs(doc[0].rect.height - 841.9) < 1


@pytest.mark.parametrize("name", [n for n in NAMES if n != "执行笔录"])
def test_seal_lands_on_the_date_line(converted, name):
    _, pdfs = converted
    anchor = seal_anchor_text(load_manifest(template_paths(name)[1]), CONTEXTS[name])
    with pymupdf.open("pdf", pdfs[name]) as before:
        page_no = max(p.number for p in before if p.search_for(anchor))
        date_rect = before[page_no].search_for(anchor)[-1]
    sealed = stamp_seal(pdfs[name], SEAL, anchor, size_mm=42)
    with pymupdf.open("pdf", sealed) as doc:
        placed = {p.number: p.get_image_info() for p in doc if p.get_image_info()}
        assert list(placed) == [page_no]
        [image] = placed[page_no]
        box = pymupdf.Rect(image["bbox"])
        assert abs(box.width - 42 * 72 / 25.4) < 0.5
        centre = (box.tl + box.br) / 2
        assert date_rect.contains(centre) or abs(centre.y - (date_rect.y0 + date_rect.y1) / 2) < 1


def test_html_rendering_keeps_alignment_indent_and_weight(filled):
    html, page, body = docx_to_html(filled["执行通知书"])
    assert round(page.width) == 595 and round(page.height) == 842
    assert round(body.x0) == round(28 * 72 / 25.4) and round(body.y0) == round(37 * 72 / 25.4)
    court = re.search(r'<p style="([^"]*)"><span style="([^"]*)">陕西省榆川县人民法院</span>', html)
    assert "text-align:center" in court[1] and "font-weight:bold" in court[2] and "font-size:18.0pt" in court[2]
    assert re.search(r'text-align:right[^"]*"><span[^>]*>（2024）陕0823执123号<', html)
    assert re.search(r'text-indent:32.0pt[^"]*"><span[^>]*>申请执行人李秀兰与你', html)
