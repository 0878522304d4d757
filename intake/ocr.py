"""The one wrapper around tesseract. Nothing else runs tesseract.

Two engines read alike and answer in tesseract's TSV: "api", tesseract's library in this process through
tesserocr, each model loaded once per process and kept (the sandbox's forkserver loads them before it
forks its readers, so a reader starts with them); "cli", the tesseract program through pytesseract, one
process per call, where tesserocr is not installed. Limits.ocr_engine picks one; "auto" takes the API
when it imports.

Every call has a timeout; arguments are constants of ours, never text from a letter (pytesseract splits
`config` into argv). One OCR thread per process: batches use processes instead.
"""
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

import cv2
import numpy as np
import pytesseract

from .cleanup import scaled
from .errors import ReadTimeout, ToolMissing, Unrecognised
from .limits import Limits
from .pages import Line, Word

# Before tesseract's library loads: its OpenMP threads would fight the other reading processes.
os.environ["OMP_THREAD_LIMIT"] = "1"
try:
    import tesserocr
except ImportError:         # no wheel for this platform: the tesseract program reads instead
    tesserocr = None

LANG = "pol"
ENGINES = ("auto", "api", "cli")


def engine(limits: Limits) -> str:
    """The engine that reads: "api" or "cli"."""
    choice = limits.ocr_engine
    if choice not in ENGINES:
        raise ToolMissing(f"Nieznany silnik OCR {choice!r} (ODZYSK_OCR_ENGINE: auto, api albo cli).")
    if choice == "api" and tesserocr is None:
        raise ToolMissing("Wybrano silnik OCR 'api', ale pakiet tesserocr nie jest zainstalowany "
                          "(make setup albo ODZYSK_OCR_ENGINE=cli).")
    return "cli" if choice == "cli" or tesserocr is None else "api"


def check_tools(limits: Limits = Limits()) -> None:
    """Fail early, with advice, when tesseract or its Polish data is missing."""
    if engine(limits) == "cli" and shutil.which("tesseract") is None:
        raise ToolMissing("Brak programu tesseract (pakiet tesseract-ocr).")
    if _tessdata() is None or any(_traineddata(name) is None for name in (LANG, "eng")):
        raise ToolMissing("Brak danych językowych tesseracta (pakiety tesseract-ocr-pol i tesseract-ocr-eng).")


def versions(limits: Limits = Limits()) -> dict:
    """What changes OCR output: the engine, the tesseract that reads (the API's library may not be the
    system's program) and its language data."""
    used = engine(limits)
    if used == "api":
        tesseract = tesserocr.tesseract_version().split()[1]
    else:
        tesseract = str(pytesseract.get_tesseract_version())
    out = {"ocr engine": used, "tesseract": tesseract}
    for name in (LANG, "eng"):
        path = _traineddata(name)
        if path:
            stat = path.stat()
            out[f"{name}.traineddata"] = f"{stat.st_size} bytes, {_mtime(stat)}"
    return out


def load_models() -> None:
    """Load the API's models now (the forkserver calls this, so that readers inherit them). A model
    that fails to load here is left for the first reading to report."""
    if tesserocr is not None and _tessdata() is not None:
        for lang in (LANG, "eng"):
            try:
                _api(lang)
            except RuntimeError:
                pass


def read_lines(gray: np.ndarray, limits: Limits, psm: int = 3) -> tuple[Line, ...]:
    """OCR a page: its lines of words with confidences and boxes."""
    return _lines(_recognise(gray, LANG, psm, limits))


def read_crops(crops: list[np.ndarray], limits: Limits, lang: str = "eng") -> list[str]:
    """Read cropped lines, by default with the English model, which keeps '@', '_' and digits that the
    Polish model turns into '©' and the like: a second opinion on decisive lines. The crops are
    stacked into one image and read in one call."""
    if not crops:
        return []
    sheet, spans = _sheet(crops)
    words = _recognise(sheet, lang, 6, limits)
    return [_text_within(words, start, end) for start, end in spans]


def read_rows(page: np.ndarray, boxes: list[tuple[int, int, int, int]], scale: float,
              limits: Limits) -> tuple[Line, ...]:
    """Read rows of a page that page OCR left out, each on its own and `scale` times the size (the
    size at which tesseract lost them is the one to avoid), with the Polish model, in one call. The
    lines come back in the page's coordinates."""
    if not boxes:
        return ()
    sheet, spans = _sheet([scaled(page[y0:y1, x0:x1], scale) for x0, y0, x1, y1 in boxes])
    out = []
    for line in _lines(_recognise(sheet, LANG, 6, limits)):
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


