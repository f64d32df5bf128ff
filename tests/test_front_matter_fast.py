"""The fast front matter reader (journal/store/documents.py) gives exactly what PyYAML gives, or steps aside.

A reindex reads every file's front matter; most of it is the plain YAML Duet
writes itself, which a few regexes read several times faster than libyaml's
event stream. These tests hold the fast path to PyYAML's answer on generated
documents: Duet's own output, and arbitrary lines built from YAML's tricky
characters (where it must either agree or hand over).
"""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.store import documents
from journal.store.documents import _LOADER, _fast_front_matter, dump_front_matter, parse_document

SCALARS = st.one_of(
    st.text(max_size=30), st.integers(min_value=-10**20, max_value=10**20), st.booleans(), st.none(),
    st.sampled_from(["yes", "No", "on", "null", "~", "0123", "1_000", "0x1f", "1.5", ".inf", "2016-01-01",
                     "2016-01-01T07:00:00+08:00", "a: b", "# c", "- x", "[a]", "'q'", "it's", "旅行", "C", "=", "<<"]),
)
KEYS = st.one_of(st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True),
                 st.sampled_from(["on", "true", "null", "id", "tags", "title", "2x", "a b"]))
METADATA = st.dictionaries(KEYS, st.one_of(SCALARS, st.lists(SCALARS, max_size=4)), max_size=8)


def _pyyaml(raw: str):
    return yaml.load(raw, Loader=_LOADER) if raw.strip() else {}


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(METADATA)
def test_fast_path_reads_what_duet_writes_as_pyyaml_does(meta):
    raw = dump_front_matter(meta)
    fast = _fast_front_matter(raw)
    if fast is not None:
        assert fast == _pyyaml(raw) == meta


LINE_PIECES = st.sampled_from([
    "id", "title", "tags", "on", "null", ":", ": ", " ", "  ", "- ", "  - ", "[", "]", ", ", ",", "'", "''", '"',
    "#", " #", "&a", "*a", "!!str", "|", ">", "~", "-", "?", "%", "@", "`", "1", "0", "012", "1.5", "true", "No",
    "2016-01-01", "雨", "a", "b", "\t", "\r", "\x85", "\u2028", "\ufeff", "\x1c", "\u3000", "=", "<<", "{", "}",
])


@settings(max_examples=700, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(LINE_PIECES, max_size=8).map("".join), max_size=6).map("\n".join))
def test_fast_path_agrees_with_pyyaml_or_steps_aside(raw):
    fast = _fast_front_matter(raw)
    if fast is None:
        return
    try:
        expected = _pyyaml(raw)
    except yaml.YAMLError:
        raise AssertionError(f"fast path read {fast!r} where PyYAML refuses {raw!r}") from None
    assert fast == expected, raw


def test_duet_entry_front_matter_takes_the_fast_path(monkeypatch):
    """The point of it: a file as Duet (or the benchmark) writes it never reaches PyYAML's loader."""
    text = ("---\nid: 01jd0000000000000000000000\ntitle: Rain on the window\ncreated: '2016-01-01T07:00:00+08:00'\n"
            "updated: '2016-01-02T07:00:00+08:00'\ntags:\n- C\n- 旅行\nmood: 4\nstarred: true\n---\n\nbody\n")

    def refuse(*args, **kwargs):
        raise AssertionError("PyYAML was asked")

    monkeypatch.setattr(documents.yaml, "load", refuse)
    meta, body = parse_document(text)
    assert meta == {"id": "01jd0000000000000000000000", "title": "Rain on the window",
                    "created": "2016-01-01T07:00:00+08:00", "updated": "2016-01-02T07:00:00+08:00",
                    "tags": ["C", "旅行"], "mood": 4, "starred": True}
    assert body == "body\n"
