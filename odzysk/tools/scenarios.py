"""`odzysk scenarios FOLDER`: each sample letter, read once, checked against registries and an
application that tell the truth, and against ones that expose a forgery or a reason to refuse (a
look-alike signer, too few signers, signers entered in KRS only after the letter's date, an inactive
business, another tenant's account, an unknown NIP).
Prints verdicts per scenario; exits 1 if any forged or refused case comes out `ready`, or if fewer than
95 % of genuine letters avoid `reject`."""
import datetime
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy
from pathlib import Path

from intake.errors import IntakeError
from odzysk.check import read_case
from odzysk.demo import app_accounts, registry_data
from odzysk.lookups import build_lookups
from odzysk.settings import OutsideServices, Settings
from standins.app import AppStandIn
from standins.registries import RegistryStandIn
from verify.registry_checks import outside_checks, with_outside
from verify.result import Status, Verdict, verdict

from .truth import load_truth, sent_signed

GENUINE = "genuine"
REFUSED = ("lookalike_signer", "too_few_signers", "entered_later", "inactive", "other_tenant", "unknown_nip")
SOLE_CLAUSE = "DO SKŁADANIA OŚWIADCZEŃ W IMIENIU SPÓŁKI UPRAWNIONY JEST KAŻDY CZŁONEK ZARZĄDU SAMODZIELNIE."


def run_scenarios(folder: Path, settings: Settings, misses: bool = False) -> int:
    truth, as_of = load_truth(folder)
    letters = [t for t in truth if t["kind"] != "unknown" and t["fields"].get("nip") and _unique_account(t, truth)]
    read = _read_all(folder, letters, settings, as_of)
    table, sole_traders, outcomes, off = {}, [], Counter(), []
    for scenario in (GENUINE,) + REFUSED:
        registry, accounts = _world(scenario, letters)
        with RegistryStandIn(registry, today=as_of) as registries, AppStandIn(accounts, token="s") as app:
            outside = OutsideServices(registries.url, registries.url, registries.token, registries.url, app.url, "s")
            lookups = build_lookups(outside, stand_ins=True)
            results = [_verdict(item, lookups, as_of) for item in read]
        table[scenario] = Counter(v for v, _ in results)
        expected = [_expected(scenario, t, registry) for t in letters]
        outcomes += Counter(zip(expected, (v for v, _ in results)))
        off += [(t["file"], scenario, e, v, doubts) for t, e, (v, doubts) in zip(letters, expected, results) if e != v]
        if scenario == GENUINE:
            genuine = [(t, v, doubts) for t, (v, doubts) in zip(letters, results)]
            sole_traders = [(t["file"], v, doubts) for t, v, doubts in genuine
                            if "ceidg" in registry[t["fields"]["nip"]] and _complete(t)]
    signed = [(t["file"], v, doubts) for t, v, doubts in genuine if sent_signed(t)]
    code = _report(table, len(signed), sole_traders, [r for r in signed if r[1] == "reject"])
    _report_unsigned([(t["file"], v) for t, v, _ in genuine if not sent_signed(t)])
    _report_expected(outcomes)
    if misses:
        _report_misses(off)
    return code


def _expected(scenario: str, item: dict, registry: dict) -> str:
    """The verdict a case should get: a refused one is rejected; a genuine letter without a signature
    is rejected (the help page asks for one); a complete sole trader's letter is ready; any other
    genuine one goes to a person (a KRS extract masks the board's surnames, so the representation is
    compared by a person; a missing stamp or operator is a person's call)."""
    if scenario != GENUINE or not sent_signed(item):
        return "reject"
    sole = "ceidg" in registry[item["fields"]["nip"]]
    return "ready" if sole and _complete(item) else "review"


def _report_expected(outcomes: Counter) -> None:
    total = sum(outcomes.values())
    right = sum(n for (expected, got), n in outcomes.items() if expected == got)
    print(f"verdict as expected: {right * 100 / max(1, total):.1f} % of {total} cases (target at least 93 %)")
    for (expected, got), n in sorted(outcomes.items()):
        if expected != got:
            print(f"  expected {expected}, got {got}: {n}")


def _report_misses(off: list[tuple]) -> None:
    """Every case whose verdict is not the expected one, with the checks that were not passed: where
    to look first."""
    print("cases off their expected verdict:")
    for name, scenario, expected, got, doubts in sorted(off):
        print(f"  {name} {scenario}: expected {expected}, got {got} ({', '.join(doubts)})")


def _report_unsigned(unsigned: list[tuple[str, str]]) -> None:
    """Genuine letters sent without a signature: the help page asks for one, so a rejection is right
    for them, and they are left out of the share of genuine letters not rejected."""
    rejected = sum(v == "reject" for _, v in unsigned)
    print(f"unsigned letters (the help page asks for a signature) rejected: {rejected}/{len(unsigned)}"
          + "".join(f"\n  {name}: {v}" for name, v in unsigned if v != "reject"))


def _read_all(folder: Path, letters: list[dict], settings: Settings, as_of: datetime.date) -> list:
    def read(item):
        try:
            _, letter, checks = read_case(str(folder / item["file"]), settings, as_of)
        except IntakeError:
            return None, None
        return letter, checks
    with ThreadPoolExecutor(max_workers=max(1, settings.jobs)) as pool:
        return list(pool.map(read, letters))


