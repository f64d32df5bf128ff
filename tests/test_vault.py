"""The vault (#12): with it on, no plaintext of anything written reaches the notebook folder or the temp folder.

Distinctive English and Chinese phrases are written through the CLI (real
processes, the passphrase in ``DUET_PASSPHRASE``) and through the Notebook
(stories, companions, drafts, history, pictures), then every byte and every
file name under the notebook and under ``TMPDIR`` is scanned for them.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from journal import vault
from journal.errors import BrokenFile
from journal.notebook import Notebook
from journal.store.sealed import MAGIC, VaultLocked, drop_key

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "tangerine-ferry-42"
# Each phrase appears nowhere in the code or the catalogues, so a hit can only be the session's own text.
PHRASES = ["Quokka lanterns whisper at Thistlewick", "琥珀色的鲸鱼在午夜唱歌", "Marzipan Obelisk", "青瓷灯塔",
           "Velvet zeppelin of Orrinmoor", "石榴色的秘密暗号", "Wrenfeather", "萤火虫邮局", "Cobalt Pemberly"]


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A TMPDIR of the test's own, for this process and the CLI processes it starts."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return folder


@pytest.fixture(autouse=True)
def _forget_keys(duet_home: Path):
    yield
    drop_key(duet_home)


def cli(home: Path, *args: str, stdin: str | None = None, passphrase: str | None = PASSPHRASE,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, **(env or {})}
    environment.pop("DUET_PASSPHRASE", None)
    if passphrase is not None:
        environment["DUET_PASSPHRASE"] = passphrase
    return subprocess.run([sys.executable, "-m", "journal", "--home", str(home), *args], cwd=ROOT, env=environment,
                          input=stdin, capture_output=True, text=True, timeout=120)


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stderr
    return result


def leaks(*folders: Path) -> list[str]:
    """Every (file, phrase) where a phrase is in a file's bytes (UTF-8 or JSON-escaped) or in its name."""
    found = []
    needles = []
    for phrase in PHRASES:
        needles.append((phrase, phrase.encode("utf-8")))
        escaped = json.dumps(phrase).strip('"').encode("ascii")
        if escaped != phrase.encode("utf-8"):
            needles.append((phrase, escaped))
    for folder in folders:
        for path in [folder, *folder.rglob("*")]:
            for phrase, _ in needles:
                if phrase.lower() in str(path.relative_to(folder)).lower():
                    found.append(f"name {path}: {phrase}")
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                found += [f"{path}: {phrase}" for phrase, needle in needles if needle in data]
    return found


def turn_on(home: Path, through_cli: bool = False) -> str:
    """Turn the vault on (through the CLI, or here with a cheaper key derivation); the recovery key it showed.

    The argon2id cost is recorded in each vault's key file, so a vault made here
    opens faster in every CLI process of the test; the CLI's own ``vault on``
    (the first test) uses the real cost.
    """
    if through_cli:
        out = ok(cli(home, "vault", "on")).stdout
        return next(line.strip() for line in out.splitlines() if line.strip().count("-") >= 10)
    shown: list[str] = []
    cheap = {**vault.KDF, "time_cost": 1, "memory_cost": 8192, "parallelism": 1}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vault, "KDF", cheap)
        vault.turn_on(home, PASSPHRASE, shown.append)
    Notebook.open(home).index.save_snapshot()
    drop_key(home)
    return shown[0]


