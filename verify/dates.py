"""Place and date of a letter: "Kraków, 12.11.2026", "Warszawa, dnia 12 listopada 2026 r.", "2026-11-12"."""
import datetime
import re
from dataclasses import dataclass

from rapidfuzz import process

from .text import TextLine, fold

_MONTHS = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
           "wrzesnia", "pazdziernika", "listopada", "grudnia")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s?[./\-]\s?(\d{1,2})\s?[./\-]\s?(\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+([a-z]{4,14})[\s.,]+(\d{4})(?!\d)")
_PLACE = re.compile(r"([A-ZĄĆĘŁŃÓŚŹŻ][\w\-]+(?:[ \-][A-ZĄĆĘŁŃÓŚŹŻ][\w\-]+)*)\s*,?\s*(?:dnia|dn\.?|d\.)?\s*$")


@dataclass(frozen=True)
class DateReading:
    date: datetime.date
    city: str | None
    line: TextLine


def find_date(lines: list[TextLine]) -> DateReading | None:
    """The first date in the letter that reads as a calendar date, with the place written before it."""
    for line in lines:
        found = _date_in(line.text)
        if found:
            date, start = found
            return DateReading(date, _city(line.text[:start]), line)
    return None


def _date_in(text: str) -> tuple[datetime.date, int] | None:
    # OCR specks inside a number ("2026-1:1-15") are dropped; the date must still be a real one.
    text = re.sub(r"(?<=\d)[:'`](?=\d)", "", text)
    folded = fold(text)
    candidates = []
    for match in _ISO.finditer(text):
        candidates.append((match.start(), int(match[1]), int(match[2]), int(match[3])))
    for match in _NUMERIC.finditer(text):
        candidates.append((match.start(), int(match[3]), int(match[2]), int(match[1])))
    for match in _WORDS.finditer(folded):
        month = process.extractOne(match[2], _MONTHS, score_cutoff=80)
        if month:
            candidates.append((match.start(), int(match[3]), _MONTHS.index(month[0]) + 1, int(match[1])))
    for start, year, month, day in sorted(candidates):
        try:
            return datetime.date(year, month, day), start
        except ValueError:
            continue
    return None


def _city(before: str) -> str | None:
    match = _PLACE.search(before.strip())
    return match.group(1) if match else None
