"""Checks that need no outside data: each ends pass, fail or inconclusive with a detail in Polish."""
import datetime

from intake.pages import Document

from . import kinds
from .extract import extract, letter_page
from .fields import SURE, Letter
from .nip import OPERATOR_NIP
from .result import Check, Status
from .signatures import no_handwriting
from .text import fold, layer_lines, look_alike, ocr_lines

_FLAG_NAMES = {"annotations": "adnotacje nałożone na stronę", "javascript": "JavaScript",
               "embedded_files": "osadzone pliki", "form_fields": "pola formularza", "encrypted": "szyfrowanie",
               "signature": "podpis elektroniczny (niesprawdzony)"}


def local_checks(letter: Letter, document: Document, today: datetime.date, max_age_days: int) -> list[Check]:
    checks = [check_kind(letter, document), check_nip(letter), check_operator(letter), check_date(letter, today, max_age_days),
              check_account(letter), check_signers(letter), check_reading(letter), check_signatures(letter, document),
              check_stamp(letter)]
    checks += check_pages(document) + check_text_layer(letter, document) + check_pdf(document)
    return checks


def check_kind(letter: Letter, document: Document | None = None) -> Check:
    request = kinds.named(letter.kind)
    if request is not None:
        return Check("kind", Status.PASS, f"Wniosek: {request.label}.")
    if document is not None and len(letter.requested) < 2 and _read_poorly(document):
        return Check("kind", Status.INCONCLUSIVE, "Strona odczytana słabo (mało pewnie odczytanych słów): nie "
                                           "rozpoznano wniosku. Przeczytaj pismo na obrazie.")
    if len(letter.requested) > 1:
        asked = ", ".join(kinds.named(k).label for k in letter.requested)
        return Check("one_request", Status.FAIL, f"Pismo prosi o kilka czynności naraz ({asked}): "
                                          "jedno upoważnienie może dotyczyć tylko jednej czynności.")
    return Check("kind", Status.FAIL, "Pismo nie jest upoważnieniem do żadnej z czynności "
                               f"({', '.join(k.label for k in kinds.ALL)}).")


def check_nip(letter: Letter) -> Check:
    if not letter.nip.found:
        return Check("nip_checksum", Status.INCONCLUSIVE, "Nie odczytano NIP firmy: odszukaj go na obrazie pisma "
                                                   "(nagłówek, pieczęć); bez NIP pismo nie może być wykonane.")
    if not letter.nip_valid:
        # A checksum fails a letter only when its digits were read surely: else it is a misreading.
        sure = letter.nip.decisive
        return Check("nip_checksum", Status.FAIL if sure else Status.INCONCLUSIVE,
                     f"NIP {letter.nip.value} ma błędną sumę kontrolną"
                     + (": poproś o czytelny skan; numer nie jest poprawiany." if sure else
                        ", ale cyfry odczytano niepewnie: porównaj NIP z obrazem pisma."))
    if letter.other_nips:
        return Check("nip_checksum", Status.FAIL, f"Pismo podaje różne numery NIP firmy: {letter.nip.value}, "
                                           f"{', '.join(letter.other_nips)}.")
    return Check("nip_checksum", Status.PASS, f"NIP {letter.nip.value} ma poprawną sumę kontrolną.")


def check_operator(letter: Letter) -> Check:
    value = letter.operator_nip.value
    if value == OPERATOR_NIP:
        return Check("operator_nip", Status.PASS,
                     "Upoważnienie wskazuje operatora: Sugar Mice Software, NIP 547-182-42-23.")
    if value:
        return Check("operator_nip", Status.FAIL, f"Upoważnienie wskazuje innego operatora (NIP {value}).")
    # The help page's templates name us with our NIP, but a letter that names no operator at all may
    # still be meant for us (it came to our mailbox): a person decides.
    return Check("operator_nip", Status.INCONCLUSIVE, "Upoważnienie nie podaje NIP operatora (Sugar Mice Software, "
                                               "NIP 547-182-42-23): potwierdź, że jest skierowane do nas.")


_SURE_DATE = 0.85


