"""Shared by the detach, linking and session tests: a real store with real PDFs, a real window,
and a way to run tests with a second monitor."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.main_window import MainWindow
from storage.store import Store
from viewer.qt.render_service import RenderService
from desk import make_pdf, judge_store

REPO = Path(__file__).resolve().parents[3]
CASE = "（2024）陕0823执77号"
SCREENS = {"screens": [
    {"name": "Left", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "dpr": 1},
    {"name": "Right", "x": 1920, "y": 0, "width": 2560, "height": 1440, "logicalDpi": 96, "dpr": 1}]}


def build_store(tmp_path) -> Store:
    """A case with a 12-page judgment, a 9-page application and a 1-page form, for judge1."""
    st, admin = judge_store(tmp_path)
    admin.create_case(CASE, cause="民间借贷纠纷")
    admin.assign(CASE, "judge1", "judge")
    admin.import_files(CASE, [make_pdf(tmp_path / "判决书.pdf", 12, "判决书"),
                              make_pdf(tmp_path / "申请书.pdf", 9, "执行申请书")], volume="正卷")
    admin.import_files(CASE, [make_pdf(tmp_path / "审批表.pdf", 1, "审批表")], volume="副卷")
    return st


@pytest.fixture
def store(tmp_path):
    st = build_store(tmp_path)
    yield st
    st.close()


@pytest.fixture
def service():
    svc = RenderService(synchronous=True)
    svc.start()
    yield svc
    svc.shutdown()


def ids_by_title(window) -> dict[str, int]:
    return {d.title: d.id for d in window.documents.values()}


def open_window(qtbot, store, service, show=True) -> MainWindow:
    w = MainWindow(store.as_user("judge1"), service)
    qtbot.addWidget(w)
    if show:
        w.show()
        qtbot.waitExposed(w)
    return w


def two_screen_env(tmp_path) -> dict[str, str]:
    """The environment of a run with a 1920x1080 "Left" and a 2560x1440 "Right" monitor."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS))
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(config)
    env["QT_SCREEN_SCALE_FACTORS"] = "Left=1;Right=1.25"
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), str(Path(__file__).parent), env.get("PYTHONPATH", "")])
    return env


def monitors() -> int:
    from PySide6.QtGui import QGuiApplication
    return len(QGuiApplication.screens())


def needs_two_screens(qapp) -> None:
    """Skip unless this run has a second monitor (the single-monitor run starts one that has)."""
    if monitors() < 2:
        pytest.skip("needs a second monitor; run with two by the test that starts this module again")


def run_with_two_screens(tmp_path, test_file: str, selector: str) -> tuple[int, str]:
    """Run the tests of ``test_file`` matching ``selector`` in a pytest with two monitors.

    Returns how many passed and the output. The single-monitor run has only one screen for
    its whole life, so the two-monitor cases need a process of their own.
    """
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", selector, test_file],
        capture_output=True, text=True, env=two_screen_env(tmp_path), cwd=REPO, timeout=300)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "skipped" not in out, out
    found = re.search(r"(\d+) passed", out)
    return (int(found.group(1)) if found else 0), out
