"""Cases, users, access control, audit chain and version conflicts on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import text

from storage.errors import AccessDenied, ConflictError, InvalidInput, NotFound
from storage.store import Store

CASE = "（2024）陕0823执123号"


@pytest.fixture
def populated(admin):
    admin.add_user("judge1", "judge", "pw-j", "王法官")
    admin.add_user("clerk1", "clerk", "pw-c", "李书记员")
    admin.add_user("clerk2", "clerk", "pw-c2")
    admin.create_case(CASE, cause="民间借贷纠纷", stage="执行实施", court="陕西省佳县人民法院",
                      filed_on=dt.date(2024, 3, 1))
    admin.assign(CASE, "judge1", "judge")
    admin.assign(CASE, "clerk1", "clerk")
    admin.create_case("（2024）陕0823执200号", cause="买卖合同纠纷")
    return admin


def test_schema_is_migrated_to_head(store):
    from storage.db import current_revision, head_revision
    assert current_revision(store.engine) == head_revision()


def test_login_checks_password_and_audits_both_outcomes(store, populated):
    me = store.login("judge1", "pw-j")
    assert me.user.role == "judge"
    with pytest.raises(AccessDenied):
        store.login("judge1", "wrong")
    actions = [(e.actor, e.action) for e in populated.audit_events()]
    assert ("judge1", "login") in actions and ("judge1", "login-refused") in actions


def test_passwords_are_stored_as_kdf_hashes(store, populated):
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM app_user WHERE name='judge1'")).scalar()
    assert stored.startswith("scrypt$") and "pw-j" not in stored


def test_judges_and_clerks_see_only_assigned_cases(store, populated):
    judge = store.as_user("judge1")
    assert [c.case_no for c in judge.cases()] == [CASE]
    assert [c.case_no for c in store.as_user("clerk2").cases()] == []
    assert len(populated.cases()) == 2
    case = judge.case(CASE)
    assert case.judges == ("judge1",) and case.clerks == ("clerk1",)
    assert [v.name for v in case.volumes] == ["正卷", "副卷"]


def test_refused_actions_raise_and_are_audited(store, populated):
    clerk2 = store.as_user("clerk2")
    with pytest.raises(AccessDenied, match="not assigned"):
        clerk2.case(CASE)
    with pytest.raises(AccessDenied, match="administrator"):
        clerk2.add_user("mallory", "admin", "x")
    with pytest.raises(AccessDenied):
        store.as_user("judge1").create_case("（2025）陕0823执1号")
    refusals = [e for e in populated.audit_events() if e.action == "refused"]
    assert [(e.actor, e.details["action"]) for e in refusals] == [
        ("clerk2", "case-read"), ("clerk2", "user-add"), ("judge1", "case-create")]
    assert refusals[0].case_no == CASE
    # the refused user was not created
    assert "mallory" not in [u.name for u in populated.users()]


def test_audit_trail_of_a_case_is_readable_by_its_judge_but_whole_trail_by_admin_only(store, populated):
    judge = store.as_user("judge1")
    events = judge.audit_events(CASE)
    assert {e.action for e in events} >= {"case-create", "case-assign"}
    assert all(e.case_no == CASE for e in events)
    with pytest.raises(AccessDenied):
        judge.audit_events()


def test_stale_edit_is_a_conflict_and_changes_nothing(store, populated):
    judge = store.as_user("judge1")
    clerk = store.as_user("clerk1")
    seen = judge.case(CASE)
    clerk.update_case(CASE, seen.version, stage="财产调查")
    with pytest.raises(ConflictError) as err:
        judge.update_case(CASE, seen.version, stage="终结本次执行")
    assert err.value.expected == seen.version and err.value.actual == seen.version + 1
    assert judge.case(CASE).stage == "财产调查"


def test_party_edit_conflict_between_two_connections(store_url, store, populated, tmp_path):
    party = populated.add_party(CASE, "张三", "被执行人", "person", "610823199001011234")
    other = Store.open(store_url, cache_dir=tmp_path / "cache2")
    try:
        a = store.as_user("clerk1")
        b = other.as_user("judge1")
        a.update_party(CASE, party.id, party.version, name="张三丰")
        with pytest.raises(ConflictError):
            b.update_party(CASE, party.id, party.version, id_number="610823199001011235")
        fresh = [p for p in b.case(CASE).parties if p.id == party.id][0]
        assert fresh.name == "张三丰" and fresh.id_number == "610823199001011234"
    finally:
        other.close()


def test_related_cases_share_a_party(store, populated):
    populated.add_party(CASE, "陕西某某商贸有限公司", "被执行人", "organisation", "91610800MA6YX1234X")
    populated.add_party("（2024）陕0823执200号", "陕西某某商贸有限公司", "被执行人", "organisation",
                        "91610800MA6YX1234X")
    populated.create_case("（2024）陕0823执300号")
    related = populated.related_cases(CASE)
    assert [(c.case_no, shared) for c, shared in related] == [("（2024）陕0823执200号", "陕西某某商贸有限公司")]
    # a judge not assigned to the other case does not learn about it
    assert store.as_user("judge1").related_cases(CASE) == []


def test_audit_chain_never_forks_under_concurrent_appends(store_url, store, populated, tmp_path):
    stores = [Store.open(store_url, cache_dir=tmp_path / f"c{i}") for i in range(2)]
    errors = []

    def work(st, who):
        try:
            me = st.as_user(who)
            for i in range(25):
                me.record("export", CASE, n=i)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(stores[0], "judge1")),
               threading.Thread(target=work, args=(stores[1], "clerk1"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for st in stores:
        st.close()
    assert not errors
    events = populated.audit_events()
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert sum(1 for e in events if e.action == "export") == 50
    from storage.audit import GENESIS
    prev = GENESIS
    for e in events:
        assert e.prev_hash == prev
        prev = e.hash


def test_audit_events_cannot_be_changed_or_removed(store, populated):
    from sqlalchemy.exc import DBAPIError
    with pytest.raises(DBAPIError):
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE audit_event SET actor='nobody' WHERE seq=1"))
    with pytest.raises(DBAPIError):
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_event WHERE seq=1"))
    assert populated.audit_events()[0].actor == "admin"


def test_bad_inputs_are_refused_clearly(store, populated):
    with pytest.raises(InvalidInput, match="role"):
        populated.add_user("x", "superuser")
    with pytest.raises(InvalidInput, match="already exists"):
        populated.create_case(CASE)
    with pytest.raises(NotFound):
        populated.case("（1999）无此案")
    with pytest.raises(InvalidInput):
        populated.assign(CASE, "admin", "judge")


def test_change_feed_lists_changes_after_an_id(store, populated):
    judge = store.as_user("judge1")
    start = judge.changes_since(CASE)[-1].id
    populated.add_party(CASE, "李四", "申请执行人")
    changes = judge.changes_since(CASE, start)
    assert [(c.entity, c.op) for c in changes] == [("party", "insert")]
