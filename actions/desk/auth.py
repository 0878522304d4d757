"""Logging in and out, and the two guards every route uses: `page_operator` sends a stranger to the
login page, `post_operator` answers 403 to a POST without a live session or with a wrong CSRF token.

The session cookie holds a random token (only its SHA-256 is stored); it is HttpOnly, SameSite=Strict
and Secure when the desk is served over HTTPS. The login form has its own CSRF token, a double-submit
cookie, since there is no session yet."""
import hmac
import secrets
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from actions.store import audit

from .context import Signed, desk_of, render
from .operators import SESSION_LIFETIME, check_password, close_session, find_session, normal_login, open_session

SESSION_COOKIE = "odzysk_sesja"
LOGIN_COOKIE = "odzysk_logowanie"

router = APIRouter()


class LoginRequired(Exception):
    def __init__(self, next_path: str):
        super().__init__(next_path)
        self.next_path = next_path


class Forbidden(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def signed_in(request: Request) -> Signed | None:
    token = request.cookies.get(SESSION_COOKIE, "")
    if not token:
        return None
    with desk_of(request).store.transaction() as session:
        found = find_session(session, token)
        if found is None:
            return None
        operator, web_session = found
        return Signed(operator.id, operator.login, operator.name, web_session.csrf)


def page_operator(request: Request) -> Signed:
    signed = signed_in(request)
    if signed is None:
        raise LoginRequired(request.url.path)
    request.state.signed = signed
    return signed


def post_operator(request: Request, csrf: Annotated[str, Form()] = "") -> Signed:
    _same_origin(request)
    signed = signed_in(request)
    if signed is None:
        raise Forbidden("Sesja wygasła albo nie jesteś zalogowany: zaloguj się ponownie.")
    request.state.signed = signed
    if not csrf or not hmac.compare_digest(csrf.encode(), signed.csrf.encode()):
        raise Forbidden("Formularz jest nieważny (brak lub zły token bezpieczeństwa): odśwież stronę i spróbuj ponownie.")
    return signed


PageOperator = Annotated[Signed, Depends(page_operator)]
PostOperator = Annotated[Signed, Depends(post_operator)]


@router.get("/login")
def login_page(request: Request, next: str = "/"):
    if signed_in(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_form(request, safe_next(next))


@router.post("/login")
def login(request: Request, login: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
          csrf: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/"):
    _same_origin(request)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not csrf or not expected or not hmac.compare_digest(csrf.encode(), expected.encode()):
        return _login_form(request, safe_next(next), "Formularz logowania wygasł: spróbuj jeszcze raz.", 403)
    desk = desk_of(request)
    with desk.store.transaction() as session:
        operator = check_password(session, login, password[:1024])
        if operator is None:
            audit.append(session, "operator.login_failed", {"login": normal_login(login)[:64]},
                         actor=normal_login(login)[:64] or "?")
        else:
            token, _ = open_session(session, operator)
            audit.append(session, "operator.login", {"login": operator.login}, actor=operator.login)
    if operator is None:
        return _login_form(request, safe_next(next), "Nieprawidłowy login lub hasło.", 401)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, token, max_age=int(SESSION_LIFETIME.total_seconds()), path="/",
                        httponly=True, samesite="strict", secure=desk.secure_cookies)
    response.delete_cookie(LOGIN_COOKIE, path="/login", httponly=True, samesite="strict", secure=desk.secure_cookies)
    return response


@router.post("/logout")
def logout(request: Request, signed: PostOperator):
    desk = desk_of(request)
    with desk.store.transaction() as session:
        close_session(session, request.cookies.get(SESSION_COOKIE, ""))
        audit.append(session, "operator.logout", {"login": signed.login}, actor=signed.login)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=desk.secure_cookies)
    return response


def safe_next(target: str) -> str:
    """Only a path on this desk: never another site ("//evil", "https://evil", "\\evil")."""
    parts = urlsplit(target or "/")
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _login_form(request: Request, next_path: str, error: str = "", status: int = 200):
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", status, login_csrf=token, next=next_path, error=error)
    response.set_cookie(LOGIN_COOKIE, token, max_age=3600, path="/login", httponly=True, samesite="strict",
                        secure=desk_of(request).secure_cookies)
    return response


def _same_origin(request: Request) -> None:
    """A browser says where a form came from; one from another site is refused outright. (With
    Referrer-Policy no-referrer a browser sends "Origin: null" for our own forms: the CSRF token
    decides those.)"""
    origin = request.headers.get("origin", "null")
    foreign_origin = origin != "null" and urlsplit(origin).netloc != request.headers.get("host", "")
    if foreign_origin or request.headers.get("sec-fetch-site") == "cross-site":
        raise Forbidden("Formularz wysłano z innej strony niż desk: odmowa.")
