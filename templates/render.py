"""Filling a document template: a library name (or a ``.docx`` path) and a plain context in,
the filled DOCX bytes out; and checking a new template before an administrator adds it.

Templates are docxtpl documents rendered in a sandboxed, autoescaping Jinja environment:
values are data, never template code, and ``李 & 王 <有限公司>`` comes out exactly as typed.
Amounts and dates print the way court documents write them (see `templates.fields`); a
template picks another printed form with a filter: ``{{ principal|capital }}``,
``{{ judgment_date|ar_date }}``, ``{{ loop.index|cn_number }}``.
"""
from __future__ import annotations

import datetime
import html
import io
import re
import shutil
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from templates import fields as fv
from templates.manifest import (
    FORMATS, FieldSpec, Manifest, ManifestError, load_manifest, manifest_from_dict, template_paths,
)

__all__ = [
    "MissingFieldError", "PlaceholderLeftError", "TemplateFillError", "TemplateRejected",
    "accept_template", "check_template", "fill", "fill_template", "prepare_values", "seal_anchor_text",
]


class TemplateFillError(ValueError):
    """A document could not be filled; the message says which field or which part of the
    template is at fault."""


class MissingFieldError(TemplateFillError):
    """Required fields have no value. `missing` holds (name, label) of each."""

    def __init__(self, missing: list[tuple[str, str]]):
        listed = "、".join(f"{label} ({name})" for name, label in missing)
        super().__init__(f"Required field{'s' if len(missing) > 1 else ''} {listed} "
                         f"{'have' if len(missing) > 1 else 'has'} no value: fill "
                         f"{'them' if len(missing) > 1 else 'it'} in and generate again.")
        self.missing = missing


class PlaceholderLeftError(TemplateFillError):
    """The filled document still contains template markup ({{ or {%)."""


class TemplateRejected(ValueError):
    """A template was not added to the library; `problems` lists every reason."""

    def __init__(self, problems: list[str]):
        super().__init__("The template was not added: " + " ".join(problems))
        self.problems = problems


# --------------------------------------------------------------------------- the environment

def _finalize(value: object) -> object:
    # How a bare {{ field }} prints: the first format of its type (see manifest.FORMATS).
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return fv.format_amount(value)
    if isinstance(value, datetime.date):
        return fv.cn_date(value)
    if isinstance(value, (list, tuple)):
        return "、".join(str(_finalize(v)) for v in value)
    return value


def _typed(kind: type, fmt):
    def apply(value):
        if value is None or value == "":
            return ""
        if not isinstance(value, kind):
            raise TemplateFillError(f"The '{fmt.__name__}' format was applied to '{value}', which is "
                                    f"not {'an amount' if kind is Decimal else 'a date'}.")
        return fmt(value)
    return apply


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    env.filters.update({
        "amount": _typed(Decimal, fv.format_amount), "plain": _typed(Decimal, fv.format_amount_plain),
        "capital": _typed(Decimal, fv.amount_in_capitals), "cn_date": _typed(datetime.date, fv.cn_date),
        "ar_date": _typed(datetime.date, fv.format_date), "cn_number": fv.cn_number,
    })
    return env


_FORMAT_FILTERS = {f for forms in FORMATS.values() for f in forms} - {"text", "list"}

# --------------------------------------------------------------------------- values


def _check_rules(spec: FieldSpec, value: object) -> None:
    rules = spec.validation
    shown = fv.format_amount(value) if isinstance(value, Decimal) else str(value)
    if "pattern" in rules and not re.fullmatch(rules["pattern"], str(value)):
        raise fv.FieldValueError(f"'{shown}' is not in the expected form"
                                 f"{' (' + rules['hint'] + ')' if rules.get('hint') else ''}.")
    if "max_length" in rules and len(str(value)) > int(rules["max_length"]):
        raise fv.FieldValueError(f"it is longer than {rules['max_length']} characters.")
    bound = {Decimal: fv.validate_amount, datetime.date: fv.validate_date}.get(type(value))
    if bound is not None:
        if "min" in rules and value < bound(rules["min"]):
            raise fv.FieldValueError(f"{shown} is below the smallest allowed value {rules['min']}.")
        if "max" in rules and value > bound(rules["max"]):
            raise fv.FieldValueError(f"{shown} is above the largest allowed value {rules['max']}.")


def _value(spec: FieldSpec, raw: object, where: str) -> object:
    try:
        if spec.type == "list":
            if isinstance(raw, (str, bytes, dict)) or not hasattr(raw, "__iter__"):
                raise fv.FieldValueError("a list of entries is expected.")
            items = []
            for i, item in enumerate(raw, 1):
                if spec.item_fields:
                    if not isinstance(item, dict):
                        raise fv.FieldValueError(f"entry {i} should have "
                                                 f"{', '.join(f.name for f in spec.item_fields)}.")
                    items.append(_record(spec.item_fields, item, f"{where}, entry {i}"))
                else:
                    items.append(fv.validate(spec.item_type, item))
            return items
        value = fv.validate(spec.type, raw)
        _check_rules(spec, value)
        return value
    except fv.FieldValueError as exc:
        raise TemplateFillError(f"{where}: {exc}") from None


