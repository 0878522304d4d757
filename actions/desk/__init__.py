"""The operator desk (web): the queue, the case with everything needed to decide, call-backs and
approvals, the regression runs and the audit log. `create_app` builds it; the composition root serves it."""
from .web_app import create_app

__all__ = ["create_app"]
