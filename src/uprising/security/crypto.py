"""Encryption at rest for correspondents' identities, contacts and texts: AES-256-GCM.

A keyring holds one or more keys, each with a short id; the first is the primary and encrypts,
all of them decrypt. Rotation puts a new key first, re-encrypts every stored value under it and
then drops the old ones (`uprising key rotate`). A ciphertext is "KEYID:BASE64(nonce|ct|tag)";
the associated data binds it to its row and column, so a ciphertext copied into another row or
column fails to decrypt rather than passing for that row's value.

The key file has one key a line, "KEYID BASE64KEY", primary first; it is created with mode 0600.
The key may instead come from the environment (UPRISING_SECRET_KEY, the same line format).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from uprising.errors import ConfigError, UprisingError

__all__ = ["DecryptError", "Keyring", "generate_key_line", "load_keyring", "write_keyring"]

LOGGER = logging.getLogger(__name__)

KEY_BYTES = 32
NONCE_BYTES = 12


class DecryptError(UprisingError):
    """A ciphertext cannot be decrypted: unknown key id, damaged, or moved to another row."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Keyring:
    """Keys by id, the primary first."""

    keys: tuple[tuple[str, bytes], ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise ConfigError("a keyring needs at least one key")
        for key_id, key in self.keys:
            if len(key) != KEY_BYTES or not key_id.isalnum():
                raise ConfigError(f"key {key_id!r}: a key is 32 bytes with an alphanumeric id")

    @property
    def primary_id(self) -> str:
        return self.keys[0][0]

    def encrypt(self, plaintext: str, context: str) -> str:
        """Encrypt under the primary key, bound to `context` (e.g. "submissions.text:ID")."""
        key_id, key = self.keys[0]
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), context.encode())
        return f"{key_id}:{base64.b64encode(nonce + sealed).decode('ascii')}"

    def decrypt(self, token: str, context: str) -> str:
        """Decrypt a value made by `encrypt` with the same context, under any key of the ring.

        Raises:
            DecryptError: unknown key id, damaged value, or another context (row or column).
        """
        key_id, _, body = token.partition(":")
        key = dict(self.keys).get(key_id)
        if key is None:
            raise DecryptError(f"{context}: encrypted with key {key_id!r}, not in the keyring")
        try:
            raw = base64.b64decode(body, validate=True)
            plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
        except (binascii.Error, InvalidTag, ValueError):
            raise DecryptError(f"{context}: cannot be decrypted (damaged or moved)") from None
        return plain.decode("utf-8")

    def needs_rotation(self, token: str) -> bool:
        return not token.startswith(self.primary_id + ":")

    def tag(self, value: str) -> str:
        """A keyed hash of `value` (HMAC-SHA256 under a key derived from the primary).

        Finds a correspondent's own rows without storing who they are in clear.
        """
        derived = hashlib.sha256(b"uprising-owner-tag" + self.keys[0][1]).digest()
        return hmac.new(derived, value.encode(), hashlib.sha256).hexdigest()

    def rotated(self) -> Keyring:
        """A keyring with a new primary key first and the present keys after it."""
        key_id, key = _new_key()
        return Keyring(keys=((key_id, key), *self.keys))

    def only_primary(self) -> Keyring:
        return Keyring(keys=self.keys[:1])


def _new_key() -> tuple[str, bytes]:
    return secrets.token_hex(4), AESGCM.generate_key(bit_length=256)


def generate_key_line() -> str:
    key_id, key = _new_key()
    return f"{key_id} {base64.b64encode(key).decode('ascii')}"


def parse_keyring(text: str, where: str) -> Keyring:
    keys: list[tuple[str, bytes]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        try:
            if len(parts) != 2:
                raise ValueError
            keys.append((parts[0], base64.b64decode(parts[1], validate=True)))
        except (ValueError, binascii.Error):
            raise ConfigError(f"{where}:{number}: expected 'KEYID BASE64KEY'") from None
    if not keys:
        raise ConfigError(f"{where}: no key; create one with `uprising key new`")
    try:
        return Keyring(keys=tuple(keys))
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def load_keyring(path: Path | None, environ_value: str = "") -> Keyring:
    """The keyring from the environment value if set, else from the key file.

    Raises:
        ConfigError: no key anywhere, or a malformed one (the message never shows a key).
    """
    if environ_value.strip():
        return parse_keyring(environ_value.replace(";", "\n"), "UPRISING_SECRET_KEY")
    if path is None or not path.exists():
        raise ConfigError(f"no encryption key: {path} does not exist\nHint: create it with "
                          "`uprising key new`, or set UPRISING_SECRET_KEY_FILE")
    return parse_keyring(path.read_text(encoding="ascii", errors="replace"), str(path))


def write_keyring(path: Path, keyring: Keyring | Sequence[tuple[str, bytes]]) -> None:
    """Write the keyring to `path` (mode 0600), replacing the file atomically."""
    keys = keyring.keys if isinstance(keyring, Keyring) else tuple(keyring)
    text = "".join(f"{k} {base64.b64encode(v).decode('ascii')}\n" for k, v in keys)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
