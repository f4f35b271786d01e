"""Blob backends (folder, shared folder, PostgreSQL) and the per-desk blob cache, on real files and a real server."""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from pg import pg_schema_url
from storage.blob_cache import BlobCache
from storage.blobs import (BlobInfo, FolderBackend, PostgresBackend, SharedFolderBackend, hash_file,
                           open_backend)
from storage.errors import IntegrityFailure, InvalidInput, NotFound, StoreUnavailable
from storage.models import Base, BlobChunk, BlobStored

MiB = 1 << 20
BACKENDS = ["folder", "shared-folder", "postgres"]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _blob_tables(engine) -> None:
    Base.metadata.create_all(engine, tables=[BlobChunk.__table__, BlobStored.__table__])


@pytest.fixture
def pg_url():
    with pg_schema_url() as url:
        engine = create_engine(url)
        _blob_tables(engine)
        engine.dispose()
        yield url


@pytest.fixture
def pg_engine(pg_url):
    engine = create_engine(pg_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request, tmp_path):
    if request.param == "folder":
        yield FolderBackend(tmp_path / "blobs")
    elif request.param == "shared-folder":
        (tmp_path / "share").mkdir()
        yield SharedFolderBackend(tmp_path / "share")
    else:
        # Small chunks so that ordinary test files span many chunk rows.
        yield PostgresBackend(request.getfixturevalue("pg_engine"), chunk_size=4096)


def _files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _stored_fingerprint(backend, digest):
    """Something that changes whenever the stored blob is rewritten."""
    if isinstance(backend, PostgresBackend):
        with backend.engine.connect() as conn:
            return conn.execute(text("SELECT xmin::text, stored_at FROM blob_stored WHERE digest = :d"),
                                {"d": digest}).one()
    st = backend.path_of(digest).stat()
    return st.st_ino, st.st_mtime_ns


def _corrupt(backend, digest, offset):
    """Flip one byte of the stored blob behind the backend's back."""
    if isinstance(backend, PostgresBackend):
        seq, pos = divmod(offset, backend.chunk_size)
        with backend.engine.begin() as conn:
            changed = conn.execute(text(
                "UPDATE blob_chunk SET data = set_byte(data, :p, 255 - get_byte(data, :p)) "
                "WHERE digest = :d AND seq = :s"), {"d": digest, "s": seq, "p": pos}).rowcount
        assert changed == 1
    else:
        path = backend.path_of(digest)
        os.chmod(path, 0o644)
        with open(path, "r+b") as f:
            f.seek(offset)
            byte = f.read(1)[0]
            f.seek(offset)
            f.write(bytes([255 - byte]))


def _leftovers(backend) -> list:
    """Anything a write left behind that is not a published blob."""
    if isinstance(backend, PostgresBackend):
        with backend.engine.connect() as conn:
            return conn.execute(text("SELECT digest, seq FROM blob_chunk WHERE digest NOT IN "
                                     "(SELECT digest FROM blob_stored)")).all()
    published = {backend.path_of(d) for d in backend.digests()}
    return [p for p in _files_under(backend.root) if p not in published]


# ---------------------------------------------------------------- hashing and settings

def test_hash_file_matches_hashlib(tmp_path):
    data = random.Random(1).randbytes(3 * MiB + 17)
    info = hash_file(_write(tmp_path / "f.bin", data))
    assert info == BlobInfo(hashlib.sha256(data).hexdigest(), len(data))


def test_hash_file_of_missing_file_says_so(tmp_path):
    with pytest.raises(InvalidInput, match="does not exist"):
        hash_file(tmp_path / "nope.pdf")


def test_open_backend_reads_the_setting(tmp_path, pg_engine):
    (tmp_path / "share").mkdir()
    assert type(open_backend(f"folder:{tmp_path / 'b'}", None)) is FolderBackend
    shared = open_backend(f"shared-folder:{tmp_path / 'share'}", None)
    assert type(shared) is SharedFolderBackend and shared.root == tmp_path / "share"
    pg = open_backend("postgres", pg_engine)
    assert pg.name == "postgres" and pg.chunk_size == MiB
    with pytest.raises(InvalidInput):
        open_backend("s3:bucket", None)
    with pytest.raises(InvalidInput):
        open_backend("postgres", create_engine("sqlite://"))


