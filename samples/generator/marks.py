"""Handwritten signature scribbles and company stamps as RGBA Pillow images
(300 dpi; callers scale them onto the page)."""
import math

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

SS = 2  # supersampling factor for antialiased strokes


def _catmull_rom(pts, n=14):
    pts = np.asarray(pts, float)
    pts = np.vstack([pts[0], pts, pts[-1]])
    out = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for t in np.linspace(0, 1, n, endpoint=False):
            t2, t3 = t * t, t * t * t
            out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                              + (-p0 + 3 * p1 - 3 * p2 + p3) * t3))
    out.append(pts[-2])
    return np.array(out)


def _word(rng, x, end, h):
    """Control points of one cursive word: a capital stroke, then waves/loops."""
    base = h * rng.uniform(0.62, 0.75)
    pts = [(x, base - rng.uniform(0, 0.2) * h),
           (x + h * 0.08, h * rng.uniform(0.03, 0.15)),
           (x + h * rng.uniform(0.1, 0.2), base + rng.uniform(0, 0.15) * h)]
    if rng.random() < 0.5:  # looped capital
        pts += [(x - h * 0.05, base - 0.35 * h), (x + h * 0.3, base - 0.45 * h)]
    x += h * 0.25
    up = True
    while x < end:
        tall = rng.random() < 0.18
        amp = (rng.uniform(0.45, 0.6) if tall else rng.uniform(0.1, 0.35)) * h
        y = base - amp if up else base + rng.uniform(-0.05, 0.06) * h
        if rng.random() < 0.2:  # small loop going backwards
            pts += [(x + h * 0.06, y - 0.12 * h), (x - h * 0.05, y - 0.05 * h)]
        pts.append((x, y))
        x += h * rng.uniform(0.08, 0.22)
        up = not up
    return pts, base


def _scribble_points(rng, w, h):
    x = w * rng.uniform(0.03, 0.1)
    end = w * rng.uniform(0.6, 0.95)
    strokes = []
    if rng.random() < 0.55:  # first name initial(s) + surname
        split = x + (end - x) * rng.uniform(0.2, 0.35)
        strokes.append(_word(rng, x, split, h)[0])
        x = split + w * rng.uniform(0.03, 0.06)
    pts, base = _word(rng, x, end, h)
    strokes.append(pts)
    if rng.random() < 0.6:  # flourish / underline
        y = base + rng.uniform(0.08, 0.18) * h
        strokes.append([(end, y - 0.08 * h), (w * 0.5, y + 0.03 * h),
                        (w * rng.uniform(0.05, 0.3), y - rng.uniform(0, 0.06) * h)])
    return strokes


def signature(rng, width_px=640, height_px=220, ink=(20, 40, 140)):
    W, H = width_px * SS, height_px * SS
    mask = np.zeros((H, W), np.uint8)
    pen = rng.uniform(2.2, 3.8) * SS
    slant = rng.uniform(-0.25, 0.05)
    for stroke in _scribble_points(rng, width_px, height_px):
        curve = _catmull_rom(stroke) * SS
        curve[:, 0] += (curve[:, 1] - H * 0.7) * slant
        n = len(curve)
        phase = rng.uniform(0, 6.28)
        for i in range(n - 1):
            taper = min(1.0, (i + 1) / 6, (n - i) / 6)
            wdt = pen * taper * (0.7 + 0.35 * math.sin(i / 9 + phase))
            p1, p2 = tuple(int(v) for v in curve[i]), tuple(int(v) for v in curve[i + 1])
            cv2.line(mask, p1, p2, 255, max(1, int(round(wdt))), cv2.LINE_AA)
    mask = cv2.resize(mask, (width_px, height_px), interpolation=cv2.INTER_AREA)
    jitter = [max(0, min(255, c + rng.randint(-12, 12))) for c in ink]
    rgba = np.zeros((height_px, width_px, 4), np.uint8)
    rgba[..., :3] = jitter
    rgba[..., 3] = (mask.astype(float) * rng.uniform(0.85, 0.97)).astype(np.uint8)
    return Image.fromarray(rgba, "RGBA")


STAMP_INKS = [(35, 60, 170), (30, 50, 150), (175, 30, 50), (120, 40, 140)]


def _fit_font(path, text, max_w, size):
    while size > 10:
        font = ImageFont.truetype(path, size)
        if font.getlength(text) <= max_w:
            return font
        size -= 1
    return ImageFont.truetype(path, size)


def stamp(rng, lines, font_regular, font_bold, np_rng):
    """Rounded-rectangle company stamp, rotated, semi-transparent, uneven ink."""
    w = rng.randint(600, 720)
    size = rng.randint(27, 32)
    lh = int(size * 1.3)
    h = lh * len(lines) + 50
    mask = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(mask)
    d.rounded_rectangle([4, 4, w - 5, h - 5], radius=rng.randint(12, 30), outline=255,
                        width=rng.randint(4, 6))
    if rng.random() < 0.4:
        d.rounded_rectangle([14, 14, w - 15, h - 15], radius=10, outline=255, width=2)
    y = 25
    for i, line in enumerate(lines):
        bold = i == 0 or (i == 1 and len(lines) > 4 and not line[:1].isdigit()
                          and "NIP" not in line and "," not in line)
        font = _fit_font(font_bold if bold else font_regular, line, w - 60, size)
        d.text((w / 2, y + lh / 2), line, fill=255, font=font, anchor="mm")
        y += lh
    arr = np.asarray(mask, float) / 255.0
    blot = cv2.GaussianBlur(np_rng.random((h, w)), (0, 0), 18)
    blot = (blot - blot.min()) / (np.ptp(blot) + 1e-6)
    grain = np_rng.random((h, w)) > 0.08
    alpha = arr * (0.6 + 0.4 * blot) * grain * rng.uniform(0.82, 0.95)
    ink = rng.choice(STAMP_INKS)
    rgba = np.zeros((h, w, 4), np.uint8)
    rgba[..., :3] = ink
    rgba[..., 3] = np.clip(alpha * 255, 0, 255).astype(np.uint8)
    img = Image.fromarray(rgba, "RGBA")
    return img.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC, expand=True)
