"""Rows of print that page OCR left out. Tesseract's layout analysis drops a line now and then (a
value in a script font over a form's dots, a line of two sizes): the ink is on the page, no line
covers it, and the missing line is often the one that decides (the NIP, the signers' names). Such
rows are found from the ink and read again on their own."""
import cv2
import numpy as np

from .pages import Box, Line

_SCALE = 2                       # looked for at half the resolution
_HEIGHT = (9, 45)                # half-resolution pixels: about 1.5 to 7.5 mm, a line of print
_MOST = 8                        # rows read again on one page, at most


def lost_rows(page: np.ndarray, lines: tuple[Line, ...]) -> list[Box]:
    """Boxes (full resolution) of rows of letter-like ink that no OCR line covers: wide, of a line's
    height and made of many small pieces (letters), not of a few long strokes (a signature)."""
    small = cv2.resize(page, (page.shape[1] // _SCALE, page.shape[0] // _SCALE), interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    for line in lines:
        x0, y0, x1, y1 = (v // _SCALE for v in line.box)
        ink[max(0, y0 - 2):y1 + 2, max(0, x0 - 2):x1 + 2] = 0
    words = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 15), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(words, connectivity=8)
    rows = _rows_joined([tuple(int(v) for v in s[:4]) for s in stats[1:count] if s[3] >= 4])
    low, high = _line_heights(lines)
    kept = [(x, y, w, h) for x, y, w, h in rows if low <= h <= high and _letters(ink[y:y + h, x:x + w], w, h)]
    kept.sort(key=lambda r: -r[2])
    return sorted((x * _SCALE, y * _SCALE, (x + w) * _SCALE, (y + h) * _SCALE)
                  for x, y, w, h in kept[:_MOST])


def _rows_joined(pieces: list[tuple]) -> list[tuple]:
    """Words of one row joined into the row: pieces that share most of their height and stand less
    than three heights apart (a script font's letters rise and fall along the line)."""
    rows: list[list[int]] = []
    for x, y, w, h in sorted(pieces):
        for row in rows:
            overlap = min(row[3], y + h) - max(row[1], y)
            if overlap >= 0.5 * min(h, row[3] - row[1]) and x - row[2] < 3 * max(h, row[3] - row[1]):
                row[:] = [min(row[0], x), min(row[1], y), max(row[2], x + w), max(row[3], y + h)]
                break
        else:
            rows.append([x, y, x + w, y + h])
    return [(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in rows]


def _line_heights(lines: tuple[Line, ...]) -> tuple[float, float]:
    """Heights (half resolution) a lost line of this page may have: about those of the lines read, a
    script value a little taller. A signature is taller still, a speck lower."""
    heights = sorted(l.box[3] - l.box[1] for l in lines if len(l.text) >= 8)
    if len(heights) < 3:
        return _HEIGHT
    typical = heights[len(heights) // 2] / _SCALE
    return max(_HEIGHT[0], 0.6 * typical), min(_HEIGHT[1], 1.8 * typical)


def _letters(ink: np.ndarray, width: int, height: int) -> bool:
    if width < 4 * height or width < 40:
        return False
    pieces = cv2.connectedComponentsWithStats(ink, connectivity=8)[0] - 1
    share = np.count_nonzero(ink) / ink.size
    # Print has a piece per letter or two; handwriting a few long strokes across the box. A blurred
    # photo runs the letters of a word together, but they stay dense where strokes are sparse.
    return (pieces >= 0.6 * width / height and 0.06 <= share <= 0.5) or (0.3 <= share <= 0.6 and width >= 5 * height)