def test_unreachable_share_is_reported_and_not_created(tmp_path):
    with pytest.raises(StoreUnavailable, match="cannot be reached"):
        SharedFolderBackend(tmp_path / "unmounted")
    assert not (tmp_path / "unmounted").exists()


# ---------------------------------------------------------------- every backend

def test_put_has_copy_to_round_trip(backend, tmp_path):
    data = random.Random(2).randbytes(50_000)  # not a multiple of the chunk size
    info = backend.put_file(_write(tmp_path / "src.pdf", data))
    assert info == BlobInfo(hashlib.sha256(data).hexdigest(), len(data))
    assert backend.has(info.digest) and backend.size(info.digest) == len(data)
    assert list(backend.digests()) == [info.digest]
    assert backend.verify(info.digest)

    backend.copy_to(info.digest, tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == data
    with backend.open(info.digest) as reader:
        assert reader.read(10) == data[:10]
        assert reader.read() == data[10:]

    local = backend.local_path(info.digest)
    if backend.name == "postgres":
        assert local is None
    else:
        assert local.read_bytes() == data and local.stat().st_mode & 0o222 == 0
    assert _leftovers(backend) == []


def test_empty_file_round_trip(backend, tmp_path):
    info = backend.put_file(_write(tmp_path / "empty", b""))
    assert info == BlobInfo(hashlib.sha256(b"").hexdigest(), 0)
    backend.copy_to(info.digest, tmp_path / "out")
    assert (tmp_path / "out").read_bytes() == b"" and backend.verify(info.digest)


def test_missing_and_malformed_digests(backend, tmp_path):
    absent = "0" * 64
    assert not backend.has(absent)
    with pytest.raises(NotFound):
        backend.size(absent)
    with pytest.raises(NotFound):
        backend.copy_to(absent, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    for bad in ("../" + "a" * 61, "A" * 64, "abc"):
        with pytest.raises(InvalidInput):
            backend.has(bad)


def test_put_is_idempotent(backend, tmp_path):
    src = _write(tmp_path / "src.pdf", b"%PDF-1.7 the same judgment" * 500)
    info = backend.put_file(src)
    before = _stored_fingerprint(backend, info.digest)
    assert backend.put_file(src) == info
    assert backend.put_file(src, expected=info) == info
    assert _stored_fingerprint(backend, info.digest) == before
    assert list(backend.digests()) == [info.digest]
    assert _leftovers(backend) == []


def test_put_refuses_a_file_that_does_not_match_expected(backend, tmp_path):
    src = _write(tmp_path / "src.pdf", b"scan bytes" * 1000)
    real = hash_file(src)
    wrong = BlobInfo("f" * 64, real.size)
    with pytest.raises(IntegrityFailure):
        backend.put_file(src, expected=wrong)
    assert list(backend.digests()) == [] and _leftovers(backend) == []
    # Also when the blob claimed is stored already: the caller's file must really be it.
    backend.put_file(_write(tmp_path / "other.pdf", b"other"), expected=None)
    other = hash_file(tmp_path / "other.pdf")
    with pytest.raises(IntegrityFailure):
        backend.put_file(src, expected=other)


def test_damaged_blob_fails_on_read_and_leaves_dest_untouched(backend, tmp_path):
    data = random.Random(3).randbytes(30_000)
    info = backend.put_file(_write(tmp_path / "src.pdf", data))
    _corrupt(backend, info.digest, 12_345)
    (tmp_path / "dest").mkdir()
    dest = _write(tmp_path / "dest" / "copy.pdf", b"previous copy")

    with pytest.raises(IntegrityFailure, match="damaged"):
        backend.copy_to(info.digest, dest)
    assert dest.read_bytes() == b"previous copy"
    assert _files_under(tmp_path / "dest") == [dest]
    assert backend.verify(info.digest) is False


def test_missing_chunk_row_is_damage_not_a_short_file(pg_engine, tmp_path):
    backend = PostgresBackend(pg_engine, chunk_size=1000)
    info = backend.put_file(_write(tmp_path / "src", b"x" * 5500))
    with pg_engine.begin() as conn:
        conn.execute(text("DELETE FROM blob_chunk WHERE digest = :d AND seq = 2"), {"d": info.digest})
    with pytest.raises(IntegrityFailure, match="chunk 2 is missing"):
        backend.copy_to(info.digest, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert backend.verify(info.digest) is False


def test_interrupted_write_leaves_no_blob(backend, tmp_path):
    data = random.Random(4).randbytes(3 * MiB)
    src = _write(tmp_path / "src.pdf", data)
    seen = []

    def cancel_half_way(done, total):
        seen.append((done, total))
        if done > total // 2:
            raise KeyboardInterrupt("user cancelled")

    with pytest.raises(KeyboardInterrupt):
        backend.put_file(src, progress=cancel_half_way)
    assert seen and seen[-1][1] == len(data) and seen[-1][0] < len(data)
    digest = hashlib.sha256(data).hexdigest()
    assert not backend.has(digest)
    assert list(backend.digests()) == [] and _leftovers(backend) == []
    # The next attempt is not hindered by the first.
    assert backend.put_file(src) == BlobInfo(digest, len(data))


def test_delete_unreferenced(backend, tmp_path):
    a = backend.put_file(_write(tmp_path / "a", b"a" * 9000))
    b = backend.put_file(_write(tmp_path / "b", b"b" * 9000))
    assert backend.delete_unreferenced({a.digest}) == 1
    assert backend.has(a.digest) and not backend.has(b.digest)
    assert list(backend.digests()) == [a.digest] and _leftovers(backend) == []


def _vm_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(field)


@pytest.mark.slow
@pytest.mark.parametrize("kind", BACKENDS)
def test_200_mb_blob_streams_in_bounded_memory(kind, tmp_path, request):
    if kind == "folder":
        backend = FolderBackend(tmp_path / "blobs")
    elif kind == "shared-folder":
        (tmp_path / "share").mkdir()
        backend = SharedFolderBackend(tmp_path / "share")
    else:
        backend = PostgresBackend(request.getfixturevalue("pg_engine"))
    src = tmp_path / "scan.pdf"
    rng = random.Random(5)
    hasher = hashlib.sha256()
    with open(src, "wb") as f:
        for _ in range(200):
            piece = rng.randbytes(MiB)
            hasher.update(piece)
            f.write(piece)
    expected = BlobInfo(hasher.hexdigest(), 200 * MiB)

    Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current RSS
    base = _vm_kib("VmRSS")
    assert backend.put_file(src) == expected
    backend.copy_to(expected.digest, tmp_path / "back.pdf")
    growth_mib = (_vm_kib("VmHWM") - base) / 1024
    assert growth_mib < 50, f"peak RSS grew by {growth_mib:.1f} MiB"
    assert hash_file(tmp_path / "back.pdf") == expected


# ---------------------------------------------------------------- two processes at once

def _put_in_child(root, src, barrier, results):
    backend = SharedFolderBackend(root)
    barrier.wait()
    results.put(backend.put_file(src).digest)


def test_two_desks_writing_the_same_blob_to_a_share(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    ctx = multiprocessing.get_context("spawn")
    for round_no in range(3):
        data = random.Random(10 + round_no).randbytes(8 * MiB)
        src = _write(tmp_path / f"scan{round_no}.pdf", data)
        barrier, results = ctx.Barrier(2), ctx.Queue()
        desks = [ctx.Process(target=_put_in_child, args=(str(share), str(src), barrier, results))
                 for _ in range(2)]
        for p in desks:
            p.start()
        for p in desks:
            p.join()
        assert [p.exitcode for p in desks] == [0, 0]
        digest = hashlib.sha256(data).hexdigest()
        assert {results.get(timeout=30), results.get(timeout=30)} == {digest}
        results.close()
    backend = SharedFolderBackend(share)
    assert len(list(backend.digests())) == 3
    assert all(backend.verify(d) for d in backend.digests())
    assert _leftovers(backend) == []


# ---------------------------------------------------------------- the cache

@pytest.fixture
def remote(pg_engine):
    return PostgresBackend(pg_engine, chunk_size=4096)


def _put(backend, tmp_path, name, size, seed):
    data = random.Random(seed).randbytes(size)
    return backend.put_file(_write(tmp_path / name, data)).digest, data


@pytest.mark.parametrize("kind", ["folder", "shared-folder"])
def test_cache_returns_a_folder_backends_own_file(kind, tmp_path):
    if kind == "folder":
        backend = FolderBackend(tmp_path / "blobs")
    else:
        (tmp_path / "share").mkdir()
        backend = SharedFolderBackend(tmp_path / "share")
    digest, data = _put(backend, tmp_path, "a", 5000, 20)
    cache = BlobCache(tmp_path / "cache", max_bytes=10**6)
    path = cache.path_for(backend, digest)
    assert path == backend.path_of(digest) and path.read_bytes() == data
    assert cache.used_bytes == 0 and _files_under(tmp_path / "cache") == []


def test_cache_fetches_a_remote_blob_once(remote, tmp_path):
    digest, data = _put(remote, tmp_path, "a", 20_000, 21)
    cache = BlobCache(tmp_path / "cache", max_bytes=10**6)
    path = cache.path_for(remote, digest)
    assert path.is_relative_to(tmp_path / "cache") and path.read_bytes() == data
    assert path.stat().st_mode & 0o222 == 0 and cache.used_bytes == 20_000
    remote.delete_unreferenced(set())  # the remote copy is gone: only the cache can answer now
    assert cache.path_for(remote, digest) == path and path.read_bytes() == data


def test_cache_refuses_a_damaged_remote_blob(remote, tmp_path):
    digest, _ = _put(remote, tmp_path, "a", 20_000, 22)
    _corrupt(remote, digest, 9000)
    cache = BlobCache(tmp_path / "cache", max_bytes=10**6)
    with pytest.raises(IntegrityFailure):
        cache.path_for(remote, digest)
    assert cache.used_bytes == 0 and _files_under(tmp_path / "cache") == []


def test_cache_evicts_least_recently_used_first(remote, tmp_path):
    a, _ = _put(remote, tmp_path, "a", 10_000, 23)
    b, _ = _put(remote, tmp_path, "b", 10_000, 24)
    c, _ = _put(remote, tmp_path, "c", 10_000, 25)
    cache = BlobCache(tmp_path / "cache", max_bytes=25_000)
    path_a = cache.path_for(remote, a)
    path_b = cache.path_for(remote, b)
    assert cache.path_for(remote, a) == path_a  # A is now used more recently than B
    path_c = cache.path_for(remote, c)
    assert (path_a.exists(), path_b.exists(), path_c.exists()) == (True, False, True)
    assert cache.used_bytes == 20_000

    # A blob larger than the whole budget is still served; everything else makes room.
    big, big_data = _put(remote, tmp_path, "big", 30_000, 26)
    path_big = cache.path_for(remote, big)
    assert path_big.read_bytes() == big_data
    assert _files_under(tmp_path / "cache") == [path_big]


def test_evict_frees_down_to_a_smaller_budget(remote, tmp_path):
    digests = [_put(remote, tmp_path, f"f{i}", 10_000, 30 + i)[0] for i in range(3)]
    roomy = BlobCache(tmp_path / "cache", max_bytes=10**6)
    paths = [roomy.path_for(remote, d) for d in digests]
    assert roomy.evict() == 0
    tight = BlobCache(tmp_path / "cache", max_bytes=15_000)
    assert tight.evict() == 20_000
    assert [p.exists() for p in paths] == [False, False, True]
    assert tight.used_bytes == 10_000


def _fetch_in_child(url, cache_root, digest, barrier, results):
    engine = create_engine(url)
    try:
        cache = BlobCache(cache_root, max_bytes=10**8)
        barrier.wait()
        results.put(str(cache.path_for(PostgresBackend(engine, chunk_size=4096), digest)))
    finally:
        engine.dispose()


def test_two_processes_of_one_desk_fetch_the_same_blob(remote, pg_url, tmp_path):
    digest, data = _put(remote, tmp_path, "a", 2 * MiB, 40)
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    workers = [ctx.Process(target=_fetch_in_child,
                           args=(pg_url, str(tmp_path / "cache"), digest, barrier, results))
               for _ in range(2)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    assert [p.exitcode for p in workers] == [0, 0]
    paths = {results.get(timeout=30), results.get(timeout=30)}
    results.close()
    assert len(paths) == 1
    path = Path(paths.pop())
    assert path.read_bytes() == data
    assert _files_under(tmp_path / "cache") == [path]
