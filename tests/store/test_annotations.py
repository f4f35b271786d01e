"""Annotations in the store: rules, conflicts between desks, concurrency and the change feed."""
from __future__ import annotations

import hashlib
import threading

import pymupdf
import pytest

from storage.errors import AccessDenied, ConflictError, InvalidInput, NotFound
from storage.notify import ChangeFeed
from storage.store import Store

CASE = "（2024）陕0823执321号"
OTHER_CASE = "（2024）陕0823执322号"
QUAD = [72.0, 100.0, 300.0, 100.0, 72.0, 114.0, 300.0, 114.0]


def make_pdf(path, pages=3):
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page().insert_text((72, 110), f"第{i + 1}页 page {i + 1}")
    doc.save(path)
    return str(path)


@pytest.fixture
def case(admin, tmp_path):
    admin.add_user("judge1", "judge")
    admin.add_user("clerk1", "clerk")
    admin.add_user("clerk2", "clerk")
    admin.create_case(CASE)
    admin.create_case(OTHER_CASE)
    admin.assign(CASE, "judge1", "judge")
    admin.assign(CASE, "clerk1", "clerk")
    admin.assign(OTHER_CASE, "clerk2", "clerk")
    report = admin.import_files(CASE, [make_pdf(tmp_path / "判决书.pdf"), make_pdf(tmp_path / "笔录.pdf", 2)])
    other = admin.import_files(OTHER_CASE, [make_pdf(tmp_path / "其他.pdf", 1)])
    return {"doc": report.imported[0].document_id, "doc2": report.imported[1].document_id,
            "foreign_doc": other.imported[0].document_id, "pdf": tmp_path / "判决书.pdf"}


@pytest.fixture
def second_store(store_url, tmp_path):
    """Another desk: its own Store, engine and connections on the same database."""
    other = Store.open(store_url, cache_dir=tmp_path / "desk2")
    yield other
    other.close()


def test_add_read_update_delete(store, case):
    judge = store.as_user("judge1")
    doc = case["doc"]
    hl = judge.add_annotation(doc, kind="highlight", page=0, geometry=[QUAD], color="#FFD400", text="借款金额")
    box = judge.add_annotation(doc, kind="rect", page=1, geometry=[200, 300, 100, 250])
    ink = judge.add_annotation(doc, kind="ink", page=1, geometry=[[10, 10, 20, 25, 30, 12]], color="#0000ff")
    arrow = judge.add_annotation(doc, kind="arrow", page=2, geometry=[50, 50, 150, 120])
    stamp = judge.add_annotation(doc, kind="stamp", page=0, geometry=[400, 40, 520, 80], stamp="已核实")
    link = judge.add_annotation(doc, kind="link", page=0, geometry=[72, 150, 200, 170],
                                link_document_id=case["doc2"], link_page=1)
    assert len({a.uid for a in (hl, box, ink, arrow, stamp, link)}) == 6
    assert all(len(a.uid) == 32 and a.version == 1 and a.author == "judge1" and a.status == "open"
               for a in (hl, box, ink, arrow, stamp, link))
    assert hl.geometry == (tuple(QUAD),) and hl.color == "#ffd400" and hl.case_no == CASE
    assert box.geometry == (100.0, 250.0, 200.0, 300.0)          # normalised x0 < x1, y0 < y1
    assert ink.geometry == ((10.0, 10.0, 20.0, 25.0, 30.0, 12.0),)
    assert (link.link_document_id, link.link_page) == (case["doc2"], 1)

    listed = judge.annotations(doc)
    assert [a.uid for a in listed] == [hl.uid, stamp.uid, link.uid, box.uid, ink.uid, arrow.uid]
    assert judge.annotation(box.uid) == box

    moved = judge.update_annotation(box.uid, box.version, geometry=[110, 260, 210, 310], text="抵押物")
    assert (moved.version, moved.geometry, moved.text) == (2, (110.0, 260.0, 210.0, 310.0), "抵押物")
    assert moved.updated_at >= box.updated_at and moved.created_at == box.created_at

    gone = judge.delete_annotation(ink.uid, ink.version)
    assert gone.deleted and gone.version == 2
    assert ink.uid not in {a.uid for a in judge.annotations(doc)}
    kept = {a.uid: a for a in judge.annotations(doc, include_deleted=True)}
    assert kept[ink.uid].deleted and not kept[box.uid].deleted

    actions = [e.action for e in judge.audit_events(CASE)]
    assert actions.count("annotation-add") == 6
    assert "annotation-edit" in actions and "annotation-delete" in actions


