"""What a letter says, field by field, with where and how surely each was read."""
import datetime
from dataclasses import dataclass, field

from intake.pages import Box

# A value read at least this surely (0..1) counts as read; below it a person compares it with the page.
SURE = 0.6

FIELD_NAMES = ("nip", "operator_nip", "company", "signers", "account", "city", "date", "krs")


@dataclass(frozen=True)
class Field:
    value: str | tuple[str, ...] | None
    confidence: float = 0.0          # 0..1
    page: int | None = None
    box: Box | None = None
    read_by: str = "ocr"             # ocr, text_layer, ocr+eng (a second model agreed), eng

    @property
    def found(self) -> bool:
        return bool(self.value)

    @property
    def corroborated(self) -> bool:
        """Read the same way twice (a second OCR model agreed) or taken from a text layer that OCR
        confirmed."""
        return "+eng" in self.read_by or self.read_by == "text_layer+ocr"

    @property
    def decisive(self) -> bool:
        """Read surely and corroborated: enough for a check to fail a letter on this value alone."""
        return self.confidence >= SURE and self.corroborated


MISSING = Field(None)


@dataclass(frozen=True)
class Letter:
    kind: str
    requested: tuple[str, ...]       # every kind the wording asks for (more than one: unknown)
    nip: Field = MISSING
    operator_nip: Field = MISSING
    company: Field = MISSING
    signers: Field = MISSING         # value: tuple of names
    account: Field = MISSING
    city: Field = MISSING
    date: Field = MISSING
    krs: Field = MISSING             # a KRS number the letter gives (letterhead, stamp), if any
    nip_valid: bool = False
    other_nips: tuple[str, ...] = ()          # further valid company NIPs found: a conflict
    signer_boxes: tuple[Box, ...] = ()        # where each signer's signature belongs (name or caption)
    signature_page: int | None = None
    signer_confidences: tuple[float, ...] = ()   # per signer, 0..1: how surely the name was read
    unread_signers: int = 0                   # signature blocks whose printed name could not be read
    signatures: tuple[bool, ...] = ()         # per signer: handwriting found above the printed name
    stamp: bool = False
    notes: tuple[str, ...] = field(default=())  # doubts met while reading, in Polish

    def value(self, name: str):
        return getattr(self, name).value

    def parsed_date(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.date.value) if self.date.value else None
