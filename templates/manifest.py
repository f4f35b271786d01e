"""The manifest of a document template: which fields it takes, of what type, from where, how
they are checked and printed, whether the document is sealed at once, and where the seal goes.

A manifest is a JSON file next to its ``.docx`` (``templates/library/<name>.json``); the shape is::

    {"name": "执行通知书", "title": "执行通知书", "procedural": true, "approver": "",
     "seal": {"anchor_field": "issue_date"},            # or {"anchor_text": "…"}, or null
     "fields": [{"name": "principal", "type": "amount", "label": "本金", "required": true,
                 "source": "case", "validation": {"min": "0.01"},
                 "format": ["amount", "capital"]}, ...]}

`format` names the filters the template may apply to the field (see `FORMATS`); the first is
how the bare ``{{ field }}`` prints. A ``list`` field declares its items: either plain text
(``"item_type": "text"``) or records with their own ``"item_fields"``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from templates.fields import FIELD_TYPES

__all__ = [
    "FORMATS", "LIBRARY_DIR", "FieldSpec", "Manifest", "ManifestError", "SealSpec", "SOURCES",
    "library_names", "load_manifest", "manifest_from_dict", "template_paths",
]

LIBRARY_DIR = Path(__file__).resolve().parent / "library"
SOURCES = ("case", "extraction", "user")

# Which printed forms each field type offers. The first is the default for a bare {{ field }}.
FORMATS: dict[str, tuple[str, ...]] = {
    "amount": ("amount", "plain", "capital"),  # 56,000.00元 | 56,000.00 | 伍万陆仟元整
    "date": ("cn_date", "ar_date"),            # 二〇二四年十一月十二日 | 2024年11月12日
    "text": ("text",), "person": ("text",), "id_number": ("text",), "credit_code": ("text",),
    "bank_account": ("text",), "list": ("list",),
}
_NAME = re.compile(r"[a-z][a-z0-9_]*")


class ManifestError(ValueError):
    """A manifest cannot be used; `problems` lists every reason, each readable on its own."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class FieldSpec:
    """One field of a template. `validation` may hold ``pattern`` (a regular expression the
    whole text must match), ``max_length``, ``min`` and ``max`` (amounts and dates)."""
    name: str
    type: str
    label: str
    required: bool = True
    source: str = "user"
    validation: dict = field(default_factory=dict)
    format: tuple[str, ...] = ()
    default: object = None
    help: str = ""
    item_type: str = "text"
    item_fields: tuple[FieldSpec, ...] = ()

    @property
    def formats(self) -> tuple[str, ...]:
        """The printed forms this field allows, the default first."""
        return self.format or FORMATS[self.type][:1]


@dataclass(frozen=True)
class SealSpec:
    """Where the seal goes: over the printed value of `anchor_field` (the signed date, as courts
    do) or over the literal `anchor_text`."""
    anchor_field: str = ""
    anchor_text: str = ""


@dataclass(frozen=True)
class Manifest:
    """A template's manifest. `procedural` documents are sealed as soon as they are made;
    the others wait for `approver` to approve them."""
    name: str
    title: str
    fields: tuple[FieldSpec, ...]
    procedural: bool
    seal: SealSpec | None
    approver: str = ""
    description: str = ""

    def field(self, name: str) -> FieldSpec | None:
        """The field called `name`, or None."""
        return next((f for f in self.fields if f.name == name), None)

    def to_dict(self) -> dict:
        """The JSON-ready form, as `manifest_from_dict` reads it back."""
        return {
            "name": self.name, "title": self.title, "description": self.description,
            "procedural": self.procedural, "approver": self.approver,
            "seal": None if self.seal is None else {
                k: v for k, v in (("anchor_field", self.seal.anchor_field),
                                  ("anchor_text", self.seal.anchor_text)) if v},
            "fields": [_field_dict(f) for f in self.fields],
        }


def _field_dict(f: FieldSpec) -> dict:
    out = {"name": f.name, "type": f.type, "label": f.label, "required": f.required, "source": f.source}
    if f.validation:
        out["validation"] = f.validation
    if f.format:
        out["format"] = list(f.format)
    if f.default is not None:
        out["default"] = f.default
    if f.help:
        out["help"] = f.help
    if f.type == "list":
        if f.item_fields:
            out["item_fields"] = [_field_dict(i) for i in f.item_fields]
        else:
            out["item_type"] = f.item_type
    return out


