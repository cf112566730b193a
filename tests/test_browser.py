"""The web UI in headless Chromium (Debian's ``chromium``), over a server started here on
a free loopback port: what a person sees when they search, read an article, click a
quote, open the events map and an event. Saves the screenshots the README shows
(docs/screenshots/). Skipped when Chromium or Playwright is missing, failed under CI."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

from .conftest import REPO
from .web.fixtures import XSS, handmade_db, sample_db

SHOTS = REPO / "docs" / "screenshots"


def _need(what: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing; CI installs it (.ci/run)")
    pytest.skip(f"{what} not found")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("playwright (pip)")
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        _need("chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


class Server:
    """uvicorn in a thread on a free loopback port."""

    def __init__(self, app) -> None:
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def base(tmp_path_factory, pipeline, browser):
    from dateline.web import create_app

    with Server(create_app(sample_db(tmp_path_factory, pipeline), rate_limit=None)) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_base(tmp_path_factory, browser):
    from dateline.web import create_app

    path = handmade_db(tmp_path_factory.mktemp("browser-hostile") / "hostile.db", n=2)
    with Server(create_app(path, rate_limit=None)) as url:
        yield url


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 860}, device_scale_factor=1)
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("request", lambda r: pg.errors.append(f"remote request {r.url}")
          if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
    yield pg
    ctx.close()


def _shot(pg, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / name), full_page=full, animations="disabled")


def _click_quote_words(page) -> None:
    """Click the first quoted words of the body that are not also another highlight."""
    point = page.evaluate("""() => {
        for (const q of document.querySelectorAll('.body span.hl-quote')) {
            const t = [...q.childNodes].find(n => n.nodeType === 3 && n.textContent.trim().length > 3);
            if (t) {
                q.scrollIntoView({block: 'center'});
                const r = document.createRange(); const i = t.textContent.search(/\\S/); r.setStart(t, i); r.setEnd(t, i + 2);
                const box = r.getBoundingClientRect();
                return {x: box.x + box.width / 2, y: box.y + box.height / 2};
            }
        }
        return null;
    }""")
    assert point, "no quote to click"
    page.mouse.click(point["x"], point["y"])


def test_search_open_article_and_click_a_quote(page, base):
    page.goto(base + "/")
    assert page.locator("h1").inner_text() == "Articles"
    page.fill("#top-q", "Mosul")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=Mosul")
    assert "Mosul" in page.locator("h1").inner_text()
    first = page.locator("ol.articles h2 a").first
    headline = first.inner_text()
    assert "Mosul" in headline
    assert page.locator(".facet h3", has_text="Country").is_visible()
    _shot(page, "search.png")
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1#headline").inner_text() == headline
    assert page.locator(".captions .caption").count() >= 1            # captions shown apart from the body
    assert page.locator("dd.dateline-value").inner_text().startswith("MOSUL")
    _click_quote_words(page)
    pop = page.locator("#popover")
    pop.wait_for(state="visible")
    assert page.locator("#popover-kind").inner_text().lower() == "quote"
    rows = page.locator("#popover-rows dt").all_inner_texts()
    assert "speaker" in rows
    assert page.locator("#popover-title").inner_text().strip()
    assert page.locator(".body a.speaker").first.is_visible()         # the speaker is shown in the text
    _shot(page, "article.png")
    page.keyboard.press("Escape")
    assert not pop.is_visible()
    assert page.errors == []


def test_highlights_are_keyboard_reachable(page, base):
    page.goto(base + "/?q=Mosul")
    page.locator("ol.articles h2 a").first.click()
    page.wait_for_load_state()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    quote = page.locator(".body span.hl-quote[tabindex='0']").first
    quote.focus()
    page.keyboard.press("Enter")
    page.locator("#popover").wait_for(state="visible")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.classList.contains('hl-quote')")
    entity = page.locator(".body a.hl-entity:not(.hl-place)").first
    href = entity.get_attribute("href")
    assert href.startswith("/entities/")
    page.goto(base + href)
    assert page.locator("h1").is_visible() and page.locator("#art-h").is_visible()


def test_events_map_timeline_table_and_an_event(page, base):
    page.goto(base + "/events")
    page.wait_for_selector("#events-table tbody tr")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() >= 3
    assert "event" in page.locator("#events-status").inner_text()
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 100")
    assert page.locator(".leaflet-tile").count() == 0                  # no map tiles: outlines only
    assert page.locator(".ev-marker").count() >= 1
    assert page.locator("#timeline svg rect").count() >= 1
    assert page.locator("#legend li").count() >= 5                     # types named, not colour alone
    _shot(page, "events.png", full=True)
    page.locator(".ev-marker").first.click()
    page.locator(".leaflet-popup-content").wait_for(state="visible")
    assert "Open the event" in page.locator(".leaflet-popup-content").inner_text()
    link = rows.first.locator("a")
    link.click()
    page.wait_for_load_state()
    assert page.locator("h2", has_text="Reports").is_visible()
    assert page.locator(".report").count() >= 1
    evidence = page.locator(".evidence mark.hl-evidence").first
    assert evidence.is_visible() and evidence.inner_text().strip()
    _shot(page, "event.png", full=True)
    assert page.errors == []


def test_phone_layout_has_no_sideways_scroll(browser, base):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True,
                              has_touch=True)
    pg = ctx.new_page()
    try:
        pg.goto(base + "/?q=Mosul")
        pg.locator("ol.articles h2 a").first.click()
        pg.wait_for_load_state()
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        _shot(pg, "article-phone.png")
        pg.goto(base + "/events")
        pg.wait_for_selector("#events-table tbody tr")
        assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        ctx.close()


def test_hostile_text_inserted_by_scripts_stays_text(page, hostile_base):
    page.goto(hostile_base + "/")
    page.locator("ol.articles h2 a").first.click()
    page.wait_for_load_state()
    assert XSS in page.locator("h1#headline").inner_text()
    _click_quote_words(page)
    page.locator("#popover").wait_for(state="visible")
    assert f"Speaker {XSS}" in page.locator("#popover-rows").inner_text()
    page.goto(hostile_base + "/events")
    page.wait_for_selector("#events-table tbody tr")
    assert XSS in page.locator("#events-table tbody tr td").nth(2).inner_text()
    page.locator(".ev-marker").first.click()
    page.locator(".leaflet-popup-content").wait_for(state="visible")
    assert XSS in page.locator(".leaflet-popup-content").inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img[src='x']").count() == 0
