"""One raw e-mail into immutable values: its metadata and the attachments worth reading, within limits.

Hostile mail is expected (THREATS D1, D2, D4). The size is capped before parsing, a cheap count of
boundary lines stops a part bomb before the parser builds it, the headers that get parsed are capped in
length (the standard library parses them in quadratic time: `;;;;` stuffing, cpython #87075, #136063),
and the parsed tree is walked with caps on part count and nesting depth. Only the first
`max_attachments` attachments are kept; the rest are listed in `skipped` with the reason. Attachment
names are display text only (files are stored under their hash and typed by their bytes); the declared
MIME type is metadata, never trusted. The sender is metadata too: any ambiguity in the From header is
recorded in `sender_defects`, never resolved in the sender's favour.

Parsing should run in the sandbox (intake.sandbox.run_isolated): it is bounded here, but the standard
library's header parser has known slow paths.
"""
import email.errors
import email.policy
import email.utils
import inspect
import re
import unicodedata
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser

from .errors import IntakeError

MIB = 1024 * 1024
NAME_LIMIT = 120
HEADER_LIMIT = 998
_SLASHES = "/\\:\u2044\u2215\u29f8\u29f9\uff0f\uff3c\uff1a"
_UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}   # controls, bidi/zero-width, unassigned
_BOUNDARY = re.compile(rb'boundary\s*=\s*"?([^"\s;]{1,200})', re.IGNORECASE)
# The headers parse_mail (or the parser itself) takes apart with the structured header parser, with their
# folded continuation lines. Line ends are normalized to \n before the search.
_PARSED_HEADER = re.compile(rb"\n((from|subject|date|message-id|content-type|content-disposition|"
                            rb"content-transfer-encoding)[ \t]*:[^\n]*(?:\n[ \t][^\n]*)*)", re.IGNORECASE)
# Parameters of Content-Type and Content-Disposition: a long file name split by RFC 2231 takes a dozen.
_MAX_PARAMETERS = 40
_STRICT_PARSEADDR = "strict" in inspect.signature(email.utils.parseaddr).parameters
# What the standard library's parsers have raised on hostile input (instead of recording a defect).
# MemoryError and RecursionError are not among them: those belong to the sandbox and the depth cap.
_PARSER_FAULTS = (ValueError, TypeError, LookupError, AttributeError, AssertionError, email.errors.MessageError)


@dataclass(frozen=True)
class MailLimits:
    max_message_bytes: int = 25 * MIB
    max_parts: int = 50
    max_depth: int = 5
    max_attachments: int = 5
    max_attachment_bytes: int = 15 * MIB
    max_header_bytes: int = 2048     # per parsed header, folded lines included; real ones stay far below
    max_content_header_bytes: int = 16 * 1024   # all parts' Content-* headers together (~300 bytes a part)
    # Only Authentication-Results headers added by our own mail server (RFC 8601 section 5) are believed.
    trusted_authserv_id: str = ""


@dataclass(frozen=True)
class Attachment:
    name: str            # display only, sanitized: no path separators, controls or bidi marks; <= 120 chars
    declared_type: str   # the sender's Content-Type: metadata, the real type comes from the bytes
    data: bytes


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    sender: str                      # the single address when unambiguous, else the raw header (sanitized)
    sender_defects: tuple[str, ...]  # Polish; any entry makes the sender unverifiable
    subject: str
    date: str
    attachments: tuple[Attachment, ...]
    skipped: tuple[str, ...]         # Polish reasons for parts left out
    dmarc: str = ""                  # pass, fail, none... from our own server's Authentication-Results; "" unknown


class MailTooLarge(IntakeError):
    code = "mail_too_large"
    advice = ("Treść wiadomości nie została odczytana. Poproś nadawcę o nową wiadomość z samym skanem "
              "upoważnienia w mniejszym rozmiarze.")


class MailTooComplex(IntakeError):
    code = "mail_too_complex"
    advice = ("Wiadomość może być złośliwa i nie została przetworzona. Poproś nadawcę o nową wiadomość "
              "z samym skanem upoważnienia w załączniku (nie przekazaną dalej).")


class MailMalformed(IntakeError):
    code = "mail_malformed"
    advice = "Poproś nadawcę o ponowne wysłanie upoważnienia w nowej wiadomości."


def parse_mail(raw: bytes, limits: MailLimits) -> ParsedMail:
    """The metadata and attachments of one raw message; raises a MailTooLarge, MailTooComplex or
    MailMalformed (all IntakeError, treatment "reject") when the mail cannot be taken apart safely."""
    _check_before_parsing(raw, limits)
    try:
        message = _parse(raw)
        leaves = _leaf_parts(message, limits)
        sender, sender_defects = _sender(message)
        attachments, skipped = _attachments(leaves, limits)
        return ParsedMail(message_id=_header(message, "Message-ID"), sender=sender,
                          sender_defects=sender_defects, subject=_header(message, "Subject"),
                          date=_header(message, "Date"), attachments=attachments, skipped=skipped,
                          dmarc=_dmarc(message, limits.trusted_authserv_id))
    except RecursionError:   # e.g. thousands of nested comments in a header: (((((
        raise MailTooComplex("Nagłówki lub części wiadomości są zagnieżdżone zbyt głęboko.") from None


