"""The Session: the document's rules without a window (numbering, drafting policy, files, export)."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_brief import make_sample_brief

from briefer.brief import (
    STATUS_USER,
    STATUS_VERIFIED,
    Brief,
    BriefWarning,
    Section,
    Source,
    Statement,
    load_brief,
)
from briefer.errors import BrieferError
from briefer.session import KEEP, REPLACE, Session, export_brief, new_brief, template_for
from briefer.template import load_template


def _session(**kw) -> Session:
    return Session(make_sample_brief(), **kw)


def _citations(s: Session, key: str) -> list[list[int]]:
    return [st.citations for st in s.brief.section(key).statements]


# -- numbering ------------------------------------------------------------------------------
def test_added_sources_are_numbered_after_the_existing_ones_and_their_warnings_follow():
    s = Session()
    s.add_sources([Source(1, "A", "text a"), Source(2, "B", "text b")])
    added = s.add_sources(
        [Source(1, "C", "text c"), Source(2, "D", problem="empty file")],
        [BriefWarning("unreadable", "D: empty file", [2])],
    )
    assert [x.id for x in added] == [3, 4]
    assert [(x.id, x.title) for x in s.brief.sources] == [(1, "A"), (2, "B"), (3, "C"), (4, "D")]
    assert s.brief.warnings[-1].source_ids == [4]  # was [2] as read, now the id it was given
    assert s.dirty


def test_moving_a_source_renumbers_every_citation_evidence_assessment_and_warning():
    s = _session()
    before = copy.deepcopy(s.brief)
    assert s.move_source(5, -4)  # source 5 to the top: it becomes [1], 1..4 become 2..5
    assert s.brief.sources[0].title == before.source(5).title
    assert [x.id for x in s.brief.sources] == [1, 2, 3, 4, 5, 6]
    assert s.brief.section("us_asks").statements[0].citations == [2, 1]  # was [1, 5]
    assert s.brief.section("context").statements[0].evidence[0][0] == 2  # was source 1
    assert s.brief.assessment(4).flags == ["stale"]  # the stale source 3 is now 4
    assert s.brief.warnings[0].source_ids == [4] and s.brief.warnings[1].source_ids == [2, 3]
    # Renumbering is not an edit: statuses stay as they were.
    assert [st.status for st in s.brief.section("us_asks").statements] == [
        st.status for st in before.section("us_asks").statements
    ]


def test_removing_a_source_drops_its_citations_evidence_assessment_and_warnings():
    s = _session()
    s.remove_sources([3])
    assert [x.id for x in s.brief.sources] == [1, 2, 3, 4, 5]
    assert s.brief.section("agenda").statements[2].citations == []  # cited only the removed source
    assert s.brief.assessments == {}  # only source 3 had one
    assert not any("San Francisco" in w.message for w in s.brief.warnings)
    unreadable = next(w for w in s.brief.warnings if w.kind == "unreadable")
    assert unreadable.source_ids == [5]  # was 6
    assert _citations(s, "us_asks")[0] == [1, 4]  # [1, 5] → 5 became 4


def test_reorder_by_ids_and_moves_past_the_ends():
    s = _session()
    rev = s.revision
    assert not s.move_source(1, -1) and not s.move_source(6, 1) and not s.move_source(99, 1)
    s.reorder_sources([1, 2, 3, 4, 5, 6])
    assert s.revision == rev  # nothing changed, nothing to save
    s.reorder_sources([2, 1, 3, 4, 5, 6])
    assert _citations(s, "context")[0] == [2, 1, 4]  # was [1, 2, 4]


# -- drafting policy ----------------------------------------------------------------------------
def test_keep_policy_leaves_sections_with_the_users_text_out_of_a_draft():
    s = _session()
    keys = [sec.key for sec in s.brief.sections]
    assert [sec.key for sec in s.user_edited(keys)] == ["us_asks"]
    plan = s.plan_draft(keys, KEEP)
    assert plan.keys == ["context", "agenda", "outlook"] and not plan.overwrite
    assert plan.only == ["context", "agenda", "outlook"]


def test_replace_policy_drafts_every_section_and_may_overwrite():
    s = _session()
    keys = [sec.key for sec in s.brief.sections]
    plan = s.plan_draft(keys, REPLACE)
    assert plan.keys == keys and plan.overwrite and plan.only is None
    single = s.plan_draft(["outlook"], REPLACE)
    assert single.keys == ["outlook"] and not single.overwrite  # no user text there
    assert s.plan_draft(["us_asks"], KEEP).keys == []
    with pytest.raises(ValueError):
        s.plan_draft(keys, "maybe")


def test_a_finished_section_and_a_finished_draft_are_taken_in():
    s = Session(new_brief(load_template(), {"author": "Desk officer", "addressee": "The Secretary"}))
    s.set_details(classification="SECRET // DRAFT")
    s.add_sources([Source(1, "A", "Leaders meet.")])
    done = Section("context", "Context", [Statement("Leaders meet.", [1])])
    s.apply_section(done)
    assert s.brief.section("context").statements[0].text == "Leaders meet."
    drafted = Brief(
        title="A–B meeting, Geneva",
        sections=[done, Section("agenda", "Agenda", [Statement("Trade.", [1])])],
        sources=list(s.brief.sources),
        warnings=[BriefWarning("conflict", "x", [1])],
        classification="UNCLASSIFIED",
        generator="model-x",
        date="2030-01-02",
    )
    s.apply_draft(drafted, ["agenda"])
    b = s.brief
    assert b.section("agenda").statements[0].text == "Trade."
    assert b.title == "A–B meeting, Geneva"  # the template's default title gave way
    assert b.classification == "SECRET // DRAFT" and b.author == "Desk officer"  # the user's header stays
    assert b.generator == "model-x" and b.warnings[0].kind == "conflict"
    s.set_title("My own title")
    s.apply_draft(drafted, [])
    assert s.brief.title == "My own title"


def test_edits_flow_in_and_mark_the_session_unsaved(tmp_path):
    s = _session(path=tmp_path / "x.brief")
    assert not s.dirty
    seen: list[str] = []
    s.subscribe(seen.append)
    sts = copy.deepcopy(s.brief.section("agenda").statements)
    s.set_statements("agenda", sts)
    assert not s.dirty and seen == []  # the same statements are no change
    sts[0] = Statement("Mine.", [2], status=STATUS_USER)
    s.set_statements("agenda", sts)
    assert s.dirty and seen == ["section"]
    assert s.brief.section("agenda").statements[0].text == "Mine."


# -- files ------------------------------------------------------------------------------------
def test_save_and_open_round_trip_and_dirty_state(tmp_path):
    s = _session()
    s.mark_dirty()
    target = s.save(tmp_path / "lima.brief")
    assert not s.dirty and s.path == target
    again = Session.open(target)
    assert again.brief == s.brief and again.path == target and not again.dirty
    with pytest.raises(BrieferError, match="choose where"):
        Session().save()


def test_an_edit_during_a_background_save_stays_unsaved(tmp_path):
    s = _session()
    snap, rev = s.snapshot(), s.revision
    s.set_title("Changed while saving")
    from briefer.brief import save_brief

    save_brief(snap, tmp_path / "x.brief")
    s.mark_saved(tmp_path / "x.brief", rev)
    assert s.dirty and load_brief(tmp_path / "x.brief").title == make_sample_brief().title


def test_snapshot_is_independent_of_later_edits():
    s = _session()
    snap = s.snapshot()
    s.brief.section("agenda").statements[0].text = "changed"
    s.brief.assessments[3].flags.append("duplicate")
    assert snap.section("agenda").statements[0].text != "changed"
    assert snap.assessment(3).flags == ["stale"]
    assert snap.sources[0] is s.brief.sources[0]  # immutable sources are shared, not copied


# -- export dispatch ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "fmt, suffix, head",
    [("docx", ".docx", b"PK"), ("pdf", ".pdf", b"%PDF"), ("md", ".md", b"**UNCLASSIFIED"), ("brief", ".brief", b"{")],
)
def test_export_dispatch_writes_each_format(tmp_path, fmt, suffix, head):
    s = _session()
    out = s.export(tmp_path / f"out{suffix}", fmt)
    assert out.read_bytes().startswith(head)
    assert s.export_paths[fmt] == tmp_path / f"out{suffix}"


def test_unknown_export_format_is_one_clear_error(tmp_path):
    with pytest.raises(BrieferError, match="unknown export format 'odt'"):
        export_brief(make_sample_brief(), tmp_path / "x.odt", "odt")
    assert list(tmp_path.iterdir()) == []


# -- templates ------------------------------------------------------------------------------------
def test_new_brief_from_template_fills_its_variables():
    t = load_template("meeting")
    b = new_brief(t, {"meeting": "Ministers' meeting, Oslo", "author": "J. Doe", "date": "2031-03-04"})
    assert b.title == "Ministers' meeting, Oslo" and b.author == "J. Doe" and b.date == "2031-03-04"
    assert b.classification == t.classification and b.template == "meeting"
    assert [sec.heading for sec in b.sections] == [s.heading for s in t.sections]
    assert new_brief(t).title == "Meeting brief"


def test_session_new_uses_the_chosen_template_and_its_default_title_gives_way():
    s = Session()
    s.new(load_template("meeting"))
    assert s.template.name == "meeting" and "positions" in [x.key for x in s.brief.sections]
    assert not s.dirty


def test_an_opened_brief_is_drafted_with_its_own_sections_even_from_an_unknown_template():
    b = make_sample_brief()
    assert template_for(b).name == "leader-meeting"
    b.template = "from-another-machine"
    b.sections = [Section("notes", "Desk notes", [], "One sentence."), b.sections[1]]
    t = template_for(b)
    assert [x.key for x in t.sections] == ["notes", "agenda"]
    assert t.spec("agenda").labels  # known sections keep how they are fed (their sentence labels)
    assert t.spec("notes").query == "One sentence."  # an unknown one is fed by its own guidance


def test_set_details_checks_the_date_and_the_field_names():
    s = Session()
    s.set_details(author="A", addressee="B", date="2030-05-06")
    assert (s.brief.author, s.brief.addressee, s.brief.date) == ("A", "B", "2030-05-06")
    with pytest.raises(ValueError):
        s.set_details(date="tomorrow")
    with pytest.raises(TypeError):
        s.set_details(colour="red")
    assert s.brief.section("context").statements == [] and STATUS_VERIFIED


def test_the_users_own_copy_of_a_template_wins_over_the_built_in_of_that_name():
    import dataclasses as dc

    builtin = load_template()
    mine = dc.replace(builtin, sections=tuple(dc.replace(s, cues=("my cue",)) for s in builtin.sections))
    s = Session(make_sample_brief(), template=mine)
    assert s.template.spec("agenda").cues == ("my cue",)
