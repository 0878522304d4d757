"""Place and date of a letter, in the forms Polish letters use: "Kraków, 12.11.2026", "Warszawa, dnia
12 listopada 2026 r.", "2026-11-12", "dn. 5.11.2026r.", "05/11/2026", "2026.11.05", "5 XI 2026"."""
import datetime
import re
from dataclasses import dataclass

from rapidfuzz import process

from .text import TextLine, fold, nominative

_MONTHS = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
           "wrzesnia", "pazdziernika", "listopada", "grudnia")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_SEP = r"\s?[./\-]\s?"
_DAY_FIRST = re.compile(rf"(?<!\d)(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})(?!\d)")
_YEAR_FIRST = re.compile(rf"(?<!\d)(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})(?!\d)")
# Separators a form's dots took or OCR made commas of ("2026 11 09", "28,10,2026", "23 11.2026"): this
# century only, and not within a longer run of numbers.
_LOST = r"(?:\s?[./\-,]\s?|\s)"
_LOOSE_DAY_FIRST = re.compile(rf"(?<![\d,.])(?<!\d\s)(\d{{1,2}}){_LOST}(\d{{1,2}}){_LOST}(20\d{{2}})(?![\d,.]?\d|\s\d)")
_LOOSE_YEAR_FIRST = re.compile(rf"(?<![\d,.])(?<!\d\s)(20\d{{2}}){_LOST}(\d{{1,2}}){_LOST}(\d{{1,2}})(?![\d,.]?\d|\s\d)")
_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s*([a-z]{4,14})[\s.,]+(\d{4})(?!\d)")
# Roman months, read from folded text: OCR turns an I into l, 1, | or !.
_ROMAN_MONTH = re.compile(r"(?<!\d)(\d{1,2})[\s.\-]+([ivxl1|!]{1,4})[\s.\-]+(\d{4})(?!\d)")
# A 1 of a numeric date read as ']', '|', 'l' or 'I' ("19.]1.2026"): put right only inside a date's shape.
_LOOK_ALIKE_ONES = re.compile(r"(?<![\w\]|])[\d\]|lI]{1,2}[./\-][\d\]|lI]{1,2}(?=[./\-]\d{4}(?!\d))")
_PLACE = re.compile(r"([A-ZĄĆĘŁŃÓŚŹŻ][\w\-]+(?:[ \-][A-ZĄĆĘŁŃÓŚŹŻ][\w\-]+)*)\s*,?\s*(?:dnia|dn\.?|d\.)?\s*$")


@dataclass(frozen=True)
class DateReading:
    date: datetime.date
    city: str | None
    line: TextLine


def find_date(lines: list[TextLine]) -> DateReading | None:
    """The letter's date: the first that has its place written before it, else the first date."""
    readings = []
    for line in lines:
        found = date_in(line.text)
        if found:
            date, start = found
            readings.append(DateReading(date, _city(line.text[:start]), line))
    placed = [r for r in readings if r.city]
    return (placed or readings or [None])[0]


def date_in(text: str) -> tuple[datetime.date, int] | None:
    """The first real date in `text` and where it starts, or None."""
    # OCR specks inside a number ("2026-1:1-15") are dropped; the date must still be a real one.
    text = re.sub(r"(?<=\d)[:'`](?=\d)", "", text)
    # and so are gaps OCR opens inside a number of the date ("24.1 1.2026", "08/1 1/2026").
    text = re.sub(r"(?<=[./\-]\d) (?=\d[./\-]\d)|(?<=\D\d) (?=\d[./\-]\d{1,2}[./\-]\d{4})", "", text)
    text = _LOOK_ALIKE_ONES.sub(lambda m: re.sub(r"[\]|lI]", "1", m[0]), text)
    # A dot of a numeric date read as a comma ("15.11,2026r."): the other separator tells.
    text = re.sub(r"(?<=\d\.\d{2}),(?=\d{4}(?!\d))|(?<=\d),(?=\d{1,2}\.\d{4}(?!\d))", ".", text)
    folded = fold(text)
    candidates = [(m.start(), int(m[1]), int(m[2]), int(m[3])) for m in _YEAR_FIRST.finditer(text)]
    candidates += [(m.start(), int(m[3]), int(m[2]), int(m[1])) for m in _DAY_FIRST.finditer(text)]
    if not candidates:
        candidates += [(m.start(), int(m[3]), int(m[2]), int(m[1])) for m in _LOOSE_DAY_FIRST.finditer(text)]
        candidates += [(m.start(), int(m[1]), int(m[2]), int(m[3])) for m in _LOOSE_YEAR_FIRST.finditer(text)]
    for match in _WORDS.finditer(folded):
        month = process.extractOne(match[2], _MONTHS, score_cutoff=80)
        if month:
            candidates.append((match.start(), int(match[3]), _MONTHS.index(month[0]) + 1, int(match[1])))
    for match in _ROMAN_MONTH.finditer(folded):
        roman = match[2].replace("l", "i").replace("1", "i").replace("|", "i").replace("!", "i")
        if roman in _ROMAN and not match[2].isdigit():     # "5.11.2026" is a numeric date
            candidates.append((match.start(), int(match[3]), _ROMAN.index(roman) + 1, int(match[1])))
    for start, year, month, day in sorted(candidates):
        try:
            return datetime.date(year, month, day), start
        except ValueError:
            continue
    return None


def _city(before: str) -> str | None:
    match = _PLACE.search(before.strip())
    return " ".join(nominative(word) for word in match.group(1).split(" ")) if match else None
