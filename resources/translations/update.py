"""Regenerate the interface translations: lupdate the `.ts` sources, then lrelease the `.qm` files.

Run from anywhere after adding or changing a user-facing string:

    python resources/translations/update.py            # update .ts, build .qm, list what is untranslated
    python resources/translations/update.py --check    # change nothing; exit 1 if a .ts is out of date
                                                       # or has untranslated messages

The messages are collected from every `.py` file under `desktop/` and `viewer/qt/` (the only
rooms with Qt user interface). New messages arrive marked unfinished: translate them in Qt
Linguist (`pyside6-linguist resources/translations/dossier_zh_CN.ts`) or in the XML, remove the
`type="unfinished"` mark, and run this again. lrelease leaves unfinished messages out of the
`.qm`, so they show in English until translated.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE_DIRS = ("desktop", "viewer/qt")
LANGUAGES = ("zh_CN",)


def ts_path(language: str) -> Path:
    """The translation source of `language`."""
    return HERE / f"dossier_{language}.ts"


def qm_path(language: str) -> Path:
    """The compiled catalogue of `language`, the file the application loads."""
    return HERE / f"dossier_{language}.qm"


def source_files() -> list[Path]:
    """Every Python file whose strings are offered for translation, in a stable order."""
    files: list[Path] = []
    for folder in SOURCE_DIRS:
        files.extend(p for p in sorted((ROOT / folder).rglob("*.py")) if "__pycache__" not in p.parts)
    return files


def _tool(name: str) -> list[str]:
    # The pyside6-* entry points are the documented commands; the binaries they wrap sit in the
    # PySide6 package when the scripts folder is not on PATH (a venv that is not activated).
    script = shutil.which(f"pyside6-{name}")
    if script:
        return [script]
    import PySide6
    exe = Path(PySide6.__file__).resolve().parent / (f"{name}.exe" if os.name == "nt" else name)
    return [str(exe)]


def run_lupdate(ts_file: Path, language: str) -> None:
    """Merge the messages of `source_files()` into `ts_file` (created if missing).

    Source locations are left out so that editing code elsewhere in a file does not change the
    `.ts`; messages that left the code are dropped rather than kept as obsolete.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False, encoding="utf-8") as lst:
        lst.write("\n".join(str(p) for p in source_files()))
    try:
        subprocess.run([*_tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                        "-source-language", "en", "-target-language", language,
                        f"@{lst.name}", "-ts", str(ts_file)], check=True)
    finally:
        os.unlink(lst.name)


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile `ts_file` into `qm_file`."""
    subprocess.run([*_tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)


def messages(ts_file: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) -> (translation, its type attribute or None) for every message of `ts_file`."""
    result = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "" if translation is None else "".join(translation.itertext())
            kind = None if translation is None else translation.get("type")
            result[(name, message.findtext("source", ""))] = (text, kind)
    return result


def untranslated(ts_file: Path) -> list[tuple[str, str]]:
    """(context, source) of every message with no finished, non-empty translation."""
    return [key for key, (text, kind) in messages(ts_file).items() if kind is not None or not text]


def stale_messages(language: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Messages the code has that the `.ts` lacks, and messages the `.ts` has that the code lost."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / ts_path(language).name
        shutil.copyfile(ts_path(language), fresh)
        run_lupdate(fresh, language)
        now = set(messages(fresh))
    kept = set(messages(ts_path(language)))
    return now - kept, kept - now


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; fail if a .ts is out of date or not fully translated")
    args = parser.parse_args(argv)
    status = 0
    for language in LANGUAGES:
        ts = ts_path(language)
        if args.check:
            missing, gone = stale_messages(language)
            for context, source in sorted(missing):
                print(f"{ts.name}: not yet extracted: [{context}] {source!r}")
            for context, source in sorted(gone):
                print(f"{ts.name}: no longer in the code: [{context}] {source!r}")
            status |= bool(missing or gone)
        else:
            run_lupdate(ts, language)
        todo = untranslated(ts)
        for context, source in todo:
            print(f"{ts.name}: untranslated: [{context}] {source!r}")
        status |= bool(todo)
        if not args.check:
            run_lrelease(ts, qm_path(language))
            print(f"{qm_path(language).name}: built; {len(messages(ts))} messages, "
                  f"{len(todo)} untranslated")
    return status


if __name__ == "__main__":
    sys.exit(main())
