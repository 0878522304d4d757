"""Files on disk, content-addressed by SHA-256: a file's name is its hash, so writing the same bytes
twice is harmless and a changed file is noticed on reading. Names given by senders never reach the
file system."""
import hashlib
import os
import tempfile
from pathlib import Path

from intake.errors import OdzyskError, Treatment


class FileStoreError(OdzyskError):
    """A stored file is missing, changed or misnamed: no retry brings it back, a person must look."""
    code = "file_store"
    treatment = Treatment.OPERATOR


class FileStore:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        path = self._path(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write beside, then rename: a crash never leaves a half-written file under a good name.
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, path)
        return digest

    def get(self, digest: str) -> bytes:
        path = self._path(digest)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise FileStoreError(f"Brak pliku {digest[:12]}… w magazynie plików ({self.root}); "
                                 f"sprawdź, czy wszystkie procesy używają tego samego katalogu danych.") from None
        if hashlib.sha256(data).hexdigest() != digest:
            raise FileStoreError(f"Plik {digest[:12]}… w magazynie został zmieniony: nie używam go.")
        return data

    def _path(self, digest: str) -> Path:
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise FileStoreError(f"Niepoprawny skrót pliku: {digest[:70]!r}")
        return self.root / digest[:2] / digest[2:4] / digest
