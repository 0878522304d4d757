"""PDF files: structure warnings, page rendering (pypdfium2) and the text layer (pdfplumber)."""
import io
import math
import re
from collections import Counter, defaultdict

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
# Form XObjects a page may draw, repeats counted: a letter draws a handful (a logo, a signature image).
_MAX_FORM_DRAWS = 10_000


def open_pdf(data: bytes, limits: Limits) -> pdfium.PdfDocument:
    """Open a PDF, refusing passwords and page counts over the limit before any page is touched (see
    `load_pages`)."""
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
    return pdf


def load_pages(pdf: pdfium.PdfDocument) -> None:
    """Load every page once: a broken or looping page tree fails here, before any page is rendered.
    Loading parses a page's content, forms included: `text_layers` must have vetted the forms first."""
    for index in range(len(pdf)):
        try:
            pdf[index]
        except pdfium.PdfiumError as error:
            raise CorruptFile(f"Strony {index + 1} nie da się wczytać: drzewo stron PDF jest uszkodzone "
                              "lub zapętlone.") from error


def structure_flags(data: bytes, pdf: pdfium.PdfDocument) -> tuple[str, ...]:
    """What a PDF carries beyond plain pages: each is a reason for a person to look."""
    flags = []
    revisions = len(re.findall(rb"%%EOF", data))
    if revisions > 1:
        flags.append(f"revisions:{revisions}")
    for key, flag in ((rb"/JavaScript", "javascript"), (rb"/JS\b", "javascript"),
                      (rb"/EmbeddedFiles", "embedded_files"), (rb"/AcroForm", "form_fields"),
                      (rb"/Encrypt\b", "encrypted"), (rb"/ByteRange", "signature"), (rb"/Type\s*/Sig\b", "signature")):
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


def text_layers(data: bytes, dpi: int) -> list[tuple[tuple[Line, ...], bool]]:
    """Per page, the lines of the text layer in pixel coordinates at `dpi` (empty where there is
    none), and whether the page is drawn straight: its text is the layer's, over no scanned image."""
    scale = dpi / _POINTS_PER_INCH
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            layers = []
            for page in pdf.pages:
                _check_forms(page.page_obj.resources, page.page_number)
                lines = _page_lines(page, scale)
                layers.append((lines, bool(lines) and not _scanned(page)))
            return layers
    except PdfminerException as error:
        raise _pdfminer_failure(error) from error


# An image over this share of a page is a scan of it (its OCR text layer may lie on a skewed page).
_SCAN_SHARE = 0.4


def _scanned(page) -> bool:
    area = float(page.width * page.height) or 1.0
    return any((image["x1"] - image["x0"]) * (image["bottom"] - image["top"]) >= _SCAN_SHARE * area
               for image in page.images)


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


def _check_forms(resources, page_number: int) -> None:
    """Form XObjects that draw themselves (pdfminer.six #1113), or draw each other so many times over that
    reading or rendering the page would not end (a form drawing the next one twice, 24 deep: 16 million
    draws from a few KB), are refused before anything interprets them."""
    draws = _form_draws(resources)
    if draws is None:
        raise CorruptFile(f"PDF jest zapętlony: obiekt na stronie {page_number} rysuje sam siebie.")
    if draws > _MAX_FORM_DRAWS:
        raise TooLarge(f"Strona {page_number} PDF rysuje zagnieżdżone obiekty ponad {_MAX_FORM_DRAWS} razy "
                       "(mnożące się formularze): strony nie da się bezpiecznie odczytać.")


def _form_draws(resources) -> int | None:
    """How many Form XObjects drawing a page draws in all, counting repeats (at most just past the cap);
    None when a form, through the forms it draws, draws itself. Each form is expanded once (depth first,
    by object number) and its count reused, so a deep or wide tree of forms stays linear."""
    done: dict[int, int] = {}                  # object number -> forms drawn when it is drawn once
    on_path: set[int] = set()
    # Frames: [object number (None: the page), times drawn, forms it draws, forms counted so far].
    frames = [[None, 1, iter(_forms(resources, None)), 0]]
    while frames:
        frame = frames[-1]
        child = next(frame[2], None)
        if child is None:
            frames.pop()
            if frame[0] is None:
                return frame[3]
            on_path.discard(frame[0])
            done[frame[0]] = min(1 + frame[3], _MAX_FORM_DRAWS + 1)
            frames[-1][3] = min(frames[-1][3] + frame[1] * done[frame[0]], _MAX_FORM_DRAWS + 1)
            continue
        objid, form, form_resources, times = child
        if objid in on_path:
            return None
        if objid in done:
            frame[3] = min(frame[3] + times * done[objid], _MAX_FORM_DRAWS + 1)
        else:
            on_path.add(objid)
            frames.append([objid, times, iter(_forms(form_resources, _drawn(form))), 0])
    return 0