def _is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or (
        isinstance(raw, (list, tuple)) and not raw)


def _record(specs: tuple[FieldSpec, ...], context: dict, where: str = "") -> dict:
    values, missing = {}, []
    for spec in specs:
        raw = context.get(spec.name)
        if _is_blank(raw):
            raw = spec.default
        if _is_blank(raw):
            if spec.required:
                missing.append((spec.name, spec.label))
            values[spec.name] = [] if spec.type == "list" else None
            continue
        label = f"{where + ', ' if where else ''}{spec.label} ({spec.name})"
        values[spec.name] = _value(spec, raw, label)
    if missing:
        if where:
            names = "、".join(label for _, label in missing)
            raise TemplateFillError(f"{where}: {names} has no value; fill it in and generate again.")
        raise MissingFieldError(missing)
    return values


def prepare_values(manifest: Manifest, context: dict) -> dict:
    """Validate `context` against the manifest and return the values the template sees: amounts
    as Decimal, dates as date, list entries validated one by one, absent optional fields as
    None (or []). Raises `MissingFieldError` naming every required field without a value, or
    `TemplateFillError` naming the first value that is refused. Keys the manifest does not
    declare are ignored."""
    return _record(manifest.fields, context)


def seal_anchor_text(manifest: Manifest, context: dict) -> str | None:
    """The text in the filled document the seal is to cover (the signed date as printed), or
    None when the document carries no seal."""
    if manifest.seal is None:
        return None
    if manifest.seal.anchor_text:
        return manifest.seal.anchor_text
    value = prepare_values(manifest, context)[manifest.seal.anchor_field]
    return str(_finalize(value))


# --------------------------------------------------------------------------- filling

_MARKUP_LEFT = re.compile(r"\{\{|\{%|%\}|\}\}|\{#")


def _paragraph_texts(docx_bytes: bytes) -> list[tuple[str, str]]:
    """(part, paragraph text) of every paragraph in body, tables, headers and footers."""
    doc = Document(io.BytesIO(docx_bytes))
    out = []
    for p in doc.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        out.append(("body", "".join(t.text or "" for t in p.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))))
    for section in doc.sections:
        for part_name, hf in (("header", section.header), ("footer", section.footer)):
            if hf.is_linked_to_previous:
                continue
            out.extend((part_name, p.text) for p in hf.paragraphs)
    return out


def _render(docx_path: Path, values: dict) -> bytes:
    tpl = DocxTemplate(docx_path)
    try:
        tpl.render(values, jinja_env=_environment(), autoescape=True)
    except TemplateFillError:
        raise
    except TemplateError as exc:
        near = " ".join(t for t in getattr(exc, "docx_context", ()) if t.strip())[:80]
        raise TemplateFillError(f"The template {docx_path.name} could not be filled: {exc}"
                                f"{f' (near: {near})' if near else ''}.") from None
    out = io.BytesIO()
    tpl.save(out)
    data = out.getvalue()
    for part, text in _paragraph_texts(data):
        if _MARKUP_LEFT.search(text):
            raise PlaceholderLeftError(
                f"The filled document still contains template markup in its {part}: «{text[:80]}». "
                "The template or a value is broken; correct it before issuing the document.")
    return data


def fill_template(docx_path: str | Path, manifest: Manifest, context: dict) -> bytes:
    """Fill the template at `docx_path` described by `manifest` with `context`; return DOCX bytes."""
    return _render(Path(docx_path), prepare_values(manifest, context))


def fill(template_name_or_path: str | Path, context: dict) -> bytes:
    """Fill a library template (by name, e.g. ``"执行通知书"``) or a ``.docx`` with its manifest
    beside it, from a plain `context` of field values; return the DOCX bytes.

    Raises `MissingFieldError` (naming each required field without a value),
    `TemplateFillError` (a refused value, a broken template) or `PlaceholderLeftError`
    (markup left in the output). `FileNotFoundError` if there is no such template."""
    docx_path, manifest_path = template_paths(template_name_or_path)
    return fill_template(docx_path, load_manifest(manifest_path), context)


# --------------------------------------------------------------------------- checking templates

def _template_parts(docx_path: Path) -> list[tuple[str, str]]:
    """(part name, jinja source) of the body, headers and footers, one paragraph per line, as
    docxtpl renders them."""
    tpl = DocxTemplate(docx_path)
    tpl.init_docx()
    parts = [("body", tpl.xml_to_string(tpl.docx._element.body))]
    for uri, label in ((RT.HEADER, "header"), (RT.FOOTER, "footer")):
        for _, part in tpl.get_headers_footers(uri):
            parts.append((label, tpl.get_part_xml(part)))
    return [(name, re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))) for name, xml in parts]


def _line_text(source: str, lineno: int | None) -> str:
    if not lineno:
        return ""
    lines = source.splitlines()
    line = lines[min(lineno, len(lines)) - 1]
    return html.unescape(re.sub(r"<[^>]+>", "", line)).strip()


