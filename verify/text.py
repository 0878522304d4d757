"""Text as the checks see it: lines with their page, and folding for comparisons."""
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
        for line in lines_of(page):
            # Segments of one line keep the line's place in reading order, left to right.
            # Segments with no letter or digit are specks read as punctuation: dropped.
            out += [(page.number, line.box[1], s[0].box[0],
                     TextLine(page.number, " ".join(w.text for w in s), union(w.box for w in s),
                              min(w.conf for w in s), tuple(s))) for s in segments_of(line)
                    if any(c.isalnum() for w in s for c in w.text)]
    return [item[-1] for item in sorted(out, key=lambda item: item[:3])]


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


_GLYPH = str.maketrans({"l": "1", "i": "1", "|": "1", "!": "1", "o": "0", "©": "@", "_": " ", "—": "-", "–": "-"})


def look_alike(a: str, b: str) -> bool:
    """Two readings that differ only where glyphs look alike (l and 1, O and 0, lost diacritics,
    spaces): what OCR may do to the same print."""
    return _glyph_key(a) == _glyph_key(b)


def _glyph_key(text: str) -> str:
    return "".join(fold(text).translate(_GLYPH).split())
