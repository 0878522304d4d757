"""Builds the lookups that `verify` is handed: the registry clients and the application client, from
settings. A service without a URL answers with an error (never 'not found'), so nothing can pass
without having been asked."""
from registries.application import AppClient
from registries.ceidg import CeidgClient
from registries.registry_errors import RegistryBadAnswer, service_name
from registries.http import HttpPolicy
from registries.krs import KrsClient
from registries.whitelist import WhiteListClient
from verify.registry_checks import Lookups

from .settings import OutsideServices

_ENV = {"krs": "ODZYSK_KRS_URL", "ceidg": "ODZYSK_CEIDG_URL", "wl": "ODZYSK_WL_URL", "app": "ODZYSK_APP_URL"}


def build_lookups(outside: OutsideServices, stand_ins: bool = False) -> Lookups:
    """`stand_ins`: the URLs are local stand-ins, which keep no limits: ours are not applied either."""
    policy = HttpPolicy(read_timeout=outside.timeout_s)
    wl = WhiteListClient(outside.wl_url, policy) if outside.wl_url else None
    krs = KrsClient(outside.krs_url, policy) if outside.krs_url else None
    limits = {"limiters": ()} if stand_ins else {}
    ceidg = CeidgClient(outside.ceidg_url, outside.ceidg_token, policy, **limits) if outside.ceidg_url else None
    app = AppClient(outside.app_url, outside.app_token, outside.timeout_s, attempts=policy.attempts,
                    connect_timeout_s=policy.connect_timeout) if outside.app_url else None
    return Lookups(
        whitelist=wl.search if wl else _unset("wl"),
        krs=krs.fetch if krs else _unset("krs"),
        ceidg=ceidg.find if ceidg else _unset("ceidg"),
        accounts=app.find_accounts if app else _unset("app"),
        payer_accounts=app.payer_accounts if app else _unset("app"),
    )


def _unset(service: str):
    if service == "app":
        advice = "ustaw ODZYSK_APP_URL i ODZYSK_APP_TOKEN"
    else:
        advice = f"ustaw {_ENV[service]} albo ODZYSK_REGISTRIES=public"
    message = f"{service_name(service)}: nie skonfigurowano adresu ({advice})."

    def lookup(*args):
        raise RegistryBadAnswer(service, "not-configured", message)
    return lookup