def _filters_on_names(ast: nodes.Template) -> list[tuple[str, str]]:
    """(field, filter) for every ``{{ field|filter }}``."""
    return [(f.node.name, f.name) for f in ast.find_all(nodes.Filter) if isinstance(f.node, nodes.Name)]


def _sample(spec: FieldSpec) -> object:
    samples = {"text": "示例", "person": "示例人", "id_number": "11010519491231002X",
               "credit_code": "91610828MA70B3KX8P", "amount": Decimal("1234.56"),
               "date": datetime.date(2024, 11, 12), "bank_account": "6230510100023456789"}
    if spec.type == "list":
        if spec.item_fields:
            return [{f.name: _sample(f) for f in spec.item_fields}] * 2
        return [samples[spec.item_type]] * 2
    if "pattern" in spec.validation:
        # Only the manifest's own example or default is known to match its pattern.
        return spec.validation.get("example") or spec.default
    return samples[spec.type]


def check_template(docx_path: str | Path, manifest: Manifest | dict | str | Path) -> list[str]:
    """Everything that stops a template from working, each as a sentence an administrator can
    act on: a manifest that cannot be read, Jinja syntax errors (with the paragraph and its
    text), fields the template uses that the manifest does not declare, declared fields the
    template never uses, formats a field does not allow, a seal anchor that is never printed,
    and a sample fill that fails. An empty list means the template can be added."""
    docx_path = Path(docx_path)
    problems: list[str] = []
    if not isinstance(manifest, Manifest):
        try:
            manifest = (manifest_from_dict(manifest) if isinstance(manifest, dict)
                        else load_manifest(manifest))
        except ManifestError as exc:
            problems.extend(f"Manifest: {p}" for p in exc.problems)
            manifest = None
    try:
        parts = _template_parts(docx_path)
    except Exception as exc:  # python-docx raises several unrelated types for a damaged file
        return problems + [f"{docx_path.name} cannot be opened as a Word document ({type(exc).__name__}); "
                           "save it again from Word as .docx."]
    env = _environment()
    used: set[str] = set()
    filters: list[tuple[str, str]] = []
    broken = False
    for part, source in parts:
        try:
            ast = env.parse(source)
            env.compile(ast)  # unknown filters and tests are only found when compiling
        except TemplateSyntaxError as exc:
            broken = True
            where = f"paragraph {exc.lineno - 1}" if part == "body" and exc.lineno else part
            text = _line_text(source, exc.lineno)
            problems.append(f"Template syntax error in the {part}, {where}"
                            f"{f' («{text[:60]}»)' if text else ''}: {exc.message}.")
            continue
        used |= meta.find_undeclared_variables(ast)
        filters += _filters_on_names(ast)
    if manifest is None:
        return problems
    declared = {f.name: f for f in manifest.fields}
    for name in sorted(used - declared.keys()):
        problems.append(f"The template uses field '{name}', which the manifest does not declare: "
                        "add it to the manifest or correct the spelling in the template.")
    if not broken:
        for name in sorted(declared.keys() - used):
            problems.append(f"The manifest declares field '{name}' ({declared[name].label}), which the "
                            "template never uses: remove it from the manifest or add it to the template.")
    for name, flt in sorted(set(filters)):
        spec = declared.get(name)
        if spec is not None and flt in _FORMAT_FILTERS and flt not in spec.formats:
            problems.append(f"Field '{name}' ({spec.label}) is printed with format '{flt}', which its "
                            f"manifest entry does not list (it allows {', '.join(spec.formats)}).")
    if manifest.seal is not None and manifest.seal.anchor_text and not broken:
        text = "".join(t for _, t in _paragraph_texts(docx_path.read_bytes()))
        if manifest.seal.anchor_text not in text:
            problems.append(f"The seal anchor text «{manifest.seal.anchor_text}» does not occur in the "
                            "template: the seal would have nowhere to go.")
    for spec in manifest.fields:
        if "pattern" in spec.validation and _sample(spec) is None:
            problems.append(f"Field '{spec.name}' ({spec.label}) has a validation pattern but no example: "
                            "add validation.example (a value that matches) so the template can be tried.")
    if problems:
        return problems
    context = {f.name: _sample(f) for f in manifest.fields}
    try:
        _render(docx_path, _record(manifest.fields, context))
    except (TemplateFillError, ManifestError) as exc:
        problems.append(f"A trial fill with sample values failed: {exc}")
    return problems


def accept_template(docx_path: str | Path, manifest_path: str | Path, library_dir: str | Path) -> Path:
    """Add a template to the library folder `library_dir` under its manifest's name, after
    `check_template` finds nothing wrong; raise `TemplateRejected` with its problems
    otherwise. Returns the path of the copied ``.docx``."""
    problems = check_template(docx_path, manifest_path)
    if problems:
        raise TemplateRejected(problems)
    manifest = load_manifest(manifest_path)
    target = Path(library_dir)
    target.mkdir(parents=True, exist_ok=True)
    name = re.sub(r'[\\/:*?"<>|]', "_", manifest.name)
    shutil.copyfile(docx_path, target / f"{name}.docx")
    shutil.copyfile(manifest_path, target / f"{name}.json")
    return target / f"{name}.docx"