def _verdict(item, lookups, as_of) -> tuple[str, list[str]]:
    letter, checks = item
    if letter is None:
        return Verdict.REJECT, ["readable"]
    checks = with_outside(letter, list(checks), outside_checks(letter, lookups, as_of))
    return verdict(checks), [f"{c.name}:{c.status}" for c in checks if c.status != Status.PASS]


def _world(scenario: str, letters: list[dict]) -> tuple[dict, list[dict]]:
    """Registry and application data that tell the truth, then the scenario's change to it."""
    registry, accounts = registry_data(letters), app_accounts(letters)
    for nip, spec in registry.items():
        _change(scenario, spec)
    if scenario == "other_tenant":
        for account in accounts:
            account["tenant"]["payer_nip"] = "5260250995"
    if scenario == "entered_later":
        _enter_later(registry, letters)
    if scenario == "unknown_nip":
        registry = {nip: {"name": spec["name"], "wl": False} for nip, spec in registry.items()}
    return registry, accounts


def _change(scenario: str, spec: dict) -> None:
    people = spec["ceidg"] if "ceidg" in spec else spec["krs"]["board"]
    if scenario == "lookalike_signer":
        for person in people:      # one letter of the surname changes (KRS masks it: another initial)
            first, *rest = person["name"].split()
            person["name"] = " ".join([first] + ["Z" + rest[-1][1:] if "krs" in spec else rest[-1][:-1] + "x"])
    elif scenario == "too_few_signers":
        extra = {"name": "Zenon Zabłocki", "function": "CZŁONEK ZARZĄDU"}
        board = [dict(p, function="CZŁONEK ZARZĄDU") for p in deepcopy(people)] + [extra, dict(extra, name="Ewa Zych")]
        # One member more than the letter's signers: three, or four for a letter three signed.
        count = "CZTERECH" if len(people) >= 3 else "TRZECH"
        clause = f"DO SKŁADANIA OŚWIADCZEŃ W IMIENIU SPÓŁKI WYMAGANE JEST WSPÓŁDZIAŁANIE {count} CZŁONKÓW ZARZĄDU."
        spec.pop("ceidg", None)
        spec["krs"] = {"number": spec.get("krs", {}).get("number", "0000999999"), "clause": clause, "board": board}
        spec.pop("wl", None)
    elif scenario == "inactive":
        if "ceidg" in spec:
            spec["ceidg"][0]["status"] = "ZAWIESZONY"
        else:
            spec["krs"]["liquidation"] = True


def _enter_later(registry: dict, letters: list[dict]) -> None:
    """Every signer entered in KRS the day after the company's last letter (THREATS A4); a sole trader
    becomes a one-person company, so that the register dates its representative."""
    for index, letter in enumerate(letters):
        fields = letter["fields"]
        spec = registry[fields["nip"]]
        if "ceidg" in spec:
            owner = spec.pop("ceidg")[0]["name"]
            spec.pop("wl", None)
            spec["krs"] = {"number": f"{950000 + index:010d}", "clause": SOLE_CLAUSE,
                           "board": [{"name": owner, "function": "PREZES ZARZĄDU"}]}
        if fields.get("date"):
            day_after = (datetime.date.fromisoformat(fields["date"]) + datetime.timedelta(days=1)).isoformat()
            for person in spec["krs"]["board"]:
                person["since"] = max(person.get("since", ""), day_after)


def _complete(item: dict) -> bool:
    """A letter as the help page asks: signed, stamped and naming the operator with its NIP."""
    return bool(item.get("has_signatures") and item.get("has_stamp") and item["fields"].get("operator_nip"))


def _unique_account(item: dict, truth: list[dict]) -> bool:
    written = (item["fields"].get("account") or "").casefold()
    return bool(written) and sum((t["fields"].get("account") or "").casefold() == written for t in truth) == 1


def _report(table: dict, total: int, sole_traders: list, rejected: list) -> int:
    print(f"{sum(table[GENUINE].values())} letters, each read once, checked in {len(table)} worlds")
    print(f"  {'scenario':<18}{'ready':>8}{'review':>8}{'reject':>8}")
    for scenario, counts in table.items():
        print(f"  {scenario:<18}{counts['ready']:>8}{counts['review']:>8}{counts['reject']:>8}")
    forged_ready = sum(table[s]["ready"] for s in REFUSED)
    genuine_kept = 1 - len(rejected) / max(1, total)
    print(f"forged or refused cases that came out ready: {forged_ready} (must be 0)")
    print(f"genuine signed letters not rejected: {genuine_kept * 100:.1f} % of {total} (target at least 97 %)")
    for name, _, doubts in rejected:
        print(f"  rejected: {name} ({', '.join(d for d in doubts if d.endswith(':fail'))})")
    ready = sum(v == "ready" for _, v, _ in sole_traders)
    print(f"genuine sole traders (CEIDG), signed, stamped and naming the operator, ready: {ready}/{len(sole_traders)}")
    for name, outcome, doubts in sole_traders:
        if outcome != "ready":
            print(f"  {name}: {outcome} ({', '.join(doubts)})")
    return 0 if forged_ready == 0 and genuine_kept >= 0.97 else 1
