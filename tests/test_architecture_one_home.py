"""One concept, one home (#21): the helpers that were written out three or four times stay written once, every
kind's front matter goes through the one builder, and the model's test double lives in tests/, not the product."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = [*(ROOT / "journal").rglob("*.py"), *(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").glob("*.py"),
           ROOT / "app.py"]
# name -> the one module that may define it
ONE_HOME = {"slugify": "journal/names.py", "free_path": "journal/names.py", "new_id": "journal/ids.py",
            "claim_id": "journal/ids.py", "build_front_matter": "journal/store/documents.py",
            "markdown_to_plain": "journal/share/plain.py", "atomic_write_many": "journal/store/atomic.py"}
# Each kind's front matter is built by the one builder (known keys, then the hand-added ones kept as they were).
FRONT_MATTER_BUILDERS = {"journal/entries/model.py", "journal/stories/fileformat.py", "journal/companions/files.py"}


def _trees() -> dict[str, ast.Module]:
    return {p.relative_to(ROOT).as_posix(): ast.parse(p.read_text(encoding="utf-8")) for p in PRODUCT}


def test_each_helper_is_defined_in_exactly_one_module() -> None:
    homes: dict[str, set[str]] = defaultdict(set)
    for module, tree in _trees().items():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in ONE_HOME:
                homes[node.name].add(module)
    assert {name: sorted(found) for name, found in homes.items()} == {name: [home] for name, home in ONE_HOME.items()}


def test_every_kind_builds_its_front_matter_with_the_one_builder() -> None:
    trees = _trees()
    for module in FRONT_MATTER_BUILDERS:
        calls = {node.func.id for node in ast.walk(trees[module])
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        assert "build_front_matter" in calls, module


def test_the_product_ships_no_fake_model_and_no_test_only_chat_wrapper() -> None:
    """The scripted model is tests/fake_chat.py, registered through journal.ai.chat.override_chat from conftest.py."""
    found = [f"{module}: {node.name}" for module, tree in _trees().items() for node in ast.walk(tree)
             if (isinstance(node, ast.ClassDef) and node.name.startswith(("Fake", "Mock")))
             or (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "chat_backend")]
    assert found == []
    assert (ROOT / "tests" / "fake_chat.py").is_file()
