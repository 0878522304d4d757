"""What can go wrong, and what must happen next.

Every error of the project derives from `OdzyskError` (this is the lowest package, so every other may
import it): a stable `code` for logs and tests, a `treatment` that decides what comes next, and a Polish
`message` for the operator (the problem, then the `advice`: what to do about it).

The treatment is read by whoever decides: the actors retry `retry` with backoff and write `operator` and
`reject` on the case without retrying; the desk shows the message.
"""
import enum


class Treatment(enum.StrEnum):
    RETRY = "retry"          # a passing fault (a server down, a lease taken): the same call later may work
    OPERATOR = "operator"    # no retry mends it: a person must look (a refusal, a setting, a fault of ours)
    REJECT = "reject"        # the input can never be used: ask the sender for another


class OdzyskError(Exception):
    """The base of the project's errors. Subclasses set `code`, `treatment` and `advice` as class
    attributes; a single error may override them (a notice refused for good, or only for now)."""

    code: str = "error"
    treatment: Treatment = Treatment.OPERATOR
    advice: str = ""

    def __init__(self, problem: str, *, code: str | None = None, treatment: Treatment | str | None = None,
                 advice: str | None = None):
        super().__init__(problem)
        self.problem = problem
        if code is not None:
            self.code = code
        if treatment is not None:
            self.treatment = Treatment(treatment)
        if advice is not None:
            self.advice = advice

    @property
    def message(self) -> str:
        """What the operator reads: what happened, then what to do."""
        return f"{self.problem} {self.advice}" if self.advice else self.problem


class IntakeError(OdzyskError):
    code = "unreadable"
    treatment = Treatment.REJECT
    advice = "Poproś nadawcę o ponowne przesłanie skanu upoważnienia (PDF, PNG, JPEG lub TIFF)."


class EmptyFile(IntakeError):
    code = "empty_file"


class UnsupportedType(IntakeError):
    code = "unsupported_type"


class ArchiveRejected(UnsupportedType):
    code = "archive"
    advice = "Archiwa (ZIP, DOCX itp.) nie są przyjmowane: poproś o sam skan upoważnienia jako PDF lub obraz."


class CorruptFile(IntakeError):
    code = "corrupt"


class TooLarge(IntakeError):
    code = "too_large"
    advice = "Poproś nadawcę o skan w rozsądnej rozdzielczości (300 dpi) i rozmiarze."


class TooManyPages(IntakeError):
    code = "too_many_pages"
    advice = "Upoważnienie powinno mieć najwyżej kilka stron: poproś o przesłanie samego upoważnienia."


class Encrypted(IntakeError):
    code = "encrypted"
    advice = "Poproś nadawcę o kopię bez hasła. Hasła nie są zgadywane."


class ReadTimeout(IntakeError):
    code = "timeout"
    advice = "Odczyt pliku trwał zbyt długo i został przerwany; poproś o prostszy skan lub obejrzyj plik ręcznie."


class Unrecognised(IntakeError):
    code = "unrecognised"
    advice = "Tesseract nie rozpoznał tekstu strony; poproś o czytelniejszy skan upoważnienia."


class ResourceLimit(IntakeError):
    code = "resource_limit"
    advice = "Odczyt przekroczył limit pamięci i został przerwany; plik może być złośliwy. Poproś o nowy skan."


class NoPages(IntakeError):
    code = "no_text"
    advice = "Na żadnej stronie nie znaleziono tekstu; poproś o czytelny skan upoważnienia."


class ToolMissing(IntakeError):
    code = "tool_missing"
    treatment = Treatment.OPERATOR
    advice = "Zainstaluj brakujące narzędzie (make setup) i uruchom ponownie."


class InternalFault(IntakeError):
    """A fault of our own code while reading (a bug, not the file): never the sender's to mend.
    `details` keeps the type and the traceback, for the log."""

    code = "internal"
    treatment = Treatment.OPERATOR
    advice = ("To błąd programu odzysk, nie wina nadawcy ani pliku: nie proś o nowy skan. Zgłoś błąd "
              "zespołowi (szczegóły są w dzienniku) i odczytaj sprawę ponownie po poprawce.")

    def __init__(self, problem: str, details: str = ""):
        super().__init__(problem)
        self.details = details
