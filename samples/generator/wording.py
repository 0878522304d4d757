"""Phrase pools for the letters. Train and holdout pools are disjoint for the
request actions, sentence frames, labels and titles."""

OPERATOR = "Sugar Mice Software, Arkadiusz Kuryłowicz"
OPERATOR_NIP_FORMS = ["547-182-42-23", "547-182-42-23", "5471824223", "547-18-24-223"]
APP = "Serwisant Online"

# Actions: (id, genitive form used after "do", accusative form used after "o").
ACTIONS = {
    False: {
        "mfa_removal": [
            ("mfa_2fa_off", "wyłączenia 2FA", "wyłączenie 2FA"),
            ("mfa_deact", "dezaktywacji uwierzytelniania dwuskładnikowego",
             "dezaktywację uwierzytelniania dwuskładnikowego"),
            ("mfa_strip", "zdjęcia zabezpieczenia MFA", "zdjęcie zabezpieczenia MFA"),
            ("mfa_2step", "usunięcia weryfikacji dwuetapowej",
             "usunięcie weryfikacji dwuetapowej"),
            ("mfa_reset", "zresetowania drugiego składnika logowania (MFA)",
             "zresetowanie drugiego składnika logowania (MFA)"),
        ],
        "ip_unblock": [
            ("ip_strip", "zdjęcia blokady IP", "zdjęcie blokady IP"),
            ("ip_lift", "zniesienia ograniczenia adresów IP",
             "zniesienie ograniczenia adresów IP"),
            ("ip_allowlist", "usunięcia listy dozwolonych adresów IP",
             "usunięcie listy dozwolonych adresów IP"),
            ("ip_off", "wyłączenia blokady IP", "wyłączenie blokady IP"),
            ("ip_limit", "usunięcia limitu IP", "usunięcie limitu IP"),
        ],
        "admin_elevation": [
            ("adm_grant", "nadania uprawnień administratora",
             "nadanie uprawnień administratora"),
            ("adm_raise", "podniesienia uprawnień konta do uprawnień administratora "
             "aplikacji", "podniesienie uprawnień konta do uprawnień administratora "
             "aplikacji"),
            ("adm_role", "przyznania roli administratora", "przyznanie roli administratora"),
            ("adm_admin", "nadania uprawnień administracyjnych",
             "nadanie uprawnień administracyjnych"),
        ],
    },
    True: {
        "mfa_removal": [
            ("h_mfa_2step_off", "wyłączenia logowania dwuetapowego",
             "wyłączenie logowania dwuetapowego"),
            ("h_mfa_authapp", "odłączenia aplikacji uwierzytelniającej (kodów "
             "jednorazowych)", "odłączenie aplikacji uwierzytelniającej (kodów "
             "jednorazowych)"),
            ("h_mfa_delete", "skasowania zabezpieczenia dwuskładnikowego (2FA)",
             "skasowanie zabezpieczenia dwuskładnikowego (2FA)"),
            ("h_mfa_deact", "dezaktywacji MFA", "dezaktywację MFA"),
            ("h_mfa_otp", "usunięcia wymogu podawania kodu jednorazowego przy "
             "logowaniu", "usunięcie wymogu podawania kodu jednorazowego przy "
             "logowaniu"),
        ],
        "ip_unblock": [
            ("h_ip_unlock", "odblokowania dostępu z dowolnego adresu IP",
             "odblokowanie dostępu z dowolnego adresu IP"),
            ("h_ip_restr", "usunięcia restrykcji dotyczących adresów IP",
             "usunięcie restrykcji dotyczących adresów IP"),
            ("h_ip_filter", "wyłączenia filtrowania adresów IP",
             "wyłączenie filtrowania adresów IP"),
            ("h_ip_trusted", "zdjęcia ograniczenia logowania do zaufanych sieci IP",
             "zdjęcie ograniczenia logowania do zaufanych sieci IP"),
        ],
        "admin_elevation": [
            ("h_adm_rolechg", "zmiany roli konta na administratora",
             "zmianę roli konta na administratora"),
            ("h_adm_full", "nadania pełnych uprawnień administracyjnych",
             "nadanie pełnych uprawnień administracyjnych"),
            ("h_adm_sys", "przydzielenia uprawnień administratora systemu",
             "przydzielenie uprawnień administratora systemu"),
            ("h_adm_level", "podwyższenia uprawnień konta do poziomu administratora",
             "podwyższenie uprawnień konta do poziomu administratora"),
        ],
    },
}

# Verbatim help-page template endings (train only).
TEMPLATE_ENDINGS = {
    "mfa_removal": "usunięcia ze wskazanego poniżej konta zabezpieczenia w postaci "
                   "uwierzytelniania dwuskładnikowego.",
    "ip_unblock": "usunięcia ze wskazanego poniżej konta zabezpieczenia w postaci "
                  "blokady IP.",
    "admin_elevation": "podniesienia uprawnień wskazanego poniżej konta do uprawnień "
                       "administratora aplikacji.",
}
TEMPLATE_OPENER = ("Upoważniam operatora aplikacji Serwisant Online, firmę {op} do ")

