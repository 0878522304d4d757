"""The words of a KRS representation clause, folded (lower case, no diacritics), as tokens.

Every word must be known: a role phrase ("DWÓCH CZŁONKÓW ZARZĄDU"), a modifier ("SAMODZIELNIE",
"ŁĄCZNIE", "Z PROKURENTEM"), a board-size condition, a separator, or one of a short list of words that
carry no meaning for who signs ("DO SKŁADANIA OŚWIADCZEŃ WOLI"). Anything else makes the clause
unreadable: a word we do not know may be the one that changes its meaning."""
import re
from dataclasses import dataclass

from .representation_limits import Span, spaced
from .representation_rule import BOARD, PREZES, PROKURENT, WICEPREZES

# Token kinds.
ROLE, ALONE, JOINT, JOINT_ALL, LINK, INCLUDING = "role", "alone", "joint", "joint_all", "link", "including"
SINGLE, MULTI, PURPOSE, END, PART, SEP, FILLER, LIMIT = (
    "single", "multi", "purpose", "end", "part", "sep", "filler", "limit")


@dataclass(frozen=True)
class Token:
    kind: str
    start: int
    seat: str = ""
    count: int = 1
    how: str = ""        # roles: "one" (JEDEN), "sole" (JEDYNY), "each" (KAŻDY), "alone", "plural" (no count)


class Unreadable(Exception):
    def __init__(self, position: int):
        super().__init__(position)
        self.position = position


_COUNTS = {"jeden": (1, "one"), "jednego": (1, "one"), "jednemu": (1, "one"), "jednym": (1, "one"),
           "jedyny": (1, "sole"), "jedynego": (1, "sole"), "kazdy": (1, "each"), "kazdego": (1, "each"),
           "kazdy z": (1, "each"), "kazdego z": (1, "each"), "dwaj": (2, ""), "dwoch": (2, ""),
           "dwu": (2, ""), "dwie": (2, ""), "dwoma": (2, ""), "2": (2, ""), "trzej": (3, ""),
           "trzech": (3, ""), "3": (3, ""), "czterej": (4, ""), "czterech": (4, ""), "4": (4, "")}
_COUNT = "|".join(sorted(_COUNTS, key=len, reverse=True))
# seat, singular forms, plural forms
_NOUNS = ((WICEPREZES, r"wiceprezes(?:a|em|owi)?", r"wiceprezes(?:i|ow|ami|om)"),
          (PREZES, r"prezes(?:a|em|owi)?", r"prezes(?:i|ow|ami|om)"),
          (BOARD, r"czlon(?:ek|ka|kiem|kowi)", r"czlon(?:kowie|kow|kami|kom)"),
          (PROKURENT, r"prokurent(?:a|em|owi)?", r"prokurent(?:ow|ami|om|ci)"))
_NOUN = "|".join(f"{one}|{many}" for _, one, many in _NOUNS)
_ROLE = re.compile(spaced(rf"(?:(?P<count>{_COUNT}) )?(?:(?:inn|drug)\w* )?(?P<noun>{_NOUN})\b"
                          r"(?: zarzadu\b)?(?: (?:spolki|fundacji)\b)?"))
_BEFORE_ROLE = spaced(rf"(?= (?:(?:{_COUNT}) )?(?:(?:inn|drug)\w* )?(?:{_NOUN})\b)")

_FILLER = frozenset("""
do w imieniu spolki spolke spolka fundacji fundacje fundacja stowarzyszenia jej jego i skladania
skladanych sklada skladac skladaja oswiadczen oswiadczenia oswiadczenie woli podpisywania podpisywac
podpisuje podpis podpisu reprezentowania reprezentowac reprezentuje reprezentuja reprezentacja
reprezentacji upowaznieni upowazniony upowazniona upowaznionych uprawnieni uprawniony uprawniona
uprawnionych sa jest wymagane wymagana wymagany wymaga dla skutecznosci konieczne konieczna ma maja
prawo wystarczajace wystarczajaca wystarczajece wystarczy przypadku
""".split())

