"""Shared drawing for the layout families: fonts, a writer that flows text down the page, and the
blocks most letters have (date, company, recipient, account, title, body, signature blocks)."""
import os

from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from . import letter_facts, pen_and_stamp

W, H = A4
FONT_FILES = {
    "LiberationSerif": ("liberation/LiberationSerif-Regular", "liberation/LiberationSerif-Bold", "liberation/LiberationSerif-Italic"),
    "LiberationSans": ("liberation/LiberationSans-Regular", "liberation/LiberationSans-Bold", "liberation/LiberationSans-Italic"),
    "FreeSerif": ("freefont/FreeSerif", "freefont/FreeSerifBold", "freefont/FreeSerifItalic"),
    "FreeSans": ("freefont/FreeSans", "freefont/FreeSansBold", "freefont/FreeSansOblique"),
    "DejaVuSerif": ("dejavu/DejaVuSerif", "dejavu/DejaVuSerif-Bold", "dejavu/DejaVuSerif-Italic"),
    "DejaVuSans": ("dejavu/DejaVuSans", "dejavu/DejaVuSans-Bold", "dejavu/DejaVuSans-Oblique"),
    "LiberationSansNarrow": ("liberation/LiberationSansNarrow-Regular", "liberation/LiberationSansNarrow-Bold", "liberation/LiberationSansNarrow-Italic"),
}
FONTS = list(FONT_FILES)
HAND_FONTS = ["FreeSerif-Italic", "LiberationSerif-Italic", "DejaVuSerif-Italic", "FreeSans-Italic"]
_registered = False


def register_fonts():
    global _registered
    if _registered:
        return
    base = "/usr/share/fonts/truetype/"
    for fam, (reg, bold, ital) in FONT_FILES.items():
        for name, f in ((fam, reg), (fam + "-Bold", bold), (fam + "-Italic", ital)):
            if os.path.exists(base + f + ".ttf"):
                pdfmetrics.registerFont(TTFont(name, base + f + ".ttf"))
    _registered = True


class Writer:
    """A cursor down the page with wrapped paragraphs."""

    def __init__(self, c, rng, font, size):
        self.c, self.rng, self.font, self.size = c, rng, font, size
        self.left = rng.uniform(55, 85)
        self.right = W - rng.uniform(50, 80)
        self.top = H - rng.uniform(55, 85)
        self.y = self.top
        self.lead = size * rng.uniform(1.3, 1.55)
        self.pages = 1

    def line(self, text, align="left", bold=False, size=None, x=None, font=None):
        size = size or self.size
        f = font or (self.font + "-Bold" if bold else self.font)
        x0 = self.left if x is None else x
        if align == "left" and self.c.stringWidth(text, f, size) > self.right - x0:
            parts = simpleSplit(text, f, size, self.right - x0)
            for p in parts:
                self.line(p, bold=bold, size=size, x=x0, font=font)
            return
        self.c.setFont(f, size)
        if align == "right":
            self.c.drawRightString(self.right, self.y, text)
        elif align == "center":
            self.c.drawCentredString((self.left + self.right) / 2, self.y, text)
        else:
            self.c.drawString(self.left if x is None else x, self.y, text)
        self.y -= size * (self.lead / self.size)

    def para(self, text, bold=False, indent=0):
        f = self.font + "-Bold" if bold else self.font
        for ln in simpleSplit(text, f, self.size, self.right - self.left - indent):
            self.line(ln, bold=bold, x=self.left + indent)

    def gap(self, k=1.0):
        self.y -= self.lead * k

    def new_page(self):
        self.c.showPage()
        self.pages += 1
        self.y = self.top


def date_line(w, L, rng):
    sep = rng.choice([", ", ", dnia ", " "])
    text = f"{L.city}{sep}{L.date_text}" if not L.date_text.startswith("dn.") else f"{L.city}, {L.date_text}"
    w.line(text, align=rng.choice(["right", "right", "left"]))


def reps_phrase(L, rng):
    people = [p.printed(L.surname_first) for p in L.reps]
    if rng.random() < 0.5:
        people = [f"{n} – {p.role}" for n, p in zip(people, L.reps)]
    if len(people) == 1:
        return people[0]
    return ", ".join(people[:-1]) + rng.choice([" i ", " oraz "]) + people[-1]


def company_block(w, L, rng, style=None):
    style = style or rng.choice(["lines", "labelled", "sentence"])
    nip_label = rng.choice(["NIP:", "NIP", "nr NIP", "NIP/VAT-UE:"])
    if style == "lines":
        w.line(L.company, bold=rng.random() < 0.5)
        w.line(L.street)
        w.line(f"{L.postcode} {L.company_city}")
        w.line(f"{nip_label} {L.nip_text}")
        if L.spolka and rng.random() < 0.5:
            w.line(f"KRS: {L.krs}")
        if len(L.reps) > 1 or rng.random() < 0.4:
            w.line(f"reprezentowana przez: {reps_phrase(L, rng)}" if L.spolka else f"właściciel: {reps_phrase(L, rng)}")
    elif style == "labelled":
        w.line(f"Nazwa firmy: {L.company}")
        w.line(f"Adres siedziby: {L.address}")
        w.line(f"{nip_label} {L.nip_text}")
        w.line(("Reprezentanci: " if len(L.reps) > 1 else "Reprezentant: ") + reps_phrase(L, rng))
    else:
        nip_text = L.nip_text if " " not in L.nip_text else L.nip_text.replace(" ", "-")
        if L.spolka:
            w.para(f"{L.company}, z siedzibą: {L.address}, {nip_label} {nip_text}, "
                   f"reprezentowana przez {reps_phrase(L, rng)}.")
        else:
            p = L.reps[0]
            w.para(f"Ja, niżej podpisan{'a' if p.female else 'y'} {p.printed(L.surname_first)}, prowadząc{'a' if p.female else 'y'} "
                   f"działalność gospodarczą pod firmą {L.company}, {L.address}, {nip_label} {nip_text},")
    return style


