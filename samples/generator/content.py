"""Random letter content: companies, signers, accounts and the letter body.

A `Doc` describes what is printed (not how); layout.py decides the look."""
import datetime as dt
from dataclasses import dataclass, field

from stdnum.pl import nip as nip_mod
from stdnum.pl import regon as regon_mod

from . import pools, wording as W
from .pools import ascii_fold

OPERATOR_NIP = "5471824223"
NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
DATE_FROM, DATE_TO = dt.date(2026, 10, 20), dt.date(2026, 11, 24)
FORMS = ["sole", "zoo", "sa", "sj"]
ZOO = ["sp. z o.o.", "Sp. z o.o.", "spółka z ograniczoną odpowiedzialnością"]
SA = ["S.A.", "Spółka Akcyjna"]
SJ = ["sp. j.", "spółka jawna", "Sp.j."]
PAIRS = [("Prezes Zarządu", "Członek Zarządu"), ("Wiceprezes Zarządu", "Członek Zarządu"),
         ("Członek Zarządu", "Prokurent"), ("Prezes Zarządu", "Prokurent"),
         ("Członek Zarządu", "Członek Zarządu")]


@dataclass
class Doc:
    date_line: str
    sender: list
    body: list = field(default_factory=list)   # ("p", txt) ("kv", lab, val) ("table", rows)
    recipient: list = None
    title: str = None
    closing: str = None
    signers: list = field(default_factory=list)  # [(name, role or None)]
    signed: bool = True
    stamp: list = None
    footer: str = None
    sig_caption: str = None
    stamp_caption: str = None


def random_nip(rng):
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
        s = "".join(map(str, digits))
        check = sum(w * int(d) for w, d in zip(NIP_WEIGHTS, s)) % 11
        if check != 10 and s + str(check) != OPERATOR_NIP:
            if nip_mod.is_valid(s + str(check)):
                return s + str(check)


def random_regon(rng):
    s = "".join(str(rng.randint(0, 9)) for _ in range(8))
    return s + regon_mod.calc_check_digit(s)


def random_date(rng):
    return DATE_FROM + dt.timedelta(days=rng.randint(0, (DATE_TO - DATE_FROM).days))


def phone(rng):
    return f"{rng.choice('5678')}{rng.randint(0, 99):02d} {rng.randint(100, 999)} " \
           f"{rng.randint(100, 999)}"


def full(p):
    return f"{p[0]} {p[1]}"


def make_company(rng, holdout, form=None):
    P = pools.pool(holdout)
    form = form or rng.choices(FORMS, weights=[45, 35, 10, 10])[0]
    addr = pools.address(rng, holdout)
    people = [pools.person(rng, holdout) for _ in range(2)]
    stem = rng.choice(P["stem"])
    if form == "sole":
        name = f"{rng.choice(P['trade'])} {full(people[0])}"
        signers = [(full(people[0]), rng.choice([None, "Właściciel", "właściciel firmy"]))]
    elif form == "sj":
        name = f"{stem} {people[0][1]} i {people[1][1]} {rng.choice(SJ)}"
        signers = [(full(p), "Wspólnik") for p in people[: rng.randint(1, 2)]]
    else:
        legal = rng.choice(ZOO if form == "zoo" else SA)
        city = f" {addr['city']}" if rng.random() < 0.35 else ""
        name = f"{stem}{city} {legal}"
        if rng.random() < 0.45:
            signers = [(full(people[0]), rng.choice(["Prezes Zarządu", "Prokurent"]))]
        else:
            roles = rng.choice(PAIRS)
            signers = [(full(p), r) for p, r in zip(people, roles)]
    slug = ascii_fold(stem if form != "sole" else name.split()[-1]).lower()
    domain = f"{slug.replace(' ', '-').replace('.', '')}.{rng.choice(P['tld'])}"
    return {"form": form, "name": name, "addr": addr, "nip": random_nip(rng),
            "regon": random_regon(rng), "krs": f"0000{rng.randint(10000, 999999):06d}",
            "signers": signers, "people": people, "domain": domain, "phone": phone(rng)}


