"""Every page at an iPhone's size (390×844) in a real Chromium: nothing wider than the screen, fingers fit (#13).

Measured from the DOM, not from a picture: the page's and Streamlit's scroll
containers must not scroll sideways, no visible element may end right of the
screen (unless a box that clips it keeps it inside), every visible button,
link, tab and input is at least 44 px high and wide (Apple's and WCAG's
target size) and can be scrolled to without something else covering it.
With an on-screen keyboard up (the viewport 336 px shorter), the story's chat
box and the entry's text box are still on screen, and so are the turn actions.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Iterator

import pytest

from journal.i18n import catalogue
from journal.notebook import Notebook
from journal.stories import ops
from tests.browser import chromium_page, needs_chromium, streamlit_server
from tests.fake_chat import FakeChat

pytestmark = [pytest.mark.browser, needs_chromium]
PHONE = {"width": 390, "height": 844}
KEYBOARD = 336            # px an iPhone's on-screen keyboard takes from the bottom of the screen
MIN_TARGET = 44           # px, Apple's HIG and WCAG 2.5.5
LOADED_MS = 90_000
WAIT_MS = 30_000
EN = catalogue("en")
LONG_ENTRY = "\n\n".join(
    f"Night {n}. I walked along the river after work and the water was louder than the traffic. "
    "I kept thinking about what she said at dinner, and about how easy it is to say nothing at all. "
    "The bridge lights came on one by one while I stood there, and I did not want to go home yet."
    for n in range(1, 9))

STYLE_APPLIED = "() => [...document.querySelectorAll('style')].some(s => s.textContent.includes(\"Duet's one stylesheet\"))"

# One pass over the page: what sticks out to the right, and which tap targets are too small or covered.
PROBE = """(scope) => {
  const vw = document.documentElement.clientWidth, vh = window.innerHeight;
  const root = scope ? document.querySelector(scope) : document.body;
  const hiddenBy = (el, r) => { for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const s = getComputedStyle(a);   // a box that scrolls shows all of its content, one that clips does not
    if (['auto', 'scroll'].includes(s.overflowY)) return false;
    if (!['hidden', 'clip'].includes(s.overflowY)) continue;
    const b = a.getBoundingClientRect();
    if (b.height < 1 || r.bottom <= b.top || r.top >= b.bottom) return true; } return false; };
  const shown = (el) => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && !hiddenBy(el, r)   // checkVisibility: not inside a closed <details>
      && el.checkVisibility({contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true}); };
  const keptInside = (el) => { for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    if (['hidden', 'auto', 'scroll', 'clip'].includes(getComputedStyle(a).overflowX)
        && a.getBoundingClientRect().right <= vw + 1) return true; } return false; };
  const name = (el) => { const r = el.getBoundingClientRect();
    const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.placeholder || '').trim();
    const key = (el.closest('[class*="st-key-"]')?.className.match(/st-key-(\\S+)/) || [])[1];
    return `${el.tagName}[${el.closest('[data-testid]')?.dataset.testid}${key ? ' ' + key : ''}] "${label.slice(0, 40)}" `
         + `${Math.round(r.width)}x${Math.round(r.height)} at ${Math.round(r.left)},${Math.round(r.top)}`; };
  const scrollers = [document.scrollingElement, ...document.querySelectorAll(
    '[data-testid=stMain], [data-testid=stAppViewContainer], [data-testid=stAppScrollToBottomContainer]')];
  const sideways = scrollers.filter((s) => s && s.scrollWidth > s.clientWidth + 1)
    .map((s) => `${s.dataset?.testid || s.tagName} scrolls sideways: ${s.scrollWidth} > ${s.clientWidth}`);
  const wide = [...root.querySelectorAll('*')].filter((el) => shown(el)
    && el.getBoundingClientRect().right > vw + 1 && !keptInside(el)).map(name);
  const targets = new Set();
  for (let el of root.querySelectorAll('button, a[href], input:not([type=hidden]), textarea, select, summary, '
      + '[role=button], [role=tab], [role=checkbox], [role=radio], [role=switch], [role=slider]')) {
    if (['checkbox', 'radio'].includes(el.type) && el.closest('label')) el = el.closest('label');
    const r = el.getBoundingClientRect();
    if (shown(el) && r.right > 0 && r.left < vw && !el.closest('[aria-hidden=true]')) targets.add(el);
  }
  const small = [], covered = [];
  for (const el of targets) {
    const r = el.getBoundingClientRect();
    if (r.height < %(min)d - 0.5 || r.width < %(min)d - 0.5) small.push(name(el));
    el.scrollIntoView({block: 'center', inline: 'center'});
    const c = el.getBoundingClientRect(), x = c.left + c.width / 2, y = c.top + c.height / 2;
    const hit = x >= 0 && x < vw && y >= 0 && y < vh ? document.elementFromPoint(x, y) : null;
    if (!hit || !(el.contains(hit) || hit.contains(el) || hit.closest('label') === el.closest('label') && el.closest('label')))
      covered.push(name(el) + ' under ' + (hit ? `${hit.tagName}[${hit.closest('[data-testid]')?.dataset.testid}]` : 'nothing'));
  }
  return {sideways, wide, small, covered, targets: targets.size};
}""" % {"min": MIN_TARGET}


@pytest.fixture(scope="module")
def notebook_for_phone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An entry long enough to make a carousel, and a story with turns from both sides."""
    home = tmp_path_factory.mktemp("phone") / "nb"
    nb = Notebook.open(home)
    nb.create_entry(LONG_ENTRY, title="Night walks", tags=["walk", "river"], mood=4)
    wren = nb.companions.list()[0]
    story = ops.start_story(nb, wren, title="By the river")
    chat = FakeChat()
    chat.enqueue(["I am here. Tell me what the river sounded like tonight, and what you did not say at dinner."])
    ops.reply(nb, story.id, chat, "I walked by the river tonight and could not stop thinking.")
    return home


