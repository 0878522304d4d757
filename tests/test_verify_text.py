"""The letter logic on plain text: kinds, NIPs, accounts, dates and signers."""
import pytest
from hypothesis import given, strategies as st
from stdnum.pl import nip as stdnum_nip

from verify.account import find_account
from verify.dates import find_date
from verify.extract import extract
from verify.fields import SURE
from verify.kind_classifier import classify
from verify.nip import find_nips
from intake.pages import Word
from verify.text import TextLine, in_rows


def lines(*texts: str) -> list[TextLine]:
    return [TextLine(1, t, (0, 60 * i, 1000, 60 * i + 40), 95.0) for i, t in enumerate(texts)]


OPERATOR = "Upoważniam operatora aplikacji Serwisant Online, firmę Sugar Mice Software, Arkadiusz Kuryłowicz, NIP 547-182-42-23"


@pytest.mark.parametrize("sentence, kind", [
    (OPERATOR + " do usunięcia ze wskazanego poniżej konta zabezpieczenia w postaci uwierzytelniania dwuskładnikowego.", "mfa_removal"),
    ("Proszę o wyłączenie 2FA na koncie wskazanym poniżej.", "mfa_removal"),
    ("Wnoszę o dezaktywację uwierzytelniania dwuskładnikowego dla konta.", "mfa_removal"),
    ("Upoważniam firmę Sugar Mice Software do zdjęcia zabezpieczenia MFA z konta.", "mfa_removal"),
    ("Upoważniam firmę Sugar Mice Software do usunięcia weryfikacji dwuetapowej.", "mfa_removal"),
    (OPERATOR + " do usunięcia ze wskazanego poniżej konta zabezpieczenia w postaci blokady IP.", "ip_unblock"),
    ("Prosimy o zdjęcie blokady IP z konta.", "ip_unblock"),
    ("Upoważniam do zniesienia ograniczenia adresów IP dla konta.", "ip_unblock"),
    (OPERATOR + " do podniesienia uprawnień wskazanego poniżej konta do uprawnień administratora aplikacji.", "admin_elevation"),
    ("Proszę o nadanie uprawnień administratora dla konta.", "admin_elevation"),
    ("Upoważniam do przyznania roli administratora użytkownikowi.", "admin_elevation"),
    ("Upoważniam do usunięcia zabezpieczenia dwusk1adnikowego.", "mfa_removal"),
])
def test_kinds_from_wording(sentence, kind):
    assert classify(lines("Kraków, 12.11.2026", sentence)).kind == kind


@pytest.mark.parametrize("texts", [
    ("FAKTURA VAT nr 12/11/2026", "Sprzedawca: Serwis X, NIP 157-830-86-28", "Razem do zapłaty: 123,00 zł"),
    ("Reklamacja", "Proszę o naprawę drukarki, która nie działa od tygodnia."),
    ("Wypowiedzenie umowy", "Niniejszym wypowiadam umowę na korzystanie z aplikacji Serwisant Online."),
    ("Proszę o przesłanie kopii faktury za październik.", "", "", "Pamiętaj: włącz MFA i nie wyłączaj 2FA na koncie."),
    ("Jestem jedynym administratorem aplikacji i straciłem telefon.",),
])
@pytest.mark.hostile
def test_other_documents_are_unknown(texts):
    assert classify(lines(*texts)).kind == "unknown"


@pytest.mark.hostile
def test_two_requests_in_one_letter_are_unknown_with_both_named():
    reading = classify(lines("Upoważniam do wyłączenia 2FA oraz zdjęcia blokady IP dla konta jkowalski."))
    assert reading.kind == "unknown"
    assert set(reading.requested) == {"mfa_removal", "ip_unblock"}


@pytest.mark.parametrize("written", ["1578308628", "157-830-86-28", "157-83-08-628", "PL1578308628",
                                     "PL 157 830 86 28", "NIP: 157 830 86 28", "I57-83O-86-28"])
