"""Read a letter from an OCR'd document: fields from OCR, a second model's opinion on the decisive
lines, the exact text of a text layer that agrees, and the handwriting and stamp found on the page."""
from dataclasses import replace

from rapidfuzz.distance import Indel

from intake.pages import Box, Document, Line, Page

from .account import account_label, find_account
from .dates import find_date
from .extract import extract, value_field
from .fields import SURE, Field, Letter
from .nip import OPERATOR_NIP, find_nips, names_operator, nip_label, registry_number
from .second_opinion import second_opinion
from .signatures import signatures_above, signatures_below, signatures_for, stamp_present, unclaimed_signatures
from .text import TextLine, glyph_key, layer_lines, look_alike, ocr_lines, page_lines


def decisive_lines(lines: tuple[Line, ...]) -> list[tuple[Box, bool]]:
    """Boxes of the lines that carry the company's NIP, the account or the date: the intake reads them
    again, and at other sizes too where the value was read unsurely (True beside the box)."""
    # As the checks will read them (a form's label cell joined to the value beside it), so that the
    # box read again is the one the value is taken from.
    text = page_lines(0, lines)
    found = [(r.line.box, _unsure(r.digits, r.line)) for r in find_nips(text)
             if r.digits != OPERATOR_NIP and not registry_number(r.line)]
    # A NIP line whose digits the first reading could not make out gets a second chance too.
    read = {box for box, _ in found}
    found += [(l.box, True) for l in text if nip_label(l) and not registry_number(l) and l.box not in read
              and OPERATOR_NIP not in _digits(l.text) and not names_operator(l)]
    account = find_account(text)
    if account:
        found.append((account.line.box, _unsure(account.value, account.line)))
    elif (label := account_label(text)) is not None:
        found.append((label.box, True))      # the value beside the label made nothing: read it again
    # The date fails a letter when it is old: a second model must bear out the digit that makes it so.
    date = find_date(text)
    if date:
        found.append((date.line.box, False))
    boxes: dict[Box, bool] = {}
    for box, unsure in found:
        boxes[box] = boxes.get(box, False) or unsure
    return list(boxes.items())[:6]


# A value read below this (tesseract's 0..100) is worth reading at other sizes too.
_WORTH_VOTES = 90


def _unsure(value: str, line: TextLine) -> bool:
    return value_field(value, line, "ocr").confidence * 100 < _WORTH_VOTES


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def read_letter(document: Document) -> Letter:
    lines = ocr_lines(document)
    letter = extract(lines)
    letter = second_opinion(letter, document)
    layer = layer_lines(document)
    if layer:
        from_layer = extract(layer, read_by="text_layer")
        letter = _signers_from_layer(_missing_from_layer(_exact_from_layer(letter, from_layer), from_layer), from_layer)
        letter = _places_from_layer(letter, from_layer)
    page = document.page(letter.signature_page)
    if page is not None and letter.signer_boxes:
        unread = max(letter.unread_signers, unclaimed_signatures(page, letter.signer_boxes))
        letter = replace(letter, signatures=_per_signer(page, letter), stamp=stamp_present(page, letter.signer_boxes),
                         unread_signers=unread)
    elif document.pages:
        letter = replace(letter, stamp=stamp_present(document.pages[-1], ()), signatures=_from_ink(letter, document))
    return letter


def _from_ink(letter: Letter, document: Document) -> tuple[bool, ...]:
    """Signers named (in the header) whose signature area holds no readable name or caption: as many
    count as signed as there are signatures below the request on its page, and no more."""
    page = document.page(letter.account.page) if letter.account.found else None
    if page is None:
        return ()
    return _first_signed(signatures_below(page, letter.account.box[3]), letter)


def _per_signer(page: Page, letter: Letter) -> tuple[bool, ...]:
    """One answer per signer: over each printed name, or, where the places are captions rather than
    the names, as many signers signed as there are signatures over the captions, and no more."""
    if len(letter.signer_boxes) == len(letter.signers.value or ()):
        return signatures_for(page, letter.signer_boxes)
    return _first_signed(signatures_above(page, letter.signer_boxes), letter)


def _first_signed(count: int, letter: Letter) -> tuple[bool, ...]:
    return tuple(index < count for index in range(len(letter.signers.value or ())))


