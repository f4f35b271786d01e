"""One-click document generation on the demo case in a real embedded store: the form's values and
their sources, corrections, validation, sealing, approval and batches."""
from __future__ import annotations

import datetime as dt

import pymupdf
import pytest
from PySide6.QtCore import Qt

from desktop.approvals import ApprovalsDialog
from desktop.generate_dialog import GenerateDialog
from desktop.generation import approve_and_seal, seal_config
from desktop.generation_context import DOSSIER_CACHE
from desktop.main_window import MainWindow
from storage.demo import build_demo
from storage.demo_content import demo_case
from storage.errors import AccessDenied
from storage.store import Store
from templates.fields import cn_date
from templates.manifest import library_names
from templates.seal import find_anchor
from viewer.qt.render_service import RenderService

DEMO = demo_case()
CLERK, JUDGE = DEMO.clerk[0], DEMO.judge[0]
TODAY = dt.date.today()
# What only a person can say: the form leaves these for the clerk to fill in.
TYPED = {
    "contact_phone": "0912-6612345", "court_bank": "陕西榆川农村商业银行股份有限公司城关支行",
    "time": "2024年3月20日上午9时30分至10时45分", "place": "榆川县人民法院执行局第二谈话室",
    "qa": "执行通知书你收到了吗？ | 3月7日收到了。\n为什么至今没有履行？ | 公司账上没钱。",
    "measures": "通过网络执行查控系统查询被执行人名下财产；\n冻结被执行人银行存款。",
    "findings": "被执行人名下暂无可供执行的财产。", "closing_way": "执行完毕",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    base = tmp_path_factory.mktemp("generate")
    st = Store.initialize("sqlite:///" + (base / "archive.sqlite3").as_posix(), cache_dir=base / "cache")
    build_demo(st)
    yield st
    st.close()


@pytest.fixture
def clerk(store):
    return store.as_user(CLERK)


def _dialog(qtbot, session, template: str, engine: str = "mupdf") -> GenerateDialog:
    dialog = GenerateDialog(session, DEMO.case_no, engine=engine, read_in_thread=False)
    qtbot.addWidget(dialog)
    dialog.set_template(template)
    assert dialog.template == template and dialog.ready
    return dialog


def _type_missing(dialog: GenerateDialog) -> None:
    for name, row in dialog.rows.items():
        if not row.text().strip() and name in TYPED:
            row.set_text(TYPED[name])


def _filed_pdf(session, info) -> pymupdf.Document:
    return pymupdf.open(session.document_path(info.document_id))


def _seal_at_anchor(doc: pymupdf.Document, anchor_text: str) -> bool:
    """True when an image is centred on the anchor text's place, on the anchor's page."""
    page_no, anchor = find_anchor(doc, anchor_text)
    centre = (anchor.tl + anchor.br) / 2
    for info in doc[page_no].get_image_info():
        box = pymupdf.Rect(info["bbox"])
        middle = (box.tl + box.br) / 2
        if abs(middle.x - centre.x) < 3 and abs(middle.y - centre.y) < 3 and box.width > 100:
            return True
    return False


@pytest.mark.parametrize("template", library_names())
def test_every_template_generates_from_the_demo_case(qtbot, store, clerk, template):
    dialog = _dialog(qtbot, clerk, template)
    _type_missing(dialog)
    before = len(clerk.documents(DEMO.case_no))
    result = dialog.generate()
    assert result is not None, dialog.status_label.text()
    assert result.engine == "MuPDF" and "MuPDF" in dialog.status_label.text()
    (info,) = result.filed
    assert len(clerk.documents(DEMO.case_no)) == before + 1
    manifest = dialog.manifest
    with _filed_pdf(clerk, info) as doc:
        text = "".join("".join(page.get_text().split()) for page in doc)
        assert "{{" not in text and "{%" not in text and "}}" not in text
        for value in (DEMO.court, DEMO.case_no):
            assert value in text
        for name in ("applicant", "debtor", "basis_document", "bank_name", "interviewee_name"):
            if name in dialog.rows:
                assert dialog.rows[name].text() in text, name
        if manifest.seal is not None:
            anchor = cn_date(TODAY)
            if manifest.procedural:
                assert info.status == "sealed" and _seal_at_anchor(doc, anchor)
            else:
                assert info.status == "pending" and not _seal_at_anchor(doc, anchor)
        else:
            assert info.status == "sealed" and not doc[0].get_images()


def test_extraction_finds_the_demo_facts_on_their_pages(qtbot, clerk):
    dialog = _dialog(qtbot, clerk, "执行通知书")
    titles = {d.filename: d.title for d in DEMO.documents}
    docs = {d.title: d for d in clerk.documents(DEMO.case_no)}
    names = {"case_no": "case_no", "judgment_no": "judgment_no", "applicant": "applicant",
             "applicant_id": "id_number", "company_credit_code": "credit_code", "debtor_id": "id_number",
             "company_account": "bank_account", "debtor_account": "bank_account",
             "execution_fee": "amount", "execution_target": "amount", "debtor": "defendant"}
    fields = dialog.facts.text.fields
    for fact, name in names.items():
        value, document = DEMO.facts[fact], docs[titles[DEMO.fact_sources[fact]]]
        hits = [f for f in fields if f.name == name and f.value == value and f.document_id == document.id]
        assert hits, f"{fact} = {value} not found in {document.title}"
        with pymupdf.open(clerk.document_path(document.id)) as pdf:
            first_page = next(p.number for p in pdf if p.search_for(value))
            assert hits[0].page == first_page, fact
            places = pdf[hits[0].page].search_for(value)
            assert any(place.intersects(pymupdf.Rect(hits[0].rect)) for place in places), fact
    judgment = next(d for d in docs.values() if d.doc_type == "判决书")
    basis = dialog.rows["basis_document"]
    assert basis.text() == DEMO.facts["judgment_no"] + "民事判决书"
    assert basis.source_button.text() == f"{judgment.title} 第1页" and basis.source_button.isEnabled()
    assert dialog.rows["applicant"].text() == DEMO.facts["applicant"]
    assert dialog.rows["execution_fee"].text() == DEMO.facts["execution_fee"]


@pytest.fixture
def window(qtbot, store):
    service = RenderService(synchronous=True)
    service.start()
    w = MainWindow(store.as_user(CLERK), service)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.generation.dialog is not None:
        w.generation.dialog.close()
    service.shutdown()


def test_clicking_a_source_opens_the_other_pane_at_that_page(qtbot, window):
    assert window.generation.act_generate in window.case_menu().actions()
    first = next(d for d in window.documents.values() if d.doc_type == "执行申请书")
    window.open_document(first.id, "left")
    assert window.active is window.panes["left"]
    DOSSIER_CACHE.clear()           # read the dossier in the background, as on a case's first form
    dialog = window.generation.open_generate(engine="mupdf", read_in_thread=True)
    dialog.set_template("执行通知书")
    assert not dialog.ready and dialog.rows["obligations"].text() == ""
    with qtbot.waitSignal(dialog.dossierRead, timeout=60000):
        pass
    assert dialog.ready and dialog.rows["obligations"].text() != ""
    row = dialog.rows["obligations"]
    source = row.proposal.source
    judgment = next(d for d in window.documents.values() if d.doc_type == "判决书")
    assert source.document_id == judgment.id and source.page == 5
    qtbot.mouseClick(row.source_button, Qt.MouseButton.LeftButton)
    right = window.panes["right"]
    assert right.title == judgment.title
    assert window.panes["left"].title == first.title
    view = right.view
    assert [h.index for h in view.search_hits] == [5] and view.current_search_hit == 0
    qtbot.waitUntil(lambda: view.current_page == 5)
    x0, y0, x1, y1 = source.rect
    assert view.search_hits[0].quads[0] == (x0, y0, x1, y0, x0, y1, x1, y1)
    # another source goes to the same pane, even though that pane is now the active one
    applicant = dialog.rows["applicant"]
    qtbot.mouseClick(applicant.source_button, Qt.MouseButton.LeftButton)
    assert right.title == window.documents[applicant.proposal.source.document_id].title
    assert window.panes["left"].title == first.title


def test_generating_from_the_window_opens_the_filed_document_in_the_other_pane(qtbot, window, store):
    dialog = window.generation.open_generate(engine="mupdf", read_in_thread=False)
    dialog.set_template("报告财产令")
    result = dialog.generate()
    assert result is not None, dialog.status_label.text()
    filed = result.filed[0]
    assert filed.document_id in window.documents
    assert window.panes["right"].title == filed.title and window.panes["right"].view.page_count >= 1


def test_a_correction_is_recorded_with_the_user(qtbot, clerk):
    dialog = _dialog(qtbot, clerk, "协助执行通知书（银行）")
    amount = dialog.rows["amount"]
    offered = amount.text()
    assert offered == DEMO.facts["execution_target"]
    amount.set_text(DEMO.facts["debtor_balance"])
    _type_missing(dialog)
    result = dialog.generate()
    assert result is not None, dialog.status_label.text()
    info = clerk.generated_document(result.filed[0].id)
    correction = info.corrections["amount"]
    assert (correction["original"], correction["value"], correction["by"]) == (
        offered, DEMO.facts["debtor_balance"], CLERK)
    assert set(info.corrections) == {"amount"}          # typed-in blanks are not corrections
    assert info.values["amount"] == DEMO.facts["debtor_balance"]
    event = [e for e in clerk.audit_events(DEMO.case_no) if e.action == "generate"][-1]
    assert event.actor == CLERK and event.details["corrections"]["amount"]["by"] == CLERK
    with _filed_pdf(clerk, info) as doc:
        assert "12,087.30" in "".join(p.get_text() for p in doc)


def test_validation_errors_show_inline_and_nothing_is_filed(qtbot, clerk):
    dialog = _dialog(qtbot, clerk, "限制消费令")
    dialog.show()
    before = len(clerk.documents(DEMO.case_no))
    dialog.rows["debtor_credit_code"].set_text("91610828MA70B3KX5A")
    error = dialog.rows["debtor_credit_code"].error_label
    assert error.isVisible() and "check character" in error.text()
    dialog.rows["issue_date"].set_text("")
    assert dialog.rows["issue_date"].error_label.isVisible()
    assert dialog.generate() is None
    assert "red" in dialog.status_label.text()
    assert len(clerk.documents(DEMO.case_no)) == before
    dialog.rows["debtor_credit_code"].set_text(DEMO.facts["company_credit_code"])
    assert not error.isVisible()


def test_approval_is_refused_for_a_clerk_and_seals_for_the_judge(qtbot, store, clerk):
    dialog = _dialog(qtbot, clerk, "限制消费令")
    result = dialog.generate()
    assert result is not None, dialog.status_label.text()
    pending = result.filed[0]
    assert pending.status == "pending" and not pending.sealed

    with pytest.raises(AccessDenied):
        approve_and_seal(clerk, pending, "ok", seal_config(clerk))
    assert [e for e in clerk.audit_events(DEMO.case_no) if e.action == "refused"][-1].actor == CLERK
    clerk_list = ApprovalsDialog(clerk)
    qtbot.addWidget(clerk_list)
    assert clerk_list.table.rowCount() == 0

    judge = store.as_user(JUDGE)
    approvals = ApprovalsDialog(judge)
    qtbot.addWidget(approvals)
    row = next(r for r, info in enumerate(approvals.pending) if info.id == pending.id)
    approvals.table.selectRow(row)
    approvals.comment.setPlainText("同意签发")
    done = approvals.approve_selected()
    assert done is not None, approvals.status_label.text()
    assert done.status == "approved" and done.sealed and done.approver == JUDGE and done.comment == "同意签发"
    assert pending.id not in [p.id for p in approvals.pending]
    with _filed_pdf(judge, done) as doc:
        assert _seal_at_anchor(doc, cn_date(TODAY))
    with pymupdf.open(judge.generated_file(done.id, "draft")) as draft:
        assert not _seal_at_anchor(draft, cn_date(TODAY))


def test_a_judge_returns_a_document_with_a_comment(qtbot, store, clerk):
    dialog = _dialog(qtbot, clerk, "终结本次执行程序裁定书")
    _type_missing(dialog)
    result = dialog.generate()
    assert result is not None, dialog.status_label.text()
    approvals = ApprovalsDialog(store.as_user(JUDGE))
    qtbot.addWidget(approvals)
    approvals.table.selectRow(next(r for r, i in enumerate(approvals.pending) if i.id == result.filed[0].id))
    assert approvals.return_selected() is None                  # a comment is required
    approvals.comment.setPlainText("请补充财产调查情况")
    returned = approvals.return_selected()
    assert returned.status == "returned" and returned.comment == "请补充财产调查情况"


BANKS = ["中国工商银行股份有限公司榆川支行", "中国农业银行股份有限公司榆川县支行", "中国银行股份有限公司榆川支行",
         "中国建设银行股份有限公司榆川支行", "陕西榆川农村商业银行股份有限公司城关支行"]


@pytest.mark.parametrize("engine", ["mupdf", "libreoffice"])
def test_a_batch_to_five_banks_files_five_documents(qtbot, clerk, engine):
    from templates.convert import libreoffice_path
    if engine == "libreoffice" and libreoffice_path() is None:
        pytest.skip("LibreOffice is not installed on this machine")
    dialog = _dialog(qtbot, clerk, "协助执行通知书（银行）", engine=engine)
    dialog.rows["bank_name"].set_text("\n".join(BANKS))
    _type_missing(dialog)
    before = {d.id for d in clerk.documents(DEMO.case_no)}
    result = dialog.generate()
    assert result is not None, dialog.status_label.text()
    assert len(result.filed) == 5 and len({f.batch for f in result.filed}) == 1 and result.filed[0].batch
    assert {d.id for d in clerk.documents(DEMO.case_no)} - before == {f.document_id for f in result.filed}
    assert all(f.status == "sealed" and f.engine == result.engine for f in result.filed)
    for bank, info in zip(BANKS, result.filed):
        assert info.values["bank_name"] == bank and bank in info.title
        with _filed_pdf(clerk, info) as doc:
            assert bank in "".join("".join(p.get_text().split()) for p in doc)
            assert _seal_at_anchor(doc, cn_date(TODAY))