def test_nip_in_usual_writings(written):
    found = find_nips(lines(f"NIP: {written}"))
    assert [r.digits for r in found] == ["1578308628"] and found[0].valid


@pytest.mark.hostile
def test_nip_checksum_failure_is_kept_not_corrected():
    found = find_nips(lines("NIP: 157-830-86-29"))
    assert [(r.digits, r.valid) for r in found] == [("1578308629", False)]


@pytest.mark.hostile
@given(st.integers(0, 9), st.integers(1, 9))
def test_no_single_digit_substitution_of_a_nip_is_valid(position, delta):
    digits = list("1578308628")
    digits[position] = str((int(digits[position]) + delta) % 10)
    changed = "".join(digits)
    found = find_nips(lines(f"NIP {changed}"))
    assert found and not found[0].valid and found[0].digits == changed
    assert not stdnum_nip.is_valid(changed)


@pytest.mark.parametrize("text, account", [
    ("login lub email konta: jan.kowalski©example-serwis.pl", "jan.kowalski@example-serwis.pl"),
    ("login lub email konta: jan.kowalskiQ©example-serwis.pl", "jan.kowalski@example-serwis.pl"),
    ("Login konta: serwis.jan_01", "serwis.jan_01"),
    ("Adres e-mail konta: biuro+admin@elektro-serwis.com.pl.", "biuro+admin@elektro-serwis.com.pl"),
    ("dotyczy konta: tech3", "tech3"),
    # A fax's colon read as a closing quote.
    ("login lub email konta” wslezak", "wslezak"),
    # The '@' read as "QO"; a zero before it read as a capital O.
    ("Login: kazimierz.wroblewskiQOchlodpol.eu", "kazimierz.wroblewski@chlodpol.eu"),
    ("E-mail / login: hkuzniar1OQ© gmail.com", "hkuzniar10@gmail.com"),
    # The l of ".pl" read as '!'.
    ("Adres e-mail uzytkownika: wieslaw.nowickibelz@hydroinstal.p!", "wieslaw.nowickibelz@hydroinstal.pl"),
    # A dot read as a comma inside the login; a comma after it ends it.
    ("login lub email konta: zurawska,44", "zurawska.44"),
    ("Login konta: jkowalski, proszę o potwierdzenie", "jkowalski"),
    # The colon read as an apostrophe, or lost: the help page's label needs none.
    ("login lub email konta' admin37", "admin37"),
    ("login lub email konta admin37", "admin37"),
])
def test_account_exactly(text, account):
    assert find_account(lines(text)).value == account


def test_letterhead_email_is_not_the_account():
    found = find_account(lines("e-mail: biuro@firma.pl", "login lub email konta: jkowalski"))
    assert found.value == "jkowalski"


@pytest.mark.parametrize("text, date, city", [
    ("Kraków, 12.11.2026", "2026-11-12", "Kraków"),
    ("Warszawa, dnia 12 listopada 2026 r.", "2026-11-12", "Warszawa"),
    ("Gdańsk, 2026-11-12", "2026-11-12", "Gdańsk"),
    ("Poznań, dn. 3.11.2026", "2026-11-03", "Poznań"),
    # A 1 read as ']' or '|', a dot read as a comma.
    ("miasto, data Oświęcim, 19.]1.2026", "2026-11-19", "Oświęcim"),
    ("Koszalin, dn. 15.11,2026r.", "2026-11-15", "Koszalin"),
    # Separators a form's dots took, or OCR read as commas.
    ("miasto, data Łomża, 2026 11 09", "2026-11-09", "Łomża"),
    ("miasto, data Włocławek 01 11 2026", "2026-11-01", "Włocławek"),
    ("miasto, data Gorzów Wielkopolski, 28,10,2026", "2026-10-28", "Gorzów Wielkopolski"),
    ("miasto, data Świdnica, dn 23 11.2026r.", "2026-11-23", "Świdnica"),
    ("miasto, data Elbląg, 15 X! 2026", "2026-11-15", "Elbląg"),        # a Roman I read as '!'
])
def test_dates_and_places(text, date, city):
    found = find_date(lines(text))
    assert (found.date.isoformat(), found.city) == (date, city)


