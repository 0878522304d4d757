"""A sample set's truth file (written by samples/generator): one JSON object per file."""
import datetime
import json
from pathlib import Path


def load_truth(folder: Path) -> tuple[list[dict], datetime.date]:
    """The entries of `folder/truth.jsonl`, and the day their dates are judged by (`as_of`)."""
    truth = [json.loads(line) for line in (folder / "truth.jsonl").read_text().splitlines() if line.strip()]
    first = truth[0] if truth else {}
    return truth, datetime.date.fromisoformat(first.get("as_of", datetime.date.today().isoformat()))


def sent_signed(item: dict) -> bool:
    """The letter was sent signed. An unsigned one is rightly rejected (the help page asks for a
    signature), so both tools count it apart; a truth file that does not say claims a signed letter."""
    return item.get("has_signatures", True) is not False
