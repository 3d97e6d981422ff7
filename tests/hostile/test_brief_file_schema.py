"""Hostile `.brief` files (issue 7, items 9 and 12): one clear error naming the file and the field.

Every input is generated here; nothing large is kept in git.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sample_brief import make_sample_brief

from briefer.brief import load_brief, save_brief
from briefer.brief_schema import MAX_BRIEF_BYTES
from briefer.errors import BrieferError


def _write(tmp_path: Path, doc, name: str = "x.brief") -> Path:
    p = tmp_path / name
    p.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return p


def _doc() -> dict:
    return make_sample_brief().to_dict()


def _one_error(path: Path) -> str:
    with pytest.raises(BrieferError) as info:
        load_brief(path)
    msg = str(info.value)
    assert "\n" not in msg and "Traceback" not in msg
    assert msg.startswith(str(path) + ": ")
    return msg[len(str(path)) + 2 :]


def test_deep_nesting_is_refused_without_recursion_error(tmp_path):
    deep = '{"schema_version": 2, "sections": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert _one_error(_write(tmp_path, deep)) == "not a saved brief (nested too deeply)"


def test_deep_nesting_in_an_unknown_field_is_never_walked(tmp_path):
    d = _doc()
    d["extra"] = json.loads("[" * 500 + "]" * 500)
    assert load_brief(_write(tmp_path, d)).title == make_sample_brief().title


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda d: d["sections"][2]["statements"][0].__setitem__("citations", [1, 1e400]),
         "sections[2].statements[0].citations[1]: expected a whole number"),
        (lambda d: d["sections"][2]["statements"][0].__setitem__("citations", [1, "2"]),
         "sections[2].statements[0].citations[1]: expected a whole number, not text"),
        (lambda d: d["sections"][0]["statements"][0].__setitem__("citations", [True]),
         "sections[0].statements[0].citations[0]: expected a whole number, not true/false"),
        (lambda d: d["sections"][0]["statements"][0].__setitem__("citations", [-3]),
         "sections[0].statements[0].citations[0]: expected a whole number from 1 to 1,000,000, not -3"),
        (lambda d: d.__setitem__("date", 20241116), "date: expected text, not a number"),
        (lambda d: d.__setitem__("date", "last Tuesday"), "date: expected a date as YYYY-MM-DD, not 'last Tuesday'"),
        (lambda d: d.__setitem__("title", ["a"]), "title: expected text, not a list"),
        (lambda d: d.__setitem__("sections", {"a": 1}), "sections: expected a list, not an object"),
        (lambda d: d["sections"].__setitem__(1, "Agenda"), "sections[1]: expected an object, not text"),
        (lambda d: d["sections"][1].__setitem__("heading", 3), "sections[1].heading: expected text, not a number"),
        (lambda d: d["sections"][1].__setitem__("key", d["sections"][0]["key"]),
         "sections[1].key: 'context' is used by an earlier section"),
        (lambda d: d["sections"][0]["statements"][1].__setitem__("evidence", [[2]]),
         "sections[0].statements[1].evidence[0]: expected [source number, sentence]"),
        (lambda d: d["sections"][0]["statements"][1].__setitem__("quote", "yes"),
         "sections[0].statements[1].quote: expected true or false, not text"),
        (lambda d: d["sources"][0].__setitem__("id", 2), "sources[1].id: source 2 appears twice"),
        (lambda d: d["sources"][0].__setitem__("words", "many"), "sources[0].words: expected a whole number, not text"),
        (lambda d: d["assessments"].__setitem__("3", {"flags": "stale"}),
         "assessments['3'].flags: expected a list, not text"),
        (lambda d: d["assessments"].__setitem__("three", {"flags": []}),
         "assessments['three']: expected a source number as the key"),
        (lambda d: d["warnings"][0].__setitem__("source_ids", [None]),
         "warnings[0].source_ids[0]: expected a whole number, not null"),
        (lambda d: d["event"].__setitem__("who", "Someone"), "event.who: expected a list, not text"),
    ],
)
def test_wrong_types_name_the_field(tmp_path, mutate, expected):
    d = _doc()
    mutate(d)
    assert _one_error(_write(tmp_path, d)) == expected


@pytest.mark.parametrize("version, expected", [
    (0, "schema_version: 0 is not a Briefer schema version (1 to 2)"),
    (-5, "schema_version: -5 is not a Briefer schema version (1 to 2)"),
    (True, "schema_version: expected a whole number, not true/false"),
    ("2", "schema_version: expected a whole number, not text"),
    (1e400, "schema_version: expected a whole number"),
    (3, "saved with a newer Briefer (schema 3, this one reads up to 2)"),
])
def test_nonsense_schema_version_is_refused(tmp_path, version, expected):
    d = _doc()
    d["schema_version"] = version
    assert _one_error(_write(tmp_path, d)) == expected


def test_flags_given_as_a_string_are_refused_in_schema_1(tmp_path):
    d = _doc()
    d["schema_version"] = 1
    del d["assessments"]
    d["sources"][2]["flags"] = "stale"
    assert _one_error(_write(tmp_path, d)) == "sources[2].flags: expected a list, not text"


def test_an_integer_with_thousands_of_digits_is_one_error(tmp_path):
    text = json.dumps(_doc()).replace('"citations": [1, 2, 4]', '"citations": [' + "9" * 5000 + "]", 1)
    assert _one_error(_write(tmp_path, text)).startswith("not a saved brief (")


def test_an_unknown_status_is_shown_as_to_check_not_trusted(tmp_path):
    d = _doc()
    d["sections"][0]["statements"][0]["status"] = "approved-by-god"
    assert load_brief(_write(tmp_path, d)).sections[0].statements[0].status == "flagged"


def test_a_brief_over_the_size_limit_is_refused_before_reading(tmp_path):
    p = tmp_path / "huge.brief"
    with p.open("wb") as f:  # sparse: nothing is really written
        f.truncate(MAX_BRIEF_BYTES + 300 * 1024)
    assert _one_error(p) == "too large to open (50.3 MB; the limit is 50 MB)"


def test_a_fifo_is_not_read(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    p = tmp_path / "pipe.brief"
    os.mkfifo(p)
    assert _one_error(p) == "not a saved brief (not a regular file)"


def test_saving_a_brief_too_large_to_reopen_is_refused_and_the_old_file_kept(tmp_path, monkeypatch):
    import briefer.brief_schema as schema

    p = tmp_path / "x.brief"
    save_brief(make_sample_brief(), p)
    before = p.read_bytes()
    monkeypatch.setattr(schema, "MAX_BRIEF_BYTES", 1000)
    with pytest.raises(BrieferError, match=r"cannot save: the brief is .* over the .* limit"):
        save_brief(make_sample_brief(), p)
    assert p.read_bytes() == before