def make_account(rng, holdout, company):
    first, last = company["people"][0] if rng.random() < 0.6 else \
        pools.person(rng, holdout)
    f, l = ascii_fold(first).lower(), ascii_fold(last).lower().split("-")[0]
    dom, city = company["domain"], ascii_fold(company["addr"]["city"]).lower().split()[0]
    n = rng.randint(1, 9)
    if holdout:
        styles = [f"{l}.{f[0]}", f"{f}-{l[0]}", f"admin_{city}{n}",
                  f"{l}{rng.randint(60, 99)}@{rng.choice(['wp.pl', 'onet.pl', 'o2.pl'])}",
                  f"recepcja@{dom}", f"serwis{n}.{city}"]
    else:
        styles = [f"{f[0]}{l}", f"serwis.{f}_{n:02d}", f"{f}.{l}@{dom}",
                  f"biuro+admin@{dom}", f"{f[0]}.{l}@{dom}", f"tech{n}"]
    return rng.choice(styles)


def stamp_lines(rng, company):
    a, nip = company["addr"], company["nip"]
    lines = [company["name"].upper()]
    if len(lines[0]) > 30:
        words = lines[0].split()
        half = (len(words) + 1) // 2
        lines = [" ".join(words[:half]), " ".join(words[half:])]
    lines += [f"{a['street']}, {a['postcode']} {a['city']}".upper(),
              f"NIP {nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}"]
    if rng.random() < 0.5:
        lines.append(f"REGON {company['regon']}")
    return lines


def sender_block(rng, company, holdout, with_rep=True):
    """Company header lines; returns (lines, intro_paragraph or None)."""
    a, c = company["addr"], company
    nip_line = f"{rng.choice(W.NIP_LABELS[holdout])} {W.nip_text(rng, c['nip'], holdout)}"
    names = ", ".join(n for n, _ in c["signers"])
    style = rng.choice(["template", "labeled", "sentence"]) if with_rep else "template"
    extra = []
    if rng.random() < 0.3:
        extra.append(f"REGON: {c['regon']}")
    if c["form"] in ("zoo", "sa") and rng.random() < 0.4:
        extra.append(f"KRS: {c['krs']}")
    if rng.random() < 0.3:
        extra.append(f"tel. {c['phone']}")
    if style == "template":
        lines = [c["name"]]
        if with_rep:
            lines.append(f"{rng.choice(W.REP_LABELS[holdout])} {names}")
        return lines + [a["street"], f"{a['postcode']} {a['city']}", nip_line] + extra, None
    if style == "labeled":
        return [f"Nazwa firmy: {c['name']}", f"Reprezentant: {names}",
                f"Adres: {a['street']}, {a['postcode']} {a['city']}", nip_line] + extra, None
    reps = ", ".join(f"{n} – {r}" if r else n for n, r in c["signers"])
    intro = (f"{c['name']}, z siedzibą: {a['street']}, {a['postcode']} {a['city']}, "
             f"{nip_line}, reprezentowana przez: {reps}.")
    if c["form"] == "sole":
        fem = names.split()[0].endswith("a")
        intro = (f"Ja, niżej {'podpisana' if fem else 'podpisany'} {names}, "
                 f"{'prowadząca' if fem else 'prowadzący'} działalność gospodarczą "
                 f"pod firmą {c['name']}, {a['street']}, {a['postcode']} {a['city']}, "
                 f"{nip_line}, oświadczam co następuje.")
    return [c["name"], a["street"], f"{a['postcode']} {a['city']}"] + extra, intro


def recipient_block(rng):
    """Optional operator address block; returns (lines, names_operator_nip)."""
    if rng.random() < 0.6:
        return None, False
    lines = ["Sugar Mice Software", "Arkadiusz Kuryłowicz"]
    if rng.random() < 0.5:
        lines.append(f"NIP {rng.choice(W.OPERATOR_NIP_FORMS)}")
        return lines, True
    return lines, False