@pytest.mark.parametrize("text", ["tel. 600 12 10 2026", "61 1090 1014 0000 0712 1981 2874", "12 10 2026 12",
                                  "nip 367 223 84 88"])
def test_numbers_with_spaces_that_are_not_dates(text):
    assert find_date(lines(text)) is None


def test_whole_template_letter():
    letter = extract(lines(
        "Kraków, 12 listopada 2026 r.", "Elektro-Serwis Kraków sp. z o.o.", "ul. Długa 5, 30-001 Kraków",
        "NIP: 157-830-86-28", "UPOWAŻNIENIE",
        "Upoważniam operatora aplikacji Serwisant Online, firmę Sugar Mice Software, Arkadiusz",
        "Kuryłowicz, NIP 547-182-42-23 do podniesienia uprawnień wskazanego poniżej konta do uprawnień",
        "administratora aplikacji.", "login lub email konta: a.nowak@elektro.pl",
        "Jan Kowalski", "Anna Nowak-Kowalska", "Prezes Zarządu", "Członek Zarządu"))
    assert letter.kind == "admin_elevation"
    assert (letter.nip.value, letter.operator_nip.value, letter.account.value) == ("1578308628", "5471824223", "a.nowak@elektro.pl")
    assert letter.signers.value == ("Jan Kowalski", "Anna Nowak-Kowalska")
    assert letter.company.value == "Elektro-Serwis Kraków sp. z o.o."
    assert (letter.date.value, letter.city.value) == ("2026-11-12", "Kraków")


def test_names_of_a_form_value_that_ocr_split_with_a_full_stop():
    letter = extract(lines("nazwa firmy, imię i nazwisko reprezentanta", "Wodkan-Ślęza sp. z o.o.",
                           "Łęcka Grażyna. Ślęzak Wiesław", "nip 937-163-44-65"))
    assert letter.signers.value == ("Łęcka Grażyna", "Ślęzak Wiesław")


def test_a_form_label_without_its_colon_is_joined_to_the_value_beside_it():
    label = TextLine(1, "nip", (100, 719, 171, 763), 100.0)
    value = TextLine(1, "794-064-02-42", (217, 705, 542, 761), 100.0)
    joined = in_rows([value, label])
    assert [line.text for line in joined] == ["nip 794-064-02-42"]
    assert find_nips(joined)[0].labeled


@pytest.mark.hostile
def test_operator_check_tells_missing_from_another():
    from verify.checks import check_operator
    request = "do usunięcia zabezpieczenia 2FA z konta: jkowalski"
    ours = extract(lines("Upoważniam operatora aplikacji Serwisant Online, firmę Sugar Mice Software,",
                         "Arkadiusz Kuryłowicz, NIP 547-182-42-23 " + request))
    other = extract(lines("Upoważniam operatora aplikacji, firmę Inna Firma sp. z o.o., NIP 526-025-09-95 " + request))
    unnamed = extract(lines("NIP: 157-830-86-28", "Proszę o wyłączenie 2FA. Login konta: jkowalski"))
    assert check_operator(ours).status == "pass"
    assert check_operator(other).status == "fail" and "5260250995" in check_operator(other).detail
    assert check_operator(unnamed).status == "inconclusive"


