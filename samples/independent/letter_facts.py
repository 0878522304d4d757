"""What a letter says: company, representatives, account, date; independent of layout."""
import datetime
import unicodedata
from dataclasses import dataclass, field

from . import word_pools

AS_OF = datetime.date(2026, 11, 25)
OPERATOR_NIP = "5471824223"
OPERATOR = "Sugar Mice Software, Arkadiusz Kuryłowicz"
APP = "Serwisant Online"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
MONTHS_GEN = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
              "września", "października", "listopada", "grudnia"]


def ascii_fold(text):
    text = text.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def nip_checksum_ok(nip):
    w = [6, 5, 7, 2, 3, 4, 5, 6, 7]
    return len(nip) == 10 and nip.isdigit() and sum(int(a) * b for a, b in zip(nip, w)) % 11 == int(nip[9])


def random_nip(rng):
    w = [6, 5, 7, 2, 3, 4, 5, 6, 7]
    while True:
        d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
        c = sum(a * b for a, b in zip(d, w)) % 11
        nip = "".join(map(str, d)) + str(c)
        if c != 10 and nip != OPERATOR_NIP:
            return nip


def format_nip(nip, rng):
    style = rng.choice(["plain", "dash3322", "dash3223", "pl", "space"])
    if style == "plain":
        return nip
    if style == "dash3322":
        return f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}"
    if style == "dash3223":
        return f"{nip[:3]}-{nip[3:5]}-{nip[5:7]}-{nip[7:]}"
    if style == "pl":
        return "PL" + nip
    return f"{nip[:3]} {nip[3:6]} {nip[6:8]} {nip[8:]}"


def format_date(d, rng):
    style = rng.choice(["roman", "dn", "slash", "ymd", "words", "dots"])
    if style == "roman":
        return f"{d.day} {ROMAN[d.month - 1]} {d.year}"
    if style == "dn":
        return f"dn. {d.day}.{d.month:02d}.{d.year}r."
    if style == "slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "ymd":
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    if style == "words":
        return f"{d.day} {MONTHS_GEN[d.month - 1]} {d.year} r."
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


