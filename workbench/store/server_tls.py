"""A site's TLS material for the task-force server: its own CA, the server's certificate
and client certificates (``workbench server certs``; the test suite's throwaway cluster
uses the same functions).

Keys are EC P-256, written PEM (PKCS#8, unencrypted — PostgreSQL and libpq read them so)
with mode 0600 at creation; an existing key is never overwritten (``O_EXCL``). The CA
certificate is valid for ten years, server and client certificates for two. A client
certificate's CN is the workbench user name, which PostgreSQL's ``cert`` authentication
matches against the login role.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_DAYS = 3650
LEAF_DAYS = 730
CA_NAME = "ca"
SERVER_NAME = "server"
DEFAULT_CA_SUBJECT = "Task Force Workbench site CA"


class CertificateError(Exception):
    """Refused: an existing key or certificate, a missing CA, a bad host or user name."""


@dataclass(frozen=True)
class Issued:
    """A certificate and its key, as written."""

    cert: Path
    key: Path
    certificate: x509.Certificate
    private_key: ec.EllipticCurvePrivateKey


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _refuse_existing(*paths: Path, note: str = "") -> None:
    for path in paths:
        if path.exists():
            raise CertificateError(
                f"{path} already exists: refusing to overwrite it (move it away first if "
                f"you really mean to replace it{note})"
            )


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        _refuse_existing(path)
        raise
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    path.chmod(0o600)  # whatever the umask


def _write_cert(path: Path, cert: x509.Certificate) -> None:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _paths(directory: Path, name: str) -> tuple[Path, Path]:
    if not name or "/" in name or name.startswith("."):
        raise CertificateError(f"{name!r} cannot name a certificate file")
    directory.mkdir(parents=True, exist_ok=True)
    return directory / f"{name}.crt", directory / f"{name}.key"


def make_ca(
    directory: Path,
    name: str = CA_NAME,
    *,
    subject: str = DEFAULT_CA_SUBJECT,
    days: int = CA_DAYS,
) -> Issued:
    """A self-signed site CA: ``name``.crt and ``name``.key (0600) in ``directory``."""
    crt, pem = _paths(directory, name)
    _refuse_existing(pem, crt, note="; nothing signed by the old CA is trusted by a new one")
    key = ec.generate_private_key(ec.SECP256R1())
    subject_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    now = _now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject_name)
        .issuer_name(subject_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    _write_key(pem, key)
    _write_cert(crt, cert)
    return Issued(crt, pem, cert, key)


def load_ca(directory: Path, name: str = CA_NAME) -> Issued:
    """The site CA made by :func:`make_ca` (its key is needed to sign)."""
    crt, pem = directory / f"{name}.crt", directory / f"{name}.key"
    for path in (crt, pem):
        if not path.is_file():
            raise CertificateError(
                f"no site CA at {path}: make one first ('workbench server certs ca --dir "
                f"{directory}')"
            )
    cert = x509.load_pem_x509_certificate(crt.read_bytes())
    key = serialization.load_pem_private_key(pem.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise CertificateError(f"{pem} is not an EC key made by 'workbench server certs ca'")
    return Issued(crt, pem, cert, key)


def _leaf(
    ca: Issued,
    directory: Path,
    name: str,
    common_name: str,
    usage: x509.ObjectIdentifier,
    san: Sequence[x509.GeneralName] = (),
    days: int = LEAF_DAYS,
) -> Issued:
    crt, pem = _paths(directory, name)
    _refuse_existing(pem, crt)
    key = ec.generate_private_key(ec.SECP256R1())
    now = _now()
    not_after = min(now + datetime.timedelta(days=days), ca.certificate.not_valid_after_utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.private_key.public_key()),
            False,
        )
    )
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(list(san)), critical=False)
    cert = builder.sign(ca.private_key, hashes.SHA256())
    _write_key(pem, key)
    _write_cert(crt, cert)
    return Issued(crt, pem, cert, key)


def _host_names(hosts: Sequence[str], ips: Sequence[str]) -> list[x509.GeneralName]:
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
            continue
        except ValueError:
            pass
        if not host or any(c.isspace() for c in host) or "/" in host:
            raise CertificateError(f"{host!r} is not a host name")
        names.append(x509.DNSName(host))
    for ip in ips:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(ip)))
        except ValueError:
            raise CertificateError(f"{ip!r} is not an IP address") from None
    if not names:
        raise CertificateError("a server certificate needs a host name or an IP address")
    return names


def make_server(
    ca: Issued,
    directory: Path,
    hosts: Sequence[str] = (),
    ips: Sequence[str] = (),
    *,
    name: str = SERVER_NAME,
    days: int = LEAF_DAYS,
) -> Issued:
    """The server's certificate, signed by ``ca``: a subject alternative name for each
    host name and IP address clients connect to (``sslmode=verify-full`` checks it)."""
    san = _host_names(hosts, ips)
    first = [*hosts, *ips][0]
    return _leaf(ca, directory, name, first, ExtendedKeyUsageOID.SERVER_AUTH, san, days)


def make_client(
    ca: Issued, directory: Path, user: str, *, name: str | None = None, days: int = LEAF_DAYS
) -> Issued:
    """A client certificate for PostgreSQL ``cert`` sign-in: CN = the workbench user."""
    if not user or any(c.isspace() for c in user):
        raise CertificateError(f"{user!r} is not a workbench user name")
    return _leaf(ca, directory, name or user, user, ExtendedKeyUsageOID.CLIENT_AUTH, days=days)


def common_name(cert: x509.Certificate) -> str:
    value = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    return value if isinstance(value, str) else value.decode()
