"""Render paths: turn the born-digital PDF into scans, photos, faxes, ...

Each path function takes (pdf_bytes, rng, np_rng, max_bytes) and returns
(list_of_(bytes, ext), meta) where meta is merged into the truth record."""
import io

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from . import noise as N
from .encode import stable_pdf_id, to_jpeg, to_png, to_pdf_images, to_tiff_g4

PATHS = ["text_pdf", "clean_scan", "dirty_scan", "skewed", "phone_photo", "fax",
         "rotated_90", "rotated_180", "scanned_pdf", "blank_second_page"]


def rasterize(pdf_bytes, dpi, gray=True, dpi_y=None):
    page = pdfium.PdfDocument(pdf_bytes)[0]
    img = page.render(scale=dpi / 72).to_pil().convert("RGB")
    if dpi_y and dpi_y != dpi:
        img = img.resize((img.width, round(img.height * dpi_y / dpi)), Image.LANCZOS)
    return img.convert("L") if gray else img


def _scan(pdf, rng, np_rng, dpi=None, gray=None):
    dpi = dpi or rng.choice([200, 200, 240, 300])
    gray = rng.random() < 0.5 if gray is None else gray
    img = rasterize(pdf, dpi, gray)
    return N.light_scan(img, np_rng), dpi


def _raster_out(img, rng, max_bytes, png_share=0.6, q=(70, 85)):
    if img.mode == "L" and rng.random() < png_share:
        return to_png(img, max_bytes), "png"
    return to_jpeg(img, rng.randint(*q), max_bytes), "jpg"


def text_pdf(pdf, rng, np_rng, max_bytes):
    return [(pdf, "pdf")], {"dpi": None}


def clean_scan(pdf, rng, np_rng, max_bytes):
    img = N.light_scan(rasterize(pdf, 300, rng.random() < 0.6), np_rng)
    return [(to_png(img, max_bytes), "png")], {"dpi": 300}


def dirty_scan(pdf, rng, np_rng, max_bytes):
    dpi = rng.choice([200, 250, 300])
    img = rasterize(pdf, dpi, rng.random() < 0.4)
    img = N.dirty(img, rng, np_rng)
    return [(to_jpeg(img, rng.randint(55, 65), max_bytes), "jpg")], {"dpi": dpi}


def skewed(pdf, rng, np_rng, max_bytes):
    img, dpi = _scan(pdf, rng, np_rng)
    angle = round(rng.uniform(1, 6) * rng.choice([-1, 1]), 2)
    fill = 255 if img.mode == "L" else (255, 255, 255)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=fill)
    data, ext = _raster_out(img, rng, max_bytes)
    return [(data, ext)], {"dpi": dpi, "skew_deg": angle}


def _rotated(pdf, rng, np_rng, max_bytes, rotation):
    img, dpi = _scan(pdf, rng, np_rng)
    op = {90: Image.ROTATE_270, 180: Image.ROTATE_180, 270: Image.ROTATE_90}[rotation]
    data, ext = _raster_out(img.transpose(op), rng, max_bytes)
    return [(data, ext)], {"dpi": dpi, "rotation": rotation}


def rotated_90(pdf, rng, np_rng, max_bytes):
    return _rotated(pdf, rng, np_rng, max_bytes, 90 if rng.random() < 0.7 else 270)


def rotated_180(pdf, rng, np_rng, max_bytes):
    return _rotated(pdf, rng, np_rng, max_bytes, 180)


def phone_photo(pdf, rng, np_rng, max_bytes):
    w = rng.randint(2000, 3000)
    h = int(w * rng.uniform(1.33, 1.36))
    page = rasterize(pdf, rng.choice([200, 240]), gray=False)
    img = N.photo(np.asarray(page), (w, h), rng, np_rng)
    return [(to_jpeg(Image.fromarray(img), rng.randint(60, 75), max_bytes), "jpg")], \
        {"dpi": None, "photo_size": [w, h]}


def _fax_page(pdf, rng, np_rng):
    img = rasterize(pdf, 204, True, dpi_y=196)
    return N.fax(np.asarray(img), rng, np_rng)


def fax(pdf, rng, np_rng, max_bytes, force_second=None):
    pages = [_fax_page(pdf, rng, np_rng)]
    second = force_second or (rng.choice(["cover", "blank"]) if rng.random() < 0.35 else None)
    if second == "cover":
        from .layout import fax_cover_pdf
        pages.append(_fax_page(fax_cover_pdf(rng), rng, np_rng))
    elif second == "blank":
        pages.append(N.blank_fax(pages[0].size, np_rng))
    return [(to_tiff_g4(pages), "tif")], {"dpi": [204, 196], "pages": len(pages),
                                          "second_page": second}


def scanned_pdf(pdf, rng, np_rng, max_bytes, blank=False):
    img, dpi = _scan(pdf, rng, np_rng)
    pages = [img]
    if blank:
        pages.append(N.blank_scan(img, np_rng))
    return [(to_pdf_images(pages, dpi, rng.randint(60, 78), max_bytes), "pdf")], \
        {"dpi": dpi, "pages": len(pages)}


def _append_blank_pdf(pdf):
    doc = pdfium.PdfDocument(pdf)
    w, h = doc[0].get_size()
    doc.new_page(w, h)
    buf = io.BytesIO()
    doc.save(buf)
    return stable_pdf_id(buf.getvalue())


def blank_second_page(pdf, rng, np_rng, max_bytes):
    base = rng.choice(["text_pdf", "scanned_pdf", "fax"])
    if base == "text_pdf":
        files, meta = [(_append_blank_pdf(pdf), "pdf")], {"dpi": None, "pages": 2}
    elif base == "scanned_pdf":
        files, meta = scanned_pdf(pdf, rng, np_rng, max_bytes, blank=True)
    else:
        files, meta = fax(pdf, rng, np_rng, max_bytes, force_second="blank")
    meta["base_path"] = base
    return files, meta


RENDERERS = {name: globals()[name] for name in PATHS}


def render(path, pdf, rng, np_rng, max_bytes):
    files, meta = RENDERERS[path](pdf, rng, np_rng, max_bytes)
    meta.setdefault("rotation", 0)
    meta.setdefault("pages", 1)
    return files, meta
