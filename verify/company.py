"""The company's name as the letter writes it (the registries give the authoritative one)."""
import re

from .text import TextLine, fold

_LABEL = re.compile(r"^(?:nazwa\s+firmy|firma|nazwa|mocodawca|podmiot)(?:\s*\(?[\w ,]*\)?)?\s*[:\-–]\s*", re.IGNORECASE)
_LEGAL_FORM = re.compile(r"sp\.?\s*z\s*o\.?\s*o|spolka|s\.\s?a\.|\bsa\b|sp\.\s?j|s\.\s?c\.|sp\.\s?k", re.IGNORECASE)
_ADDRESS = re.compile(r"\bul\.|\bal\.|\bos\.|\bpl\.|\d{2}-\d{3}")
_SKIP = re.compile(r"upowaz|pelnomocn|nip|regon|krs|tel|e-?mail|www|\d{1,2}[./]\d{1,2}[./]\d{4}", re.IGNORECASE)


def find_company(lines: list[TextLine], above: TextLine | None) -> TextLine | None:
    """The line naming the company, from the letter's header (above the request)."""
    header = [l for l in lines if above is None or l.page < above.page
              or (l.page == above.page and l.box[1] < above.box[1])]
    for line in header:
        if _LABEL.match(fold(line.text)):
            return line
    for line in header:
        if _LEGAL_FORM.search(fold(line.text)) and not _SKIP.search(fold(line.text)):
            return line
    for i, line in enumerate(header):
        if _ADDRESS.search(line.text) and i > 0 and not _SKIP.search(fold(header[i - 1].text)):
            return header[i - 1]
    return None


def company_name(line: TextLine, signers: list[str]) -> str:
    """The name without its label, or a representative's name that follows it after a comma."""
    text = line.text
    label = _LABEL.match(fold(text))
    if label:
        text = text[label.end():]
    for signer in signers:
        text = re.sub(rf",\s*{re.escape(signer)}\s*$", "", text)
    return text.strip(" ,;")
