"""Draw a content.Doc onto an A4 page with reportlab; returns PDF bytes."""
import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from . import marks

FD = "/usr/share/fonts/truetype/"
FAMILIES = {  # name: (regular, bold, italic)
    "LiberationSans": ("liberation/LiberationSans-Regular", "liberation/LiberationSans-Bold",
                       "liberation/LiberationSans-Italic"),
    "LiberationSerif": ("liberation/LiberationSerif-Regular",
                        "liberation/LiberationSerif-Bold", "liberation/LiberationSerif-Italic"),
    "FreeSans": ("freefont/FreeSans", "freefont/FreeSansBold", "freefont/FreeSansOblique"),
    "FreeSerif": ("freefont/FreeSerif", "freefont/FreeSerifBold", "freefont/FreeSerifItalic"),
    "DejaVuSans": ("dejavu/DejaVuSans", "dejavu/DejaVuSans-Bold", "dejavu/DejaVuSans-Oblique"),
    "DejaVuSerif": ("dejavu/DejaVuSerif", "dejavu/DejaVuSerif-Bold",
                    "dejavu/DejaVuSerif-Italic"),
    "DejaVuSansCondensed": ("dejavu/DejaVuSansCondensed", "dejavu/DejaVuSansCondensed-Bold",
                            "dejavu/DejaVuSansCondensed-Oblique"),
}
TRAIN_FONTS = ["LiberationSans", "LiberationSerif", "FreeSans", "FreeSerif"]
HOLDOUT_FONTS = ["DejaVuSans", "DejaVuSerif", "DejaVuSansCondensed"]
PAGE_W, PAGE_H = A4


def font_path(family, variant=0):
    return FD + FAMILIES[family][variant] + ".ttf"


def register(family):
    names = (family, family + "-B", family + "-I")
    if family not in pdfmetrics.getRegisteredFontNames():
        for name, i in zip(names, range(3)):
            pdfmetrics.registerFont(TTFont(name, font_path(family, i)))
    return names


@dataclass
class Style:
    family: str
    size: float
    ml: float
    mr: float
    mt: float
    sender_right: bool
    date_first: bool
    kv_style: str        # "inline", "bold", "below"
    title_center: bool
    sig_side_by_side: bool
    sig_right: bool

    @property
    def cw(self):
        return PAGE_W - self.ml - self.mr


def random_style(rng, holdout):
    return Style(family=rng.choice(HOLDOUT_FONTS if holdout else TRAIN_FONTS),
                 size=rng.choice([10, 10.5, 11, 11.5, 12, 12.5, 13]),
                 ml=rng.uniform(18, 30) * mm, mr=rng.uniform(15, 25) * mm,
                 mt=rng.uniform(15, 28) * mm, sender_right=rng.random() < 0.3,
                 date_first=rng.random() < 0.6, kv_style=rng.choice(["inline", "bold",
                                                                     "below"]),
                 title_center=rng.random() < 0.7, sig_side_by_side=rng.random() < 0.7,
                 sig_right=rng.random() < 0.75)


