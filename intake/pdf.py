"""PDF files: structure warnings, page rendering (pypdfium2) and the text layer (pdfplumber)."""
import io
import math
import re

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfplumber.utils.exceptions import PdfminerException

from .errors import CorruptFile, Encrypted, IntakeError, ResourceLimit, TooLarge, TooManyPages
from .limits import Limits
from .pages import Line, Word

_POINTS_PER_INCH = 72
# A rendered page narrower than this (after the pixel and side caps) cannot hold a readable letter.
_MIN_RENDERED_SIDE = 100
_DO = re.compile(rb"/([^\s/<>\[\]()%{}]+)\s*Do\b")


def open_pdf(data: bytes, limits: Limits) -> pdfium.PdfDocument:
    """Open a PDF, refusing passwords and page counts over the limit before any page is touched."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise Encrypted("PDF jest zabezpieczony hasłem.") from error
        if error.err_code == pdfium.raw.FPDF_ERR_SECURITY:
            raise Encrypted("PDF jest zaszyfrowany nieobsługiwaną metodą (np. certyfikatem).") from error
        raise CorruptFile(f"PDF jest uszkodzony lub ucięty ({error}).") from error
    count = len(pdf)
    if count == 0:
        raise CorruptFile("PDF nie ma żadnej strony.")
    if count > limits.max_pages:
        raise TooManyPages(f"PDF ma {count} stron (limit {limits.max_pages}).")
    for index in range(count):
        try:
            pdf[index]   # a broken or looping page tree fails here, before any page is rendered
        except pdfium.PdfiumError as error:
            raise CorruptFile(f"Strony {index + 1} nie da się wczytać: drzewo stron PDF jest uszkodzone "
                              "lub zapętlone.") from error
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
    # The byte search misses an escaped name (/Encr#79pt); pdfium knows whether it decrypted the file.
    if pdfium.raw.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1 and "encrypted" not in flags:
        flags.append("encrypted")
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
    if min(width, height) <= 0:
        raise CorruptFile(f"Strona {index + 1} PDF ma zerowy rozmiar.")
    # A huge page (A0 and up) is rendered smaller rather than past our pixel and side caps. pypdfium2
    # rounds the bitmap up to whole pixels, so (width * scale + 1) * (height * scale + 1) must fit.
    spread, area = width + height, width * height
    area_scale = (math.sqrt(spread * spread + 4 * area * (limits.max_pixels - 1)) - spread) / (2 * area)
    scale = min(limits.render_dpi / _POINTS_PER_INCH, area_scale, (limits.max_side - 1) / max(width, height))
    if min(width, height) * scale < _MIN_RENDERED_SIDE:
        raise TooLarge(f"Strona {index + 1} PDF ma nietypowe wymiary ({width:.0f} x {height:.0f} pkt).")
    bitmap = page.render(scale=scale, may_draw_forms=True)
    return np.array(bitmap.to_pil().convert("RGB"))


def text_layers(data: bytes, dpi: int) -> list[tuple[Line, ...]]:
    """Per page, the lines of the text layer in pixel coordinates at `dpi`; empty where there is none."""
    scale = dpi / _POINTS_PER_INCH
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            layers = []
            for page in pdf.pages:
                if _draws_itself(page.page_obj.resources):
                    raise CorruptFile(f"PDF jest zapętlony: obiekt na stronie {page.page_number} rysuje sam siebie.")
                layers.append(_page_lines(page, scale))
            return layers
    except PdfminerException as error:
        raise _pdfminer_failure(error) from error


def _pdfminer_failure(error: PdfminerException) -> IntakeError:
    """pdfplumber wraps every pdfminer failure; unwrap it so a loop or a bomb keeps its own reason."""
    cause = error.args[0] if error.args else error
    if isinstance(cause, RecursionError):
        return CorruptFile("Struktura PDF jest zapętlona lub zbyt głęboka.")
    if isinstance(cause, MemoryError):
        return ResourceLimit("Odczyt warstwy tekstowej PDF przekroczył limit pamięci.")
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return Encrypted("Warstwy tekstowej PDF nie da się odszyfrować.")
    return CorruptFile(f"Warstwy tekstowej PDF nie da się odczytać ({type(cause).__name__}).")


def _draws_itself(resources) -> bool:
    """True when a Form XObject, through the forms it draws, draws itself (pdfminer.six #1113). Each form
    is expanded once (depth first, by object number), so a deep or wide tree of forms stays linear."""
    on_path, done, path = set(), set(), []
    stack = [iter(_forms(resources, None))]   # every form the page could draw
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            if path:
                done.add(path[-1])
                on_path.discard(path.pop())
            continue
        objid, form, form_resources = child
        if objid in on_path:
            return True
        if objid not in done:
            on_path.add(objid)
            path.append(objid)
            stack.append(iter(_forms(form_resources, _drawn(form))))
    return False


def _forms(resources, names: set[str] | None) -> list[tuple[int, PDFStream, object]]:
    """(object number, form, resources it draws with) of the Form XObjects in `resources` (those in
    `names` only, unless None). A form without resources of its own draws with those it was found in."""
    resources = resolve1(resources)
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return []
    forms = []
    for name, ref in xobjects.items():
        form = resolve1(ref) if isinstance(ref, PDFObjRef) and (names is None or name in names) else None
        if isinstance(form, PDFStream) and getattr(form.get("Subtype"), "name", None) == "Form":
            forms.append((ref.objid, form, form.get("Resources") or resources))
    return forms


def _drawn(form: PDFStream) -> set[str]:
    """Names of the XObjects a form's content draws (`/Name Do`). pdfminer keeps the decoded data, so
    reading the text layer afterwards does not decode it again."""
    return {name.decode("latin-1") for name in _DO.findall(form.get_data())}


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
