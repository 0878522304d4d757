"""What can go wrong when a registry is asked, and how the pipeline must treat it.

"Not found" is not an error: clients answer None or [] for it. Everything here means the registry gave
no usable answer, so a check that depends on it can never pass (it is inconclusive):

- ``Treatment.RETRY``: the registry did not answer (timeout, connection error, 5xx, 429). Asking again
  later may help; until then the check is inconclusive.
- ``Treatment.OPERATOR``: the registry answered something we cannot read (an HTML page with status 200,
  a body that is not JSON, an unexpected 4xx, an error code). Retrying will not help; a person has to look.

``message`` is Polish and meant for the operator; ``code`` is short and stable, for logs and tests. The
errors derive from the project's one base, ``intake.errors.OdzyskError``: the only thing registries/
takes from another package.
"""
from intake.errors import OdzyskError, Treatment

from .types import Evidence

SERVICE_NAMES = {"krs": "KRS", "ceidg": "CEIDG", "wl": "Wykaz podatników VAT", "app": "Aplikacja"}


class RegistryError(OdzyskError):
    """A registry gave no usable answer. Never read it as "not found"."""

    code = "registry"
    treatment = Treatment.OPERATOR

    def __init__(self, service: str, code: str, message: str, evidence: tuple[Evidence, ...] = ()):
        super().__init__(message, code=code)
        self.service = service
        self.evidence = tuple(evidence)

    def __str__(self) -> str:
        return f"{self.service} [{self.code}]: {self.problem}"

    def __reduce__(self):
        return type(self), (self.service, self.code, self.problem, self.evidence), self.__dict__

    def add_evidence(self, *evidence: Evidence) -> "RegistryError":
        """Keep the answers (e.g. the maintenance page's hash) that led to this error; returns self."""
        self.evidence = self.evidence + tuple(e for e in evidence if e not in self.evidence)
        return self


class RegistryUnavailable(RegistryError):
    """Timeout, connection error, 5xx, or a registry that says it is being updated: ask again later."""

    treatment = Treatment.RETRY


class RegistryRateLimited(RegistryError):
    """The registry (429) or our own limiter says: not now. Ask again later, never sooner."""

    treatment = Treatment.RETRY


class RegistryBadAnswer(RegistryError):
    """An answer we cannot read or must not trust: a person has to look."""

    treatment = Treatment.OPERATOR


def service_name(service: str) -> str:
    return SERVICE_NAMES.get(service, service)
