"""Encoders with a size budget (the committed set keeps files < 400 KB)."""
import io
import re
import time

from PIL import Image


FIXED_DATE = time.gmtime(1795420800)  # 2026-11-25, for reproducible PDFs


def stable_pdf_id(data):
    """pdfium writes a random second /ID string; make it equal to the first."""
    return re.sub(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>\s*\]",
                  lambda m: b"/ID[<" + m.group(1) + b"><" + m.group(1) + b">]", data)


def _save(img, fmt, **kw):
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def _shrink(img, factor=0.88):
    return img.resize((int(img.width * factor), int(img.height * factor)), Image.LANCZOS)


def to_jpeg(img, quality, max_bytes):
    while True:
        data = _save(img, "JPEG", quality=quality, optimize=True)
        if len(data) <= max_bytes:
            return data
        if quality > 40:
            quality -= 5
        else:
            img = _shrink(img)


def to_png(img, max_bytes):
    """Lossless PNG; over budget -> palette without dithering (like many scanner
    drivers' "optimised" PNG); still over -> downscale."""
    while True:
        data = _save(img, "PNG", compress_level=9)
        if len(data) <= max_bytes:
            return data
        colors = 64 if img.mode == "RGB" else 24
        q = img.quantize(colors=colors, method=Image.Quantize.MEDIANCUT,
                         dither=Image.Dither.NONE)
        data = _save(q, "PNG", compress_level=9)
        if len(data) <= max_bytes:
            return data
        img = _shrink(img)


def to_tiff_g4(pages):
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", compression="group4", dpi=(204, 196), save_all=True,
                  append_images=pages[1:])
    return buf.getvalue()


def to_pdf_images(pages, dpi, quality, max_bytes):
    while True:
        buf = io.BytesIO()
        pages[0].save(buf, "PDF", resolution=dpi, quality=quality, save_all=True,
                      append_images=pages[1:], creationDate=FIXED_DATE, modDate=FIXED_DATE,
                      producer="scanner")
        data = buf.getvalue()
        if len(data) <= max_bytes or quality <= 30:
            return data
        quality -= 8
