"""The account a letter names: a login or an e-mail address, exactly as written.

The Polish OCR model reads '@' as '©' or 'Q©'; those are put back. Nothing else is guessed: the
account is matched exactly later, so a doubtful reading must show as a low confidence, not be fixed.
"""
import re
from dataclasses import dataclass

from .text import TextLine, fold

# Label words that announce the account, folded (no diacritics, lower case).
# The colon may come out as an apostrophe ("konta' admin37"); the help page's own label needs none.
_LABEL = re.compile(r"(?:login\s+lub\s+e-?mail\s+konta\b\W*|(?:login|nazwa\s+uzytkownika|konta|konto|koncie|"
                    r"uzytkownika|uzytkownik)(?:\s+[\w-]+){0,4}?\s*(?:[:\-–]|[”’'‘`´]\s|"
                    r"\.\s(?=[\s_]*[a-z0-9][\w.\-]*(?:@|©|q©)))\s*)", re.IGNORECASE)
# A bare "e-mail:" may be the company's own address in the letterhead: used only when nothing else is.
_WEAK_LABEL = re.compile(r"(?:e-?mail|adres\s+e-?mail)\s*[:\-–]\s*", re.IGNORECASE)
_INLINE = re.compile(r"(?:konta|koncie|kontu|uzytkownika|loginie|loginem|login)\s+(?:o\s+(?:loginie|adresie)\s+)?",
                     re.IGNORECASE)
_AT_VARIANTS = re.compile(r"\s?(?:Q©|@©|©@|\(©|©\)|\(@\)|\(@|@\)|©|®|\(a\)|@)\s?")
# Without any '@', a capital Q or O between a lower-case name and a domain is the '@' misread.
_AT_AS_LETTER = re.compile(r"(?<![^\s:])([A-Za-z0-9][a-z0-9._+\-]*?)\s?(?:QG|QO|Q|O|G)\s?([a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.[a-z]{2,})\b")
PLAIN_LETTERS = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
_JUNK = "|'‘’\"„”—–-:;,.!?*»•~=_ "
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]{1,63}")
_NOT_LOGIN = {"konta", "konto", "login", "email", "e-mail", "lub", "nr", "numer", "adres", "oraz", "i", "w",
              "z", "ze", "do", "na", "o", "jest", "poniżej", "ponizej", "uzytkownika", "użytkownika", "firmy",
              "pracownika", "aplikacji", "naszego", "mojego", "wskazanego", "ponizszego", "administratora"}


@dataclass(frozen=True)
class AccountReading:
    value: str
    line: TextLine
    labeled: bool
    broken: bool = False    # a separator before what stands apart after it was lost


def find_account(lines: list[TextLine], request: TextLine | None = None) -> AccountReading | None:
    """The account named by a label line ("login lub email konta: ..."), else in a sentence, else after
    a bare "e-mail:" label, those below the request first (the letterhead's is the office's)."""
    for i, line in enumerate(lines):
        found = _labeled(line, lines[i + 1:i + 4])
        if found:
            return found
    for line, following in zip(lines, lines[1:] + [None]):
        found = _inline(line, following)
        if found:
            return found
    for line in sorted(lines, key=lambda l: request is None or not _below(l, request)):    # stable: in order
        value = _after(_WEAK_LABEL, line.text, strict=False)
        if value:
            return AccountReading(value, line, True)
    return None


def account_label(lines: list[TextLine]) -> TextLine | None:
    """The line that labels the account ("login lub email konta: ..."), whether or not a value could
    be read on it: the line to read again when none could."""
    return next((line for line in lines if _LABEL.search(fold(line.text))), None)


def _below(line: TextLine, request: TextLine) -> bool:
    return line.page > request.page or (line.page == request.page and line.box[1] > request.box[1])


def _labeled(line: TextLine, following: list[TextLine]) -> AccountReading | None:
    """ "Login konta: jkowalski", the value possibly set apart: on the same row (a tab stop) or on
    the line below."""
    value = _after(_LABEL, line.text, strict=False)
    if value:
        lost = _lost_separator(line.text, value)
        return AccountReading(_rejoined(line.text, value) if lost else value, line, True, lost)
    label = _LABEL.search(fold(line.text))
    if not label or line.text[label.end():].strip(_JUNK):
        return None
    for other in following:
        if _next_to(line, other):
            value = _value(repair_at(other.text).strip(_JUNK))
            return AccountReading(value, other, True) if value else None
    return None


def _lost_separator(text: str, value: str) -> bool:
    """ "kolodziej 48": digits set apart after a login are its own, read without the dot or underscore
    between (a form's dots took it); "technik..72": two separators in a row, which no address has. The
    login as read is not the one written; nor is a login followed by the rest of an address."""
    if re.search(r"[._\-]{2}", value.split("@")[0]):
        return True     # "technik..72": an underscore over a form's dots, read as two dots
    at = text.rfind(value)
    if "@" in value or at < 0:
        return False
    after = text[at + len(value):]
    # "cezary lecki@lecki-serwis.pl": an address follows, the dot before its first part lost.
    return re.match(r"\s+\d{1,4}(?!\S*@)\b", after) is not None or re.match(r"\s+[\w.\-]+[@©Q][\w\-]+\.\w", after) is not None


