"""Text as the checks see it: lines with their page, and folding for comparisons."""
import re
import unicodedata
from dataclasses import dataclass

from intake.pages import Box, Document, Line, Word, union

_FOLD = str.maketrans({"ł": "l", "Ł": "L"})


@dataclass(frozen=True)
class TextLine:
    """One line of a letter, from OCR or from a PDF text layer."""
    page: int
    text: str
    box: Box
    conf: float          # 0..100, the weakest word's
    words: tuple[Word, ...] = ()


def ocr_lines(document: Document) -> list[TextLine]:
    return _ordered(document, lambda page: page.lines)


def layer_lines(document: Document) -> list[TextLine] | None:
    """The text layer's lines, or None when no page has one."""
    if not any(page.text_lines for page in document.pages):
        return None
    return _ordered(document, lambda page: page.text_lines or ())


def _ordered(document: Document, lines_of) -> list[TextLine]:
    out = []
    for page in document.pages:
        out += page_lines(page.number, lines_of(page))
    return out


def page_lines(number: int, lines) -> list[TextLine]:
    """One page's lines as the checks read them: split where words stand far apart, in rows, a label
    cell joined to its value."""
    # Segments with no letter or digit are specks read as punctuation: dropped.
    segments = [TextLine(number, " ".join(w.text for w in s), union(w.box for w in s), min(w.conf for w in s), tuple(s))
                for line in lines for s in segments_of(line) if any(c.isalnum() for w in s for c in w.text)]
    return in_rows(segments)


def in_rows(lines: list[TextLine]) -> list[TextLine]:
    """One page's lines row by row, top to bottom, each row left to right, a label cell joined to the
    value beside it."""
    out: list[TextLine] = []
    for row in _rows(lines):
        out += _labels_joined(sorted(row, key=lambda l: l.box[0]))
    return out


def _rows(lines: list[TextLine]) -> list[list[TextLine]]:
    """Lines side by side (a table's label and value cells, a letterhead beside the date), each row
    top to bottom: a line belongs to the row whose first line's height holds its middle."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda l: (l.box[1], l.box[0])):
        middle = (line.box[1] + line.box[3]) / 2
        row = next((r for r in reversed(rows[-3:]) if r[0].box[1] <= middle <= r[0].box[3]), None)
        (row.append(line) if row is not None else rows.append([line]))
    return rows


def _labels_joined(row: list[TextLine]) -> list[TextLine]:
    """A label cell ("NIP:") and the value beside it read as one line, as the same row in prose is."""
    out: list[TextLine] = []
    for line in row:
        if out and (out[-1].text.rstrip().endswith(":") or _BARE_LABEL.fullmatch(fold(out[-1].text).strip())):
            label = out.pop()
            line = TextLine(line.page, f"{label.text} {line.text}", union((label.box, line.box)),
                            min(label.conf, line.conf), label.words + line.words)
        out.append(line)
    return out


# A form's label without its colon ("nip ....... 794-064-02-42"): joined to the value beside it all the same.
_BARE_LABEL = re.compile(r"(?:numer\s+)?(?:nip|regon|krs|login|e-?mail|konto|adres\s+e-?mail|login\s+lub\s+e-?mail\s+konta)")


def segments_of(line: Line) -> list[list[Word]]:
    """Split a line where words stand far apart: side-by-side blocks (two signatures, a letterhead
    beside the date) that OCR joined into one line."""
    height = max(1, sorted(w.box[3] - w.box[1] for w in line.words)[len(line.words) // 2])
    out = [[line.words[0]]]
    for word in line.words[1:]:
        if word.box[0] - out[-1][-1].box[2] > 3 * height:
            out.append([])
        out[-1].append(word)
    return out


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one: 'Dwuskładnikowe' -> 'dwuskladnikowe'."""
    return "".join(_fold_char(c) for c in text.translate(_FOLD))


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    return base.lower()[:1] or base


_GLYPH = str.maketrans({"l": "1", "i": "1", "j": "1", "|": "1", "!": "1", "o": "0", "©": "@", "_": " ", "—": "-", "–": "-"})


def look_alike(a: str, b: str) -> bool:
    """Two readings that differ only where glyphs look alike (l and 1, O and 0, lost diacritics,
    spaces): what OCR may do to the same print."""
    return glyph_key(a) == glyph_key(b)


def glyph_key(text: str) -> str:
    """The text with look-alike glyphs made one (l, i, 1; o, 0), folded, without spaces."""
    return "".join(fold(text).translate(_GLYPH).split())


def nominative(word: str) -> str:
    """`word` without a last 'ą' (or 'Ą') read for an 'a': names and places as written under a
    signature or before a date are in the nominative, and none ends so ("Żurawską", "Piłą")."""
    if len(word) >= 3 and word[-1] in "ąĄ" and word[-2].isalpha():
        return word[:-1] + ("a" if word[-1] == "ą" else "A")
    return word
