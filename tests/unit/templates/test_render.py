"""Filling the library templates, and checking templates an administrator adds."""
from __future__ import annotations

import io
import json
import re
import zipfile

import docx
import pytest

from demo_contexts import CONTEXTS, ISSUE_DATE_CN
from templates.build_library import BUILDERS
from templates.manifest import library_names, load_manifest, template_paths
from templates.render import (
    MissingFieldError, PlaceholderLeftError, TemplateFillError, TemplateRejected, accept_template, check_template,
    fill, seal_anchor_text,
)

NAMES = library_names()


def _text(docx_bytes: bytes) -> str:
    doc = docx.Document(io.BytesIO(docx_bytes))
    return "\n".join(p.text for p in doc.paragraphs)


def test_the_library_holds_the_eight_enforcement_documents():
    assert len(BUILDERS) == len(NAMES) == 8
    assert {"执行通知书", "报告财产令", "执行裁定书（冻结、扣划）", "协助执行通知书（银行）", "限制消费令", "执行笔录",
            "终结本次执行程序裁定书", "结案通知书"} == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_library_template_passes_its_own_check(name):
    docx_path, manifest_path = template_paths(name)
    assert check_template(docx_path, manifest_path) == []


@pytest.mark.parametrize("name", NAMES)
def test_every_template_fills_from_the_demo_case_without_markup_left(name):
    text = _text(fill(name, CONTEXTS[name]))
    assert not re.search(r"\{\{|\{%|%\}|\}\}", text)
    context = CONTEXTS[name]
    assert context["court_name"] in text and context["case_no"] in text
    manifest = load_manifest(template_paths(name)[1])
    if manifest.seal is not None:
        assert seal_anchor_text(manifest, context) == ISSUE_DATE_CN
        assert ISSUE_DATE_CN in text.splitlines()


def test_amounts_dates_and_lists_print_as_court_documents_write_them():
    text = _text(fill("执行裁定书（冻结、扣划）", CONTEXTS["执行裁定书（冻结、扣划）"]))
    assert "以人民币60,086.20元（陆万零捌拾陆元贰角）为限" in text
    assert "一、冻结、扣划被执行人榆川县鑫达建材有限公司" in text and "二、冻结、扣划被执行人张伟强" in text
    assert "以人民币12,087.30元为限" in text
    assert "被执行人：榆川县鑫达建材有限公司，住所地" in text and "统一社会信用代码91610828MA70B3KX5E" in text
    assert "审　判　长　　赵建国" in text
    notice = _text(fill("执行通知书", CONTEXTS["执行通知书"]))
    assert "于2024年2月26日向本院申请强制执行" in notice
    assert "负担本案申请执行费801.29元（捌佰零壹元贰角玖分）。" in notice


def test_markup_characters_in_values_come_out_exactly_as_typed():
    context = dict(CONTEXTS["结案通知书"], recipient="李 & 王 <有限公司>", closing_way="执行完毕")
    data = fill("结案通知书", context)
    assert "李 & 王 <有限公司>：" in _text(data).splitlines()
    # In the file itself the characters are escaped once, as XML requires.
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "李 &amp; 王 &lt;有限公司&gt;：" in xml


def test_values_are_data_not_template_code():
    context = dict(CONTEXTS["结案通知书"], recipient="{{ court_name.__class__ }}")
    with pytest.raises(PlaceholderLeftError, match="template markup") as caught:
        fill("结案通知书", context)
    # Printed as typed, never evaluated.
    assert "{{ court_name.__class__ }}" in str(caught.value) and "<class" not in str(caught.value)


def test_missing_required_fields_are_named():
    context = {k: v for k, v in CONTEXTS["执行通知书"].items() if k not in ("applicant", "execution_fee")}
    with pytest.raises(MissingFieldError) as caught:
        fill("执行通知书", context)
    assert {name for name, _ in caught.value.missing} == {"applicant", "execution_fee"}
    assert "申请执行人 (applicant)" in str(caught.value) and "申请执行费 (execution_fee)" in str(caught.value)


def test_refused_values_name_their_field():
    context = dict(CONTEXTS["协助执行通知书（银行）"], debtor_id="610828197909230315")
    with pytest.raises(TemplateFillError, match=r"被执行人公民身份号码 \(debtor_id\).*check digit"):
        fill("协助执行通知书（银行）", context)
    context = dict(CONTEXTS["执行通知书"], case_no="2024执123")
    with pytest.raises(TemplateFillError, match=r"案号 \(case_no\).*expected form"):
        fill("执行通知书", context)