def test_ocr_specks_inside_dates_and_a_nip_broken_across_lines():
    assert find_date(lines("Suwałki, 2026-1:1-15")).date.isoformat() == "2026-11-15"
    assert find_date(lines("Sosnowiec, 12 listopada.2026")).date.isoformat() == "2026-11-12"
    # A gap OCR opens inside the month or the day of a dirty scan.
    assert find_date(lines("miasto. data _QŚwięcim, dn. 24.1 1.2026r.")).date.isoformat() == "2026-11-24"
    assert find_date(lines("Gorzów Wielkopolski, 08/1 1/2026")).city == "Gorzów Wielkopolski"
    assert find_date(lines("Kraków, 2 4.11.2026")).date.isoformat() == "2026-11-24"
    assert find_date(lines("tel. 12 3 45.11.2026")) is None
    found = find_nips(lines("Fixpol sp. z o.o., z siedzibą: ul. Różana 108/36, NIP: 471",
                            "915-08-01, reprezentowana przez: Jan Kowalski"))
    assert [(r.digits, r.valid) for r in found] == [("4719150801", True)]


@pytest.mark.parametrize("read, name", [
    ("Termo-|nstal Sp. z o.o.", "Termo-Instal Sp. z o.o."),      # sample 0023: "|" for a capital I
    ("|nstalbud sp z oo", "Instalbud sp. z o.o."),
    ("Firma: A | B sp. z o.o.", "A | B sp. z o.o."),              # a bar standing alone stays
    ("Serwis X|Y S.A.", "Serwis X|Y S.A."),                       # inside a word it is not a word's start
])
def test_company_name_mends_a_bar_read_for_a_capital_i(read, name):
    from verify.company import company_name
    assert company_name(TextLine(1, read, (0, 0, 1, 1), 90.0), []) == name


def test_the_company_is_not_a_cover_notes_sender_label_a_first_person_sentence_or_a_dated_line():
    from verify.company import company_name, find_company

    def line(text, y):
        return TextLine(1, text, (0, y, 1, y + 1), 90.0)
    assert company_name(line("Od: Hydroinstal S.A.", 0), []) == "Hydroinstal S.A."
    address = line("ul. Długa 5, 30-001 Kraków", 9)
    assert find_company([line("odbiorca: Sugar Mice", 0), line("Elmix sp. z o.o.", 1), address], None).text \
        == "Elmix sp. z o.o."
    assert find_company([line("Ja, niżej podpisany Jan Kowalski, właściciel firmy", 0), address], None) is None
    assert find_company([line("Legnica 2026.11.08", 0), line("Energobud sp. z o.o.", 1), address], None).text \
        == "Energobud sp. z o.o."


@pytest.mark.parametrize("confidence, status", [(0.7, "inconclusive"), (0.95, "fail")])
def test_a_future_date_fails_only_when_read_surely(confidence, status):
    # A fax turns 2026 into 2028: read once and unsurely, that is a question, not a rejection.
    import datetime

    from verify.checks import check_date
    from verify.fields import Field, Letter
    letter = Letter("mfa_removal", ("mfa_removal",), date=Field("2028-11-19", confidence, 1, (0, 0, 10, 10)))
    assert check_date(letter, datetime.date(2026, 11, 25), 60).status.value == status


def test_representatives_in_the_plural_header_and_a_first_name_with_a_diacritic_too_many():
    letter = extract(lines("Nazwa firmy: Hydroinstal sp. z o.o.", "NIP 3717341198",
                           "Reprezentanci: Dobrosław Łęcki - Prezes Zarządu i Jadwigą Głąbińska - Wiceprezes",
                           "Zarządu", "Konto: admin84"))
    assert letter.signers.value == ("Dobrosław Łęcki", "Jadwiga Głąbińska")


def test_a_login_whose_separator_before_its_digits_was_lost_is_not_read_surely():
    # "kolodziej.48" over a form's dots comes out "kolodziej 48": the login as read is not the one written.
    # Only dot-sized marks go with the dots: the lost separator was a full stop, put back unsurely.
    letter = extract(lines("login lub email konta: kolodziej 48"))
    assert letter.account.value == "kolodziej.48" and letter.account.confidence < 0.6
    dots = extract(lines("login lub email konta: technik..72"))
    assert dots.account.value == "technik..72" and dots.account.confidence < 0.6


