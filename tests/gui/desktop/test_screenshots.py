"""The screenshot command runs headless and writes full-size pictures of the real window."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[3]


def test_screenshots_are_written_offscreen(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DISPLAY", None)
    done = subprocess.run([sys.executable, "-m", "desktop.screenshots", str(tmp_path / "shots")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    main = tmp_path / "shots" / "main.png"
    assert str(main) in done.stdout
    with Image.open(main) as image:
        assert image.size == (1920, 1080)
        # Both panes show pages: the picture is far from a blank window.
        assert len(image.convert("L").resize((192, 108)).getcolors(256 * 256) or []) > 40
    detached = tmp_path / "shots" / "detached.png"
    if (ROOT / "desktop" / "detach.py").exists():
        assert detached.exists()