@pytest.fixture(scope="module")
def server(notebook_for_phone: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    models = tmp_path_factory.mktemp("models")
    with streamlit_server(notebook_for_phone, extra_env={"DUET_MODELS": str(models)}) as url:
        yield url


@contextlib.contextmanager
def phone_page(tmp_path: Path, url: str, path: str) -> Iterator[Any]:
    with chromium_page(tmp_path, viewport=PHONE, mobile=True) as page:
        page.goto(f"{url}/{path}", wait_until="networkidle")
        settle(page)
        yield page


def settle(page: Any) -> None:
    """Wait until the script run is over and no lazily loaded piece still shows its skeleton."""
    page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for(timeout=LOADED_MS)
    page.wait_for_timeout(500)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=LOADED_MS)
    page.locator('[data-testid="stMain"] [data-testid="stSkeleton"]').first.wait_for(state="detached",
                                                                                     timeout=LOADED_MS)
    page.wait_for_function(STYLE_APPLIED, timeout=WAIT_MS)
    page.wait_for_timeout(300)


def assert_fits(page: Any, scope: str | None = None) -> dict[str, Any]:
    found = page.evaluate(PROBE, scope)
    assert found["targets"] > 0, "no tap targets found: the probe looked at an empty page"
    assert not found["sideways"], found["sideways"]
    assert not found["wide"], "wider than the screen:\n" + "\n".join(found["wide"])
    assert not found["small"], f"smaller than {MIN_TARGET} px:\n" + "\n".join(found["small"])
    assert not found["covered"], "covered, cannot be tapped:\n" + "\n".join(found["covered"])
    assert not page.get_by_text("Traceback").count()
    return found


