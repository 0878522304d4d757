"""Hostile files (THREATS group C) and hostile mail (D1, D4).

Every hostile input must cost one bounded job: it ends in an IntakeError with a stable code, a Polish
message that says what to do, and treatment "reject"; it never crashes or hangs the calling process,
and the next file is still read. Files are built here, byte by byte where the attack needs it.
"""
import bz2
import datetime
import gzip
import io
import lzma
import multiprocessing.forkserver
import os
import resource
import select
import struct
import subprocess
import tarfile
import time
import zipfile
import zlib
from email.message import EmailMessage
from pathlib import Path

import pytest
from PIL import EpsImagePlugin, Image, ImageFile
from reportlab.lib import pdfencrypt

from conftest import letter_pdf
from intake import images, sniff
from intake.errors import (ArchiveRejected, CorruptFile, Encrypted, IntakeError, ReadTimeout, ResourceLimit,
                           TooLarge, TooManyPages, UnsupportedType)
from intake.images import decode_pages
from intake.limits import Limits
from intake.mime import MailLimits, MailTooComplex, ParsedMail, parse_mail
from intake.pages import Document
from intake.pdf import open_pdf, render_page
from intake.read import read_document
from intake.sandbox import run_isolated
from odzysk.check import check_data
from odzysk.settings import Settings
from verify.result import CaseResult

pytestmark = pytest.mark.hostile

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "letters"
TODAY = datetime.date(2026, 11, 25)
GIB = 1 << 30
LIMITS = Limits(memory_bytes=GIB, file_timeout_s=20)   # roomy for a letter, tight for a bomb
MAIL_SANDBOX = Limits(file_timeout_s=5)


# --- entry points ---------------------------------------------------------------------------------------

def read(data: bytes, limits: Limits = LIMITS) -> Document:
    return run_isolated(read_document, data, limits, limits=limits)


def refused(data: bytes, expected=IntakeError, limits: Limits = LIMITS, within: float | None = None) -> IntakeError:
    """The error reading `data` ends in; checks that it is a clean, permanent, explained rejection."""
    started = time.monotonic()
    with pytest.raises(IntakeError) as caught:
        read(data, limits)
    elapsed = time.monotonic() - started
    error = caught.value
    assert isinstance(error, expected), f"{type(error).__name__}: {error.message}"
    assert_rejection(error)
    if within is not None:
        assert elapsed < within, f"took {elapsed:.1f} s"
    return error


def assert_rejection(error: IntakeError) -> None:
    assert error.treatment == "reject"
    assert error.code and error.message
    assert "oproś" in error.message, error.message   # Polish advice: "Poproś nadawcę…", "poproś o…"


def checked(data: bytes, name: str, limits: Limits = LIMITS) -> CaseResult:
    result, document = check_data(data, name, Settings(limits=limits), TODAY)
    if result.error is not None:
        assert document is None
        assert result.verdict == "reject"
        assert result.error.treatment == "reject"
        assert "oproś" in result.error.message
    return result


def peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def sandbox_children() -> list[int]:
    """Children of the forkserver that runs the sandboxes, unreaped zombies included."""
    server = getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None)
    if server is None:
        return []
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == server:
                found.append(int(entry))
    return found


def processes_running(marker: bytes) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if marker in Path(f"/proc/{entry}/cmdline").read_bytes():
                    found.append(int(entry))
            except OSError:
                continue
    return found


def eventually(condition, seconds: float = 3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# --- builders -------------------------------------------------------------------------------------------

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = (b"BT /F1 30 Tf 60 760 Td (UPOWAZNIENIE) Tj ET "
        b"BT /F1 18 Tf 60 700 Td (Upowazniam operatora do usuniecia MFA z konta) Tj ET "
        b"BT /F1 18 Tf 60 660 Td (login: jan.kowalski@example-serwis.pl) Tj ET ")


def pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of `objects` (numbered from 1, the first is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), entries, data)


def one_page(contents: bytes, entries: bytes = b"", resources: bytes = b"", more: list[bytes] = (),
             mediabox: bytes = b"[0 0 595 842]") -> bytes:
    """Catalog 1, pages 2, page 3, contents 4, font 5, then `more` from object 6."""
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> %s >> >>" % (mediabox, resources),
                stream(contents, entries), FONT, *more])


def form(contents: bytes, resources: bytes = b"") -> bytes:
    return stream(contents, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] " + resources)


def zeros_deflated(gib: int) -> bytes:
    """A zlib stream of `gib` GiB of zeros, built in milliseconds: after a full flush, zlib compresses
    each further MiB of zeros to the same bytes, so one block is repeated and the checksum set by hand."""
    compressor = zlib.compressobj(9)
    mib = bytes(1 << 20)
    first = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH) == block
    end = compressor.flush()[:-4]
    count = gib * 1024
    adler32 = ((count << 20) % 65521) << 16 | 1   # Adler-32 of n zero bytes: a = 1, b = n mod 65521
    return first + block * (count - 1) + end + adler32.to_bytes(4, "big")


