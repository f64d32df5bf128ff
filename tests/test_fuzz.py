"""Hypothesis fuzzing of everything Duet reads from a file someone else wrote (#11).

Each target runs 2,000 generated inputs. The promise under test is the one
DESIGN.md makes for bad input: a clear error of the project's own types
(:class:`journal.errors.DuetError`) or a result, never another exception.
Importers are driven through the real import path (``run_import`` into a
notebook kept for the whole target, so each example costs one import, not
one notebook); front matter and cards through the reader every path uses.
Inputs are kept small so each target takes seconds, not minutes. ``os.fsync``
is skipped inside the targets: durability is tested elsewhere, and 2,000
imports would otherwise wait on the disk thousands of times.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.errors import DuetError

EXAMPLES = 2000
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
pytestmark = pytest.mark.timeout(1200)

# --- building blocks -----------------------------------------------------------------

# Text with what breaks parsers: path pieces, YAML and markdown syntax, CJK, astral characters, controls.
NASTY = ["../", "..", "/", "\\", "/etc/passwd", "C:\\x", "---", "...", ":", "#", "- ", "[", "]", "{", "}", "|", ">",
         "&a", "*a", "!!python/object", "'", '"', "\n", "\r\n", "\t", "\x00", "\x85", "\u2028", "\ufeff", "𠀀", "😀",
         "中文", "2024-02-30", "0000-00-00", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00+05:00", ".inf", "-.nan",
         "1e400", "@tag", "![](x.png)", "![[x.png]]", "dayone-moment://ABC", "null", "~", "true", "yes"]
texts = st.one_of(st.text(max_size=12), st.sampled_from(NASTY),
                  st.lists(st.sampled_from(NASTY), max_size=4).map("".join))
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                    st.floats(allow_nan=True, allow_infinity=True), texts)
keys = st.one_of(st.sampled_from(["a", "id", "name", "entries", "data", "mapping", "0", ""]), texts)
# Small on purpose: generating values is most of each example's cost (profiled), so structures stay shallow.
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                            st.dictionaries(keys, inner, max_size=3)),
                           max_leaves=5)
dates = st.one_of(st.sampled_from(["2024-05-01", "2024-02-30", "2024-13-01", "0000-01-01", "10000-01-01", ""]),
                  st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(str), texts)
times = st.one_of(st.sampled_from(["21:30", "25:61", "9:05", "", "00:00:60"]), texts)


def maybe(key: str, values: st.SearchStrategy) -> st.SearchStrategy:
    """``{key: value}`` or ``{}``: a field that may be missing."""
    return st.one_of(st.just({}), values.map(lambda v: {key: v}))


def record(**fields: st.SearchStrategy) -> st.SearchStrategy:
    """A dict whose keys may each be absent or hold a value of the wrong kind, plus maybe an unknown key."""
    parts = [maybe(k, st.one_of(v, scalars, json_values)) for k, v in fields.items()]
    return st.tuples(*parts, st.dictionaries(keys, scalars, max_size=1)).map(
        lambda ds: {k: v for d in ds for k, v in d.items()})


@contextlib.contextmanager
def fuzz_notebook() -> Iterator[tuple[Any, Path]]:
    """One notebook and a scratch folder for a whole target; fsync skipped (see the module docstring)."""
    from journal.notebook import Notebook

    root = Path(tempfile.mkdtemp(prefix="duet-fuzz-"))
    try:
        with mock.patch("os.fsync"):
            nb = Notebook.open(root / "notebook")
        yield nb, root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def fresh(root: Path, name: str) -> Path:
    """An empty folder under the scratch root for one example's input."""
    folder = root / "input"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder / name


