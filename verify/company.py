"""The company's name as the letter writes it (the registries give the authoritative one)."""
import re

from .text import TextLine, fold

# "Od:" is a cover note's sender line.
_LABEL = re.compile(r"^(?:(?:nazwa\s+firmy|firma|nazwa|mocodawca|podmiot)(?:\s*\(?[\w ,]*\)?)?\s*[:;\-–]|od\s*:)\s*",
                    re.IGNORECASE)
_LEGAL_FORM = re.compile(r"sp\.?\s*z\s*o\.?\s*o|spolka|s\.\s?a\.|\bsa\b|sp\.\s?j|s\.\s?c\.|sp\.\s?k", re.IGNORECASE)
_ADDRESS = re.compile(r"\bul\.|\bal\.|\bos\.|\bpl\.|\d{2}-\d{3}")
_SKIP = re.compile(r"upowaz|pelnomocn|nip\b|regon|krs|tel\b|e-?mail|www|\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{2}-\d{2}|"
                   r"\d{4}[./]\d{2}[./]\d{2}|\d{1,2}\s+[a-z]+\s+\d{4}|reprezent|imie\s+i\s+nazwisko|wlasciciel|"
                   r"nizej\s+podpisan|^ja\b|^\W*$", re.IGNORECASE)
_SP_Z_OO = re.compile(r"\b([Ss])p\.?\s*[zZ]\s*[oO0]\.?\s*[oO0]\.?")
# "|" where a word begins (after a space or a hyphen) and a lower-case letter follows: a capital I.
_BAR_FOR_I = re.compile(r"(?:(?<=[\s-])|^)\|(?=[a-ząćęłńóśźż])")
# Where a sentence goes on after the name: ", z siedzibą", ", NIP", ", ul.", ", reprezentowana".
_AFTER_NAME = re.compile(r",\s+(?=[a-ząćęłńóśźż]|ul\.|NIP|\d)")


def find_company(lines: list[TextLine], above: TextLine | None) -> TextLine | None:
    """The line naming the company, from the letter's header (above the request)."""
    header = [l for l in lines if above is None or l.page < above.page
              or (l.page == above.page and l.box[1] < above.box[1])]
    for line in header:
        if _LABEL.match(fold(line.text)):
            return line
    for line in header:
        if _LEGAL_FORM.search(fold(line.text)) and not _SKIP.search(fold(_name_part(line.text))):
            return line
    for i, line in enumerate(header):
        if _ADDRESS.search(line.text):
            candidates = [l for l in reversed(header[:i]) if not _SKIP.search(fold(l.text))
                          and not _ADDRESS.search(l.text)]
            if candidates:
                return candidates[0]
    return None


def company_name(line: TextLine, signers: list[str]) -> str:
    """The name without its label, the sentence around it, or a representative's name after a comma."""
    text = line.text
    label = _LABEL.match(fold(text))
    if label:
        text = text[label.end():]
    text = _name_part(text)
    for signer in signers:
        text = re.sub(rf",\s*{re.escape(signer)}\s*$", "", text)
    text = _SP_Z_OO.sub(lambda m: f"{m.group(1)}p. z o.o.", text)
    text = _BAR_FOR_I.sub("I", text)                # OCR reads a capital I as "|": "Termo-|nstal"
    text = re.sub(r"^[\W_]+", "", text)             # OCR specks before the name
    text = re.sub(r"(?:\s+[\W_]+|[,;]+)$", "", text)  # and after it ("sp. z o.o." keeps its dot)
    return text.strip()


def _name_part(text: str) -> str:
    return _AFTER_NAME.split(text, maxsplit=1)[0]