def flate_bomb_pdf(gib: int = 16, layers: int = 3) -> bytes:
    data = zeros_deflated(gib)
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    return one_page(data, b"/Filter [" + b"/FlateDecode " * layers + b"]")


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int) -> bytes:
    """A tiny grey PNG whose header claims width x height."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    return (b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", zlib.compress(b"\0" * 100))
            + png_chunk(b"IEND", b""))


def saved(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def jpeg_claiming(width: int, height: int) -> bytes:
    data = saved(Image.new("L", (16, 16), 255), "JPEG")
    sof = data.index(b"\xff\xc0")
    return data[:sof + 5] + struct.pack(">HH", height, width) + data[sof + 9:]


def tiff_ifds(data: bytes) -> list[int]:
    order = "<" if data[:2] == b"II" else ">"
    offsets, offset = [], struct.unpack(order + "I", data[4:8])[0]
    while offset and offset not in offsets:
        offsets.append(offset)
        count = struct.unpack(order + "H", data[offset:offset + 2])[0]
        offset = struct.unpack(order + "I", data[offset + 2 + 12 * count:offset + 6 + 12 * count])[0]
    return offsets


def tiff_claiming(width: int, height: int, page: int = 0, pages: int = 1) -> bytes:
    """A small uncompressed TIFF whose page `page` claims width x height in its directory."""
    frames = [Image.new("L", (16, 16), 255) for _ in range(pages)]
    data = bytearray(saved(frames[0], "TIFF", save_all=True, append_images=frames[1:]))
    ifd = tiff_ifds(bytes(data))[page]
    for entry in range(struct.unpack("<H", data[ifd:ifd + 2])[0]):
        at = ifd + 2 + 12 * entry
        tag = struct.unpack("<H", data[at:at + 2])[0]
        if tag in (256, 257):   # ImageWidth, ImageLength: rewritten as LONG
            data[at + 2:at + 12] = struct.pack("<HII", 4, 1, width if tag == 256 else height)
    return bytes(data)


def zipped(entries: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def mail_with(*headers: bytes, body: bytes = b"body\r\n") -> bytes:
    return (b"From: jan@example-serwis.pl\r\nTo: odzysk@serwisant.online\r\nSubject: x\r\n"
            b"Message-ID: <x@example-serwis.pl>\r\nMIME-Version: 1.0\r\n" + b"".join(h + b"\r\n" for h in headers)
            + b"\r\n" + body)


def multipart(parts: list[bytes], boundary: bytes = b"sep") -> bytes:
    body = b"".join(b"--" + boundary + b"\r\n" + part + b"\r\n" for part in parts) + b"--" + boundary + b"--\r\n"
    return mail_with(b'Content-Type: multipart/mixed; boundary="' + boundary + b'"', body=body)


def nested_mail(depth: int) -> bytes:
    body = b"Content-Type: text/plain\r\n\r\nleaf\r\n"
    for level in range(depth):
        boundary = b"b%d" % level
        body = (b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\r\n\r\n--' + boundary + b"\r\n"
                + body + b"\r\n--" + boundary + b"--\r\n")
    return b"From: jan@example-serwis.pl\r\nMIME-Version: 1.0\r\n" + body


# --- C1 pixel flood --------------------------------------------------------------------------------------

FLOODS = {
    "png-60000x60000": ("png", lambda: png(60000, 60000)),
    "png-1x2147483647": ("png", lambda: png(1, 2**31 - 1)),
    "png-7000x7000": ("png", lambda: png(7000, 7000)),         # over our 40 MP, under Pillow's own limits
    "png-13000x100": ("png", lambda: png(13000, 100)),         # few pixels, one side over 12000
    "jpeg-65535x65535": ("jpeg", lambda: jpeg_claiming(65535, 65535)),
    "jpeg-7000x7000": ("jpeg", lambda: jpeg_claiming(7000, 7000)),
    "jpeg-13000x10": ("jpeg", lambda: jpeg_claiming(13000, 10)),
    "tiff-60000x60000": ("tiff", lambda: tiff_claiming(60000, 60000)),
    "tiff-7000x7000": ("tiff", lambda: tiff_claiming(7000, 7000)),
    "tiff-13000x16": ("tiff", lambda: tiff_claiming(13000, 16)),
}


@pytest.mark.parametrize("case", FLOODS)
def test_pixel_flood_is_refused_from_the_header_before_decoding(case):
    filetype, build = FLOODS[case]
    data = build()
    assert len(data) < 2000
    # In this very process: were the pixels decoded, the peak RSS would jump by hundreds of MB.
    before = peak_rss_mb()
    started = time.monotonic()
    with pytest.raises(TooLarge) as caught:
        decode_pages(data, filetype, Limits())
    assert time.monotonic() - started < 0.5
    assert peak_rss_mb() - before < 64
    assert_rejection(caught.value)
    assert Image.MAX_IMAGE_PIXELS == Limits().max_pixels   # our cap, never None
    # And the whole pipeline, under a memory cap a decoded flood would blow: too_large, not resource_limit.
    assert refused(data, TooLarge, within=5).code == "too_large"


def test_pixel_flood_on_a_later_tiff_page_is_refused_before_that_page_is_decoded():
    error = refused(tiff_claiming(60000, 60000, page=1, pages=2), TooLarge, within=5)
    assert "Strona 2" in error.message


@pytest.mark.parametrize("data", [
    b"GIF89a" + struct.pack("<HH", 65535, 65535) + b"\xf7\x00\x00" + b"\x00" * 768 + b";",
    b"BM" + struct.pack("<IHHI", 122, 0, 0, 54)
    + struct.pack("<IiiHHIIiiII", 40, 60000, 60000, 1, 24, 0, 0, 0, 0, 0, 0),
], ids=["gif-65535x65535", "bmp-60000x60000"])
def test_gif_and_bmp_floods_never_reach_a_decoder(data):
    error = refused(data, UnsupportedType, within=5)
    assert "GIF" in error.message or "BMP" in error.message


# --- C2 format spoofing ----------------------------------------------------------------------------------

def _fits() -> bytes:
    cards = [b"SIMPLE  =                    T", b"BITPIX  =                    8", b"NAXIS   =                    2",
             b"NAXIS1  =                   10", b"NAXIS2  =                   10", b"END"]
    header = b"".join(card.ljust(80) for card in cards).ljust(2880)
    return header + bytes(100).ljust(2880, b"\0")


def _psd() -> bytes:
    return (b"8BPS" + struct.pack(">H6sHIIHH", 1, b"", 1, 10, 10, 8, 1) + struct.pack(">III", 0, 0, 0)
            + struct.pack(">H", 0) + bytes(100))


SMALL = Image.new("L", (64, 64), 255)
SPOOFS = {
    # name: (builds the bytes, the format Pillow alone would open it as, or None where Pillow has no reader)
    "eps": (lambda: saved(SMALL, "EPS"), "EPS"),
    "eps-dos-header": (lambda: b"\xc5\xd0\xd3\xc6" + struct.pack("<IIIIII", 30, 100, 0, 0, 0, 0) + b"\xff\xff"
                       + saved(SMALL, "EPS"), None),
    "psd": (_psd, "PSD"),
    "fits": (_fits, "FITS"),
    "jpeg2000": (lambda: saved(SMALL, "JPEG2000"), "JPEG2000"),
    "jpeg2000-codestream": (lambda: saved(SMALL, "JPEG2000", no_jp2=True), "JPEG2000"),
    "webp": (lambda: saved(SMALL, "WEBP"), "WEBP"),
    "bmp": (lambda: saved(SMALL, "BMP"), "BMP"),
    "gif": (lambda: saved(SMALL, "GIF"), "GIF"),
    "svg": (lambda: b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="60000" '
                    b'height="60000"><text>UPOWAZNIENIE</text></svg>', None),
    "html": (lambda: b"\xef\xbb\xbf\n  <!DOCTYPE html><html><body><h1>UPOWA\xc5\xbbNIENIE</h1></body></html>", None),
    "windows-pe": (lambda: b"MZ\x90\x00" + bytes(56) + b"PE\x00\x00" + bytes(200), None),
    "elf": (lambda: Path("/bin/true").read_bytes(), None),
}


@pytest.mark.parametrize("case", SPOOFS)
def test_spoofed_format_is_refused_by_its_magic_bytes(case):
    build, pillow_format = SPOOFS[case]
    data = build()
    if pillow_format:   # the spoof is real: Pillow alone would have opened it
        assert Image.open(io.BytesIO(data)).format == pillow_format
    with pytest.raises(UnsupportedType):
        sniff.sniff(data)
    for name in ("letter.png", "letter.pdf", "skan.jpg"):   # the name is never looked at
        result = checked(data, name)
        assert result.error.code == "unsupported_type", result


def test_only_png_jpeg_and_tiff_decoders_are_ever_tried():
    tried = {fmt for formats in images._FORMATS.values() for fmt in formats}
    assert tried == {"PNG", "JPEG", "TIFF"}
    assert set(sniff.READABLE) == {"pdf", "png", "jpeg", "tiff"}


def test_eps_never_reaches_ghostscript(tmp_path, monkeypatch):
    log = tmp_path / "gs-calls"
    fake = tmp_path / "bin" / "gs"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" >> {log}\nexit 0\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(EpsImagePlugin, "gs_binary", None)   # make Pillow look for gs again
    eps = saved(SMALL, "EPS")
    # The trap works: Pillow, left to itself, hands this file to Ghostscript.
    with pytest.raises(Exception):
        Image.open(io.BytesIO(eps)).load()
    assert log.exists()
    log.unlink()
    monkeypatch.setattr(EpsImagePlugin, "gs_binary", None)
    # Our intake never does, whatever type the file claims to be.
    for filetype in ("png", "jpeg", "tiff"):
        with pytest.raises(CorruptFile):
            decode_pages(eps, filetype, Limits())
    with pytest.raises(UnsupportedType):
        read_document(eps, Limits())
    assert not log.exists()


# --- C3 corrupt or truncated files ------------------------------------------------------------------------

DAMAGES = {
    "half": lambda data: data[:len(data) // 2],
    "header-only": lambda data: data[:64],
    "zero-tail": lambda data: data[:len(data) // 2] + bytes(len(data) - len(data) // 2),
}


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("sample", ["0004.png", "0007.jpg", "0005.tif", "0003.tif", "0001.pdf"])
def test_damaged_file_of_each_accepted_type_is_refused_as_corrupt(sample, damage):
    data = DAMAGES[damage]((SAMPLES / sample).read_bytes())
    error = refused(data, CorruptFile, within=10)
    assert error.code == "corrupt"


def test_a_zero_padded_jpeg_is_not_taken_for_a_whole_one():
    # libjpeg decodes zeros as image data without a word; only the missing end marker gives it away.
    data = (SAMPLES / "0007.jpg").read_bytes()
    padded = data[:len(data) // 2] + bytes(len(data) - len(data) // 2)
    assert "ucięty" in refused(padded, CorruptFile).message
    assert read(data + b"\xff\xda trailer after the image: a phone's extra data" * 20).page_count == 1


def _tiff_first_ifd_beyond_the_end() -> bytes:
    data = bytearray((SAMPLES / "0005.tif").read_bytes())
    data[4:8] = struct.pack("<I" if data[:2] == b"II" else ">I", 10**8)
    return bytes(data)


def _png_bad_header_crc() -> bytes:
    data = bytearray((SAMPLES / "0004.png").read_bytes())
    data[29] ^= 1
    return bytes(data)


@pytest.mark.parametrize("build", [
    _png_bad_header_crc,
    lambda: png(0, 0),
    lambda: b"\xff\xd8\xff" + bytes(range(256)) * 10,
    _tiff_first_ifd_beyond_the_end,
    lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40,
], ids=["png-bad-header-crc", "png-0x0", "jpeg-garbage-after-start", "tiff-directory-beyond-end", "pdf-garbage"])
def test_broken_structure_is_refused_as_corrupt(build):
    refused(build(), CorruptFile, within=10)


def test_truncated_images_are_never_loaded_leniently():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    for path in (ROOT / "intake").glob("*.py"):
        assert "LOAD_TRUNCATED_IMAGES" not in path.read_text(), path


def test_tiff_whose_page_directories_loop_is_read_once():
    data = bytearray((SAMPLES / "0005.tif").read_bytes())
    order = "<" if data[:2] == b"II" else ">"
    (first,) = tiff_ifds(bytes(data))
    count = struct.unpack(order + "H", data[first:first + 2])[0]
    data[first + 2 + 12 * count:first + 6 + 12 * count] = struct.pack(order + "I", first)   # next IFD: itself
    started = time.monotonic()
    pages, count = run_isolated(decode_pages, bytes(data), "tiff", LIMITS, limits=LIMITS)
    assert count == 1 and len(pages) == 1
    assert time.monotonic() - started < 5


# --- C4 decompression bombs -----------------------------------------------------------------------------

def test_nested_flate_bomb_is_stopped_by_the_memory_cap_permanently():
    data = flate_bomb_pdf(gib=16, layers=3)
    assert len(data) < 4096                                   # a few hundred bytes that inflate to 16 GiB
    limits = Limits(memory_bytes=GIB, file_timeout_s=20)
    before = peak_rss_mb()
    started = time.monotonic()
    result = checked(data, "upowaznienie.pdf", limits)
    assert time.monotonic() - started < limits.file_timeout_s
    assert result.error.code in ("resource_limit", "too_large"), result.error
    assert result.error.treatment == "reject"          # permanent: no retry storm
    assert peak_rss_mb() - before < 64                        # the bomb went off in the child


def test_corrupt_flate_stream_that_pdfminer_would_recover_byte_by_byte_is_stopped():
    data = bytearray(zeros_deflated(1))
    data[len(data) // 2] ^= 0x55
    refused(one_page(bytes(data), b"/Filter /FlateDecode"), (ResourceLimit, TooLarge, CorruptFile), within=20)


def test_image_claiming_ten_gigapixels_inside_a_pdf_stays_bounded():
    image = stream(zlib.compress(zlib.compress(zeros_deflated(16), 9), 9),
                   b"/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /BitsPerComponent 8 "
                   b"/ColorSpace /DeviceRGB /Filter [/FlateDecode /FlateDecode /FlateDecode]")
    data = one_page(b"q 595 0 0 842 0 0 cm /Im1 Do Q", resources=b"/XObject << /Im1 6 0 R >>", more=[image])
    refused(data, within=20)


@pytest.mark.parametrize("kind, prefix", [(b"zTXt", b"Comment\x00\x00"), (b"iCCP", b"icc\x00\x00"),
                                          (b"iTXt", b"Comment\x00\x01\x00\x00\x00")])
def test_png_text_chunk_bomb_is_refused(kind, prefix):
    data = saved(SMALL, "PNG")
    bomb = data[:33] + png_chunk(kind, prefix + zeros_deflated(1)) + data[33:]
    refused(bomb, within=10)


# --- C5 cycles and recursion -----------------------------------------------------------------------------

def _form_chain(depth: int) -> bytes:
    forms = [form(b"/X Do", b"/Resources << /XObject << /X %d 0 R >> >>" % (7 + k)) for k in range(depth - 1)]
    forms.append(form(b"0 0 1 1 re f"))
    return one_page(TEXT + b"/X Do", resources=b"/XObject << /X 6 0 R >>", more=forms)


def _trailer_prev_to_itself() -> bytes:
    data = one_page(TEXT)
    xref = int(data[data.rindex(b"startxref") + 10:].split(b"\n")[0])
    return data.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % xref)


CYCLES = {
    "form-draws-itself": lambda: one_page(TEXT + b"/X Do", resources=b"/XObject << /X 6 0 R >>",
                                          more=[form(b"/X Do", b"/Resources << /XObject << /X 6 0 R >> >>")]),
    "two-forms-draw-each-other": lambda: one_page(
        TEXT + b"/X Do", resources=b"/XObject << /X 6 0 R >>",
        more=[form(b"/Y Do", b"/Resources << /XObject << /Y 7 0 R >> >>"),
              form(b"/X Do", b"/Resources << /XObject << /X 6 0 R >> >>")]),
    "form-draws-itself-through-page-resources": lambda: one_page(
        TEXT + b"/X Do", resources=b"/XObject << /X 6 0 R >>", more=[form(b"/X Do")]),
    "kids-point-back-to-the-parent": lambda: pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]),
    "pages-nodes-in-a-ring": lambda: pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"]),
    "trailer-prev-to-itself": _trailer_prev_to_itself,
    "forms-nested-3000-deep": lambda: _form_chain(3000),
}


@pytest.mark.parametrize("case", CYCLES)
def test_pdf_cycle_or_runaway_recursion_is_refused(case):
    error = refused(CYCLES[case](), CorruptFile, within=10)
    assert "zapętl" in error.message, error.message


def test_forms_sharing_one_resource_dictionary_are_not_taken_for_a_cycle():
    # Some producers give every form the page's own resources: that alone is no cycle.
    shared = b"/Resources 8 0 R"
    data = pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s >>" % shared,
                stream(b"/A Do"), FONT,
                form(b"/B Do", shared), form(TEXT, shared),
                b"<< /Font << /F1 5 0 R >> /XObject << /A 6 0 R /B 7 0 R >> >>"])
    document = read(data)
    assert "UPOWAZNIENIE" in document.pages[0].text


# --- C6 hangs and runaways -------------------------------------------------------------------------------

def _object_that_is_a_reference_to_itself() -> bytes:
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 5 0 R >>",
                stream(TEXT), b"5 0 R"])


def _forms_that_multiply(depth: int = 24) -> bytes:
    # Each form draws the next one twice: 2**24 form invocations from a file of a few KB.
    forms = [form(b"/X Do /X Do", b"/Resources << /XObject << /X %d 0 R >> >>" % (7 + k)) for k in range(depth - 1)]
    forms.append(form(b"0 0 1 1 re f"))
    return one_page(TEXT + b"/X Do", resources=b"/XObject << /X 6 0 R >>", more=forms)


def _heavy_but_legal_page() -> bytes:
    return one_page(zlib.compress(b"0 0 m 500 800 l S\n" * 3_000_000, 9), b"/Filter /FlateDecode")


def test_forms_that_multiply_are_refused_before_anything_expands_them():
    """Each form draws the next one twice, 24 deep: 16 million draws from a few KB. Counted, not drawn."""
    data = _forms_that_multiply()
    started = time.monotonic()
    error = refused(data, TooLarge, limits=Limits(memory_bytes=2 * GIB, file_timeout_s=20), within=20)
    assert "mnożące się formularze" in error.message and time.monotonic() - started < 5
    assert eventually(lambda: not sandbox_children())


@pytest.mark.parametrize("build", [_object_that_is_a_reference_to_itself, _heavy_but_legal_page],
                         ids=["endless-reference-loop", "three-million-strokes"])
def test_a_file_that_does_not_finish_is_killed_at_the_time_limit(build):
    data = build()
    assert len(data) < 200_000
    limits = Limits(memory_bytes=2 * GIB, file_timeout_s=2)
    error = refused(data, ReadTimeout, limits=limits, within=4)
    assert error.code == "timeout"
    assert eventually(lambda: not sandbox_children())


@pytest.mark.parametrize("function, args", [(time.sleep, (60,)), (select.select, ([], [], [], 60))],
                         ids=["time.sleep", "select.select"])
def test_a_call_blocked_in_a_syscall_is_killed_at_the_time_limit(function, args):
    started = time.monotonic()
    with pytest.raises(ReadTimeout) as caught:
        run_isolated(function, *args, limits=Limits(file_timeout_s=2))
    assert time.monotonic() - started < 3.5
    assert_rejection(caught.value)
    assert eventually(lambda: not sandbox_children())


def test_a_program_started_by_the_reader_dies_with_it():
    # As tesseract would be: a grandchild in the sandbox's process group.
    marker = b"4242.123"
    with pytest.raises(ReadTimeout):
        run_isolated(subprocess.run, ["sleep", marker.decode()], limits=Limits(file_timeout_s=1))
    assert eventually(lambda: not processes_running(marker))
    assert eventually(lambda: not sandbox_children())


# --- C7 encrypted PDFs -----------------------------------------------------------------------------------

def test_pdf_with_a_user_password_is_refused_with_send_without_password(tmp_path):
    path = letter_pdf(tmp_path / "zaszyfrowany.pdf", encrypt=pdfencrypt.StandardEncryption("tajne", ownerPassword="x"))
    error = refused(path.read_bytes(), Encrypted, within=10)
    assert error.code == "encrypted"
    assert "bez hasła" in error.message and "nie są zgadywane" in error.message


def test_pdf_with_an_unsupported_security_handler_is_refused_as_encrypted(tmp_path):
    path = letter_pdf(tmp_path / "pubsec.pdf", encrypt=pdfencrypt.StandardEncryption("", ownerPassword="x"))
    data = path.read_bytes().replace(b"/Filter /Standard", b"/Filter /PubSecXX")   # same length: xref holds
    error = refused(data, Encrypted, within=10)
    assert "bez hasła" in error.message


@pytest.mark.parametrize("hide_the_name", [False, True], ids=["plain", "escaped-encrypt-name"])
def test_owner_password_only_is_read_normally_and_flagged(tmp_path, hide_the_name):
    path = letter_pdf(tmp_path / "owner.pdf",
                      encrypt=pdfencrypt.StandardEncryption("", ownerPassword="x", canPrint=0, canCopy=0))
    data = path.read_bytes()
    if hide_the_name:   # /Encr#79pt is the same name to a PDF reader, and invisible to a byte search
        data = data.replace(b"/Encrypt ", b"/Encr#79pt ")
        assert b"/Encrypt" not in data
    document = read(data)
    assert "encrypted" in document.flags
    assert "NIP" in document.pages[0].text


# --- C8 size, page and render bombs ----------------------------------------------------------------------

def _pages(count: int, shared: bool) -> bytes:
    kids = b" ".join(b"3 0 R" if shared else b"%d 0 R" % (3 + i) for i in range(count))
    page = b"<< /Type /Page /Parent 2 0 R >>"
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 595 842] >>" % (kids, count),
                *([page] if shared else [page] * count)])


@pytest.mark.parametrize("shared", [False, True], ids=["distinct-pages", "one-page-listed-10000-times"])
def test_ten_thousand_pages_are_refused_before_any_is_rendered(shared):
    data = _pages(10_000, shared)
    assert len(data) < 1_000_000
    error = refused(data, TooManyPages, within=3)
    assert "10000 stron" in error.message


def test_an_oversized_attachment_is_refused_before_it_is_read():
    data = b"%PDF-1.7\n" + bytes(30 * 2**20)
    started = time.monotonic()
    result = checked(data, "duzy.pdf", Limits())
    assert result.error.code == "too_large"
    assert time.monotonic() - started < 2


A0 = b"[0 0 2384 3370]"


def test_an_a0_page_at_600_dpi_is_rendered_within_the_pixel_cap():
    data = one_page(b"BT /F1 90 Tf 150 3000 Td (UPOWAZNIENIE do usuniecia MFA) Tj ET", mediabox=A0)
    small = Limits(render_dpi=600, max_pixels=4_000_000)
    document = open_pdf(data, small)
    try:
        bitmap = render_page(document, 0, small)
    finally:
        document.close()
    assert bitmap.shape[0] * bitmap.shape[1] <= small.max_pixels
    assert max(bitmap.shape[:2]) <= small.max_side
    full = Limits(memory_bytes=2 * GIB, file_timeout_s=60, render_dpi=600)
    assert "UPOWAZNIENIE" in read(data, full).pages[0].text


def test_a_page_as_thin_as_a_needle_is_refused():
    data = one_page(TEXT, mediabox=b"[0 0 3 14400000]")
    assert "nietypowe wymiary" in refused(data, TooLarge, within=10).message


# --- C11 archives ----------------------------------------------------------------------------------------

def _encrypted_zip() -> bytes:
    data = bytearray(zipped({"upowaznienie.pdf": b"%PDF-1.7\n" * 100}))
    data[6] |= 1                                   # local header: general purpose flag, bit 0 = encrypted
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 1
    return bytes(data)


def _symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        entry = zipfile.ZipInfo("upowaznienie.pdf")
        entry.create_system = 3
        entry.external_attr = 0o120777 << 16      # a symbolic link
        archive.writestr(entry, "/etc/passwd")
    return buffer.getvalue()


def _tar() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        entry = tarfile.TarInfo("../../upowaznienie.pdf")
        entry.size = 9
        archive.addfile(entry, io.BytesIO(b"%PDF-1.7\n"))
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.7\n%%EOF\n"
ARCHIVES = {
    "zip-bomb": lambda: zipped({"upowaznienie.pdf": bytes(100 * 2**20)}),
    "zip-slip": lambda: zipped({"../../etc/cron.d/x": PDF_BYTES, "/tmp/abs.pdf": PDF_BYTES,
                                "..\\..\\x.pdf": PDF_BYTES}),
    "zip-symlink": _symlink_zip,
    "zip-encrypted": _encrypted_zip,
    "zip-nested": lambda: zipped({"a.zip": zipped({"b.zip": zipped({"upowaznienie.pdf": PDF_BYTES})})}),
    "zip-10000-entries": lambda: zipped({f"{i}.pdf": b"" for i in range(10_000)}, zipfile.ZIP_STORED),
    "zip-empty": lambda: b"PK\x05\x06" + bytes(18),
    "zip-named-%PDF": lambda: zipped({"%PDF-1.7.pdf": PDF_BYTES}),
    "gzip": lambda: gzip.compress(PDF_BYTES),
    "bzip2": lambda: bz2.compress(PDF_BYTES),
    "xz": lambda: lzma.compress(PDF_BYTES),
    "7z": lambda: b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(100),
    "rar": lambda: b"Rar!\x1a\x07\x01\x00" + bytes(100),
    "tar": _tar,
}


@pytest.mark.parametrize("case", ARCHIVES)
def test_archive_is_refused_without_being_opened(case, monkeypatch):
    data = ARCHIVES[case]()

    def never(*args, **kwargs):
        raise AssertionError("an archive was opened")
    for module, name in ((zipfile, "ZipFile"), (tarfile, "open"), (gzip, "decompress"), (bz2, "decompress"),
                         (lzma, "decompress")):
        monkeypatch.setattr(module, name, never)
    started = time.monotonic()
    with pytest.raises(ArchiveRejected) as caught:
        read_document(data, Limits())   # in this process: the refusal comes from the first bytes alone
    assert time.monotonic() - started < 0.5
    assert caught.value.code == "archive"
    assert_rejection(caught.value)


def test_archive_rejection_reaches_the_result():
    result = checked(ARCHIVES["zip-bomb"](), "upowaznienie.pdf")
    assert result.error.code == "archive"
    assert "Archiwa" in result.error.message


# --- D1 hostile MIME, parsed in the sandbox ---------------------------------------------------------------

def _part(headers: bytes, body: bytes = b"%PDF-1.7\r\n") -> bytes:
    return headers + b"\r\n\r\n" + body


def _comments(size: int) -> bytes:
    return b"(a)" * (size // 3)


MAILS = {
    # name: (raw mail, what it must end in, seconds it may take)
    "ten-thousand-parts": (lambda: multipart([_part(b"Content-Type: text/plain", b"x")] * 10_000),
                           MailTooComplex, 2),
    "nesting-3000-deep": (lambda: nested_mail(3000), MailTooComplex, 2),
    "semicolon-stuffing": (lambda: mail_with(b"Content-Type: text/plain" + b";" * 100_000), MailTooComplex, 2),
    "semicolons-folded-over-lines": (
        lambda: mail_with(b"Content-Type: text/plain" + b";\r\n ".join([b";" * 70] * 1500)), MailTooComplex, 2),
    "semicolons-with-bare-cr-folding": (
        lambda: mail_with(b"Content-Type: text/plain" + b";\r ".join([b";" * 70] * 1500)), MailTooComplex, 2),
    "very-long-from": (lambda: mail_with(body=b"x").replace(
        b"From: jan@example-serwis.pl", b"From: a" + b"." * 200_000 + b" <jan@example-serwis.pl>"), MailTooComplex, 2),
    "very-long-subject": (lambda: mail_with().replace(b"Subject: x", b"Subject: " + b"=?utf-8?q?a?= " * 20_000),
                          MailTooComplex, 2),
    "comments-nested-2000-deep": (lambda: mail_with().replace(b"From: ", b"From: " + b"(" * 2000), MailTooComplex, 2),
    "comments-in-parameters-of-many-parts": (
        lambda: multipart([_part(b"Content-Type: application/pdf; name=" + _comments(2000)
                                 + b"\r\nContent-Disposition: attachment; filename=" + _comments(2000))] * 40),
        MailTooComplex, 2),
    "parameter-parsing-at-the-budget": (     # the slowest the caps allow: parsed, well inside the time limit
        lambda: multipart([_part(b"Content-Type: application/pdf; name=" + _comments(2000)
                                 + b"\r\nContent-Disposition: inline")] * 7), ParsedMail, 5),
    "bpo-37461-get-parameter-loop": (lambda: mail_with(b"Content-Type: text/plain; r*=\"'a'\\\""), ParsedMail, 2),
    "a-hundred-thousand-header-lines": (lambda: mail_with(*[b"X-Spam: %d" % i for i in range(100_000)]), ParsedMail, 5),
}


@pytest.mark.parametrize("case", MAILS)
def test_hostile_mail_parses_within_bounds_in_the_sandbox(case):
    build, expected, seconds = MAILS[case]
    raw = build()
    started = time.monotonic()
    try:
        outcome = run_isolated(parse_mail, raw, MailLimits(), limits=MAIL_SANDBOX)
    except IntakeError as error:
        outcome = error
        assert_rejection(error)
    elapsed = time.monotonic() - started
    assert isinstance(outcome, expected), outcome
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert elapsed < MAIL_SANDBOX.file_timeout_s + 1


def test_deeply_nested_header_comments_are_a_clean_rejection_even_outside_the_sandbox():
    with pytest.raises(MailTooComplex):
        parse_mail(mail_with().replace(b"From: ", b"From: " + b"(" * 2000), MailLimits())
    with pytest.raises(MailTooComplex):
        parse_mail(mail_with().replace(b"Message-ID: ", b"Message-ID: " + b"(" * 2000), MailLimits())


def test_headers_of_ordinary_size_are_not_refused():
    message = EmailMessage()
    message["From"] = "Jan Kowalski <jan@example-serwis.pl>"
    message["Subject"] = "Upoważnienie – " + "usunięcie MFA " * 20
    message.set_content("W załączniku.")
    for number in range(20):
        message.add_attachment(b"%PDF-1.7\n", maintype="application", subtype="pdf",
                               filename=f"Upoważnienie do usunięcia zabezpieczeń konta nr {number} – Łódź.pdf")
    parsed = parse_mail(message.as_bytes(), MailLimits())
    assert len(parsed.attachments) == 5 and len(parsed.skipped) == 15


# --- D4 hostile attachment names, through the sandbox -----------------------------------------------------

def test_hostile_attachment_names_come_out_of_the_sandbox_as_display_text_only():
    message = EmailMessage()
    message["From"] = "jan@example-serwis.pl"
    message["Subject"] = "Upoważnienie"
    message.set_content("W załączniku.")
    png_bytes = saved(SMALL, "PNG")
    hostile = {
        "faktura\u202egpj.exe": b"%PDF-1.7\n1",
        "ska\x00n.pdf": b"%PDF-1.7\n2",
        "a" * 1000 + ".pdf": b"%PDF-1.7\n3",
        "../../etc/cron.d/x.pdf": b"%PDF-1.7\n4",
        "skan.pdf": png_bytes,                      # declared application/pdf, really a PNG
    }
    for name, data in hostile.items():
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    parsed = run_isolated(parse_mail, message.as_bytes(), MailLimits(), limits=MAIL_SANDBOX)
    names = [a.name for a in parsed.attachments]
    assert names[0] == "fakturagpj.exe"
    assert names[1] == "skan.pdf"
    assert len(names[2]) == 120 and names[2].endswith(".pdf")
    assert names[3] == "_.._etc_cron.d_x.pdf"
    for name in names:
        assert "/" not in name and "\\" not in name and "\x00" not in name and "\u202e" not in name
    assert [a.data for a in parsed.attachments] == list(hostile.values())
    assert parsed.attachments[4].declared_type == "application/pdf"
    assert sniff.sniff(parsed.attachments[4].data) == "png"   # the type comes from the bytes


# --- one job per file: the next file is still read --------------------------------------------------------

def test_after_each_hostile_file_the_next_file_is_still_read(tmp_path):
    tight = Limits(memory_bytes=GIB, file_timeout_s=3)
    hostile = [
        ("bomba.pdf", flate_bomb_pdf(), ("resource_limit", "too_large")),
        ("petla.pdf", _object_that_is_a_reference_to_itself(), ("timeout",)),
        ("cykl.pdf", CYCLES["form-draws-itself"](), ("corrupt",)),
        ("zalew.png", png(60000, 60000), ("too_large",)),
        ("archiwum.pdf", ARCHIVES["zip-nested"](), ("archive",)),
        ("program.png", SPOOFS["windows-pe"][0](), ("unsupported_type",)),
    ]
    for name, data, codes in hostile:
        result = checked(data, name, tight)
        assert result.error.code in codes, (name, result.error)
    good = letter_pdf(tmp_path / "dobry.pdf").read_bytes()
    result, document = check_data(good, "dobry.pdf", Settings(), TODAY)
    assert result.error is None and document is not None
    assert result.kind == "mfa_removal" and result.fields["nip"] == "1578308628"
    assert eventually(lambda: not sandbox_children())
