"""`dossier-admin`: the administrator's command line for the archive store.

Exit status: 0 ok, 1 a check failed, 2 bad usage or input. Errors are one readable line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys

from storage.errors import StoreError

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dossier-admin", description="Administer a Dossier Desk archive store.")
    p.add_argument("--store", metavar="URL", help="store URL (default: DOSSIER_STORE, else the embedded store)")
    p.add_argument("--user", metavar="NAME", default="admin", help="act as this user (default: admin)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = sub.add_parser("init", help="create or upgrade the store; create the first administrator")
    init.add_argument("--blobs", metavar="WHERE",
                      help="where files live: postgres | folder:PATH | shared-folder:\\\\server\\share")
    init.add_argument("--admin-password", metavar="PW", help="password of the first administrator (asked if omitted on a terminal)")

    user = sub.add_parser("user", help="manage users").add_subparsers(dest="user_cmd", required=True)
    ua = user.add_parser("add", help="add a user")
    ua.add_argument("name")
    ua.add_argument("--role", required=True, choices=["judge", "clerk", "admin"])
    ua.add_argument("--display-name", default="")
    ua.add_argument("--password", help="(asked if omitted on a terminal)")
    user.add_parser("list", help="list users")

    case = sub.add_parser("case", help="manage cases").add_subparsers(dest="case_cmd", required=True)
    cc = case.add_parser("create", help="create a case")
    cc.add_argument("case_no")
    cc.add_argument("--cause", default="")
    cc.add_argument("--stage", default="")
    cc.add_argument("--court", default="")
    cc.add_argument("--filed-on", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    ca = case.add_parser("assign", help="assign a judge or clerk to a case")
    ca.add_argument("case_no")
    ca.add_argument("assignee", metavar="USER")
    ca.add_argument("--duty", required=True, choices=["judge", "clerk"])
    cp = case.add_parser("party", help="add a party to a case")
    cp.add_argument("case_no")
    cp.add_argument("name")
    cp.add_argument("--role", required=True)
    cp.add_argument("--kind", default="person", choices=["person", "organisation"])
    cp.add_argument("--id-number", default="")

    imp = sub.add_parser("import", help="import PDFs and images into a case")
    imp.add_argument("case_no")
    imp.add_argument("files", nargs="+")
    imp.add_argument("--volume", default="正卷")
    imp.add_argument("--type", dest="doc_type", default="")
    imp.add_argument("--password", help="password of encrypted PDFs")

    ls = sub.add_parser("list", help="list cases, or the documents of one case")
    ls.add_argument("case_no", nargs="?")
    ls.add_argument("--json", action="store_true")

    ex = sub.add_parser("export", help="export a case as a self-describing zip package")
    ex.add_argument("case_no")
    ex.add_argument("out")
    ip = sub.add_parser("import-package", help="create a case from a package")
    ip.add_argument("package")

    sub.add_parser("verify", help="re-hash every blob and check the audit chain")
    au = sub.add_parser("audit", help="show the audit trail of a case")
    au.add_argument("case_no")
    au.add_argument("--json", action="store_true")
    sub.add_parser("demo", help="build the demo case in the store")
    return p


def _ask_password(given: str | None, prompt: str) -> str:
    if given is not None:
        return given
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return ""


def _print_progress(done: int, total: int, path: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{done}/{total}", end="" if done < total else "\n", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from storage.store import Store

    if args.command == "init":
        store = Store.initialize(args.store, blobs=args.blobs)
    else:
        store = Store.open(args.store)
    with store:
        return _run(args, store)


def _run(args: argparse.Namespace, store) -> int:
    if args.command == "init":
        if not store.has_users():
            store.bootstrap_admin(args.user, _ask_password(args.admin_password, f"Password for {args.user}: "))
            print(f"Created administrator {args.user}.")
        print(f"Store ready: {store.url.split('@')[-1]} (files: {store.blob_setting})")
        return EXIT_OK
    if args.command == "demo":
        from storage.demo import build_demo
        case_no = build_demo(store, progress=_print_progress)
        print(f"Demo case {case_no} is ready.")
        return EXIT_OK
    me = store.as_user(args.user)
    if args.command == "user":
        if args.user_cmd == "add":
            u = me.add_user(args.name, args.role, _ask_password(args.password, f"Password for {args.name}: "),
                            args.display_name)
            print(f"Added {u.role} {u.name}.")
        else:
            for u in me.users():
                print(f"{u.name}\t{u.role}\t{u.display_name}\t{'active' if u.active else 'disabled'}")
        return EXIT_OK
    if args.command == "case":
        if args.case_cmd == "create":
            c = me.create_case(args.case_no, args.cause, args.stage, args.court, args.filed_on)
            print(f"Created case {c.case_no}.")
        elif args.case_cmd == "assign":
            me.assign(args.case_no, args.assignee, args.duty)
            print(f"Assigned {args.assignee} as {args.duty} to {args.case_no}.")
        else:
            me.add_party(args.case_no, args.name, args.role, args.kind, args.id_number)
            print(f"Added {args.role} {args.name} to {args.case_no}.")
        return EXIT_OK
    if args.command == "import":
        report = me.import_files(args.case_no, args.files, volume=args.volume, doc_type=args.doc_type,
                                 password=args.password, progress=_print_progress)
        for f in report.imported:
            print(f"imported\t{f.path}\t{f.page_count} pages" + (f"\t{f.note}" if f.note else ""))
        for path, first in report.duplicates:
            print(f"repeat\t{path}\talready in the case as {first}")
        for path, reason in report.refused:
            print(f"refused\t{path}\t{reason}", file=sys.stderr)
        return EXIT_OK if report.ok else EXIT_BAD_INPUT
    if args.command == "list":
        if args.case_no:
            rows = me.documents(args.case_no)
            if args.json:
                print(json.dumps([{"id": d.id, "volume": d.volume, "title": d.title, "type": d.doc_type,
                                   "date": d.doc_date.isoformat() if d.doc_date else None,
                                   "pages": d.page_count, "sha256": d.digest} for d in rows],
                                 ensure_ascii=False, indent=1))
            else:
                for d in rows:
                    print(f"{d.volume}\t{d.ordinal + 1}\t{d.title}\t{d.doc_type}\t{d.page_count}")
        else:
            cases = me.cases()
            if args.json:
                print(json.dumps([{"case_no": c.case_no, "cause": c.cause, "stage": c.stage,
                                   "judges": c.judges, "clerks": c.clerks} for c in cases], ensure_ascii=False))
            else:
                for c in cases:
                    print(f"{c.case_no}\t{c.cause}\t{c.stage}\t{','.join(c.judges)}")
        return EXIT_OK
    if args.command == "export":
        manifest = me.export_case(args.case_no, args.out)
        print(f"Exported {args.case_no}: {len(manifest['documents'])} documents, "
              f"{len(manifest['audit'])} audit events -> {args.out}")
        return EXIT_OK
    if args.command == "import-package":
        print(f"Imported case {me.import_package(args.package)}.")
        return EXIT_OK
    if args.command == "verify":
        report = me.verify()
        for problem in report.problems:
            print(f"FAILED\t{problem}")
        print(f"{report.blobs_checked} files and {report.events_checked} audit events checked: "
              + ("all good." if report.ok else f"{len(report.problems)} problem(s)."))
        return EXIT_OK if report.ok else EXIT_CHECK_FAILED
    if args.command == "audit":
        events = me.audit_events(args.case_no)
        for e in events:
            if args.json:
                print(json.dumps({"seq": e.seq, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
                                  "details": e.details, "hash": e.hash}, ensure_ascii=False))
            else:
                print(f"{e.seq}\t{e.at:%Y-%m-%d %H:%M:%S}\t{e.actor}\t{e.action}\t"
                      + json.dumps(e.details, ensure_ascii=False))
        return EXIT_OK
    raise AssertionError(args.command)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except StoreError as exc:
        print(f"dossier-admin: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (OSError, ValueError) as exc:
        print(f"dossier-admin: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("dossier-admin: interrupted; nothing half-written was kept.", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
