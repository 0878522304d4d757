"""Unrelated documents (truth kind "unknown")."""
from verify.kinds import NAMES as KINDS

from . import content as C, wording as W

UNKNOWN_TYPES = ["invoice", "complaint", "termination", "multi", "mfa_footer"]
ITEMS = [("Abonament Serwisant Online – pakiet Standard", "szt.", 199.00),
         ("Wymiana wyświetlacza w telefonie", "usł.", 349.00),
         ("Zasilacz impulsowy 12V", "szt.", 58.90), ("Przegląd klimatyzacji", "usł.", 250.00),
         ("Dojazd do klienta", "km", 1.20), ("Pasta termoprzewodząca", "szt.", 19.99),
         ("Naprawa pralki – wymiana łożysk", "usł.", 420.00),
         ("Kabel HDMI 2 m", "szt.", 24.50)]


def money(x):
    s = f"{x:,.2f}".replace(",", " ").replace(".", ",")
    return s


def _fields(company, city, d, signers, account=None, nip=True, op=False):
    return {"nip": company["nip"] if nip else None,
            "operator_nip": C.OPERATOR_NIP if op else None,
            "company": company["name"], "signers": signers, "account": account,
            "city": city, "date": d.isoformat()}


def _party(rng, company, holdout, head):
    a = company["addr"]
    return [head, company["name"], a["street"], f"{a['postcode']} {a['city']}",
            f"NIP: {W.nip_text(rng, company['nip'], holdout)}"]


def invoice(rng, holdout, signed, stamped):
    seller, buyer = C.make_company(rng, holdout), C.make_company(rng, holdout)
    city, d, _ = C.letter_city_date(rng, holdout, seller)
    no = f"FV/{rng.randint(1, 480)}/{d.month:02d}/{d.year}"
    doc = C.Doc(date_line=f"{city}, data wystawienia: {d.isoformat()}",
                sender=_party(rng, seller, holdout, "Sprzedawca:"),
                recipient=_party(rng, buyer, holdout, "Nabywca:"),
                title=f"Faktura VAT nr {no}")
    rows = [["Lp.", "Nazwa towaru/usługi", "Ilość", "J.m.", "Cena netto", "VAT",
             "Wartość brutto"]]
    total = 0.0
    for i, (name, unit, price) in enumerate(rng.sample(ITEMS, rng.randint(2, 5)), 1):
        qty = rng.randint(1, 4) if unit != "km" else rng.randint(10, 80)
        gross = round(qty * price * 1.23, 2)
        total += gross
        rows.append([str(i), name, str(qty), unit, money(price), "23%", money(gross)])
    doc.body = [("p", f"Data sprzedaży: {d.isoformat()}"), ("table", rows),
                ("kv", "Razem do zapłaty:", f"{money(total)} zł"),
                ("p", "Forma płatności: przelew, termin płatności: 14 dni."),
                ("kv", "Nr rachunku:", "PL " + " ".join(
                    f"{rng.randint(0, 9999):04d}" for _ in range(6)) + " 12")]
    doc.closing = None
    if stamped:
        doc.stamp = C.stamp_lines(rng, seller)
    fields = _fields(seller, city, d, [], nip=False)
    extra = {"other_nips": [seller["nip"], buyer["nip"]]}
    return doc, fields, "invoice", False, stamped, extra


def complaint(rng, holdout, signed, stamped):
    company = C.make_company(rng, holdout)
    city, d, date_line = C.letter_city_date(rng, holdout, company)
    sender, _ = C.sender_block(rng, company, holdout, with_rep=False)
    doc = C.Doc(date_line=date_line, sender=sender, title="Reklamacja",
                recipient=["Hurtownia Części Elektronicznych", "Dział Reklamacji"])
    order = f"ZAM/{d.year}/{rng.randint(1000, 9999)}"
    doc.body = [("p", f"Niniejszym składam reklamację dotyczącą towaru zakupionego w ramach "
                      f"zamówienia nr {order}. Dostarczone zasilacze nie działają po "
                      f"podłączeniu, a dwa egzemplarze mają uszkodzoną obudowę."),
                ("p", "Proszę o wymianę towaru na wolny od wad lub zwrot zapłaconej ceny "
                      "w terminie 14 dni."),
                ("kv", "Numer zamówienia:", order)]
    C.signature_parts(rng, doc, holdout, company, signed, stamped)
    fields = _fields(company, city, d, [n for n, _ in doc.signers])
    return doc, fields, "complaint", signed, stamped, {}


def termination(rng, holdout, signed, stamped):
    company = C.make_company(rng, holdout)
    city, d, date_line = C.letter_city_date(rng, holdout, company)
    sender, _ = C.sender_block(rng, company, holdout)
    account = C.make_account(rng, holdout, company)
    doc = C.Doc(date_line=date_line, sender=sender, title="Wypowiedzenie umowy")
    doc.body = [("p", f"Niniejszym wypowiadam umowę na korzystanie z aplikacji {W.APP}, "
                      f"zawartą z firmą {W.operator_clause(rng)}, z zachowaniem "
                      f"jednomiesięcznego okresu wypowiedzenia."),
                ("kv", "Konto główne:", account),
                ("p", "Proszę o potwierdzenie otrzymania wypowiedzenia oraz wskazanie daty "
                      "rozwiązania umowy.")]
    C.signature_parts(rng, doc, holdout, company, signed, stamped)
    fields = _fields(company, city, d, [n for n, _ in doc.signers], account, op=True)
    return doc, fields, "termination", signed, stamped, {}


def multi(rng, holdout, signed, stamped):
    kinds = rng.sample(KINDS, 2)
    doc, fields, wid, _ = C.build_letter(rng, holdout, kinds, signed, stamped)
    return doc, fields, "multi:" + wid, signed, stamped, {"multi": True,
                                                          "requested": kinds}


def mfa_footer(rng, holdout, signed, stamped):
    company = C.make_company(rng, holdout)
    city, d, date_line = C.letter_city_date(rng, holdout, company)
    sender, _ = C.sender_block(rng, company, holdout)
    account = C.make_account(rng, holdout, company) if rng.random() < 0.6 else None
    doc = C.Doc(date_line=date_line, sender=sender, recipient=["Sugar Mice Software",
                                                               "Arkadiusz Kuryłowicz"])
    no = f"FV/{rng.randint(1, 480)}/{d.month - 1:02d}/{d.year}"
    doc.body = [("p", "Szanowni Państwo,"),
                ("p", f"uprzejmie prosimy o przesłanie duplikatu faktury nr {no} za "
                      f"abonament aplikacji {W.APP}, ponieważ oryginał uległ zniszczeniu."),
                ("p", "Duplikat prosimy przesłać na adres e-mail firmy.")]
    if account:
        doc.body.insert(2, ("kv", "Dotyczy konta:", account))
    C.signature_parts(rng, doc, holdout, company, signed, stamped)
    doc.footer = rng.choice([
        "Dbamy o bezpieczeństwo: konta w naszej firmie chronione są logowaniem MFA/2FA.",
        "Przypominamy: nigdy nie podajemy kodów 2FA przez telefon ani e-mail.",
        "Wszystkie konta pracowników mają włączone uwierzytelnianie dwuskładnikowe (MFA)."])
    fields = _fields(company, city, d, [n for n, _ in doc.signers], account)
    return doc, fields, "mfa_footer", signed, stamped, {}


BUILDERS = {"invoice": invoice, "complaint": complaint, "termination": termination,
            "multi": multi, "mfa_footer": mfa_footer}