_FIRST = [(kind, re.compile(spaced(p))) for kind, p in (
    (SINGLE, r"(?:w przypadku (?:powolania )?zarzadu jednoosob?owego|(?:gdy|jezeli|jesli) zarzad jest "
             r"jednoosob?owy)\b"),
    (MULTI, r"(?:w przypadku (?:powolania )?zarzadu wieloosobowego|w przypadku zarzadu liczacego "
            r"(?:2|dwie|dwoch|dwu) lub wiecej osob|(?:gdy|jezeli|jesli) zarzad jest wieloosobowy)\b"),
    (INCLUDING, r"w tym\b"),
)]
_PERSONS = re.compile(r"(?:jednoosobowa|dwuosobowa)\b")
_THEN = [(kind, re.compile(spaced(p))) for kind, p in (
    (ALONE, r"(?:samodzielnie|jednoosobowo|jednoosobowego|indywidualnie)\b"),
    (JOINT_ALL, r"(?:wspoldzialanie|wspoldzialania|laczna reprezentacja|lacznej reprezentacji|"
                r"reprezentacja laczna)\b"),
    (JOINT, r"(?:lacznie|wspolnie)\b"),
    (LINK, rf"(?:(?:wraz )?z|i){_BEFORE_ROLE}"),
    (FILLER, r"dzialajac\w*"),
    (PURPOSE, r"do [a-z]+(?:ania|enia)\b"),
    (END, r"\.(?=\s|$)"),
    (PART, r"(?:;|natomiast\b|a(?=\s)|\d{1,2}\)|[a-z]\)|-(?=\s)|•)"),
    (SEP, r"(?:,|:|lub\b|albo\b|badz\b)"),
)]
_WORD = re.compile(r"[a-z0-9]+")


def tokens(folded: str, spans: list[Span]) -> list[Token]:
    out: list[Token] = []
    position, span_at = 0, {s.start: s for s in spans}
    while position < len(folded):
        if position in span_at:
            span = span_at[position]
            if span.names_people:
                raise Unreadable(position)
            if span.limit:
                out.append(Token(LIMIT, position, how="opens" if span.opens_clause else ""))
            position = span.end
        elif folded[position].isspace():
            if folded[position] == "\n":
                out.append(Token(PART, position))
            position += 1
        else:
            token, position = _next(folded, position)
            out.append(token)
    return out


def _next(folded: str, position: int) -> tuple[Token, int]:
    for kind, pattern in _FIRST:
        if match := pattern.match(folded, position):
            return Token(kind, position), match.end()
    if match := _PERSONS.match(folded, position):
        return _persons(match.group(0), position), match.end()
    if match := _ROLE.match(folded, position):
        return _role(match, position), match.end()
    for kind, pattern in _THEN:
        if match := pattern.match(folded, position):
            return Token(kind, position), match.end()
    word = _WORD.match(folded, position)
    if word and word.group(0) in _FILLER:
        return Token(FILLER, position), word.end()
    raise Unreadable(position)


def _role(match: re.Match, position: int) -> Token:
    noun = match.group("noun")
    seat, _, plural = next(n for n in _NOUNS if re.fullmatch(f"{n[1]}|{n[2]}", noun))
    count, how = _COUNTS.get(" ".join((match.group("count") or "").split()), (1, ""))
    if re.fullmatch(plural, noun) and not match.group("count"):
        how = "plural"
    return Token(ROLE, position, seat, count, how)


def _persons(word: str, position: int) -> Token:
    """'REPREZENTACJA JEST JEDNOOSOBOWA / DWUOSOBOWA': one board member alone, or two jointly."""
    return Token(ROLE, position, BOARD, 1, "alone") if word == "jednoosobowa" else Token(ROLE, position, BOARD, 2)