def _check_before_parsing(raw: bytes, limits: MailLimits) -> None:
    if len(raw) > limits.max_message_bytes:
        raise MailTooLarge(f"Wiadomość ma {_megabytes(len(raw))}, więcej niż limit "
                           f"{_megabytes(limits.max_message_bytes)}.")
    if not raw.strip():
        raise MailMalformed("Wiadomość jest pusta.")
    # Each part opens with a boundary line and each multipart closes with one: more than twice the cap
    # of such lines means too many parts, whatever the parser would make of them.
    boundaries = set(_BOUNDARY.findall(raw))
    if len(boundaries) > 2 * limits.max_parts:
        raise _too_many_parts(limits)
    if boundaries:
        pattern = re.compile(rb"^--(?:" + b"|".join(map(re.escape, boundaries)) + rb")", re.MULTILINE)
        if sum(1 for _ in pattern.finditer(raw)) > 2 * limits.max_parts:
            raise _too_many_parts(limits)
    _check_parsed_headers(raw, limits)


def _check_parsed_headers(raw: bytes, limits: MailLimits) -> None:
    """Cap what the structured header parser will see; its cost grows with the square of a header's
    length. Every part's Content-* headers are parsed several times, so they also share a budget."""
    text = b"\n" + raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    content_bytes = 0
    for match in _PARSED_HEADER.finditer(text):
        header, name = match.group(1), match.group(2).decode("ascii").title()
        if len(header) > limits.max_header_bytes:
            raise MailTooComplex(f"Nagłówek {name} ma {len(header)} bajtów, więcej niż limit "
                                 f"{limits.max_header_bytes}.")
        if name.startswith("Content-"):
            if header.count(b";") > _MAX_PARAMETERS:
                raise MailTooComplex(f"Nagłówek {name} ma więcej niż {_MAX_PARAMETERS} parametrów.")
            content_bytes += len(header)
            if content_bytes > limits.max_content_header_bytes:
                raise MailTooComplex(f"Nagłówki Content-* części wiadomości mają razem ponad "
                                     f"{limits.max_content_header_bytes} bajtów.")


def _parse(raw: bytes) -> Message:
    try:
        return BytesParser(policy=email.policy.default).parsebytes(raw)
    except RecursionError:
        raise MailTooComplex("Części wiadomości są zagnieżdżone zbyt głęboko.") from None
    except _PARSER_FAULTS as exc:
        raise MailMalformed(f"Nie udało się odczytać struktury wiadomości ({type(exc).__name__}).") from None


def _leaf_parts(message: Message, limits: MailLimits) -> list[Message]:
    """Every non-multipart part in document order; raises MailTooComplex over the part or depth cap."""
    leaves, stack, count = [], [(message, 0)], 0
    while stack:
        part, depth = stack.pop()
        count += 1
        if count > limits.max_parts:
            raise _too_many_parts(limits)
        if depth > limits.max_depth:
            raise MailTooComplex(f"Części wiadomości są zagnieżdżone zbyt głęboko "
                                 f"(ponad {limits.max_depth} poziomów).")
        if part.is_multipart():
            stack.extend((child, depth + 1) for child in reversed(part.get_payload()))
        else:
            leaves.append(part)
    return leaves


def _megabytes(size: int) -> str:
    return f"{size / MIB:.1f} MB".replace(".", ",")


def _too_many_parts(limits: MailLimits) -> MailTooComplex:
    return MailTooComplex(f"Wiadomość ma zbyt wiele części MIME (ponad {limits.max_parts}).")


def _attachments(leaves: list[Message], limits: MailLimits) -> tuple[tuple[Attachment, ...], tuple[str, ...]]:
    kept, skipped = [], []
    for part in leaves:
        try:
            outcome = _attachment(part, len(kept) + len(skipped) + 1, len(kept) < limits.max_attachments, limits)
        except _PARSER_FAULTS as exc:
            outcome = f"Pominięto część wiadomości, której nie da się odczytać ({type(exc).__name__})."
        if isinstance(outcome, Attachment):
            kept.append(outcome)
        elif outcome:
            skipped.append(outcome)
    return tuple(kept), tuple(skipped)


def _attachment(part: Message, number: int, room: bool, limits: MailLimits) -> Attachment | str | None:
    """The part as an Attachment, a Polish reason it was left out, or None when it is not an attachment."""
    if not _is_attachment(part):
        return None
    name = display_name(_filename(part), fallback=f"załącznik-{number}")
    if not room:
        return f"Pominięto załącznik „{name}”: wiadomość ma więcej niż {limits.max_attachments} załączników."
    data = part.get_payload(decode=True) or b""
    if len(data) > limits.max_attachment_bytes:
        return (f"Pominięto załącznik „{name}”: ma {_megabytes(len(data))}, więcej niż limit "
                f"{_megabytes(limits.max_attachment_bytes)}.")
    return Attachment(name=name, declared_type=_clean(part.get_content_type(), 200), data=data)


