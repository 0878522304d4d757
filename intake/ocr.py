"""The one wrapper around tesseract (through pytesseract). Nothing else runs tesseract.

Every call has a timeout; arguments are constants of ours, never text from a letter (pytesseract splits
`config` into argv). One OCR thread per process: batches use processes instead.
"""
import os
import shutil
import tempfile
from pathlib import Path

import cv2
import numpy as np
import pytesseract

from .errors import ReadTimeout, ToolMissing
from .pages import Line, Word

LANG = "pol"
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def check_tools() -> None:
    """Fail early, with advice, when tesseract or its Polish data is missing."""
    if shutil.which("tesseract") is None:
        raise ToolMissing("Brak programu tesseract (pakiet tesseract-ocr).")
    languages = pytesseract.get_languages(config="")
    if LANG not in languages or "eng" not in languages:
        raise ToolMissing("Brak danych językowych tesseracta (pakiety tesseract-ocr-pol i tesseract-ocr-eng).")


def versions() -> dict:
    """Versions that change OCR output: tesseract itself and its language data."""
    out = {"tesseract": str(pytesseract.get_tesseract_version())}
    for name in (LANG, "eng"):
        path = _traineddata(name)
        if path:
            stat = path.stat()
            out[f"{name}.traineddata"] = f"{stat.st_size} bytes, {_mtime(stat)}"
    return out


def read_lines(gray: np.ndarray, timeout: float, psm: int = 3) -> tuple[Line, ...]:
    """OCR a page: its lines of words with confidences and boxes."""
    with _image_file(gray) as path:
        data = _call(pytesseract.image_to_data, path, lang=LANG, config=f"--oem 1 --psm {psm}",
                     output_type=pytesseract.Output.DICT, timeout=timeout)
    return _lines(data)


def read_crops(crops: list[np.ndarray], timeout: float) -> list[str]:
    """Read cropped lines with the English model, which keeps '@', '_' and digits that the Polish
    model turns into '©' and the like: a second opinion on decisive lines. The crops are stacked
    into one image so that tesseract starts (and loads its model) once."""
    if not crops:
        return []
    sheet, spans = _sheet(crops)
    with _image_file(sheet) as path:
        data = _call(pytesseract.image_to_data, path, lang="eng", config="--oem 1 --psm 6",
                     output_type=pytesseract.Output.DICT, timeout=timeout)
    return [_text_within(data, start, end) for start, end in spans]


def read_rows(page: np.ndarray, boxes: list[tuple[int, int, int, int]], scale: float,
              timeout: float) -> tuple[Line, ...]:
    """Read rows of a page that page OCR left out, each on its own and `scale` times the size (the
    size at which tesseract lost them is the one to avoid), with the Polish model, in one call. The
    lines come back in the page's coordinates."""
    if not boxes:
        return ()
    crops = [cv2.resize(page[y0:y1, x0:x1], None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
             for x0, y0, x1, y1 in boxes]
    sheet, spans = _sheet(crops)
    with _image_file(sheet) as path:
        data = _call(pytesseract.image_to_data, path, lang=LANG, config="--oem 1 --psm 6",
                     output_type=pytesseract.Output.DICT, timeout=timeout)
    out = []
    for line in _lines(data):
        middle = (line.box[1] + line.box[3]) / 2
        index = next((i for i, (start, end) in enumerate(spans) if start <= middle <= end), None)
        if index is None:
            continue
        x0, y0 = boxes[index][:2]
        top = spans[index][0]
        out.append(Line(tuple(Word(w.text, w.conf, (x0 + round((w.box[0] - _GAP) / scale),
                                                    y0 + round((w.box[1] - top) / scale),
                                                    x0 + round((w.box[2] - _GAP) / scale),
                                                    y0 + round((w.box[3] - top) / scale)))
                              for w in line.words)))
    return tuple(out)


_GAP = 40       # white pixels around each crop of a sheet


def _sheet(crops: list[np.ndarray]) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Crops stacked one under another on white, and the rows each occupies."""
    width = max(c.shape[1] for c in crops) + 2 * _GAP
    sheet = np.full((sum(c.shape[0] + _GAP for c in crops) + _GAP, width), 255, np.uint8)
    spans, top = [], _GAP
    for crop in crops:
        sheet[top:top + crop.shape[0], _GAP:_GAP + crop.shape[1]] = crop
        spans.append((top, top + crop.shape[0]))
        top += crop.shape[0] + _GAP
    return sheet, spans


def _text_within(data: dict, start: int, end: int) -> str:
    words = [(data["left"][i], data["text"][i].strip()) for i in range(len(data["text"]))
             if data["text"][i].strip() and float(data["conf"][i]) >= 0
             and start <= data["top"][i] + data["height"][i] / 2 <= end]
    return " ".join(text for _, text in sorted(words))


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except RuntimeError as error:
        if "timeout" in str(error).lower():
            raise ReadTimeout("Rozpoznawanie tekstu (OCR) strony nie zakończyło się w limicie czasu.") from error
        raise


def _lines(data: dict) -> tuple[Line, ...]:
    groups: dict[tuple, list[Word]] = {}
    for i, text in enumerate(data["text"]):
        text = text.strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        groups.setdefault(key, []).append(Word(text, conf, (x, y, x + w, y + h)))
    lines = [Line(tuple(words)) for words in groups.values()]
    return tuple(sorted(lines, key=lambda line: (line.box[1], line.box[0])))


class _image_file:
    """A temporary uncompressed image for tesseract: faster than pytesseract's own PNG encoding."""

    def __init__(self, gray: np.ndarray):
        self.gray = gray

    def __enter__(self) -> str:
        handle, self.path = tempfile.mkstemp(suffix=".bmp", prefix="odzysk-")
        os.close(handle)
        cv2.imwrite(self.path, self.gray)
        return self.path

    def __exit__(self, *exc):
        Path(self.path).unlink(missing_ok=True)


def _traineddata(name: str) -> Path | None:
    for folder in (os.environ.get("TESSDATA_PREFIX"), "/usr/share/tesseract-ocr/5/tessdata",
                   "/usr/share/tesseract-ocr/4.00/tessdata"):
        if folder and (Path(folder) / f"{name}.traineddata").exists():
            return Path(folder) / f"{name}.traineddata"
    return None


def _mtime(stat) -> str:
    import datetime
    return datetime.datetime.fromtimestamp(stat.st_mtime, datetime.timezone.utc).date().isoformat()
