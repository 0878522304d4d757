"""People's names in a line of a letter, as Polish documents write them: first name first or surname
first, in capitals, with several first names, double-barrelled surnames, titles (mgr, inż., dr) and
roles before or after ("Prezes Zarządu Jan Kowalski"), in lists joined by commas, "i" or "oraz".

Names are returned as printed. Which word is the surname is not decided here: the register decides it
(`verify.names.match_name` tries both orders), so nothing is guessed.

>>> people_in("Prezes Zarządu mgr inż. Jan Kowalski oraz KOWALSKA Anna – Prokurent").names
('Jan Kowalski', 'KOWALSKA Anna')
>>> people_in("Cezary Głąbiński Grzegorz Mroczek").names
('Cezary Głąbiński', 'Grzegorz Mroczek')
"""
import re
from dataclasses import dataclass

from .first_names import FIRST_NAMES, SPELLING
from .text import fold, nominative

_WORD = re.compile(r"[^\s,;()/:]+|[,;()/:]")
_LETTERS = "A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźżäöüéÄÖÜÉ"
_NAME_WORD = re.compile(rf"[A-ZĄĆĘŁŃÓŚŹŻ][{_LETTERS}]+(?:-[A-ZĄĆĘŁŃÓŚŹŻ][{_LETTERS}]+)?")
_JOINERS = {"i", "oraz", "a", "and", ",", ";", "/", "(", ")", ":", "-", "–", "—", "&"}
_TITLES = {"mgr", "inz", "dr", "hab", "prof", "pan", "pani", "p", "lic", "kpt", "adw", "r.pr", "ing"}
ROLE_WORDS = {"prezes", "wiceprezes", "zarzadu", "zarzad", "czlonek", "czlonkini", "prokurent", "prokurentka",
              "prokura", "samoistny", "samoistna", "laczny", "laczna", "wlasciciel", "wlascicielka", "firmy",
              "wspolnik", "wspolniczka", "komplementariusz", "komplementariuszka", "pelnomocnik", "pelnomocniczka",
              "dyrektor", "dyrektorka", "generalny", "finansowy", "likwidator", "przewodniczacy", "rady",
              "nadzorczej", "prezeska", "reprezentant", "reprezentantka", "przedsiebiorca", "zarzadzajacy",
              "glowna", "glowny", "ksiegowa", "ksiegowy", "kierownik", "menedzer", "administrator", "za",
              "w", "imieniu", "spolki", "podpis", "podpisy", "czytelny", "reprezentanta", "osoby", "osob",
              "upowaznionej", "upowaznionych", "do", "reprezentacji", "reprezentujacych", "reprezentujacej",
              "z", "powazaniem", "wazne", "pieczec", "imienna", "imie", "nazwisko", "funkcja", "stanowisko",
              "data", "miejscowosc"}


@dataclass(frozen=True)
class People:
    names: tuple[str, ...]
    others: tuple[str, ...]      # words that are neither names nor roles, titles or joiners


def people_in(text: str) -> People:
    """The names in `text`, and the words around them that are not roles, titles or joiners."""
    runs: list[list[str]] = [[]]
    others = []
    for word in _WORD.findall(without_specks(text)):
        bare = _without_q_slips(word.strip(".,'\"„”“*"))
        key = fold(bare)
        if _NAME_WORD.fullmatch(bare) and key not in ROLE_WORDS and key not in _TITLES:
            runs[-1].append(bare)
            continue
        if runs[-1]:
            runs.append([])
        if bare and key not in _JOINERS and key not in ROLE_WORDS and key not in _TITLES:
            others.append(word)
    names, rest = [], []
    for run in runs:
        split = _split_run(run)
        names += split if split is not None else []
        rest += run if split is None else []
    return People(tuple(names), tuple(others + rest))


_SPECK_AFTER_FIRST_NAME = re.compile(r"\b([A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+)\.\s*(?=[A-ZĄĆĘŁŃÓŚŹŻ])")


def without_specks(text: str) -> str:
    """A speck of a form's dots read as a full stop after a first name ("Żaneta. Mroczek",
    "Kazimierz.Lisowski") is no full stop: no one writes one there."""
    return _SPECK_AFTER_FIRST_NAME.sub(lambda m: m.group(1) + " " if is_first_name(m.group(1)) else m.group(0), text)


def _without_q_slips(word: str) -> str:
    """The Polish model reads an 'o' as 'Q' ("BąkQwska", "Qżóg"), as it reads '@'. No Polish word has a
    Q, and in a name from elsewhere a Q comes before 'u': any other Q in a name is an 'o'."""
    if "Q" not in word:
        return word
    word = re.sub(r"(?<=[a-ząćęłńóśźż])Q(?=[a-ząćęłńóśźż])", "o", word)
    return re.sub(r"^Q(?=[a-tv-ząćęłńóśźż])", "O", word)


def _split_run(run: list[str]) -> list[str] | None:
    """Capitalised words in a row as names of two or three words, each with a known first name at
    one end; None when the run cannot be read so."""
    if not run:
        return []
    if len(run) in (2, 3) and _has_first_name(run) and not _surnames_before_first_name(run):
        return [" ".join(_spelled(word) for word in run)]
    for size in (2, 3):
        if len(run) > size:
            head = _split_run(run[:size]) if len(run[:size]) >= 2 else None
            tail = _split_run(run[size:]) if len(run[size:]) >= 2 else None
            if head and tail:
                return head + tail
    return None


def _surnames_before_first_name(words: list[str]) -> bool:
    """Three words, only the last a first name: no one signs so (a surname first is followed by
    the first names), but a company does ("Serwis Klimatyzacji Ireneusz", its owner's name broken
    over two lines, or a stamp's "URZĄDZEŃ CHŁODNICZYCH WIESŁAW")."""
    return len(words) == 3 and not is_first_name(words[0]) and not is_first_name(words[1])


def _has_first_name(words: list[str]) -> bool:
    """A known first name first or last ("Jan Kowalski", "Kowalski Jan", "Anna Maria Nowak")."""
    return is_first_name(words[0]) or is_first_name(words[-1])


def _spelled(word: str) -> str:
    """A first name read with a diacritic too many or too few ("Józęf"), spelled as the name is; a
    word in capitals stays in capitals. Surnames stay as read, but for a last 'ą', which no name has
    as it is signed (the nominative): a dotted line's speck under the 'a' ("Żurawską")."""
    word = nominative(word)
    spelled = SPELLING.get(fold(word))
    if spelled is None or fold(spelled) != fold(word) or "-" in word:
        return word
    return spelled.upper() if word.isupper() else spelled[0].upper() + spelled[1:]


def is_first_name(word: str) -> bool:
    return fold(word) in FIRST_NAMES

