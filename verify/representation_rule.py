"""A representation rule: which sets of people may sign for a company together.

A rule is a set of alternatives; each alternative is a multiset of seats that distinct people must
fill, e.g. (PREZES,) or (WICEPREZES, BOARD) or (BOARD, PROKURENT). An alternative may hold only for a
single-member or only for a multi-member board, as the clause says ("W PRZYPADKU ZARZĄDU
JEDNOOSOBOWEGO ..."). A rule a machine should not decide carries the reason in `undecidable`."""
from dataclasses import dataclass

# Seats an alternative asks for.
PREZES, WICEPREZES, BOARD, PROKURENT = "prezes", "wiceprezes", "zarzad", "prokurent"
SEAT_ORDER = (PREZES, WICEPREZES, BOARD, PROKURENT)

# Board sizes an alternative applies to.
ANY_BOARD, SINGLE_BOARD, MULTI_BOARD = "any", "single", "multi"


@dataclass(frozen=True)
class Alternative:
    seats: tuple[str, ...]           # a multiset, in SEAT_ORDER
    board: str = ANY_BOARD           # ANY_BOARD, SINGLE_BOARD or MULTI_BOARD

    @staticmethod
    def of(seats, board: str = ANY_BOARD) -> "Alternative":
        return Alternative(tuple(sorted(seats, key=SEAT_ORDER.index)), board)

    def applies(self, board_size: int) -> bool:
        if self.board == SINGLE_BOARD:
            return board_size == 1
        if self.board == MULTI_BOARD:
            return board_size >= 2
        return True

    def __str__(self) -> str:
        return describe(self)


@dataclass(frozen=True)
class Rule:
    alternatives: tuple[Alternative, ...]
    undecidable: str | None = None   # why a person must decide (Polish), or None
    text: str = ""                   # the clause as the register writes it


_ONE = {PREZES: "prezes zarządu", WICEPREZES: "wiceprezes zarządu", BOARD: "członek zarządu",
        PROKURENT: "prokurent"}
_MANY = {WICEPREZES: "wiceprezesów zarządu", BOARD: "członków zarządu", PROKURENT: "prokurentów"}
_COUNT = {2: "dwóch", 3: "trzech", 4: "czterech"}
_BOARD = {SINGLE_BOARD: " (przy zarządzie jednoosobowym)", MULTI_BOARD: " (przy zarządzie wieloosobowym)",
          ANY_BOARD: ""}


def describe(alternative: Alternative) -> str:
    """In Polish: 'wiceprezes zarządu + członek zarządu łącznie', 'prezes zarządu samodzielnie'."""
    parts = []
    for seat in SEAT_ORDER:
        count = alternative.seats.count(seat)
        if count == 1:
            parts.append(_ONE[seat])
        elif count > 1:
            parts.append(f"{_COUNT.get(count, count)} {_MANY.get(seat, _ONE[seat])}")
    how = "samodzielnie" if len(alternative.seats) == 1 else "łącznie"
    return f"{' + '.join(parts)} {how}{_BOARD[alternative.board]}"


def describe_all(alternatives) -> str:
    return " albo ".join(describe(a) for a in alternatives) or "(brak)"
