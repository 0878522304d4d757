"""What a prokurent may do, from KRS rodzajProkury: "SAMOISTNA" alone; "ŁĄCZNA" with whoever the
clause names; "ŁĄCZNA Z CZŁONKIEM ZARZĄDU", "ŁĄCZNA DWUOSOBOWA TAKŻE Z CZŁONKIEM ZARZĄDU" only with
those partners. A kind we cannot read is not guessed at: `known` is False and a person decides."""
import re
from dataclasses import dataclass

from .representation_limits import spaced
from .representation_rule import BOARD, PREZES, PROKURENT, WICEPREZES
from .text import fold


@dataclass(frozen=True)
class ProkuraKind:
    alone: bool = False                       # SAMOISTNA
    partners: frozenset[str] | None = None    # seats a joint prokurent may sign with; None: as the clause says
    known: bool = True


UNKNOWN = ProkuraKind(known=False)
_PARTNERS = [(seat, re.compile(spaced(p))) for seat, p in (
    (PROKURENT, r"(?:z )?(?:innym |drugim )?prokurentem|dwuosobowa"),
    (BOARD, r"(?:z )?(?:innym |jednym )?czlonkiem zarzadu"),
    (WICEPREZES, r"(?:z )?wiceprezesem zarzadu"),
    (PREZES, r"(?:z )?prezesem zarzadu"),
)]
_OR = re.compile(r"\s*,\s*|\s+(?:lub|albo|badz|takze)\s+")


def prokura_kind(text: str | None) -> ProkuraKind:
    words = " ".join(fold(text or "").split())
    words = re.sub(r"^prokura\s+", "", words)
    if words == "samoistna":
        return ProkuraKind(alone=True)
    joint = re.fullmatch(r"laczna(?: (.+))?", words)
    if not joint:
        return UNKNOWN
    if not joint.group(1):
        return ProkuraKind()
    partners = [_partner(piece) for piece in _OR.split(joint.group(1))]
    return UNKNOWN if None in partners else ProkuraKind(partners=frozenset(partners))


def _partner(piece: str) -> str | None:
    return next((seat for seat, pattern in _PARTNERS if pattern.fullmatch(piece)), None)
