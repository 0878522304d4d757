"""What the intake stage hands on: pages of text with boxes and confidences.

Boxes are (x0, y0, x1, y1) in pixels of the upright, cleaned page image. Confidences are 0..100
(tesseract's scale); text from a PDF text layer has confidence 100.
"""
from dataclasses import dataclass, field

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Word:
    text: str
    conf: float
    box: Box


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        return union(w.box for w in self.words)

    @property
    def conf(self) -> float:
        return min((w.conf for w in self.words), default=0.0)


@dataclass(frozen=True)
class Mark:
    """Ink that is not printed text: a handwritten signature or a stamp candidate."""
    box: Box
    ink: float          # share of the box covered by ink
    colored: bool       # ink clearly coloured (blue, red, violet), not black or grey
    components: int     # connected pieces of ink inside the box
    framed: bool = False  # a frame around it, rectangular or round, as stamps have
    strokes: float = 0.0  # share of its ink in its three largest pieces: high for handwriting


@dataclass(frozen=True)
class Reread:
    """Another reading of one line, for the fields that decide a case: by the English model at the
    page's size ("eng"), and, for a line read unsurely, at other sizes too, by both models ("eng@0.7",
    "pol@1.4")."""
    box: Box
    text: str
    how: str = "eng"


@dataclass(frozen=True)
class Page:
    number: int                      # 1-based, in the file
    width: int
    height: int
    lines: tuple[Line, ...]          # from OCR of the rendered or scanned image
    text_lines: tuple[Line, ...] | None = None   # from the PDF text layer, if the page has one
    marks: tuple[Mark, ...] = ()
    rereads: tuple[Reread, ...] = ()
    rotation: int = 0                # degrees the page was turned to be upright
    skew: float = 0.0                # degrees of deskew applied
    dewarped: bool = False           # a perspective (phone photo) correction was applied
    preview: bytes = b""             # a small JPEG of the upright page, for people (boxes scale to it)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Document:
    filetype: str                    # pdf, png, jpeg, tiff
    page_count: int                  # pages in the file, blank ones included
    pages: tuple[Page, ...]          # pages with content, in order
    blank_pages: tuple[int, ...] = ()
    flags: tuple[str, ...] = field(default=())   # PDF structure warnings, e.g. "annotations"
    seconds: float = 0.0
    stages: tuple[tuple[str, float], ...] = ()     # seconds per stage of reading (intake/stopwatch.py)
    peak_memory_mb: float = 0.0                    # the reading process's peak resident memory

    def page(self, number: int | None) -> Page | None:
        """The read page with that number in the file, or None (blank, or no such page)."""
        return next((p for p in self.pages if p.number == number), None)


def overlap(a: Box, b: Box) -> float:
    """The share of the smaller box that the two boxes have in common."""
    width, height = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    return width * height / max(1, min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])))


def union(boxes) -> Box:
    boxes = list(boxes)
    if not boxes:
        return (0, 0, 0, 0)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))
