"""Read a file into a Document: the intake pipeline as a short list of stages."""
import resource
import time
from typing import Callable

import numpy as np

from . import cleanup, ocr
from .errors import NoPages, TooLarge
from .images import decode_pages
from .ink import HalfPage, find_marks, half_page
from .limits import Limits
from .lost_lines import lost_rows
from .pages import Box, Document, Line, Page, Reread, overlap
from .pdf import load_pages, open_pdf, render_page, structure_flags, text_layers
from .sniff import sniff
from .stopwatch import Stopwatch
from .under_stamps import print_is_dark, print_left, stamp_places, without_stamps

# Picks the lines worth a second reading (the verify stage knows which fields decide a case), each
# with whether it is worth readings at other sizes too (its value was read unsurely).
Focus = Callable[[tuple[Line, ...]], list[tuple[Box, bool]]]

# Below this, a page's OCR is doubtful enough to try it upside down.
_UPRIGHT_CONFIDENCE = 70
# Below this, a page (streaks, banding, JPEG noise) is also read through a harder clean-up.
_HARD_PAGE = 80


def read_document(data: bytes, limits: Limits, focus: Focus | None = None) -> Document:
    """Every readable page of a PDF or image file, OCR'd, with the text layer where there is one."""
    started, watch = time.monotonic(), Stopwatch()
    if len(data) > limits.max_file_bytes:
        raise TooLarge(f"Plik ma {len(data) // 1024} KB (limit {limits.max_file_bytes // 1024} KB).")
    with watch.stage("decode"):
        filetype = sniff(data)
        if filetype == "pdf":
            images, count, layers, flags, straight = _pdf_pages(data, limits)
        else:
            images, count = decode_pages(data, filetype, limits)
            layers, flags, straight = [None] * count, (), [False] * count
    pages, blank = [], []
    for number, (rgb, layer, drawn) in enumerate(zip(images, layers, straight), start=1):
        page = read_page(number, rgb, layer, limits, focus, watch, drawn)
        (pages.append(page) if page else blank.append(number))
    if not pages:
        raise NoPages("Wszystkie strony są puste.")
    return Document(filetype, count, tuple(pages), tuple(blank), flags, time.monotonic() - started,
                    watch.totals(), _peak_memory_mb())


def read_page(number: int, rgb: np.ndarray, layer: tuple[Line, ...] | None, limits: Limits,
              focus: Focus | None = None, watch: Stopwatch | None = None, straight: bool = False) -> Page | None:
    """Clean one page image and OCR it; None when the page is blank. A `straight` page (a PDF's own
    text) is not straightened: a slanted stamp on a page of few lines would pass for its skew."""
    watch = watch or Stopwatch()
    with watch.stage("clean-up"):
        cleaned = _cleaned(rgb, layer is None, straight)
    if cleaned is None:
        return None
    page, rgb, rotation, skew, dewarped = cleaned
    with watch.stage("clean-up"):
        reading = cleanup.for_reading(page)
    lines, turned = _upright_lines(reading, limits, watch)
    if turned:
        page, rgb, rotation = cleanup.turn(page, turned), cleanup.turn(rgb, turned), (rotation + turned) % 360
        reading = cleanup.turn(reading, turned)
    with watch.stage("ocr"):
        if _confidence(lines) < _HARD_PAGE:
            lines, reading = _better_of(lines, reading, cleanup.for_reading(cleanup.harder(page)), limits)
        lines = _with_lost_lines(reading, lines, limits)
    with watch.stage("under stamps"):
        half = half_page(page, rgb)
        lines = _with_print_under_stamps(page, rgb, half, reading, lines, limits)
    with watch.stage("second opinion"):
        rereads = _reread(reading, focus(lines), limits) if focus else ()
    if layer is not None and rotation:
        layer = None     # a text layer under a turned scan cannot be placed; OCR alone decides
    with watch.stage("marks"):
        marks = find_marks(page, rgb, lines, half, _print_in_place(layer, skew))
    with watch.stage("preview"):
        preview = cleanup.preview(rgb)
    height, width = page.shape
    return Page(number, width, height, lines, layer, marks, rereads, rotation, skew, dewarped, preview)


# A text layer stays on the print of a page straightened by less than this (degrees): a pixel or two.
_LAYER_SKEW = 0.3


def _print_in_place(layer: tuple[Line, ...] | None, skew: float) -> tuple[Line, ...]:
    """The text layer's lines, where they still lie on the print of the cleaned page."""
    return layer if layer and abs(skew) < _LAYER_SKEW else ()