def letter_city_date(rng, holdout, company):
    city = company["addr"]["city"]
    if rng.random() < 0.15:
        city = pools.address(rng, holdout)["city"]
    d = random_date(rng)
    return city, d, f"{city}, {W.date_text(rng, d)}"


def request_sentence(rng, holdout, actions, account):
    """Build the request sentence for one or more actions.
    Returns (text, wording_id, inline_account, names_operator)."""
    inline = rng.random() < 0.3
    if not holdout and len(actions) == 1 and rng.random() < 0.3 and not inline:
        kind = actions[0][0]
        text = W.TEMPLATE_OPENER.format(op=W.operator_clause(rng)) + W.TEMPLATE_ENDINGS[kind]
        return text, f"tpl_{kind}", False, True
    fid, frame, case = rng.choice(W.FRAMES[holdout])
    idx = 1 if case == "acc" else 0
    act = " oraz ".join(a[1][idx + 1] for a in actions)
    ref_pool = W.REF_INLINE[holdout] if inline else W.REF_BELOW[holdout]
    ref = rng.choice(ref_pool).format(acct=account)
    text = frame.format(app=W.APP, op=W.operator_clause(rng), gen=act, acc=act, ref=ref)
    wid = "+".join(a[1][0] for a in actions) + ":" + fid
    return text, wid, inline, fid not in W.NO_OP_FRAMES


def signature_parts(rng, doc, holdout, company, signed, stamped):
    doc.signers = list(company["signers"])
    doc.signed = signed
    doc.stamp = stamp_lines(rng, company) if stamped else None
    doc.closing = rng.choice(W.CLOSINGS)
    if rng.random() < 0.3:
        doc.sig_caption = "podpis reprezentanta" if not holdout else "(czytelny podpis)"
    if stamped and rng.random() < 0.3:
        doc.stamp_caption = "pieczęć firmowa"


def build_letter(rng, holdout, kinds, signed, stamped, company=None):
    """A letter of authorization asking for `kinds` (list of 1 or 2 kinds)."""
    company = company or make_company(rng, holdout)
    account = make_account(rng, holdout, company)
    city, d, date_line = letter_city_date(rng, holdout, company)
    sender, intro = sender_block(rng, company, holdout)
    doc = Doc(date_line=date_line, sender=sender, title=rng.choice(W.TITLES[holdout]))
    doc.recipient, op_in_recipient = recipient_block(rng)
    actions = [(k, rng.choice(W.ACTIONS[holdout][k])) for k in kinds]
    text, wid, inline, op_named = request_sentence(rng, holdout, actions, account)
    if wid.startswith("tpl_"):
        label = W.ACCOUNT_LABELS[False][0]
    else:
        label = rng.choice(W.ACCOUNT_LABELS[holdout])
    salutation = rng.choice(W.SALUTATIONS[holdout])
    for p in (salutation, intro):
        if p:
            doc.body.append(("p", p))
    reason = rng.choice(W.REASONS[kinds[0]]) if rng.random() < 0.35 else None
    if reason and rng.random() < 0.5:
        doc.body.append(("p", reason))
        reason = None
    doc.body.append(("p", text))
    if not inline:
        doc.body.append(("kv", label, account))
    if reason:
        doc.body.append(("p", reason))
    if rng.random() < 0.35:
        doc.body.append(("p", rng.choice(W.POLITE[holdout]).format(phone=company["phone"])))
    signature_parts(rng, doc, holdout, company, signed, stamped)
    if rng.random() < 0.35:
        a = company["addr"]
        doc.footer = (f"{company['name']} · {a['street']}, {a['postcode']} {a['city']} · "
                      f"tel. {company['phone']}")
    fields = {"nip": company["nip"],
              "operator_nip": OPERATOR_NIP if (op_named or op_in_recipient) else None,
              "company": company["name"], "signers": [n for n, _ in doc.signers],
              "account": account, "city": city, "date": d.isoformat()}
    return doc, fields, wid, company
