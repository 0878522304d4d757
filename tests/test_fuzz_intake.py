"""Bounded fuzzing of intake with Hypothesis (THREATS C and D1).

Random bytes and mutated real letters go through `sniff`, the sandboxed decoders and the sandboxed
reader; mutated raw mail goes through `parse_mail`. Whatever comes in, the answer is a result or an
IntakeError (with treatment "reject"), never another exception. The runs are derandomized (the same
examples every time, no example database) and small enough for CI: the whole file takes well under
a minute on two cores.
"""
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from intake import read as intake_read
from intake.errors import IntakeError
from intake.images import decode_pages
from intake.limits import Limits
from intake.mime import MailLimits, ParsedMail, parse_mail
from intake.pages import Document
from intake.read import read_document
from intake.sandbox import run_isolated
from intake.sniff import READABLE, sniff

pytestmark = pytest.mark.hostile

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "letters"
FILES = {path.name: path.read_bytes() for path in sorted(SAMPLES.iterdir())
         if path.suffix in (".pdf", ".png", ".jpg", ".tif")}
# One of each kind keeps the mutated inputs varied without paying for every letter.
POOL = [FILES[name] for name in ("0001.pdf", "0006.pdf", "0004.png", "0007.jpg", "0003.tif", "0005.tif")]
MAGICS = [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"II*\x00", b"MM\x00*"]

# Small renders keep the decode-only runs cheap; the full reader gets the ordinary resolution.
DECODE = Limits(render_dpi=40, memory_bytes=1 << 30, file_timeout_s=10)
READ = Limits(memory_bytes=1 << 30, file_timeout_s=6)

FUZZ = dict(derandomize=True, database=None, deadline=None, print_blob=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])

INSERTS = [b"\x00", b"\xff", b"\xff\xd9", b"\xff\xda", b"obj", b"endobj", b"stream\n", b"endstream", b"R ", b"<<",
           b">>", b"[", b"(", b"/Filter /FlateDecode", b"%%EOF", b"xref", b"IEND", b"IDAT", b"\x7f\xff\xff\xff"]


@st.composite
def mutated(draw, pool: list[bytes], inserts: list[bytes], keep: int = 0) -> bytes:
    """A sample with a few flips, cuts, insertions, overwrites or duplications; half of them land in the
    first 2 KB, where the headers and the parsers' decisions are. The first `keep` bytes (the magic) stay,
    so that most inputs get past the type check and into a parser."""
    data = bytearray(draw(st.sampled_from(pool)))
    for _ in range(draw(st.integers(1, 4))):
        span = min(len(data), 2048) if draw(st.booleans()) else len(data)
        at = draw(st.integers(min(keep, span - 1), max(0, span - 1)))
        operation = draw(st.sampled_from(["flip", "truncate", "insert", "overwrite", "duplicate", "delete"]))
        if operation == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif operation == "truncate":
            del data[max(keep + 1, at):]
        elif operation == "insert":
            data[at:at] = draw(st.sampled_from(inserts) | st.binary(min_size=1, max_size=64))
        elif operation == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=64))
            data[at:at + len(chunk)] = chunk
        elif operation == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 4096))]
        elif operation == "delete":
            del data[at:at + draw(st.integers(1, 512))]
    return bytes(data)


def behind_a_magic() -> st.SearchStrategy[bytes]:
    return st.builds(lambda magic, rest: magic + rest, st.sampled_from(MAGICS), st.binary(max_size=4096))


def assert_clean(error: IntakeError) -> None:
    assert error.treatment == "reject", error
    assert error.code and error.message


# --- files --------------------------------------------------------------------------------------------

@settings(max_examples=1000, **FUZZ)
@given(st.binary(max_size=2048) | behind_a_magic() | mutated(POOL, INSERTS) | mutated(POOL, INSERTS, keep=8))
def test_sniff_names_a_readable_type_or_refuses(data):
    try:
        assert sniff(data) in READABLE
    except IntakeError as error:
        assert_clean(error)


