"""Content-addressed blob backends: bytes stored once under their SHA-256, verified when read.

Three backends share one contract (`BlobBackend`): a local folder (the embedded default), a
shared folder reached by every desk (a UNC path), and PostgreSQL, which keeps a blob as
1 MiB chunk rows so that a 500 MB scan is never whole in memory, neither written nor read.
A blob becomes visible only when it is complete: folders publish a finished temp file with
one rename, PostgreSQL writes the `blob_stored` row in the transaction of the last chunk.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import socket
import stat
import tempfile
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Engine, delete, func, insert, select, text
from sqlalchemy.exc import InterfaceError, OperationalError, ProgrammingError

from .errors import IntegrityFailure, InvalidInput, NotFound, StoreUnavailable
from .models import BlobChunk, BlobStored

READ_SIZE = 1 << 20
_DIGEST = re.compile(r"^[0-9a-f]{64}$")
# A temp file this old belongs to a writer that died; younger ones may still be growing.
STALE_TEMP_SECONDS = 24 * 3600

Progress = Callable[[int, int], object]


@dataclass(frozen=True)
class BlobInfo:
    """A blob's identity: lowercase hex SHA-256 and length in bytes."""
    digest: str
    size: int


def check_digest(digest: str) -> str:
    """Return `digest` if it is 64 lowercase hex characters, else raise InvalidInput.

    Digests become file names, so anything else (a path, an upper-case hash) is refused.
    """
    if not isinstance(digest, str) or not _DIGEST.match(digest):
        raise InvalidInput(f"Not a blob digest (64 lowercase hex characters): {digest!r}")
    return digest


def hash_file(path: str | os.PathLike) -> BlobInfo:
    """SHA-256 and size of a file, read in 1 MiB pieces."""
    hasher = hashlib.sha256()
    size = 0
    with _open_source(path) as src:
        for piece in _pieces(src, READ_SIZE):
            hasher.update(piece)
            size += len(piece)
    return BlobInfo(hasher.hexdigest(), size)


def _open_source(path: str | os.PathLike) -> BinaryIO:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InvalidInput(f"The file {path} does not exist; check the path and try again.") from None
    except OSError as err:
        raise InvalidInput(f"The file {path} cannot be read ({err.strerror}).") from None


def _pieces(stream: BinaryIO, size: int) -> Iterator[bytes]:
    """Full-sized pieces until the end of the stream (a short read is not taken as the end)."""
    while True:
        piece = stream.read(size)
        if not piece:
            return
        while len(piece) < size:
            more = stream.read(size - len(piece))
            if not more:
                break
            piece += more
        yield piece
        if len(piece) < size:
            return


def _changed(path, expected: BlobInfo) -> IntegrityFailure:
    return IntegrityFailure(
        f"The file {path} does not match the expected hash {expected.digest}; "
        "it may have changed while being imported. Import it again.")


def _fsync_dir(path: Path) -> None:
    # Makes the rename itself durable; directories cannot be opened on Windows.
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_file(path: Path) -> None:
    """Delete a file even if it is read-only (Windows refuses otherwise); gone already is fine."""
    try:
        os.chmod(path, stat.S_IREAD | stat.S_IWRITE)
        os.unlink(path)
    except FileNotFoundError:
        pass


def publish(tmp: Path, final: Path) -> bool:
    """Move a finished temp file to its content-addressed name; False if the blob was already there.

    Several writers may publish the same blob at once. Their bytes are identical, so whoever
    lands first wins and the others drop their copy; a refusal to replace an existing
    (read-only, or open) file is therefore not an error.
    """
    if final.exists():
        remove_file(tmp)
        return False
    try:
        os.replace(tmp, final)
    except OSError:
        if final.exists():
            remove_file(tmp)
            return False
        raise
    return True


def stream_verified(source: BinaryIO, digest: str, dest: BinaryIO, expected_size: int | None = None) -> int:
    """Copy `source` to `dest` in 1 MiB pieces, raising IntegrityFailure unless the bytes hash to `digest`."""
    hasher = hashlib.sha256()
    size = 0
    for piece in _pieces(source, READ_SIZE):
        hasher.update(piece)
        dest.write(piece)
        size += len(piece)
    if hasher.hexdigest() != digest or (expected_size is not None and size != expected_size):
        raise IntegrityFailure(
            f"Blob {digest} is damaged: its stored bytes do not match their hash. "
            "Restore it from a backup or re-import the original file.")
    return size