def test_two_models_agreeing_on_an_unsure_value_do_not_make_it_sure():
    from verify.fields import Field
    from verify.second_opinion import _judge
    agreed_unsure = _judge(Field("1033143867", 0.41, 1, (0, 0, 1, 1)), "1033143867")
    agreed_sure = _judge(Field("1053543867", 0.88, 1, (0, 0, 1, 1)), "1053543867")
    assert (agreed_unsure.confidence, agreed_unsure.decisive) == (0.41, False)
    assert (agreed_sure.confidence, agreed_sure.decisive) == (0.95, True)


def test_the_english_reading_of_an_address_is_only_as_sure_as_it_is_close_to_the_polish_one():
    from verify.fields import Field
    from verify.second_opinion import _judge
    slip = _judge(Field("jan.kowalskiQexample.pl", 0.7, 1, (0, 0, 1, 1)), "jan.kowalski@example.pl")
    # A text PDF's address over a form's dots: the Polish model's garble, the English model's slip.
    far = _judge(Field("jszczesnya3QG02.Pl", 0.7, 1, (0, 0, 1, 1)), "jjszczesny23@o2.pl")
    assert (slip.value, slip.confidence) == ("jan.kowalski@example.pl", 0.8)
    assert (far.value, far.confidence) == ("jjszczesny23@o2.pl", 0.5)


def test_readings_at_other_sizes_outvote_a_reading_fewer_bear_out_and_leave_it_unsure():
    from verify.fields import Field
    from verify.second_opinion import _by_votes
    field = Field("bleckio6@wp.pl", 0.7, 1, (0, 0, 1, 1))
    voted = _by_votes(field, ["bleckio6@wp.pl", "blecki6@wp.pl", "blecki6@wp.pl", "blecki6@wp.pl", None])
    assert (voted.value, voted.confidence) == ("blecki6@wp.pl", 0.5)
    # One model's misreading at every size does not outvote a value another reading bears out,
    backed = _by_votes(Field("kierownik.lisowski", 0.5), ["kierownik.lisowski"] + ["kierownik.Jisowski"] * 3
                       + ["kierownik.lisowski"])
    assert backed.value == "kierownik.lisowski"
    alone = _by_votes(Field("mchmielewski19@wp.pl", 0.5), ["mchmielewski19@wp.pl"] + ["mchmielewskil9@wp.pl"] * 3)
    assert alone.value == "mchmielewski19@wp.pl"
    # a value more readings give outvotes one that two give ("zozog91" read "z0z0991" by one model),
    plurality = _by_votes(Field("z0z0991@poczta.onet.pl", 0.5), ["z0z0991@poczta.onet.pl"] * 2
                          + ["zozog91@poczta.onet.pl"] * 3 + ["z020991@poczta.onet.pl"])
    assert (plurality.value, plurality.confidence) == ("zozog91@poczta.onet.pl", 0.5)
    # a value most readings do not give is not sure, and a NIP is only outvoted by one that is valid.
    assert _by_votes(Field("kierownik.lisowski", 0.9), ["kierownik.lisowski", "kierownik.lisowski"]
                     + ["kierownik.Jisowski"] * 3).confidence == 0.5
    nip = Field("2205388836", 0.7)
    assert _by_votes(nip, ["2205388836"] + ["2205388838"] * 3, lambda v: v == "2205388836").value == "2205388836"
    # Without readings at other sizes nothing changes.
    assert _by_votes(field, ["bleckio6@wp.pl", "blecki6@wp.pl"]) == field


def test_a_value_is_as_sure_as_its_own_words_not_the_specks_beside_it():
    line = TextLine(1, "NIP: 157-830-86-28 ~", (0, 0, 900, 40), 20.0,
                    (Word("NIP:", 95, (0, 0, 80, 40)), Word("157-830-86-28", 91, (100, 0, 500, 40)),
                     Word("~", 20, (600, 0, 620, 40))))
    assert extract([line]).nip.confidence == 0.91


