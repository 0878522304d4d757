"""The case's verdict from its checks: any failure rejects, any doubt sends it to a person."""
from .checks import FAIL, INCONCLUSIVE, Check


def verdict(checks: list[Check]) -> str:
    statuses = {c.status for c in checks}
    if FAIL in statuses or not checks:
        return "reject"
    if INCONCLUSIVE in statuses:
        return "review"
    return "ready"
