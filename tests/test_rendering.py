"""Rendering entries: hostile HTML removed, notebook pictures shown, nothing outside the notebook read."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.i18n import set_language
from journal.rendering import markdown_to_html, notebook_images, render

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001"
                    "0d0a2db40000000049454e44ae426082")


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<iframe src=https://evil.example></iframe>",
    "<svg onload=alert(1)>", "<style>body{display:none}</style>", "<div style=\"background:url(x)\">x</div>",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
])
def test_hostile_html_is_removed(payload: str) -> None:
    html = markdown_to_html(f"before {payload} after")
    for bad in ("<script", "onerror", "onload", "javascript:", "<iframe", "<style", "style=", "data:text"):
        assert bad not in html.lower()
    assert "before" in html and "after" in html


def test_markdown_is_rendered() -> None:
    html = markdown_to_html("# Title\n\n**bold** and *soft*\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    for tag in ("<h1>", "<strong>bold</strong>", "<em>soft</em>", "<li>one</li>", "<table>"):
        assert tag in html


def test_pictures_in_the_notebook_are_inlined(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    (home / "attachments").mkdir(parents=True)
    (home / "attachments" / "rain photo.png").write_bytes(PNG)
    folder = home / "journal/2026/04"
    folder.mkdir(parents=True)
    html = markdown_to_html("![rain](../../../attachments/rain%20photo.png)", notebook_images(home, folder))
    assert 'src="data:image/png;base64,' in html


def test_files_outside_the_notebook_and_non_images_are_not_read(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    folder = home / "journal/2026/04"
    folder.mkdir(parents=True)
    (tmp_path / "secret.png").write_bytes(PNG)
    (home / "notes.md").write_text("private", encoding="utf-8")
    html = markdown_to_html("![a](../../../../secret.png) ![b](../../../notes.md) ![c](missing.png) [d](other.md)",
                            notebook_images(home, folder))
    assert "data:" not in html and "secret" not in html and "notes.md" not in html and "other.md" not in html


@pytest.mark.parametrize("source,host", [
    ("![pixel](https://track.example/p.gif)", "track.example"),
    ("<img src=http://track.example/p.gif>", "track.example"),
    ("<IMG SRC='HTTPS://TRACK.example/p.gif'>", "track.example"),
    ("![](//cdn.example/p.gif)", "cdn.example"),
    ("<p><img src=\" https://track.example/p.gif\"></p>", "track.example"),
])
def test_outside_pictures_are_placeholders_naming_their_host(source: str, host: str) -> None:
    rendered = render(f"before {source} after")
    assert "<img" not in rendered.html.lower() and "example/p.gif" not in rendered.html.lower()
    assert rendered.blocked_hosts == (host,)
    assert f"from {host} not loaded" in rendered.html and "before" in rendered.html and "after" in rendered.html
    assert "example/p.gif" in render(source, remote_images=True).html.lower()


def test_a_placeholder_speaks_the_language_and_escapes_the_alt_text() -> None:
    set_language("zh")
    try:
        html = render('![<b>"日落"</b>](https://a.example/x.png)').html
    finally:
        set_language(None)
    assert "来自 a.example 的图片" in html and "<b>" not in html


def test_pictures_inside_the_note_still_show(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    (home / "attachments").mkdir(parents=True)
    (home / "attachments" / "rain.png").write_bytes(PNG)
    rendered = render("![rain](attachments/rain.png) ![x](https://a.example/x.png) ![y](https://a.example/y.png)",
                      notebook_images(home, home))
    assert rendered.html.count('src="data:image/png;base64,') == 1
    assert rendered.blocked_hosts == ("a.example",)   # named once


@pytest.mark.parametrize("chunks", [
    ["Look ![pixel](https://track.example/p.gif?q=our+secret) there"],
    ["Look !", "[pixel](https://track.example/p.gif)"],
    ["!", "!", "[a](https://t.example/a.png)", "!"],
    ["![", "b](https://t.example/b.png) and ![c", "](https://t.example/c.png)"],
])
def test_a_streaming_reply_draws_no_picture_and_keeps_every_character(chunks: list[str]) -> None:
    from ui.streaming import without_pictures

    shown = "".join(without_pictures(iter(chunks)))
    assert "![" not in shown
    assert shown.replace("!\\[", "![") == "".join(chunks)
