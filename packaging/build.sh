#!/usr/bin/env bash
# Build the frozen one-folder app, check it, and compile the Windows installer script against it.
#
#   packaging/build.sh            # from anywhere; needs `pip install '.[build]'` and makensis
#
# Environment: DIST_DIR (default dist), WORK_DIR (default build/pyinstaller),
# NSIS_COMPRESSOR (default zlib here, quick; the Windows release build uses solid LZMA).
# On Linux the staged files are the Linux build: the installer proves the script compiles
# cleanly (-WX: any warning fails), it is not meant to be run.
set -euo pipefail
cd "$(dirname "$0")/.."

DIST_DIR=${DIST_DIR:-dist}
WORK_DIR=${WORK_DIR:-build/pyinstaller}
NSIS_COMPRESSOR=${NSIS_COMPRESSOR:-zlib}
PYTHON=${PYTHON:-python3}

# The one version: pyproject.toml. The installed metadata (bundled for --version) must match it.
VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
VERSION_QUAD=$("$PYTHON" - "$VERSION" <<'PY'
import re, sys
numbers = [int(n) for n in re.findall(r"\d+", sys.argv[1].split("+")[0])[:4]]
print(".".join(str(n) for n in (numbers + [0, 0, 0, 0])[:4]))
PY
)
INSTALLED=$("$PYTHON" -c 'import importlib.metadata as m; print(m.version("dossier-desk"))' 2>/dev/null || true)
if [ "$INSTALLED" != "$VERSION" ]; then
  echo "build: pyproject.toml says $VERSION but the installed dossier-desk metadata says '${INSTALLED:-none}'." >&2
  echo "build: run  pip install '.[build]'  first." >&2
  exit 1
fi

started=$(date +%s)
echo "build: freezing Dossier Desk $VERSION"
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$DIST_DIR" --workpath "$WORK_DIR" packaging/dossier-desk.spec
APP="$DIST_DIR/dossier-desk"
frozen=$(date +%s)

echo "build: checking the frozen program"
reported=$("$APP/dossier-desk" --version)
if [ "$reported" != "$VERSION" ]; then
  echo "build: the frozen program reports version '$reported', expected $VERSION." >&2
  exit 1
fi
QT_QPA_PLATFORM=offscreen "$APP/dossier-desk" --self-check
checked=$(date +%s)

echo "build: compiling installer.nsi"
makensis -WX -V2 -DVERSION="$VERSION" -DVERSION_QUAD="$VERSION_QUAD" \
  -DDIST="$APP" -DOUTDIR="$DIST_DIR" -DCOMPRESSOR="$NSIS_COMPRESSOR" installer.nsi
done_at=$(date +%s)

echo "build: folder $(du -sh "$APP" | cut -f1) ($APP), installer $(du -h "$DIST_DIR/DossierDesk-$VERSION-setup.exe" | cut -f1)"
echo "build: freeze $((frozen - started)) s, checks $((checked - frozen)) s, installer $((done_at - checked)) s, total $((done_at - started)) s"
