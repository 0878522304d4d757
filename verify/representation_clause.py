"""Reading a KRS "sposób reprezentacji" clause into a Rule.

The clause is folded, phrases a machine cannot weigh (value and scope limits) are cut out, and the rest
is read as sentences and parts ("W PRZYPADKU ZARZĄDU WIELOOSOBOWEGO ..."), each a list of alternatives
separated by LUB / ALBO / commas. An alternative is a role phrase, alone ("PREZES ZARZĄDU
SAMODZIELNIE"), counted ("DWÓCH CZŁONKÓW ZARZĄDU ŁĄCZNIE") or linked to others ("WICEPREZES DZIAŁAJĄCY
ŁĄCZNIE Z PROKURENTEM"). Whatever does not fit is not guessed at: the rule is then undecidable."""
import re
import unicodedata

from .representation_limits import find_spans, limit_reason
from .representation_rule import ANY_BOARD, BOARD, MULTI_BOARD, SINGLE_BOARD, Alternative, Rule
from .representation_words import (ALONE, END, INCLUDING, JOINT, JOINT_ALL, LIMIT, LINK, MULTI, PART,
                                   PURPOSE, ROLE, SEP, SINGLE, Token, Unreadable, tokens)
from .text import fold

_RECEIVERS = re.compile(r"\b(?:likwidator|syndyk|zarzadc|kurator|nadzorc\w* sadow)\w*")


def parse_clause(text: str) -> Rule:
    original = unicodedata.normalize("NFC", text or "")
    folded = fold(original)                  # one character for one: positions agree with the original
    if not folded.strip():
        return Rule((), "KRS nie podaje sposobu reprezentacji: sprawdź odpis.", original)
    if receiver := _RECEIVERS.search(folded):
        return Rule((), f"Sposób reprezentacji mówi o {_quote(original, receiver.start(), receiver.end())}: "
                        "reprezentacja przez likwidatora, syndyka lub zarządcę — zdecyduj na podstawie odpisu KRS.",
                    original)
    spans = find_spans(folded)
    try:
        alternatives = _read(tokens(folded, spans))
    except Unreadable as error:
        return Rule((), "Nie udało się jednoznacznie odczytać sposobu reprezentacji (niezrozumiały fragment: "
                        f"{_quote(original, error.position)}): przeczytaj go w odpisie KRS i zdecyduj.", original)
    if not alternatives:
        return Rule((), "W sposobie reprezentacji nie rozpoznano, kto podpisuje: przeczytaj go w odpisie KRS.",
                    original)
    return Rule(alternatives, limit_reason(original, spans), original)


def _read(stream: list[Token]) -> tuple[Alternative, ...]:
    """Split into parts under their board-size condition; a condition lasts to the end of its sentence."""
    found: list[Alternative] = []
    board, part = ANY_BOARD, []
    for token in stream:
        if token.kind in (SINGLE, MULTI) and any(t.kind == ROLE for t in part):
            raise Unreadable(token.start)    # a condition after the roles it would govern: not read
        opens = token.kind == PURPOSE or (token.kind == LIMIT and token.how == "opens")
        if token.kind in (SINGLE, MULTI, END, PART) or (opens and any(t.kind == ROLE for t in part)):
            found += _part(part, board)
            part = []
        if token.kind in (SINGLE, MULTI, END):
            board = {SINGLE: SINGLE_BOARD, MULTI: MULTI_BOARD}.get(token.kind, ANY_BOARD)
        elif token.kind not in (PART, PURPOSE, LIMIT):
            part.append(token)
    found += _part(part, board)
    return tuple(dict.fromkeys(found))


def _part(part: list[Token], board: str) -> list[Alternative]:
    joint_all = any(t.kind == JOINT_ALL for t in part)
    found: list[Alternative] = []
    base = None
    for group in _groups(part):
        if group and group[0].kind == INCLUDING:
            if base is not None or not found or BOARD not in found[-1].seats:
                raise Unreadable(group[0].start)
            base, group = found.pop(), group[1:]
        if base is not None:
            found.append(_including(base, group, board))
        elif seats := _seats(group, board, joint_all):
            found.append(Alternative.of(seats, board))
    return found


def _groups(part: list[Token]) -> list[list[Token]]:
    groups: list[list[Token]] = [[]]
    for token in part:
        if token.kind == SEP:
            groups.append([])
        else:
            groups[-1].append(token)
    return [g for g in groups if g]


def _seats(group: list[Token], board: str, joint_all: bool) -> list[str]:
    """The seats one alternative asks for; [] for a group that names nobody (a preamble)."""
    roles = [t for t in group if t.kind == ROLE]
    kinds = {t.kind for t in group}
    if INCLUDING in kinds:
        raise Unreadable(group[0].start)
    if not roles:
        if kinds & {ALONE, JOINT, LINK}:
            raise Unreadable(group[0].start)
        return []
    _check_links(group)
    alone, joint = ALONE in kinds, JOINT in kinds or joint_all
    if any(r.how == "plural" for r in roles):
        raise Unreadable(roles[0].start)     # "CZŁONKOWIE ZARZĄDU" without a number
    if len(roles) > 1 or roles[0].count > 1:
        if alone:
            raise Unreadable(group[0].start)
        return [r.seat for r in roles for _ in range(r.count)]
    return _one_person(roles[0], alone, joint, board)


def _one_person(role: Token, alone: bool, joint: bool, board: str) -> list[str]:
    """A single role phrase: alone only when the clause says so (SAMODZIELNIE, JEDYNY, KAŻDY, JEDEN,
    a single-member board). Joint with nobody named, or no word either way, cannot be read."""
    if joint:
        raise Unreadable(role.start)
    if alone or role.how in ("alone", "sole", "each", "one") or board == SINGLE_BOARD:
        return [role.seat]
    raise Unreadable(role.start)


def _check_links(group: list[Token]) -> None:
    """Role phrases must be joined by links: ROLE (LINK ROLE)*."""
    chain = [t for t in group if t.kind in (ROLE, LINK)]
    for index, token in enumerate(chain):
        if token.kind != (ROLE if index % 2 == 0 else LINK):
            raise Unreadable(token.start)
    if chain[-1].kind == LINK:
        raise Unreadable(chain[-1].start)


def _including(base: Alternative, group: list[Token], board: str) -> Alternative:
    """'DWUOSOBOWA, W TYM PREZESA ZARZĄDU': one of the board seats must be that role."""
    if len(group) != 1 or group[0].kind != ROLE or group[0].count != 1 or group[0].how:
        raise Unreadable(group[0].start if group else 0)
    seats = list(base.seats)
    seats.remove(BOARD)
    return Alternative.of(seats + [group[0].seat], board)


def _quote(original: str, start: int, end: int | None = None, width: int = 60) -> str:
    end = end if end is not None else start + width
    text = " ".join(original[start:end].split())
    return f"„{text}{'…' if end < len(original) and end - start >= width else ''}”"
