"""Data pools (people, companies, places). Each pool has a 'train' and a
disjoint 'holdout' variant; `pick_pool(name, holdout)` selects one."""

TRAIN = {
    "male": ["Jan", "Łukasz", "Grzegorz", "Piotr", "Krzysztof", "Tomasz", "Paweł",
             "Michał", "Marcin", "Jakub", "Andrzej", "Zbigniew", "Wojciech",
             "Sławomir", "Jerzy", "Mariusz", "Dariusz", "Bartłomiej", "Przemysław",
             "Józef"],
    "female": ["Anna", "Żaneta", "Katarzyna", "Małgorzata", "Agnieszka", "Joanna",
               "Ewa", "Magdalena", "Beata", "Dorota", "Jolanta", "Grażyna",
               "Bożena", "Iwona", "Renata", "Łucja"],
    "surname": ["Kowalski", "Wójcik", "Brzęczyszczykiewicz", "Nowak", "Wiśniewski",
                "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak",
                "Dąbrowski", "Kozłowski", "Mazur", "Krawczyk", "Grabowski",
                "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński",
                "Nowicki", "Majewski", "Olszewski", "Stępień", "Jaworski",
                "Malinowski", "Górski", "Sikora", "Ślusarczyk", "Żak"],
    "city": {"Kraków": "30", "Warszawa": "02", "Gdańsk": "80", "Poznań": "61",
             "Wrocław": "53", "Łódź": "93", "Katowice": "40", "Lublin": "20",
             "Szczecin": "71", "Bydgoszcz": "85", "Białystok": "15",
             "Rzeszów": "35", "Kielce": "25", "Toruń": "87", "Gliwice": "44",
             "Zielona Góra": "65", "Bielsko-Biała": "43", "Nowy Sącz": "33",
             "Świnoujście": "72", "Częstochowa": "42"},
    "street": ["ul. Długa", "ul. Floriańska", "ul. Marszałkowska", "ul. Piotrkowska",
               "ul. Grunwaldzka", "ul. Mickiewicza", "ul. Słowackiego",
               "ul. Kościuszki", "ul. Żeromskiego", "ul. 3 Maja", "ul. Szewska",
               "ul. Wrocławska", "al. Jana Pawła II", "al. Armii Krajowej",
               "ul. Polna", "ul. Leśna", "ul. Ogrodowa", "ul. Kwiatowa",
               "ul. Źródlana", "os. Złotego Wieku"],
    "trade": ["Serwis RTV AGD", "GSM-Naprawa", "Usługi Elektryczne", "Auto-Serwis",
              "Serwis Komputerowy", "Naprawa Sprzętu AGD", "Klima-Serwis",
              "Instalacje Grzewcze", "Pogotowie Komputerowe", "Zakład Usługowy",
              "F.H.U."],
    "stem": ["Elektro-Serwis", "TechnoFix", "Serwis-Pol", "AGD-Med", "Polserwis",
             "Klimatex", "Mikrotech", "Naprawex", "Domotech", "Termo-Instal",
             "Auto-Diagnostyka", "Ekoserwis"],
    "tld": ["pl", "com.pl", "eu"],
}

HOLDOUT = {
    "male": ["Adam", "Rafał", "Sebastian", "Kamil", "Mateusz", "Zdzisław", "Leszek",
             "Ryszard", "Stanisław", "Kazimierz", "Bogdan", "Wiesław", "Maciej",
             "Radosław", "Włodzimierz", "Jarosław"],
    "female": ["Monika", "Elżbieta", "Halina", "Urszula", "Barbara", "Aleksandra",
               "Zofia", "Justyna", "Sylwia", "Marzena", "Teresa", "Wioletta",
               "Jadwiga", "Krystyna", "Paulina", "Róża"],
    "surname": ["Adamczyk", "Dudek", "Zając", "Pietrzak", "Wróbel", "Jasiński",
                "Zawadzki", "Bąk", "Chmielewski", "Włodarczyk", "Borkowski",
                "Czarnecki", "Sawicki", "Sokołowski", "Urbański", "Kubiak",
                "Maciejewski", "Szczepański", "Kucharski", "Wilk", "Kalinowski",
                "Lis", "Mazurek", "Wysocki", "Kołodziej", "Łuczak", "Żurawski",
                "Gołębiowski", "Ciesielski", "Przybylski"],
    "city": {"Olsztyn": "10", "Opole": "45", "Radom": "26", "Gorzów Wielkopolski": "66",
             "Płock": "09", "Elbląg": "82", "Koszalin": "75", "Słupsk": "76",
             "Legnica": "59", "Kalisz": "62", "Piła": "64", "Siedlce": "08",
             "Łomża": "18", "Suwałki": "16", "Zamość": "22", "Przemyśl": "37",
             "Krosno": "38", "Sosnowiec": "41", "Gdynia": "81", "Tarnów": "33"},
    "street": ["ul. Lipowa", "ul. Słoneczna", "ul. Krótka", "ul. Kolejowa",
               "ul. Świętokrzyska", "ul. Łąkowa", "ul. Sienkiewicza", "ul. Reymonta",
               "ul. Wyszyńskiego", "ul. Piłsudskiego", "ul. Konopnickiej",
               "ul. Batorego", "ul. Zamkowa", "ul. Kasztanowa", "ul. Brzozowa",
               "ul. Różana", "al. Niepodległości", "al. Solidarności"],
    "trade": ["Serwis Laptopów", "Usługi Hydrauliczne", "Naprawa Telefonów", "P.H.U.",
              "Warsztat Samochodowy", "Serwis Ekspresów do Kawy",
              "Chłodnictwo i Klimatyzacja", "Serwis Rowerowy", "Elektronika Użytkowa",
              "Montaż i Serwis Bram"],
    "stem": ["ZetServ", "Chłodmax", "Bitnet Usługi", "Instalbud", "Omega-Tech",
             "Rembud", "Elmont", "Fixpol", "Kotłownia-Serwis", "ProAGD",
             "Gastro-Serwis", "Wentech"],
    "tld": ["net.pl", "pl", "info.pl"],
}

FOLD = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def pool(holdout):
    return HOLDOUT if holdout else TRAIN


def ascii_fold(text):
    return text.translate(FOLD)


def feminine(surname):
    for masc, fem in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if surname.endswith(masc):
            return surname[: -len(masc)] + fem
    return surname


def person(rng, holdout, female=None):
    """Return (first, last) with a gender-appropriate surname."""
    p = pool(holdout)
    if female is None:
        female = rng.random() < 0.45
    first = rng.choice(p["female" if female else "male"])
    last = rng.choice(p["surname"])
    last = feminine(last) if female else last
    if female and rng.random() < 0.2:
        other = feminine(rng.choice(p["surname"]))
        if other != last:
            last = f"{last}-{other}"
    return first, last


def address(rng, holdout, city=None):
    p = pool(holdout)
    city = city or rng.choice(sorted(p["city"]))
    prefix = p["city"][city]
    postcode = f"{prefix}-{rng.randint(0, 999):03d}"
    number = str(rng.randint(1, 140))
    if rng.random() < 0.35:
        number += f"/{rng.randint(1, 40)}"
    elif rng.random() < 0.15:
        number += rng.choice("abc")
    return {"street": f"{rng.choice(p['street'])} {number}", "postcode": postcode,
            "city": city}
