"""What the registries say about a business, in our own terms. Parsers in this package fill these from
each registry's JSON; `verify` decides with them."""
import datetime
from dataclasses import dataclass, field

# Roles of the people who may represent a business.
PREZES, WICEPREZES, CZLONEK, PROKURENT, WLASCICIEL, WSPOLNIK, INNY = (
    "prezes", "wiceprezes", "czlonek_zarzadu", "prokurent", "wlasciciel", "wspolnik", "inny")


@dataclass(frozen=True)
class Person:
    """A person in a register. KRS's public API masks names: "J**" keeps the first letter and the length."""
    first_names: tuple[str, ...]      # given names in order, e.g. ("ANNA", "MARIA") or ("A***", "M****")
    surnames: tuple[str, ...]         # one, or two parts of a double-barrelled surname
    role: str                         # one of the role constants above
    function: str = ""                # the register's own words: "WICEPREZES ZARZĄDU", "PROKURENT"
    masked: bool = False
    suspended: bool = False           # KRS czyZawieszona: does not count
    prokura: str | None = None        # KRS rodzajProkury, e.g. "ŁĄCZNA", "SAMOISTNA"
    since: datetime.date | None = None  # KRS: the date of the entry that brought the person in (full extract)


@dataclass(frozen=True)
class Evidence:
    """One registry answer a decision used, kept with the result."""
    service: str                      # krs, ceidg, wl, app
    url: str
    fetched_at: str                   # ISO 8601, UTC
    sha256: str                       # of the raw body
    status: int
    request_id: str | None = None     # the white list's requestId


@dataclass(frozen=True)
class Entity:
    """A business as one register describes it."""
    source: str                       # krs, ceidg, wl
    name: str
    nip: str | None
    regon: str | None = None
    krs: str | None = None
    legal_form: str = ""
    active: bool = True
    status: str = ""                  # the register's own words: AKTYWNY, "Czynny", "W LIKWIDACJI"...
    board: tuple[Person, ...] = ()    # KRS: zarząd; CEIDG: the owner; WL: representatives
    prokurenci: tuple[Person, ...] = ()
    representation: str | None = None  # KRS sposobReprezentacji, as written
    representation_body: str | None = None   # KRS nazwaOrganu, e.g. "ZARZĄD"
    evidence: tuple[Evidence, ...] = field(default=())
    as_of: datetime.date | None = None
    tenure_known: bool = False        # KRS: the full extract gave each person's `since`
