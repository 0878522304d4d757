"""parse_mail against ordinary and hostile mail (THREATS D1, D2, D4)."""
import pickle
import unicodedata
import time
from email.message import EmailMessage, MIMEPart

import pytest

from intake.errors import IntakeError
from intake.mime import (Attachment, MailLimits, MailMalformed, MailTooComplex, MailTooLarge, ParsedMail,
                         display_name, parse_mail)

pytestmark = pytest.mark.hostile

LIMITS = MailLimits()
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def mail(sender="Jan Kowalski <jan@example-serwis.pl>", subject="Upoważnienie", body="W załączniku.") -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "odzysk@serwisant.online"
    message["Subject"] = subject
    message["Date"] = "Thu, 12 Nov 2026 10:00:00 +0100"
    message["Message-ID"] = "<letter-1@example-serwis.pl>"
    message.set_content(body)
    return message


def raw_with_from(value: str) -> bytes:
    """A mail whose From header is exactly `value`, which EmailMessage would refuse to set."""
    return f"From: {value}\r\nSubject: x\r\nMessage-ID: <x@y>\r\n\r\nbody\r\n".encode()


def nested(depth: int) -> bytes:
    body = b"Content-Type: text/plain\r\n\r\nleaf\r\n"
    for level in range(depth):
        boundary = f"level{level}".encode()
        body = (b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\r\n\r\n--' + boundary + b"\r\n"
                + body + b"\r\n--" + boundary + b"--\r\n")
    return b"From: jan@example.org\r\nMIME-Version: 1.0\r\n" + body


def test_a_normal_mail_with_a_pdf_attachment():
    message = mail()
    message.add_attachment(PDF, maintype="application", subtype="pdf", filename="upowaznienie.pdf")
    parsed = parse_mail(message.as_bytes(), LIMITS)
    assert parsed.attachments == (Attachment("upowaznienie.pdf", "application/pdf", PDF),)
    assert parsed.sender == "jan@example-serwis.pl"
    assert parsed.sender_defects == ()
    assert parsed.subject == "Upoważnienie"
    assert parsed.message_id == "<letter-1@example-serwis.pl>"
    assert parsed.date == "Thu, 12 Nov 2026 10:00:00 +0100"
    assert parsed.skipped == ()


def test_the_result_crosses_the_sandbox_pipe():
    message = mail()
    message.add_attachment(PDF, maintype="application", subtype="pdf", filename="a.pdf")
    parsed = parse_mail(message.as_bytes(), LIMITS)
    assert pickle.loads(pickle.dumps(parsed)) == parsed
    error = pickle.loads(pickle.dumps(MailTooLarge("Za duża.")))
    assert isinstance(error, MailTooLarge) and error.message.startswith("Za duża.")


def test_a_phone_mail_with_an_inline_jpeg_counts_it_as_an_attachment():
    message = mail(body="Wysłane z iPhone'a")
    message.add_related(JPEG, maintype="image", subtype="jpeg", cid="<photo1@phone>")
    parsed = parse_mail(message.as_bytes(), LIMITS)
    assert [(a.declared_type, a.data) for a in parsed.attachments] == [("image/jpeg", JPEG)]
    assert parsed.attachments[0].name == "załącznik-1"


def test_a_mail_without_attachments_has_none():
    parsed = parse_mail(mail().as_bytes(), LIMITS)
    assert parsed.attachments == () and parsed.skipped == ()
    assert isinstance(parsed, ParsedMail)


def test_the_declared_type_is_kept_only_as_metadata():
    message = mail()
    message.add_attachment(PNG, maintype="application", subtype="pdf", filename="skan.pdf")
    (attachment,) = parse_mail(message.as_bytes(), LIMITS).attachments
    assert attachment.declared_type == "application/pdf"
    assert attachment.data == PNG   # the bytes are untouched; intake.sniff tells the real type later


@pytest.mark.parametrize("hostile, expected", [
    ("../../etc/x.pdf", "_.._etc_x.pdf"),
    ("..\\..\\Windows\\x.pdf", "_.._Windows_x.pdf"),
    ("faktura\u202egpj.exe", "fakturagpj.exe"),
    ("skan\u2066\u200b.pdf", "skan.pdf"),
    ("ska\x00n.pdf", "skan.pdf"),
    ("a\x1b[31mb\t.pdf", "a[31mb.pdf"),
    ("C:evil.pdf", "C_evil.pdf"),
    ("\uff0e\uff0e\uff0fx.pdf", "．．_x.pdf"),
    ("...", "załącznik-1"),
])
def test_hostile_file_names_become_display_text(hostile, expected):
    message = mail()
    message.add_attachment(PDF, maintype="application", subtype="pdf", filename=hostile)
    (attachment,) = parse_mail(message.as_bytes(), LIMITS).attachments
    assert attachment.name == expected
    assert attachment.data == PDF


def test_a_thousand_character_name_is_cut_to_120_keeping_the_extension():
    message = mail()
    message.add_attachment(PDF, maintype="application", subtype="pdf", filename="a" * 1000 + ".pdf")
    (attachment,) = parse_mail(message.as_bytes(), LIMITS).attachments
    assert len(attachment.name) == 120
    assert attachment.name.endswith(".pdf")


def test_display_names_never_hold_separators_or_format_characters():
    dangerous = "/\\:\x00\x1b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\ufeff\u2028"
    name = display_name("x" + dangerous * 20 + ".pdf", fallback="f")
    assert not any(ch in "/\\:" or unicodedata.category(ch) in ("Cc", "Cf", "Zl") for ch in name)
    assert len(name) <= 120


