"""Ink that OCR did not read as text: handwritten signatures and stamps, as candidate boxes.

Worked out at half the page's resolution (150 dpi): plenty for blobs of ink, and four times cheaper.
"""
from dataclasses import dataclass

import cv2
import numpy as np

from .pages import Line, Mark, overlap

_SCALE = HALF = 2      # marks and stamps are looked for at half the resolution
PRINT = 100            # print and pen are darker than this (half resolution, evenly lit); a grey stamp is not
_MIN_WIDTH, _MIN_HEIGHT = 35, 12      # at 150 dpi: about 6 x 2 mm


@dataclass(frozen=True)
class HalfPage:
    """The page at half resolution, grey, and where its ink is coloured: what marks and stamps are
    looked for in (made once per page, for both)."""
    gray: np.ndarray
    colored: np.ndarray


def half_page(page: np.ndarray, rgb: np.ndarray | None) -> HalfPage:
    gray = _half(page)
    return HalfPage(gray, colored_ink(_half(rgb)) if rgb is not None else np.zeros_like(gray))


def find_marks(page: np.ndarray, rgb: np.ndarray | None, lines: tuple[Line, ...],
               half: HalfPage | None = None, printed: tuple[Line, ...] = ()) -> tuple[Mark, ...]:
    """Boxes of ink left once confidently read words and ruled lines are taken away. `printed` are
    lines known to be print whatever OCR made of them: a PDF's text layer, where it lies on the page."""
    half = half or half_page(page, rgb)
    page, colored = half.gray, half.colored
    ink = (page < 150).astype(np.uint8) * 255
    ink = cv2.bitwise_or(ink, colored)
    faint = cv2.bitwise_or((page < 215).astype(np.uint8) * 255, colored)
    frames = _distinct(tuple(_frames(faint)) + tuple(_frames(faint, _straight_strokes(faint))))
    frames = tuple(f for f in _not_cells(frames) if not _ruled_on(faint, f.box))
    ink = cv2.subtract(ink, _ruled_lines(ink))
    for word in _printed_words(lines) + [w for line in printed for w in line.words]:
        x0, y0, x1, y1 = (v // _SCALE for v in word.box)
        ink[max(0, y0 - 2):y1 + 2, max(0, x0 - 2):x1 + 2] = 0
    clusters = tuple(_clusters(ink, colored, faint))
    # A round stamp dark enough to be ink is a cluster already (framed by its ring); a paler one is not.
    framed = [m for m in clusters + frames if m.framed]
    pale = tuple(r for r in _rings(faint) if not any(overlap(r.box, m.box) > 0.3 for m in framed))
    return frames + pale + clusters + tuple(_signatures_over_stamps(ink, page, colored, clusters))


def _printed_words(lines: tuple[Line, ...]):
    """Words read surely as print. A signature OCR took for a short word ("au") is far taller than
    the page's words: it stays ink (a heading's long words in large type go)."""
    sure = [w for line in lines for w in line.words if w.conf >= 60 and len(w.text) > 1]
    heights = sorted(w.box[3] - w.box[1] for w in sure)
    tallest = 1.8 * heights[len(heights) // 2] if heights else 0
    return [w for w in sure if w.box[3] - w.box[1] <= tallest or (len(w.text) > 4 and w.conf >= 75)]


def _half(image: np.ndarray) -> np.ndarray:
    return cv2.resize(image, None, fx=1 / _SCALE, fy=1 / _SCALE, interpolation=cv2.INTER_AREA)


def colored_ink(rgb: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    saturated = (hsv[:, :, 1] > 70) & (hsv[:, :, 2] < 235) & (hsv[:, :, 2] > 40)
    return saturated.astype(np.uint8) * 255


def _ruled_lines(ink: np.ndarray) -> np.ndarray:
    """Long thin horizontal strokes: signature lines, dots, underlines."""
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, 9), np.uint8))
    lines = cv2.morphologyEx(closed, cv2.MORPH_OPEN, np.ones((1, 60), np.uint8))
    return cv2.dilate(lines, np.ones((3, 1), np.uint8))


def _straight_strokes(ink: np.ndarray) -> np.ndarray:
    """Only the long straight horizontal and vertical strokes: a stamp's sides without the signature
    written across them (which would merge frame and scribble into one shapeless outline)."""
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, 45), np.uint8))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((25, 1), np.uint8))
    # Thickened, not closed: closing leaves the small gap where a rounded corner meets a tilted side.
    return cv2.dilate(cv2.bitwise_or(across, down), np.ones((9, 9), np.uint8))