def check_date(letter: Letter, today: datetime.date, max_age_days: int) -> Check:
    date = letter.parsed_date()
    if date is None:
        return Check("date", Status.INCONCLUSIVE, "Nie odczytano daty pisma: odszukaj ją na obrazie "
                                           f"(pismo nie starsze niż {max_age_days} dni).")
    # A date read unsurely fails nothing: a misread digit (2028 for 2026 in a fax) would send a genuine
    # customer back. Dates are read once, by one model, so the bar is higher than for other values.
    failed = Status.FAIL if letter.date.confidence >= _SURE_DATE else Status.INCONCLUSIVE
    unsure = "" if failed == Status.FAIL else " Odczyt daty jest niepewny: porównaj z obrazem pisma."
    if date > today + datetime.timedelta(days=1):
        return Check("date", failed, f"Data pisma {date} jest w przyszłości.{unsure}")
    if (today - date).days > max_age_days:
        return Check("date", failed, f"Pismo z {date} jest starsze niż {max_age_days} dni: poproś o aktualne.{unsure}")
    return Check("date", Status.PASS, f"Data pisma {date} jest wiarygodna.")


def check_account(letter: Letter) -> Check:
    if not letter.account.found:
        return Check("account", Status.INCONCLUSIVE, "Nie odczytano konta (loginu ani adresu e-mail): odszukaj "
                                              "je na obrazie pisma; bez konta pismo nie może być wykonane.")
    return Check("account", Status.PASS, f"Wskazane konto: {letter.account.value}.")


def check_signers(letter: Letter) -> Check:
    if not letter.signers.found:
        return Check("signers", Status.INCONCLUSIVE, "Nie odczytano imion i nazwisk podpisujących: odczytaj je "
                                              "z obrazu pisma (pod podpisami lub w nagłówku).")
    return Check("signers", Status.PASS, f"Podpisujący: {', '.join(letter.signers.value)}.")


def check_reading(letter: Letter, confirmed: tuple[str, ...] = ()) -> Check:
    """Every decisive value read surely, or `confirmed` from outside (an account the application
    knows for the payer and nothing like it)."""
    unsure = [name for name in ("nip", "account", "signers") if name not in confirmed
              and getattr(letter, name).found and getattr(letter, name).confidence < SURE]
    if unsure:
        return Check("reading", Status.INCONCLUSIVE, "Niepewny odczyt: " + ", ".join(_LABELS[n] for n in unsure)
                     + ". Porównaj z obrazem strony.")
    return Check("reading", Status.PASS, "Pola decydujące odczytane pewnie.")


def check_signatures(letter: Letter, document: Document | None = None) -> Check:
    if document is not None and _unsigned(document, letter):
        return Check("signatures", Status.FAIL, "Pismo nie jest podpisane: na żadnej stronie nie ma podpisu "
                     "odręcznego (co najwyżej pieczęć), a plik nie ma podpisu elektronicznego. Poproś o podpisane "
                     "upoważnienie.")
    names = letter.signers.value or ()
    missing = [n for n, ok in zip(names, letter.signatures) if not ok] if letter.signatures else list(names)
    if names and not missing:
        return Check("signatures", Status.PASS, "Nad każdym nazwiskiem jest podpis odręczny.")
    who = ", ".join(missing) if missing else "podpisujących"
    return Check("signatures", Status.INCONCLUSIVE, f"Nie znaleziono podpisu odręcznego: {who}. Sprawdź na obrazie.")


_BELOW_THE_LINE = 10      # pixels at 300 dpi
_READ_ENOUGH = 15         # words read surely: the page was seen, not lost to noise (a short letter has 40)


def _unsigned(document: Document, letter: Letter) -> bool:
    """Positive evidence of no signature: pages read well, with no ink on them beyond the print that OCR
    read and a stamp's outline (not a stroke that could be a signature) where a signature belongs (from
    the account's line on), in a file that carries no electronic signature either."""
    account = letter.account
    # Ink reaching more than a few pixels below the account's line: the line's own misread print does not.
    below = (account.page, account.box[3] + _BELOW_THE_LINE) if account.found and account.page and account.box else None
    return "signature" not in document.flags and _sure_words(document) >= _READ_ENOUGH \
        and no_handwriting(document, below)


def check_stamp(letter: Letter) -> Check:
    if letter.stamp:
        return Check("stamp", Status.PASS, "Na piśmie jest pieczęć firmowa.")
    return Check("stamp", Status.INCONCLUSIVE, "Nie znaleziono pieczęci firmowej. Sprawdź na obrazie.")


_WELL_READ_WORDS = 40      # an ordinary letter has well over a hundred; a page read as noise has a handful


def _read_poorly(document: Document) -> bool:
    """Too few words read surely to say what the document is not (a streaked or faded scan)."""
    return _sure_words(document) < _WELL_READ_WORDS