def test_case_annotations_filters(store, case):
    judge, clerk = store.as_user("judge1"), store.as_user("clerk1")
    a = judge.add_annotation(case["doc"], kind="note", page=0, geometry=[72, 72, 92, 92], text="核对还款凭证")
    b = clerk.add_annotation(case["doc2"], kind="highlight", page=1, geometry=[QUAD], text="还款 RECEIPT")
    c = clerk.add_annotation(case["doc"], kind="rect", page=2, geometry=[1, 1, 50, 50])
    clerk.update_annotation(a.uid, a.version, status="resolved")
    judge.delete_annotation(judge.add_annotation(case["doc"], kind="rect", page=0, geometry=[0, 0, 9, 9]).uid, 1)

    def uids(**kw):
        return [x.uid for x in judge.case_annotations(CASE, **kw)]

    assert uids() == [a.uid, c.uid, b.uid]                    # document order, then page; deleted left out
    assert uids(author="clerk1") == [c.uid, b.uid]
    assert uids(kind="highlight") == [b.uid]
    assert uids(status="resolved") == [a.uid]
    assert uids(text="还款") == [a.uid, b.uid]
    assert uids(text="receipt") == [b.uid]
    assert uids(text="100%") == []


def test_only_assigned_users_read_and_write(store, case):
    judge = store.as_user("judge1")
    mark = judge.add_annotation(case["doc"], kind="rect", page=0, geometry=[10, 10, 60, 60])
    outsider = store.as_user("clerk2")
    with pytest.raises(AccessDenied):
        outsider.annotations(case["doc"])
    with pytest.raises(AccessDenied):
        outsider.add_annotation(case["doc"], kind="rect", page=0, geometry=[0, 0, 5, 5])
    with pytest.raises(AccessDenied):
        outsider.case_annotations(CASE)
    with pytest.raises(AccessDenied):
        outsider.update_annotation(mark.uid, 1, status="resolved")
    with pytest.raises(AccessDenied):
        outsider.reply(mark.uid, "我也看看")
    with pytest.raises(AccessDenied):
        judge.add_annotation(case["foreign_doc"], kind="rect", page=0, geometry=[0, 0, 5, 5])
    refused = [e.details["action"] for e in store.as_user("admin").audit_events() if e.action == "refused"]
    assert refused.count("annotation-read") == 2 and "annotation-add" in refused
    assert [a.uid for a in judge.annotations(case["doc"])] == [mark.uid]   # nothing written


def test_only_the_author_edits_or_deletes_others_resolve_and_reply(store, case):
    judge, clerk = store.as_user("judge1"), store.as_user("clerk1")
    note = judge.add_annotation(case["doc"], kind="note", page=1, geometry=[300, 400, 320, 420], text="需核实")
    with pytest.raises(AccessDenied):
        clerk.update_annotation(note.uid, note.version, geometry=[0, 0, 20, 20])
    with pytest.raises(AccessDenied):
        clerk.update_annotation(note.uid, note.version, text="改了", status="resolved")
    with pytest.raises(AccessDenied):
        clerk.delete_annotation(note.uid, note.version)
    assert judge.annotation(note.uid) == note
    resolved = clerk.update_annotation(note.uid, note.version, status="resolved")
    assert (resolved.status, resolved.version) == ("resolved", 2)
    answer = clerk.reply(note.uid, "已核实，见第3页")
    second = judge.reply(answer.uid, "好")                    # a reply to a reply joins the same thread
    assert (answer.parent_uid, second.parent_uid) == (note.uid, note.uid)
    assert (answer.kind, answer.page, answer.author) == ("note", 1, "clerk1")
    reopened = judge.update_annotation(note.uid, 2, status="open")
    assert reopened.status == "open"
    thread = [a for a in judge.annotations(case["doc"]) if a.parent_uid == note.uid]
    assert [a.text for a in thread] == ["已核实，见第3页", "好"]
    # deleting the note takes its thread with it
    judge.delete_annotation(note.uid, reopened.version)
    assert judge.annotations(case["doc"]) == []
    admin = store.as_user("admin")
    assert admin.annotations(case["doc"]) == []
    actions = [(e.actor, e.action) for e in admin.audit_events(CASE)]
    assert ("clerk1", "annotation-reply") in actions and ("clerk1", "annotation-edit") in actions
    assert sum(1 for e in admin.audit_events() if e.action == "refused" and e.actor == "clerk1") == 3


