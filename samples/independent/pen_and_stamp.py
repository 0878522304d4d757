"""Signatures (ink scribbles) and company stamps, drawn as vectors on a reportlab canvas."""
import math

from reportlab.lib.colors import Color

INKS = [(0.05, 0.12, 0.55), (0.1, 0.1, 0.15), (0.15, 0.2, 0.7), (0.02, 0.3, 0.45)]
STAMP_INKS = [(0.75, 0.1, 0.15), (0.2, 0.25, 0.7), (0.45, 0.2, 0.6), (0.1, 0.45, 0.35)]


def signature(c, rng, x, y, width=120, height=28):
    """A looping scribble starting near (x, y), about width x height points."""
    r, g, b = rng.choice(INKS)
    c.saveState()
    c.setStrokeColor(Color(r, g, b))
    c.setLineCap(1)
    c.setLineJoin(1)
    strokes = rng.randint(1, 3)
    cx = x
    for s in range(strokes):
        seg_w = width / strokes * rng.uniform(0.8, 1.1)
        p = c.beginPath()
        px, py = cx, y + rng.uniform(0, height * 0.5)
        p.moveTo(px, py)
        loops = rng.randint(3, 7)
        for i in range(loops):
            nx = cx + seg_w * (i + 1) / loops
            ny = y + rng.uniform(-height * 0.2, height)
            p.curveTo(px + rng.uniform(-10, 20), py + rng.uniform(-5, height),
                      nx + rng.uniform(-20, 5), ny + rng.uniform(-height, 5), nx, ny)
            px, py = nx, ny
        c.setLineWidth(rng.uniform(0.8, 1.8))
        c.drawPath(p, stroke=1, fill=0)
        cx += seg_w
    if rng.random() < 0.6:  # the underline flourish
        p = c.beginPath()
        p.moveTo(x - 5, y - 3)
        p.curveTo(x + width * 0.3, y - 8, x + width * 0.7, y + 2, x + width * 1.05, y - 4)
        c.setLineWidth(1.0)
        c.drawPath(p, stroke=1, fill=0)
    c.restoreState()


def stamp(c, rng, x, y, letter, font, nip_text):
    """A rectangular or round stamp centred at (x, y) with the company, address and NIP."""
    r, g, b = rng.choice(STAMP_INKS)
    col = Color(r, g, b)
    c.saveState()
    c.translate(x, y)
    c.rotate(rng.uniform(-12, 12))
    c.setStrokeColor(col)
    c.setFillColor(col)
    alpha = rng.uniform(0.6, 0.9)
    c.setFillAlpha(alpha)
    c.setStrokeAlpha(alpha)
    name = letter.company.upper()
    if rng.random() < 0.55:
        lines = [name, letter.street.upper(), f"{letter.postcode} {letter.company_city.upper()}",
                 f"NIP {nip_text}"]
        if rng.random() < 0.5:
            lines.append(f"REGON {letter.regon}")
        size = 7.5
        def width(sz):
            return max(c.stringWidth(t, font + ("-Bold" if i == 0 else ""), sz) for i, t in enumerate(lines)) + 14
        while width(size) > 230 and size > 5:
            size -= 0.25
        w = width(size)
        h = len(lines) * (size + 2) + 10
        c.setLineWidth(1.4)
        c.roundRect(-w / 2, -h / 2, w, h, 4, stroke=1, fill=0)
        if rng.random() < 0.5:
            c.setLineWidth(0.6)
            c.roundRect(-w / 2 + 2.5, -h / 2 + 2.5, w - 5, h - 5, 3, stroke=1, fill=0)
        for i, t in enumerate(lines):
            c.setFont(font + ("-Bold" if i == 0 else ""), size)
            c.drawCentredString(0, h / 2 - 6 - (i + 1) * (size + 2) + 2, t)
    else:
        radius = 46
        c.setLineWidth(1.5)
        c.circle(0, 0, radius, stroke=1, fill=0)
        c.setLineWidth(0.7)
        c.circle(0, 0, radius - 13, stroke=1, fill=0)
        short = name.replace("SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ", "SP. Z O.O.")
        ring = f"{short} * {letter.company_city.upper()} * "
        circumference = 2 * math.pi * (radius - 9.5)
        size = 7.0
        while c.stringWidth(ring, font + "-Bold", size) * 1.15 > circumference and size > 3.5:
            size -= 0.25
        step = 360.0 / max(len(ring), 1)
        c.setFont(font + "-Bold", size)
        for i, ch in enumerate(ring):
            ang = 90 - i * step
            c.saveState()
            c.rotate(ang)
            c.translate(radius - 9.5, 0)
            c.rotate(-90)
            c.drawCentredString(0, 0, ch)
            c.restoreState()
        c.setFont(font, 6.5)
        c.drawCentredString(0, 3, "NIP")
        c.drawCentredString(0, -6, nip_text)
    c.restoreState()
