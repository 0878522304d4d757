"""Letters drawn for the tests of issue 10's classes of misses: each a page as customers lay it out (not
as either sample generator does), rendered as a text PDF or as a scan, and read by the real pipeline."""
import datetime
import io
from dataclasses import dataclass, field

import numpy as np
import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from intake.limits import Limits
from verify import pipeline

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
AS_OF = datetime.date(2026, 11, 25)
REQUEST = ("Upoważniamy operatora aplikacji Serwisant Online, firmę Sugar Mice Software, Arkadiusz",
           "Kuryłowicz, NIP 547-182-42-23, do usunięcia zabezpieczenia dwuskładnikowego (2FA) z konta:")
pdfmetrics.registerFont(TTFont("Letter", FONT))
# A printed form's own type, and a value filled in over its dots in a script-like italic.
pdfmetrics.registerFont(TTFont("Form", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
pdfmetrics.registerFont(TTFont("Filled", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"))
pdfmetrics.registerFont(TTFont("Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))


@dataclass
class Page:
    """Text placed at (x, y) in millimetres from the top left, and signature scribbles."""
    texts: list[tuple[float, float, str, float, str]] = field(default_factory=list)
    scribbles: list[tuple[float, float]] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> "Page":
        self.rules.append((x0, y0, x1, y1))
        return self

    def table(self, x: float, y: float, rows, split: float = 60, width: float = 160, step: float = 11) -> "Page":
        """A bordered table of labelled fields, one row per (label, value)."""
        for index, (label, value) in enumerate(rows):
            top = y + index * step
            self.rule(x, top, x + width, top).text(x + 2, top + 7, label, 10).text(x + split + 2, top + 7, value, 10)
        bottom = y + len(rows) * step
        self.rule(x, bottom, x + width, bottom)
        for column in (x, x + split, x + width):
            self.rule(column, y, column, bottom)
        return self

    def text(self, x: float, y: float, line: str, size: float = 11, font: str = "Letter") -> "Page":
        self.texts.append((x, y, line, size, font))
        return self

    def form_field(self, y: float, label: str, value: str, size: float = 13) -> "Page":
        """A row of the help page's template: the label, dots to the margin, and the value written
        over the dots a little above the label's line, larger and in italics, as a person fills it."""
        self.text(25, y, label + " " + "." * 150, 11, "Form")
        return self.text(25 + 2.2 * len(label) + 6, y - 0.8, value, size, "Filled")

    def lines(self, x: float, y: float, lines, size: float = 11, step: float = 6.5) -> "Page":
        for index, line in enumerate(lines):
            self.text(x, y + index * step, line, size)
        return self

    def signature(self, x: float, y: float) -> "Page":
        self.scribbles.append((x, y))
        return self


def text_pdf(*pages: Page) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    mm = 72 / 25.4
    for page in pages:
        for x, y, line, size, font in page.texts:
            pdf.setFont(font, size)
            pdf.drawString(x * mm, height - y * mm, line)
        pdf.setLineWidth(0.8)
        for x0, y0, x1, y1 in page.rules:
            pdf.line(x0 * mm, height - y0 * mm, x1 * mm, height - y1 * mm)
        pdf.setStrokeColorRGB(0.05, 0.1, 0.55)
        pdf.setLineWidth(1.4)
        for x, y in page.scribbles:
            path = pdf.beginPath()
            path.moveTo(x * mm, height - y * mm)
            for step in range(1, 9):
                path.curveTo((x + step * 4 - 2) * mm, height - (y - 7) * mm, (x + step * 4 - 1) * mm,
                             height - (y + 3) * mm, (x + step * 4) * mm, height - (y - (step % 3)) * mm)
            pdf.drawPath(path, stroke=1, fill=0)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def scan(pdf: bytes, dpi: int = 200, streaks: bool = False) -> bytes:
    """The first page as a grey scan (PNG); with `streaks`, the dark vertical lines of a dirty scanner
    glass and its uneven grey."""
    document = pdfium.PdfDocument(pdf)
    image = np.array(document[0].render(scale=dpi / 72).to_pil().convert("L"), dtype=np.float32)
    document.close()
    if streaks:
        rng = np.random.default_rng(7)
        image = image * 0.8 + 30 + rng.normal(0, 6, image.shape)
        for column in rng.choice(image.shape[1], 6, replace=False):
            image[:, column:column + 2] *= 0.25
    out = io.BytesIO()
    Image.fromarray(np.clip(image, 0, 255).astype(np.uint8)).save(out, format="PNG")
    return out.getvalue()


def faded(png: bytes, quality: int = 12, contrast: float = 0.4, noise: float = 16) -> bytes:
    """A faded, grainy scan with dark bands, saved as a heavy JPEG."""
    image = np.array(Image.open(io.BytesIO(png)).convert("L"), dtype=np.float32)
    image = 255 - (255 - image) * contrast + np.random.default_rng(3).normal(0, noise, image.shape)
    image -= 25 * (np.sin(np.arange(image.shape[0])[:, None] / 37.0) > 0.6)
    out = io.BytesIO()
    Image.fromarray(np.clip(image, 0, 255).astype(np.uint8)).save(out, format="JPEG", quality=quality)
    return out.getvalue()


def read(data: bytes):
    """The letter and its local checks, read as `odzysk check` reads a file."""
    _, letter, checks = pipeline.read_and_check_locally(data, Limits(), AS_OF, 60)
    return letter, {c.name: c for c in checks}


def heading(page: Page, company: str, nip: str, people: str | None = None, y: float = 30) -> Page:
    page.lines(25, y, [company, "ul. Długa 5, 30-001 Kraków", f"NIP: {nip}"] + ([people] if people else []))
    page.text(150, 20, "Kraków, 20.11.2026")
    return page


def request(page: Page, account: str, y: float = 90) -> Page:
    page.lines(25, y, REQUEST + (account,))
    return page
