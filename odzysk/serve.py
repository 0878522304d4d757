"""Running the desk: `odzysk serve`, and the in-process workers that serve it when there is no Redis."""
import logging

import dramatiq
import uvicorn

from actions.desk.web_app import create_app

from .runtime import Runtime
from .scheduler import Scheduler
from .settings import Settings

log = logging.getLogger("odzysk.desk")


class InProcessWorkers:
    def __init__(self, settings: Settings, actors):
        self.worker = dramatiq.Worker(actors.broker, worker_threads=max(1, settings.service.worker_threads))
        self.scheduler = Scheduler(settings, actors)

    def start(self) -> "InProcessWorkers":
        self.worker.start()
        self.scheduler.start()
        return self

    def stop(self) -> None:
        self.scheduler.stop()
        self.worker.stop()


def start_in_process_workers(settings: Settings, actors) -> InProcessWorkers:
    return InProcessWorkers(settings, actors).start()


def build_app(rt: Runtime, actors):
    return create_app(rt.store, rt.files, rt.policy, rt.app, actors.execute_case.send,
                      secure_cookies=rt.settings.service.secure_cookies)


def serve_desk(rt: Runtime, actors, port: int | None = None) -> int:
    service = rt.settings.service
    uvicorn.run(build_app(rt, actors), host=service.desk_host, port=port or service.desk_port, log_level="warning")
    return 0


def run_serve(settings: Settings, port: int | None = None) -> int:
    from . import actors
    rt = actors.runtime()
    rt.store                            # migrate before serving
    workers = None if settings.service.redis_url else start_in_process_workers(settings, actors)
    mode = "Redis " + settings.service.redis_url if settings.service.redis_url else "w tym procesie (bez Redisa)"
    print(f"Pulpit: http://{settings.service.desk_host}:{port or settings.service.desk_port}/ — zadania: {mode}")
    try:
        return serve_desk(rt, actors, port)
    finally:
        if workers:
            workers.stop()
