"""Image degradations (numpy/OpenCV): scanner noise, stains, photo, fax."""
import cv2
import numpy as np
from PIL import Image


def _to_img(arr, mode):
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode)


def light_scan(img, np_rng):
    """Slight scanner noise: paper tone, faint grain, a few specks."""
    arr = np.asarray(img).astype(np.float32)
    arr = arr * 0.97 + 4
    grain = np_rng.random(arr.shape[:2]) < 0.0015
    arr[grain] -= np_rng.uniform(4, 18, grain.sum())[:, None] if arr.ndim == 3 \
        else np_rng.uniform(4, 18, grain.sum())
    specks = np_rng.random(arr.shape[:2]) < 0.00005
    arr[specks] = 60
    return _to_img(arr, img.mode)


def _stain(shape, rng, np_rng):
    """Alpha mask of a coffee ring stain."""
    h, w = shape
    mask = np.zeros((h, w), np.float32)
    cx, cy = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h
    r = rng.uniform(0.06, 0.12) * w
    axes = (int(r), int(r * rng.uniform(0.85, 1.1)))
    cv2.ellipse(mask, (int(cx), int(cy)), axes, rng.uniform(0, 180), 0, 360, 1.0,
                max(2, int(r * 0.06)))
    inner = np.zeros_like(mask)
    cv2.ellipse(inner, (int(cx), int(cy)), axes, 0, 0, 360, 0.25, -1)
    mask = cv2.GaussianBlur(mask + inner, (0, 0), r * 0.03 + 1)
    tex = cv2.GaussianBlur(np_rng.random((h, w)).astype(np.float32), (0, 0), 6)
    return mask * (0.6 + 0.8 * (tex - tex.min()) / (np.ptp(tex) + 1e-6))


def dirty(img, rng, np_rng):
    """Lower contrast, stains, speckles, slight blur."""
    arr = np.asarray(img.convert("RGB")).astype(np.float32)
    lo, hi = rng.uniform(30, 70), rng.uniform(222, 240)
    arr = lo + arr * (hi - lo) / 255.0
    brown = np.array([150, 105, 60], np.float32)
    for _ in range(rng.randint(1, 2)):
        a = _stain(arr.shape[:2], rng, np_rng)[..., None] * rng.uniform(0.35, 0.6)
        arr = arr * (1 - a) + brown * a
    h, w = arr.shape[:2]
    n = int(h * w * rng.uniform(0.0003, 0.0008))
    ys, xs = np_rng.integers(0, h, n), np_rng.integers(0, w, n)
    arr[ys, xs] = np_rng.uniform(20, 90, (n, 1))
    for y, x in zip(ys[: n // 20], xs[: n // 20]):
        cv2.circle(arr, (int(x), int(y)), int(np_rng.integers(1, 4)), (50, 50, 50), -1)
    arr = cv2.GaussianBlur(arr, (0, 0), rng.uniform(0.5, 1.0))
    arr += np_rng.normal(0, 2.5, arr.shape[:2])[..., None]
    out = _to_img(arr, "RGB")
    return out.convert("L") if img.mode == "L" else out


def _desk(w, h, rng, np_rng):
    base = np.array(rng.choice([(95, 65, 40), (130, 95, 60), (70, 70, 75), (150, 140, 125),
                                (55, 40, 30)]), np.float32)
    streak = cv2.resize(np_rng.random((max(8, h // 40), 12)).astype(np.float32), (w, h),
                        interpolation=cv2.INTER_CUBIC)
    fine = np_rng.normal(0, 1, (h, w)).astype(np.float32)
    tex = 1 + 0.18 * (streak - 0.5) + 0.03 * fine
    return base[None, None, :] * tex[..., None]


def _lighting(w, h, rng, np_rng):
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = rng.uniform(0, 6.28)
    grad = (np.cos(ang) * xx / w + np.sin(ang) * yy / h)
    grad = 1.05 - rng.uniform(0.15, 0.3) * (grad - grad.min()) / (np.ptp(grad) + 1e-6)
    r2 = ((xx - w / 2) / w) ** 2 + ((yy - h / 2) / h) ** 2
    light = grad * (1 - rng.uniform(0.3, 0.6) * r2)
    shadow = np.zeros((h, w), np.float32)
    x0 = rng.uniform(0.5, 0.9) * w
    pts = np.array([[x0, 0], [w, 0], [w, h * rng.uniform(0.3, 0.7)],
                    [x0 + rng.uniform(-0.2, 0.1) * w, h * rng.uniform(0.2, 0.5)]], np.int32)
    if rng.random() < 0.6:
        cv2.fillPoly(shadow, [pts], 1.0)
        shadow = cv2.GaussianBlur(shadow, (0, 0), w * 0.03)
    return light * (1 - rng.uniform(0.2, 0.35) * shadow)


def photo(page, size, rng, np_rng):
    """Warp the page onto a desk, add lighting, blur and noise. page: HxWx3 uint8."""
    w, h = size
    ph, pw = page.shape[:2]
    scale = rng.uniform(0.78, 0.9) * h / ph
    tw, th = pw * scale, ph * scale
    cx, cy = w / 2 + rng.uniform(-0.04, 0.04) * w, h / 2 + rng.uniform(-0.03, 0.03) * h
    dst = np.array([[cx - tw / 2, cy - th / 2], [cx + tw / 2, cy - th / 2],
                    [cx + tw / 2, cy + th / 2], [cx - tw / 2, cy + th / 2]], np.float32)
    dst += np_rng.uniform(-0.035, 0.035, (4, 2)).astype(np.float32) * [w, h]
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    M = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page, M, (w, h), flags=cv2.INTER_AREA).astype(np.float32)
    mask = cv2.warpPerspective(np.ones((ph, pw), np.float32), M, (w, h))[..., None]
    paper = warped * np.array([0.96, 0.95, 0.91], np.float32)
    img = paper * mask + _desk(w, h, rng, np_rng) * (1 - mask)
    img *= _lighting(w, h, rng, np_rng)[..., None]
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.8, 1.5))
    img += np_rng.normal(0, rng.uniform(1.5, 3), (h, w, 1)).astype(np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)


def fax(arr, rng, np_rng):
    """Binarise a grayscale page like a fax machine: threshold, specks, dropped rows."""
    arr = cv2.GaussianBlur(arr, (0, 0), 0.6)
    bw = np.where(arr < rng.uniform(150, 180), 0, 255).astype(np.uint8)
    h, w = bw.shape
    specks = np_rng.random((h, w)) < rng.uniform(0.0002, 0.0008)
    bw[specks] = 0
    for _ in range(rng.randint(2, 8)):
        y = rng.randint(1, h - 2)
        if rng.random() < 0.6:
            bw[y:y + rng.randint(1, 2)] = 255
        else:
            bw[y] = bw[y - 1]
    if rng.random() < 0.3:
        y, x0 = rng.randint(0, h - 1), rng.randint(0, w // 2)
        bw[y, x0:x0 + rng.randint(100, w // 2)] = 0
    return Image.fromarray(bw, "L").convert("1", dither=Image.NONE)


def blank_fax(size, np_rng):
    w, h = size
    bw = np.full((h, w), 255, np.uint8)
    bw[np_rng.random((h, w)) < 0.0002] = 0
    return Image.fromarray(bw, "L").convert("1", dither=Image.NONE)


def blank_scan(like, np_rng):
    arr = np.full((like.height, like.width) + ((3,) if like.mode == "RGB" else ()),
                  250, np.float32)
    return light_scan(_to_img(arr, like.mode), np_rng)