def _decode(data: bytes):
    """The parser stage alone (no OCR), in the sandbox: pdfium and pdfminer, or Pillow."""
    filetype = sniff(data)
    if filetype == "pdf":
        return run_isolated(intake_read._pdf_pages, data, DECODE, limits=DECODE)
    return run_isolated(decode_pages, data, filetype, DECODE, limits=DECODE)


@settings(max_examples=150, **FUZZ)
@given(mutated(POOL, INSERTS, keep=8) | behind_a_magic())
def test_decoders_return_pages_or_an_intake_error(data):
    try:
        images, count = _decode(data)[:2]
        assert len(images) == count <= DECODE.max_pages
    except IntakeError as error:
        assert_clean(error)


@settings(max_examples=25, **FUZZ)
@given(mutated(POOL, INSERTS, keep=8))
def test_the_sandboxed_reader_returns_a_document_or_an_intake_error(data):
    started = time.monotonic()
    try:
        document = run_isolated(read_document, data, READ, limits=READ)
        assert isinstance(document, Document) and document.pages
    except IntakeError as error:
        assert_clean(error)
    assert time.monotonic() - started < READ.file_timeout_s + 5


# --- mail ---------------------------------------------------------------------------------------------

MAIL_INSERTS = [b";", b";;;;;;;;", b"(", b"((((((((", b")", b'"', b"\\", b"=?utf-8?q?", b"=?utf-8?b?", b"?=",
                b"\r\n", b"\r\n ", b"\r", b"\n", b"\n\n", b"--", b"--sep", b"boundary=sep", b"*0*=", b"''",
                b"%C5%82", b"\x00", b"\xff", b"<", b">", b"@", b",",
                b"\r\nContent-Type: multipart/mixed; boundary=sep\r\n",
                b"\r\nContent-Disposition: attachment; filename*=utf-8''%E2%80%AE.pdf\r\n",
                b"\r\nContent-Transfer-Encoding: base64\r\n", b"\r\nFrom: eve@example.org\r\n"]
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60)


@st.composite
def raw_mail(draw) -> bytes:
    message = EmailMessage()
    try:
        message["From"] = draw(st.sampled_from(["Jan Kowalski <jan@example-serwis.pl>", "jan@example-serwis.pl",
                                                '"Kowalski, Jan" <jan@example-serwis.pl>']))
        message["Subject"] = draw(TEXT)
        message["Message-ID"] = "<letter-1@example-serwis.pl>"
        message.set_content(draw(TEXT))
        for _ in range(draw(st.integers(0, 3))):
            maintype, subtype = draw(st.sampled_from([("application", "pdf"), ("image", "jpeg"), ("image", "png"),
                                                      ("application", "octet-stream")]))
            message.add_attachment(draw(st.binary(max_size=300)), maintype=maintype, subtype=subtype,
                                   filename=draw(TEXT.filter(str.strip)))
        if message.is_multipart():
            message.set_boundary("=_odzysk_fuzz")   # the email package would draw one from `random`
        raw = message.as_bytes()
    except (ValueError, TypeError, IndexError):   # EmailMessage refuses some generated values: not our concern
        assume(False)
    return raw


@settings(max_examples=800, **FUZZ)
@given(st.data())
def test_parse_mail_returns_parsed_mail_or_an_intake_error(data):
    raw = data.draw(mutated([data.draw(raw_mail())], MAIL_INSERTS))
    started = time.monotonic()
    try:
        parsed = parse_mail(raw, MailLimits())
        assert isinstance(parsed, ParsedMail)
        for attachment in parsed.attachments:
            assert "/" not in attachment.name and "\\" not in attachment.name and "\x00" not in attachment.name
    except IntakeError as error:
        assert_clean(error)
    assert time.monotonic() - started < 5


@settings(max_examples=30, **FUZZ)
@given(st.data())
def test_parse_mail_in_the_sandbox_returns_parsed_mail_or_an_intake_error(data):
    raw = data.draw(mutated([data.draw(raw_mail())], MAIL_INSERTS))
    limits = Limits(file_timeout_s=5)
    try:
        assert isinstance(run_isolated(parse_mail, raw, MailLimits(), limits=limits), ParsedMail)
    except IntakeError as error:
        assert_clean(error)