def _sure_words(document: Document) -> int:
    words = [w for page in document.pages for line in (page.text_lines or page.lines) for w in line.words]
    return sum(1 for w in words if w.conf >= 70 and sum(c.isalpha() for c in w.text) >= 3)


def check_pages(document: Document) -> list[Check]:
    """One request per document: pages must not name different companies, accounts or requests."""
    if len(document.pages) < 2:
        return []
    seen = {"nip": set(), "account": set(), "kind": set()}
    cover_kinds = set()
    lines = ocr_lines(document)
    for page in document.pages:
        letter = extract([l for l in lines if l.page == page.number])
        if letter.nip.found and letter.nip_valid:
            seen["nip"].add(letter.nip.value)
        if letter.account.found:
            seen["account"].add(fold(letter.account.value))
        if letter.kind != "unknown":
            (seen["kind"] if letter_page(page.number, lines) else cover_kinds).add(letter.kind)
    clash = [name for name, values in seen.items() if len(values) > 1]
    if clash:
        return [Check("pages", Status.FAIL,
                      "Strony pisma się różnią (" + ", ".join(clash) + "): jedno pismo, jeden wniosek.")]
    if cover_kinds - seen["kind"]:
        # A cover note is not the signed request, but a customer who asks for two things is asked which.
        asked = ", ".join(kinds.named(k).label for k in sorted(cover_kinds - seen["kind"]))
        return [Check("pages", Status.INCONCLUSIVE, f"Pismo przewodnie (strona bez NIP i konta) prosi o inną czynność "
                      f"({asked}) niż upoważnienie: wyjaśnij z klientem, o co prosi.")]
    return [Check("pages", Status.PASS, "Strony pisma są zgodne.")]


def check_text_layer(letter: Letter, document: Document) -> list[Check]:
    """Hidden or covered text: the PDF's text layer must say what a person sees on the page."""
    lines = layer_lines(document)
    if lines is None:
        return []
    layer = extract(lines, read_by="text_layer")
    differ, unread = [], []
    for name in ("kind", "nip", "account", "operator_nip"):
        seen, hidden = _value(letter, name), _value(layer, name)
        if hidden and (not seen or seen == "unknown"):
            unread.append(name)
        elif hidden != seen and (hidden or name == "kind") and not (name != "kind" and look_alike(seen, hidden)):
            # Only what the page shows surely can give the layer the lie; an unsure reading is a doubt.
            field = getattr(letter, name) if name != "kind" else None
            sure = field is None or field.decisive
            (differ if sure else unread).append(f"{name}: warstwa tekstowa «{hidden}», obraz «{seen}»"
                                                if sure else name)
    # What OCR could not make out but the layer holds was taken from the layer: a person compares.
    unread += [name for name in ("nip", "account", "signers", "date")
               if getattr(letter, name).read_by == "text_layer" and name not in unread]
    if differ:
        return [Check("text_layer", Status.FAIL, "Warstwa tekstowa PDF różni się od tego, co widać na stronie: "
                      + "; ".join(differ) + ". Możliwy ukryty lub zakryty tekst.")]
    if unread:
        return [Check("text_layer", Status.INCONCLUSIVE, "Na obrazie strony nie odczytano: "
                      + ", ".join(_LABELS[name] for name in unread)
                      + "; porównaj warstwę tekstową z obrazem.")]
    return [Check("text_layer", Status.PASS, "Warstwa tekstowa PDF zgadza się z obrazem strony.")]


def check_pdf(document: Document) -> list[Check]:
    if document.filetype != "pdf":
        return []
    flags = [f for f in document.flags]
    if not flags:
        return [Check("pdf_structure", Status.PASS, "PDF bez adnotacji, skryptów, formularzy i kolejnych wersji.")]
    named = [f"{f.split(':')[1]} wersje pliku" if f.startswith("revisions") else _FLAG_NAMES.get(f, f) for f in flags]
    return [Check("pdf_structure", Status.INCONCLUSIVE,
                  "PDF zawiera: " + ", ".join(named) + ". Obejrzyj plik uważnie.")]


# The fields' names as the operator's messages say them.
_LABELS = {"kind": "rodzaj wniosku", "nip": "NIP", "operator_nip": "NIP operatora", "account": "konto",
           "signers": "podpisujący", "date": "data"}


def _value(letter: Letter, name: str):
    value = letter.kind if name == "kind" else getattr(letter, name).value
    return fold(value) if isinstance(value, str) else value
