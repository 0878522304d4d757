"""NIP numbers in a letter: found in any usual writing, validated by python-stdnum, never corrected.

Letters that OCR puts for digits (O, l, I, S, B, Z) are read as those digits; a digit is never turned
into another digit, so a NIP that fails its checksum stays failed.
"""
import re
from dataclasses import dataclass

from stdnum.pl import nip as stdnum_nip

from .text import TextLine, fold

OPERATOR_NIP = "5471824223"

_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "i": "1", "|": "1",
                            "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2"})
_CHAR = r"[0-9OoDlIi|SsBZz]"
# Ten digits, alone or in groups split by dashes or spaces (3-3-2-2, 3-2-2-3, ...), after an optional PL
# (which OCR reads "Pl", "PlL" and the like).
_SEPARATOR = r"(?:\s?[\-–.]\s?|\s)"
_CANDIDATE = re.compile(rf"(?<![0-9A-Za-z])(?:P[LlI1|]{{1,2}}[\s-]?)?({_CHAR}(?:{_SEPARATOR}?{_CHAR}){{9}})(?![0-9A-Za-z])")
_GROUPINGS = {(10,), (3, 3, 2, 2), (3, 2, 2, 3), (3, 3, 4), (2, 2, 2, 2, 2), (4, 3, 3)}
_LABEL = re.compile(r"\bN\s?[I1l]\s?P\b|numer\s+identyfikacji", re.IGNORECASE)


@dataclass(frozen=True)
class NipReading:
    digits: str          # ten digits as read
    valid: bool          # passes the checksum
    labeled: bool        # the line names it "NIP"
    line: TextLine


def find_nips(lines: list[TextLine]) -> list[NipReading]:
    out = []
    for line, following in zip(lines, lines[1:] + [None]):
        labeled = bool(_LABEL.search(line.text))
        out += _readings(line.text, line, labeled)
        if labeled and following is not None and re.search(r"\d\W*$", line.text):
            # A NIP broken across lines ("NIP: 471" / "915-08-01, reprezentowana...").
            joined = line.text + " " + following.text
            out += [r for r in _readings(joined, line, True) if r.digits not in line.text.replace("-", "")
                    and _spans_break(joined, r.digits, len(line.text))]
    return out


def _readings(text: str, line: TextLine, labeled: bool) -> list[NipReading]:
    out = []
    for match in _CANDIDATE.finditer(text):
        digits = _digits(match.group(1), labeled)
        if digits:
            out.append(NipReading(digits, stdnum_nip.is_valid(digits), labeled, line))
    return out


def _spans_break(joined: str, digits: str, cut: int) -> bool:
    match = next((m for m in _CANDIDATE.finditer(joined) if _digits(m.group(1), True) == digits), None)
    return match is not None and match.start(1) < cut < match.end(1)


def _digits(raw: str, labeled: bool) -> str | None:
    groups = tuple(len(g) for g in re.split(r"[\s\-–.]+", raw) if g)
    digits = re.sub(r"[\s\-–.]", "", raw).translate(_LOOKALIKE)
    # OCR splits groups oddly ("5471 824223"): trusted after a NIP label or for the operator's number;
    # elsewhere only the usual groupings, so that bank account numbers yield no candidates.
    usual = groups in _GROUPINGS or labeled or digits == OPERATOR_NIP
    if not usual:
        return None
    # Look-alike letters are accepted only among real digits, not as a whole word.
    if sum(c.isdigit() for c in raw) < 7 or not digits.isdigit():
        return None
    return digits


def nip_label(line: TextLine) -> bool:
    """The line names a NIP ("NIP:", "Numer NIP"), though its digits may be unreadable."""
    return bool(_LABEL.search(line.text))


def registry_number(line: TextLine) -> bool:
    """A KRS or REGON line: ten digits there are not a NIP."""
    folded = fold(line.text)
    return ("krs" in folded or "regon" in folded) and "nip" not in folded


def names_operator(line: TextLine) -> bool:
    """The line names the operator (Sugar Mice Software, Arkadiusz Kuryłowicz)."""
    folded = fold(line.text)
    return any(word in folded for word in ("operator", "sugar", "mice", "kurylowicz", "serwisant"))