def _cleaned(rgb: np.ndarray, scanned: bool, straight: bool = False):
    """The page flattened (a photo), at the standard size, evenly lit, on its feet as far as the ink
    tells and straight: (gray page, colour page, rotation, skew, dewarped), or None when it is blank."""
    corners = cleanup.find_page(rgb) if scanned else None
    if corners is not None:
        rgb = cleanup.dewarp(rgb, corners)
    bilevel = cleanup.is_bilevel(rgb)
    rgb = cleanup.standard_size(rgb)
    page = cleanup.even_light(cleanup.gray(rgb))
    if bilevel:
        page = cleanup.fill_dropped_rows(page)
    if cleanup.is_blank(page):
        return None
    ink = cleanup.line_ink(page)
    rotation = 90 if cleanup.is_sideways(ink) else 0
    page, rgb, ink = cleanup.turn(page, rotation), cleanup.turn(rgb, rotation), cleanup.turn(ink, rotation)
    skew = 0.0 if straight else cleanup.find_skew(ink)
    return cleanup.straighten(page, skew), cleanup.straighten(rgb, skew), rotation, skew, corners is not None


def _upright_lines(page: np.ndarray, limits: Limits, watch: Stopwatch) -> tuple[tuple[Line, ...], int]:
    """OCR the page as it stands; if its lines came out standing up (the page lies on its side after
    all: rules or streaks misled the guess), turned a quarter; if it reads poorly, also upside down.
    Returns the lines and the clockwise turn that gave them. (The first reading is the page's OCR; the
    others are the price of not knowing which way up it is.)"""
    with watch.stage("ocr"):
        lines = ocr.read_lines(page, limits)
    with watch.stage("orientation"):
        return _turned_if_better(page, lines, limits)


def _turned_if_better(page: np.ndarray, lines: tuple[Line, ...], limits: Limits) -> tuple[tuple[Line, ...], int]:
    turned = 0
    if _standing(lines):
        # Which way it lies is not known: a quarter turn either way. Tesseract reads standing text
        # too, as well as upright, so a reading still standing counts for less.
        for quarter in (90, 270):
            again = ocr.read_lines(cleanup.turn(page, quarter), limits)
            if _upright_score(again) > _upright_score(lines):
                lines, turned = again, quarter
            if _confidence(again) >= _UPRIGHT_CONFIDENCE:
                break           # read well this way: the other way is upside down
    if _confidence(lines) >= _UPRIGHT_CONFIDENCE:
        return lines, turned
    flipped = ocr.read_lines(cleanup.turn(page, (turned + 180) % 360), limits)
    return (flipped, (turned + 180) % 360) if _score(flipped) > _score(lines) else (lines, turned)


def _better_of(lines: tuple[Line, ...], reading: np.ndarray, other: np.ndarray,
               limits: Limits) -> tuple[tuple[Line, ...], np.ndarray]:
    """A page read poorly is read again through another clean-up; the surer reading is kept."""
    again = ocr.read_lines(other, limits)
    return (again, other) if _confidence(again) > _confidence(lines) else (lines, reading)


def _with_lost_lines(page: np.ndarray, lines: tuple[Line, ...], limits: Limits) -> tuple[Line, ...]:
    """The page's lines and those of the rows of print that page OCR left out, read on their own."""
    height, width = page.shape
    boxes = [(max(0, x0 - _PAD), max(0, y0 - _PAD), min(width, x1 + _PAD), min(height, y1 + _PAD))
             for x0, y0, x1, y1 in lost_rows(page, lines)]
    found = ocr.read_rows(page, boxes, _LOST_SCALE, limits)
    # Tesseract now and then gives nothing for a row it reads well a little larger or smaller.
    empty = [box for box in boxes if not any(overlap(line.box, box) > 0.5 for line in found)]
    found = [line for line in found + ocr.read_rows(page, empty, _LOST_RETRY_SCALE, limits) if _worth_keeping(line)]
    return tuple(sorted(lines + tuple(found), key=lambda line: (line.box[1], line.box[0]))) if found else lines


def _with_print_under_stamps(page: np.ndarray, rgb: np.ndarray, half: HalfPage, reading: np.ndarray,
                             lines: tuple[Line, ...], limits: Limits) -> tuple[Line, ...]:
    """The lines under grey or coloured stamps, read again with the stamps' ink taken away; a line
    read so replaces the page OCR's readings of the same place when it is the surer (page OCR reads
    bits of the stamp's own print there, or nothing)."""
    if not print_is_dark(page, lines):
        return lines
    places = [box for box in stamp_places(half) if print_left(page, rgb, box, lines)]
    if not places:
        return lines
    readings = [ocr.read_rows(clear, places, 1.0, limits) for clear in without_stamps(reading, page, rgb, places)]
    for line in max(readings, key=lambda found: sum(_sure_letters(line) for line in found)):
        rivals = [old for old in lines if overlap(old.box, line.box) > 0.3]
        if _sure_letters(line) >= 3 and all(_surer(line, old) for old in rivals):
            lines = tuple(old for old in lines if old not in rivals) + (line,)
    return tuple(sorted(lines, key=lambda line: (line.box[1], line.box[0])))