def test_an_address_read_with_the_polish_letter_of_a_name_is_put_right_and_weighed_against_english():
    from intake.pages import Document, Line, Page, Reread
    from verify.letter import read_letter
    box = (0, 0, 900, 40)
    words = (Word("Konto:", 95, (0, 0, 100, 40)), Word("wiesław.sobczynski©", 90, (120, 0, 600, 40)),
             Word("mechatron.eu", 92, (620, 0, 900, 40)))
    page = Page(1, 2480, 3508, (Line(words),), rereads=(Reread(box, "Konto: wieslaw.sobczynski@mechatron.eu"),))
    letter = read_letter(Document("png", 1, (page,)))
    assert letter.account.value == "wieslaw.sobczynski@mechatron.eu" and "+eng" in letter.account.read_by


def test_the_at_sign_is_put_where_the_english_model_saw_it_and_only_where_that_makes_the_readings_one():
    from verify.second_opinion import _at_placed
    # Bold type: '@' read as 'e'; the first 'o' would bring the readings as close, but not make them one.
    assert _at_placed("halina.kolodziejekolodziej.net.pl", "halina.kolodziej@kolodziej.net.pl") == \
        "halina.kolodziej@kolodziej.net.pl"
    # '@' read as "ae": no single letter makes the readings one, so this is not the place to guess.
    assert _at_placed("witold.dziedzicaemechatron.com.pl", "witold.dziedzic@mechatron.com.pl") is None
    # The model's usual slip: '@' read as 'O', with a look-alike elsewhere.
    assert _at_placed("jan.kowalskiOfirma.p1", "jan.kowalski@firma.pl") == "jan.kowalski@firma.p1"


def test_a_caption_whose_podpis_a_signature_covers_is_still_a_signature_place():
    from verify.signers import signature_places
    area = lines("login: jkowalski", "i reprezentanta", "(czytelny)")
    assert [l.text for l in signature_places(area, area[0])] == ["i reprezentanta", "(czytelny)"]


def test_a_login_followed_by_the_rest_of_an_address_is_not_read_surely():
    # "cezary.lecki@lecki-serwis.pl" over a form's dots: the first dot went with the dots.
    letter = extract(lines("login lub email konta: cezary leckiQlecki-serwis.pl"))
    assert letter.account.value == "cezary.lecki@lecki-serwis.pl" and letter.account.confidence < 0.6
    assert extract(lines("login lub email konta: jkowalski")).account.confidence >= 0.6


def test_the_operators_nip_the_first_reading_missed_is_taken_from_the_second_models_reading_of_its_line():
    from intake.pages import Document, Page, Reread
    from verify.second_opinion import second_opinion
    first = extract(lines("Operator: Sugar Mice Software, Arkadiusz Kuryłowicz, NIP 547-182-43-23"))
    assert not first.operator_nip.found
    page = Page(1, 2480, 3508, (), rereads=(Reread((0, 0, 1000, 40), "Operator: Sugar Mice Software, NIP 547-182-42-23"),))
    letter = second_opinion(first, Document("png", 1, (page,)))
    assert (letter.operator_nip.value, letter.operator_nip.read_by) == ("5471824223", "eng")
    # A second reading that does not name the operator's NIP leaves it unread.
    page = Page(1, 2480, 3508, (), rereads=(Reread((0, 0, 1000, 40), "Operator: Sugar Mice Software, NIP 547-182-43-23"),))
    assert not second_opinion(first, Document("png", 1, (page,))).operator_nip.found


