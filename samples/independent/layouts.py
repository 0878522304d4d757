"""Layout families: each draws one letter into a PDF (bytes) and returns what it printed."""
import io

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from . import letter_facts, pen_and_stamp
from .blocks import (
    HAND_FONTS,
    H,
    W,
    Writer,
    body,
    company_block,
    date_line,
    recipient_block,
    register_fonts,
    reps_phrase,
    sign_blocks,
    std_letter,
    title_line,
)

# --- families -------------------------------------------------------------

def fam_side_by_side(w, L, rng, signed, stamped):
    std_letter(w, L, rng, signed, stamped)


def fam_sig_second_page(w, L, rng, signed, stamped):
    date_line(w, L, rng)
    w.gap(0.8)
    company_block(w, L, rng)
    w.gap(0.5)
    title_line(w, L, rng)
    body(w, L, rng, long=rng.random() < 0.5)
    w.gap(1)
    w.para("(podpisy na następnej stronie)" if rng.random() < 0.5 else "")
    w.new_page()
    w.line(rng.choice(["Podpisy osób reprezentujących:", "Strona 2/2 – podpisy", f"{L.company} – podpisy"]))
    sign_blocks(w, L, rng, signed, stamped)


def fam_field_table(w, L, rng, signed, stamped):
    c = w.c
    date_line(w, L, rng)
    title_line(w, L, rng)
    w.gap(0.5)
    rows = [("Nazwa firmy", L.company), ("Adres", L.address), ("NIP", L.nip_text),
            ("Reprezentowana przez", reps_phrase(L, rng)),
            ("Operator", letter_facts.OPERATOR + (", NIP 547-182-42-23" if L.operator_named else "")),
            ("Wnioskowana czynność", rng.choice(letter_facts.REQUESTS[L.kind])),
            ("Login / e-mail konta", L.account), ("Miejscowość i data", f"{L.city}, {L.date_text}")]
    rng.shuffle(rows[3:6])
    lab_w = 150
    val_w = w.right - w.left - lab_w
    c.setLineWidth(0.7)
    for lab, val in rows:
        lines = simpleSplit(val, w.font, w.size, val_w - 8)
        h = len(lines) * w.lead + 6
        top = w.y + w.size
        if rng.random() < 0.5:
            c.setFillColor(Color(0.9, 0.9, 0.9))
            c.rect(w.left, top - h, lab_w, h, stroke=0, fill=1)
            c.setFillColor(black)
        c.rect(w.left, top - h, lab_w, h)
        c.rect(w.left + lab_w, top - h, val_w, h)
        c.setFont(w.font + "-Bold", w.size - 1)
        c.drawString(w.left + 4, w.y - 1, lab + ":")
        c.setFont(w.font, w.size)
        for i, ln in enumerate(lines):
            c.drawString(w.left + lab_w + 4, w.y - 1 - i * w.lead, ln)
        w.y -= h
    w.gap(0.5)
    w.para(f"{letter_facts.verb(L)} operatora do wykonania czynności opisanej w tabeli.")
    sign_blocks(w, L, rng, signed, stamped)


def hand_text(c, rng, x, y, text, size):
    """Values filled in 'by hand': an italic font, blue ink, each glyph a little off the line."""
    font = rng.choice(HAND_FONTS)
    r, g, b = rng.choice(pen_and_stamp.INKS)
    c.saveState()
    c.setFillColor(Color(r, g, b))
    slope = rng.uniform(-0.03, 0.03)
    cx = x
    for ch in text:
        c.setFont(font, size * rng.uniform(0.95, 1.08))
        c.drawString(cx, y + (cx - x) * slope + rng.uniform(-0.8, 0.8), ch)
        cx += c.stringWidth(ch, font, size) * rng.uniform(1.0, 1.08)
    c.restoreState()


