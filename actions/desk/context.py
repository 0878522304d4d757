"""What every request of the desk needs: the parts handed to create_app, the templates, and rendering."""
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from actions.cases.policy import Policy
from actions.store.database import Store
from actions.store.files import FileStore
from registries.application import AppClient

from . import labels

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Desk:
    store: Store
    files: FileStore
    policy: Policy
    app_actions: AppClient | None
    enqueue_execution: Callable[[str], None]
    secure_cookies: bool
    extra_links: tuple[tuple[str, str], ...]
    templates: Jinja2Templates


@dataclass(frozen=True)
class Signed:
    """The operator behind this request's session."""
    id: int
    login: str
    name: str
    csrf: str


def templates() -> Jinja2Templates:
    # Autoescape everything: file names, letter text and registry answers are hostile.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(KINDS=labels.KINDS, VERDICTS=labels.VERDICTS, STATES=labels.STATES,
                       EXECUTION_STATES=labels.EXECUTION_STATES, EXECUTION_OUTCOMES=labels.EXECUTION_OUTCOMES,
                       OUTCOMES=labels.CALL_OUTCOMES, local_time=labels.local_time, fmt_nip=labels.nip)
    return Jinja2Templates(env=env)


def desk_of(request: Request) -> Desk:
    return request.app.state.desk


def render(request: Request, name: str, status: int = 200, **context) -> Response:
    desk = desk_of(request)
    signed: Signed | None = getattr(request.state, "signed", None)
    context.update(signed=signed, csrf=signed.csrf if signed else "", extra_links=desk.extra_links,
                   nonce=getattr(request.state, "nonce", ""))
    return desk.templates.TemplateResponse(request, name, context, status_code=status)
