"""The key-slot file beside a database: who can unwrap the database key, and how.

The database key is a random 256-bit SQLCipher raw key nobody types. Each user has a
slot holding an X25519 key pair: the private key sealed with AES-256-GCM under a key
derived from the user's passphrase by Argon2id, and the database key sealed to the
public key with HPKE (RFC 9180: DHKEM(X25519), HKDF-SHA256, AES-256-GCM). The public
half is why an administrator can rekey and rewrap the new key for every remaining user
without knowing their passphrases, and why a removed user's old knowledge (the old key,
every public key) does not reveal the new key. Everything is the ``cryptography`` and
``argon2-cffi`` libraries' primitives; nothing is home-made.

File format, version 1 (``DB.keys``, UTF-8, three lines; README "Key-slot file"):

    WORKBENCH-KEYSLOTS 1
    {"attempts": …, "database_salt": …, "generation": …, "mac": …, "slots": […], …}
    sha256 <hex SHA-256 of the two lines above, their newlines included>

The checksum makes any changed byte an explicit "damaged" error before any key is tried.
``mac`` (HMAC-SHA256 under a key derived from the database key by HKDF) covers the
version, the database it belongs to (the 16-byte SQLCipher salt at the start of the
file), the key generation and every slot, and is checked right after a slot unwraps,
so a deliberately re-checksummed edit is caught as well. The failed-attempt counters
are covered by the checksum only: a person failing to sign in holds no key to sign
them with (README says what that means).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hpke, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from workbench.store.errors import KeySlotsDamaged, UnknownUser, WrongPassphrase

MAGIC = "WORKBENCH-KEYSLOTS"
VERSION = 1
SUFFIX = ".keys"
DATABASE_SALT_BYTES = 16  # SQLCipher's per-file salt, the first 16 bytes of the file
ARGON2_SALT_BYTES = 16
NONCE_BYTES = 12
TARGET_SECONDS = 0.5
CALIBRATION_MEMORY_KIB = 65_536  # 64 MiB
MAX_TIME_COST = 64
TEST_MEMORY_KIB = 256
MAX_MEMORY_KIB = 1 << 20  # 1 GiB: a slot asking for more is an edit, not ours
MAX_PARALLELISM = 16
MAX_UNAUDITED = 1000
MAX_DELAY_SECONDS = 30.0
# A test run forces tiny Argon2id parameters so the suite stays fast: never set it on a
# workstation (slots created under it are weak; `user passwd` makes a calibrated one).
KDF_PROFILE_ENV = "WORKBENCH_KDF_PROFILE"
UNKNOWN_USER = "(unknown)"
MAX_NAME = 100  # a typed user name kept for the audit trail is cut to this length

_HPKE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
_MAC_INFO = b"workbench-keyslots/1 file mac"


def slot_path(db: Path) -> Path:
    return db.with_name(db.name + SUFFIX)


def database_salt(db: Path) -> bytes:
    """The SQLCipher salt at the start of ``db`` (a new one for every exported copy)."""
    with db.open("rb") as fh:
        return fh.read(DATABASE_SALT_BYTES)


# -- Argon2id ----------------------------------------------------------------------


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int

    def plausible(self) -> bool:
        """Within what calibration (or the test profile) ever chooses, with headroom."""
        return (
            1 <= self.time_cost <= MAX_TIME_COST
            and TEST_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB
            and 1 <= self.parallelism <= MAX_PARALLELISM
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "algorithm": "argon2id",
            "version": 19,
            "time_cost": self.time_cost,
            "memory_kib": self.memory_kib,
            "parallelism": self.parallelism,
        }


TEST_PARAMS = KdfParams(time_cost=1, memory_kib=TEST_MEMORY_KIB, parallelism=1)
# Bytes of each slot field as this program writes them: X25519 keys are 32 bytes, the
# wrapped private key carries a 16-byte tag, the HPKE seal is enc (32) + key (32) + tag.
_FIELD_BYTES = {
    "salt": ARGON2_SALT_BYTES,
    "public_key": 32,
    "nonce": NONCE_BYTES,
    "wrapped_private_key": 32 + 16,
    "sealed_database_key": 32 + 32 + 16,
}


def derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    if not passphrase:
        raise ValueError("the passphrase is empty")
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def calibrate(target_seconds: float = TARGET_SECONDS) -> KdfParams:
    """Argon2id parameters costing about ``target_seconds`` on this machine (64 MiB)."""
    if os.environ.get(KDF_PROFILE_ENV) == "test":
        return TEST_PARAMS
    salt = bytes(ARGON2_SALT_BYTES)
    derive("calibration", salt, KdfParams(1, CALIBRATION_MEMORY_KIB, 1))  # warm the memory
    passes, timings = 2, []
    for _ in range(2):  # the faster of two: a busy machine only ever slows a run down
        start = time.perf_counter()
        derive("calibration", salt, KdfParams(passes, CALIBRATION_MEMORY_KIB, 1))
        timings.append(time.perf_counter() - start)
    per_pass = max(min(timings) / passes, 1e-3)
    time_cost = max(2, min(MAX_TIME_COST, round(target_seconds / per_pass)))
    return KdfParams(time_cost, CALIBRATION_MEMORY_KIB, 1)


# -- one slot ----------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, what: str) -> bytes:
    if not isinstance(text, str):
        raise ValueError(f"{what} is not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class Slot:
    user: str
    kdf: KdfParams
    salt: bytes
    public_key: bytes
    nonce: bytes
    wrapped_private_key: bytes
    sealed_database_key: bytes

    def header(self) -> dict[str, Any]:
        """What the private key's AES-GCM tag binds: the user name and how it is derived."""
        return {
            "version": VERSION,
            "user": self.user,
            "kdf": {**self.kdf.as_json(), "salt": _b64(self.salt)},
            "public_key": _b64(self.public_key),
        }

    def as_json(self) -> dict[str, Any]:
        return {
            **self.header(),
            "cipher": "aes-256-gcm",
            "nonce": _b64(self.nonce),
            "wrapped_private_key": _b64(self.wrapped_private_key),
            "sealed_database_key": _b64(self.sealed_database_key),
            "seal": "hpke-x25519-hkdf-sha256-aes-256-gcm",
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        """A slot, its fields checked against what this program ever writes: an edit
        outside those shapes is damage, never a costly or misleading unwrap attempt."""
        kdf = data["kdf"]
        if kdf.get("algorithm") != "argon2id" or kdf.get("version") != 19:
            raise ValueError(f"unknown key derivation {kdf.get('algorithm')!r}")
        params = KdfParams(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"]))
        user = str(data["user"])
        if not params.plausible():
            raise ValueError(f"the key slot of {user!r} has impossible Argon2id parameters")
        slot = cls(
            user=user,
            kdf=params,
            salt=_unb64(kdf["salt"], "salt"),
            public_key=_unb64(data["public_key"], "public_key"),
            nonce=_unb64(data["nonce"], "nonce"),
            wrapped_private_key=_unb64(data["wrapped_private_key"], "wrapped_private_key"),
            sealed_database_key=_unb64(data["sealed_database_key"], "sealed_database_key"),
        )
        for name, length in _FIELD_BYTES.items():
            if len(getattr(slot, name)) != length:
                raise ValueError(f"the key slot of {user!r} has a {name} of the wrong length")
        return slot

    @classmethod
    def make(
        cls, user: str, passphrase: str, db_key: bytes, generation: int, params: KdfParams
    ) -> Slot:
        private = X25519PrivateKey.generate()
        public = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        salt = secrets.token_bytes(ARGON2_SALT_BYTES)
        nonce = secrets.token_bytes(NONCE_BYTES)
        draft = cls(user, params, salt, public, nonce, b"", b"")
        kek = derive(passphrase, salt, params)
        private_raw = private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        wrapped = AESGCM(kek).encrypt(nonce, private_raw, _canonical(draft.header()))
        return replace(draft, wrapped_private_key=wrapped).sealed(db_key, generation)

    def sealed(self, db_key: bytes, generation: int) -> Slot:
        """This slot with ``db_key`` (of ``generation``) sealed to its public key."""
        public = X25519PublicKey.from_public_bytes(self.public_key)
        sealed = _HPKE.encrypt(db_key, public, info=self._info(generation))
        return replace(self, sealed_database_key=sealed)

    def open(self, passphrase: str, generation: int) -> bytes:
        """The database key; ``InvalidTag`` for a wrong passphrase (or an altered slot)."""
        return self.database_key(self.private_key(passphrase), generation)

    def private_key(self, passphrase: str) -> X25519PrivateKey:
        """``InvalidTag``: a wrong passphrase, or an edit of this slot's header that no
        checksum shows (the tag is the only thing binding it: the two look alike)."""
        kek = derive(passphrase, self.salt, self.kdf)
        private_raw = AESGCM(kek).decrypt(
            self.nonce, self.wrapped_private_key, _canonical(self.header())
        )
        return X25519PrivateKey.from_private_bytes(private_raw)

    def database_key(self, private: X25519PrivateKey, generation: int) -> bytes:
        """``InvalidTag`` here, after the passphrase proved right, means an altered slot."""
        return _HPKE.decrypt(self.sealed_database_key, private, info=self._info(generation))

    def _info(self, generation: int) -> bytes:
        return b"workbench-keyslots/1 database key " + _canonical(
            {"user": self.user, "generation": generation}
        )


# -- the file ----------------------------------------------------------------------


@dataclass
class Failures:
    count: int
    last: str  # ISO 8601 UTC


@dataclass
class SlotFile:
    """The parsed slot file. Mutators re-sign it; :meth:`save` writes it atomically."""

    database_salt: bytes
    generation: int
    slots: dict[str, Slot]
    mac: bytes = b""
    failures: dict[str, Failures] = field(default_factory=dict)
    unaudited: list[dict[str, str]] = field(default_factory=list)

    # -- building ------------------------------------------------------------------

    @classmethod
    def new(cls, salt: bytes, db_key: bytes, generation: int = 1) -> SlotFile:
        slot_file = cls(salt, generation, {})
        slot_file.sign(db_key)
        return slot_file

    def add(
        self, user: str, passphrase: str, db_key: bytes, params: KdfParams | None = None
    ) -> None:
        """Add (or replace) ``user``'s slot; ``params`` default to a fresh calibration."""
        self.verify(db_key)
        params = params or calibrate()
        self.slots[user] = Slot.make(user, passphrase, db_key, self.generation, params)
        self.sign(db_key)

    def remove(self, user: str, db_key: bytes) -> None:
        self.verify(db_key)
        self.slots.pop(user, None)
        self.failures.pop(user, None)
        self.sign(db_key)

    def rekeyed(self, new_key: bytes, keep: set[str], salt: bytes) -> SlotFile:
        """A slot file for a new database key: the kept users' slots resealed to it."""
        generation = self.generation + 1
        slots = {u: s.sealed(new_key, generation) for u, s in self.slots.items() if u in keep}
        out = SlotFile(salt, generation, slots, b"", dict(self.failures), list(self.unaudited))
        out.sign(new_key)
        return out

    def for_copy(self, salt: bytes, db_key: bytes) -> SlotFile:
        """The same slots for an exported copy of the database (a backup)."""
        self.verify(db_key)
        out = SlotFile(salt, self.generation, dict(self.slots))
        out.sign(db_key)
        return out

    # -- authenticity --------------------------------------------------------------

    def _signed_part(self) -> bytes:
        return _canonical(
            {
                "version": VERSION,
                "database_salt": self.database_salt.hex(),
                "generation": self.generation,
                "slots": [self.slots[u].as_json() for u in sorted(self.slots)],
            }
        )

    def _mac_for(self, db_key: bytes) -> bytes:
        mac_key = HKDF(hashes.SHA256(), 32, salt=None, info=_MAC_INFO).derive(db_key)
        return hmac.new(mac_key, self._signed_part(), hashlib.sha256).digest()

    def sign(self, db_key: bytes) -> None:
        self.mac = self._mac_for(db_key)

    def verify(self, db_key: bytes, path: Path | None = None) -> None:
        if not hmac.compare_digest(self.mac, self._mac_for(db_key)):
            where = path or "the key-slot file"
            raise KeySlotsDamaged(
                where or "",
                f"{where} was altered: its signature does not match the database key "
                "(restore it from the backup)",
            )

    # -- unwrapping and attempts -----------------------------------------------------

    def unwrap(self, db: Path, user: str, passphrase: str) -> bytes:
        slot = self.slots.get(user)
        if slot is None:
            raise UnknownUser(db, user)
        try:
            private = slot.private_key(passphrase)
        except InvalidTag:
            raise WrongPassphrase(db, user) from None
        try:
            return slot.database_key(private, self.generation)
        except InvalidTag:
            where = slot_path(db)
            raise KeySlotsDamaged(
                where,
                f"the key slot of user {user!r} in {where} was altered: the passphrase is "
                "right, but the database key sealed in the slot does not open "
                "(restore the slot file from the backup beside the database)",
            ) from None

    def delay(self, user: str, now: datetime) -> float:
        """Seconds still to wait before ``user`` may try again (doubling per failure)."""
        record = self.failures.get(user if user in self.slots else UNKNOWN_USER)
        if record is None or record.count <= 0:
            return 0.0
        wait: float = min(MAX_DELAY_SECONDS, 0.25 * 2.0 ** (record.count - 1))
        elapsed = (now - datetime.fromisoformat(record.last)).total_seconds()
        return max(0.0, wait - elapsed)

    def record_failure(self, user: str, now: datetime) -> int:
        """Count a failed sign-in; returns the user's count of failures in a row."""
        name = user if user in self.slots else UNKNOWN_USER
        at = now.astimezone(UTC).isoformat()
        record = self.failures.get(name) or Failures(0, at)
        record.count += 1
        record.last = at
        self.failures[name] = record
        self.unaudited.append({"user": user[:MAX_NAME], "at": at})
        del self.unaudited[:-MAX_UNAUDITED]
        return record.count

    # -- bytes -----------------------------------------------------------------------

    def body(self) -> dict[str, Any]:
        return {
            "database_salt": self.database_salt.hex(),
            "generation": self.generation,
            "slots": [self.slots[u].as_json() for u in sorted(self.slots)],
            "mac": self.mac.hex(),
            "mac_algorithm": "hmac-sha256/hkdf-sha256",
            "attempts": {
                u: {"failures": f.count, "last_failure": f.last}
                for u, f in sorted(self.failures.items())
            },
            "unaudited_failures": self.unaudited,
        }

    def dumps(self) -> bytes:
        head = f"{MAGIC} {VERSION}\n".encode() + _canonical(self.body()) + b"\n"
        return head + f"sha256 {hashlib.sha256(head).hexdigest()}\n".encode()

    @classmethod
    def loads(cls, data: bytes, path: Path) -> SlotFile:
        lines = data.split(b"\n")
        if len(lines) != 4 or lines[3] != b"" or not lines[0].startswith(MAGIC.encode()):
            raise KeySlotsDamaged(path, f"{path} is not a workbench key-slot file")
        if lines[0] != f"{MAGIC} {VERSION}".encode():
            found = lines[0][len(MAGIC) :].decode(errors="replace").strip()
            raise KeySlotsDamaged(
                path, f"{path} has key-slot format {found!r}, which this workbench cannot read"
            )
        head = lines[0] + b"\n" + lines[1] + b"\n"
        if lines[2] != f"sha256 {hashlib.sha256(head).hexdigest()}".encode():
            raise KeySlotsDamaged(
                path, f"{path} is damaged: its checksum does not match (restore it from the backup)"
            )
        try:
            body = json.loads(lines[1])
            return cls(
                database_salt=bytes.fromhex(body["database_salt"]),
                generation=int(body["generation"]),
                slots={s.user: s for s in (Slot.from_json(d) for d in body["slots"])},
                mac=bytes.fromhex(body["mac"]),
                failures={
                    u: Failures(int(a["failures"]), str(a["last_failure"]))
                    for u, a in body.get("attempts", {}).items()
                },
                unaudited=[
                    {"user": str(e["user"]), "at": str(e["at"])}
                    for e in body.get("unaudited_failures", [])
                ],
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise KeySlotsDamaged(path, f"{path} is damaged: {exc}") from None

    @classmethod
    def load(cls, path: Path) -> SlotFile:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise KeySlotsDamaged(
                path,
                f"the key-slot file {path} is missing: without it nobody can sign in "
                "(restore it from the backup beside the database)",
            ) from None
        except OSError as exc:
            raise KeySlotsDamaged(
                path, f"cannot read the key-slot file {path}: {exc.strerror}"
            ) from None
        return cls.loads(data, path)

    def save(self, path: Path) -> None:
        atomic_write(path, self.dumps())


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a crash leaves the old or the new file, never half."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
