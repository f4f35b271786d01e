"""PAdES digital signatures on generated PDFs, with the court's certificate (a PKCS#12 file and
its password, configured per installation), and checking them.

Sign last: the seal image, and anything else, must already be on the pages, because any change
after signing breaks the signature.
"""
from __future__ import annotations

import io
import logging

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis.policy_api import ModificationLevel
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

__all__ = ["SigningError", "sign_pdf", "verify_pdf"]


class SigningError(ValueError):
    """The PDF could not be signed; the message says why and what to do."""


def sign_pdf(pdf_bytes: bytes, p12_bytes: bytes, password: str | bytes, reason: str, location: str,
             field_name: str = "CourtSignature") -> bytes:
    """Sign the PDF with the key and certificate in `p12_bytes` (PKCS#12) as a PAdES signature
    covering the whole file; return the signed PDF. `reason` and `location` are recorded in the
    signature (e.g. "依法签发", "陕西省榆川县人民法院")."""
    passphrase = password.encode("utf-8") if isinstance(password, str) else password
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(p12_bytes, other_certs=None, passphrase=passphrase or None)
    except (ValueError, TypeError):
        signer = None
    if signer is None:
        raise SigningError("The signing certificate could not be opened: the password is wrong or the file "
                           "is not a PKCS#12 (.p12/.pfx) certificate. Check the certificate settings.")
    meta = signers.PdfSignatureMetadata(field_name=field_name, reason=reason, location=location,
                                        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256")
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
        out = io.BytesIO()
        signers.PdfSigner(meta, signer=signer).sign_pdf(writer, output=out)
    except (PdfReadError, ValueError) as exc:
        raise SigningError(f"The document could not be signed ({exc}).") from None
    return out.getvalue()


def _covers_rest(status) -> bool:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    level = status.modification_level
    return level is not None and level <= ModificationLevel.LTA_UPDATES


def verify_pdf(pdf_bytes: bytes, trust_roots: list[bytes] | tuple[bytes, ...] = ()) -> tuple[bool, str]:
    """Check every signature in the PDF. Returns ``(ok, summary)``: `ok` is True when the document
    has at least one signature, every signature is cryptographically sound over intact bytes,
    and nothing but further signatures was added after the last one. Whether the signer's
    certificate chains to one of `trust_roots` (DER-encoded certificates) is reported in
    `summary` but does not decide `ok`; revocation is not checked (no network)."""
    from asn1crypto import x509 as asn1_x509

    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_signatures
    except (PdfReadError, ValueError) as exc:
        return False, f"The file cannot be read as a PDF ({exc})."
    if not signatures:
        return False, "The document carries no digital signature."
    roots = [asn1_x509.Certificate.load(der) for der in trust_roots]
    lines, ok, status = [], True, None
    # pyHanko logs an untrusted chain with a traceback; the summary already says it.
    logger = logging.getLogger("pyhanko")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        for sig in signatures:
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            try:
                status = validate_pdf_signature(sig, context)
            except Exception as exc:  # pyHanko raises many types for a damaged signature
                ok = False
                lines.append(f"{sig.field_name}: the signature cannot be checked ({type(exc).__name__}).")
                continue
            signer = status.signing_cert.subject.human_friendly if status.signing_cert else "unknown signer"
            intact = status.intact and status.valid
            ok = ok and intact
            when = f", signed {status.signer_reported_dt:%Y-%m-%d %H:%M}" if status.signer_reported_dt else ""
            state = "intact" if intact else "BROKEN: the document was changed after signing"
            trust = "certificate trusted" if status.trusted else "certificate not trusted by this desk"
            lines.append(f"{sig.field_name}: {signer}{when}; {state}; {trust}.")
        if ok and not _covers_rest(status):
            ok = False
            lines.append("Content other than signatures was added after the last signature.")
    finally:
        logger.setLevel(previous)
    return ok, " ".join(lines)
