"""Fixtures for every test: no test touches the real user folders or a real shared store."""
from __future__ import annotations

import gc
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


@pytest.fixture(autouse=True)
def _no_collection_while_painting(request):
    """Qt tests: no cyclic garbage collection until the test's teardown.

    A widget kept alive only by a reference cycle (a lambda connected to its own signal)
    is destroyed whenever the collector happens to run; if that is in the middle of the
    widget's own paint event, Qt reads freed memory. Collecting between tests is safe.
    """
    if not {"qapp", "qtbot"} & set(request.fixturenames):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "qapp" in getattr(item, "fixturenames", ()) or "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