def random_digits(rng, n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


@dataclass
class Person:
    first: str
    first_acc: str
    surname: str
    female: bool
    role: str

    def printed(self, surname_first):
        return f"{self.surname} {self.first}" if surname_first else f"{self.first} {self.surname}"


@dataclass
class Letter:
    kind: str
    company: str
    nip: str
    nip_text: str
    street: str
    postcode: str
    company_city: str
    spolka: bool
    reps: list
    surname_first: bool
    account: str
    city: str
    city_loc: str
    date: datetime.date
    date_text: str
    operator_named: bool
    operator_text: str
    title: str
    regon: str
    krs: str
    bank: str
    bank_account: str
    phone: str
    office_mail: str
    font: str
    extra: dict = field(default_factory=dict)

    @property
    def signers(self):
        return [p.printed(self.surname_first) for p in self.reps]

    @property
    def address(self):
        return f"{self.street}, {self.postcode} {self.company_city}"


def make_person(rng, role_ok=True):
    female = rng.random() < 0.4
    if female:
        first, acc = rng.choice(word_pools.WOMEN)
        surname = rng.choice(word_pools.SURNAMES)[1]
        role = rng.choice(word_pools.ROLES_F)
    else:
        first, acc = rng.choice(word_pools.MEN)
        surname = rng.choice(word_pools.SURNAMES)[0]
        role = rng.choice(word_pools.ROLES_M)
    return Person(first, acc, surname, female, role)


def make_account(rng, person, domain):
    f = ascii_fold(person.first).lower()
    s = ascii_fold(person.surname).lower().replace("-", "")
    n = rng.randint(1, 99)
    r = rng.random()
    if r < 0.35:
        return f"{f}.{s}@{domain}"
    if r < 0.5:
        return f"{f[0]}{s}{n}@{rng.choice(word_pools.MAIL_DOMAINS)}"
    return rng.choice(word_pools.LOGINS).format(n=n, s=s, f=f[0])


def make_letter(rng, kind, n_reps=1, font="LiberationSerif"):
    spolka = n_reps > 1 or rng.random() < 0.5
    reps = [make_person(rng) for _ in range(n_reps)]
    while len({p.surname for p in reps}) < len(reps):
        reps = [make_person(rng) for _ in range(n_reps)]
    if n_reps > 1:  # a board: each person has a different role
        roles = rng.sample(range(len(word_pools.ROLES_M)), n_reps)
        for p, r in zip(reps, roles):
            p.role = (word_pools.ROLES_F if p.female else word_pools.ROLES_M)[r]
    city, postcode, loc = rng.choice(word_pools.CITIES)
    if spolka:
        stem = rng.choice(word_pools.SPOLKA_STEMS)
        company = f"{stem} {rng.choice(word_pools.SPOLKA_FORMS)}"
        domain = ascii_fold(stem).lower().replace(" ", "").replace("-", "") + rng.choice([".pl", ".com.pl", ".eu"])
    else:
        owner = reps[0]
        owner.role = "Właściciel" if not owner.female else "Właścicielka"
        company = f"{rng.choice(word_pools.TRADES)} {owner.first} {owner.surname}"
        domain = ascii_fold(owner.surname).lower().replace("-", "") + rng.choice(["-serwis.pl", ".pl", ".net.pl"])
    if rng.random() < 0.7:
        lcity, lloc = city, loc
    else:
        c = rng.choice(word_pools.CITIES)
        lcity, lloc = c[0], c[2]
    date = AS_OF - datetime.timedelta(days=rng.randint(1, 29))
    nip = random_nip(rng)
    operator_named = rng.random() < 0.75
    if operator_named:
        op_nip = rng.choice(["547-182-42-23", "5471824223", "PL5471824223", "547-18-24-223"])
        operator_text = (f"operatora aplikacji {APP}, firmę {OPERATOR}, NIP {op_nip}"
                         if rng.random() < 0.6 else f"firmę {OPERATOR} (NIP: {op_nip}), operatora systemu {APP}")
    else:
        operator_text = rng.choice([f"operatora aplikacji {APP}", "Państwa firmę jako operatora serwisu",
                                    f"dostawcę aplikacji {APP}"])
    title = rng.choice(["Upoważnienie", "UPOWAŻNIENIE", "Pełnomocnictwo", "Oświadczenie", ""])
    bank = rng.choice(word_pools.BANKS)
    acct = random_digits(rng, 26)
    bank_account = f"{acct[:2]} " + " ".join(acct[i:i + 4] for i in range(2, 26, 4))
    phone = rng.choice(["+48 ", "tel. ", ""]) + f"{rng.randint(500, 799)} {random_digits(rng, 3)} {random_digits(rng, 3)}"
    office_mail = rng.choice(["biuro", "kontakt", "sekretariat", "faktury"]) + "@" + domain
    return Letter(kind=kind, company=company, nip=nip, nip_text=format_nip(nip, rng), street=f"{rng.choice(word_pools.STREETS)} {rng.randint(1, 140)}{rng.choice(['', '', 'a', '/3', '/12'])}",
                  postcode=postcode, company_city=city, spolka=spolka, reps=reps,
                  surname_first=rng.random() < 0.25, account=make_account(rng, reps[-1] if rng.random() < 0.5 else make_person(rng), domain),
                  city=lcity, city_loc=lloc, date=date, date_text=format_date(date, rng),
                  operator_named=operator_named, operator_text=operator_text, title=title,
                  regon=random_digits(rng, 9), krs="0000" + random_digits(rng, 6), bank=bank,
                  bank_account=bank_account, phone=phone, office_mail=office_mail, font=font)


REQUESTS = {
    "mfa_removal": ["usunięcia ze wskazanego poniżej konta zabezpieczenia w postaci uwierzytelniania dwuskładnikowego",
                    "wyłączenia weryfikacji dwuetapowej (2FA) na koncie wskazanym poniżej",
                    "zdjęcia zabezpieczenia MFA z konta użytkownika wskazanego poniżej",
                    "dezaktywacji uwierzytelniania wieloskładnikowego (MFA) dla poniższego konta"],
    "ip_unblock": ["usunięcia ze wskazanego poniżej konta zabezpieczenia w postaci blokady IP",
                   "zdjęcia ograniczenia logowania do zaufanych adresów IP z konta wskazanego poniżej",
                   "wyłączenia blokady adresów IP dla poniższego konta",
                   "odblokowania dostępu z dowolnego adresu IP dla konta wskazanego niżej"],
    "admin_elevation": ["podniesienia uprawnień wskazanego poniżej konta do uprawnień administratora aplikacji",
                        "nadania kontu wskazanemu poniżej uprawnień administratora",
                        "przyznania uprawnień administracyjnych użytkownikowi wskazanemu poniżej",
                        "zmiany roli poniższego konta na administratora aplikacji"],
}
REASONS = {
    "mfa_removal": "Nasz jedyny administrator utracił telefon z aplikacją generującą kody jednorazowe.",
    "ip_unblock": "Po włączeniu blokady IP nie dodaliśmy adresów naszej sieci do listy zaufanych i nikt z nas nie może się zalogować.",
    "admin_elevation": "Pracownik, który posiadał jedyne konto administracyjne, zakończył współpracę z naszą firmą.",
}
ACCOUNT_LABELS = ["login lub email konta:", "Konto:", "Login:", "Adres e-mail użytkownika:", "Dotyczy konta:",
                  "Identyfikator użytkownika:", "E-mail / login:"]


def verb(letter):
    if len(letter.reps) > 1:
        return "Upoważniamy"
    return "Upoważniam" if letter.title != "Oświadczenie" else "Niniejszym upoważniam"


def request_sentence(letter, rng):
    req = rng.choice(REQUESTS[letter.kind])
    return f"{verb(letter)} {letter.operator_text} do {req}."