def test_an_address_after_a_label_read_with_a_full_stop_and_a_polish_letter_in_its_domain():
    # "konta:" read as "konta." and the domain's 'e' as 'ę': the address is still the account.
    letter = extract(lines("login lub email konta. _ jadwiga.przybylQ©termoserw.ęu"))
    assert letter.account.value == "jadwiga.przybyl@termoserw.eu"
    # A sentence that ends with "konta." is no label.
    assert not extract(lines("Prosimy o zmianę uprawnień konta. Jan Kowalski")).account.found


def test_a_name_a_signature_cut_short_takes_the_whole_of_it_from_the_header():
    from verify.signers import _cut_short
    assert _cut_short("Maciej Kuźni", "Maciej Kuźniar")
    assert not _cut_short("Maciej Kuź", "Maciej Kuźniar")        # too little left to tell
    assert not _cut_short("Marek Kuźni", "Maciej Kuźniar")


def test_a_name_on_the_line_below_its_header_label_is_as_sure_as_its_own_words():
    # "imię i nazwisko reprezentanta" read surely, the name below it not: a misread surname must not
    # fail representation as if it were a sure reading of a stranger.
    label = TextLine(1, "nazwa firmy, imię i nazwisko reprezentanta", (0, 0, 1000, 40), 96.0)
    name = TextLine(1, "Sohkczyńska Wiesława", (100, 60, 700, 100), 73.0,
                    (Word("Sohkczyńska", 51, (100, 60, 400, 100)), Word("Wiesława", 96, (420, 60, 700, 100))))
    letter = extract([label, name])
    assert letter.signers.value == ("Sohkczyńska Wiesława",)
    assert letter.signer_confidences == (0.51,) and letter.signers.page == 1


@pytest.mark.parametrize("text, names", [
    ("BąkQwska Bożena", ("Bąkowska Bożena",)),            # an 'o' read as Q inside a name
    ("Maciej Qżóg", ("Maciej Ożóg",)),                    # and at its start
    ("Jacques Quentin-Nowak, Maciej Qżóg", ("Maciej Ożóg",)),   # a Q before 'u' is left alone
])
def test_the_q_the_polish_model_reads_for_an_o_in_a_name(text, names):
    from verify.person_names import people_in
    assert people_in(text).names == names


@pytest.mark.parametrize("text, names", [
    ("Teodora Żurawską", ("Teodora Żurawska",)),          # a dotted line's speck read as the ogonek
    ("Haliną Głąbińska", ("Halina Głąbińska",)),
    ("ŻURAWSKĄ TEODORA", ("ŻURAWSKA TEODORA",)),
    ("Serwis Klimatyzacji Ireneusz", ()),                 # a company's name, its owner's broken off
    ("URZĄDZEŃ CHŁODNICZYCH WIESŁAW", ()),                # a stamp's print
    ("Nowak Anna Maria", ("Nowak Anna Maria",)),          # surname first, two first names
    ("Anna Maria Nowak", ("Anna Maria Nowak",)),
])
def test_names_are_read_as_signed_in_the_nominative_and_never_from_a_company_name(text, names):
    from verify.person_names import people_in
    assert people_in(text).names == names


def test_a_first_name_misread_surely_on_a_forms_value_line_is_spelled_as_the_name_and_left_unsure():
    # "Józef" over a form's dots read "Józet" at 75: the line held no name at all.
    label = TextLine(1, "nazwa firmy, imię i nazwisko reprezentanta", (0, 0, 1000, 40), 96.0)
    name = TextLine(1, "Józet Gasiorowski", (100, 60, 700, 100), 75.0,
                    (Word("Józet", 75, (100, 60, 300, 100)), Word("Gasiorowski", 89, (320, 60, 700, 100))))
    letter = extract([label, name])
    assert letter.signers.value == ("Józef Gasiorowski",)
    assert letter.signers.confidence < SURE


