"""From a filled form to a filed document: fill the template, convert it to PDF, stamp the seal
(and sign, when a certificate is configured), file it in the dossier.

Procedural templates are sealed at once; the others are filed unsealed and wait for the judge,
whose approval (`approve_and_seal`) stamps the seal and stores the sealed version. A batch (one
template, many recipients) is converted in one go, one LibreOffice start for all of them.

No Qt here: the dialog, the approvals list and the benchmark share it.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from storage.generation import GeneratedInfo, new_batch_id
from storage.store import StoreSession
from templates.convert import docx_to_pdf_many
from templates.manifest import Manifest, load_manifest, template_paths
from templates.render import fill, seal_anchor_text
from templates.seal import stamp_seal
from templates.sign import sign_pdf

DEMO_SEAL = Path(__file__).resolve().parent.parent / "resources" / "seal" / "demo_seal.png"
# The certificate's password is never stored in the shared store; each desk's environment gives it.
CERTIFICATE_PASSWORD_ENV = "DOSSIER_SEAL_PASSWORD"


@dataclass(frozen=True)
class SealConfig:
    """The court's seal image, and optionally its signing certificate (PKCS#12)."""
    image: bytes
    image_path: str
    certificate: bytes | None = None
    password: str = ""
    location: str = ""

    @property
    def is_demo(self) -> bool:
        return Path(self.image_path).resolve() == DEMO_SEAL


def seal_config(session: StoreSession, court: str = "") -> SealConfig:
    """The seal (and certificate) an administrator configured for the store, else the demo seal.
    Raises OSError when a configured file cannot be read."""
    settings = session.generation_settings()
    image_path = settings.get("seal_image") or str(DEMO_SEAL)
    certificate = None
    if settings.get("seal_certificate"):
        certificate = Path(settings["seal_certificate"]).read_bytes()
    return SealConfig(Path(image_path).read_bytes(), image_path, certificate,
                      os.environ.get(CERTIFICATE_PASSWORD_ENV, ""), court)


@dataclass
class GenerationJob:
    """One document to make: the template and the values of its form."""
    template: str
    values: dict
    corrections: dict = field(default_factory=dict)
    title: str = ""


@dataclass
class GenerationResult:
    """What one click made: the filed records, the PDF engine, and the PDFs as filed."""
    filed: list[GeneratedInfo]
    engine: str
    pdfs: list[bytes]


def manifest_of(template: str) -> Manifest:
    """The manifest of a library template (or of a ``.docx`` with its manifest beside it)."""
    return load_manifest(template_paths(template)[1])


def seal_pdf(pdf: bytes, manifest: Manifest, values: dict, seal: SealConfig) -> bytes:
    """Stamp the seal over the template's anchor (the signed date); sign when a certificate is
    configured. A template without a seal comes back unchanged (but signed if configured)."""
    anchor = seal_anchor_text(manifest, values)
    out = stamp_seal(pdf, seal.image, anchor) if anchor else pdf
    if seal.certificate:
        out = sign_pdf(out, seal.certificate, seal.password, "依法签发", seal.location)
    return out


def generate(session: StoreSession, case_no: str, jobs: list[GenerationJob], seal: SealConfig, *,
             engine: str = "auto", volume: str = "正卷", doc_type: str = "") -> GenerationResult:
    """Make and file every job's document. Procedural templates are filed sealed; the others are
    filed as drafts awaiting approval. Several jobs form one batch (one conversion run).

    Raises the template engine's errors (MissingFieldError, TemplateFillError, ConversionError,
    SealError, SigningError) before anything is filed, and the store's errors while filing."""
    if not jobs:
        return GenerationResult([], "", [])
    manifests = [manifest_of(job.template) for job in jobs]
    docx = [fill(job.template, job.values) for job in jobs]
    pdfs, used = docx_to_pdf_many(docx, engine)
    ready = [seal_pdf(pdf, m, job.values, seal) if m.procedural else pdf
             for pdf, m, job in zip(pdfs, manifests, jobs)]
    batch = new_batch_id() if len(jobs) > 1 else ""
    filed = []
    for job, manifest, pdf, doc in zip(jobs, manifests, ready, docx):
        filed.append(session.file_generated(
            case_no, pdf, doc, manifest.name, _plain(job.values), job.corrections, used, volume,
            doc_type or manifest.title, job.title or manifest.title, manifest.procedural, batch=batch,
            doc_date=_issue_date(job.values)))
    return GenerationResult(filed, used, ready)


def approve_and_seal(session: StoreSession, info: GeneratedInfo, comment: str, seal: SealConfig) -> GeneratedInfo:
    """Approve a pending document and, in the same step, store its sealed version."""
    draft = session.generated_file(info.id, "draft").read_bytes()
    manifest = manifest_of(info.template)
    sealed = seal_pdf(draft, manifest, info.values, seal)
    return session.approve(info.id, info.version, comment, sealed_pdf=sealed)


def _issue_date(values: dict) -> dt.date | None:
    from templates.fields import FieldValueError, validate_date
    raw = values.get("issue_date")
    try:
        return validate_date(raw) if raw else None
    except FieldValueError:
        return None


def _plain(values: dict) -> dict:
    """Values as JSON keeps them (dates and amounts as text)."""
    def plain(v):
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        if isinstance(v, (str, int, float, bool)) or v is None:
            return v
        return str(v)
    return {k: plain(v) for k, v in values.items()}