class Painter:
    def __init__(self, c, st):
        self.c, self.st = c, st
        self.f, self.fb, self.fi = register(st.family)
        self.lead = st.size * 1.38

    def lines(self, lines, x, y, right=False, font=None, size=None):
        size = size or self.st.size
        for line in lines:
            self.c.setFont(font or self.f, size)
            if right:
                self.c.drawRightString(x, y, line)
            else:
                self.c.drawString(x, y, line)
            y -= size * 1.38
        return y

    def para(self, text, y, font=None, indent=0):
        parts = simpleSplit(text, font or self.f, self.st.size, self.st.cw - indent)
        return self.lines(parts, self.st.ml + indent, y, font=font)

    def kv(self, label, value, y):
        st, c = self.st, self.c
        if st.kv_style == "below":
            y = self.lines([label], st.ml, y)
            return self.lines([value], st.ml + 10 * mm, y, font=self.fb)
        c.setFont(self.f, st.size)
        c.drawString(st.ml, y, label)
        c.setFont(self.fb if st.kv_style == "bold" else self.f, st.size)
        c.drawString(st.ml + pdfmetrics.stringWidth(label + "  ", self.f, st.size), y, value)
        return y - self.lead

    def table(self, rows, y):
        fr = [0.06, 0.38, 0.08, 0.07, 0.15, 0.08, 0.18]
        size = self.st.size - 2
        xs = [self.st.ml]
        for f in fr:
            xs.append(xs[-1] + f * self.st.cw)
        for r, row in enumerate(rows):
            cells = [simpleSplit(t, self.fb if r == 0 else self.f, size,
                                 xs[i + 1] - xs[i] - 4) for i, t in enumerate(row)]
            h = max(len(cl) for cl in cells) * size * 1.25 + 4
            for i, cl in enumerate(cells):
                self.c.rect(xs[i], y - h, xs[i + 1] - xs[i], h)
                self.lines(cl, xs[i] + 2, y - size - 1, font=self.fb if r == 0 else self.f,
                           size=size)
            y -= h
        return y - self.lead


def draw_header(p, doc, y):
    st = p.st
    right_x = PAGE_W - st.mr
    width = pdfmetrics.stringWidth
    widest = max(width(t, p.f, st.size) for t in doc.sender)
    if widest + width(doc.date_line, p.f, st.size) > st.cw - 10 * mm:
        st.date_first = True  # a same-row layout would overlap the date line
    if st.date_first:
        y = p.lines([doc.date_line], right_x, y, right=True) - p.lead
        y_s = p.lines(doc.sender, right_x if st.sender_right else st.ml, y,
                      right=st.sender_right)
    else:
        p.lines([doc.date_line], right_x, y, right=True)
        y_s = p.lines(doc.sender, right_x if st.sender_right else st.ml,
                      y - (2 * p.lead if st.sender_right else 0), right=st.sender_right)
    y = y_s - p.lead
    if doc.recipient:
        x = st.ml if st.sender_right else st.ml + st.cw * 0.55
        y = p.lines(doc.recipient, x, y, font=p.fb) - p.lead
    return y


def draw_body(p, doc, y):
    st = p.st
    if doc.title:
        p.c.setFont(p.fb, st.size + 3)
        if st.title_center:
            p.c.drawCentredString(st.ml + st.cw / 2, y, doc.title)
        else:
            p.c.drawString(st.ml, y, doc.title)
        y -= 2 * p.lead
    for item in doc.body:
        if item[0] == "p":
            y = p.para(item[1], y) - p.lead * 0.5
        elif item[0] == "kv":
            y = p.kv(item[1], item[2], y) - p.lead * 0.3
        else:
            y = p.table(item[1], y)
    if doc.closing:
        y = p.lines([doc.closing], st.ml + st.cw * (0.55 if st.sig_right else 0), y)
    return y


def _img(c, img, cx, y_bottom, w_mm=None):
    scale = 25.4 / 300 * mm  # image pixels at 300 dpi -> points
    w, h = img.size[0] * scale, img.size[1] * scale
    c.drawImage(ImageReader(img), cx - w / 2, y_bottom, w, h, mask="auto")
    return h


