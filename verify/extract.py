"""From lines of text to a Letter: every field, read from one source (OCR or a text layer)."""
import re
from dataclasses import replace

from rapidfuzz import fuzz

from .account import find_account
from .company import company_name, find_company
from .dates import find_date
from .fields import Field, Letter
from .kind_classifier import KindReading, classify
from .nip import OPERATOR_NIP, NipReading, find_nips, names_operator, registry_number
from .signers import find_signers, in_signature_area, signature_places, unread_signers
from .text import TextLine, fold


def extract(lines: list[TextLine], read_by: str = "ocr") -> Letter:
    kind = _request(lines)
    account = find_account(lines, kind.sentence)
    anchor = account.line if account else kind.sentence
    signers = find_signers(lines, anchor)
    names = tuple(s.name for s in signers)
    letter = Letter(kind.kind, kind.requested)
    letter = _with_nips(letter, find_nips(lines), read_by)
    if account:
        field = value_field(account.value, account.line, read_by)
        # A login read with a character lost before its digits is not a sure reading of any login.
        letter = replace(letter, account=replace(field, confidence=min(field.confidence, _BROKEN)) if account.broken
                         else field)
    letter = replace(letter, unread_signers=unread_signers(lines, anchor, signers))
    if signers:
        confidences = tuple(_share(s.sureness) for s in signers)
        # As sure as the least sure name: each one decides.
        letter = replace(letter, signers=Field(names, min(confidences), signers[0].line.page,
                                               _union([s.line.box for s in signers]), read_by),
                         signer_confidences=confidences)
    letter = _with_signature_places(letter, lines, anchor, signers)
    date = find_date(lines)
    if date:
        letter = replace(letter, date=_field(date.date.isoformat(), date.line, read_by))
        if date.city:
            letter = replace(letter, city=_field(date.city, date.line, read_by))
    krs = _krs_number(lines)
    if krs:
        letter = replace(letter, krs=_field(krs[0], krs[1], read_by))
    company = find_company(lines, kind.sentence)
    if company:
        letter = replace(letter, company=_field(company_name(company, list(names)), company, read_by))
    return letter


def _request(lines: list[TextLine]) -> KindReading:
    """What the letter asks for. Where pages ask for different things, the pages that carry the
    company's NIP or the account (the letter, not a cover note) decide; check_pages tells the operator."""
    kind = classify(lines)
    if len(kind.requested) < 2:
        return kind
    pages = {page for page in {l.page for l in lines} if letter_page(page, lines)}
    narrowed = classify([l for l in lines if l.page in pages])
    return narrowed if narrowed.kind != kind.kind and len(narrowed.requested) == 1 else kind


def letter_page(page: int, lines: list[TextLine]) -> bool:
    """A page that names the company's NIP or an account: part of the letter proper."""
    own = [l for l in lines if l.page == page]
    return find_account(own) is not None or any(r.digits != OPERATOR_NIP for r in find_nips(own))


def _with_signature_places(letter: Letter, lines: list[TextLine], anchor, signers) -> Letter:
    """Where the signatures belong: above the printed names; for names read in the header only, above
    the signature area's captions."""
    if signers and all(in_signature_area(s, anchor) for s in signers):
        return replace(letter, signer_boxes=tuple(s.place for s in signers), signature_page=signers[0].line.page)
    places = signature_places(lines, anchor)
    if places:
        return replace(letter, signer_boxes=tuple(p.box for p in places), signature_page=places[0].page)
    return letter


def _with_nips(letter: Letter, readings: list[NipReading], read_by: str) -> Letter:
    operator = [r for r in readings if r.digits == OPERATOR_NIP]
    own = [r for r in readings if r.digits != OPERATOR_NIP and not registry_number(r.line)]
    if operator:
        letter = replace(letter, operator_nip=_field(OPERATOR_NIP, operator[0].line, read_by))
    else:
        # Another NIP where the operator is named: a letter to someone else.
        named = [r for r in own if r.valid and names_operator(r.line)]
        if named:
            letter = replace(letter, operator_nip=_field(named[0].digits, named[0].line, read_by))
            own = [r for r in own if r.digits != named[0].digits]
    chosen, others = _choose_nip(own)
    if chosen:
        letter = replace(letter, nip=value_field(chosen.digits, chosen.line, read_by), nip_valid=chosen.valid,
                         other_nips=others)
    return letter


def _choose_nip(own: list[NipReading]) -> tuple[NipReading | None, tuple[str, ...]]:
    """The company's NIP: a valid one on a line labelled NIP first; conflicting valid ones are kept."""
    for pool in ([r for r in own if r.labeled and r.valid], [r for r in own if r.valid],
                 [r for r in own if r.labeled]):
        if pool:
            distinct = tuple(dict.fromkeys(r.digits for r in pool if r.valid and r.digits != pool[0].digits))
            return pool[0], distinct
    return None, ()


_KRS = re.compile(r"\bKRS\W{0,3}(?:nr\W{0,2})?(\d{10})\b", re.IGNORECASE)


def _krs_number(lines: list[TextLine]) -> tuple[str, TextLine] | None:
    for line in lines:
        match = _KRS.search(line.text)
        if match:
            return match.group(1), line
    return None


def _field(value: str, line: TextLine, read_by: str) -> Field:
    return Field(value, _confidence(line), line.page, line.box, read_by)


_BROKEN = 0.5


def value_field(value: str, line: TextLine, read_by: str) -> Field:
    """A decisive value, as sure as the words it was read from (not the label or a speck beside it)."""
    key = _alnum(value)
    words = [w for w in line.words if len(_alnum(w.text)) >= 2 and fuzz.partial_ratio(_alnum(w.text), key) >= 80]
    if not words:
        return _field(value, line, read_by)
    return Field(value, _share(min(w.conf for w in words)), line.page, line.box, read_by)


def _alnum(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


def _confidence(line: TextLine) -> float:
    return _share(line.conf)


def _share(conf: float) -> float:
    """Tesseract's 0..100 as the fields' 0..1."""
    return round(max(0.0, min(1.0, conf / 100)), 2)


def _union(boxes):
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
