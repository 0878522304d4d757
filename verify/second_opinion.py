"""A second opinion on the decisive values: the English model's reading of the NIP, account and date
lines weighed against the Polish model's. Agreement raises confidence; a known slip of the Polish model
is put right; any other disagreement lowers confidence so that a person looks."""
from collections import Counter
from dataclasses import replace

from rapidfuzz.distance import Levenshtein
from stdnum.pl import nip as stdnum_nip

from intake.pages import Box, Document

from .account import PLAIN_LETTERS, account_label, account_value, find_account
from .dates import date_in
from .fields import SURE, Field, Letter
from .nip import OPERATOR_NIP, find_nips
from .text import TextLine, glyph_key


def second_opinion(letter: Letter, document: Document) -> Letter:
    """Weigh the account and NIP against the other readings of the same lines."""
    if not letter.operator_nip.found:
        letter = _operator_from_rereads(letter, document)
    if letter.account.found:
        letter = replace(letter, account=_account_opinion(letter.account, document))
    else:
        letter = _account_from_rereads(letter, document)
    if letter.date.found:
        letter = replace(letter, date=_date_opinion(letter.date, document))
    if not letter.nip.found:
        return _nip_from_rereads(letter, document)
    nip = _nip_opinion(letter.nip, letter.nip_valid, document)
    return replace(letter, nip=nip, nip_valid=stdnum_nip.is_valid(nip.value)) if nip != letter.nip else letter


def _account_opinion(account: Field, document: Document) -> Field:
    other = _reread_account(document, account)
    judged = _judge(_without_polish_letters(account, document), other)
    return _by_votes(judged, [account.value, other] + [account_value(t) for t in _variants(document, account)])


def _date_opinion(date: Field, document: Document) -> Field:
    """A date the English model reads otherwise ("2024" for a "2026" the Polish model read surely in a
    phone photo) is unsure: it may not fail the letter as too old. Agreement changes nothing: dates
    are held to their own, higher bar."""
    text = _reread_text(document, date)
    other = date_in(text) if text else None
    if other is None or other[0].isoformat() == date.value:
        return date
    return replace(date, confidence=min(date.confidence, 0.5), read_by=f"{date.read_by}≠eng:{other[0].isoformat()}")


def _nip_opinion(nip: Field, valid: bool, document: Document) -> Field:
    other = _reread_nip(document, nip)
    if not valid and other and stdnum_nip.is_valid(other):
        # The Polish reading fails its checksum and the English one passes: a misread, not a fix.
        judged = replace(nip, value=other, confidence=0.7, read_by=nip.read_by + "≠eng:eng")
    else:
        judged = _judge(nip, other)
    return _by_votes(judged, [nip.value, other] + [_nip_in(t, nip) for t in _variants(document, nip)],
                     stdnum_nip.is_valid)


def _judge(field: Field, other: str | None) -> Field:
    """Weigh the English model's reading of a decisive value against the Polish one."""
    if other is None:
        return field
    mine = field.value
    if other == mine:
        # Two models that agree on a value each read unsurely (a script font's 5 taken for 3 by both)
        # are not two sure readings: agreement lifts only a reading that was sure enough already.
        lifted = max(field.confidence, 0.95) if field.confidence >= SURE else field.confidence
        return replace(field, confidence=lifted, read_by=field.read_by + "+eng")
    read_by = field.read_by + "≠eng"
    placed = _at_placed(mine, other)
    if placed:
        # The English model saw the '@' the Polish one read as a letter; the Polish letters elsewhere.
        return replace(field, value=placed, confidence=0.8, read_by=read_by + ":ocr@")
    # The Polish model's known slips: '@' read as Q, O or © (and the domain garbled with it); a tail
    # lost after '_' or '+'.
    if ("@" in other and "@" not in mine) or other.startswith(mine) or _at_residue(mine, other):
        # Taken only as sure as the two readings are close beyond the '@': the English model slips
        # too ("jjszczesny23" for "jszczesny23"), and one model alone is not two.
        close = Levenshtein.distance(glyph_key(mine), glyph_key(other)) <= _AT_SLIP
        return replace(field, value=other, confidence=0.8 if close else 0.5, read_by=read_by + ":eng")
    if mine.startswith(other):
        return replace(field, confidence=0.8, read_by=read_by + ":ocr")
    # Otherwise two models disagree: keep the first, too unsure to act on without a look.
    return replace(field, confidence=min(field.confidence, 0.5), read_by=read_by + ":" + other)


_AT_SLIP = 3    # edits an '@' read as "Q©" or "QG" with its neighbour accounts for


def _by_votes(field: Field, ballots: list[str | None], acceptable=lambda value: True) -> Field:
    """Where the line was read several times (at other sizes), the value most of the readings give,
    when at least three give it and fewer give the value judged so far (nor do the two differ only by
    look-alike glyphs): taken, but unsure, since readings of one print are not independent witnesses
    (the application must bear an unsure account out, and no other of the payer's may be near it). A
    value most readings do not give is unsure too. Only an `acceptable` value (a NIP that passes its
    checksum) is taken."""
    ballots = [b for b in ballots if b]
    if len(ballots) < _QUORUM + 1:
        return field
    (winner, votes), = Counter(ballots).most_common(1)
    mine = ballots.count(field.value)
    # One model's misreading repeats at every size ("Jisowski" for "lisowski", "l9" for "19"): a value
    # that differs only by look-alike glyphs is not outvoted.
    if winner != field.value and votes >= _QUORUM and votes > mine and acceptable(winner) \
            and glyph_key(winner) != glyph_key(field.value):
        return replace(field, value=winner, confidence=min(field.confidence, 0.5),
                       read_by=f"{field.read_by}~{votes}/{len(ballots)}")
    if mine * 2 < len(ballots):
        return replace(field, confidence=min(field.confidence, 0.5), read_by=f"{field.read_by}~{mine}/{len(ballots)}")
    return field