def test_optional_fields_may_be_left_out():
    context = {k: v for k, v in CONTEXTS["限制消费令"].items() if k != "legal_representative"}
    text = _text(fill("限制消费令", context))
    assert "法定代表人" not in text.split("本院于")[0]
    assert "及你单位的法定代表人" not in text


def test_unknown_template_lists_the_library():
    with pytest.raises(FileNotFoundError, match="执行通知书"):
        fill("不存在的文书", {})


# --------------------------------------------------------------------------- admin checks

def _write_template(path, paragraphs: list[str]) -> None:
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(path)


MANIFEST = {"name": "测试通知书", "procedural": True, "seal": {"anchor_field": "issue_date"},
            "fields": [{"name": "case_no", "type": "text", "label": "案号", "source": "case"},
                       {"name": "party", "type": "person", "label": "当事人", "source": "case"},
                       {"name": "issue_date", "type": "date", "label": "落款日期", "source": "user"}]}


def test_a_sound_new_template_is_accepted(tmp_path):
    _write_template(tmp_path / "new.docx", ["{{ case_no }}", "{{ party }}：特此通知。", "{{ issue_date }}"])
    (tmp_path / "new.json").write_text(json.dumps(MANIFEST, ensure_ascii=False), encoding="utf-8")
    target = accept_template(tmp_path / "new.docx", tmp_path / "new.json", tmp_path / "library")
    assert target.name == "测试通知书.docx" and target.with_suffix(".json").exists()
    text = _text(fill(target, {"case_no": "（2024）陕0823执1号", "party": "李秀兰", "issue_date": "2024-11-12"}))
    assert text.splitlines() == ["（2024）陕0823执1号", "李秀兰：特此通知。", ISSUE_DATE_CN]


def test_a_broken_template_is_refused_with_its_reasons(tmp_path):
    _write_template(tmp_path / "bad.docx", ["{{ case_no }}", "第二段 {{ party }", "{{ issue_date }}"])
    (tmp_path / "bad.json").write_text(json.dumps(MANIFEST, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TemplateRejected) as caught:
        accept_template(tmp_path / "bad.docx", tmp_path / "bad.json", tmp_path / "library")
    [problem] = caught.value.problems
    assert "syntax error" in problem and "paragraph 2" in problem and "第二段" in problem
    assert not (tmp_path / "library").exists()


def test_fields_the_manifest_and_the_template_disagree_on(tmp_path):
    _write_template(tmp_path / "t.docx", ["{{ case_no }}", "{{ partie }}：{{ amount|capital }}", "{{ issue_date }}"])
    problems = check_template(tmp_path / "t.docx", MANIFEST)
    assert any("'partie'" in p and "does not declare" in p for p in problems)
    assert any("'amount'" in p and "does not declare" in p for p in problems)
    assert any("'party'" in p and "never uses" in p for p in problems)


def test_formats_a_field_does_not_allow(tmp_path):
    _write_template(tmp_path / "t.docx", ["{{ case_no }}{{ party }}", "{{ issue_date|capital }}"])
    problems = check_template(tmp_path / "t.docx", MANIFEST)
    assert problems == ["Field 'issue_date' (落款日期) is printed with format 'capital', which its manifest entry "
                        "does not list (it allows cn_date)."]


def test_manifest_mistakes_are_each_reported(tmp_path):
    _write_template(tmp_path / "t.docx", ["{{ case_no }}"])
    bad = {"name": "x", "procedural": "yes", "seal": {"anchor_field": "signed_on"},
           "fields": [{"name": "case_no", "type": "txt", "label": "案号"},
                      {"name": "Party", "type": "person", "label": ""}]}
    problems = check_template(tmp_path / "t.docx", bad)
    joined = "\n".join(problems)
    assert "procedural" in joined and "type 'txt'" in joined and "lower-case" in joined
    assert "label" in joined and "signed_on" in joined


def test_a_file_that_is_not_a_word_document(tmp_path):
    (tmp_path / "t.docx").write_bytes(b"not a zip")
    [problem] = check_template(tmp_path / "t.docx", MANIFEST)
    assert "cannot be opened as a Word document" in problem


def test_library_build_is_repeatable(tmp_path):
    from templates.build_library import build
    built = build(tmp_path)
    for path in built:
        shipped = template_paths(path.stem)[0]
        assert path.read_bytes() == shipped.read_bytes(), f"{shipped.name} is stale: run python -m templates.build_library"
        assert path.with_suffix(".json").read_text("utf-8") == shipped.with_suffix(".json").read_text("utf-8")