def _forms(resources, drawn: Counter | None) -> list[tuple[int, PDFStream, object, int]]:
    """(object number, form, resources it draws with, times drawn) of the Form XObjects in `resources`:
    those `drawn` names, as often as it names them; all of them once when `drawn` is None (a page). A
    form without resources of its own draws with those it was found in."""
    resources = resolve1(resources)
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return []
    forms = []
    for name, ref in xobjects.items():
        times = 1 if drawn is None else drawn.get(name, 0)
        form = resolve1(ref) if isinstance(ref, PDFObjRef) and times else None
        if isinstance(form, PDFStream) and getattr(form.get("Subtype"), "name", None) == "Form":
            forms.append((ref.objid, form, form.get("Resources") or resources, times))
    return forms


def _drawn(form: PDFStream) -> Counter:
    """How often a form's content draws each XObject (`/Name Do`). pdfminer keeps the decoded data, so
    reading the text layer afterwards does not decode it again."""
    return Counter(name.decode("latin-1") for name in _DO.findall(form.get_data()))


def _page_lines(page, scale: float) -> tuple[Line, ...]:
    leaders = _leader_runs(page.chars)
    # Dotted lines and the turned letters of a stamp's ring (drawn over the names) are not the letter's text.
    dropped = {id(c) for run in leaders for c in run} | {id(c) for c in page.chars if _turned(c)}
    if dropped:
        page = page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) not in dropped)
    # In drawing order, and split where the colour changes: a stamp printed over a name (another
    # colour, drawn later) comes apart from it instead of interleaving letter by letter.
    words = page.extract_words(keep_blank_chars=False, use_text_flow=True, extra_attrs=["non_stroking_color"])
    rows: list[tuple[float, float, object, list[Word]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        box = tuple(int(v * scale) for v in (w["x0"], w["top"], w["x1"], w["bottom"]))
        top, bottom, color = _on_dots(w, leaders) or (w["top"], w["bottom"], str(w.get("non_stroking_color")))
        middle = (top + bottom) / 2
        # A word joins the line of its colour whose height holds its middle: typed-over values jitter.
        row = next((r for r in reversed(rows[-6:]) if r[0] <= middle <= r[1] and r[2] == color), None)
        if row is None:
            rows.append((top, bottom, color, [Word(w["text"], 100.0, box)]))
        else:
            row[3].append(Word(w["text"], 100.0, box))
    return tuple(Line(tuple(sorted(ws, key=lambda w: w.box[0]))) for _, _, _, ws in rows)


def _on_dots(word: dict, leaders: list[list[dict]]) -> tuple[float, float, str] | None:
    """The band and colour of the dotted line a word was typed over (a form filled in on screen, the
    value in another colour and size): the word belongs to that line, after its label."""
    centre = (word["x0"] + word["x1"]) / 2
    for run in leaders:
        top, bottom = run[0]["top"], run[0]["bottom"]
        if run[0]["x0"] <= centre <= run[-1]["x1"] and word["top"] < bottom and word["bottom"] > top:
            return top, bottom, str(run[0].get("non_stroking_color"))
    return None


def _turned(char: dict) -> bool:
    """Set at an angle (a stamp's ring of text), not along the line."""
    a, b, c, d = char.get("matrix", (1, 0, 0, 1, 0, 0))[:4]
    return not char.get("upright", True) or abs(b) > 0.05 * abs(a) or abs(c) > 0.05 * abs(d)


_LEADER_GLYPHS = frozenset("._…·")
_LEADER_RUN = 3


def _leader_runs(chars: list[dict]) -> list[list[dict]]:
    """The dots of dotted lines ("nip ..........."), one run per line, left to right, which a form
    filled in on screen keeps under the typed value: left in, they interleave with its letters
    ("..T..a..r..n..ó..w")."""
    rows: dict[tuple, list[dict]] = defaultdict(list)
    for char in chars:
        if char["text"] in _LEADER_GLYPHS:
            rows[(round(char["top"]), char["fontname"], round(char["size"], 1))].append(char)
    leaders: list[list[dict]] = []
    for dots in rows.values():
        dots.sort(key=lambda c: c["x0"])
        run = [dots[0]]
        for dot in dots[1:] + [None]:
            if dot is not None and abs(dot["x0"] - run[-1]["x1"]) < 0.5:
                run.append(dot)
                continue
            if len(run) >= _LEADER_RUN:
                leaders.append(run)
            run = [dot]
    return leaders
