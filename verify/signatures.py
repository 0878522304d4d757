"""Handwriting and stamps: whether ink that is not print sits where a signature or a stamp belongs."""
from intake.pages import Box, Document, Mark, Page

# A signature sits above its printed name: within this many pixels (300 dpi: about 3 cm).
_REACH = 360
_BESIDE = 500        # or to its right on the same row: within about 4 cm


def signatures_for(page: Page, names: tuple[Box, ...]) -> tuple[bool, ...]:
    """For each printed signer name, whether handwriting lies just above (or over) it."""
    return tuple(any(_signature_near(mark, box) for mark in page.marks) for box in names)


def signatures_above(page: Page, places: tuple[Box, ...]) -> int:
    """Signatures over the signature area's captions, counted apart: two blocks side by side may share
    the one caption that was read (the other under a stamp)."""
    return _columns([m.box for m in page.marks if any(_signature_near(m, box) for box in places)])


def _columns(boxes: list[Box]) -> int:
    """Boxes that stand side by side, counted; those that share a column count once."""
    count, right = 0, -1
    for box in sorted(boxes, key=lambda b: b[0]):
        if box[0] >= right:
            count += 1
        right = max(right, box[2])
    return count


def signatures_below(page: Page, top: int) -> int:
    """Handwriting below `top` (the request) where the signature area has neither a printed name nor
    a caption that could be read: the signatures, found from the ink alone, counted by column."""
    # No name to anchor on: only ink most of which is in a few long strokes counts.
    return _columns([m.box for m in page.marks if m.box[1] > top and _handwriting(m) and m.strokes >= 0.5])


def unclaimed_signatures(page: Page, names: tuple[Box, ...]) -> int:
    """Handwriting in the signature area that belongs to none of the read names: a signer whose
    printed name could not be read (a signature or stamp over it)."""
    if not names:
        return 0
    # Only ink across the row of the read names: the block beside them whose printed name is covered.
    rows = [(box[1] + box[3]) / 2 for box in names]
    unsure = [w.box for line in page.lines for w in line.words if w.conf < 60]
    frames = [m.box for m in page.marks if m.framed]
    return sum(1 for mark in page.marks if any(mark.box[1] <= row <= mark.box[3] for row in rows)
               and not any(_signature_near(mark, b) for b in names)
               and not any(_within(mark.box, frame) for frame in frames)
               and (_handwriting(mark) or _blurred_block(mark, unsure)))


def no_handwriting(document: Document, below: tuple[int, int] | None = None) -> bool:
    """Not one piece of ink of a signature's size beyond the print and a stamp's outline (its print
    read as words: a signature written over a stamp leaves ink of its own there), on any page or,
    given `below` (page, y: the bottom of the account's line), reaching below it: a letterhead's logo,
    a cover note's unread print above the request or the unsurely read account itself is no signature."""
    return not any(_signature_sized(mark) for page in document.pages for mark in page.marks
                   if below is None or page.number > below[0] or (page.number == below[0] and mark.box[3] > below[1]))


def _within(inner: Box, outer: Box) -> bool:
    """Mostly inside: the print of a stamp within its frame."""
    width = min(inner[2], outer[2]) - max(inner[0], outer[0])
    height = min(inner[3], outer[3]) - max(inner[1], outer[1])
    area = (inner[2] - inner[0]) * (inner[3] - inner[1])
    return width > 0 and height > 0 and width * height >= 0.6 * area


def _handwriting(mark: Mark) -> bool:
    return _signature_sized(mark) and mark.ink >= 0.02 and not _stamp_like(mark)


def _signature_sized(mark: Mark) -> bool:
    """Unframed ink taller than a row of dots or a rule: at least about 4 mm at 300 dpi, and wide."""
    x0, y0, x1, y1 = mark.box
    return not mark.framed and (x1 - x0) >= 120 and (y1 - y0) >= 45


def _blurred_block(mark: Mark, unsure: list[Box]) -> bool:
    """Ink in many pieces (a signature and a stamp over a printed name) where OCR read only doubtful
    words: a block that may hold a name nobody could read."""
    x0, y0, x1, y1 = mark.box
    inside = [b for b in unsure if b[0] >= x0 and b[2] <= x1 and b[1] >= y0 and b[3] <= y1]
    printed_in_colour = mark.colored and mark.components >= 15          # a stamp's own print
    return _signature_sized(mark) and not printed_in_colour and len(inside) >= 2


def stamp_present(page: Page, names: tuple[Box, ...]) -> bool:
    """A stamp: a large block of coloured ink, or of dense ink in many pieces (grey scans, faxes)."""
    return any(_stamp_like(mark) for mark in page.marks)


def _signature_near(mark: Mark, name: Box) -> bool:
    if not _signature_sized(mark) or mark.ink < 0.02:
        return False
    x0, y0, x1, y1 = mark.box
    overlaps = x0 < name[2] + 150 and x1 > name[0] - 150
    above = name[1] - _REACH < y1 and y0 < name[3]
    # Or beside the name, on its row ("Jan Kowalski ~~~~"), and not a stamp.
    beside = y0 < name[3] and y1 > name[1] and 0 <= x0 - name[2] < _BESIDE and not _stamp_like(mark)
    return (overlaps and above) or beside


def _stamp_like(mark: Mark) -> bool:
    width = mark.box[2] - mark.box[0]
    height = mark.box[3] - mark.box[1]
    if width < 240 or height < 80:
        return False
    # Grey scans and faxes: a block of many small pieces of ink that OCR could not read (small print).
    many_pieces = (mark.components >= 25 and mark.ink >= 0.04) or (mark.components >= 80 and mark.ink >= 0.02)
    # Coloured ink in many pieces (print): a coloured signature alone is a few long strokes, which
    # hold most of its ink however many specks and dots lie about them.
    printed = mark.strokes < _HANDWRITTEN or mark.components >= 40     # a round stamp's rings hold much of its ink
    return mark.framed or (mark.colored and mark.components >= 15 and printed) or (many_pieces and printed)


_HANDWRITTEN = 0.8