class BlobBackend(ABC):
    """Where blob bytes live. Blobs are written once and never change."""

    name: str = ""

    @abstractmethod
    def put_file(self, path: str | os.PathLike, expected: BlobInfo | None = None, *,
                 progress: Progress | None = None) -> BlobInfo:
        """Store the file's bytes under their hash and return that identity.

        Idempotent: a blob already stored is not rewritten. Atomic: an exception part-way
        (including one raised by `progress`, which is how a caller cancels) leaves no blob.
        `expected`, when given, must match the file or IntegrityFailure is raised.
        `progress(done_bytes, total_bytes)` is called after every piece.
        """

    @abstractmethod
    def has(self, digest: str) -> bool:
        """True if the blob is stored completely."""

    @abstractmethod
    def size(self, digest: str) -> int:
        """The blob's length in bytes; NotFound if it is not stored."""

    @abstractmethod
    def open(self, digest: str) -> BinaryIO:
        """A streaming binary reader of the stored bytes, not verified; NotFound if absent."""

    @abstractmethod
    def local_path(self, digest: str) -> Path | None:
        """A file path the blob can be read from in place, or None if the backend has none."""

    @abstractmethod
    def digests(self) -> Iterator[str]:
        """Every stored blob's digest."""

    @abstractmethod
    def _delete(self, digest: str) -> None:
        """Remove one blob."""

    def _confirm_existing(self, path, expected: BlobInfo) -> BlobInfo:
        # The blob is stored already; only make sure the caller's file really is that blob.
        if hash_file(path) != expected:
            raise _changed(path, expected)
        return expected

    def copy_to(self, digest: str, dest_path: str | os.PathLike) -> None:
        """Write a verified copy of the blob to `dest_path`, atomically.

        The hash is checked while streaming; on a mismatch IntegrityFailure is raised and
        `dest_path` is left as it was.
        """
        check_digest(digest)
        dest = Path(dest_path)
        expected_size = self.size(digest)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out, self.open(digest) as src:
                stream_verified(src, digest, out, expected_size)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, dest)
        except BaseException:
            remove_file(tmp)
            raise

    def verify(self, digest: str) -> bool:
        """Re-hash the stored bytes: True if they still match the digest."""
        check_digest(digest)
        expected_size = self.size(digest)
        hasher = hashlib.sha256()
        size = 0
        try:
            with self.open(digest) as src:
                for piece in _pieces(src, READ_SIZE):
                    hasher.update(piece)
                    size += len(piece)
        except IntegrityFailure:
            return False
        return hasher.hexdigest() == digest and size == expected_size

    def delete_unreferenced(self, keep: set[str]) -> int:
        """Delete every blob whose digest is not in `keep` (an administrator's clean-up); return how many."""
        doomed = [d for d in self.digests() if d not in keep]
        for digest in doomed:
            self._delete(digest)
        return len(doomed)


