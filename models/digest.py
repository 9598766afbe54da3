"""SHA-256 hex digests without hashlib's OpenSSL backend.

Why: `import hashlib` loads OpenSSL's libcrypto (about 3.7 MiB resident here) for every process
that hashes a file or a name — the editor at its first frame (models/document.py) and every save.
CPython's own SHA-256 module gives the same digests; hashlib is the fallback where it is missing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def _builtin_sha256() -> Callable[[bytes], Any]:
    for module in ("_sha2", "_sha256"):  # CPython 3.12+, 3.11
        try:
            constructor: Callable[[bytes], Any] = importlib.import_module(module).sha256
        except (ImportError, AttributeError):
            continue
        return constructor
    import hashlib  # noqa: PLC0415 (another Python: the usual module)

    return hashlib.sha256


_SHA256 = _builtin_sha256()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of `data` in hex, as hashlib.sha256(data).hexdigest()."""
    digest: str = _SHA256(data).hexdigest()
    return digest