def _is_attachment(part: Message) -> bool:
    """A part with a file name or marked as attachment, or any PDF or image (phones send photos inline)."""
    content_type = part.get_content_type()
    return (bool(_filename(part)) or part.get_content_disposition() == "attachment"
            or content_type == "application/pdf" or content_type.startswith("image/"))


def _filename(part: Message) -> str:
    try:
        return part.get_filename() or ""
    except _PARSER_FAULTS:  # a hostile parameter must not stop the mail; the name is display only
        return ""


def display_name(name: str, fallback: str) -> str:
    """`name` made safe to show: NFC, no controls, bidi or zero-width marks, no path separators, no
    leading dots, at most NAME_LIMIT characters (the end, which holds the extension, is kept)."""
    text = "".join("_" if char in _SLASHES else char for char in _clean(name, None))
    text = text.strip().lstrip(". ")
    if not text:
        return fallback
    if len(text) > NAME_LIMIT:
        text = text[:NAME_LIMIT - 11] + "…" + text[-10:]
    return text


def _clean(text: str, limit: int | None) -> str:
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(char for char in text if unicodedata.category(char) not in _UNSAFE_CATEGORIES)
    return text if limit is None else text[:limit]


def _header(message: Message, name: str) -> str:
    """A header as display text; the raw value when the structured parser fails on it."""
    try:
        value = message.get(name)
    except _PARSER_FAULTS:  # header parser bugs on hostile input; fall back to the raw text
        value = next((raw for key, raw in message.raw_items() if key.lower() == name.lower()), None)
    return "" if value is None else _clean(str(value), HEADER_LIMIT).strip()


def _sender(message: Message) -> tuple[str, tuple[str, ...]]:
    """The sender address and the reasons it is ambiguous. Metadata only, never authorization."""
    raw_values = [value for key, value in message.raw_items() if key.lower() == "from"]
    if not raw_values:
        return "", ("Brak nagłówka From.",)
    raw = " ".join(raw_values[0].split())
    defects = ["Wiadomość ma kilka nagłówków From."] if len(raw_values) > 1 else []
    structured, header_defects = _structured_addresses(message)
    defects += header_defects
    defects += _parseaddr_defects(raw, structured)
    if len(structured) == 1 and not defects:
        return _clean(structured[0], HEADER_LIMIT), ()
    return _clean(raw, HEADER_LIMIT), tuple(dict.fromkeys(defects))


def _structured_addresses(message: Message) -> tuple[list[str], list[str]]:
    try:
        header = message["From"]
        addresses = [address.addr_spec for address in header.addresses]
        defects = [f"Wada nagłówka From: {defect}." for defect in header.defects]
    except _PARSER_FAULTS as exc:  # the header parser failed on it: unreadable, not fatal
        return [], [f"Nagłówka From nie da się odczytać ({type(exc).__name__})."]
    if len(addresses) != 1:
        defects.append(f"Nagłówek From nie zawiera dokładnie jednego adresu (znaleziono: {len(addresses)}).")
    return addresses, defects


def _parseaddr_defects(raw: str, structured: list[str]) -> list[str]:
    """Cross-checks that catch CVE-2023-27043 and CVE-2019-16056 also where parseaddr is not strict."""
    defects = []
    _, address = email.utils.parseaddr(raw, strict=True) if _STRICT_PARSEADDR else email.utils.parseaddr(raw)
    if not address:
        defects.append("Nagłówka From nie da się jednoznacznie odczytać.")
    elif address.count("@") != 1:
        defects.append(f"Adres nadawcy ma nieprawidłową liczbę znaków @ ({address.count('@')}).")
    elif structured and address.lower() != structured[0].lower():
        defects.append("Nagłówek From jest niejednoznaczny: różne parsery odczytują różne adresy.")
    found = [pair for pair in email.utils.getaddresses([raw]) if any(pair)]
    if len(found) > 1:
        defects.append(f"Nagłówek From daje się odczytać jako kilka adresów ({len(found)}).")
    return defects


def _dmarc(message: Message, authserv_id: str) -> str:
    """The DMARC result our own server recorded; results under any other authserv-id are the sender's
    word and are ignored (anyone can add such a header)."""
    if not authserv_id:
        return ""
    results = []
    for value in message.get_all("Authentication-Results") or []:
        text = str(value)[:2048]
        server = text.split(";", 1)[0].split()
        if server and server[0].casefold() == authserv_id.casefold():
            found = re.search(r"\bdmarc\s*=\s*([a-z]+)", text, re.IGNORECASE)
            if found:
                results.append(found.group(1).lower())
    # Our server adds its header on top; if there are several of ours, the worst counts.
    return "fail" if "fail" in results else (results[0] if results else "")