@pytest.mark.parametrize("fields, complaint", [
    (dict(kind="circle", page=0, geometry=[0, 0, 1, 1]), "kind"),
    (dict(kind="rect", page=0, geometry=[0, 0, 1]), "4 numbers"),
    (dict(kind="rect", page=0, geometry=[0, 0, 1, float("nan")]), "not finite"),
    (dict(kind="highlight", page=0, geometry=[[1, 2, 3, 4]]), "8 numbers"),
    (dict(kind="ink", page=0, geometry=[[1, 2, 3]]), "x, y pairs"),
    (dict(kind="rect", page=3, geometry=[0, 0, 1, 1]), "not in this document"),
    (dict(kind="rect", page=0), "geometry"),
    (dict(kind="rect", page=0, geometry=[0, 0, 1, 1], color="red"), "#rrggbb"),
    (dict(kind="stamp", page=0, geometry=[0, 0, 1, 1]), "label"),
    (dict(kind="link", page=0, geometry=[0, 0, 1, 1]), "target page"),
    (dict(kind="link", page=0, geometry=[0, 0, 1, 1], link_page=5), "not in document"),
    (dict(kind="rect", page=0, geometry=[0, 0, 1, 1], author="clerk1"), "no field"),
])
def test_invalid_annotations_are_refused(store, case, fields, complaint):
    judge = store.as_user("judge1")
    with pytest.raises(InvalidInput, match=complaint):
        judge.add_annotation(case["doc"], **fields)
    assert judge.annotations(case["doc"], include_deleted=True) == []


def test_links_stay_inside_the_case(store, case):
    judge = store.as_user("judge1")
    with pytest.raises(InvalidInput, match="not in this case"):
        judge.add_annotation(case["doc"], kind="link", page=0, geometry=[0, 0, 9, 9],
                             link_document_id=case["foreign_doc"], link_page=0)
    same = judge.add_annotation(case["doc"], kind="link", page=0, geometry=[0, 0, 9, 9], link_page=2)
    assert (same.link_document_id, same.link_page) == (case["doc"], 2)
    with pytest.raises(NotFound):
        judge.annotation("0" * 32)


def test_conflicting_edits_from_two_desks(store, second_store, case):
    mine = store.as_user("judge1")
    theirs = second_store.as_user("judge1")
    clerk_elsewhere = second_store.as_user("clerk1")
    mark = mine.add_annotation(case["doc"], kind="rect", page=0, geometry=[10, 10, 60, 60], text="原文")
    moved = mine.update_annotation(mark.uid, mark.version, geometry=[100, 100, 150, 150])
    with pytest.raises(ConflictError) as caught:
        theirs.update_annotation(mark.uid, mark.version, text="另一台电脑的修改")
    err = caught.value
    assert (err.entity, err.entity_id, err.expected, err.actual) == ("annotation", mark.uid, 1, 2)
    assert err.current == moved                                   # what the second desk chooses against
    with pytest.raises(ConflictError):
        clerk_elsewhere.update_annotation(mark.uid, mark.version, status="resolved")
    now = theirs.annotation(mark.uid)
    assert (now.text, now.geometry, now.status, now.version) == ("原文", (100.0, 100.0, 150.0, 150.0), "open", 2)
    # choosing to keep their text over the new version is an ordinary edit of version 2
    chosen = theirs.update_annotation(mark.uid, err.current.version, text="另一台电脑的修改")
    assert (chosen.text, chosen.geometry, chosen.version) == ("另一台电脑的修改", moved.geometry, 3)


