"""Who signs: the printed names under the signature lines, or else the representative named in the
letter's header. Names are returned as printed."""
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .first_names import FIRST_NAMES
from .text import TextLine, fold

_UPPER = "A-ZĄĆĘŁŃÓŚŹŻ"
_LOWER = "a-ząćęłńóśźżäöüé"
_NAME_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}")
_ROLES = ("prezes", "wiceprezes", "czlonek", "zarzad", "prokurent", "wlasciciel", "wspolnik",
          "pelnomocnik", "dyrektor", "reprezentant", "przedsiebiorca", "komplementariusz", "podpis",
          "prokura", "likwidator", "osoba upowazniona", "ksiegow", "kierownik", "menedzer")
_HEADER = re.compile(r"(?:imie\s+i\s+nazwisko(?:\s+reprezentanta)?|reprezentant|reprezentowan\w*\s+przez|"
                     r"osoba\s+reprezentujaca|w\s+imieniu\s+kt\w+\s+dziala|w\s+imieniu\s+firmy|"
                     r"nizej\s+podpisan\w*)\s*[:\-–,]?\s*", re.IGNORECASE)
_OPERATOR_PERSON = "arkadiusz kurylowicz"


@dataclass(frozen=True)
class SignerReading:
    name: str
    line: TextLine


def find_signers(lines: list[TextLine], below: TextLine | None) -> list[SignerReading]:
    """Names printed in the signature area (below the request), else those in the header."""
    area = [l for l in lines if below is None or _after(l, below)]
    found = _unique(_signature_names(area))
    header = _unique(_header_names(lines))
    return [_better_reading(s, header) for s in found] or header


def unread_signers(lines: list[TextLine], below: TextLine | None, found: list[SignerReading]) -> int:
    """Role lines ("Członek Zarządu") in the signature area with no readable name just above them:
    signers that are there but could not be read (a signature over the printed name, say)."""
    area = [l for l in lines if below is None or _after(l, below)]
    roles = [l for l in area if _is_function(l.text)]
    return sum(1 for role in roles if not any(_just_above(s.line, role) for s in found))


_FUNCTIONS = ("prezes", "wiceprezes", "czlonek", "prokurent", "wlasciciel", "wspolnik", "pelnomocnik",
              "dyrektor", "komplementariusz", "likwidator")


def _is_function(text: str) -> bool:
    """A line that is only a signer's function ("Członek Zarządu", "właściciel firmy"); captions such as
    "(czytelny podpis)" and header lines ("Reprezentant: ...") are not."""
    folded = fold(text)
    return (len(text.split()) <= 4 and ":" not in text and any(folded.lstrip(" -–(").startswith(f) for f in _FUNCTIONS)
            and not _whole_name(_strip_decoration(text)))


def _just_above(name: TextLine, role: TextLine) -> bool:
    height = max(1, role.box[3] - role.box[1])
    return (name.page == role.page and 0 <= role.box[1] - name.box[3] < 2 * height
            and name.box[0] < role.box[2] and name.box[2] > role.box[0])


def _better_reading(signer: SignerReading, header: list[SignerReading]) -> SignerReading:
    """The same name printed in the header and under the signature: keep the surer reading of it."""
    for other in header:
        if fuzz.ratio(fold(other.name), fold(signer.name)) >= 90 and other.line.conf > signer.line.conf:
            return SignerReading(other.name, signer.line)
    return signer


def _signature_names(lines: list[TextLine]):
    for line in lines:
        text = _strip_decoration(line.text)
        name = _whole_name(text)
        if name and (_known_first_name(name) or _is_role(text[len(name):]) or _role_below(line, lines)):
            yield SignerReading(name, line)


def _header_names(lines: list[TextLine]):
    for line in lines:
        folded = fold(line.text)
        for match in _HEADER.finditer(folded):
            name = _NAME.match(line.text[match.end():].strip())
            if name and _known_first_name(name.group(0)):
                yield SignerReading(name.group(0), line)


def _whole_name(text: str) -> str | None:
    """A name that fills the line, optionally followed by its role ("Jan Kowalski - Prezes Zarządu")."""
    match = _NAME.match(text)
    if not match:
        return None
    rest = text[match.end():].strip(" ,–-()")
    if rest and not _is_role(rest):
        return None
    name = match.group(0)
    if _is_role(name) or fold(name) == _OPERATOR_PERSON:
        return None
    return name


def _strip_decoration(text: str) -> str:
    """Dots of a signature line, brackets and stray OCR marks around a printed name."""
    return re.sub(r"^[^A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż]+|[^A-Za-ząćęłńóśźż]+$", "", text).strip()


def _known_first_name(name: str) -> bool:
    return fold(name.split()[0]) in FIRST_NAMES


def _is_role(text: str) -> bool:
    folded = fold(text)
    return any(role in folded for role in _ROLES)


def _role_below(line: TextLine, lines: list[TextLine]) -> bool:
    """A role ("Prezes Zarządu") printed right under the line."""
    height = line.box[3] - line.box[1]
    return any(other.page == line.page and 0 <= other.box[1] - line.box[3] < 1.5 * height
               and other.box[0] < line.box[2] and other.box[2] > line.box[0] and _is_role(other.text)
               for other in lines)


def _after(line: TextLine, anchor: TextLine) -> bool:
    return line.page > anchor.page or (line.page == anchor.page and line.box[1] > anchor.box[1])


def _unique(readings) -> list[SignerReading]:
    seen, out = set(), []
    for reading in readings:
        key = fold(" ".join(reading.name.split()))
        if key not in seen:
            seen.add(key)
            out.append(reading)
    return out
