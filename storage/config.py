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


#: Where court IT writes the store URL for every user of a machine (the installer on Windows
#: writes the registry value instead; see `machine_store_url`).
MACHINE_STORE_FILE = Path("/etc/dossier-desk/store.url")
MACHINE_REGISTRY_KEY = r"Software\DossierDesk"
MACHINE_REGISTRY_VALUE = "StoreUrl"


def _registry_store_url() -> str:
    import winreg  # Windows only

    try:
        # The 64-bit view: where a 64-bit installer writes and a 64-bit interpreter reads.
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, MACHINE_REGISTRY_KEY, 0,
                            winreg.KEY_READ | winreg.KEY_WOW64_64KEY) as key:
            value, kind = winreg.QueryValueEx(key, MACHINE_REGISTRY_VALUE)
    except OSError:
        return ""
    return value.strip() if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) else ""


def machine_store_url(path: str | os.PathLike | None = None) -> str:
    """The store URL set for all users of this machine, '' when none is set.

    Windows: HKLM\\Software\\DossierDesk, value StoreUrl (written by the installer). Elsewhere:
    the first non-blank, non-comment line of `path` (default /etc/dossier-desk/store.url).
    """
    if path is None and sys.platform == "win32":
        return _registry_store_url()
    try:
        text = Path(path or MACHINE_STORE_FILE).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return line
    return ""


def resolve_store_url(explicit: str | None = None) -> str:
    """`--store URL` wins, then DOSSIER_STORE, then the machine-wide setting, then the embedded
    default."""
    url = explicit or os.environ.get(ENV_STORE) or machine_store_url() or default_store_url()
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
