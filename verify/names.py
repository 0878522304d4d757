"""Does a printed signer name belong to a person in a register? Strict on purpose: it decides who may
sign for a company.

Tolerated, and nothing else: lost or added Polish diacritics, letter case, the surname written before
the given names, extra middle names on either side, a double-barrelled surname written with a hyphen
or as two words. Any other difference is a mismatch.

KRS masks names ("J**" for JAN): a printed name can then only be consistent with the entry (same first
letters, same lengths, same number of surname parts), never confirmed.

>>> from registries.types import Person, CZLONEK
>>> match_name("Łukasz Wójcik", Person(("LUKASZ",), ("WOJCIK",), CZLONEK)).status
'match'
>>> match_name("Jan Kowalczyk", Person(("JAN",), ("KOWALSKI",), CZLONEK)).status
'no'
>>> match_name("Jan Kowalski", Person(("J**",), ("K*******",), CZLONEK, masked=True)).status
'consistent'
"""
import re
import unicodedata
from dataclasses import dataclass

from registries.types import Person

from .text import fold

MATCH, CONSISTENT, NO = "match", "consistent", "no"

_DASH = re.compile(r"[-‐‑‒–—]")
_EDGE_PUNCTUATION = ".,;:()[]\"'„”“«»"


@dataclass(frozen=True)
class NameMatch:
    status: str          # MATCH, CONSISTENT or NO
    detail: str          # for the operator, in Polish


@dataclass(frozen=True)
class _Name:
    """A name split for comparison: given names, and the surname's parts (all folded)."""
    given: tuple[str, ...]
    surname: tuple[str, ...]


def match_name(printed: str, person: Person) -> NameMatch:
    tokens = _printed_tokens(printed)
    entry = _register_name(person)
    shown = register_display(person)
    if not entry.given or not entry.surname:
        return NameMatch(NO, f"Wpis w rejestrze ({shown}) nie ma pełnego imienia i nazwiska do porównania.")
    if len(tokens) < 2:
        return NameMatch(NO, f"„{printed}”: brak imienia albo nazwiska — samo nazwisko nie wystarcza.")
    if not any(_fits_name(name, entry) for name in _readings(tokens, len(entry.surname))):
        return NameMatch(NO, f"„{printed}” nie odpowiada osobie z rejestru ({shown}).")
    if person.masked or any("*" in word for word in entry.given + entry.surname):
        return NameMatch(CONSISTENT, f"„{printed}” pasuje do zamaskowanego wpisu KRS {shown} (zgadzają się "
                                     "pierwsze litery i długości); pełnych danych rejestr nie pokazuje.")
    return NameMatch(MATCH, f"„{printed}” to {shown} z rejestru.")


def register_display(person: Person) -> str:
    """The register's name as a person would write it: given names, then the surname with a hyphen."""
    return " ".join((*person.first_names, "-".join(person.surnames))).strip()


def _printed_tokens(printed: str) -> list[tuple[str, ...]]:
    """Words of the printed name, each split at hyphens into parts; folded. A lone dash is dropped."""
    tokens = []
    for word in unicodedata.normalize("NFC", printed).split():
        word = word.strip(_EDGE_PUNCTUATION)
        parts = tuple(fold(part) for part in _DASH.split(word))
        if any(parts):
            tokens.append(parts)
    return tokens


def _register_name(person: Person) -> _Name:
    given = tuple(fold(unicodedata.normalize("NFC", n.strip())) for n in person.first_names if n.strip())
    surname = tuple(fold(unicodedata.normalize("NFC", part.strip()))
                    for name in person.surnames for part in _DASH.split(name) if part.strip())
    return _Name(given, surname)


def _readings(tokens: list[tuple[str, ...]], surname_parts: int):
    """Ways to read the printed words as given names plus a surname of that many parts: the surname
    last or first, written as one hyphenated word or as that many separate words."""
    for size in sorted({1, surname_parts}):
        if size >= len(tokens):
            continue
        for surname, given in ((tokens[-size:], tokens[:-size]), (tokens[:size], tokens[size:])):
            if size > 1 and any(len(token) > 1 for token in surname):
                continue                     # "Nowak-Kowalska Nowak": not a way to write a surname
            yield _Name(tuple("-".join(token) for token in given), tuple(p for t in surname for p in t))


def _fits_name(name: _Name, entry: _Name) -> bool:
    if len(name.surname) != len(entry.surname) or not all(map(_fits, name.surname, entry.surname)):
        return False
    if not name.given or not _fits(name.given[0], entry.given[0]):
        return False
    # A hyphenated word among the given names is a surname unless the register has that given name.
    if any("-" in word and not any(_fits(word, g) for g in entry.given) for word in name.given):
        return False
    rest_printed, rest_entry = list(name.given[1:]), list(entry.given[1:])
    return _subsequence(rest_printed, rest_entry) or _subsequence(rest_entry, rest_printed, flipped=True)


def _subsequence(short: list[str], long: list[str], flipped: bool = False) -> bool:
    """Every name of `short` appears in `long`, in order (extra middle names on the other side)."""
    position = 0
    for word in short:
        while position < len(long) and not (_fits(long[position], word) if flipped else _fits(word, long[position])):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def _fits(printed: str, registered: str) -> bool:
    """One word: equal after folding, or, against a masked word, same length and same visible letters."""
    if "*" not in registered:
        return printed == registered
    return (len(printed) == len(registered) and printed.isalpha() and registered[0] != "*"
            and all(r in ("*", p) for p, r in zip(printed, registered)))
