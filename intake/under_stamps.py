"""Print under a stamp. A grey or coloured stamp pressed over the signer's printed name makes
tesseract's layout analysis take the whole place for a picture: the name, the role and the caption
under it come back as nothing. The stamp's ink is paler or more coloured than print, so with it taken
away the print reads. (A black stamp on a fax cannot be told from print: nothing is found there.)"""
import cv2
import numpy as np

from .ink import HALF, PRINT, HalfPage, colored_ink
from .pages import Box, Line

_PALE = 215                    # ink paler than this is paper
_MOST = 4                      # stamps looked under on one page, at most


def stamp_places(half: HalfPage) -> list[Box]:
    """Boxes (full resolution) of stamp-sized blots of pale or coloured ink, away from print."""
    small, tint = half.gray, half.colored > 0
    dark = (small < PRINT) & ~tint
    pale = ((small >= PRINT) & (small < _PALE)) | tint
    # The grey rim of every printed letter is pale too: only pale ink clear of print counts.
    pale &= cv2.dilate(dark.astype(np.uint8), np.ones((5, 5), np.uint8)) == 0
    blots = cv2.morphologyEx(pale.astype(np.uint8) * 255, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(blots, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    places = []
    for x, y, w, h in (cv2.boundingRect(contour) for contour in contours):
        if not (90 <= w <= 500 and 60 <= h <= 400):
            continue
        share = np.count_nonzero(pale[y:y + h, x:x + w]) / (w * h)
        if share >= 0.03:
            x0, x1 = _widened(dark, x, y, w, h)
            places.append((int(w * h), tuple(int(v) * HALF for v in (x0, y, x1, y + h))))
    return [box for _, box in sorted(places, reverse=True)[:_MOST]]


def _widened(dark: np.ndarray, x: int, y: int, w: int, h: int) -> tuple[int, int]:
    """The blot's columns, widened to the whole of the printed words that run out from under it (a
    name begins left of the stamp), but not to the block beside it: words stand closer than blocks."""
    rows = cv2.morphologyEx(dark[y:y + h].astype(np.uint8), cv2.MORPH_CLOSE, np.ones((1, 25), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(rows)
    left, right = x, x + w
    for px, _, pw, _, _ in stats[1:count]:
        if px < x + w and px + pw > x:
            left, right = min(left, px), max(right, px + pw)
    return max(0, left - 4), min(dark.shape[1], right + 4)


def without_stamps(reading: np.ndarray, page: np.ndarray, rgb: np.ndarray, places: list[Box]) -> list[np.ndarray]:
    """The page as OCR sees it, with the stamps' pale and coloured ink whitened within `places`, in
    each of three ways, for the caller to read all three and keep the surest: print's grey rim taken
    too (letters a stroke crosses read better so), kept (thin letters read better so), and kept with
    a signature's long strokes erased as well (a stroke touching the name's row makes tesseract drop
    the row). Which reads best differs from page to page."""
    bare, rimmed, unsigned = reading.copy(), reading.copy(), reading.copy()
    for x0, y0, x1, y1 in places:
        gray, tint = page[y0:y1, x0:x1], colored_ink(rgb[y0:y1, x0:x1]) > 0
        stamp = (gray >= PRINT) | tint
        bare[y0:y1, x0:x1][stamp] = 255
        stamp &= cv2.dilate(((gray < PRINT) & ~tint).astype(np.uint8), np.ones((3, 3), np.uint8)) == 0
        rimmed[y0:y1, x0:x1][stamp] = 255
        unsigned[y0:y1, x0:x1] = rimmed[y0:y1, x0:x1]
        _erase_strokes(unsigned[y0:y1, x0:x1])
    return [bare, rimmed, unsigned]


def _erase_strokes(crop: np.ndarray) -> None:
    """White out pieces of ink taller or longer than print (300 dpi: a letter of 11 pt is about 30
    pixels high): a signature's strokes."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats((crop < 128).astype(np.uint8))
    width, height = stats[:, 2], stats[:, 3]
    long = (height > _TALL) | ((width > 200) & (height > 40))
    long[0] = False                     # the background
    crop[long[labels]] = 255


_TALL = 70


def print_left(page: np.ndarray, rgb: np.ndarray, box: Box, lines: tuple[Line, ...]) -> bool:
    """Whether print-dark ink under the stamp is left that page OCR did not read surely (a name it
    dropped, or a signature across the stamp), and the stamp is not itself print-dark (a fax's
    black, which nothing tells from print)."""
    x0, y0, x1, y1 = box
    gray = page[y0:y1, x0:x1]
    dark = (gray < PRINT) & (colored_ink(rgb[y0:y1, x0:x1]) == 0)
    total = np.count_nonzero(dark)
    if not 0 < total <= 0.7 * np.count_nonzero(gray < _PALE):
        return False
    for word in (w for line in lines for w in line.words if w.conf >= 60):
        a0, b0, a1, b1 = word.box
        dark[max(0, b0 - y0):max(0, b1 - y0), max(0, a0 - x0):max(0, a1 - x0)] = False
    return np.count_nonzero(dark) >= 0.2 * total


def print_is_dark(page: np.ndarray, lines: tuple[Line, ...]) -> bool:
    """Whether the page's print, in the words read surely, is mostly darker than a stamp's grey: on
    a pale scan print and stamp are one grey, and whitening the stamp would whiten the print too."""
    dark = ink = 0
    for word in (w for line in lines for w in line.words if w.conf >= 80 and len(w.text) >= 4):
        x0, y0, x1, y1 = word.box
        crop = page[y0:y1, x0:x1]
        dark, ink = dark + np.count_nonzero(crop < PRINT), ink + np.count_nonzero(crop < _PALE)
    return ink > 0 and dark >= 0.5 * ink
