"""Decode raster files (PNG, JPEG, TIFF, including multi-page and G4 fax) into page images.

Dimensions are checked from the header before anything is decoded; Pillow's bomb warning is an error.
Only the Pillow plugins for these formats are ever tried, so no file reaches Ghostscript (EPS) or the
rarer decoders (PSD, FITS, JPEG 2000).
"""
import io
import warnings

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import CorruptFile, TooLarge, TooManyPages
from .limits import Limits

_FORMATS = {"png": ["PNG"], "jpeg": ["JPEG"], "tiff": ["TIFF"]}


def decode_pages(data: bytes, filetype: str, limits: Limits) -> tuple[list[np.ndarray], int]:
    """RGB pages of a raster file, and the file's page count."""
    Image.MAX_IMAGE_PIXELS = limits.max_pixels
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=_FORMATS[filetype])   # reads the header only
            if filetype == "jpeg" and not _jpeg_ends(data):
                raise CorruptFile("Plik JPEG jest ucięty: brakuje końca obrazu.")
            count = getattr(image, "n_frames", 1)
            if count > limits.max_pages:
                raise TooManyPages(f"Plik ma {count} stron (limit {limits.max_pages}).")
            return [_frame(image, i, limits) for i in range(count)], count
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise TooLarge(f"Obraz ma zbyt wiele pikseli ({error}).") from error
        except UnidentifiedImageError as error:
            raise CorruptFile(f"Obrazu nie da się odczytać: nagłówek pliku {filetype.upper()} jest uszkodzony "
                              "lub ucięty.") from error
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            raise CorruptFile(f"Obrazu nie da się odczytać: plik jest uszkodzony lub ucięty ({error}).") from error


def _jpeg_ends(data: bytes) -> bool:
    """Whether the main image of a JPEG reaches its end marker. libjpeg decodes a tail of zeros (a file
    cut short and padded) without complaint; walking the markers finds it. Data after the end marker
    (phone trailers, a second MPO image) is not looked at."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        if marker == 0xD9:
            return True
        if marker == 0xFF or 0xD0 <= marker <= 0xD7 or marker == 0x01:   # fill byte, markers with no length
            pos += 1 if marker == 0xFF else 2
            continue
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
        if marker == 0xDA:   # entropy-coded data runs to the next marker that is not a stuffed 0xFF or a restart
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= len(data):
                    return False
                following = data[pos + 1]
                if following == 0 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    pos += 1 if following == 0xFF else 2
                    continue
                break
    return data[pos:pos + 2] == b"\xff\xd9"


def _frame(image: Image.Image, index: int, limits: Limits) -> np.ndarray:
    image.seek(index)
    width, height = image.size
    if width * height > limits.max_pixels or max(width, height) > limits.max_side:
        raise TooLarge(f"Strona {index + 1} ma {width} x {height} pikseli "
                       f"(limit {limits.max_pixels // 1_000_000} MP, bok do {limits.max_side}).")
    image.load()
    frame = ImageOps.exif_transpose(image) if index == 0 else image.copy()
    frame = _square_pixels(frame)
    return np.asarray(frame.convert("RGB"))


def _square_pixels(image: Image.Image) -> Image.Image:
    """Fax pages have non-square pixels (204 x 98 or 196 dpi): stretch them to square."""
    dpi = image.info.get("dpi")
    if not dpi or not dpi[0] or not dpi[1]:
        return image
    xdpi, ydpi = float(dpi[0]), float(dpi[1])
    if abs(xdpi - ydpi) / max(xdpi, ydpi) < 0.05:
        return image
    width, height = image.size
    if image.mode == "1":
        image = image.convert("L")
    return image.resize((width, round(height * xdpi / ydpi)), Image.Resampling.LANCZOS)
