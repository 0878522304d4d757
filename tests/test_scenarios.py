"""The samples against registries and an application that expose forgeries: none comes out ready; the
genuine letters are kept; complete letters from CEIDG sole traders are ready."""
import re

import pytest

from conftest import run_odzysk

pytestmark = pytest.mark.hostile


def test_no_forged_case_is_ready_and_genuine_letters_are_kept():
    done = run_odzysk("scenarios", "samples/letters", timeout=1200)
    assert done.returncode == 0, done.stdout + done.stderr
    table = {name: tuple(map(int, counts)) for name, *counts in
             re.findall(r"^  (\w+)\s+(\d+)\s+(\d+)\s+(\d+)$", done.stdout, re.MULTILINE)}
    rows = {name: ready for name, (ready, _, _) in table.items()}
    assert set(rows) == {"genuine", "lookalike_signer", "too_few_signers", "entered_later", "inactive",
                         "other_tenant", "unknown_nip"}
    assert all(ready == 0 for name, ready in rows.items() if name != "genuine")
    assert rows["genuine"] > 0
    # THREATS A4: every signer entered in KRS after the letter's date: each letter is rejected, not queued.
    ready, review, reject = table["entered_later"]
    assert reject == ready + review + reject > 0
    ready, total = map(int, re.search(r"naming the operator, ready: (\d+)/(\d+)", done.stdout).groups())
    assert total >= 3 and ready == total
    # The share of cases whose verdict is the one the letter and its world call for is printed.
    share, cases = re.search(r"verdict as expected: ([\d.]+) % of (\d+) cases", done.stdout).groups()
    assert int(cases) == sum(map(sum, table.values())) and 0 < float(share) <= 100