def _exact_from_layer(letter: Letter, layer: Letter) -> Letter:
    """Where the text layer says what OCR saw, up to look-alike glyphs, take the layer's exact text.
    Where they differ, OCR (what a person sees) stays, and the text_layer check fails."""
    changes = {}
    for name in ("nip", "account", "company", "city", "signers"):
        mine, theirs = getattr(letter, name), getattr(layer, name)
        if mine.found and theirs.found and _alike(mine.value, theirs.value):
            changes[name] = replace(mine, value=theirs.value, confidence=1.0, read_by="text_layer+ocr")
    if "nip" in changes:
        changes["nip_valid"] = layer.nip_valid
    return replace(letter, **changes)


# A value only the text layer holds is not what a person sees: too unsure to decide on.
_LAYER_ONLY = 0.5


def _missing_from_layer(letter: Letter, layer: Letter) -> Letter:
    """A NIP or account that OCR could not make out, or made out only unsurely (a value over a form's
    dots, in a script font), or a date it could not make out, but the text layer holds: taken as the
    layer's, marked so, too unsure to fail or pass the letter, and left for a person to compare (the
    text_layer check says so). An unsure reading gives way only to a layer value close to it: the
    same print, read badly; any reading gives way to the whole address of which OCR read only the
    login, its domain lost."""
    taken = [name for name in ("nip", "account") if _layer_better(getattr(letter, name), getattr(layer, name))]
    if not letter.date.found and layer.date.found:     # typed over a form's dots, lost to OCR
        taken += [name for name in ("date", "city") if getattr(layer, name).found]
    changes = {name: replace(getattr(layer, name), confidence=_LAYER_ONLY, read_by="text_layer") for name in taken}
    if "nip" in changes:
        changes["nip_valid"] = layer.nip_valid
    return replace(letter, **changes)


def _layer_better(mine: Field, theirs: Field) -> bool:
    if not theirs.found:
        return False
    if not mine.found:
        return True
    if isinstance(mine.value, str) and theirs.value.startswith(mine.value + "@"):
        return True         # the address's domain lost to OCR ("wzrebiec94(Qgma il. com"), however surely
    return mine.confidence < SURE and Indel.normalized_similarity(glyph_key(mine.value), glyph_key(theirs.value)) >= 0.6


def _signers_from_layer(letter: Letter, layer: Letter) -> Letter:
    """Names that OCR could not make out (a stamp or a signature over them) but the text layer holds:
    taken as the layer's, marked so, and left for a person to compare (the text_layer check says so).
    So too when OCR read some of the names the layer holds, but not all: the others are the layer's."""
    if not layer.signers.found or (letter.signers.found and not _more_of_the_same(letter, layer)):
        return letter
    # A name OCR read keeps OCR's confidence; one only the layer holds is too unsure to decide on.
    read = tuple(zip(letter.signers.value or (), letter.signer_confidences))
    confidences = tuple(next((c for n, c in read if look_alike(n, name)), min(theirs, _LAYER_ONLY))
                        for name, theirs in zip(layer.signers.value, layer.signer_confidences))
    return replace(letter, signers=replace(layer.signers, confidence=_LAYER_ONLY), signer_boxes=layer.signer_boxes,
                   signature_page=layer.signature_page, unread_signers=layer.unread_signers,
                   signer_confidences=confidences)


def _more_of_the_same(letter: Letter, layer: Letter) -> bool:
    """The layer holds every name OCR read, and more."""
    mine, theirs = letter.signers.value or (), layer.signers.value or ()
    return len(theirs) > len(mine) and all(any(look_alike(m, t) for t in theirs) for m in mine)


def _places_from_layer(letter: Letter, layer: Letter) -> Letter:
    """Where OCR could not place each signer's signature (a stamp or a signature over the printed
    names), the text layer places the same names on the page: the ink is still looked for on the
    image, above each name."""
    names = letter.signers.value or ()
    if len(letter.signer_boxes) == len(names) or len(layer.signer_boxes) != len(names) \
            or not _alike(tuple(names), tuple(layer.signers.value or ())):
        return letter
    return replace(letter, signer_boxes=layer.signer_boxes, signature_page=layer.signature_page)


def _alike(a, b) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(look_alike(x, y) for x, y in zip(sorted(a), sorted(b)))
    return isinstance(a, str) and isinstance(b, str) and look_alike(a, b)