def recipient_block(w, L, rng):
    if not L.operator_named or rng.random() < 0.5:
        return
    y0 = w.y
    x = W / 2 + rng.uniform(20, 60)
    for t in ["Sugar Mice Software", "Arkadiusz Kuryłowicz", "NIP: " + rng.choice(["547-182-42-23", "5471824223"])]:
        w.line(t, x=x)
    w.gap(0.5)
    del y0


def account_line(w, L, rng):
    label = rng.choice(letter_facts.ACCOUNT_LABELS)
    if rng.random() < 0.7:
        w.line(f"{label} {L.account}")
    else:
        w.line(label)
        w.line(L.account, bold=True)


def title_line(w, L, rng):
    if L.title:
        w.gap(0.5)
        w.line(L.title, align="center", bold=True, size=w.size + 3)
        w.gap(0.5)


def sign_blocks(w, L, rng, signed, stamped, over_name=False, columns=None):
    """Signature blocks side by side (or one at the right); the printed name under a line."""
    c = w.c
    n = len(L.reps)
    if w.y < 170:
        w.new_page()
    w.gap(rng.uniform(2.0, 3.5))
    span = w.right - w.left
    if n == 1:
        xs = [w.left + span * rng.choice([0.62, 0.68, 0.0])]
    else:
        xs = [w.left + span * i / n + 5 for i in range(n)]
    bw = min(150, span / n - 15)
    base = w.y
    caption = rng.choice(["", "(podpis)", "podpis reprezentanta", "(czytelny podpis)", "podpis osoby upoważnionej"])
    for x, p in zip(xs, L.reps):
        name = p.printed(L.surname_first)
        if signed:
            sy = base - 4 if over_name else base + 6
            pen_and_stamp.signature(c, rng, x + 5, sy, width=bw * rng.uniform(0.6, 0.9), height=22)
        c.setStrokeColor(black)
        c.setLineWidth(0.5)
        c.setDash(1, 2)
        c.line(x, base, x + bw, base)
        c.setDash()
        c.setFillColor(black)
        c.setFont(w.font, w.size - 1)
        c.drawString(x, base - w.size - 2, name)
        if n > 1 or rng.random() < 0.5:
            c.setFont(w.font, w.size - 2)
            c.drawString(x, base - 2 * w.size - 3, p.role)
        if caption:
            c.setFont(w.font + "-Italic", w.size - 3)
            c.drawString(x, base - 3 * w.size - 4, caption)
    w.y = base - 4 * w.size - 6
    if stamped:
        if over_name:
            sx, sy = xs[0] + bw / 2, base - w.size
        else:
            sx = w.left + span * rng.uniform(0.2, 0.35) if n == 1 and xs[0] > w.left + 50 else W / 2
            sy = base - 10
            if n == 1 and xs[0] <= w.left + 50:
                sx = w.left + span * 0.7
            if n > 1:  # below the blocks, never over the text above them
                sx = w.left + span * rng.uniform(0.3, 0.7)
                sy = w.y - 45
                w.y -= 95
        pen_and_stamp.stamp(c, rng, sx, sy, L, w.font, L.extra.get("stamp_nip", L.nip_text))
        c.setFillColor(black)
        c.setFillAlpha(1)
        c.setStrokeAlpha(1)


def body(w, L, rng, long=False):
    if long:
        w.para(rng.choice(["Szanowni Państwo,", "Dzień dobry,", "Szanowny Panie,"]))
        w.gap(0.4)
        we = len(L.reps) > 1
        w.para(("Jako klienci" if we else "Jako klient") + " korzystający z aplikacji " + letter_facts.APP + " od kilku lat, "
               + ("zwracamy" if we else "zwracam") + " się z uprzejmą prośbą o pomoc w odzyskaniu dostępu do naszego "
               "konta firmowego. " + letter_facts.REASONS[L.kind] + " Zgodnie z instrukcją ze strony pomocy "
               + ("przesyłamy" if we else "przesyłam") + " niniejsze upoważnienie.")
        w.gap(0.4)
    w.para(letter_facts.request_sentence(L, rng))
    w.gap(0.6)
    account_line(w, L, rng)
    if long:
        w.gap(0.6)
        w.para("W razie pytań prosimy o kontakt telefoniczny pod numerem " + L.phone + " lub mailowo na adres " +
               L.office_mail + ". Dziękujemy za szybką realizację.")
        w.gap(0.4)
        w.line(rng.choice(["Z poważaniem", "Z wyrazami szacunku", "Łączę pozdrowienia"]))


def std_letter(w, L, rng, signed, stamped, long=False, over_name=False, head=None):
    if head:
        head(w, L, rng)
    date_line(w, L, rng)
    w.gap(0.8)
    company_block(w, L, rng)
    w.gap(0.5)
    recipient_block(w, L, rng)
    title_line(w, L, rng)
    body(w, L, rng, long=long)
    sign_blocks(w, L, rng, signed, stamped, over_name=over_name)
