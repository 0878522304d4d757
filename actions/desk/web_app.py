"""The operator desk: a small server-rendered web application (FastAPI, Jinja2, no JavaScript).

`create_app` assembles it from the parts the composition root hands in. Every page needs a login;
every POST needs a live session and its CSRF token. Responses carry a strict Content-Security-Policy
(styles only from the desk itself or with this response's nonce; no scripts at all), no framing, no
referrer, and no caching of case data."""
import secrets
from http import HTTPStatus
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from actions.cases.policy import Policy
from actions.store.database import Store
from actions.store.files import FileStore
from registries.application import AppClient

from . import auth, case_pages, list_pages
from .auth import Forbidden, LoginRequired
from .context import Desk, render, templates

STATIC = Path(__file__).resolve().parent / "static"
HTTP_MESSAGES = {404: "Nie ma takiej strony.", 405: "Tej strony nie otwiera się w ten sposób."}


def create_app(store: Store, files: FileStore, policy: Policy, app_actions: AppClient | None,
               enqueue_execution: Callable[[str], None], secure_cookies: bool = False,
               extra_links: Iterable[tuple[str, str]] = ()) -> FastAPI:
    """extra_links: (label, path) pairs added to the menu, e.g. pages the composition root mounts."""
    app = FastAPI(title="odzysk", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.desk = Desk(store, files, policy, app_actions, enqueue_execution, secure_cookies,
                          tuple((str(label), str(path)) for label, path in extra_links), templates())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in (auth.router, list_pages.router, case_pages.router):
        app.include_router(router)
    _handle_errors(app)
    app.middleware("http")(_security_headers)
    return app


async def _security_headers(request: Request, call_next):
    nonce = secrets.token_urlsafe(16)
    request.state.nonce = nonce
    response = await call_next(request)
    headers = response.headers
    headers["Content-Security-Policy"] = (f"default-src 'self'; style-src 'self' 'nonce-{nonce}'; img-src 'self'; "
                                          "script-src 'none'; object-src 'none'; base-uri 'none'; "
                                          "form-action 'self'; frame-ancestors 'none'")
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if not request.url.path.startswith("/static/"):
        headers.setdefault("Cache-Control", "no-store")
    return response


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, error: LoginRequired):
        return RedirectResponse(f"/login?next={quote(error.next_path, safe='/')}", status_code=303)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, error: Forbidden):
        return render(request, "error.html", 403, message=error.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException):
        # Our own refusals carry a Polish detail; Starlette's carry the bare status phrase.
        own = isinstance(error.detail, str) and error.detail != HTTPStatus(error.status_code).phrase
        message = error.detail if own else None
        return render(request, "error.html", error.status_code,
                      message=message or HTTP_MESSAGES.get(error.status_code, f"Błąd {error.status_code}."))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError):
        return render(request, "error.html", 400, message="Niepoprawny adres lub formularz.")
