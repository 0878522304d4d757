"""The nightly regression: `odzysk regress` over the samples, stored with the tool versions so that the
desk can show the trend (an upgrade of tesseract or its language data changes OCR output)."""
import time
from pathlib import Path

from actions.store import audit
from actions.store.database import Store
from actions.store.tables import RegressionRun
from odzysk.tools.regress import measure

from .settings import Settings


def run_nightly(store: Store, settings: Settings) -> RegressionRun:
    started = time.monotonic()
    folder = Path(settings.service.regress_folder)
    summary = measure(folder, settings)
    run = RegressionRun(folder=str(folder), files=summary["files"], accuracy=summary["accuracy"],
                        versions=summary["versions"], failed=summary["failed"],
                        seconds=round(time.monotonic() - started, 1))
    with store.transaction() as session:
        session.add(run)
        audit.append(session, "regression.run", {"folder": str(folder), "accuracy": summary["accuracy"],
                                                 "failed": summary["failed"], "versions": summary["versions"]})
    return run
