"""Read a letter from an OCR'd document: fields from OCR, a second model's opinion on the decisive
lines, and the handwriting and stamp found on the page."""
from dataclasses import replace

from intake.pages import Box, Document, Line, Page

from .account import find_account, repair_at
from .extract import extract
from .fields import Field, Letter
from .nip import OPERATOR_NIP, find_nips, registry_number
from .text import TextLine, ocr_lines
from .marks import signatures_for, stamp_present

def decisive_lines(lines: tuple[Line, ...]) -> list[Box]:
    """Boxes of the lines that carry the company's NIP or the account: the intake reads them again."""
    boxes = []
    for line in lines:
        text = [TextLine(0, line.text, line.box, 100.0)]
        if "@" in repair_at(line.text) or find_account(text) or any(
                r.digits != OPERATOR_NIP and not registry_number(r.line) for r in find_nips(text)):
            boxes.append(line.box)
    return boxes[:6]


def read_letter(document: Document) -> Letter:
    lines = ocr_lines(document)
    letter = extract(lines)
    letter = _second_opinion(letter, document)
    page = _page(document, letter.signers.page)
    if page is not None and letter.signer_boxes:
        letter = replace(letter, signatures=signatures_for(page, letter.signer_boxes),
                         stamp=stamp_present(page, letter.signer_boxes))
    elif page is None and document.pages:
        letter = replace(letter, stamp=stamp_present(document.pages[-1], ()))
    return letter


def _second_opinion(letter: Letter, document: Document) -> Letter:
    """Compare the account and NIP with the English model's reading of the same line."""
    if letter.account.found:
        other = _reread_account(document, letter.account)
        letter = replace(letter, account=_judge(letter.account, other))
    if letter.nip.found:
        other = _reread_nip(document, letter.nip)
        letter = replace(letter, nip=_judge(letter.nip, other))
    return letter


def _judge(field: Field, other: str | None) -> Field:
    if other is None:
        return field
    if other == field.value:
        return replace(field, confidence=max(field.confidence, 0.95), read_by=field.read_by + "+eng")
    # Two models disagree on a decisive value: keep the first, but too unsure to act on alone.
    return replace(field, confidence=min(field.confidence, 0.5), read_by=field.read_by + "≠eng:" + other)


def _reread_account(document: Document, account: Field) -> str | None:
    text = _reread_text(document, account)
    if text is None:
        return None
    found = find_account([TextLine(account.page, repair_at(text), account.box, 100.0)])
    return found.value if found else None


def _reread_nip(document: Document, nip: Field) -> str | None:
    text = _reread_text(document, nip)
    if text is None:
        return None
    readings = [r for r in find_nips([TextLine(nip.page, text, nip.box, 100.0)]) if r.digits != OPERATOR_NIP]
    return readings[0].digits if readings else None


def _reread_text(document: Document, field: Field) -> str | None:
    page = _page(document, field.page)
    if page is None:
        return None
    return next((r.text for r in page.rereads if r.box == field.box), None)


def _page(document: Document, number: int | None) -> Page | None:
    return next((p for p in document.pages if p.number == number), None)
