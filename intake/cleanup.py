"""Image clean-up with OpenCV: the page flattened, upright, straight, evenly lit and at a standard size."""
import cv2
import numpy as np

# A4 at 300 dpi is 2480 pixels wide: tesseract's models are trained on text of about that scale.
PAGE_WIDTH = 2480
A4_RATIO = 297 / 210

cv2.setNumThreads(1)


def gray(rgb: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


def find_page(rgb: np.ndarray) -> np.ndarray | None:
    """The four corners of a sheet photographed on a darker background, or None for a flat scan."""
    small, factor = _shrink(gray(rgb), 800)
    blurred = cv2.GaussianBlur(small, (7, 7), 0)
    _, mask = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(contour) / (small.shape[0] * small.shape[1])
    if not 0.2 < share < 0.93:
        return None
    quad = cv2.approxPolyDP(contour, 0.02 * cv2.arcLength(contour, True), True)
    if len(quad) != 4 or not cv2.isContourConvex(quad):
        return None
    return _order_corners(quad.reshape(4, 2).astype(np.float32) / factor)


def dewarp(rgb: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Map the photographed sheet onto a flat A4 page."""
    top = np.linalg.norm(corners[1] - corners[0])
    side = np.linalg.norm(corners[3] - corners[0])
    ratio = A4_RATIO if side >= top else 1 / A4_RATIO
    width = PAGE_WIDTH if ratio > 1 else round(PAGE_WIDTH * A4_RATIO)
    height = round(width * ratio)
    target = np.float32([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]])
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(rgb, matrix, (width, height), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)


def standard_size(image: np.ndarray) -> np.ndarray:
    """Scale so that the shorter side matches an A4 page at 300 dpi."""
    short = min(image.shape[:2])
    if abs(short - PAGE_WIDTH) < 40:
        return image
    return scaled(image, PAGE_WIDTH / short)


def scaled(image: np.ndarray, factor: float) -> np.ndarray:
    """The image `factor` times its size: averaged down, interpolated up."""
    method = cv2.INTER_AREA if factor < 1 else cv2.INTER_LINEAR
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=method)


def even_light(page: np.ndarray) -> np.ndarray:
    """Divide out the background (shadows, gradients, yellowed paper) so the paper is white."""
    small, factor = _shrink(page, 600)
    background = cv2.dilate(small, np.ones((9, 9), np.uint8))
    background = cv2.medianBlur(background, 21)
    background = cv2.resize(background, (page.shape[1], page.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(page, np.maximum(background, 1), scale=255)
    return flat


def is_bilevel(image: np.ndarray) -> bool:
    """A black-and-white page (fax, 1-bit scan): only two grey levels."""
    sample = image[::7, ::7]
    return len(np.unique(sample)) <= 2


def fill_dropped_rows(page: np.ndarray) -> np.ndarray:
    """Faxes lose scan rows: thin white lines through the text that break tesseract's line finding.
    A slight blur then rounds off the jagged 1-bit edges, which the LSTM models read far better."""
    filled = cv2.morphologyEx(page, cv2.MORPH_OPEN, np.ones((3, 1), np.uint8))
    return cv2.GaussianBlur(filled, (3, 3), 0)


def is_blank(page: np.ndarray) -> bool:
    """A page with no text: under 0.1 % of ink once specks are removed."""
    small, _ = _shrink(page, 1000)
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 25)
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink)
    glyphs = [s for s in stats[1:] if 4 <= s[cv2.CC_STAT_HEIGHT] <= 60 and s[cv2.CC_STAT_AREA] >= 6]
    return len(glyphs) < 15


def turn(image: np.ndarray, degrees: int) -> np.ndarray:
    """Turn clockwise by a multiple of 90 degrees."""
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(image, codes[degrees]) if degrees in codes else image


def line_ink(page: np.ndarray) -> np.ndarray:
    """A small picture of the page's ink without long straight lines, for judging how its text runs:
    `is_sideways` and `find_skew` read it (turned with the page in between)."""
    small, _ = _shrink(page, 900)
    return _without_long_lines(cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1])


def is_sideways(ink: np.ndarray) -> bool:
    """True when text lines run vertically in `line_ink` of a page: it lies on its side (90 or 270°)."""
    # Lines blur into bands along their direction; the profile across them is the sharper one.
    rows = max(_sharpness(ink, a) for a in np.arange(-10, 10.01, 2.5))
    cols = max(_sharpness(np.ascontiguousarray(ink.T), a) for a in np.arange(-10, 10.01, 2.5))
    return cols > rows * 1.3


def find_skew(ink: np.ndarray) -> float:
    """The small angle (degrees) by which text lines lean in `line_ink` of a page, from the sharpest
    row profile."""
    # Coarse steps of a degree, then tenths within half a degree of the best: the fine pass covers it.
    best = _best_angle(ink, np.arange(-10, 10.01, 1.0))
    return _best_angle(ink, np.arange(best - 0.5, best + 0.51, 0.1))


def straighten(image: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < 0.15:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    white = (255,) * (image.shape[2] if image.ndim == 3 else 1)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=white)


def _without_long_lines(ink: np.ndarray) -> np.ndarray:
    """Ink without the straight lines that run for a good part of the page (a scanner's streaks, a
    table's rules), which would otherwise decide which way the text runs: the columns and rows that ink
    fills for most of the page, and any straight run longer than a tenth of the page."""
    height, width = ink.shape
    out = ink.copy()
    for axis in (0, 1):
        share = (ink > 0).mean(axis=axis)
        lines = np.flatnonzero(share > 0.35)
        for offset in (-1, 0, 1):
            hit = np.clip(lines + offset, 0, share.size - 1)
            if axis == 0:
                out[:, hit] = 0
            else:
                out[hit, :] = 0
    tall = cv2.morphologyEx(out, cv2.MORPH_OPEN, np.ones((max(3, height // 10), 1), np.uint8))
    wide = cv2.morphologyEx(out, cv2.MORPH_OPEN, np.ones((1, max(3, width // 10)), np.uint8))
    out = cv2.subtract(out, cv2.dilate(cv2.bitwise_or(tall, wide), np.ones((3, 3), np.uint8)))
    return _without_outlines(out)


def _without_outlines(ink: np.ndarray) -> np.ndarray:
    """Ink without large, thinly inked shapes: a stamp's frame set askew on a straight page (its long
    edges would align at the stamp's angle and outweigh lightly printed text), a signature's loops."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    width = ink.shape[1]
    box_area = stats[:, cv2.CC_STAT_WIDTH] * stats[:, cv2.CC_STAT_HEIGHT]
    outline = (stats[:, cv2.CC_STAT_WIDTH] > width // 12) & (stats[:, cv2.CC_STAT_AREA] < 0.15 * box_area)
    outline[0] = False      # the background
    if not outline.any():
        return ink
    return np.where(outline[labels], 0, ink).astype(ink.dtype)


def _best_angle(ink: np.ndarray, angles) -> float:
    scores = [_sharpness(ink, angle) for angle in angles]
    return float(angles[int(np.argmax(scores))])


def _sharpness(ink: np.ndarray, angle: float) -> float:
    """How sharply the row profile of the ink, turned by `angle`, changes: peaks when rows align."""
    height, width = ink.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    rotated = cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_NEAREST)
    profile = rotated.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(profile)).sum())


def _shrink(image: np.ndarray, longest: int) -> tuple[np.ndarray, float]:
    factor = min(1.0, longest / max(image.shape[:2]))
    if factor == 1.0:
        return image, 1.0
    return scaled(image, factor), factor


def _order_corners(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    total = points.sum(axis=1)
    diff = np.diff(points, axis=1).ravel()
    return np.float32([points[np.argmin(total)], points[np.argmin(diff)],
                       points[np.argmax(total)], points[np.argmax(diff)]])


def preview(rgb: np.ndarray, width: int = 1000, quality: int = 80) -> bytes:
    """A JPEG of the cleaned page, `width` pixels wide, for the operator's eyes (not for reading)."""
    scale = width / rgb.shape[1]
    small = cv2.resize(rgb, (width, max(1, round(rgb.shape[0] * scale))), interpolation=cv2.INTER_AREA)
    bgr = cv2.cvtColor(small, cv2.COLOR_RGB2BGR) if small.ndim == 3 else small
    ok, encoded = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return encoded.tobytes() if ok else b""


def harder(page: np.ndarray) -> np.ndarray:
    """Another clean-up for a page read poorly (JPEG noise, banding, low contrast, specks): the noise
    smoothed away and every pixel set black or white against its neighbourhood."""
    smooth = cv2.medianBlur(page, 3)
    return cv2.adaptiveThreshold(smooth, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 41, 18)


def for_reading(page: np.ndarray) -> np.ndarray:
    """The page as OCR should see it: without a form's dotted lines and without the rules of tables,
    boxes and signature lines, which make tesseract drop the text inside a cell. (Ink and stamps are
    looked for on the page itself.) Both are looked for at half the resolution first: four times
    cheaper."""
    ink = cv2.threshold(page, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    small = cv2.resize(ink, (ink.shape[1] // 2, ink.shape[0] // 2), interpolation=cv2.INTER_AREA)
    small = (small > 96).astype(np.uint8) * 255
    return erase_rules(erase_dotted_lines(page, ink, small), small)


_THICK = 9       # pixels at 300 dpi: a stroke this wide is a letter's, not a rule's


def erase_rules(page: np.ndarray, small: np.ndarray) -> np.ndarray:
    """White out straight horizontal rules longer than an eighth of the page and vertical ones longer
    than a fortieth (a table cell's side): no letter has a straight stroke that long. `small` is the
    page's ink at half the resolution."""
    height, width = small.shape
    across = cv2.morphologyEx(small, cv2.MORPH_OPEN, np.ones((1, max(3, width // 8)), np.uint8))
    down = cv2.morphologyEx(small, cv2.MORPH_OPEN, np.ones((max(3, height // 40), 1), np.uint8))
    # A rule is thin; the stem of a large heading's letter is as long as a cell's side, but thick.
    thick = cv2.morphologyEx(down, cv2.MORPH_OPEN, np.ones((1, (_THICK + 1) // 2), np.uint8))
    down = cv2.subtract(down, cv2.dilate(thick, np.ones((1, 3), np.uint8)))
    rules = cv2.bitwise_or(across, down)
    if not rules.any():
        return page
    rules = cv2.resize(cv2.dilate(rules, np.ones((3, 3), np.uint8)), (page.shape[1], page.shape[0]),
                       interpolation=cv2.INTER_NEAREST)
    out = page.copy()
    out[rules > 0] = 255
    return out


_DOT_SIDE = (2, 12)         # pixels at 300 dpi: the dots of a dotted line, not letters
_DOT_SIDE_HALF = (1, 6)     # the same at half the resolution
_LEADER_DOTS = 6            # dots in a row, evenly spaced, make a dotted line


def erase_dotted_lines(page: np.ndarray, ink: np.ndarray, small: np.ndarray) -> np.ndarray:
    """White out the dots of the dotted lines of a printed form: a value typed or written over them
    is otherwise read interleaved with dots ("..T..a..r..n..ó..w") or not at all. `ink` is the page's
    ink, `small` the same at half the resolution. Rows are looked for at half the resolution (cheap),
    then confirmed and cleared at the full one: at half, the dots of i's and Polish letters can pass
    for a dotted line."""
    out = page
    for row in _dotted_rows(small, _DOT_SIDE_HALF, scale=2):
        top, bottom = max(0, min(d[1] for d in row) - 8), max(d[1] + d[3] for d in row) + 8
        band = ink[top:bottom]
        for leaders in _dotted_rows(band, _DOT_SIDE):
            out = out.copy() if out is page else out
            _erase_band(out[top:bottom], band, leaders)
    return out


def _dotted_rows(ink: np.ndarray, side: tuple[int, int], scale: int = 1) -> list[list[tuple]]:
    """The dotted lines in `ink`, each as its dots (x, y, w, h, area), in the coordinates of an image
    `scale` times larger."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    stats = stats[1:count]
    w, h, area = stats[:, 2], stats[:, 3], stats[:, 4]
    low, high = side
    keep = (w >= low) & (w <= high) & (h >= low) & (h <= high) & (w <= 2 * h) & (h <= 2 * w) & (area >= 0.4 * w * h)
    # Not pieces cut off by the image's edge: in a band, the feet of letters standing on the line.
    keep &= (stats[:, 1] > 0) & (stats[:, 1] + h < ink.shape[0])
    dots = [(scale * int(x), scale * int(y), scale * int(dw), scale * int(dh), int(a)) for x, y, dw, dh, a in stats[keep]]
    return [leaders for row in _rows(dots) if (leaders := _leaders(row))]


def _erase_band(page: np.ndarray, ink: np.ndarray, dots: list[tuple]) -> None:
    """Clear the dots of a dotted line: every dot-sized blob in its band, those hidden among the
    value's letters included, and the dots the value's letters stand on, found where the line's
    pitch puts them between the dots on either side (only the band's own rows are cleared there: the
    letter stays above it). A stroke running through the band (a "p" going down) stays, as do an
    underscore or a letter's foot along the band, and commas and full stops wider than the dots."""
    width = sorted(d[2] for d in dots)[len(dots) // 2]
    top, bottom = min(d[1] for d in dots), max(d[1] + d[3] for d in dots)
    left, right = dots[0][0], dots[-1][0] + dots[-1][2]
    band = ink[top:bottom, left:right] > 0
    above = (ink[max(0, top - 2):top, left:right] > 0).any(axis=0)
    below = (ink[bottom:bottom + 2, left:right] > 0).any(axis=0)
    for start, end in _runs(band.any(axis=0)):
        if end - start <= width + 1 and not (above[start:end].any() or below[start:end].any()):
            page[max(0, top - 2):bottom + 2, left + start - 1:left + end + 1] = 255
    along = _long_runs(band, 2 * width + 2)
    for x in [d[0] for d in dots] + _hidden_dots(dots):
        start, end = max(0, x - left - 1), min(band.shape[1], x - left + width + 1)
        up, down = above[start:end].any(), below[start:end].any()
        # Only where a letter stands on it (or hangs into it): a dot on its own is the first rule's to
        # judge. Cleared with its grey rim on the side away from the letter.
        if start < end and not along[start:end].any() and up != down:
            page[top if up else max(0, top - 2):bottom + 2 if up else bottom, left + start:left + end] = 255


def _hidden_dots(dots: list[tuple]) -> list[int]:
    """Where the dots under a value lie: the gaps between neighbouring dots wider than the pitch,
    filled at the pitch (each gap on its own: a line typed in parts keeps its pitch, not its phase)."""
    gaps = sorted(b[0] - a[0] for a, b in zip(dots, dots[1:]))
    pitch = max(1, gaps[len(gaps) // 2]) if gaps else 1
    hidden = []
    for a, b in zip(dots, dots[1:]):
        steps = round((b[0] - a[0]) / pitch)
        hidden += [round(a[0] + i * (b[0] - a[0]) / steps) for i in range(1, steps)]
    return hidden


def _long_runs(band: np.ndarray, longer: int) -> np.ndarray:
    """Columns where a row of the band holds a run of ink longer than `longer` pixels: an underscore,
    a letter's foot, not a dot."""
    covered = np.zeros(band.shape[1], bool)
    for row in band:
        for start, end in _runs(row):
            if end - start > longer:
                covered[start:end] = True
    return covered


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """Start and end of each run of True."""
    padded = np.concatenate(([False], flags, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2], edges[1::2]))


def _rows(dots: list[tuple]) -> list[list[tuple]]:
    """Dots grouped by the height of their middle (within 3 pixels), each row left to right."""
    rows: list[list[tuple]] = []
    for dot in sorted(dots, key=lambda d: d[1] + d[3] / 2):
        middle = dot[1] + dot[3] / 2
        if rows and middle - (rows[-1][-1][1] + rows[-1][-1][3] / 2) <= 3:
            rows[-1].append(dot)
        else:
            rows.append([dot])
    return [sorted(row) for row in rows if len(row) >= _LEADER_DOTS]


def _leaders(row: list[tuple]) -> list[tuple]:
    """The dots of a row that keep the row's pitch with a neighbour: a dot hidden under a letter of
    the value leaves a gap of two or three pitches, which still counts."""
    gaps = [b[0] - a[0] for a, b in zip(row, row[1:])]
    pitch = sorted(gaps)[len(gaps) // 2]
    if not 3 <= pitch <= 40:
        return []

    def even(gap: int) -> bool:
        steps = round(gap / pitch)
        return 1 <= steps <= 3 and abs(gap - steps * pitch) <= max(2, pitch // 4)
    kept = [dot for i, dot in enumerate(row)
            if (i > 0 and even(gaps[i - 1])) or (i < len(gaps) and even(gaps[i]))]
    return kept if len(kept) >= _LEADER_DOTS else []

