"""How fast files are checked before import: one reused worker against its peers.

Peers, measured in the same run on the same files:
- opening each file with PyMuPDF in-process (no isolation at all: the lower bound);
- `prepare_file` per file (a new worker for every file: what reusing the worker saves).

Usage: python benchmarks/probe_throughput.py [--files 1000] [--one-shot 20]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import pymupdf  # noqa: E402

from storage.probe import Prober, prepare_file  # noqa: E402


def make_files(folder: str, count: int) -> list[str]:
    """`count` small, distinct two-page PDFs."""
    paths = []
    for number in range(count):
        doc = pymupdf.open()
        for page_number in range(2):
            doc.new_page().insert_text((72, 72), f"file {number}, page {page_number + 1}")
        path = os.path.join(folder, f"doc{number:05}.pdf")
        doc.save(path)
        doc.close()
        paths.append(path)
    return paths


def in_process(paths: list[str]) -> float:
    started = time.perf_counter()
    for path in paths:
        with pymupdf.open(path, filetype="pdf") as doc:
            doc.load_page(0)
            doc.load_page(doc.page_count - 1)
    return len(paths) / (time.perf_counter() - started)


def reused_worker(paths: list[str], workdir: str) -> float:
    started = time.perf_counter()   # includes starting the one worker
    with Prober(workdir=workdir) as prober:
        for path in paths:
            prober.prepare(path)
    return len(paths) / (time.perf_counter() - started)


def worker_per_file(paths: list[str], workdir: str) -> float:
    started = time.perf_counter()
    for path in paths:
        prepare_file(path, workdir=workdir)
    return len(paths) / (time.perf_counter() - started)


def main() -> None:
    """Print files/s for each way of checking and the ratios between them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--one-shot", type=int, default=20, help="files checked with a worker each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="probe-bench-") as folder:
        paths = make_files(folder, args.files)
        direct = in_process(paths)
        reused = reused_worker(paths, folder)
        one_shot = worker_per_file(paths[: args.one_shot], folder)
    print(f"{args.files} small PDFs")
    print(f"  in-process PyMuPDF (unbounded): {direct:8.0f} files/s")
    print(f"  Prober, one reused worker:      {reused:8.0f} files/s  ({reused / direct:.2f} x in-process)")
    print(f"  prepare_file, worker per file:  {one_shot:8.1f} files/s  "
          f"(reused worker is {reused / one_shot:.0f} x faster)")


if __name__ == "__main__":
    main()