def fam_template_dotted(w, L, rng, signed, stamped):
    c = w.c
    hand = rng.random() < 0.65
    L.operator_named = True
    vsize = w.size + (1 if hand else 0)

    def dotted(label, value):
        c.setFont(w.font, w.size)
        c.drawString(w.left, w.y, label)
        x0 = w.left + c.stringWidth(label, w.font, w.size) + 4
        dots = "." * int((w.right - x0) / c.stringWidth(".", w.font, w.size))
        c.drawString(x0, w.y, dots)
        if hand:
            hand_text(c, rng, x0 + rng.uniform(4, 20), w.y + rng.uniform(0, 3), value, vsize)
        else:
            c.setFont(w.font, w.size)
            c.drawString(x0 + 8, w.y + 1.5, value)
        w.gap(1.4)

    w.left += rng.uniform(0, 20)
    dotted("miasto, data", f"{L.city}, {L.date_text}")
    w.gap(0.6)
    names = ", ".join(L.signers)
    dotted("nazwa firmy, imię i nazwisko reprezentanta", "")
    # the value does not fit after the label: it goes on the dotted lines below it
    for value in (L.company + ",", names):
        c.setFont(w.font, w.size)
        c.drawString(w.left, w.y, "." * int((w.right - w.left) / c.stringWidth(".", w.font, w.size)))
        if hand:
            hand_text(c, rng, w.left + rng.uniform(6, 30), w.y + rng.uniform(0.5, 3), value, vsize)
        else:
            c.setFont(w.font, w.size)
            c.drawString(w.left + 10, w.y + 1.5, value)
        w.gap(1.4)
    dotted("adres", L.address)
    dotted("nip", L.nip_text)
    w.gap(1.2)
    tail = {"mfa_removal": "do usunięcia ze wskazanego poniżej konta zabezpieczenia w postaci uwierzytelniania dwuskładnikowego.",
            "ip_unblock": "do usunięcia ze wskazanego poniżej konta zabezpieczenia w postaci blokady IP.",
            "admin_elevation": "do podniesienia uprawnień wskazanego poniżej konta do uprawnień administratora aplikacji."}[L.kind]
    w.para(f"{letter_facts.verb(L) if len(L.reps) > 1 else 'Upoważniam'} operatora aplikacji Serwisant Online, firmę Sugar Mice Software, "
           f"Arkadiusz Kuryłowicz, NIP 547-182-42-23 {tail}")
    w.gap(1.5)
    dotted("login lub email konta:", L.account)
    w.gap(2.5)
    x = w.left + (w.right - w.left) * rng.uniform(0.5, 0.6)
    if stamped:
        pen_and_stamp.stamp(c, rng, x + 55, w.y + 5, L, w.font, L.nip_text)
        c.setFillColor(black); c.setFillAlpha(1); c.setStrokeAlpha(1)
    w.gap(2.2)
    c.setFont(w.font, w.size - 1)
    c.drawString(x + 20, w.y, "pieczęć firmowa")
    w.gap(4.5)
    if signed:
        for i, p in enumerate(L.reps):
            pen_and_stamp.signature(c, rng, x + i * 50 - (len(L.reps) - 1) * 25, w.y + 14 + i * 5, width=110, height=22)
    c.setFont(w.font, w.size - 1)
    c.drawString(x + 10, w.y, "podpis reprezentanta")
    w.gap(2)


def draw_logo(c, rng, x, y, L, font):
    r, g, b = rng.choice([(0.1, 0.35, 0.6), (0.7, 0.2, 0.1), (0.1, 0.5, 0.3), (0.3, 0.3, 0.3)])
    col = Color(r, g, b)
    c.saveState()
    c.setFillColor(col)
    c.setStrokeColor(col)
    shape = rng.choice(["circle", "square", "tri"])
    if shape == "circle":
        c.circle(x + 22, y + 22, 22, fill=1, stroke=0)
    elif shape == "square":
        c.roundRect(x, y, 44, 44, 8, fill=1, stroke=0)
    else:
        p = c.beginPath(); p.moveTo(x, y); p.lineTo(x + 48, y); p.lineTo(x + 24, y + 44); p.close()
        c.drawPath(p, fill=1, stroke=0)
    initials = "".join(t[0] for t in L.company.split()[:2]).upper()
    c.setFillColor(Color(1, 1, 1))
    c.setFont(font + "-Bold", 16)
    c.drawCentredString(x + 23, y + 15, initials)
    c.setFillColor(col)
    name = L.company.split(" sp.")[0].split(" Sp.")[0].split(" S.A")[0].split(" spółka")[0]
    size = 15
    while size > 8 and c.stringWidth(name, font + "-Bold", size) > W - 2 * x - 60:
        size -= 0.5
    c.setFont(font + "-Bold", size)
    c.drawString(x + 56, y + 24, name)
    c.setFont(font, 8.5)
    c.drawString(x + 56, y + 10, f"{L.street} · {L.postcode} {L.company_city}")
    c.setLineWidth(1.5)
    c.line(x, y - 8, W - x, y - 8)
    c.restoreState()


def footer(c, rng, L, font):
    items = [f"KRS {L.krs}" if L.spolka else "CEIDG", f"REGON {L.regon}", f"{L.bank} {L.bank_account}",
             L.phone, L.office_mail]
    if rng.random() < 0.5:
        items.append(f"kapitał zakładowy {rng.choice(['5 000', '50 000', '120 000'])},00 zł")
    rng.shuffle(items)
    c.saveState()
    c.setLineWidth(0.5)
    c.line(50, 62, W - 50, 62)
    c.setFont(font, 7.5)
    half = (len(items) + 1) // 2
    c.drawCentredString(W / 2, 50, "  |  ".join(items[:half]))
    c.drawCentredString(W / 2, 40, "  |  ".join(items[half:]))
    c.restoreState()


