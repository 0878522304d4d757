"""Text as the checks see it: lines with their page, and folding for comparisons."""
import re
import unicodedata
from dataclasses import dataclass

from intake.pages import Box, Document, Line

_FOLD = str.maketrans({"ł": "l", "Ł": "L"})


@dataclass(frozen=True)
class TextLine:
    """One line of a letter, from OCR or from a PDF text layer."""
    page: int
    text: str
    box: Box
    conf: float          # 0..100, the weakest word's


def ocr_lines(document: Document) -> list[TextLine]:
    return [_line(page.number, line) for page in document.pages for line in page.lines]


def layer_lines(document: Document) -> list[TextLine] | None:
    """The text layer's lines, or None when no page has one."""
    if not any(page.text_lines for page in document.pages):
        return None
    return [_line(page.number, line) for page in document.pages for line in page.text_lines or ()]


def _line(page: int, line: Line) -> TextLine:
    return TextLine(page, " ".join(line.text.split()), line.box, line.conf)


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one: 'Dwuskładnikowe' -> 'dwuskladnikowe'."""
    return "".join(_fold_char(c) for c in text.translate(_FOLD))


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1] or char
    return base.lower()[:1] or base


def words(text: str) -> list[str]:
    return re.findall(r"[0-9a-ząćęłńóśźż]+", text.lower())
