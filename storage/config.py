"""Where the archive store lives: URL resolution and the network-share guard."""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from .errors import InvalidInput

APP_NAME = "DossierDesk"
APP_AUTHOR = "DossierDesk"
ENV_STORE = "DOSSIER_STORE"
ENV_DATA = "DOSSIER_DATA_DIR"      # overrides the per-user data folder (tests, portable use)
ENV_CACHE = "DOSSIER_CACHE_DIR"    # overrides the per-desk blob cache folder


def data_dir() -> Path:
    """The per-user folder holding the embedded store (created on demand)."""
    override = os.environ.get(ENV_DATA)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """The per-desk folder for the local blob cache (created on demand)."""
    override = os.environ.get(ENV_CACHE)
    path = Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)) / "blobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_store_url() -> str:
    """The embedded default: an SQLite file in the user's data folder."""
    return "sqlite:///" + (data_dir() / "archive.sqlite3").as_posix()


def resolve_store_url(explicit: str | None = None) -> str:
    """`--store URL` wins, then DOSSIER_STORE, then the embedded default."""
    url = explicit or os.environ.get(ENV_STORE) or default_store_url()
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("sqlite"):
        check_sqlite_path(sqlite_path(url))
    return url


def sqlite_path(url: str) -> str:
    """The file path inside an sqlite:/// URL ('' for an in-memory database)."""
    match = re.match(r"^sqlite(\+\w+)?:///(.*)$", url)
    if not match:
        raise InvalidInput(f"Not an SQLite store URL: {url}")
    return match.group(2).split("?", 1)[0]


@dataclass(frozen=True)
class _Drive:
    letter: str
    remote: bool


def _is_windows_network_drive(path: str) -> bool:
    if sys.platform != "win32" or not re.match(r"^[A-Za-z]:", path):
        return False
    import ctypes  # Windows only

    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(path[:2] + "\\") == DRIVE_REMOTE


_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "afs", "fuse.sshfs", "9p", "ncpfs", "davfs"}


def _is_posix_network_mount(path: str) -> bool:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    target = os.path.realpath(path)
    best, best_fs = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(mount_point) > len(best):
            best, best_fs = mount_point, parts[2]
    return best_fs in _NETWORK_FS


def is_network_path(path: str) -> bool:
    """True for a UNC path (\\\\server\\share or //server/share), a mapped network drive or a network mount."""
    p = path.replace("/", "\\")
    if p.startswith("\\\\") and not p.startswith("\\\\?\\") and not p.startswith("\\\\.\\"):
        return True
    if p.startswith("\\\\?\\UNC\\"):
        return True
    return _is_windows_network_drive(path) or _is_posix_network_mount(path)


def check_sqlite_path(path: str) -> None:
    """Refuse an SQLite file on a network share: its locking does not work there."""
    if path and path != ":memory:" and is_network_path(path):
        raise InvalidInput(
            f"The embedded store cannot live on a network share ({path}): SQLite's locking does not "
            "work over network file systems and the archive could be corrupted. Keep the SQLite file "
            "on a local disk, or use the court's PostgreSQL store (postgresql+psycopg://...)."
        )
