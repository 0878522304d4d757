"""Name, company, street and e-mail pools of the independent generator (own lists)."""

MEN = [("Bartłomiej", "Bartłomieja"), ("Grzegorz", "Grzegorza"), ("Wiesław", "Wiesława"),
       ("Radosław", "Radosława"), ("Jędrzej", "Jędrzeja"), ("Mścisław", "Mścisława"),
       ("Zdzisław", "Zdzisława"), ("Cezary", "Cezarego"), ("Ireneusz", "Ireneusza"),
       ("Sławomir", "Sławomira"), ("Dobrosław", "Dobrosława"), ("Kazimierz", "Kazimierza"),
       ("Leszek", "Leszka"), ("Maciej", "Macieja"), ("Józef", "Józefa"), ("Witold", "Witolda")]
WOMEN = [("Bożena", "Bożenę"), ("Jadwiga", "Jadwigę"), ("Grażyna", "Grażynę"),
         ("Małgorzata", "Małgorzatę"), ("Żaneta", "Żanetę"), ("Urszula", "Urszulę"),
         ("Dorota", "Dorotę"), ("Halina", "Halinę"), ("Wiesława", "Wiesławę"),
         ("Teodora", "Teodorę"), ("Kinga", "Kingę"), ("Bogumiła", "Bogumiłę")]
# (masculine, feminine) surname forms
SURNAMES = [("Gąsiorowski", "Gąsiorowska"), ("Wróblewski", "Wróblewska"), ("Żurawski", "Żurawska"),
            ("Ślęzak", "Ślęzak"), ("Kołodziej", "Kołodziej"), ("Bąkowski", "Bąkowska"),
            ("Pietrzyk", "Pietrzyk"), ("Chmielewski", "Chmielewska"), ("Sobczyński", "Sobczyńska"),
            ("Łęcki", "Łęcka"), ("Dziedzic", "Dziedzic"), ("Kuźniar", "Kuźniar"),
            ("Mroczek", "Mroczek"), ("Źrebiec", "Źrebiec"), ("Głąbiński", "Głąbińska"),
            ("Przybył", "Przybył"), ("Szczęsny", "Szczęsna"), ("Ożóg", "Ożóg"),
            ("Lisowski", "Lisowska"), ("Nowicki-Bełz", "Nowicka-Bełz")]
# (city, postcode, locative after "w")
CITIES = [("Łódź", "90-418", "Łodzi"), ("Zielona Góra", "65-001", "Zielonej Górze"),
          ("Gorzów Wielkopolski", "66-400", "Gorzowie Wielkopolskim"), ("Elbląg", "82-300", "Elblągu"),
          ("Płock", "09-400", "Płocku"), ("Tarnów", "33-100", "Tarnowie"), ("Włocławek", "87-800", "Włocławku"),
          ("Koszalin", "75-001", "Koszalinie"), ("Siedlce", "08-110", "Siedlcach"),
          ("Piła", "64-920", "Pile"), ("Łomża", "18-400", "Łomży"), ("Świdnica", "58-100", "Świdnicy"),
          ("Legnica", "59-220", "Legnicy"), ("Przemyśl", "37-700", "Przemyślu"),
          ("Żyrardów", "96-300", "Żyrardowie"), ("Oświęcim", "32-600", "Oświęcimiu")]
STREETS = ["ul. Źródlana", "ul. Pszczela", "ul. Bohaterów Września", "al. Jaśminowa", "ul. Kręta",
           "ul. Żeglarska", "ul. Młynarska", "ul. Łąkowa", "ul. Ogrodników", "ul. Śląska",
           "pl. Targowy", "ul. Wrzosowa", "ul. Kościelna", "ul. Spółdzielcza", "os. Słoneczne",
           "ul. Hutnicza", "ul. Cicha", "ul. Szkolna"]
# company stems and trades; {s} is the owner's surname, {c} the city
SPOLKA_STEMS = ["Chłodpol", "Termoserw", "Wodkan-Ślęza", "Żuraw Technika", "Gazotech Północ",
                "Klimaserwis", "Energobud", "Pompex", "Hydroinstal", "Mechatron", "Serwintech",
                "Ciepłownia Prywatna", "Wentmont", "Elmix"]
SPOLKA_FORMS = ["sp. z o.o.", "Sp. z o.o.", "spółka z ograniczoną odpowiedzialnością", "S.A.",
                "sp. j.", "sp. k."]
TRADES = ["Usługi Serwisowe", "Naprawa Urządzeń Chłodniczych", "Zakład Instalatorski",
          "Pogotowie Hydrauliczne", "Serwis Kotłów Gazowych", "Usługi Elektryczne",
          "Montaż i Serwis Klimatyzacji", "Przedsiębiorstwo Handlowo-Usługowe"]
MAIL_DOMAINS = ["poczta.onet.pl", "wp.pl", "interia.pl", "o2.pl", "gmail.com"]
LOGINS = ["serwis{n}", "technik_{n}", "biuro.{s}", "{f}{s}", "admin{n}", "kierownik.{s}", "{s}.{n}"]
ROLES_M = ["Prezes Zarządu", "Wiceprezes Zarządu", "Członek Zarządu", "Prokurent", "Wspólnik"]
ROLES_F = ["Prezes Zarządu", "Wiceprezes Zarządu", "Członkini Zarządu", "Prokurent", "Wspólniczka"]
BANKS = ["PKO BP", "mBank", "Bank Pekao S.A.", "Santander Bank Polska", "ING Bank Śląski", "BNP Paribas"]