# Sentence frames. {op}: operator clause, {gen}/{acc}: action, {ref}: account ref.
# Frames marked with no_op=True do not name the operator.
FRAMES = {
    False: [
        ("f_auth", "Upoważniam operatora aplikacji {app}, firmę {op} do {gen} {ref}.", "gen"),
        ("f_we_auth", "Niniejszym upoważniamy firmę {op}, operatora aplikacji {app}, "
         "do {gen} {ref}.", "gen"),
        ("f_rep_auth", "Jako osoba uprawniona do reprezentacji firmy upoważniam {op} "
         "do {gen} {ref}.", "gen"),
        ("f_ask", "Zwracam się z prośbą o {acc} {ref}.", "acc"),
    ],
    True: [
        ("h_f_req", "Wnosimy o {acc} {ref}. Upoważnienie wystawiamy na rzecz {op}.", "acc"),
        ("h_f_grant", "Udzielam firmie {op} upoważnienia do {gen} {ref}.", "gen"),
        ("h_f_please", "Proszę o {acc} {ref} i niniejszym upoważniam do tego firmę {op}.",
         "acc"),
        ("h_f_consent", "Oświadczam, że wyrażam zgodę na {acc} {ref} przez operatora "
         "aplikacji {app} ({op}).", "acc"),
        ("h_f_ask", "Uprzejmie prosimy o {acc} {ref}.", "acc"),
    ],
}
NO_OP_FRAMES = {"f_ask", "h_f_ask"}

REF_BELOW = {False: ["dla konta wskazanego poniżej", "w odniesieniu do niżej wskazanego konta"],
             True: ["dla poniższego konta", "na koncie podanym niżej"]}
REF_INLINE = {False: ["dla konta {acct}", "na koncie {acct}"],
              True: ["dla konta użytkownika {acct}", "w przypadku konta {acct}"]}

ACCOUNT_LABELS = {
    False: ["login lub email konta:", "Login konta:", "Adres e-mail konta:",
            "Konto użytkownika:", "dotyczy konta:"],
    True: ["Login użytkownika:", "Identyfikator konta:", "E-mail użytkownika:",
           "Nazwa konta:", "Konto:"],
}
NIP_LABELS = {False: ["NIP:", "NIP", "nip", "Numer NIP:"],
              True: ["NIP:", "Nr NIP:", "NIP nr", "NIP/VAT:"]}
REP_LABELS = {False: ["imię i nazwisko reprezentanta:", "Reprezentant:"],
              True: ["Osoba reprezentująca:", "w imieniu firmy:"]}
TITLES = {False: ["UPOWAŻNIENIE", "Upoważnienie", "Pełnomocnictwo", None, None],
          True: ["UPOWAŻNIENIE DO WYKONANIA OPERACJI NA KONCIE",
                 "Oświadczenie i upoważnienie", "PEŁNOMOCNICTWO", None]}
SALUTATIONS = {False: ["Szanowni Państwo,", None, None], True: ["Dzień dobry,", None]}

REASONS = {
    "mfa_removal": ["Utraciliśmy telefon z aplikacją do generowania kodów jednorazowych.",
                    "Pracownik omyłkowo odinstalował aplikację uwierzytelniającą.",
                    "Telefon z aplikacją do kodów został zniszczony."],
    "ip_unblock": ["Po włączeniu blokady IP nie dodaliśmy adresu naszej sieci do listy "
                   "zaufanych.", "Zmienił się adres IP naszego łącza internetowego.",
                   "Zmieniliśmy dostawcę internetu i nie możemy się zalogować."],
    "admin_elevation": ["Jedyny administrator konta odszedł z firmy.",
                        "Nie mamy dostępu do jedynego konta administracyjnego.",
                        "Osoba pełniąca rolę administratora zakończyła współpracę z firmą."],
}
POLITE = {False: ["Z góry dziękuję za pomoc.", "Proszę o potwierdzenie wykonania "
                  "operacji na adres e-mail firmy.", "W razie pytań proszę o kontakt "
                  "telefoniczny pod numerem {phone}."],
          True: ["Dziękujemy za szybką realizację.", "Potwierdzenie prosimy przesłać "
                 "na adres e-mail firmy.", "Kontakt w sprawie: tel. {phone}."]}
CLOSINGS = [None, "Z poważaniem", "Z wyrazami szacunku", "Łączę pozdrowienia"]

MONTHS = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
          "sierpnia", "września", "października", "listopada", "grudnia"]


def date_text(rng, d):
    forms = [f"{d.day:02d}.{d.month:02d}.{d.year}",
             f"dnia {d.day} {MONTHS[d.month - 1]} {d.year} r.",
             d.isoformat(), f"dn. {d.day}.{d.month:02d}.{d.year}",
             f"{d.day} {MONTHS[d.month - 1]} {d.year}"]
    return rng.choice(forms)


def nip_text(rng, nip, holdout):
    forms = [nip, f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}",
             f"{nip[:3]}-{nip[3:5]}-{nip[5:7]}-{nip[7:]}", f"PL{nip}",
             f"PL {nip[:3]} {nip[3:6]} {nip[6:8]} {nip[8:]}"]
    if holdout:
        forms += [f"{nip[:3]} {nip[3:6]} {nip[6:8]} {nip[8:]}",
                  f"PL {nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}"]
    return rng.choice(forms)


def operator_clause(rng):
    return f"{OPERATOR}, NIP {rng.choice(OPERATOR_NIP_FORMS)}"
