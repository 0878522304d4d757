"""The Polish words the desk shows for the codes it stores, and the formatting of times and numbers."""
import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from actions.cases.decisions import OUTCOMES
from actions.store.tables import as_utc
from verify import kinds
from verify.result import Status, Verdict

KINDS = kinds.desk_labels()
VERDICTS = {Verdict.READY: "gotowa", Verdict.REVIEW: "do sprawdzenia", Verdict.REJECT: "do odrzucenia"}
STATES = {"received": "czeka na odczyt", "checked": "czeka na decyzję", "approved": "zatwierdzona, czeka na wykonanie",
          "executing": "w wykonaniu", "executed": "wykonana", "rejected": "odrzucona", "failed": "wymaga uwagi"}
CHECK_STATUS = {Status.PASS: "zgodne", Status.FAIL: "niezgodne", Status.INCONCLUSIVE: "do potwierdzenia"}
CHECKS = {"readable": "Czytelność pliku", "kind": "Rodzaj wniosku", "one_request": "Jeden wniosek w piśmie",
          "nip_checksum": "NIP firmy", "operator_nip": "NIP operatora", "date": "Data pisma",
          "account": "Konto w piśmie", "signers": "Podpisujący", "reading": "Pewność odczytu",
          "signatures": "Podpisy odręczne", "stamp": "Pieczęć", "pages": "Zgodność stron",
          "text_layer": "Warstwa tekstowa PDF", "pdf_structure": "Budowa pliku PDF", "registry": "Firma w rejestrze",
          "representation": "Sposób reprezentacji", "account_match": "Konto u klienta o tym NIP",
          "replay": "Powtórzone pismo", "sender": "Nadawca wiadomości"}
FIELDS = {"nip": "NIP firmy", "operator_nip": "NIP operatora", "company": "Firma", "signers": "Podpisujący",
          "account": "Konto", "city": "Miejscowość", "date": "Data", "krs": "KRS"}
READ_BY = {"text": "warstwa tekstowa", "ocr": "OCR", "text_layer": "warstwa tekstowa"}
SERVICES = {"krs": "KRS", "ceidg": "CEIDG", "wl": "Biała lista VAT", "app": "Aplikacja"}
EXECUTION_STATES = {"intent": "rozpoczęte", "done": "wykonane", "failed": "nieudane",
                    "voided": "wstrzymane: zatwierdzenia nieaktualne"}
EXECUTION_OUTCOMES = {"done": "wykonano w aplikacji", "already": "konto już było w żądanym stanie, nic nie zmieniano"}
CALL_OUTCOMES = OUTCOMES
EVENTS = {"mail.received": "odebrano mail", "case.created": "utworzono sprawę", "case.read": "odczytano pismo",
          "case.registry_evidence": "odpowiedzi rejestrów", "case.quarantined": "kwarantanna pliku",
          "case.call_back": "kontakt zwrotny", "case.approved": "zatwierdzenie",
          "case.ready_to_execute": "komplet zatwierdzeń", "case.rejected": "odrzucenie",
          "execution.intent": "zamiar wykonania", "execution.done": "wykonano", "execution.failed": "wykonanie nieudane",
          "execution.refused": "wykonanie wstrzymane", "notice.announced": "zapowiedź wysłana klientowi",
          "notice.sent": "wysłano powiadomienie", "case.failed": "sprawa nieudana", "regression.run": "regresja nocna",
          "operator.added": "dodano operatora", "operator.login": "logowanie",
          "operator.login_failed": "nieudane logowanie", "operator.logout": "wylogowanie"}

try:
    LOCAL = ZoneInfo("Europe/Warsaw")
except ZoneInfoNotFoundError:          # no time zone data: show UTC and say so
    LOCAL = datetime.timezone.utc


def local_time(at: datetime.datetime | None) -> str:
    if at is None:
        return "—"
    return as_utc(at).astimezone(LOCAL).strftime("%Y-%m-%d %H:%M")


def age(at: datetime.datetime, now: datetime.datetime) -> str:
    minutes = max(0, int((now - as_utc(at)).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} godz."
    days = minutes // (24 * 60)
    return f"{days} dni"


def percent(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value * 100:.{digits}f} %".replace(".", ",")


def nip(value: str | None) -> str:
    """1578308628 -> 157-830-86-28; anything else as it is."""
    if not value:
        return "—"
    text = str(value)
    if len(text) == 10 and text.isdigit():
        return f"{text[:3]}-{text[3:6]}-{text[6:8]}-{text[8:]}"
    return text