def test_a_surname_near_a_first_name_beside_a_real_first_name_is_left_as_read():
    label = TextLine(1, "nazwa firmy, imię i nazwisko reprezentanta", (0, 0, 1000, 40), 96.0)
    name = TextLine(1, "Jan Bartel", (100, 60, 700, 100), 95.0,
                    (Word("Jan", 95, (100, 60, 200, 100)), Word("Bartel", 95, (220, 60, 700, 100))))
    assert extract([label, name]).signers.value == ("Jan Bartel",)


def test_a_value_line_with_a_name_and_a_pair_of_unreadable_words_leaves_a_representative_unread():
    label = TextLine(1, "nazwa firmy, imię i nazwisko reprezentanta", (0, 0, 1000, 40), 96.0)
    names = TextLine(1, "więsława Źrebięc, Urszula Gąsiorowska", (100, 60, 900, 100), 23.0)
    letter = extract([label, names])
    assert letter.signers.value == ("Urszula Gąsiorowska",) and letter.unread_signers == 1
    alone = TextLine(1, "Urszula Gąsiorowska, ul. Długa 5", (100, 60, 900, 100), 90.0)
    assert extract([label, alone]).unread_signers == 0


def test_a_signers_name_is_borne_out_only_by_the_same_words_read_surely_elsewhere():
    company = TextLine(1, "Serwis Kotłów Zdzisław Sobczyński", (0, 0, 1000, 40), 93.0,
                       tuple(Word(w, 93, (0, 0, 10, 10)) for w in "Serwis Kotłów Zdzisław Sobczyński".split()))
    request = TextLine(1, OPERATOR + " do usunięcia zabezpieczenia MFA z konta.", (0, 100, 2000, 140), 95.0)
    account = TextLine(1, "Login: biuro.sobczynski", (0, 200, 1000, 240), 95.0)

    def signed(text):
        words = tuple(Word(w, 51, (1500, 1600 + 10 * i, 1600, 1610 + 10 * i)) for i, w in enumerate(text.split()))
        return extract([company, request, account, TextLine(1, text, (1500, 1600, 2000, 1640), 51.0, words)])
    assert signed("Sobczyński Zdzisław").signers.confidence == 0.93
    assert signed("Sobczyńska Zdzisława").signers.confidence < SURE


def test_a_speck_read_as_a_full_stop_between_a_first_name_and_a_surname_splits_them():
    from verify.person_names import people_in
    assert people_in("Kazimierz.Lisowski, Jędrzej Przybył").names == ("Kazimierz Lisowski", "Jędrzej Przybył")


def test_a_speck_of_a_forms_dots_read_as_a_full_stop_after_a_first_name_does_not_end_the_name():
    label = TextLine(1, "nazwa firmy, imię i nazwisko reprezentanta", (0, 0, 1000, 40), 96.0)
    company = TextLine(1, "Klimaserwis sp. k.,", (30, 60, 500, 100), 80.0)
    name = TextLine(1, "Żaneta. Mroczek", (100, 120, 700, 160), 91.0)
    assert extract([label, company, name]).signers.value == ("Żaneta Mroczek",)


def test_a_place_before_a_date_is_in_the_nominative():
    from verify.dates import find_date
    reading = find_date([TextLine(1, "Piłą, dnia 5 listopada 2026 r.", (0, 0, 900, 40), 90.0)])
    assert reading.city == "Piła"


@pytest.mark.parametrize("text, kind", [
    # OCR split "odblokowania" after two letters, and misread one.
    ("Upoważniam firmę Sugar Mice do oc blokowania dostępu z dowolnego adresu IP dla konta wskazanego niżej.",
     "ip_unblock"),
    # A Polish word before the verb is not part of it: "do blokowania" asks the very opposite.
    ("Upoważniam firmę do blokowania dostępu z adresu IP dla konta.", "unknown"),
])
def test_a_word_split_by_ocr_is_read_whole_but_two_words_stay_two(text, kind):
    assert classify([TextLine(1, text, (0, 0, 10, 10), 90.0)]).kind == kind