def test_only_the_first_attachments_are_kept_and_the_rest_are_named():
    message = mail()
    for number in range(7):
        message.add_attachment(PDF, maintype="application", subtype="pdf", filename=f"{number}.pdf")
    parsed = parse_mail(message.as_bytes(), LIMITS)
    assert [a.name for a in parsed.attachments] == [f"{n}.pdf" for n in range(5)]
    assert len(parsed.skipped) == 2
    assert "5.pdf" in parsed.skipped[0] and "więcej niż 5 załączników" in parsed.skipped[0]


def test_an_attachment_over_its_cap_is_skipped_with_a_reason():
    message = mail()
    message.add_attachment(PDF + b"x" * 2000, maintype="application", subtype="pdf", filename="big.pdf")
    message.add_attachment(PDF, maintype="application", subtype="pdf", filename="small.pdf")
    parsed = parse_mail(message.as_bytes(), MailLimits(max_attachment_bytes=1000))
    assert [a.name for a in parsed.attachments] == ["small.pdf"]
    assert len(parsed.skipped) == 1 and "big.pdf" in parsed.skipped[0] and "limit" in parsed.skipped[0]


def test_ten_thousand_parts_are_refused_before_the_parser_builds_them():
    message = mail()
    message.make_mixed()
    part = MIMEPart()
    part.set_content(b"x", maintype="application", subtype="octet-stream", filename="x.bin")
    for _ in range(10_000):
        message.attach(part)
    raw = message.as_bytes()
    started = time.monotonic()
    with pytest.raises(MailTooComplex) as caught:
        parse_mail(raw, LIMITS)
    assert time.monotonic() - started < 1.0   # the full parse takes seconds; the boundary count does not
    assert "zbyt wiele części" in caught.value.message
    assert caught.value.treatment == "reject"


def test_the_part_cap_also_holds_when_the_boundary_count_does_not_catch_it():
    # 60 parts in a multipart whose boundary the quick count cannot see (RFC 2231 continuation)
    parts = b"".join(b"--sep\r\nContent-Type: text/plain\r\n\r\nx\r\n" for _ in range(60))
    raw = (b"From: jan@example.org\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed;\r\n"
           b" boundary*0=se; boundary*1=p\r\n\r\n" + parts + b"--sep--\r\n")
    with pytest.raises(MailTooComplex, match="zbyt wiele części"):
        parse_mail(raw, LIMITS)


def test_nesting_over_the_cap_is_refused():
    parse_mail(nested(LIMITS.max_depth), LIMITS)
    with pytest.raises(MailTooComplex, match="zagnieżdżone zbyt głęboko"):
        parse_mail(nested(LIMITS.max_depth + 1), LIMITS)


def test_nesting_deep_enough_to_exhaust_the_parser_is_refused_not_crashed():
    with pytest.raises(MailTooComplex):
        parse_mail(nested(3000), MailLimits(max_parts=10_000))


def test_a_message_over_the_size_cap_is_refused_before_parsing():
    message = mail()
    message.add_attachment(b"\x00" * 3000, maintype="application", subtype="pdf", filename="a.pdf")
    with pytest.raises(MailTooLarge) as caught:
        parse_mail(message.as_bytes(), MailLimits(max_message_bytes=2000))
    assert isinstance(caught.value, IntakeError)
    assert caught.value.treatment == "reject"
    assert "limit" in caught.value.message and "Poproś nadawcę" in caught.value.message


def test_an_empty_message_is_malformed():
    with pytest.raises(MailMalformed):
        parse_mail(b"\r\n\r\n", LIMITS)


@pytest.mark.parametrize("value", [
    "alice@example.org)<bob@example.org>",           # CVE-2023-27043
    "alice@example.org@evil.example",                 # CVE-2019-16056
    "bob@example.org, alice@example.org",
    "Jan <jan@example.org",
    "",
])
def test_an_ambiguous_sender_is_recorded_as_a_defect(value):
    parsed = parse_mail(raw_with_from(value), LIMITS)
    assert parsed.sender_defects, value
    assert parsed.sender == " ".join(value.split())   # shown as it came, never resolved to one address


def test_a_missing_from_header_is_a_defect():
    parsed = parse_mail(b"Subject: x\r\n\r\nbody\r\n", LIMITS)
    assert parsed.sender == "" and parsed.sender_defects == ("Brak nagłówka From.",)


def test_two_from_headers_are_a_defect():
    raw = b"From: jan@example.org\r\nFrom: eve@example.org\r\nSubject: x\r\n\r\nbody\r\n"
    assert "Wiadomość ma kilka nagłówków From." in parse_mail(raw, LIMITS).sender_defects


@pytest.mark.parametrize("value, address", [
    ('"Kowalski, Jan" <jan@example.org>', "jan@example.org"),
    ('"jan@example.org" <jan@example.org>', "jan@example.org"),
    ("=?utf-8?q?Pawe=C5=82?= <pawel@example.org>", "pawel@example.org"),
])
def test_an_ordinary_sender_has_no_defects(value, address):
    parsed = parse_mail(raw_with_from(value), LIMITS)
    assert (parsed.sender, parsed.sender_defects) == (address, ())


def test_control_characters_do_not_reach_the_subject():
    raw = b"From: jan@example.org\r\nSubject: =?utf-8?q?Upowa=C5=BCnienie=E2=80=AE=00x?=\r\n\r\nbody\r\n"
    assert parse_mail(raw, LIMITS).subject == "Upoważnieniex"