def _rejoined(text: str, value: str) -> str:
    """The login and what stands apart after it, joined by the full stop a form's dots took (only
    dot-sized marks are cleared with the dots: an underscore or dash stays). Still an unsure reading:
    it counts only if the application bears it out."""
    at = text.rfind(value)
    rest = re.match(r"\s+(\S+)", text[at + len(value):]) if at >= 0 else None
    joined = _value(repair_at(value + "." + rest.group(1)).strip(_JUNK)) if rest else None
    return joined or value


def _next_to(line: TextLine, other: TextLine) -> bool:
    """Right of the label on its row, or on the line just below it."""
    if other.page != line.page:
        return False
    middle = (other.box[1] + other.box[3]) / 2
    height = line.box[3] - line.box[1]
    beside = line.box[1] <= middle <= line.box[3] and other.box[0] >= line.box[2]
    below = 0 <= other.box[1] - line.box[3] < 2 * height
    return beside or below


def _inline(line: TextLine, following: TextLine | None) -> AccountReading | None:
    """An account named in running text, which may continue on the next line ("na koncie⏎jan@x.pl")."""
    value = _after(_INLINE, line.text, strict=True)
    if value:
        return AccountReading(value, line, False)
    if following is None or following.page != line.page or not _INLINE.search(fold(line.text).rstrip() + " "):
        return None
    joined = line.text.rstrip() + " " + following.text
    value = _after(_INLINE, joined, strict=True)
    # The value must begin on the next line (not be the end of this one).
    head = value.split("@")[0] if value else ""
    return AccountReading(value, following, False) if value and head in repair_at(following.text).lower() else None


def repair_at(text: str) -> str:
    """Put back the '@' that OCR read as a copyright sign, a Q and the like, and close up spaces
    around it."""
    # A capital O between a login's digit and its '@' is a zero ("hkuzniar1OQ©gmail.com").
    text = re.sub(r"(?<=[a-z]\d)O(?=\d*(?:Q©|Q|©|@))", "0", text)
    text = _AT_VARIANTS.sub("@", text)
    # An address has no Polish letters: the Polish model writes one now and then ("termoserw.ęu").
    text = re.sub(r"\S*@\S*", lambda m: m.group(0).translate(PLAIN_LETTERS), text)
    # Faxes and dirty scans put a space after dots inside an address: "m. kozlowski@firma. pl".
    text = re.sub(r"(?<=[A-Za-z0-9])\.\s(?=(?:pl|eu|com|net|org|info|biz|io|de)\b|[a-z0-9][\w.\-]*[@QO©])", ".", text)
    if "@" not in text:
        text = _AT_AS_LETTER.sub(r"\1@\2", text)
    # The l of a closing ".pl" read as '!' or '|' ("hydroinstal.p!").
    return re.sub(r"(@[\w.\-]+\.p)[!|](?![\w.])", r"\1l", text)


def account_value(text: str) -> str | None:
    """The account in a line read on its own: after a label, or the whole line is the value."""
    found = find_account([TextLine(0, text, (0, 0, 0, 0), 100.0)])
    if found:
        return found.value
    alone = repair_at(text).strip(_JUNK)
    return _value(alone) if alone and " " not in alone else None


def _after(pattern: re.Pattern, text: str, strict: bool) -> str | None:
    folded = fold(text)
    for match in pattern.finditer(folded):
        rest = repair_at(text[match.end():]).strip(_JUNK)
        if not strict:
            # After a label the value is one word: spaces that OCR put around its dots, '@' and
            # dashes ("cezary. lecki@ lecki-serwis. pl") are not part of it.
            rest = re.sub(r"(?<=\w)\s*([.@_\-])\s*(?=\w)", r"\1", rest)
            # A comma inside the word is the model's reading of a dot ("zurawską,44").
            rest = re.sub(r"(?<=\w),(?=\w)", ".", rest)
        value = _value(rest)
        if value and not (strict and _looks_like_a_word(value, rest[len(value):])):
            return value
    return None


# o2.pl, one of the largest Polish mail providers, is read as 02.pl or o02.pl. Only this known
# confusion of a known domain is put right; the value is still matched exactly later.
_PROVIDER_MISREADS = {"02.pl": "o2.pl", "o02.pl": "o2.pl", "0o2.pl": "o2.pl", "02.p1": "o2.pl"}


def _provider_domain(email: str) -> str:
    local, _, domain = email.rpartition("@")
    return f"{local}@{_PROVIDER_MISREADS.get(domain, domain)}"


def _looks_like_a_word(value: str, after: str) -> bool:
    """In running text a plain word after "konta" is Polish ("konta zabezpieczenia", "konta odszedł z
    firmy"), unless it closes the sentence ("na koncie jkowalski.")."""
    if value != value.lower() and "@" not in value:
        return True         # in running text, capitalised words are words ("Ja", "Omega-Tech"), not logins
    if not value.isalpha():
        return False
    closes = not after.strip() or after.lstrip()[:1] in ".,;)"
    return not closes or fold(value) in _NOT_LOGIN or re.search(_INFLECTION, fold(value)) is not None


_INFLECTION = r"(?:ia|ego|emu|ej|ych|ymi|ow|ami|ach|nia|cji|ie|ym)$"


def _value(rest: str) -> str | None:
    email = _EMAIL.match(rest)
    if email:
        # E-mail addresses are matched ignoring case; OCR capitalises a first letter now and then.
        return _provider_domain(email.group(0).rstrip(".-").lower())
    login = _LOGIN.match(rest)
    if not login:
        return None
    value = login.group(0).rstrip(".-_")
    if fold(value) in _NOT_LOGIN or not re.search(r"[A-Za-z]", value) or len(value) < 2:
        return None
    return value
