"""How long one click of "Generate" takes, from the filled form to the document filed in the store.

One run, the same demo case and template for every path:
- the MuPDF path: fill the template, convert with the built-in converter, stamp the seal, file
  the PDF and the DOCX into the embedded store (SQLite file and blob folder) with its audit event;
- the LibreOffice path (when LibreOffice is installed): the same with LibreOffice converting;
- the peer: python-docx alone saving the same filled document (open the filled DOCX, save it),
  the least any generation that writes a Word file costs.

Every round files a new document (the contact phone differs per round, so that no two PDFs are
identical); each step's median over `--rounds` is reported, and the last line holds the two
paths' times and the MuPDF path's ratio to the python-docx save.

Usage: python benchmarks/generate.py [--rounds 5] [--template 执行通知书]
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document  # noqa: E402

from desktop.generation import GenerationJob, generate, manifest_of, seal_config  # noqa: E402
from desktop.generation_context import CaseFacts, propose, read_dossier  # noqa: E402
from storage.demo import build_demo  # noqa: E402
from storage.demo_content import demo_case  # noqa: E402
from storage.store import Store  # noqa: E402
from templates.convert import libreoffice_path  # noqa: E402
from templates.render import fill  # noqa: E402

TYPED = {"contact_phone": "0912-6612345", "court_bank": "陕西榆川农村商业银行股份有限公司城关支行"}


def _values(session, case_no: str, template: str) -> dict:
    docs = session.documents(case_no)
    facts = CaseFacts(session.case(case_no), read_dossier(docs, session.document_path),
                      {u.name: u.display_name for u in session.users()}, session.generation_settings(),
                      session.user.display_name, dt.date.today())
    values = {name: p.value for name, p in propose(manifest_of(template), facts).items()}
    for name, value in TYPED.items():
        if name in values and not values[name]:
            values[name] = value
    return values


def _docx_save(docx: bytes) -> float:
    start = time.perf_counter()
    out = io.BytesIO()
    Document(io.BytesIO(docx)).save(out)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--template", default="执行通知书")
    args = parser.parse_args()
    engines = ["mupdf"] + (["libreoffice"] if libreoffice_path() else [])
    times: dict[str, list[float]] = {e: [] for e in engines}
    peer: list[float] = []
    with tempfile.TemporaryDirectory(prefix="dossier-bench-generate-") as tmp:
        store = Store.initialize("sqlite:///" + (Path(tmp) / "archive.sqlite3").as_posix(),
                                 cache_dir=Path(tmp) / "cache")
        try:
            build_demo(store)
            case_no = demo_case().case_no
            clerk = store.as_user(demo_case().clerk[0])
            values = _values(clerk, case_no, args.template)
            seal = seal_config(clerk, clerk.case(case_no).court)
            # Warm-up: imports, fonts and LibreOffice's first start are not what a click costs.
            for engine in engines:
                generate(clerk, case_no, [GenerationJob(args.template, {**values, "contact_phone": f"0912-6699{len(engine):03d}"})],
                         seal, engine=engine)
            for n in range(args.rounds):
                for engine in engines:
                    job = GenerationJob(args.template, {**values, "contact_phone": f"0912-66{n:02d}{len(engine):03d}"})
                    start = time.perf_counter()
                    generate(clerk, case_no, [job], seal, engine=engine)
                    times[engine].append(time.perf_counter() - start)
                peer.append(_docx_save(fill(args.template, {**values, "contact_phone": f"0912-66{n:02d}"})))
        finally:
            store.close()
    med = {e: statistics.median(t) for e, t in times.items()}
    docx_s = statistics.median(peer)
    print(f"template: {args.template}, rounds: {args.rounds}")
    print(f"{'path':<28}{'median s':>10}{'vs docx save':>14}")
    print(f"{'python-docx save (peer)':<28}{docx_s:>10.3f}{1:>14.1f}")
    for engine, seconds in med.items():
        print(f"{engine + ' → filed':<28}{seconds:>10.3f}{seconds / docx_s:>14.1f}")
    lo = f"{med['libreoffice']:.3f}" if "libreoffice" in med else "n/a"
    print(f"mupdf_path_s={med['mupdf']:.3f} libreoffice_path_s={lo} mupdf_vs_docx_save={med['mupdf'] / docx_s:.1f}")


if __name__ == "__main__":
    main()
