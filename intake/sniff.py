"""Tell a file's type from its bytes, never from its name, and refuse what we do not read."""
from .errors import ArchiveRejected, EmptyFile, UnsupportedType

READABLE = ("pdf", "png", "jpeg", "tiff")

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"MZ", "executable"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "ole"),   # old MS Office
    (b"%!PS", "postscript"),
    (b"GIF8", "gif"),
)


def sniff(data: bytes) -> str:
    """The file type of `data`: one of READABLE, or raises an IntakeError that names what it is."""
    if not data.strip():
        raise EmptyFile("Plik jest pusty.")
    head = data[:16]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return _accept(name)
    # PDF allows up to 1024 bytes of junk before the header.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    raise UnsupportedType("Nierozpoznany typ pliku (to nie jest PDF, PNG, JPEG ani TIFF).")


def _accept(name: str) -> str:
    if name in READABLE:
        return name
    if name in ("zip", "rar", "7z", "gzip"):
        raise ArchiveRejected(f"Plik jest archiwum ({name.upper()}), np. ZIP lub dokument DOCX.")
    if name == "executable":
        raise UnsupportedType("Plik jest programem wykonywalnym, nie dokumentem.")
    raise UnsupportedType(f"Typ pliku {name} nie jest obsługiwany.")
