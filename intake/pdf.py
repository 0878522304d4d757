"""PDF files: structure warnings, page rendering (pypdfium2) and the text layer (pdfplumber)."""
import io
import re

import numpy as np
import pdfplumber
import pypdfium2 as pdfium

from .errors import CorruptFile, Encrypted, TooManyPages
from .limits import Limits
from .pages import Line, Word

_POINTS_PER_INCH = 72


def open_pdf(data: bytes, limits: Limits) -> pdfium.PdfDocument:
    """Open a PDF, refusing passwords and page counts over the limit before any page is touched."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise Encrypted("PDF jest zabezpieczony hasłem.") from error
        raise CorruptFile(f"PDF jest uszkodzony lub ucięty ({error}).") from error
    count = len(pdf)
    if count == 0:
        raise CorruptFile("PDF nie ma żadnej strony.")
    if count > limits.max_pages:
        raise TooManyPages(f"PDF ma {count} stron (limit {limits.max_pages}).")
    return pdf


def structure_flags(data: bytes, pdf: pdfium.PdfDocument) -> tuple[str, ...]:
    """What a PDF carries beyond plain pages: each is a reason for a person to look."""
    flags = []
    revisions = len(re.findall(rb"%%EOF", data))
    if revisions > 1:
        flags.append(f"revisions:{revisions}")
    for key, flag in ((rb"/JavaScript", "javascript"), (rb"/JS\b", "javascript"),
                      (rb"/EmbeddedFiles", "embedded_files"), (rb"/AcroForm", "form_fields"),
                      (rb"/Encrypt\b", "encrypted")):
        if re.search(key, data) and flag not in flags:
            flags.append(flag)
    if any(_annotation_count(pdf[i]) > 0 for i in range(len(pdf))):
        flags.append("annotations")
    return tuple(flags)


def _annotation_count(page: pdfium.PdfPage) -> int:
    # Keep `page` referenced while its raw handle is in use: the wrapper closes the page when collected.
    return pdfium.raw.FPDFPage_GetAnnotCount(page.raw)


def render_page(pdf: pdfium.PdfDocument, index: int, limits: Limits) -> np.ndarray:
    """An RGB image of a page as a person sees it, annotations and form fields included."""
    page = pdf[index]
    width, height = page.get_size()
    scale = limits.render_dpi / _POINTS_PER_INCH
    # A huge page (A0 and up) is rendered smaller rather than past our pixel cap.
    area = width * height * scale * scale
    if area > limits.max_pixels:
        scale *= (limits.max_pixels / area) ** 0.5
    bitmap = page.render(scale=scale, may_draw_forms=True)
    return np.array(bitmap.to_pil().convert("RGB"))


def text_layers(data: bytes, dpi: int) -> list[tuple[Line, ...]]:
    """Per page, the lines of the text layer in pixel coordinates at `dpi`; empty where there is none."""
    scale = dpi / _POINTS_PER_INCH
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [_page_lines(page, scale) for page in pdf.pages]


def _page_lines(page, scale: float) -> tuple[Line, ...]:
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    lines: list[list[Word]] = []
    last_top = None
    for w in sorted(words, key=lambda w: (round(w["top"] / 3), w["x0"])):
        box = tuple(int(v * scale) for v in (w["x0"], w["top"], w["x1"], w["bottom"]))
        word = Word(w["text"], 100.0, box)
        if last_top is not None and abs(w["top"] - last_top) <= 3:
            lines[-1].append(word)
        else:
            lines.append([word])
            last_top = w["top"]
    return tuple(Line(tuple(sorted(ws, key=lambda w: w.box[0]))) for ws in lines)
