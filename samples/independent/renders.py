"""Render paths: the drawn PDF as a born-digital file, a scan, a photo or a fax."""
import datetime
import io

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

MAX_BYTES = 400 * 1024
FIXED_DATE = datetime.datetime(2026, 11, 25, 9, 0, 0).timetuple()


def raster(pdf_bytes, dpi, gray=True):
    doc = pdfium.PdfDocument(pdf_bytes)
    pages = []
    for i in range(len(doc)):
        img = doc[i].render(scale=dpi / 72.0).to_pil().convert("RGB")
        pages.append(img.convert("L") if gray else img)
    doc.close()
    return pages


def jpeg(img, rng, q_lo=55, q_hi=85, dpi=200):
    q = rng.randint(q_lo, q_hi)
    while True:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=q, dpi=(dpi, dpi))
        if buf.tell() <= MAX_BYTES or q <= 20:
            if buf.tell() > MAX_BYTES:
                img = img.resize((int(img.width * 0.8), int(img.height * 0.8)), Image.LANCZOS)
                q = 40
                continue
            return buf.getvalue()
        q -= 8


def png(img, dpi):
    """A scanner-style PNG: paper clipped to white, a few grey levels (or a small palette)."""
    levels = 16
    while True:
        if img.mode == "L":
            a = np.asarray(img).astype(np.int16)
            a[a > 232] = 255
            step = 256 // levels
            a = np.where(a == 255, 255, (a // step) * step)
            out = Image.fromarray(a.astype(np.uint8))
        else:
            a = np.asarray(img).copy()
            a[a.min(axis=2) > 232] = 255
            out = Image.fromarray(a).quantize(colors=levels, method=Image.Quantize.MEDIANCUT)
        buf = io.BytesIO()
        out.save(buf, "PNG", compress_level=6, dpi=(dpi, dpi))
        if buf.tell() <= MAX_BYTES:
            return buf.getvalue(), dpi
        if levels > 4:
            levels //= 2
        else:
            img = img.resize((int(img.width * 0.85), int(img.height * 0.85)), Image.LANCZOS)
            dpi = int(dpi * 0.85)


def png_meta(img, dpi, meta):
    data, meta["dpi"] = png(img, dpi)  # dpi drops if the page had to be scaled down
    return data


def light_noise(img, rng, sigma):
    a = np.asarray(img).astype(np.float32)
    g = np.random.default_rng(rng.randint(0, 2**31))
    a = a + g.normal(0, sigma, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def dirty(img, rng):
    g = np.random.default_rng(rng.randint(0, 2**31))
    a = np.asarray(img).astype(np.float32)
    lo, hi = rng.uniform(40, 90), rng.uniform(190, 225)  # low contrast
    a = lo + a * (hi - lo) / 255.0
    h, w = a.shape[:2]
    rows = np.arange(h, dtype=np.float32)
    band = rng.uniform(4, 14) * np.sin(rows / rng.uniform(15, 60) + rng.uniform(0, 6))  # banding
    a = a + (band[:, None] if a.ndim == 2 else band[:, None, None])
    for _ in range(rng.randint(1, 4)):  # vertical streaks from a dirty glass
        x = rng.randint(0, w - 4)
        wid = rng.randint(1, 4)
        a[:, x:x + wid] -= rng.uniform(30, 90)
    a = a + g.normal(0, rng.uniform(6, 14), a.shape)
    specks = g.random(a.shape[:2]) < 0.0008
    a[specks] = 20
    a = cv2.GaussianBlur(np.clip(a, 0, 255).astype(np.uint8), (3, 3), rng.uniform(0.4, 1.0))
    return Image.fromarray(a)


def skew(img, deg, fill=255):
    return img.rotate(deg, resample=Image.BICUBIC, expand=True, fillcolor=fill)


def phone(img, rng):
    """The sheet on a desk, seen at an angle, with uneven light and a little blur."""
    g = np.random.default_rng(rng.randint(0, 2**31))
    page = np.asarray(img.convert("RGB"))
    ph, pw = page.shape[:2]
    out_w = rng.randint(1600, 2200)
    out_h = int(out_w * rng.uniform(1.3, 1.45))
    desk = np.array(rng.choice([(120, 90, 60), (60, 60, 65), (170, 150, 120), (90, 110, 80)]), np.float32)
    bg = np.empty((out_h, out_w, 3), np.float32)
    bg[:] = desk
    bg += g.normal(0, 8, bg.shape)
    m = out_w * 0.06
    sw = out_w - 2 * m
    sh = sw * ph / pw
    if sh > out_h - 2 * m:
        sh = out_h - 2 * m
        sw = sh * pw / ph
    x0, y0 = (out_w - sw) / 2, (out_h - sh) / 2
    j = lambda: rng.uniform(-m * 0.8, m * 0.8)
    dst = np.float32([[x0 + j(), y0 + j()], [x0 + sw + j(), y0 + j()], [x0 + sw + j(), y0 + sh + j()], [x0 + j(), y0 + sh + j()]])
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    M = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page, M, (out_w, out_h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), M, (out_w, out_h)) > 127
    res = bg.copy()
    res[mask] = warped[mask]
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    cx, cy = rng.uniform(0, out_w), rng.uniform(0, out_h)
    light = 1.05 - rng.uniform(0.25, 0.45) * np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / np.hypot(out_w, out_h)
    tint = np.array([1.0, rng.uniform(0.95, 1.0), rng.uniform(0.85, 0.97)], np.float32)
    res = res * light[..., None] * tint
    res += g.normal(0, 5, res.shape)
    res = cv2.GaussianBlur(np.clip(res, 0, 255).astype(np.uint8), (5, 5), rng.uniform(0.6, 1.3))
    return Image.fromarray(res), (out_w, out_h)


def fax_pages(pdf_bytes, rng):
    pages = []
    g = np.random.default_rng(rng.randint(0, 2**31))
    for img in raster(pdf_bytes, 204):
        img = img.resize((img.width, int(img.height * 196 / 204)), Image.BILINEAR)
        a = np.asarray(img).astype(np.float32) + g.normal(0, 10, (img.height, img.width))
        b = a > rng.uniform(150, 190)
        for _ in range(rng.randint(0, 5)):  # dropped scan lines
            y = rng.randint(0, b.shape[0] - 2)
            b[y:y + rng.randint(1, 2)] = True
        b[g.random(b.shape) < 0.0005] = False
        pages.append(Image.fromarray((b * 255).astype(np.uint8)).convert("1"))
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", compression="group4", dpi=(204, 196), save_all=True, append_images=pages[1:])
    return buf.getvalue()


def image_pdf(pages, rng, dpi):
    ims = []
    for p in pages:
        buf = io.BytesIO()
        p.save(buf, "JPEG", quality=rng.randint(45, 70))
        ims.append(Image.open(io.BytesIO(buf.getvalue())))
    q = 60
    while True:
        buf = io.BytesIO()
        ims[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=ims[1:], quality=q,
                    creationDate=FIXED_DATE, modDate=FIXED_DATE)  # no clock in the bytes
        if buf.tell() <= MAX_BYTES or q < 25:
            return buf.getvalue()
        q -= 10


SINGLE = ["text_pdf", "clean_scan", "dirty_scan", "skewed", "rotated_90", "rotated_180", "phone_photo", "fax", "scanned_pdf"]
MULTI = ["text_pdf", "scanned_pdf", "fax"]


def render(path, pdf_bytes, rng):
    """(bytes, extension, meta) for a render path."""
    meta = {"rotation": 0}
    if path == "text_pdf":
        return pdf_bytes, "pdf", meta
    if path == "fax":
        meta["dpi"] = [204, 196]
        return fax_pages(pdf_bytes, rng), "tif", meta
    dpi = rng.choice([200, 240, 300]) if path != "phone_photo" else 200
    meta["dpi"] = dpi
    if path == "scanned_pdf":
        pages = [light_noise(p, rng, 3) for p in raster(pdf_bytes, dpi)]
        return image_pdf(pages, rng, dpi), "pdf", meta
    color = path in ("phone_photo",) or rng.random() < 0.35
    img = raster(pdf_bytes, dpi, gray=not color)[0]
    if path == "clean_scan":
        img = light_noise(img, rng, 2.5)
        if rng.random() < 0.6:
            return png_meta(img, dpi, meta), "png", meta
        return jpeg(img, rng, 75, 90, dpi), "jpg", meta
    if path == "dirty_scan":
        return jpeg(dirty(img, rng), rng, 30, 55, dpi), "jpg", meta
    if path == "skewed":
        deg = round(rng.choice([-1, 1]) * rng.uniform(1, 4), 2)
        meta["skew_deg"] = deg
        img = skew(light_noise(img, rng, 3), deg, fill=255 if img.mode == "L" else (255, 255, 255))
        if rng.random() < 0.5:
            return png_meta(img, dpi, meta), "png", meta
        return jpeg(img, rng, 60, 85, dpi), "jpg", meta
    if path in ("rotated_90", "rotated_180"):
        rot = 180 if path == "rotated_180" else rng.choice([90, 270])
        meta["rotation"] = rot
        img = light_noise(img, rng, 3).rotate(-rot, expand=True)  # PIL rotates counter-clockwise
        if rng.random() < 0.5:
            return png_meta(img, dpi, meta), "png", meta
        return jpeg(img, rng, 65, 85, dpi), "jpg", meta
    if path == "phone_photo":
        img, size = phone(img, rng)
        meta["photo_size"] = list(size)
        del meta["dpi"]
        return jpeg(img, rng, 60, 80), "jpg", meta
    raise ValueError(path)