class _Word(NamedTuple):
    """A word of tesseract's TSV: where it sits in the page's layout, its box and its confidence."""
    line: tuple[int, int, int]       # block, paragraph, line
    box: tuple[int, int, int, int]
    conf: float
    text: str


def _recognise(gray: np.ndarray, lang: str, psm: int, limits: Limits) -> list[_Word]:
    read = _read_api if engine(limits) == "api" else _read_cli
    return _words(read(np.ascontiguousarray(gray, dtype=np.uint8), lang, psm, limits.ocr_timeout_s))


def _read_api(gray: np.ndarray, lang: str, psm: int, timeout: float) -> str:
    api = _api(lang)
    api.SetPageSegMode(psm)
    height, width = gray.shape
    api.SetImageBytes(gray.tobytes(), width, height, 1, width)
    started = time.monotonic()
    try:
        # The deadline is checked as words are recognised; a page layout that never ends is the
        # sandbox's to stop (its time limit per file).
        if not api.Recognize(timeout=int(timeout * 1000)):
            if time.monotonic() - started >= timeout * 0.9:
                raise _timed_out()
            raise Unrecognised("Tesseract nie rozpoznał tekstu strony.")
        return api.GetTSVText(0)
    finally:
        api.Clear()


def _read_cli(gray: np.ndarray, lang: str, psm: int, timeout: float) -> str:
    with _image_file(gray) as path:
        try:
            return pytesseract.image_to_data(path, lang=lang, config=f"--oem 1 --psm {psm}", timeout=timeout)
        except RuntimeError as error:
            if "timeout" in str(error).lower():
                raise _timed_out() from error
            raise


def _timed_out() -> ReadTimeout:
    return ReadTimeout("Rozpoznawanie tekstu (OCR) strony nie zakończyło się w limicie czasu.")


# One API per model and thread (an API is not safe to share between threads); a forked reader keeps
# the forking thread's, models loaded.
_apis: dict[tuple[int, str], object] = {}


def _api(lang: str):
    key = (threading.get_ident(), lang)
    if key not in _apis:
        _apis[key] = tesserocr.PyTessBaseAPI(path=str(_tessdata()), lang=lang, oem=tesserocr.OEM.LSTM_ONLY)
    return _apis[key]


def _words(tsv: str) -> list[_Word]:
    """The recognised words of tesseract's TSV (level 5 rows with text and a confidence). Confidences
    are whole numbers, as pytesseract gave them when the reader's thresholds were set."""
    words = []
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip() or float(cells[10]) < 0:
            continue
        x, y, w, h = (int(c) for c in cells[6:10])
        words.append(_Word(tuple(int(c) for c in cells[2:5]), (x, y, x + w, y + h), int(float(cells[10])),
                           cells[11].strip()))
    return words


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


def _text_within(words: list[_Word], start: int, end: int) -> str:
    inside = [(w.box[0], w.text) for w in words if start <= (w.box[1] + w.box[3]) / 2 <= end]
    return " ".join(text for _, text in sorted(inside))


def _lines(words: list[_Word]) -> tuple[Line, ...]:
    groups: dict[tuple, list[Word]] = {}
    for word in words:
        groups.setdefault(word.line, []).append(Word(word.text, word.conf, word.box))
    lines = [Line(tuple(line)) for line in groups.values()]
    return tuple(sorted(lines, key=lambda line: (line.box[1], line.box[0])))


class _image_file:
    """A temporary uncompressed image for the tesseract program: faster than pytesseract's own PNG."""

    def __init__(self, gray: np.ndarray):
        self.gray = gray

    def __enter__(self) -> str:
        handle, self.path = tempfile.mkstemp(suffix=".bmp", prefix="odzysk-")
        os.close(handle)
        cv2.imwrite(self.path, self.gray)
        return self.path

    def __exit__(self, *exc):
        Path(self.path).unlink(missing_ok=True)


_FOLDERS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata")


def _tessdata() -> Path | None:
    """The system's language data, which both engines read (the wheel brings none)."""
    for folder in (os.environ.get("TESSDATA_PREFIX"), *_FOLDERS):
        if folder and (Path(folder) / f"{LANG}.traineddata").exists():
            return Path(folder)
    return None


def _traineddata(name: str) -> Path | None:
    folder = _tessdata()
    return folder / f"{name}.traineddata" if folder and (folder / f"{name}.traineddata").exists() else None


def _mtime(stat) -> str:
    import datetime
    return datetime.datetime.fromtimestamp(stat.st_mtime, datetime.timezone.utc).date().isoformat()