def test_a_session_with_the_vault_on_leaves_no_plaintext_on_disk(duet_home: Path, temp_dir: Path,
                                                                  tmp_path: Path) -> None:
    ok(cli(duet_home, "new", "--title", "before the vault", stdin="written before, sealed later"))
    turn_on(duet_home, through_cli=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    # --- the CLI commands that write ---
    first = json.loads(ok(cli(duet_home, "--json", "new", "--title", PHRASES[2], "--tag", PHRASES[6],
                              stdin=PHRASES[0])).stdout)["id"]
    ok(cli(duet_home, "new", "--title", PHRASES[3], "--body", f"{PHRASES[1]} 和 {PHRASES[5]}"))
    note = outside / "imported.md"
    note.write_text(f"---\ntitle: {PHRASES[4]}\n---\n{PHRASES[7]}\n", encoding="utf-8")
    ok(cli(duet_home, "import", "markdown", str(note)))
    journal_txt = outside / "journal.txt"
    journal_txt.write_text(f"[2024-03-01 21:30] {PHRASES[2]} from jrnl\n{PHRASES[7]}, once in jrnl\n\n", encoding="utf-8")
    assert "Added 1" in ok(cli(duet_home, "import", "jrnl", str(journal_txt))).stdout
    from tests.test_import_chatgpt import conversation

    chat = conversation("vault-1", title=PHRASES[3])
    chat["mapping"]["a3"]["message"]["content"]["parts"] = [PHRASES[1]]
    (outside / "conversations.json").write_text(json.dumps([chat], ensure_ascii=False), encoding="utf-8")
    assert "Added 1" in ok(cli(duet_home, "import", "chatgpt", str(outside / "conversations.json"))).stdout
    assert PHRASES[0] in ok(cli(duet_home, "show", first)).stdout
    ok(cli(duet_home, "delete", first))
    trash = json.loads(ok(cli(duet_home, "--json", "trash")).stdout)
    ok(cli(duet_home, "trash", "restore", trash[0]["id"]))
    ok(cli(duet_home, "reindex"))
    assert "lanterns whisper at Thistlewick" in ok(cli(duet_home, "search", "Quokka")).stdout   # the sealed index
    assert "的鲸鱼在午夜唱歌" in ok(cli(duet_home, "search", "琥珀色")).stdout
    # --- what the CLI has no command for yet: through the Notebook, in this process ---
    nb = Notebook.open(duet_home, passphrase=PASSPHRASE)
    [entry] = [e for e in nb.list_entries(limit=50) if e.title == PHRASES[2]]
    nb.update_entry(entry.id, body=f"{PHRASES[0]} — edited, {PHRASES[8]}")      # the old text goes to history
    ok(cli(duet_home, "history", entry.id))
    version = json.loads(ok(cli(duet_home, "--json", "history", entry.id)).stdout)[0]["version"]
    ok(cli(duet_home, "restore", entry.id, version))
    companion = nb.companions.create(PHRASES[6], description=PHRASES[5])
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(picture, format="PNG")
    nb.companions.save(nb.companions.get(companion.slug), avatar_bytes=picture.getvalue())
    story = nb.stories.create(title=PHRASES[3], companion=companion.slug)
    from journal.stories import ops

    ops.add_user_turn(nb, story.id, PHRASES[1])
    ops.add_user_turn(nb, story.id, PHRASES[4])
    # the story commands write too (the person's turn only: no model here)
    told = json.loads(ok(cli(duet_home, "--json", "story", "new", companion.slug, "--title", PHRASES[8])).stdout)
    ok(cli(duet_home, "story", "say", told["id"], PHRASES[0], "--no-reply"))
    assert PHRASES[0] in ok(cli(duet_home, "story", "show", told["id"])).stdout
    ok(cli(duet_home, "new", "--template", "gratitude", "--body", PHRASES[5]))
    nb.save_draft("new", title=PHRASES[8], body=PHRASES[7])
    from journal.share.settings import save_names, saved_names

    save_names(duet_home, {PHRASES[6]: "W."})               # a real name to hide when sharing: in settings.yaml
    assert saved_names(duet_home) == {PHRASES[6]: "W."}
    nb.index.save_snapshot()
    assert nb.load_draft("new")["body"] == PHRASES[7]
    assert nb.stories.get(story.id).turns[-1].text == PHRASES[4]
    avatar = Image.open(io.BytesIO(nb.companions.avatar_bytes(nb.companions.get(companion.slug))))
    assert avatar.convert("RGB").getpixel((0, 0)) == (200, 10, 10)
    # a post made from a sealed entry: its cards go to --out, nothing plain is left in the notebook or TMPDIR
    [restored] = [e for e in nb.list_entries(limit=50) if e.title == PHRASES[2]]
    ok(cli(duet_home, "share", restored.id, "--out", str(outside / "post"), "--no-redact"))
    assert list((outside / "post").glob("*.png"))
    ok(cli(duet_home, "lock", "set"))
    # --- the deliberate plain export still works, outside the notebook ---
    ok(cli(duet_home, "export", "markdown", str(outside / "plain")))
    exported = b"".join(p.read_bytes() for p in (outside / "plain").rglob("*.md"))
    assert PHRASES[0].encode() in exported and PHRASES[1].encode() in exported

    assert leaks(duet_home, temp_dir) == []
    sealed = [p for p in duet_home.rglob("*") if p.is_file() and p.read_bytes().startswith(MAGIC)]
    assert len(sealed) >= 8       # entries, the trash's and history's copies, story, companion, avatar, draft, index


def test_the_scan_finds_a_phrase_left_in_the_clear(duet_home: Path, temp_dir: Path) -> None:
    """The scanner itself: without the vault the same writes are found (so an empty scan above means something)."""
    ok(cli(duet_home, "new", "--title", PHRASES[3], stdin=PHRASES[0], passphrase=None))
    found = leaks(duet_home, temp_dir)
    assert any(PHRASES[0] in f for f in found) and any(f.startswith("name") and PHRASES[3] in f for f in found)


def test_without_the_passphrase_every_command_says_so(duet_home: Path) -> None:
    write_plain(duet_home, "a note", "a note")
    turn_on(duet_home)
    for args in (["list"], ["new", "--body", "more"], ["reindex"]):
        result = cli(duet_home, *args, passphrase=None)
        assert result.returncode == 1 and "DUET_PASSPHRASE" in result.stderr, args
    chinese = cli(duet_home, "--lang", "zh", "list", passphrase=None)
    assert chinese.returncode == 1 and "口令" in chinese.stderr
    with pytest.raises(VaultLocked):
        Notebook.open(duet_home)


def write_plain(home: Path, title: str, body: str) -> None:
    """An entry written before the vault exists (in this process: cheaper than a CLI call)."""
    Notebook.open(home).create_entry(body, title=title)


def _disk(home: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(home)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(home.rglob("*")) if p.is_file()}


def test_a_wrong_passphrase_changes_nothing_and_says_so(duet_home: Path) -> None:
    write_plain(duet_home, "kept", PHRASES[0])
    turn_on(duet_home)
    before = _disk(duet_home)
    for args in (["list"], ["new", "--body", "never written"], ["vault", "off"], ["vault", "passphrase"],
                 ["reindex"]):
        result = cli(duet_home, *args, passphrase="not-the-passphrase", env={"DUET_NEW_PASSPHRASE": "another-one-9"})
        assert result.returncode == 1 and "does not open this vault" in result.stderr, (args, result.stderr)
        assert _disk(duet_home) == before, args
    with pytest.raises(vault.WrongPassphrase):
        Notebook.open(duet_home, passphrase="not-the-passphrase")
    assert _disk(duet_home) == before
    assert "lanterns whisper" in ok(cli(duet_home, "search", "Quokka")).stdout


def test_the_recovery_key_opens_the_vault_and_sets_a_new_passphrase(duet_home: Path) -> None:
    write_plain(duet_home, "kept", PHRASES[1])
    recovery = turn_on(duet_home)
    assert "的鲸鱼在午夜唱歌" in ok(cli(duet_home, "search", "琥珀色", passphrase=recovery)).stdout
    assert "的鲸鱼在午夜唱歌" in ok(cli(duet_home, "search", "琥珀色", passphrase=recovery.lower().replace("-", " "))).stdout
    ok(cli(duet_home, "vault", "passphrase", passphrase=recovery, env={"DUET_NEW_PASSPHRASE": "a-brand-new-one"}))
    assert "的鲸鱼在午夜唱歌" in ok(cli(duet_home, "search", "琥珀色", passphrase="a-brand-new-one")).stdout
    assert cli(duet_home, "list", passphrase=PASSPHRASE).returncode == 1     # the old passphrase no longer opens it
    assert "的鲸鱼在午夜唱歌" in ok(cli(duet_home, "search", "琥珀色", passphrase=recovery)).stdout


def test_changing_the_passphrase_rewrites_only_the_key_file(duet_home: Path) -> None:
    for number in range(5):
        write_plain(duet_home, f"note {number}", f"{PHRASES[0]} {number}")
    turn_on(duet_home)
    files = {p: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in duet_home.rglob("*")
             if p.is_file() and p.name != vault.KEY_FILE}
    key_before = (duet_home / vault.KEY_FILE).read_bytes()
    vault.change_passphrase(duet_home, PASSPHRASE, "second-passphrase")
    assert (duet_home / vault.KEY_FILE).read_bytes() != key_before
    assert {p: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in files} == files
    drop_key(duet_home)
    nb = Notebook.open(duet_home, passphrase="second-passphrase")
    assert nb.count_entries() == 5


def test_vault_files_are_private_and_tampering_is_caught(duet_home: Path) -> None:
    write_plain(duet_home, "one", PHRASES[0])
    turn_on(duet_home)
    ok(cli(duet_home, "new", "--title", "two", stdin=PHRASES[1]))
    assert stat.S_IMODE(duet_home.stat().st_mode) == 0o700
    assert stat.S_IMODE((duet_home / ".duet").stat().st_mode) == 0o700
    for path in duet_home.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert not (duet_home / ".duet" / "index.db").exists()          # the index is never SQLite on disk
    nb = Notebook.open(duet_home, passphrase=PASSPHRASE)
    [two] = [e for e in nb.list_entries() if e.title == "two"]
    path = Path(two.path)
    data = bytearray(path.read_bytes())
    data[-5] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(BrokenFile):
        nb.get_entry(two.id)


def test_vault_off_gives_back_plain_markdown(duet_home: Path) -> None:
    write_plain(duet_home, "round trip", PHRASES[1])
    turn_on(duet_home)
    ok(cli(duet_home, "new", "--title", "written inside", stdin=PHRASES[0]))
    ok(cli(duet_home, "vault", "off"))
    assert not (duet_home / vault.KEY_FILE).exists()
    texts = b"".join(p.read_bytes() for p in (duet_home / "journal").rglob("*.md"))
    assert PHRASES[0].encode() in texts and PHRASES[1].encode() in texts
    assert "off" in ok(cli(duet_home, "vault", "status", passphrase=None)).stdout
    assert "lanterns whisper" in ok(cli(duet_home, "search", "Quokka", passphrase=None)).stdout


def test_an_older_index_snapshot_is_brought_up_to_date_from_the_files(duet_home: Path) -> None:
    """A process killed before saving the sealed index leaves an older snapshot: the next open must see every note."""
    write_plain(duet_home, "first", "first note")
    turn_on(duet_home)
    snapshot = duet_home / ".duet" / "index.sealed"
    older = snapshot.read_bytes()
    ok(cli(duet_home, "new", "--title", "second", stdin="the second note"))
    ok(cli(duet_home, "list"))                          # a later process: its sync sees the folder as it is now
    assert snapshot.read_bytes() != older               # the CLI saved its index when it ended
    snapshot.write_bytes(older)                         # as if both had been killed before saving it
    titles = [row["title"] for row in json.loads(ok(cli(duet_home, "--json", "list")).stdout)]
    assert sorted(titles) == ["first", "second"]


def test_a_vault_turned_off_by_another_process_is_not_sealed_again_by_this_one(duet_home: Path) -> None:
    write_plain(duet_home, "first", "first note")
    turn_on(duet_home)
    nb = Notebook.open(duet_home, passphrase=PASSPHRASE)        # this process holds the key, like a running app
    ok(cli(duet_home, "vault", "off"))                           # another process turns the vault off
    nb.create_entry("written after the vault went off", title="after")
    nb.index.save_snapshot()
    for path in duet_home.rglob("*"):
        assert not (path.is_file() and path.read_bytes().startswith(MAGIC)), path
    assert not (duet_home / ".duet" / "index.sealed").exists()


def test_an_upload_imported_into_a_vault_is_kept_in_memory_not_on_disk(duet_home: Path, temp_dir: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The Settings page hands the core an upload's bytes; for a vault the importer's copy lives in /dev/shm."""
    from journal.importers import markdown_folder

    seen: list[Path] = []
    real = markdown_folder.import_path

    def spy(nb, path, progress=None):
        seen.append(Path(path))
        assert Path(path).read_bytes().startswith(b"---")
        return real(nb, path, progress)

    monkeypatch.setattr(markdown_folder, "import_path", spy)
    note = f"---\ntitle: {PHRASES[2]}\n---\n{PHRASES[0]}\n".encode()
    Notebook.open(duet_home).import_file("markdown", ("note.md", note))
    assert seen[-1].is_relative_to(temp_dir)                # a plain notebook: the usual temp folder
    turn_on(duet_home)
    nb = Notebook.open(duet_home, passphrase=PASSPHRASE)
    nb.import_file("markdown", ("note2.md", note.replace(b"Marzipan", b"Candied")))
    assert seen[-1].is_relative_to(vault.MEMORY_FOLDER) and not seen[-1].exists()
    assert {e.title for e in nb.list_entries()} == {PHRASES[2], PHRASES[2].replace("Marzipan", "Candied")}
    assert leaks(duet_home) == []
