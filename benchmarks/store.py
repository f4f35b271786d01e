"""How fast the archive store takes in a clerk's batch of files, against copying the same bytes.

One run, one disk, the same files for everyone:
- the corpus: seeded PDFs of about 2.5 MB each, mixing text pages with image-only "scan"
  pages whose JPEGs hold noise, so that nothing compresses away;
- the peer: `shutil.copyfile` of every file into a fresh folder, once as it is and once with
  every copy and the folder fsynced, because the store makes its writes durable (the folder
  backend fsyncs each blob and its folder, SQLite and PostgreSQL flush their logs at commit);
- the embedded store (SQLite file and blob folder) and a PostgreSQL store keeping its blobs in
  PostgreSQL (a fresh schema, dropped afterwards), each taking the whole set in one
  `import_files` call, which includes checking every file in the bounded worker (started
  beforehand, as the desk starts it when the import dialog opens);
- reading every document a second time through the desk's blob cache (`document_path` with
  its access check, then reading the file) against `shutil.copyfile` of the same bytes.

The import ratios compare with the fsynced copy (the same durability); the ratios against
the plain copy are printed in the table as well. Every step runs in each of `--rounds`
interleaved rounds (fresh folders and stores each time); the table shows medians, and the
last line holds the three ratios.

Usage: python benchmarks/store.py [--files 40] [--mb 2.5] [--seed 2024] [--rounds 3] [--pg URL]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

PG_BASE = os.environ.get("DOSSIER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
CASE_NO = "（2024）陕0823执123号"
SCAN_SIZE_PX = (1240, 1754)       # an A4 page scanned at 150 dpi, grey
TEXT_PAGES = (1, 4)               # each file has this many typed pages (inclusive range)


# -- the corpus ------------------------------------------------------------------------------------

def _scan_jpeg(rng: random.Random) -> bytes:
    """A grey page of paper-coloured noise, as a scanner would deliver it, about 0.5 MB."""
    import PIL.Image

    width, height = SCAN_SIZE_PX
    # Folding random bytes into 192..255 keeps the page light like paper; the noise keeps the
    # JPEG large, as the grain of a real scan does.
    paper = bytes(255 - (value % 64) for value in range(256))
    pixels = rng.randbytes(width * height).translate(paper)
    image = PIL.Image.frombytes("L", (width, height), pixels)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def _text_page(doc, rng: random.Random, number: int) -> None:
    page = doc.new_page(width=595, height=842)
    lines = [f"执行裁定书 第 {number} 页"] + [
        "".join(rng.choice("申请执行人被执行人财产查封冻结扣划拍卖变卖款项依照民事诉讼法规定裁定如下")
                for _ in range(rng.randint(20, 34)))
        for _ in range(38)]
    page.insert_text((56, 60), "\n".join(lines), fontname="china-s", fontsize=11)


def make_corpus(folder: str, files: int, mb_per_file: float, seed: int) -> list[str]:
    """Write `files` distinct PDFs of about `mb_per_file` MB each into `folder`; return their paths."""
    import pymupdf

    rng = random.Random(seed)
    target = int(mb_per_file * 2**20)
    paths = []
    for number in range(files):
        doc = pymupdf.open()
        text_pages = rng.randint(*TEXT_PAGES)
        for index in range(text_pages):
            _text_page(doc, rng, index + 1)
        stored = 0
        last = 0
        # Stop when less than half a scan is missing: the file lands within half a scan of the target.
        while stored + last / 2 < target:
            jpeg = _scan_jpeg(rng)
            last = len(jpeg)
            page = doc.new_page(width=595, height=842)
            page.insert_image(page.rect, stream=jpeg)   # embedded as it is, no re-encoding
            stored += len(jpeg)
        path = os.path.join(folder, f"卷宗{number:03}.pdf")
        doc.save(path, garbage=1, deflate=True)
        doc.close()
        paths.append(path)
    return paths


# -- the peers -------------------------------------------------------------------------------------

def _fsync_path(path: str, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_all(paths: list[str], dest: str, durable: bool) -> tuple[float, list[str]]:
    """Copy every file into `dest` (fsyncing each copy and the folder when `durable`); seconds, copies."""
    os.makedirs(dest)
    copies = []
    started = time.perf_counter()
    for path in paths:
        target = os.path.join(dest, os.path.basename(path))
        shutil.copyfile(path, target)
        if durable:
            _fsync_path(target)
        copies.append(target)
    if durable:
        _fsync_path(dest)
    return time.perf_counter() - started, copies


def read_plain(paths: list[str]) -> tuple[float, int]:
    """Read every file whole; seconds and bytes."""
    total = 0
    started = time.perf_counter()
    for path in paths:
        with open(path, "rb") as handle:
            total += len(handle.read())
    return time.perf_counter() - started, total


# -- the stores ------------------------------------------------------------------------------------

@contextlib.contextmanager
def pg_schema_url(base: str) -> Iterator[str]:
    """A store URL whose search_path is a fresh schema on `base`'s database, dropped afterwards."""
    import psycopg

    plain = base.replace("postgresql+psycopg://", "postgresql://")
    schema = "bench_" + uuid.uuid4().hex[:12]
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{base}?options={quote('-csearch_path=' + schema)}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def timed_import(store, paths: list[str]):
    """Create the case as an administrator, then time one `import_files` of every path."""
    store.bootstrap_admin("admin", "", "管理员")
    session = store.as_user("admin")
    session.create_case(CASE_NO, cause="借款合同纠纷", stage="执行")
    # The desk starts its file checker when the import dialog opens, before files are chosen.
    store.warm_up()
    started = time.perf_counter()
    report = session.import_files(CASE_NO, paths)
    seconds = time.perf_counter() - started
    if report.refused or report.duplicates or len(report.imported) != len(paths):
        raise SystemExit(f"The import did not take every file: refused {report.refused}, "
                         f"repeated {report.duplicates}")
    return seconds, session, report