def fam_letterhead(w, L, rng, signed, stamped):
    draw_logo(w.c, rng, w.left, H - 90, L, w.font)
    footer(w.c, rng, L, w.font)
    w.y = H - 130
    date_line(w, L, rng)
    w.gap(0.5)
    company_block(w, L, rng, style=rng.choice(["sentence", "labelled", "lines"]))
    recipient_block(w, L, rng)
    title_line(w, L, rng)
    body(w, L, rng)
    sign_blocks(w, L, rng, signed, stamped)


def fam_mark_over_name(w, L, rng, signed, stamped):
    std_letter(w, L, rng, signed, stamped, over_name=True)


def fam_long_letter(w, L, rng, signed, stamped):
    std_letter(w, L, rng, signed, stamped, long=True)


def fam_several_reps(w, L, rng, signed, stamped):
    date_line(w, L, rng)
    w.gap(0.8)
    w.para(f"{L.company}, {L.address}, NIP {L.nip_text.replace(' ', '-')}, reprezentowana przez {reps_phrase(L, rng)}")
    w.gap(0.5)
    title_line(w, L, rng)
    body(w, L, rng)
    sign_blocks(w, L, rng, signed, stamped)


def fam_cover_note(w, L, rng, signed, stamped):
    p = L.reps[0]
    w.line(f"{L.city}, {L.date_text}", align="right")
    w.gap(1)
    w.line(f"Od: {L.company}")
    w.line(f"Do: {letter_facts.OPERATOR} – dział wsparcia {letter_facts.APP}")
    w.gap(1)
    w.line(rng.choice(["Dotyczy: odzyskanie dostępu do konta", "Temat: upoważnienie", "Pismo przewodnie"]), bold=True)
    w.gap(0.8)
    w.para(rng.choice(["W załączeniu przesyłam upoważnienie dotyczące naszego konta w aplikacji " + letter_facts.APP + ".",
                       "W załączeniu przesyłam podpisane upoważnienie z prośbą o jego realizację."]) +
           " Proszę o informację zwrotną na adres " + L.office_mail + " po wykonaniu operacji.")
    w.gap(1)
    w.line("Z poważaniem")
    w.line(p.printed(L.surname_first))
    w.new_page()
    std_letter(w, L, rng, signed, stamped)


UNRELATED = {
    "offer_request": ("Zapytanie ofertowe",
                      "Zwracamy się z prośbą o przedstawienie oferty na dostawę 40 licencji oprogramowania do obsługi "
                      "zleceń serwisowych wraz z wdrożeniem i szkoleniem pracowników. Prosimy o podanie ceny netto "
                      "oraz terminu realizacji."),
    "complaint": ("Reklamacja",
                  "Zgłaszamy reklamację faktury za ostatni okres rozliczeniowy: naliczono opłatę za 12 stanowisk, "
                  "podczas gdy korzystamy z 9. Prosimy o wystawienie faktury korygującej."),
    "data_change": ("Zmiana danych do faktury",
                    "Informujemy, że od przyszłego miesiąca zmienia się adres naszej siedziby. Prosimy o "
                    "aktualizację danych na fakturach. Pozostałe dane firmy pozostają bez zmian."),
    "meeting": ("Zaproszenie",
                "Serdecznie zapraszamy na spotkanie branżowe serwisantów urządzeń grzewczych, które odbędzie się "
                "w naszej siedzibie. W programie prezentacja nowych urządzeń i poczęstunek."),
}


def fam_unrelated(w, L, rng, signed, stamped):
    doc = rng.choice(sorted(UNRELATED))
    title, text = UNRELATED[doc]
    L.extra["doc_type"] = doc
    L.operator_named = False
    if rng.random() < 0.5:
        draw_logo(w.c, rng, w.left, H - 90, L, w.font)
        w.y = H - 130
    date_line(w, L, rng)
    w.gap(0.8)
    company_block(w, L, rng, style="lines")
    w.gap(0.5)
    w.line(title, align="center", bold=True, size=w.size + 2)
    w.gap(0.5)
    w.para(text)
    sign_blocks(w, L, rng, signed, stamped)


FAMILIES = {
    "side_by_side": fam_side_by_side,
    "sig_second_page": fam_sig_second_page,
    "field_table": fam_field_table,
    "template_dotted": fam_template_dotted,
    "letterhead": fam_letterhead,
    "mark_over_name": fam_mark_over_name,
    "long_letter": fam_long_letter,
    "several_reps": fam_several_reps,
    "cover_note": fam_cover_note,
    "unrelated": fam_unrelated,
}
TWO_PAGE = {"sig_second_page", "cover_note"}


def draw(family, L, rng, signed, stamped):
    """The letter as PDF bytes, and the number of pages."""
    register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("")
    w = Writer(c, rng, L.font, rng.choice([10, 10.5, 11, 11.5, 12]))
    FAMILIES[family](w, L, rng, signed, stamped)
    c.showPage()
    c.save()
    return buf.getvalue(), w.pages