class FolderBackend(BlobBackend):
    """Blobs as read-only files `root/ab/cd/<digest>` on a local disk."""

    name = "folder"
    INCOMING = ".incoming"

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self._prepare_root()

    def _prepare_root(self) -> None:
        try:
            (self.root / self.INCOMING).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreUnavailable(
                f"The blob folder {self.root} cannot be created ({err.strerror}); "
                "check the path and its permissions.") from None

    def path_of(self, digest: str) -> Path:
        """Where the blob lives (or would live) in this folder."""
        check_digest(digest)
        return self.root / digest[:2] / digest[2:4] / digest

    def _new_temp(self) -> tuple[BinaryIO, Path]:
        fd, name = tempfile.mkstemp(prefix="put-", suffix=".part", dir=self.root / self.INCOMING)
        return os.fdopen(fd, "wb"), Path(name)

    def put_file(self, path, expected=None, *, progress=None):
        if expected is not None and self.has(expected.digest):
            return self._confirm_existing(path, expected)
        hasher = hashlib.sha256()
        size = 0
        with _open_source(path) as src:
            total = os.fstat(src.fileno()).st_size
            out, tmp = self._new_temp()
            try:
                with out:
                    for piece in _pieces(src, READ_SIZE):
                        hasher.update(piece)
                        out.write(piece)
                        size += len(piece)
                        if progress:
                            progress(size, total)
                    out.flush()
                    os.fsync(out.fileno())
                info = BlobInfo(hasher.hexdigest(), size)
                if expected is not None and info != expected:
                    raise _changed(path, expected)
                self._make_read_only(tmp)
                final = self.path_of(info.digest)
                final.parent.mkdir(parents=True, exist_ok=True)
                if publish(tmp, final):
                    _fsync_dir(final.parent)
                return info
            except BaseException:
                remove_file(tmp)
                raise

    def _make_read_only(self, path: Path) -> None:
        os.chmod(path, stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)

    def has(self, digest):
        return self.path_of(digest).is_file()

    def size(self, digest):
        try:
            return self.path_of(digest).stat().st_size
        except FileNotFoundError:
            raise NotFound(f"Blob {digest} is not in {self.root}.") from None

    def open(self, digest):
        try:
            return open(self.path_of(digest), "rb")
        except FileNotFoundError:
            raise NotFound(f"Blob {digest} is not in {self.root}.") from None
        except OSError as err:
            raise StoreUnavailable(f"Blob {digest} cannot be read from {self.root} ({err.strerror}).") from None

    def local_path(self, digest):
        path = self.path_of(digest)
        if not path.is_file():
            raise NotFound(f"Blob {digest} is not in {self.root}.")
        return path

    def digests(self):
        for first in sorted(self.root.glob("[0-9a-f][0-9a-f]")):
            for second in sorted(first.glob("[0-9a-f][0-9a-f]")):
                for path in sorted(second.iterdir()):
                    if _DIGEST.match(path.name) and path.name[:4] == first.name + second.name:
                        yield path.name

    def _delete(self, digest):
        remove_file(self.path_of(digest))

    def delete_unreferenced(self, keep):
        """Delete unreferenced blobs and the temp files of writers that died; return how many blobs."""
        cutoff = time.time() - STALE_TEMP_SECONDS
        for tmp in (self.root / self.INCOMING).iterdir():
            try:
                if tmp.stat().st_mtime < cutoff:
                    remove_file(tmp)
            except FileNotFoundError:
                pass
        return super().delete_unreferenced(keep)


class SharedFolderBackend(FolderBackend):
    """The folder layout on a share every desk writes to (e.g. \\\\archive\\dossier-blobs).

    Desks may write the same blob at the same moment: each writes its own temp file, named
    for host, process and thread, and the first rename wins (see `publish`).
    """

    name = "shared-folder"

    def _prepare_root(self) -> None:
        # Never create the share itself: an unmounted share would silently become a local folder.
        if not self.root.is_dir():
            raise StoreUnavailable(
                f"The shared blob folder {self.root} cannot be reached. Check the network connection "
                "and that the share is available, then try again.")
        super()._prepare_root()

    def _new_temp(self):
        name = (f"{socket.gethostname()}-{os.getpid()}-{threading.get_ident()}-"
                f"{secrets.token_hex(6)}.part")
        path = self.root / self.INCOMING / name
        return open(path, "xb"), path

    def _make_read_only(self, path):
        # Some shares ignore or refuse permission changes; the blob is still correct.
        try:
            super()._make_read_only(path)
        except PermissionError:
            pass


class _ChunkReader(io.RawIOBase):
    """Reads a PostgreSQL blob one chunk row at a time, so only one chunk is ever in memory."""

    def __init__(self, backend: PostgresBackend, digest: str, chunks: int):
        self._backend = backend
        self._digest = digest
        self._chunks = chunks
        self._seq = 0
        self._buffer = b""
        self._pos = 0

    def readable(self):
        return True

    def readinto(self, target):
        if self._pos >= len(self._buffer):
            if self._seq >= self._chunks:
                return 0
            self._buffer = self._backend._chunk(self._digest, self._seq)
            self._seq += 1
            self._pos = 0
        n = min(len(target), len(self._buffer) - self._pos)
        target[:n] = self._buffer[self._pos:self._pos + n]
        self._pos += n
        return n