def _surer(line: Line, rival: Line) -> bool:
    """More letters read surely, or read more surely on the whole (the rival mixing the stamp's own
    print into the name: "Bożeną sit SIEDLCE" for "Bożena Łęcka")."""
    return _sure_letters(line) > _sure_letters(rival) or _mean_conf(line) > _mean_conf(rival)


def _mean_conf(line: Line) -> float:
    return sum(w.conf for w in line.words) / max(1, len(line.words))


def _sure_letters(line: Line) -> int:
    return sum(sum(c.isalnum() for c in w.text) for w in line.words if w.conf >= 60)


_PAD = 8
# Tesseract lost these rows at the page's size; at 0.6 of it the same rows read (a value in a script
# font over a form's dots came back at 0.5 to 0.75 of 300 dpi, not at 0.9 to 1.5).
_LOST_SCALE = 0.6
_LOST_RETRY_SCALE = 0.75


def _worth_keeping(line: Line) -> bool:
    """A real line of print read back, not noise: a word of three letters or digits read surely, or
    a long number however unsurely (specks never read as ten digits; the field stays unsure)."""
    sure = any(w.conf >= 60 and sum(c.isalnum() for c in w.text) >= 3 for w in line.words) \
        and sum(w.conf for w in line.words) / len(line.words) >= 50
    return sure or any(sum(c.isdigit() for c in w.text) >= 8 for w in line.words)


def _standing(lines: tuple[Line, ...]) -> bool:
    """Most lines of some length taller than wide: text running down the page."""
    long = [line.box for line in lines if len(line.text) >= 8]
    return len(long) >= 4 and sum(b[3] - b[1] > b[2] - b[0] for b in long) > len(long) / 2


def _confidence(lines: tuple[Line, ...]) -> float:
    words = [w for line in lines for w in line.words if len(w.text) > 2]
    return sum(w.conf for w in words) / len(words) if len(words) >= 8 else 0.0


def _score(lines: tuple[Line, ...]) -> float:
    return sum(w.conf for line in lines for w in line.words if len(w.text) > 2)


def _upright_score(lines: tuple[Line, ...]) -> float:
    return _score(lines) * (0.9 if _standing(lines) else 1.0)


def _reread(page: np.ndarray, focus: list[tuple[Box, bool]], limits: Limits) -> tuple[Reread, ...]:
    """The decisive lines read again by the English model; those read unsurely also at other sizes, by
    both models (tesseract's misreadings change with the size of the print: readings to vote on)."""
    height, width = page.shape
    crops, kept, unsure = [], [], []
    for (x0, y0, x1, y1), doubtful in focus:
        pad = max(8, (y1 - y0) // 2)
        crop = page[max(0, y0 - pad):min(height, y1 + pad), max(0, x0 - pad):min(width, x1 + pad)]
        if crop.size:
            unsure += [len(crops)] if doubtful else []
            crops.append(crop)
            kept.append((x0, y0, x1, y1))
    english = [(i, scale) for i in unsure for scale in _SIZES]
    polish = [(i, scale) for i in unsure for scale in _POLISH_SIZES]
    # One call per model: the crops as they are, then the unsure ones at the other sizes.
    texts = ocr.read_crops(crops + [cleanup.scaled(crops[i], scale) for i, scale in english], limits)
    found = [Reread(box, text) for box, text in zip(kept, texts)]
    found += [Reread(kept[i], text, f"eng@{scale}") for (i, scale), text in zip(english, texts[len(crops):])]
    texts = ocr.read_crops([cleanup.scaled(crops[i], scale) for i, scale in polish], limits, ocr.LANG)
    found += [Reread(kept[i], text, f"{ocr.LANG}@{scale}") for (i, scale), text in zip(polish, texts)]
    return tuple(found)


# Sizes an unsure line is read at too, by the English model and by the Polish one (whose reading at
# the page's size is the first reading).
_SIZES = (0.5, 0.7, 1.4)
_POLISH_SIZES = (0.7, 1.4)


def _peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024     # Linux counts in KB


def _pdf_pages(data: bytes, limits: Limits):
    pdf = open_pdf(data, limits)
    try:
        # The text layer first: reading it vets the page's forms, which pdfium would expand without end
        # on merely loading a page.
        layers = text_layers(data, limits.render_dpi)
        load_pages(pdf)
        flags = structure_flags(data, pdf)
        images = [render_page(pdf, i, limits) for i in range(len(pdf))]
        return images, len(pdf), [lines or None for lines, _ in layers], flags, [straight for _, straight in layers]
    finally:
        pdf.close()