def read_cached(session, document_ids: list[int]) -> tuple[float, int]:
    """Read every document through the desk's blob cache; seconds and bytes."""
    total = 0
    started = time.perf_counter()
    for document_id in document_ids:
        with open(session.document_path(document_id), "rb") as handle:
            total += len(handle.read())
    return time.perf_counter() - started, total


# -- the run ---------------------------------------------------------------------------------------

def _settle() -> None:
    # Dirty pages left by one step would otherwise be written back during the next one's timing.
    if hasattr(os, "sync"):
        os.sync()


def main() -> None:
    """Build the corpus, time the copies, both imports and the cached reads; print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--mb", type=float, default=2.5, help="approximate size of each file in MB")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--pg", default=PG_BASE, help="PostgreSQL database for the networked store")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of every step, interleaved; the table shows medians")
    args = parser.parse_args()

    from storage.store import Store

    rounds = max(1, args.rounds)
    times: dict[str, list[float]] = {step: [] for step in ("copy", "copy_sync", "sqlite", "pg", "warm", "cached", "plain")}
    with tempfile.TemporaryDirectory(prefix="store-bench-") as work:
        source = os.path.join(work, "incoming")
        os.makedirs(source)
        paths = make_corpus(source, args.files, args.mb, args.seed)
        total_bytes = sum(os.path.getsize(p) for p in paths)
        _settle()
        for number in range(rounds):
            here = os.path.join(work, f"round{number}")
            seconds, _ = copy_all(paths, os.path.join(here, "copy"), durable=False)
            times["copy"].append(seconds)
            _settle()
            seconds, copies = copy_all(paths, os.path.join(here, "copy-fsync"), durable=True)
            times["copy_sync"].append(seconds)
            _settle()

            sqlite_url = "sqlite:///" + os.path.join(here, "embedded", "archive.sqlite3").replace(os.sep, "/")
            with Store.initialize(sqlite_url, cache_dir=os.path.join(here, "embedded-cache")) as store:
                times["sqlite"].append(timed_import(store, paths)[0])
            _settle()

            with pg_schema_url(args.pg) as pg_url, \
                    Store.initialize(pg_url, cache_dir=os.path.join(here, "pg-cache")) as store:
                seconds, session, report = timed_import(store, paths)
                times["pg"].append(seconds)
                _settle()
                ids = [item.document_id for item in report.imported]
                seconds, warm_bytes = read_cached(session, ids)   # fetches every blob into the cache
                times["warm"].append(seconds)
                seconds, cached_bytes = read_cached(session, ids)
                times["cached"].append(seconds)
                seconds, plain_bytes = read_plain(copies)
                times["plain"].append(seconds)
                if not (warm_bytes == cached_bytes == plain_bytes == total_bytes):
                    raise SystemExit("The cached documents do not hold the bytes that were imported.")
            shutil.rmtree(here)
            _settle()
    copy_s, copy_sync_s, sqlite_s, pg_s, warm_s, cached_s, plain_s = (
        statistics.median(times[step]) for step in ("copy", "copy_sync", "sqlite", "pg", "warm", "cached", "plain"))

    mb = total_bytes / 2**20
    rate = lambda seconds: f"{mb / seconds:8.1f} MB/s" if seconds > 0 else "       - MB/s"  # noqa: E731
    print(f"{args.files} PDFs, {mb:.1f} MB; store, copies and sources in one temp folder ({work}); "
          f"medians of {rounds} rounds")
    print("fsync: the store fsyncs every blob file and its folder, SQLite (WAL, synchronous=NORMAL)")
    print("       and PostgreSQL flush at commit; the 'copy + fsync' peer fsyncs every copy and its folder")
    print(f"  {'step':34} {'seconds':>8} {'rate':>13} {'x copy+fsync':>13} {'x copy':>8}")
    rows = [("copy (shutil.copyfile)", copy_s), ("copy + fsync", copy_sync_s),
            ("import, embedded (SQLite + folder)", sqlite_s), ("import, PostgreSQL (blobs in PG)", pg_s)]
    for name, seconds in rows:
        print(f"  {name:34} {seconds:8.3f} {rate(seconds)} {seconds / copy_sync_s:13.2f} {seconds / copy_s:8.2f}")
    print(f"  {'first read from PG into the cache':34} {warm_s:8.3f} {rate(warm_s)}")
    print(f"  {'cached read (second time)':34} {cached_s:8.3f} {rate(cached_s)}")
    print(f"  {'plain read of the copies':34} {plain_s:8.3f} {rate(plain_s)}")
    print("ratios: imports against copy + fsync (both durable); the cached read (document_path with its")
    print("access check, then reading the bytes) against shutil.copyfile of the same bytes")
    print(f"import_sqlite_vs_copy={sqlite_s / copy_sync_s:.2f} import_pg_vs_copy={pg_s / copy_sync_s:.2f} "
          f"cached_read_vs_copy={cached_s / copy_s:.2f}")


if __name__ == "__main__":
    main()
