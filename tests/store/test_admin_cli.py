"""`dossier-admin` end to end: exit codes, one-line errors, export/import-package, verify finding tampering."""
from __future__ import annotations

import json
import zipfile

import pymupdf
import pytest
from sqlalchemy import text

from desktop.admin_cli import main
from storage.store import Store

CASE = "（2024）陕0823执123号"


def run(capsys, store_url, *args):
    code = main(["--store", store_url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def make_pdf(path, text):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text)
    doc.save(path)
    return str(path)


@pytest.fixture
def filled(store_url, capsys, tmp_path):
    assert run(capsys, store_url, "init", "--admin-password", "pw")[0] == 0
    assert run(capsys, store_url, "user", "add", "judge1", "--role", "judge", "--password", "x")[0] == 0
    assert run(capsys, store_url, "case", "create", CASE, "--cause", "民间借贷纠纷", "--filed-on", "2024-03-01")[0] == 0
    assert run(capsys, store_url, "case", "assign", CASE, "judge1", "--duty", "judge")[0] == 0
    assert run(capsys, store_url, "case", "party", CASE, "张三", "--role", "被执行人")[0] == 0
    files = [make_pdf(tmp_path / f"doc{i}.pdf", f"document {i}") for i in range(3)]
    code, out, _ = run(capsys, store_url, "import", CASE, *files, "--type", "证据")
    assert code == 0 and out.count("imported") == 3
    return files


def test_list_and_audit(store_url, capsys, filled):
    code, out, _ = run(capsys, store_url, "list", CASE, "--json")
    assert code == 0 and [d["title"] for d in json.loads(out)] == ["doc0", "doc1", "doc2"]
    code, out, _ = run(capsys, store_url, "--user", "judge1", "list")
    assert code == 0 and CASE in out
    code, out, _ = run(capsys, store_url, "audit", CASE)
    assert code == 0 and "case-create" in out and out.count("\timport\t") == 3


def test_errors_are_one_line_with_exit_2(store_url, capsys, filled, tmp_path):
    (tmp_path / "fake.pdf").write_text("not a pdf")
    code, out, err = run(capsys, store_url, "import", CASE, str(tmp_path / "fake.pdf"))
    assert code == 2 and "not a PDF" in err and "Traceback" not in err
    code, _, err = run(capsys, store_url, "--user", "judge1", "user", "add", "x", "--role", "admin", "--password", "p")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "administrator" in err
    code, _, err = run(capsys, store_url, "list", "（1999）无此案")
    assert code == 2 and "No case" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["--store", store_url, "no-such-command"])
    assert exit_info.value.code == 2


def test_export_then_import_package_into_another_store(store_url, capsys, filled, tmp_path):
    out_zip = tmp_path / "case.zip"
    assert run(capsys, store_url, "export", CASE, str(out_zip))[0] == 0
    with zipfile.ZipFile(out_zip) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert len(manifest["documents"]) == 3
        assert all(d["file"] in zf.namelist() for d in manifest["documents"])
    assert {e["action"] for e in manifest["audit"]} >= {"case-create", "import"}
    other = "sqlite:///" + (tmp_path / "other" / "archive.sqlite3").as_posix()
    assert run(capsys, other, "init", "--admin-password", "pw")[0] == 0
    code, out, _ = run(capsys, other, "import-package", str(out_zip))
    assert code == 0 and CASE in out
    code, out, _ = run(capsys, other, "list", CASE, "--json")
    assert [d["sha256"] for d in json.loads(out)] == [d["sha256"] for d in manifest["documents"]]
    assert run(capsys, other, "verify")[0] == 0
    # importing it twice is refused
    assert run(capsys, other, "import-package", str(out_zip))[0] == 2


def test_a_tampered_package_is_refused(store_url, capsys, filled, tmp_path):
    out_zip = tmp_path / "case.zip"
    run(capsys, store_url, "export", CASE, str(out_zip))
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(out_zip) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["audit"][0]["actor"] = "somebody-else"
                data = json.dumps(manifest).encode()
            dst.writestr(item, data)
    other = "sqlite:///" + (tmp_path / "other" / "archive.sqlite3").as_posix()
    run(capsys, other, "init", "--admin-password", "pw")
    code, _, err = run(capsys, other, "import-package", str(bad))
    assert code == 2 and "altered" in err


def _drop_audit_protection(store):
    with store.engine.begin() as conn:
        if store.dialect == "sqlite":
            conn.execute(text("DROP TRIGGER audit_event_no_update"))
            conn.execute(text("DROP TRIGGER audit_event_no_delete"))
        else:
            conn.execute(text("DROP TRIGGER audit_event_append_only ON audit_event"))


@pytest.mark.parametrize("tamper, expected", [
    ("UPDATE audit_event SET details='{\"forged\":true}' WHERE seq=3", "changed"),
    ("DELETE FROM audit_event WHERE seq=3", "removed"),
])
def test_verify_reports_a_tampered_audit_trail(store_url, capsys, filled, tmp_path, tamper, expected):
    assert run(capsys, store_url, "verify")[0] == 0
    store = Store.open(store_url, cache_dir=tmp_path / "c")
    _drop_audit_protection(store)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(tamper)
    store.close()
    code, out, _ = run(capsys, store_url, "verify")
    assert code == 1 and expected in out


def test_verify_reports_reordered_events(store_url, capsys, filled, tmp_path):
    store = Store.open(store_url, cache_dir=tmp_path / "c")
    _drop_audit_protection(store)
    with store.engine.begin() as conn:
        rows = conn.execute(text("SELECT seq, details FROM audit_event WHERE seq IN (3, 4) ORDER BY seq")).all()
        conn.execute(text("UPDATE audit_event SET details=:d WHERE seq=3"), {"d": rows[1].details})
        conn.execute(text("UPDATE audit_event SET details=:d WHERE seq=4"), {"d": rows[0].details})
    store.close()
    code, out, _ = run(capsys, store_url, "verify")
    assert code == 1 and "changed" in out


def test_verify_reports_a_changed_blob(store_url, capsys, filled, tmp_path):
    store = Store.open(store_url, cache_dir=tmp_path / "c")
    digest = store.as_user("admin").documents(CASE)[0].digest
    if store.dialect == "sqlite":
        path = store.blobs.local_path(digest)
        path.chmod(0o644)
        data = bytearray(path.read_bytes())
        data[-10] ^= 0xFF
        path.write_bytes(bytes(data))
    else:
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE blob_chunk SET data = decode('00', 'hex') || substr(data, 2) "
                              "WHERE digest=:d AND seq=0"), {"d": digest})
    store.close()
    code, out, _ = run(capsys, store_url, "verify")
    assert code == 1 and digest in out


def test_demo_builds_a_realistic_case_once(store_url, capsys):
    assert run(capsys, store_url, "init", "--admin-password", "pw")[0] == 0
    code, out, _ = run(capsys, store_url, "demo")
    assert code == 0
    code, out, _ = run(capsys, store_url, "list", "--json")
    (case,) = json.loads(out)
    code, out, _ = run(capsys, store_url, "list", case["case_no"], "--json")
    docs = json.loads(out)
    assert len(docs) >= 12 and 250 <= sum(d["pages"] for d in docs) <= 350
    assert case["judges"] and case["clerks"]
    # again: nothing new
    run(capsys, store_url, "demo")
    code, out, _ = run(capsys, store_url, "list", case["case_no"], "--json")
    assert len(json.loads(out)) == len(docs)
