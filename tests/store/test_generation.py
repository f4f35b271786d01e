"""Generated documents in the store: filing, the judge's approval, returns, conflicts and the audit."""
from __future__ import annotations

import hashlib

import pymupdf
import pytest

from storage.errors import AccessDenied, ConflictError, InvalidInput
from storage.store import Store

CASE = "（2024）陕0823执451号"
OTHER_CASE = "（2024）陕0823执452号"
VALUES = {"case_no": CASE, "debtor": "张伟强", "amount": "12,087.30", "issue_date": "2024-11-12"}
CORRECTIONS = {"amount": {"original": "12,087.00", "value": "12,087.30", "by": "clerk1",
                          "at": "2024-11-12T09:30:00"}}


def make_pdf(text: str, pages: int = 1) -> bytes:
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page().insert_text((72, 110), f"{text} page {i + 1}")
    return doc.tobytes()


@pytest.fixture
def case(admin):
    admin.add_user("judge1", "judge")
    admin.add_user("judge2", "judge")
    admin.add_user("clerk1", "clerk")
    admin.create_case(CASE)
    admin.create_case(OTHER_CASE)
    admin.assign(CASE, "judge1", "judge")
    admin.assign(CASE, "clerk1", "clerk")
    admin.assign(OTHER_CASE, "judge2", "judge")
    return CASE


def _file(session, text="draft", sealed=False, **kw):
    return session.file_generated(CASE, make_pdf(text, 2), b"PK docx bytes " + text.encode(), "限制消费令",
                                  VALUES, CORRECTIONS, "mupdf", "正卷", "限制消费令", f"限制消费令 {text}",
                                  sealed, **kw)


def test_filing_stores_pdf_docx_document_and_audit(store, case):
    clerk = store.as_user("clerk1")
    info = _file(clerk)
    assert (info.status, info.sealed, info.author, info.engine) == ("pending", False, "clerk1", "mupdf")
    assert info.values == VALUES and info.corrections == CORRECTIONS and info.version == 1
    doc = clerk.document(info.document_id)
    assert (doc.title, doc.doc_type, doc.volume, doc.page_count) == ("限制消费令 draft", "限制消费令", "正卷", 2)
    assert doc.digest == info.draft_digest
    assert hashlib.sha256(clerk.document_path(doc.id).read_bytes()).hexdigest() == doc.digest
    assert clerk.generated_file(info.id, "docx").read_bytes() == b"PK docx bytes draft"
    assert [g.id for g in clerk.generated(CASE)] == [info.id]
    event = [e for e in clerk.audit_events(CASE) if e.action == "generate"][-1]
    assert event.actor == "clerk1"
    assert event.details["template"] == "限制消费令" and event.details["values"] == VALUES
    assert event.details["corrections"] == CORRECTIONS and event.details["document_id"] == doc.id
    assert event.details["status"] == "pending"


def test_procedural_document_is_filed_sealed(store, case):
    info = _file(store.as_user("clerk1"), "sealed at once", sealed=True)
    assert info.status == "sealed" and info.sealed and info.sealed_digest == info.draft_digest
    assert store.as_user("judge1").pending_approvals() == []


def test_a_clerk_may_not_approve_and_the_refusal_is_audited(store, case):
    clerk = store.as_user("clerk1")
    info = _file(clerk)
    with pytest.raises(AccessDenied):
        clerk.approve(info.id, info.version, "fine", sealed_pdf=make_pdf("sealed"))
    with pytest.raises(AccessDenied):
        clerk.return_for_changes(info.id, info.version, "no")
    refused = [e for e in clerk.audit_events(CASE) if e.action == "refused"]
    assert [e.details["action"] for e in refused] == ["generate-approve", "generate-return"]
    assert all(e.actor == "clerk1" for e in refused)
    assert clerk.generated_document(info.id).status == "pending"


def test_a_judge_of_another_case_and_an_admin_may_not_approve(store, case, admin):
    info = _file(store.as_user("clerk1"))
    with pytest.raises(AccessDenied):
        store.as_user("judge2").approve(info.id, info.version)
    with pytest.raises(AccessDenied):
        admin.approve(info.id, info.version)
    assert store.as_user("judge2").pending_approvals() == []


def test_approve_with_seal_replaces_the_filed_pdf_and_keeps_the_draft(store, case):
    clerk, judge = store.as_user("clerk1"), store.as_user("judge1")
    info = _file(clerk)
    before = clerk.document(info.document_id)
    assert [p.id for p in judge.pending_approvals()] == [info.id]
    sealed = make_pdf("sealed version", 2)
    approved = judge.approve(info.id, info.version, "同意", sealed_pdf=sealed)
    assert (approved.status, approved.approver, approved.comment) == ("approved", "judge1", "同意")
    assert approved.sealed and approved.version == info.version + 1 and approved.decided_at is not None
    after = clerk.document(info.document_id)
    assert after.id == before.id and after.version == before.version + 1
    assert after.digest == hashlib.sha256(sealed).hexdigest() == approved.sealed_digest
    assert clerk.document_path(after.id).read_bytes() == sealed
    # the unsealed draft is kept
    assert approved.draft_digest == before.digest and store.blobs.verify(before.digest)
    assert hashlib.sha256(clerk.generated_file(info.id, "draft").read_bytes()).hexdigest() == before.digest
    assert judge.pending_approvals() == []
    event = [e for e in judge.audit_events(CASE) if e.action == "generate-approve"][-1]
    assert event.actor == "judge1" and event.details["comment"] == "同意"
    assert (event.details["draft_digest"], event.details["sealed_digest"]) == (before.digest, after.digest)


