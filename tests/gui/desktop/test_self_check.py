"""`dossier-desk --self-check`: every check runs for real, in a temporary folder."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import icons, self_check
from desktop.self_check import FAILED, OK, SKIPPED, run_checks

ROOT = Path(__file__).resolve().parents[3]


def _results(tmp_path):
    return {r.name: r for r in run_checks(tmp_path)}


def test_every_check_passes_on_a_working_installation(qapp, tmp_path):
    results = _results(tmp_path)
    assert list(results) == ["version", "modules", "translations", "icons", "store", "render",
                             "template", "convert"]
    assert all(r.status in (OK, SKIPPED) for r in results.values()), results
    assert results["store"].status == OK
    assert results["render"].status == OK


def test_the_page_is_rendered_by_a_worker_process_not_by_this_one(qapp, tmp_path):
    detail = _results(tmp_path)["render"].detail
    pid = int(detail.rsplit(" ", 1)[1])
    assert pid != os.getpid()


def test_nothing_is_left_in_the_user_folders(qapp, tmp_path):
    data = Path(os.environ["DOSSIER_DATA_DIR"])
    before = sorted(data.rglob("*")) if data.exists() else []
    list(run_checks(tmp_path / "work"))
    after = sorted(data.rglob("*")) if data.exists() else []
    assert after == before
    assert os.environ["DOSSIER_DATA_DIR"] == str(data)  # restored after the run


def test_missing_icons_fail_the_check_and_the_exit_status(qapp, tmp_path, monkeypatch):
    empty = tmp_path / "no-icons"
    empty.mkdir()
    monkeypatch.setattr(icons, "ICON_DIR", empty)
    lines: list[str] = []
    assert self_check.self_check(lines.append) == 1
    assert any(line.startswith("FAIL icons:") for line in lines)
    assert lines[-1] == "self-check: 1 check(s) failed"


def test_an_unreadable_catalogue_fails_the_translation_check(qapp, tmp_path, monkeypatch):
    import desktop.i18n

    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "dossier_zh_CN.qm").write_bytes(b"not a catalogue")
    monkeypatch.setattr(desktop.i18n, "translations_dir", lambda: folder)
    result = _results(tmp_path / "work")["translations"]
    assert result.status == FAILED
    assert "dossier_zh_CN.qm" in result.detail


@pytest.mark.slow
def test_command_line_prints_one_line_per_check_and_exits_zero(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "desktop.app", "--self-check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0].split()[-1] for line in lines[:-1]] == [
        "version", "modules", "translations", "icons", "store", "render", "template", "convert"]
    assert lines[-1] == "self-check: passed"
    assert "Traceback" not in done.stderr


def test_the_command_line_takes_self_check_and_a_pdf_from_open_with():
    from desktop.app import _parser

    args = _parser().parse_args(["--self-check"])
    assert args.self_check and args.files == []
    # Windows "Open with" starts the app with the chosen file; it must not be an error.
    assert _parser().parse_args([r"C:\案卷\判决书.pdf"]).files == [r"C:\案卷\判决书.pdf"]
