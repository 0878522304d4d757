"""Errors of the intake stage.

Each error carries a stable `code`, a Polish `message` for the operator that says what to do next, and
a `treatment`: how the pipeline must handle it (`reject`: the file can never be read, ask the sender for
another; `retry`: a passing fault, try again later; `operator`: a person must look).
"""


class IntakeError(Exception):
    code = "unreadable"
    treatment = "reject"
    advice = "Poproś nadawcę o ponowne przesłanie skanu upoważnienia (PDF, PNG, JPEG lub TIFF)."

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem

    @property
    def message(self) -> str:
        return f"{self.problem} {self.advice}"


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


class ResourceLimit(IntakeError):
    code = "resource_limit"
    advice = "Odczyt przekroczył limit pamięci i został przerwany; plik może być złośliwy. Poproś o nowy skan."


class NoPages(IntakeError):
    code = "no_text"
    advice = "Na żadnej stronie nie znaleziono tekstu; poproś o czytelny skan upoważnienia."


class ToolMissing(IntakeError):
    code = "tool_missing"
    treatment = "operator"
    advice = "Zainstaluj brakujące narzędzie (make setup) i uruchom ponownie."