def test_approve_then_seal_in_a_second_step(store, case):
    clerk, judge = store.as_user("clerk1"), store.as_user("judge1")
    info = _file(clerk)
    approved = judge.approve(info.id, info.version, "")
    assert approved.status == "approved" and not approved.sealed
    assert clerk.document(info.document_id).digest == info.draft_digest
    sealed = clerk.seal_approved(info.id, approved.version, make_pdf("sealed later"))
    assert sealed.sealed and clerk.document(info.document_id).digest == sealed.sealed_digest
    with pytest.raises(ConflictError):
        clerk.seal_approved(info.id, sealed.version, make_pdf("sealed twice"))
    seal_event = clerk.audit_events(CASE)[-1]
    assert seal_event.action == "generate-seal" and seal_event.details["sealed_digest"] == sealed.sealed_digest


def test_return_revise_and_approve(store, case):
    clerk, judge = store.as_user("clerk1"), store.as_user("judge1")
    info = _file(clerk)
    with pytest.raises(InvalidInput):
        judge.return_for_changes(info.id, info.version, "  ")
    returned = judge.return_for_changes(info.id, info.version, "冻结限额有误")
    assert (returned.status, returned.comment, returned.approver) == ("returned", "冻结限额有误", "judge1")
    assert judge.pending_approvals() == []
    with pytest.raises(ConflictError):          # a returned document is not approved by mistake
        judge.approve(info.id, returned.version, "ok")
    revised = clerk.revise(info.id, returned.version, make_pdf("second draft"), b"PK second",
                           {**VALUES, "amount": "3,215.47"}, {}, "mupdf")
    assert revised.status == "pending" and revised.values["amount"] == "3,215.47"
    assert clerk.document(info.document_id).digest == revised.draft_digest != info.draft_digest
    assert store.blobs.verify(info.draft_digest)
    approved = judge.approve(info.id, revised.version, "可以", sealed_pdf=make_pdf("sealed second"))
    assert approved.status == "approved"
    actions = [e.action for e in judge.audit_events(CASE) if e.action.startswith("generate")]
    assert actions == ["generate", "generate-return", "generate-revise", "generate-approve"]
    ret = [e for e in judge.audit_events(CASE) if e.action == "generate-return"][0]
    assert ret.details["comment"] == "冻结限额有误"


def test_stale_version_is_a_conflict(store, store_url, case, tmp_path):
    clerk = store.as_user("clerk1")
    info = _file(clerk)
    other = Store.open(store_url, cache_dir=tmp_path / "desk2")
    try:
        other.as_user("judge1").return_for_changes(info.id, info.version, "请修改")
    finally:
        other.close()
    with pytest.raises(ConflictError) as err:
        store.as_user("judge1").approve(info.id, info.version, "ok", sealed_pdf=make_pdf("sealed"))
    assert err.value.expected == info.version and err.value.actual == info.version + 1
    now = clerk.generated_document(info.id)
    assert now.status == "returned" and now.sealed_digest is None
    assert clerk.document(info.document_id).digest == info.draft_digest


def test_outsiders_cannot_file_or_read(store, case):
    store.as_user("judge2")
    with pytest.raises(AccessDenied):
        store.as_user("judge2").file_generated(CASE, make_pdf("x"), None, "限制消费令", VALUES)
    info = _file(store.as_user("clerk1"))
    with pytest.raises(AccessDenied):
        store.as_user("judge2").generated(CASE)
    with pytest.raises(AccessDenied):
        store.as_user("judge2").generated_file(info.id)


def test_batch_files_one_document_per_recipient(store, case):
    from storage.generation import new_batch_id
    clerk = store.as_user("clerk1")
    batch = new_batch_id()
    made = [_file(clerk, f"bank {i}", sealed=True, batch=batch) for i in range(3)]
    assert len({m.document_id for m in made}) == 3 and {m.batch for m in made} == {batch}
    assert len(clerk.documents(CASE)) == 3


def test_generation_settings_are_for_admins(store, case, admin):
    with pytest.raises(AccessDenied):
        store.as_user("clerk1").set_generation_setting("court_bank", "某银行")
    admin.set_generation_setting("court_bank", "陕西榆川农村商业银行城关支行")
    admin.set_generation_setting("seal_image", "/srv/seal.png")
    assert store.as_user("clerk1").generation_settings() == {
        "court_bank": "陕西榆川农村商业银行城关支行", "seal_image": "/srv/seal.png"}
    admin.set_generation_setting("seal_image", "")
    assert "seal_image" not in admin.generation_settings()
    with pytest.raises(InvalidInput):
        admin.set_generation_setting("colour", "red")


def test_generated_table_matches_the_model(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from storage.models import Base
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert [d for d in diffs if "generated_document" in repr(d)] == []