def draw_signatures(p, doc, y, sigs, stamp_img, rng):
    st, c = p.st, p.c
    n = len(doc.signers)
    stamp_h = stamp_img.size[1] / 300 * 25.4 * mm if stamp_img else 0
    band = max(24 * mm, stamp_h + 3 * mm)
    side = n == 1 or st.sig_side_by_side
    if side:
        cols = [0.25, 0.75] if n == 2 else [0.72 if st.sig_right else 0.28]
        rows = [y - band] * max(n, 1)
    else:
        cols, rows = [0.7, 0.7], [y - band, y - band - 3.5 * p.lead - 20 * mm]
    bottom = y
    for i, (name, role) in enumerate(doc.signers):
        cx, yl = st.ml + cols[i] * st.cw, rows[i]
        c.setDash(1, 2)
        c.line(cx - 30 * mm, yl, cx + 30 * mm, yl)
        c.setDash()
        texts = [name] + ([role] if role else [])
        yy = yl - st.size * 1.3
        for t in texts:
            c.setFont(p.f, st.size)
            c.drawCentredString(cx, yy, t)
            yy -= p.lead
        if doc.sig_caption:
            c.setFont(p.fi, st.size - 2)
            c.drawCentredString(cx, yy, doc.sig_caption)
            yy -= p.lead
        bottom = min(bottom, yy)
        if doc.signed:
            _img(c, sigs[i], cx + rng.uniform(-8, 8) * mm, yl - 2 * mm)
    if stamp_img:
        free = 0.28 if cols[0] > 0.5 else 0.72
        sx = 0.5 if (side and n == 2) or not side else free
        cx = st.ml + (sx + rng.uniform(-0.07, 0.07)) * st.cw
        _img(c, stamp_img, cx, rows[0] + 1.5 * mm)
        if doc.stamp_caption and n == 1:
            c.setFont(p.fi, st.size - 2)
            c.drawCentredString(cx, rows[0] - st.size * 1.3, doc.stamp_caption)
    return bottom


def draw_footer(p, doc):
    if not doc.footer:
        return 0
    st, c = p.st, p.c
    y = 12 * mm
    c.line(st.ml, y + 4 * mm, PAGE_W - st.mr, y + 4 * mm)
    c.setFont(p.f, 7.5)
    c.drawCentredString(st.ml + st.cw / 2, y, doc.footer)
    return y + 6 * mm


def render_pdf(doc, st, rng, np_rng):
    """Draw the doc; shrinks the font until everything fits one page."""
    sigs = [marks.signature(rng) for _ in doc.signers] if doc.signed else []
    stamp_img = None
    if doc.stamp:
        stamp_img = marks.stamp(rng, doc.stamp, font_path(st.family),
                                font_path(st.family, 1), np_rng)
    seed = rng.random()
    while True:
        buf = io.BytesIO()
        c = canvas_for(buf)
        p = Painter(c, st)
        limit = draw_footer(p, doc) + 10 * mm
        y = draw_body(p, doc, draw_header(p, doc, PAGE_H - st.mt))
        local = __import__("random").Random(seed)
        y = draw_signatures(p, doc, y - p.lead, sigs, stamp_img, local) if doc.signers \
            or stamp_img else y
        if y >= limit or st.size <= 8:
            c.showPage()
            c.save()
            return buf.getvalue()
        st.size -= 0.5
        st.mt = max(10 * mm, st.mt - 3 * mm)


def canvas_for(buf):
    from reportlab.pdfgen import canvas
    return canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)


def fax_cover_pdf(rng):
    """A simple fax cover sheet used as the 2nd page of some faxes."""
    buf = io.BytesIO()
    c = canvas_for(buf)
    f, fb, _ = register("LiberationSans")
    c.setFont(fb, 48)
    c.drawString(25 * mm, PAGE_H - 45 * mm, "FAX")
    c.setFont(f, 13)
    rows = [("Do:", "Sugar Mice Software"), ("Od:", "Dział administracji"),
            ("Liczba stron:", "2 (łącznie z tą stroną)"),
            ("Tel. zwrotny:", f"{rng.randint(12, 99)} {rng.randint(100, 999)} "
                              f"{rng.randint(10, 99)} {rng.randint(10, 99)}")]
    y = PAGE_H - 70 * mm
    for label, value in rows:
        c.drawString(25 * mm, y, label)
        c.drawString(65 * mm, y, value)
        c.line(63 * mm, y - 2 * mm, 180 * mm, y - 2 * mm)
        y -= 12 * mm
    c.showPage()
    c.save()
    return buf.getvalue()
