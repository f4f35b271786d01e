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
    # A store URL set for the whole machine (installed client) must not leak into tests.
    import storage.config
    monkeypatch.setattr(storage.config, "MACHINE_STORE_FILE", base / "machine-store.url")
    monkeypatch.setattr(storage.config, "_registry_store_url", lambda: "")
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


def _two_screens() -> bool:
    return "configfile=" in os.environ.get("QT_QPA_PLATFORM", "")


def pytest_collection_modifyitems(config, items):
    # Tests named *_on_two_screens need the two-monitor configuration; the single-monitor run
    # leaves them out (not skipped) and runs them in a child process that has it.
    if not _two_screens():
        kept = [i for i in items if not i.name.split("[")[0].endswith("on_two_screens")]
        if len(kept) != len(items):
            config.hook.pytest_deselected(items=[i for i in items if i not in kept])
            items[:] = kept
    for item in items:
        if "qapp" in getattr(item, "fixturenames", ()) or "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
