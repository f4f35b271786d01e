"""Fixtures for every test: no test touches the real user folders or a real shared store."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_folders(tmp_path_factory, monkeypatch):
    """Data, cache and settings go to a temporary folder, and no store URL leaks in."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    monkeypatch.delenv("DOSSIER_STORE", raising=False)
    yield


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "qapp" in getattr(item, "fixturenames", ()) or "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
