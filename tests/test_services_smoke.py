"""One small test per real-service fixture (tests/services/): each proves its service answers here."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import redis
import sqlalchemy as sa

from services.browser import save_screenshot


@pytest.mark.postgres
def test_postgres_gives_a_fresh_database(postgres_url):
    engine = sa.create_engine(postgres_url)
    try:
        with engine.begin() as connection:
            name = connection.execute(sa.text("SELECT current_database()")).scalar_one()
            tables = connection.execute(sa.text(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).scalar_one()
            connection.execute(sa.text("CREATE TABLE greeting (id serial PRIMARY KEY, text varchar NOT NULL)"))
            connection.execute(sa.text("INSERT INTO greeting (text) VALUES ('dzień dobry')"))
            stored = connection.execute(sa.text("SELECT text FROM greeting")).scalar_one()
    finally:
        engine.dispose()
    assert name.startswith("odzysk_test_") and tables == 0
    assert stored == "dzień dobry"


@pytest.mark.redis
def test_redis_keeps_a_namespaced_key(redis_url, redis_namespace):
    client = redis.Redis.from_url(redis_url)
    try:
        client.set(f"{redis_namespace}:greeting", "dzień dobry".encode(), ex=60)
        assert client.get(f"{redis_namespace}:greeting").decode() == "dzień dobry"
    finally:
        client.close()
    assert redis_namespace.startswith("odzysk-test-")


PAGE = """<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>Próba</title></head>
<body><button id="go" onclick="document.getElementById('out').textContent = 'Zatwierdzono'">Zatwierdź</button>
<p id="out">Czeka</p></body></html>""".encode()


class _PageHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.mark.browser
def test_browser_clicks_a_button_on_a_local_page(page, local_site):
    page.goto(local_site)
    assert page.title() == "Próba"
    page.get_by_role("button", name="Zatwierdź").click()
    assert page.locator("#out").text_content() == "Zatwierdzono"

    shot = save_screenshot(page, "smoke-browser-click")
    assert shot.parent.name == "test-artifacts" and shot.read_bytes().startswith(b"\x89PNG")