def _distinct(frames: tuple[Mark, ...]) -> tuple[Mark, ...]:
    """One frame per place, the tightest: the passes often find the same stamp, once with a stroke of
    the signature that runs on from its side."""
    kept: list[Mark] = []
    for frame in sorted(frames, key=lambda f: _area(f.box)):
        if not any(overlap(frame.box, other.box) > 0.5 for other in kept):
            kept.append(frame)
    return tuple(kept)


def _not_cells(frames: tuple[Mark, ...]) -> tuple[Mark, ...]:
    """Frames that are not the cells of a table: a cell shares a side with the cell beside it or below
    it (a letter laid out as a table of fields); a stamp stands alone."""
    return tuple(f for f in frames if not any(_adjoining(f.box, o.box) for o in frames if o is not f))


def _ruled_on(ink: np.ndarray, box) -> bool:
    """A top or bottom side that runs on past a corner: the frame is a cell of a ruled table, not a
    stamp. (Only rules across: a scanner's streak runs down the page through a stamp's frame.)"""
    x0, y0, x1, y1 = (v // _SCALE for v in box)
    run, reach = 20, 3
    strips = [ink[max(0, y - reach):y + reach + 1, x:x + run] for y in (y0, y1)
              for x in (x1 + reach, max(0, x0 - reach - run))]
    return any(s.shape[1] == run and s.any(axis=0).mean() >= 0.9 for s in strips)


def _adjoining(a, b) -> bool:
    near = 20      # pixels at 300 dpi: the width of a rule and a little
    rows = abs(a[1] - b[1]) < near and abs(a[3] - b[3]) < near and (abs(a[2] - b[0]) < 2 * near or abs(b[2] - a[0]) < 2 * near)
    columns = abs(a[0] - b[0]) < near and abs(a[2] - b[2]) < near and (abs(a[3] - b[1]) < 2 * near or abs(b[3] - a[1]) < 2 * near)
    return rows or columns


def _area(box) -> int:
    return (box[2] - box[0]) * (box[3] - box[1])


def _frames(ink: np.ndarray, outline: np.ndarray | None = None):
    """Stamp-sized rectangles drawn in ink (a stamp's border), whatever is written inside them; their
    outline found in `outline` when given (the straight strokes alone), else in the ink itself."""
    closed = cv2.morphologyEx(ink if outline is None else outline, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    # Of the straight strokes, the inside of a frame too: a stroke of the signature that runs on from a
    # side spoils the frame's outer outline, never the hole within it.
    mode = cv2.RETR_EXTERNAL if outline is None else cv2.RETR_CCOMP
    contours, _ = cv2.findContours(closed, mode, cv2.CHAIN_APPROX_SIMPLE)
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not (120 <= w <= 700 and 40 <= h <= 350 and 1.2 <= w / h <= 8):
            continue
        # The outline hugs its rotated bounding box: a rectangle, perhaps tilted or with rounded corners.
        rectangle = cv2.minAreaRect(contour)
        (_, _), (rw, rh), _ = rectangle
        if cv2.contourArea(cv2.convexHull(contour)) < 0.85 * rw * rh or _border_ink(closed, rectangle) < 0.35:
            continue
        inside = ink[y + h // 5:y + h - h // 5, x + w // 10:x + w - w // 10]
        if np.count_nonzero(inside) < 0.02 * inside.size:
            continue            # an empty box (a form field), not a stamp
        box = tuple(int(v) * _SCALE for v in (x, y, x + w, y + h))
        yield Mark(box, round(float(np.count_nonzero(ink[y:y + h, x:x + w])) / (w * h), 3), False, 0, True)


def _rings(faint: np.ndarray):
    """Round stamps drawn in ink too pale to count as ink (a grey stamp on a dirty scan): a closed
    outline, round and stamp-sized, with ink all along its circle."""
    closed = cv2.morphologyEx(faint, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(closed, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not (80 <= min(w, h) and max(w, h) <= 350 and 0.8 <= w / h <= 1.25):
            continue
        if cv2.contourArea(cv2.convexHull(contour)) < 0.85 * np.pi / 4 * w * h:
            continue        # not round: a loop of a signature, a letter's bowl
        if not _ring(faint, x - 10, y - 6, w + 20, h + 12):
            continue
        box = tuple(int(v) * _SCALE for v in (x, y, x + w, y + h))
        yield Mark(box, round(float(np.count_nonzero(faint[y:y + h, x:x + w])) / (w * h), 3), False, 0, True)


def _border_ink(ink: np.ndarray, rectangle) -> float:
    """Share of the rectangle's outline drawn in ink: high for a stamp's frame, low for a scribble."""
    outline = np.zeros_like(ink)
    cv2.drawContours(outline, [cv2.boxPoints(rectangle).astype(np.int32)], 0, 255, 3)
    return np.count_nonzero(outline & ink) / max(1, np.count_nonzero(outline))


def _clusters(ink: np.ndarray, colored: np.ndarray, faint: np.ndarray):
    grouped = cv2.dilate(ink, np.ones((13, 21), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(grouped)
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        if w < _MIN_WIDTH or h < _MIN_HEIGHT:
            continue
        region = ink[y:y + h, x:x + w]
        share = float(np.count_nonzero(region)) / (w * h)
        if share < 0.01:
            continue
        pieces, _, sizes, _ = cv2.connectedComponentsWithStats(region)
        areas = sorted(sizes[1:pieces, 4], reverse=True)
        color_share = np.count_nonzero(colored[y:y + h, x:x + w] & region) / max(1, np.count_nonzero(region))
        box = tuple(int(v) * _SCALE for v in (x, y, x + w, y + h))
        yield Mark(box, round(share, 3), bool(color_share > 0.5), pieces - 1, _ring(faint, x, y, w, h),
                   round(sum(areas[:3]) / max(1, sum(areas)), 2))


def _signatures_over_stamps(ink: np.ndarray, page: np.ndarray, colored: np.ndarray, clusters: tuple[Mark, ...]):
    """A black signature drawn across a grey or coloured stamp merges with it into one blot of many
    pieces, which reads as a stamp alone. Its darkest ink, the stamp's paler or coloured ink left out,
    is looked at on its own: the long strokes in it, if they hold most of it, are handwriting (what
    is left of the letters it crosses comes in small pieces)."""
    dark = cv2.bitwise_and(ink, ((page < PRINT) & (colored == 0)).astype(np.uint8) * 255)
    for blot in clusters:
        if blot.components < 25:
            continue
        x0, y0, x1, y1 = (v // _SCALE for v in blot.box)
        count, _, stats, _ = cv2.connectedComponentsWithStats(dark[y0:y1, x0:x1])
        pieces = stats[1:count]
        long = pieces[(pieces[:, 2] >= _LONG[0]) | (pieces[:, 3] >= _LONG[1])]
        if not len(long) or long[:, 4].sum() < 0.5 * pieces[:, 4].sum() or len(long) > 6:
            continue
        left, top = int(long[:, 0].min()), int(long[:, 1].min())
        right, bottom = int((long[:, 0] + long[:, 2]).max()), int((long[:, 1] + long[:, 3]).max())
        if (right - left) * (bottom - top) > 0.7 * (x1 - x0) * (y1 - y0):
            continue        # the blot itself is in long strokes: already judged as it stands
        share = float(long[:, 4].sum()) / max(1, (right - left) * (bottom - top))
        box = tuple(int(v) * _SCALE for v in (x0 + left, y0 + top, x0 + right, y0 + bottom))
        yield Mark(box, round(share, 3), False, len(long), False, 1.0)


_LONG = (60, 45)      # half-resolution pixels (1 cm, 7 mm): wider or taller than any printed letter


_RING_POINTS = np.linspace(0, 2 * np.pi, 72, endpoint=False)


def _ring(faint: np.ndarray, x: int, y: int, w: int, h: int) -> bool:
    """A round stamp: ink all along a circle that fills the box (the box of the dilated cluster,
    10 pixels wider and 6 taller on each side than the ink). A signature's loops never close so."""
    if not (0.75 <= w / h <= 1.33 and min(w, h) >= 80):
        return False
    cx, cy = x + w / 2, y + h / 2
    for shrink in range(0, 10, 2):
        xs = (cx + (w / 2 - 10 - shrink) * np.cos(_RING_POINTS)).astype(int)
        ys = (cy + (h / 2 - 6 - shrink) * np.sin(_RING_POINTS)).astype(int)
        hits = [faint[max(0, b - 2):b + 3, max(0, a - 2):a + 3].any() for a, b in zip(xs, ys)]
        if np.mean(hits) >= 0.85:
            return True
    return False