@pytest.mark.parametrize("path", ["", "stories", "share", "settings"], ids=["journal", "stories", "share", "settings"])
def test_every_page_fits_a_phone(server: str, tmp_path: Path, path: str) -> None:
    with phone_page(tmp_path, server, path) as page:
        assert_fits(page)
        if path == "settings":   # the other two tabs hold most of the page
            for tab in ("settings.ai", "settings.data"):
                page.get_by_role("tab", name=EN[tab]).click()
                page.wait_for_timeout(500)
                assert_fits(page)
        # The sidebar (filters, story tools) opens over the page; it must fit as well.
        page.get_by_test_id("stExpandSidebarButton").click()
        page.get_by_test_id("stSidebar").wait_for(timeout=WAIT_MS)
        page.wait_for_timeout(700)
        assert_fits(page, '[data-testid="stSidebar"]')


def visible_in_viewport(page: Any, locator: Any) -> bool:
    """All of it on screen; a box taller than a line need only show its first lines (where the caret is)."""
    box = locator.bounding_box()
    size = page.viewport_size
    if box is None or box["y"] < 0 or box["x"] < 0 or box["x"] + box["width"] > size["width"]:
        return False
    return box["y"] + min(box["height"], 2 * MIN_TARGET) <= size["height"]


@pytest.mark.parametrize("path", ["", "stories"], ids=["journal", "stories"])
def test_the_composer_and_every_action_stay_reachable_with_the_keyboard_up(server: str, tmp_path: Path,
                                                                             path: str) -> None:
    with phone_page(tmp_path, server, path) as page:
        if path == "stories":
            composer = page.get_by_test_id("stChatInputTextArea")
            send = page.get_by_test_id("stChatInputSubmitButton")
        else:
            composer = page.get_by_label(EN["journal.editor.body"], exact=True)
            send = page.get_by_role("button", name=EN["journal.editor.save"])
        composer.tap()
        page.keyboard.type("the river")
        # The on-screen keyboard takes the bottom of the screen; what is left must still hold the composer.
        page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"] - KEYBOARD})
        page.wait_for_timeout(500)
        composer.scroll_into_view_if_needed()
        assert visible_in_viewport(page, composer), composer.bounding_box()
        send.scroll_into_view_if_needed()
        assert visible_in_viewport(page, send), send.bounding_box()
        # Every button of the page (the story turns' Regenerate, Edit, Delete, Branch, Share…) can be scrolled
        # to and tapped, none hidden under the chat box pinned to the bottom.
        found = assert_fits(page)
        if path == "stories":
            for action in ("regenerate", "continue", "edit", "delete", "branch", "share"):
                button = page.get_by_role("button", name=EN[f"stories.turns.labels.{action}"], exact=True)
                assert button.count() == 1, action
                button.scroll_into_view_if_needed()
                assert visible_in_viewport(page, button), action
        assert found["targets"] >= 10


def test_share_preview_fits_the_screen_and_each_card_saves_as_one_png(server: str, tmp_path: Path) -> None:
    with phone_page(tmp_path, server, "share") as page:
        cards = page.locator('[data-testid="stMain"] [data-testid="stImage"] img')
        cards.first.wait_for(timeout=LOADED_MS)
        count = cards.count()
        assert count >= 2, "the long entry should make a carousel"
        content = page.evaluate("() => document.querySelector('[data-testid=stMainBlockContainer] "
                                "[data-testid=stVerticalBlock]').getBoundingClientRect().width")
        for n in range(count):
            box = cards.nth(n).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
            assert box["width"] >= 0.9 * content, (box, content)   # the width of the screen, not a thumbnail
        buttons = page.get_by_role("button", name="PNG")
        labels = [EN["share.download.card"].replace("{number}", str(n)).replace("{count}", str(count))
                  for n in range(1, count + 1)]
        assert [b.inner_text().split("\n")[-1].strip() for b in buttons.all()] == labels
        second = page.get_by_role("button", name=labels[1])
        second.scroll_into_view_if_needed()
        with page.expect_download(timeout=WAIT_MS) as download:
            second.tap()
        saved = Path(download.value.path()).read_bytes()
        assert saved.startswith(b"\x89PNG\r\n\x1a\n")
        assert download.value.suggested_filename.endswith("-02.png")
        from PIL import Image
        import io
        with Image.open(io.BytesIO(saved)) as image:
            assert image.height > image.width   # one 3:4 card, not a sheet of them
