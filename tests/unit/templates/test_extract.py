"""Field extraction with provenance, on the demo case's own documents."""
from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from storage.demo_content import demo_case, write_demo_files
from templates.extract import Field, PageText, extract_fields
from templates.fields import validate_amount, validate_date

CASE = demo_case()
FACTS, SOURCES = CASE.facts, CASE.fact_sources


@pytest.fixture(scope="module")
def dossier(tmp_path_factory) -> tuple[Path, list[PageText]]:
    out = tmp_path_factory.mktemp("dossier")
    pages = []
    for path in write_demo_files(out):
        with pymupdf.open(path) as doc:
            for page in doc:
                pages.append(PageText(path.name, doc.metadata["title"], page.number, page.get_text("words")))
    return out, pages


@pytest.fixture(scope="module")
def found(dossier) -> list[Field]:
    return extract_fields(dossier[1])


def _in(found: list[Field], document: str, name: str, value: str) -> Field:
    hits = [f for f in found if f.document_id == document and f.name == name and f.value == value]
    assert hits, f"{name}={value} not found in {document}: " + repr(
        sorted({(f.name, f.value) for f in found if f.document_id == document}))
    return hits[0]


def _shows(dossier, field: Field, text: str) -> None:
    """The rectangle really covers the value on that page."""
    with pymupdf.open(dossier[0] / field.document_id) as doc:
        covered = doc[field.page].get_textbox(pymupdf.Rect(field.rect) + (-1, -1, 1, 1))
    assert text in "".join(covered.split()), f"{field.name} rect shows {covered!r}"


@pytest.mark.parametrize("fact, name", [("case_no", "case_no"), ("judgment_no", "judgment_no")])
def test_case_numbers(dossier, found, fact, name):
    hit = _in(found, SOURCES[fact], name, FACTS[fact])
    _shows(dossier, hit, FACTS[fact])


@pytest.mark.parametrize("fact, name, role", [
    ("applicant", "applicant", "申请执行人"), ("company", "defendant", "被告"), ("debtor", "defendant", "被告"),
])
def test_parties_with_their_roles(dossier, found, fact, name, role):
    hit = _in(found, SOURCES[fact], name, FACTS[fact])
    assert hit.role == role and hit.confidence >= 0.9
    _shows(dossier, hit, FACTS[fact])


def test_parties_in_the_application(found):
    roles = {(f.name, f.value) for f in found if f.document_id == "01_执行申请书.pdf"}
    assert {("applicant", "李秀兰"), ("debtor", "榆川县鑫达建材有限公司"), ("debtor", "张伟强"), ("agent", "周婷"),
            ("legal_representative", "张伟强")} <= roles


@pytest.mark.parametrize("fact, name, holder", [
    ("applicant_id", "id_number", "李秀兰"), ("debtor_id", "id_number", "张伟强"),
    ("company_credit_code", "credit_code", "榆川县鑫达建材有限公司"),
])
def test_identity_numbers_are_checked_and_tied_to_their_holder(dossier, found, fact, name, holder):
    hit = _in(found, SOURCES[fact], name, FACTS[fact])
    assert hit.holder == holder and hit.confidence > 0.9 and not hit.note
    _shows(dossier, hit, FACTS[fact])


def test_a_mistyped_id_number_is_kept_with_low_confidence():
    words = [(100, 100, 500, 116, "被执行人：张伟强，公民身份号码610828197909230315。")]
    [party, number] = [f for f in extract_fields([PageText("x", "x", 0, words)]) if f.name in ("debtor", "id_number")]
    assert party.value == "张伟强"
    assert number.value == "610828197909230315" and number.confidence < 0.5 and "check digit" in number.note


@pytest.mark.parametrize("fact, kind", [
    ("principal", "本金"), ("interest_to_date", ""), ("execution_fee", "申请执行费"), ("execution_target", ""),
])
def test_amounts(dossier, found, fact, kind):
    value = f"{validate_amount(FACTS[fact]):,.2f}"
    hits = [f for f in found if f.document_id == SOURCES[fact] and f.name == "amount" and f.value == value]
    assert hits, value
    if kind:
        assert kind in {h.role for h in hits}
    _shows(dossier, hits[0], FACTS[fact])


def test_amount_with_renminbi_and_capital_ten_thousands():
    words = [(80, 100, 500, 116, "判决被告偿还原告借款人民币56,000元，注册资本200万元。")]
    amounts = {(f.value, f.confidence) for f in extract_fields([PageText("x", "x", 0, words)]) if f.name == "amount"}
    assert ("56,000.00", 0.9) in amounts and ("2,000,000.00", 0.75) in amounts


def test_dates_in_both_numeral_styles(dossier, found):
    signed = _in(found, SOURCES["judgment_date"], "date", validate_date(FACTS["judgment_date"]).isoformat())
    assert signed.value == "2023-11-20"
    _in(found, "02_民事判决书.pdf", "date", "2022-06-01")


def test_bank_accounts_from_a_bank_reply_table_with_their_holders(dossier, found):
    for fact, holder in (("company_account", "榆川县鑫达建材有限公司"), ("debtor_account", "张伟强")):
        hit = _in(found, SOURCES[fact], "bank_account", FACTS[fact])
        assert hit.holder == holder
        _shows(dossier, hit, FACTS[fact])


def test_bank_accounts_after_a_keyword(found):
    _in(found, "04_执行通知书.pdf", "bank_account", "27070100000018586")
    _in(found, "19_冻结审批表.pdf", "bank_account", FACTS["company_account"])


def test_operative_part_of_the_judgment(dossier, found):
    [part] = [f for f in found if f.name == "operative_part"]
    assert part.document_id == "02_民事判决书.pdf"
    lines = part.value.splitlines()
    assert lines[0].startswith("一、被告榆川县鑫达建材有限公司于本判决生效之日起十日内偿还原告李秀兰借款本金人民币56,000元")
    assert lines[1].startswith("二、被告张伟强对上述第一项债务承担连带清偿责任")
    assert "如果未按" not in part.value and "案件受理费" not in part.value
    with pymupdf.open(dossier[0] / part.document_id) as doc:
        # The heading may close one page and the first item open the next: the field points at the value.
        pages = ["".join(doc[n].get_text().split()) for n in (part.page - 1, part.page)]
        assert any("判决如下：一、被告" in text for text in pages)
    _shows(dossier, part, "一、被告榆川县鑫达建材有限公司")


def test_each_value_is_reported_once_per_document(found):
    keys = [(f.document_id, f.name, f.value, f.role, f.holder) for f in found]
    assert len(keys) == len(set(keys))


def test_scanned_pages_without_text_give_nothing(dossier):
    scans = [p for p in dossier[1] if p.document_id == "13_证据_借条.pdf"]
    assert scans and extract_fields(scans) == []
