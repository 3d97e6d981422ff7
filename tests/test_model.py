"""The Brief data model: JSON round trip, schema version, damaged files."""

from __future__ import annotations

import dataclasses
import json

import pytest

from briefer.brief import (
    SCHEMA_VERSION,
    Brief,
    Section,
    Source,
    SourceAssessment,
    Statement,
    load_brief,
    save_brief,
    split_citations,
)
from briefer.errors import BrieferError


def _brief() -> Brief:
    return Brief(
        title="Biden–Xi meeting, Lima",
        sections=[
            Section(
                "context",
                "Context",
                [Statement("Biden meets Xi in Lima.", [1, 2], [(1, "Biden will meet Xi in Lima.")])],
            )
        ],
        sources=[Source(id=1, title="A", text="Biden will meet Xi in Lima.", date="2024-11-13"), Source(id=2, title="B")],
    )


def test_saved_brief_round_trips_through_json(tmp_path):
    path = tmp_path / "x.brief"
    save_brief(_brief(), path)
    loaded = load_brief(path)
    assert loaded == _brief()
    assert json.loads(path.read_text())["schema_version"] == SCHEMA_VERSION


def test_corrupt_saved_brief_gives_clear_error(tmp_path):
    path = tmp_path / "bad.brief"
    path.write_text('{"schema_version": 1, "sections": [{"heading": 3}]', encoding="utf-8")
    with pytest.raises(BrieferError, match=r"bad\.brief: not a saved brief"):
        load_brief(path)
    path.write_text('{"schema_version": 1, "sections": [{"no_key": 1}]}', encoding="utf-8")
    with pytest.raises(BrieferError, match=r"bad\.brief: sections\[0\]\.key: missing"):
        load_brief(path)


def test_brief_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "new.brief"
    d = _brief().to_dict()
    d["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(d), encoding="utf-8")
    with pytest.raises(BrieferError, match="newer Briefer"):
        load_brief(path)


def test_split_citations_reads_edited_text_back():
    assert split_citations("Biden will press Xi on Taiwan. [2, 4]") == ("Biden will press Xi on Taiwan.", [2, 4])
    assert split_citations("No citation here") == ("No citation here", [])
    assert split_citations("A [1] and B [3][1]") == ("A and B", [1, 3])


def test_save_is_atomic_and_keeps_old_file_when_folder_missing(tmp_path):
    with pytest.raises(BrieferError, match="does not exist"):
        save_brief(_brief(), tmp_path / "nope" / "x.brief")
    path = tmp_path / "x.brief"
    save_brief(_brief(), path)
    assert [p.name for p in tmp_path.iterdir()] == ["x.brief"]


def test_run_flags_live_on_the_brief_not_on_the_immutable_source(tmp_path):
    brief = _brief()
    brief.assessments = {1: SourceAssessment(["stale"], ["dated a year before the event"])}
    with pytest.raises(dataclasses.FrozenInstanceError):
        brief.sources[0].id = 7  # type: ignore[misc]
    save_brief(brief, tmp_path / "x.brief")
    loaded = load_brief(tmp_path / "x.brief")
    assert loaded.flags_of(1) == ["stale"] and not loaded.is_current(1)
    assert loaded.flags_of(2) == [] and loaded.is_current(2) is False  # no text: not usable


def test_schema_1_brief_with_flags_on_its_sources_still_opens(tmp_path):
    d = _brief().to_dict()
    d["schema_version"] = 1
    del d["assessments"]
    d["sources"][0]["flags"] = ["different-event", "stale"]
    d["sources"][0]["notes"] = ["previews a meeting in another city"]
    path = tmp_path / "old.brief"
    path.write_text(json.dumps(d), encoding="utf-8")
    loaded = load_brief(path)
    assert loaded.flags_of(1) == ["different-event", "stale"]
    assert loaded.assessment(1).notes == ["previews a meeting in another city"]
    assert loaded.sources[0].notes == ()


def test_a_source_dated_only_by_month_round_trips_and_reads_as_a_month(tmp_path):
    from briefer.brief import human_date

    b = _brief()
    b.sources[1] = dataclasses.replace(b.sources[1], date="2031-09", date_method="dateline 'date 2031-09' (month only)")
    path = tmp_path / "m.brief"
    save_brief(b, path)
    assert load_brief(path).sources[1].date == "2031-09"
    assert human_date("2031-09") == "September 2031"
    assert human_date("2031-09-05") == "5 September 2031"