class PostgresBackend(BlobBackend):
    """Blobs as chunk rows in PostgreSQL (`blob_chunk`), complete once `blob_stored` has their row."""

    name = "postgres"

    def __init__(self, engine: Engine, chunk_size: int = 1 << 20):
        if engine.dialect.name != "postgresql":
            raise InvalidInput(f"The PostgreSQL blob backend needs a PostgreSQL store, not {engine.dialect.name}.")
        if chunk_size <= 0:
            raise InvalidInput("The chunk size must be positive.")
        self.engine = engine
        self.chunk_size = chunk_size
        self._chunk_t = BlobChunk.__table__
        self._stored_t = BlobStored.__table__

    @contextmanager
    def _errors(self):
        try:
            yield
        except (OperationalError, InterfaceError) as err:
            raise StoreUnavailable(
                f"The blob store on PostgreSQL cannot be reached ({err.orig or err}). "
                "Check the network connection and try again.") from None
        except ProgrammingError as err:
            if getattr(err.orig, "sqlstate", None) == "42P01":  # undefined table
                raise StoreUnavailable(
                    "The PostgreSQL store has no blob tables; run the store migration "
                    "(dossier-admin upgrade) and try again.") from None
            raise

    def _stored(self, digest: str) -> tuple[int, int] | None:
        check_digest(digest)
        with self._errors(), self.engine.connect() as conn:
            row = conn.execute(select(self._stored_t.c.size, self._stored_t.c.chunks)
                               .where(self._stored_t.c.digest == digest)).first()
        return (row.size, row.chunks) if row else None

    def _chunk(self, digest: str, seq: int) -> bytes:
        with self._errors(), self.engine.connect() as conn:
            data = conn.execute(select(self._chunk_t.c.data).where(
                self._chunk_t.c.digest == digest, self._chunk_t.c.seq == seq)).scalar()
        if data is None:
            raise IntegrityFailure(f"Blob {digest} is damaged: chunk {seq} is missing.")
        return bytes(data)

    def put_file(self, path, expected=None, *, progress=None):
        # Chunk rows are keyed by digest, so the digest must be known before the first one.
        target = expected if expected is not None else hash_file(path)
        if self.has(target.digest):
            return self._confirm_existing(path, target) if expected is not None else target
        hasher = hashlib.sha256()
        size = 0
        seq = 0
        with _open_source(path) as src, self._errors(), self.engine.begin() as conn:
            # Serialises desks storing the same blob: the second finds it complete and stops.
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:d, 0))"), {"d": target.digest})
            if conn.execute(select(self._stored_t.c.digest)
                            .where(self._stored_t.c.digest == target.digest)).first():
                return target
            for piece in _pieces(src, self.chunk_size):
                hasher.update(piece)
                conn.execute(insert(self._chunk_t), {"digest": target.digest, "seq": seq, "data": piece})
                size += len(piece)
                seq += 1
                if progress:
                    progress(size, target.size)
            info = BlobInfo(hasher.hexdigest(), size)
            if info != target:
                raise _changed(path, target)
            conn.execute(insert(self._stored_t).values(
                digest=info.digest, size=info.size, chunks=seq,
                stored_at=func.timezone("utc", func.now())))
        return info

    def has(self, digest):
        return self._stored(digest) is not None

    def size(self, digest):
        stored = self._stored(digest)
        if stored is None:
            raise NotFound(f"Blob {digest} is not in the PostgreSQL store.")
        return stored[0]

    def open(self, digest):
        stored = self._stored(digest)
        if stored is None:
            raise NotFound(f"Blob {digest} is not in the PostgreSQL store.")
        return io.BufferedReader(_ChunkReader(self, digest, stored[1]), buffer_size=self.chunk_size)

    def local_path(self, digest):
        return None

    def digests(self):
        # Pages by key so no connection stays open while the caller works through them.
        last = ""
        while True:
            with self._errors(), self.engine.connect() as conn:
                page = conn.execute(select(self._stored_t.c.digest).where(self._stored_t.c.digest > last)
                                    .order_by(self._stored_t.c.digest).limit(1000)).scalars().all()
            if not page:
                return
            yield from page
            last = page[-1]

    def _delete(self, digest):
        with self._errors(), self.engine.begin() as conn:
            conn.execute(delete(self._stored_t).where(self._stored_t.c.digest == digest))
            conn.execute(delete(self._chunk_t).where(self._chunk_t.c.digest == digest))


def open_backend(setting: str, engine: Engine | None) -> BlobBackend:
    """The backend a store setting names: 'folder:<path>', 'shared-folder:<path>' or 'postgres'."""
    kind, _, where = setting.partition(":")
    if kind == "folder" and where:
        return FolderBackend(where)
    if kind == "shared-folder" and where:
        return SharedFolderBackend(where)
    if setting == "postgres":
        if engine is None:
            raise InvalidInput("The PostgreSQL blob backend needs the store's engine.")
        return PostgresBackend(engine)
    raise InvalidInput(
        f"Unknown blob storage setting {setting!r}; use 'folder:<path>', 'shared-folder:<path>' or 'postgres'.")