def test_editing_a_deleted_annotation_is_a_conflict_not_a_resurrection(store, second_store, case):
    mine = store.as_user("judge1")
    theirs = second_store.as_user("judge1")
    clerk = second_store.as_user("clerk1")
    mark = mine.add_annotation(case["doc"], kind="note", page=0, geometry=[10, 10, 30, 30], text="待删")
    deleted = mine.delete_annotation(mark.uid, mark.version)
    for attempt in (lambda: theirs.update_annotation(mark.uid, mark.version, geometry=[0, 0, 20, 20]),
                    lambda: theirs.update_annotation(mark.uid, deleted.version, text="复活?"),
                    lambda: theirs.delete_annotation(mark.uid, mark.version),
                    lambda: clerk.update_annotation(mark.uid, deleted.version, status="resolved"),
                    lambda: clerk.reply(mark.uid, "还在吗")):
        with pytest.raises(ConflictError) as caught:
            attempt()
        assert caught.value.current.deleted and caught.value.current.uid == mark.uid
    after = theirs.annotations(case["doc"], include_deleted=True)
    assert [(a.uid, a.deleted, a.text, a.version) for a in after] == [(mark.uid, True, "待删", 2)]


def test_two_desks_annotate_one_document_concurrently(store, second_store, case):
    per_desk, batch = 1000, 50
    rounds = per_desk // batch
    barrier = threading.Barrier(2)
    made: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def desk(desk_store, user, x):
        try:
            session = desk_store.as_user(user)
            uids = []
            for r in range(rounds):
                # every round starts together, so the two desks' transactions interleave
                barrier.wait(timeout=120)
                items = [dict(kind="rect", page=(r + i) % 3, text=f"{user}-{r}-{i}",
                              geometry=[x, 10 + i, x + 20, 20 + i]) for i in range(batch)]
                uids += [a.uid for a in session.add_annotations(case["doc"], items)]
            made[user] = uids
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=desk, args=(store, "judge1", 10)),
               threading.Thread(target=desk, args=(second_store, "clerk1", 300))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    everything = store.as_user("admin").annotations(case["doc"])
    assert len(everything) == 2 * per_desk
    by_uid = {a.uid: a for a in everything}
    for user in ("judge1", "clerk1"):
        assert len(made[user]) == per_desk
        assert all(by_uid[uid].author == user for uid in made[user])
    assert sorted(a.text for a in everything) == sorted(
        f"{u}-{r}-{i}" for u in ("judge1", "clerk1") for r in range(rounds) for i in range(batch))
    adds = [e.actor for e in store.as_user("admin").audit_events(CASE) if e.action == "annotation-add"]
    assert len(adds) == 2 * rounds
    assert all(sorted(adds[k:k + 2]) == ["clerk1", "judge1"] for k in range(0, len(adds), 2))


def test_another_desk_sees_add_move_and_delete(store, second_store, case):
    judge = store.as_user("judge1")
    with ChangeFeed(second_store.as_user("clerk1"), [CASE]) as feed:
        assert feed.poll() == []
        mark = judge.add_annotation(case["doc"], kind="arrow", page=0, geometry=[10, 10, 90, 90])
        seen = [(c.entity, c.entity_id, c.op) for c in feed.poll()]
        assert seen == [("annotation", mark.uid, "insert")]
        moved = judge.update_annotation(mark.uid, 1, geometry=[20, 20, 100, 100])
        assert [(c.entity_id, c.op) for c in feed.poll()] == [(mark.uid, "update")]
        assert feed.session.annotation(mark.uid).geometry == moved.geometry
        judge.delete_annotation(mark.uid, moved.version)
        assert [(c.entity_id, c.op) for c in feed.poll()] == [(mark.uid, "delete")]
        assert feed.session.annotation(mark.uid).deleted


def test_annotating_never_touches_the_original_file(store, case):
    original = hashlib.sha256(case["pdf"].read_bytes()).hexdigest()
    judge = store.as_user("judge1")
    judge.add_annotation(case["doc"], kind="highlight", page=0, geometry=[QUAD], text="重点")
    judge.add_annotation(case["doc"], kind="ink", page=2, geometry=[[1, 1, 5, 5]])
    info = judge.document(case["doc"])
    assert info.digest == original
    assert store.blobs.verify(info.digest)
    assert hashlib.sha256(judge.document_path(case["doc"]).read_bytes()).hexdigest() == original


def test_annotation_table_matches_the_model(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from storage.models import Base
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert [d for d in diffs if "annotation" in repr(d)] == []
