"""The demo case's documents: they exist, open, read like the case they describe, and repeat."""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import pymupdf
import pytest

from storage.demo_content import (
    credit_code_check_char, demo_case, resident_id_check_digit, write_demo_files,
)

SCANS = ("13_证据_借条.pdf", "14_证据_转账凭证.pdf", "15_证据_身份证复印件.pdf")
JUDGMENT = "02_民事判决书.pdf"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("demo")
    return out, write_demo_files(out)


def _text(path: Path) -> str:
    # Line breaks fall wherever the layout wrapped; facts are searched across them.
    with pymupdf.open(path) as doc:
        return "".join(page.get_text() for page in doc).replace("\n", "")


# Independent implementations of the two national check-character rules.
def _valid_resident_id(number: str) -> bool:
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    total = sum(int(d) * w for d, w in zip(number[:17], weights))
    return number[17] == "10X98765432"[total % 11]


def _valid_credit_code(code: str) -> bool:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    if len(code) != 18 or any(c not in chars for c in code):
        return False
    weights = [3 ** i % 31 for i in range(17)]
    total = sum(chars.index(c) * w for c, w in zip(code[:17], weights))
    if chars[(31 - total % 31) % 31] != code[17]:
        return False
    # Positions 9-17 are a GB 11714 organisation code with its own check character.
    org = code[8:17]
    total = sum(int(c, 36) * w for c, w in zip(org[:8], (3, 7, 9, 10, 5, 8, 4, 2)))
    expected = 11 - total % 11
    return org[8] == {10: "X", 11: "0"}.get(expected, str(expected))


def test_resident_id_check_digit_matches_the_standard_example():
    # The sample number printed in GB 11643-1999.
    assert resident_id_check_digit("11010519491231002") == "X"
    assert _valid_resident_id("11010519491231002X")
    assert not _valid_resident_id("110105194912310021")
    with pytest.raises(ValueError):
        resident_id_check_digit("1101051949123100")


def test_credit_code_check_char_refuses_letters_outside_the_alphabet():
    with pytest.raises(ValueError):
        credit_code_check_char("91610828MA70B3KXI")   # 'I' is not used by GB 32100


def test_case_describes_parties_with_valid_identifiers():
    case = demo_case()
    assert re.fullmatch(r"（\d{4}）陕\d{4}执\d+号", case.case_no)
    assert case.judge[0].isascii() and case.clerk[0].isascii()
    roles = {p.role for p in case.parties}
    assert {"申请执行人", "被执行人"} <= roles <= {"申请执行人", "被执行人", "第三人", "委托代理人"}
    kinds = {p.role: set() for p in case.parties}
    for party in case.parties:
        kinds[party.role].add(party.kind)
        if party.kind == "person":
            assert _valid_resident_id(party.id_number), party
            datetime.date(int(party.id_number[6:10]), int(party.id_number[10:12]), int(party.id_number[12:14]))
        else:
            assert party.kind == "organisation"
            assert _valid_credit_code(party.id_number), party
    assert kinds["被执行人"] == {"person", "organisation"}


def test_every_document_is_written_and_opens_with_its_title(written):
    out, paths = written
    case = demo_case()
    assert [p.name for p in paths] == [d.filename for d in case.documents]
    assert len(case.documents) >= 15
    for doc_info, path in zip(case.documents, paths):
        assert path.parent == out and path.is_file()
        assert doc_info.volume in ("正卷", "副卷")
        with pymupdf.open(path) as doc:
            assert doc.page_count >= 1
            assert doc.metadata["title"] == doc_info.title
    assert sum(p.stat().st_size for p in paths) < 40 * 1024 * 1024


def test_page_total_is_that_of_a_real_dossier(written):
    _, paths = written
    total = 0
    for path in paths:
        with pymupdf.open(path) as doc:
            total += doc.page_count
    assert 250 <= total <= 350


@pytest.mark.parametrize("name", SCANS)
def test_scanned_evidence_has_an_image_and_no_text_layer(written, name):
    out, _ = written
    with pymupdf.open(out / name) as doc:
        for page in doc:
            assert page.get_text().strip() == ""
            images = page.get_images()
            assert len(images) == 1
            assert doc.extract_image(images[0][0])["ext"] == "jpeg"


def test_judgment_carries_its_number_outline_and_internal_link(written):
    out, _ = written
    case = demo_case()
    text = _text(out / JUDGMENT)
    assert case.facts["judgment_no"] in text
    assert "判决如下" in text
    # The appendix is the last thing laid out: finding it proves no page was dropped.
    assert "应当支付迟延履行金" in text
    with pymupdf.open(out / JUDGMENT) as doc:
        assert 8 <= doc.page_count <= 14
        toc = doc.get_toc()
        assert len(toc) >= 6
        assert [entry[2] for entry in toc] == sorted(entry[2] for entry in toc)
        goto = [link for page in doc for link in page.get_links() if link["kind"] == pymupdf.LINK_GOTO]
        assert goto
        assert "附：本判决适用的法律条文" in doc[goto[0]["page"]].get_text()
        assert "附：本判决适用的法律条文" not in doc[toc[0][2] - 1].get_text()


def test_judgment_and_notices_bear_a_red_seal(written):
    out, _ = written
    for name in (JUDGMENT, "04_执行通知书.pdf", "05_报告财产令.pdf"):
        with pymupdf.open(out / name) as doc:
            reds = [d for page in doc for d in page.get_drawings()
                    if d.get("color") and d["color"][0] > 0.8 and d["color"][1] < 0.2]
            assert reds, name


def test_facts_appear_in_the_documents_they_belong_to(written):
    out, _ = written
    case = demo_case()
    names = {d.filename for d in case.documents}
    assert set(case.fact_sources) == set(case.facts)
    texts: dict[str, str] = {}
    for key, value in case.facts.items():
        source = case.fact_sources[key]
        assert source in names
        if source not in texts:
            texts[source] = _text(out / source)
        assert value in texts[source], (key, value, source)


def test_bank_statement_closes_on_the_frozen_balance(written):
    out, _ = written
    facts = demo_case().facts
    with pymupdf.open(out / "17_证据_银行流水_鑫达公司.pdf") as doc:
        assert doc.page_count >= 100
        assert facts["company_balance"] in doc[-1].get_text()
        assert "司法冻结" in doc[-1].get_text()


def test_writing_twice_gives_identical_files(written, tmp_path):
    _, first = written
    second = write_demo_files(tmp_path)
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_layout_that_would_drop_pages_is_refused():
    # MuPDF ends a story after one page when the line height divides the body height exactly.
    from storage import demo_content

    css = demo_content._CSS.replace("line-height: 28.8pt", "line-height: 29pt")
    with pytest.raises(RuntimeError, match="stopped early"):
        demo_content._flow("<p>段落文字</p>" * 60 + "<p>结尾在此处</p>", css=css)
