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
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"MZ", "executable"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "ole"),   # old MS Office
    (b"%!PS", "postscript"),
    (b"\xc5\xd0\xd3\xc6", "postscript"),   # EPS with a DOS preview header
    (b"GIF8", "gif"),
    (b"BM", "bmp"),
    (b"8BPS", "psd"),
    (b"SIMPLE  =", "fits"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "jpeg2000"),
    (b"\xff\x4f\xff\x51", "jpeg2000"),   # a bare JPEG 2000 codestream
)
_ARCHIVES = ("zip", "rar", "7z", "gzip", "bzip2", "xz", "tar")
_NAMES = {"ole": "MS Office (stary format)", "postscript": "PostScript/EPS", "gif": "GIF", "bmp": "BMP",
          "psd": "Photoshop (PSD)", "fits": "FITS", "jpeg2000": "JPEG 2000", "webp": "WebP"}


def sniff(data: bytes) -> str:
    """The file type of `data`: one of READABLE, or raises an IntakeError that names what it is."""
    if not data.strip():
        raise EmptyFile("Plik jest pusty.")
    head = data[:16]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return _accept(name)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return _accept("webp")
    if data[257:262] == b"ustar":
        return _accept("tar")
    # PDF allows up to 1024 bytes of junk before the header.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise UnsupportedType("Plik jest dokumentem tekstowym (HTML, XML lub SVG), nie skanem upoważnienia.")
    raise UnsupportedType("Nierozpoznany typ pliku (to nie jest PDF, PNG, JPEG ani TIFF).")


def _accept(name: str) -> str:
    if name in READABLE:
        return name
    if name in _ARCHIVES:
        raise ArchiveRejected(f"Plik jest archiwum ({name.upper()}), np. ZIP lub dokument DOCX.")
    if name == "executable":
        raise UnsupportedType("Plik jest programem wykonywalnym, nie dokumentem.")
    raise UnsupportedType(f"Typ pliku {_NAMES.get(name, name)} nie jest obsługiwany.")
