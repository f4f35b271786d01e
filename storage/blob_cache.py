"""The per-desk blob cache: local, size-bounded copies of blobs held by a remote backend.

Blobs never change, so a cached copy is never stale; the only question is which copies to
drop when the cache grows past its budget. The answer is the least recently used, judged
by each file's modification time, which every use sets to "now".
"""
from __future__ import annotations

import os
import secrets
import stat
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .blobs import STALE_TEMP_SECONDS, BlobBackend, remove_file, check_digest, publish
from .errors import InvalidInput

_stamp_lock = threading.Lock()
_last_stamp = 0


def _use_stamp() -> int:
    """Now, in nanoseconds, strictly later than the previous stamp of this process.

    Two uses in a row must never tie, or the eviction order would depend on the file system's
    clock resolution.
    """
    global _last_stamp
    with _stamp_lock:
        _last_stamp = max(time.time_ns(), _last_stamp + 1)
        return _last_stamp


@dataclass(frozen=True)
class _Entry:
    path: Path
    size: int
    used_ns: int


class BlobCache:
    """Local copies of remote blobs under `root`, kept within `max_bytes` by LRU eviction.

    Several processes of one desk may share the folder: each fetch writes its own temp file
    and publishes it with one rename, so a reader never sees a partial copy.
    """

    INCOMING = ".incoming"

    def __init__(self, root: str | os.PathLike, max_bytes: int):
        if max_bytes <= 0:
            raise InvalidInput("The blob cache needs a positive size limit.")
        self.root = Path(root)
        self.max_bytes = max_bytes
        (self.root / self.INCOMING).mkdir(parents=True, exist_ok=True)

    def _path_of(self, digest: str) -> Path:
        return self.root / digest[:2] / digest

    def path_for(self, backend: BlobBackend, digest: str) -> Path:
        """A local file holding the blob's bytes.

        A folder backend's own file is returned as it is (no copy). Otherwise the blob is
        fetched once into the cache, verified on the way, marked as just used, and older
        copies are evicted until the cache fits its limit again (never this one).
        """
        check_digest(digest)
        own = backend.local_path(digest)
        if own is not None:
            return own
        path = self._path_of(digest)
        if self._touch(path):
            return path         # a hit costs one utime: the cache only grows on a fetch
        self._fetch(backend, digest, path)
        self._touch(path)
        self._evict(keep=path)
        return path

    def _touch(self, path: Path) -> bool:
        stamp = _use_stamp()
        try:
            os.utime(path, ns=(stamp, stamp))
        except FileNotFoundError:
            return False
        return True

    def _fetch(self, backend: BlobBackend, digest: str, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.root / self.INCOMING / f"{os.getpid()}-{threading.get_ident()}-{secrets.token_hex(6)}.part"
        try:
            backend.copy_to(digest, tmp)
            os.chmod(tmp, stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)
            publish(tmp, path)
        except BaseException:
            remove_file(tmp)
            raise

    def _entries(self) -> list[_Entry]:
        entries = []
        for folder in self.root.iterdir():
            if folder.name == self.INCOMING or not folder.is_dir():
                continue
            for path in folder.iterdir():
                try:
                    st = path.stat()
                except FileNotFoundError:  # evicted by another process meanwhile
                    continue
                entries.append(_Entry(path, st.st_size, st.st_mtime_ns))
        return entries

    @property
    def used_bytes(self) -> int:
        """Bytes held by cached blobs (temp files of fetches in progress not counted)."""
        return sum(e.size for e in self._entries())

    def evict(self) -> int:
        """Drop least recently used blobs until the cache fits its limit; return the bytes freed."""
        return self._evict(keep=None)

    def _evict(self, keep: Path | None) -> int:
        self._drop_stale_temps()
        entries = self._entries()
        used = sum(e.size for e in entries)
        freed = 0
        for entry in sorted(entries, key=lambda e: (e.used_ns, e.path.name)):
            if used <= self.max_bytes:
                break
            if entry.path == keep:
                continue
            try:
                remove_file(entry.path)
            except PermissionError:
                # Open in another process on Windows; it goes on a later eviction.
                continue
            used -= entry.size
            freed += entry.size
        return freed

    def _drop_stale_temps(self) -> None:
        cutoff = time.time() - STALE_TEMP_SECONDS
        for tmp in (self.root / self.INCOMING).iterdir():
            try:
                if tmp.stat().st_mtime < cutoff:
                    remove_file(tmp)
            except (FileNotFoundError, PermissionError):
                pass
