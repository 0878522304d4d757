"""Can the signers fill an alternative's seats? Each signer holds at most one seat, each register person
is used once, and a prokurent signs only as the prokura allows. Among the ways that work, the one with
the fewest doubts (masked names, unreadable prokura) is kept."""
from dataclasses import dataclass
from itertools import permutations, product

from registries.types import PREZES as PREZES_ROLE, WICEPREZES as WICEPREZES_ROLE, Person

from .names import CONSISTENT, register_display
from .representation_prokura import prokura_kind
from .representation_rule import BOARD, PREZES, PROKURENT, WICEPREZES, Alternative


@dataclass(frozen=True)
class Holder:
    """A signer read as one register person."""
    signer: str
    person: Person
    index: int             # the person's place among the register's people: the same person twice is one
    on_board: bool         # False: a prokurent
    status: str            # names.MATCH or names.CONSISTENT


@dataclass(frozen=True)
class Filling:
    alternative: Alternative
    holders: tuple[Holder, ...]
    doubts: tuple[str, ...]


def best_filling(alternatives, options: list[list[Holder]]) -> Filling | None:
    """options[i]: the register people signer i may be."""
    best = None
    for alternative in alternatives:
        for filling in _fillings(alternative, options):
            if best is None or len(filling.doubts) < len(best.doubts):
                best = filling
            if not best.doubts:
                return best
    return best


def _fillings(alternative: Alternative, options: list[list[Holder]]):
    seats = alternative.seats
    for signers in permutations(range(len(options)), len(seats)):
        for holders in product(*(options[i] for i in signers)):
            if len({h.index for h in holders}) < len(holders):
                continue
            if all(_eligible(seat, h) for seat, h in zip(seats, holders)):
                doubts = _doubts(holders)
                if doubts is not None:
                    yield Filling(alternative, holders, doubts)


def _eligible(seat: str, holder: Holder) -> bool:
    if seat == PROKURENT:
        return not holder.on_board
    if seat == PREZES:
        return holder.on_board and holder.person.role == PREZES_ROLE
    if seat == WICEPREZES:
        return holder.on_board and holder.person.role == WICEPREZES_ROLE
    return seat == BOARD and holder.on_board


def _doubts(holders: tuple[Holder, ...]) -> tuple[str, ...] | None:
    """What a person must confirm for this filling to hold; None when a prokura forbids it."""
    doubts = [f"„{h.signer}” zgadza się z KRS tylko co do maski ({register_display(h.person)})"
              for h in holders if h.status == CONSISTENT]
    for holder in holders:
        if holder.on_board:
            continue
        kind = prokura_kind(holder.person.prokura)
        others = [h for h in holders if h is not holder]
        if not kind.known:
            doubts.append(f"rodzaj prokury {register_display(holder.person)} jest nieczytelny "
                          f"(„{holder.person.prokura or 'brak'}”)")
        elif kind.alone:
            continue
        elif not others or (kind.partners is not None and
                            not any(_eligible(seat, other) for seat in kind.partners for other in others)):
            return None
    return tuple(doubts)