def _parse_field(data: object, where: str, problems: list[str]) -> FieldSpec | None:
    if not isinstance(data, dict):
        problems.append(f"{where}: a field must be an object with name, type and label.")
        return None
    name = data.get("name", "")
    where = f"{where} '{name}'" if name else where
    ok = True
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        problems.append(f"{where}: the name must be lower-case letters, digits and underscores.")
        ok = False
    ftype = data.get("type")
    if ftype not in FIELD_TYPES:
        problems.append(f"{where}: type '{ftype}' is not one of {', '.join(FIELD_TYPES)}.")
        ok = False
    if not str(data.get("label", "")).strip():
        problems.append(f"{where}: a label (the Chinese name clerks see) is missing.")
        ok = False
    source = data.get("source", "user")
    if source not in SOURCES:
        problems.append(f"{where}: source '{source}' is not one of {', '.join(SOURCES)}.")
        ok = False
    formats = tuple(data.get("format") or ())
    if ok and any(fmt not in FORMATS[ftype] for fmt in formats):
        problems.append(f"{where}: format {list(formats)} is not available for a {ftype} field "
                        f"(choose from {', '.join(FORMATS[ftype])}).")
        ok = False
    validation = data.get("validation") or {}
    if "pattern" in validation:
        try:
            re.compile(validation["pattern"])
        except re.error as exc:
            problems.append(f"{where}: the validation pattern is not a valid regular expression ({exc}).")
            ok = False
    items: list[FieldSpec] = []
    item_type = data.get("item_type", "text")
    if ftype == "list":
        for i, item in enumerate(data.get("item_fields") or ()):
            spec = _parse_field(item, f"{where} item {i + 1}", problems)
            ok = ok and spec is not None
            if spec is not None:
                items.append(spec)
        if not items and item_type not in FIELD_TYPES[:-1]:
            problems.append(f"{where}: item_type '{item_type}' is not a plain field type.")
            ok = False
    if not ok:
        return None
    return FieldSpec(
        name=name, type=ftype, label=str(data["label"]).strip(), required=bool(data.get("required", True)),
        source=source, validation=dict(validation), format=formats, default=data.get("default"),
        help=str(data.get("help", "")), item_type=item_type, item_fields=tuple(items),
    )


def manifest_from_dict(data: dict) -> Manifest:
    """Read a manifest from its JSON form; raise `ManifestError` listing every problem."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ManifestError(["The manifest must be a JSON object."])
    name = str(data.get("name", "")).strip()
    if not name:
        problems.append("The manifest has no template name.")
    if not isinstance(data.get("procedural"), bool):
        problems.append("'procedural' must be true (sealed at once) or false (needs approval).")
    specs: list[FieldSpec] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("fields") or ()):
        spec = _parse_field(raw, f"Field {i + 1}", problems)
        if spec is None:
            continue
        if spec.name in seen:
            problems.append(f"Field '{spec.name}' is declared twice.")
        seen.add(spec.name)
        specs.append(spec)
    if not data.get("fields"):
        problems.append("The manifest declares no fields.")
    seal = None
    raw_seal = data.get("seal")
    if raw_seal is not None:
        seal = SealSpec(str(raw_seal.get("anchor_field", "")), str(raw_seal.get("anchor_text", "")))
        if not seal.anchor_field and not seal.anchor_text:
            problems.append("The seal needs an anchor: anchor_field (e.g. the signed date) or anchor_text.")
        elif seal.anchor_field and seal.anchor_field not in seen:
            problems.append(f"The seal is anchored on field '{seal.anchor_field}', which the manifest "
                            "does not declare.")
    if problems:
        raise ManifestError(problems)
    return Manifest(name=name, title=str(data.get("title") or name), fields=tuple(specs),
                    procedural=data["procedural"], seal=seal, approver=str(data.get("approver", "")),
                    description=str(data.get("description", "")))


def load_manifest(path: str | Path) -> Manifest:
    """Read the manifest JSON file at `path`."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError([f"The manifest {path.name} does not exist next to its template."]) from None
    except json.JSONDecodeError as exc:
        raise ManifestError([f"{path.name} is not valid JSON (line {exc.lineno}: {exc.msg})."]) from None
    return manifest_from_dict(data)


def library_names() -> list[str]:
    """The names of the templates in the built-in library, sorted."""
    return sorted(p.stem for p in LIBRARY_DIR.glob("*.docx") if p.with_suffix(".json").exists())


def template_paths(name_or_path: str | Path) -> tuple[Path, Path]:
    """(docx, manifest json) for a library template name or a path to a ``.docx`` file."""
    candidate = Path(name_or_path)
    if candidate.suffix.lower() == ".docx":
        docx = candidate
    else:
        docx = LIBRARY_DIR / f"{name_or_path}.docx"
    if not docx.exists():
        known = "、".join(library_names())
        raise FileNotFoundError(f"There is no template '{name_or_path}'. The library has: {known}.")
    return docx, docx.with_suffix(".json")