def only_duet_errors(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except DuetError as exc:
        assert exc.message()   # a sentence, in the reader's language
        return None


def write_zip(path: Path, members: list[tuple[str, bytes, tuple[int, ...]]]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data, when in members:
            info = zipfile.ZipInfo(name, date_time=when)   # type: ignore[arg-type]
            zf.writestr(info, data)
    return path


zip_times = st.one_of(st.just((1980, 1, 1, 0, 0, 0)), st.just((1980, 0, 0, 0, 0, 0)),
                      st.tuples(st.integers(1980, 2107), st.integers(0, 12), st.integers(0, 31),
                                st.integers(0, 23), st.integers(0, 59), st.integers(0, 59)))
member_names = st.one_of(st.sampled_from(["", "/", "../evil.md", "/tmp/evil.md", "a\\..\\..\\b.md", "C:/x.md",
                                          "journal/", "journal/2024/05/a.md", "stories/s.md", "companions/c.md",
                                          "settings.yaml", "__MACOSX/x.md", ".duet/index.db", "attachments/p.png"]),
                         texts.map(lambda t: f"journal/{t}.md"))


# --- front matter: entries, stories, companions -------------------------------------------

front_matter_values = st.dictionaries(
    st.one_of(st.sampled_from(["id", "title", "created", "date", "updated", "tags", "mood", "feelings", "starred",
                               "source", "type", "name", "companion", "mode", "summary_upto", "memories",
                               "milestones", "extensions", "character_book", "avatar", "alternate_greetings",
                               "first_mes", "language", "branch_of", "scenario", "moods", "author_note_depth"]),
              texts),
    st.one_of(json_values, dates, st.dates(), st.datetimes()), max_size=6)
raw_front_matter = st.one_of(
    front_matter_values.map(lambda meta: yaml.safe_dump(meta, allow_unicode=True)),
    st.lists(st.tuples(st.sampled_from(["id", "title", "created", "tags", "mood", "feelings", "starred", "source",
                                        "name", "updated"]), texts),
             max_size=6).map(lambda pairs: "".join(f"{k}: {v}\n" for k, v in pairs)),
    texts)


def document(front: str, body: str) -> str:
    return f"---\n{front}\n---\n{body}"


@FUZZ
@given(front=raw_front_matter, body=texts)
def test_fuzz_entry_front_matter(front: str, body: str) -> None:
    """Any front matter either reads as an entry that indexes and writes back, or is one clear BrokenFile."""
    from journal.entries.model import entry_from_document
    from journal.store.documents import parse_document, render_document
    from journal.entries.index import entry_row

    def read() -> None:
        meta, text = parse_document(document(front, body), "journal/x.md")
        entry = entry_from_document(meta, text, Path("journal/x.md"), "journal/x.md", datetime.now().astimezone())
        row = entry_row(entry, "journal/x.md", 0, 0)
        tags = row.pop("tags")   # handed to the index writer as a list (it fills the tags table), not a column
        assert isinstance(tags, list) and all(isinstance(t, str) for t in tags)
        assert all(v is None or isinstance(v, (str, int, float)) for v in row.values())
        render_document(entry.front_matter(), entry.body)

    only_duet_errors(read)


@FUZZ
@given(front=raw_front_matter, body=texts)
def test_fuzz_story_file(front: str, body: str) -> None:
    from journal.stories.fileformat import parse_story

    turn = '<!-- duet:turn {"id": "t1", "role": "user"} -->\n### You\n\n'
    only_duet_errors(parse_story, document("id: s1\n" + front, turn + body), "stories/x.md")
    only_duet_errors(parse_story, document(front, body), "stories/x.md")


@FUZZ
@given(front=raw_front_matter, body=texts)
def test_fuzz_companion_file(front: str, body: str) -> None:
    from journal.companions.files import from_document
    from journal.store.documents import parse_document

    def read() -> None:
        meta, text = parse_document(document(front, body), "companions/x.md")
        from_document(meta, text, Path("companions/x.md"), datetime.now().astimezone())

    only_duet_errors(read)


# --- importers, through run_import --------------------------------------------------------

jrnl_lines = st.lists(st.one_of(
    st.tuples(dates, times, texts).map(lambda p: f"[{p[0]} {p[1]}] {p[2]}"),
    st.tuples(st.integers(1, 9999), st.integers(0, 13), st.integers(0, 32), st.integers(0, 25),
              st.integers(0, 61), st.sampled_from(["", " AM", " PM"]), texts).map(
        lambda p: f"[{p[0]:04d}-{p[1]:02d}-{p[2]:02d} {p[3]:02d}:{p[4]:02d}{p[5]}] {p[6]}"),
    texts), max_size=6)
jrnl_json = st.fixed_dictionaries({"entries": st.lists(record(
    date=dates, time=times, title=texts, body=texts, tags=st.lists(texts, max_size=3), starred=st.booleans()),
    max_size=3)}).map(json.dumps)


@FUZZ
@given(content=st.one_of(jrnl_lines.map("\n".join), jrnl_json, json_values.map(json.dumps)))
def test_fuzz_jrnl_import(content: str) -> None:
    from journal.importers import run_import

    with _shared("jrnl") as (nb, root):
        path = fresh(root, "journal.txt")
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
        only_duet_errors(run_import, nb, "jrnl", path)


photos = st.lists(record(md5=st.one_of(st.sampled_from(["../../evil", "/etc/host", "abc", ""]), texts),
                         type=st.one_of(st.sampled_from(["jpeg", "../x", "/conf", ""]), texts),
                         identifier=st.sampled_from(["ABC", "E334B96B75800C44A03B34E72E5F4282"])), max_size=3)
dayone_entries = st.lists(record(
    uuid=texts, creationDate=dates, modifiedDate=dates, timeZone=st.sampled_from(["Asia/Shanghai", "Nowhere/X", ""]),
    text=st.one_of(texts, st.just("x ![](dayone-moment://E334B96B75800C44A03B34E72E5F4282)")),
    tags=st.lists(texts, max_size=3), starred=st.booleans(), photos=photos, videos=photos,
    location=json_values, weather=json_values), max_size=3)
dayone_journal = st.one_of(st.fixed_dictionaries({"entries": dayone_entries}), json_values)
media_files = st.dictionaries(st.one_of(st.sampled_from(["photos/abc.jpeg", "abc.jpeg", "photos/", "evil.desktop"]),
                                        texts), st.binary(max_size=16), max_size=3)


@FUZZ
@given(journal=dayone_journal, files=media_files)
def test_fuzz_dayone_json_import(journal: Any, files: dict[str, bytes]) -> None:
    from journal.importers import run_import

    with _shared("dayone-json") as (nb, root):
        folder = fresh(root, "export")
        folder.mkdir()
        (folder / "Journal.json").write_text(json.dumps(journal), encoding="utf-8")
        for name, data in files.items():
            with contextlib.suppress(OSError, ValueError):
                target = folder / name
                if target.resolve().is_relative_to(folder.resolve()) and not name.endswith("/"):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
        only_duet_errors(run_import, nb, "dayone", folder)


@FUZZ
@given(journal=dayone_journal, files=media_files, when=zip_times, junk=st.lists(member_names, max_size=2))
def test_fuzz_dayone_zip_import(journal: Any, files: dict[str, bytes], when: tuple[int, ...],
                                junk: list[str]) -> None:
    from journal.importers import run_import

    with _shared("dayone-zip") as (nb, root):
        members = [("Journal.json", json.dumps(journal).encode(), when)]
        members += [(name, data, when) for name, data in files.items()] + [(n, b"x", when) for n in junk]
        path = write_zip(fresh(root, "dayone.zip"), members)
        only_duet_errors(run_import, nb, "dayone", path)


@FUZZ
@given(notes=st.lists(st.tuples(st.one_of(st.sampled_from(["note", "a/b", ".hidden/x", "..x"]), texts),
                                raw_front_matter, texts,
                                st.sampled_from(["", "![](p.png)", "![[p.png]]", "![](../p.png)", "![](/etc/p.png)",
                                                 "![](<a b.png>)", "![[p.png|300]]"])), min_size=1, max_size=3),
       picture=st.binary(max_size=8), as_zip=st.booleans())
def test_fuzz_markdown_import(notes: list[tuple[str, str, str, str]], picture: bytes, as_zip: bool) -> None:
    from journal.importers import run_import

    with _shared("markdown") as (nb, root):
        files = {f"{name}.md": document(front, body + "\n" + link).encode("utf-8", "surrogatepass")
                 for name, front, body, link in notes}
        files["p.png"] = picture
        if as_zip:
            path = write_zip(fresh(root, "vault.zip"), [(n, d, (1980, 1, 1, 0, 0, 0)) for n, d in files.items()])
        else:
            path = fresh(root, "vault")
            path.mkdir()
            for name, data in files.items():
                with contextlib.suppress(OSError, ValueError):
                    target = path / name
                    if target.resolve().is_relative_to(path.resolve()):
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(data)
        only_duet_errors(run_import, nb, "markdown", path)


node_ids = st.sampled_from(["root", "a", "b", "c", "d"])
chatgpt_nodes = st.dictionaries(node_ids, record(
    id=node_ids, parent=st.one_of(st.none(), node_ids), children=st.lists(node_ids, max_size=3),
    message=st.one_of(st.none(), record(
        id=node_ids, author=record(role=st.sampled_from(["user", "assistant", "system", "tool", "x"])),
        create_time=st.one_of(st.floats(), st.integers(), texts),
        content=record(content_type=st.sampled_from(["text", "code", "image_asset_pointer", "x"]),
                       parts=st.lists(st.one_of(texts, json_values), max_size=3)),
        recipient=st.sampled_from(["all", "browser"]), metadata=json_values))), max_size=5)
conversations = st.one_of(st.lists(record(id=texts, conversation_id=texts, title=texts, mapping=chatgpt_nodes,
                                          current_node=node_ids, create_time=st.floats(), update_time=texts),
                                   max_size=3),
                          json_values)


@FUZZ
@given(data=conversations, as_zip=st.booleans())
def test_fuzz_chatgpt_import(data: Any, as_zip: bool) -> None:
    from journal.importers import run_import

    with _shared("chatgpt") as (nb, root):
        raw = json.dumps(data).encode()
        if as_zip:
            path = write_zip(fresh(root, "chatgpt.zip"), [("conversations.json", raw, (1980, 1, 1, 0, 0, 0))])
        else:
            path = fresh(root, "conversations.json")
            path.write_bytes(raw)
        only_duet_errors(run_import, nb, "chatgpt", path)


@FUZZ
@given(members=st.lists(st.tuples(member_names, st.one_of(
    st.tuples(raw_front_matter, texts).map(lambda p: document(*p).encode("utf-8", "surrogatepass")),
    st.binary(max_size=16)), zip_times), max_size=4), manifest=st.booleans())
def test_fuzz_backup_zip_import(members: list[tuple[str, bytes, tuple[int, ...]]], manifest: bool) -> None:
    from journal.importers import run_import

    with _shared("zip") as (nb, root):
        path = fresh(root, "backup.zip")
        with zipfile.ZipFile(path, "w") as zf:
            for name, data, when in members:
                zf.writestr(zipfile.ZipInfo(name, date_time=when), data)   # type: ignore[arg-type]
            if manifest:
                zf.comment = json.dumps({"format": "duet-notebook", "version": 1}).encode()
        only_duet_errors(run_import, nb, "zip", path)


# --- character cards -----------------------------------------------------------------------

card_fields = record(name=texts, description=texts, personality=texts, scenario=texts, first_mes=texts,
                     mes_example=texts, tags=st.lists(texts, max_size=3),
                     alternate_greetings=st.lists(texts, max_size=3), extensions=json_values,
                     character_book=json_values, creator_notes=texts)
cards = st.one_of(
    st.tuples(st.sampled_from(["chara_card_v2", "chara_card_v3", None, "x"]), card_fields).map(
        lambda p: {"spec": p[0], "spec_version": "2.0", "data": p[1]} if p[0] else p[1]),
    json_values)


@FUZZ
@given(card=cards, raw=st.booleans(), junk=st.binary(max_size=8))
def test_fuzz_card_json(card: Any, raw: bool, junk: bytes) -> None:
    from journal.companions.cards import read_card

    data = junk if raw and junk else json.dumps(card).encode()
    only_duet_errors(read_card, data, "card.json")


def _png(chunks: dict[str, str]) -> bytes:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    for key, value in chunks.items():
        info.add_text(key, value)
    out = io.BytesIO()
    Image.new("RGB", (2, 2)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


@FUZZ
@given(card=cards, chunk=st.sampled_from(["chara", "ccv3", "other"]),
       encoding=st.sampled_from(["base64", "plain", "junk"]), cut=st.integers(0, 200))
def test_fuzz_card_png(card: Any, chunk: str, encoding: str, cut: int) -> None:
    from journal.companions.cards import read_card

    text = json.dumps(card)
    value = {"base64": base64.b64encode(text.encode()).decode(), "plain": text, "junk": text[::-1]}[encoding]
    data = _png({chunk: value})
    if cut:
        data = data[:-cut]   # a cut-off file
    only_duet_errors(read_card, data, "card.png")


# --- one notebook per target ----------------------------------------------------------------

_NOTEBOOKS: dict[str, tuple[Any, Path, contextlib.ExitStack]] = {}
_USES: dict[str, int] = {}
FRESH_NOTEBOOK_EVERY = 250


@contextlib.contextmanager
def _shared(target: str) -> Iterator[tuple[Any, Path]]:
    """The target's notebook, opened at its first example and closed by :func:`_close_notebooks`."""
    uses = _USES[target] = _USES.get(target, 0) + 1
    if target in _NOTEBOOKS and uses % FRESH_NOTEBOOK_EVERY == 0:   # a growing notebook makes each sync slower
        _NOTEBOOKS.pop(target)[2].close()
    if target not in _NOTEBOOKS:
        stack = contextlib.ExitStack()
        nb, root = stack.enter_context(fuzz_notebook())
        _NOTEBOOKS[target] = (nb, root, stack)
    nb, root, _ = _NOTEBOOKS[target]
    with mock.patch("os.fsync"):
        yield nb, root


@pytest.fixture(autouse=True)
def _close_notebooks() -> Iterator[None]:
    yield
    for _nb, _root, stack in _NOTEBOOKS.values():
        stack.close()
    _NOTEBOOKS.clear()
    _USES.clear()


def test_fuzz_targets_run_the_promised_number_of_examples() -> None:
    """The issue asks for at least 2,000 examples per target, without a deadline that would skip slow ones."""
    targets = {k: v for k, v in globals().items() if k.startswith("test_fuzz_") and hasattr(v, "hypothesis")}
    assert len(targets) == 11, sorted(targets)
    for name, target in targets.items():
        used = target._hypothesis_internal_use_settings
        assert used.max_examples >= 2000 and used.deadline is None, name