_QUORUM = 3


def _without_polish_letters(account: Field, document: Document) -> Field:
    """The Polish model writes the Polish letter a name has ("wiesław.sobczynski@...") where the address
    has none, and the value breaks off at it: a known slip of the model, like '©' for '@', put right the
    same way (the value is still matched exactly, and weighed against the English reading next)."""
    page = document.page(account.page)
    line = next((l for l in page.lines if l.box == account.box), None) if page is not None else None
    if line is None or line.text.translate(PLAIN_LETTERS) == line.text:
        return account
    plain = account_value(line.text.translate(PLAIN_LETTERS))
    return replace(account, value=plain) if plain else account


def _nip_from_rereads(letter: Letter, document: Document) -> Letter:
    """No NIP in the first reading: a valid one in the second model's reading of a NIP line will do,
    marked as read by that model alone."""
    for page, box, reading in _reread_nips(document):
        if reading.valid and reading.labeled and reading.digits != OPERATOR_NIP:
            return replace(letter, nip=Field(reading.digits, 0.7, page, box, "eng"), nip_valid=True)
    return letter


def _account_from_rereads(letter: Letter, document: Document) -> Letter:
    """No account in the first reading of its labelled line ("Sęgrwis21"): the value most of the other
    readings of that line give, if at least two do; unsure, so that the application must bear it out."""
    for page in document.pages:
        for box in dict.fromkeys(r.box for r in page.rereads):
            lines = [[TextLine(page.number, r.text, box, 100.0)] for r in page.rereads if r.box == box]
            # Only the line the account's own label opens: a letterhead's "e-mail:" is the office's.
            found = [find_account(line) for line in lines if account_label(line)]
            ballots = [a.value for a in found if a and a.labeled]
            if ballots:
                (value, votes), = Counter(ballots).most_common(1)
                if votes >= 2:
                    account = Field(value, 0.5, page.number, box, f"eng~{votes}/{len(found)}")
                    return replace(letter, account=account)
    return letter


def _operator_from_rereads(letter: Letter, document: Document) -> Letter:
    """The operator's NIP that the first reading could not make out ("547-182-43-23" read unsurely)
    but the second model reads on the same line: named, as read by that model alone."""
    for page, box, reading in _reread_nips(document):
        if reading.digits == OPERATOR_NIP:
            return replace(letter, operator_nip=Field(OPERATOR_NIP, 0.7, page, box, "eng"))
    return letter


def _reread_nips(document: Document):
    """The NIPs in the second model's readings: (page, line box, reading)."""
    for page in document.pages:
        for reread in page.rereads:
            for reading in find_nips([TextLine(page.number, reread.text, reread.box, 100.0)]):
                yield page.number, reread.box, reading


def _at_placed(mine: str, other: str) -> str | None:
    """`mine` with the letter that stands where `other` has its '@' turned into '@', when that makes
    the two readings differ by at most two look-alike letters (l and i in a fax, say). The '@' is
    misread as Q, O, G or 0; any other letter ('e' in a bold type) only where that makes the two
    readings one. Of equally close readings, the one with its '@' where the other model saw it."""
    if "@" not in other or "@" in mine:
        return None
    at = other.index("@")
    best = None
    for k, char in enumerate(mine):
        candidate = (mine[:k] + "@" + mine[k + 1:]).lower()
        rank = (Levenshtein.distance(candidate, other), abs(k - at))
        if rank[0] <= (2 if char in "QOGo0" else 0) and (best is None or rank < best[0]):
            best = (rank, candidate)
    return best[1] if best else None


def _at_residue(mine: str, other: str) -> bool:
    """The Polish model's '©' sometimes leaves a stray letter beside the '@' ("kowalski@aexample")."""
    at = mine.find("@")
    return at >= 0 and other in (mine[:at + 1] + mine[at + 2:], mine[:at - 1] + mine[at:])


def _reread_account(document: Document, account: Field) -> str | None:
    text = _reread_text(document, account)
    if text is None:
        return None
    return account_value(text)


def _reread_nip(document: Document, nip: Field) -> str | None:
    text = _reread_text(document, nip)
    return None if text is None else _nip_in(text, nip)


def _nip_in(text: str, nip: Field) -> str | None:
    readings = [r for r in find_nips([TextLine(nip.page, text, nip.box, 100.0)]) if r.digits != OPERATOR_NIP]
    return readings[0].digits if readings else None


def _reread_text(document: Document, field: Field) -> str | None:
    page = document.page(field.page)
    if page is None:
        return None
    return next((r.text for r in page.rereads if r.how == "eng" and _contains(r.box, field.box)), None)


def _variants(document: Document, field: Field) -> list[str]:
    """The other readings of the field's line, at other sizes (made only when its value was read
    unsurely)."""
    page = document.page(field.page)
    if page is None:
        return []
    return [r.text for r in page.rereads if r.how != "eng" and _contains(r.box, field.box)]


def _contains(outer: Box, inner: Box) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]
