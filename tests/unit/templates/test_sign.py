"""PAdES signing with a certificate made here, verification, and tamper detection."""
from __future__ import annotations

import datetime
import io
import re

import pymupdf
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from templates.sign import SigningError, sign_pdf, verify_pdf

MARK = b"Dossier tamper mark"


@pytest.fixture(scope="module")
def certificate() -> tuple[bytes, bytes]:
    """(PKCS#12 bytes protected by 'secret', DER certificate) of a self-signed court certificate."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "陕西省榆川县人民法院（测试）")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    p12 = pkcs12.serialize_key_and_certificates(b"court", key, cert, None,
                                                serialization.BestAvailableEncryption(b"secret"))
    return p12, cert.public_bytes(serialization.Encoding.DER)


@pytest.fixture(scope="module")
def document() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "执行通知书", fontname="china-s", fontsize=16)
    doc.set_metadata({"title": MARK.decode()})
    return doc.tobytes()


@pytest.fixture(scope="module")
def signed(certificate, document) -> bytes:
    return sign_pdf(document, certificate[0], "secret", reason="依法签发", location="陕西省榆川县人民法院")


def test_a_signed_document_verifies(signed, certificate):
    ok, summary = verify_pdf(signed)
    assert ok, summary
    assert "intact" in summary and "not trusted" in summary
    ok, summary = verify_pdf(signed, trust_roots=[certificate[1]])
    assert ok and "certificate trusted" in summary


def test_the_signature_is_pades_with_reason_and_location(signed):
    from pyhanko.pdf_utils.reader import PdfFileReader
    [sig] = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert sig.sig_object["/Reason"] == "依法签发" and sig.sig_object["/Location"] == "陕西省榆川县人民法院"


def test_one_byte_changed_in_the_signed_range_is_detected(signed):
    at = signed.index(MARK)
    start, length, second_start, second_length = _byte_range(signed)
    assert start <= at < start + length or second_start <= at < second_start + second_length
    tampered = signed[:at] + b"d" + signed[at + 1:]
    ok, summary = verify_pdf(tampered)
    assert not ok and "BROKEN" in summary


def _byte_range(pdf: bytes) -> tuple[int, int, int, int]:
    m = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    return tuple(int(x) for x in m.groups())


def test_an_unsigned_document_does_not_verify(document):
    assert verify_pdf(document) == (False, "The document carries no digital signature.")


def test_a_wrong_password_is_reported(certificate, document):
    with pytest.raises(SigningError, match="password is wrong"):
        sign_pdf(document, certificate[0], "guess", reason="r", location="l")
