"""Markdown folder import keeps a vault's pictures (copied in, links rewritten) and never drops a front matter value."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from PIL import Image

from journal.importers import run_import
from journal.notebook import Notebook
from journal.rendering import markdown_to_html, notebook_images
from journal.store.documents import read_document

NOTE = """---
created: 2024-05-01T21:30:00+08:00
---
# 五一

With C. ![[pic one.png]] and ![[pic one.png|300]] and ![the sea](sea.png) and ![](<sub dir/天空.png>)

![[Other note]] is a transclusion; ![[gone.png]] is missing; ![web](https://example.org/x.png) stays.

```
![[pic one.png]] inside code stays
```
"""


def png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, "PNG")
    return out.getvalue()


def vault(root: Path) -> Path:
    (root / "Daily" / "2024" / "sub dir").mkdir(parents=True)
    (root / "attachments").mkdir()
    (root / "attachments" / "pic one.png").write_bytes(png((200, 0, 0)))
    (root / "Daily" / "2024" / "sea.png").write_bytes(png((0, 0, 200)))
    (root / "Daily" / "2024" / "sub dir" / "天空.png").write_bytes(png((0, 200, 0)))
    (root / "Daily" / "2024" / "2024-05-01.md").write_text(NOTE, encoding="utf-8")
    return root


def check_pictures(nb: Notebook, report) -> None:
    assert report.added == 1 and not report.broken
    [summary] = nb.list_entries()
    entry = nb.get_entry(summary.id)
    links = re.findall(r"!\[([^\]]*)\]\((\.\./[^)]+)\)", entry.body)
    assert [alt for alt, _ in links] == ["pic one", "pic one", "the sea", ""]
    for _alt, link in links:                       # every link leads to a real picture inside the notebook
        target = (entry.path.parent / link).resolve()
        assert target.is_relative_to(nb.home.resolve()) and target.stat().st_size > 0
    assert len({link for _, link in links}) == 3   # the same picture is stored once
    assert "![[Other note]]" in entry.body and "![[gone.png]]" in entry.body
    assert "![web](https://example.org/x.png)" in entry.body
    assert "![[pic one.png]] inside code stays" in entry.body
    assert [i.message for i in report.warnings] == [
        "the picture gone.png is not in the vault, so its link was left as written."]
    html = markdown_to_html(entry.body, notebook_images(nb.home, entry.path.parent))
    assert html.count('src="data:image/png;base64,') == 4   # the reader shows every copied picture


def test_vault_pictures_are_copied_and_linked(notebook: Notebook, tmp_path: Path) -> None:
    check_pictures(notebook, run_import(notebook, "markdown", vault(tmp_path / "vault")))


def test_pictures_in_a_zipped_vault(notebook: Notebook, tmp_path: Path) -> None:
    root = vault(tmp_path / "vault")
    path = tmp_path / "vault.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for file in root.rglob("*"):
            if file.is_file():
                zf.write(file, file.relative_to(tmp_path).as_posix())
    check_pictures(notebook, run_import(notebook, "markdown", path))


def test_odd_front_matter_values_are_kept(notebook: Notebook, tmp_path: Path) -> None:
    note = tmp_path / "weird.md"
    note.write_text("---\ntitle: 1984\ncreated: not a date\nupdated: [1, 2]\n---\nBody.\n", encoding="utf-8")
    report = run_import(notebook, "markdown", note)
    assert report.added == 1
    [summary] = notebook.list_entries()
    entry = notebook.get_entry(summary.id)
    assert entry.title == "1984"
    meta, _ = read_document(entry.path)
    assert meta["original_created"] == "not a date" and meta["original_updated"] == "[1, 2]"
