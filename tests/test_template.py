"""Templates are data a user can copy and edit."""

from __future__ import annotations

import pytest

from briefer.errors import BrieferError
from briefer.template import TEMPLATE_DIR, load_template, parse_template


def test_default_template_is_the_leader_meeting_brief_with_a_bottom_line_first():
    t = load_template()
    assert [s.heading for s in t.sections] == ["Bottom line up front", "Context", "Agenda", "US asks", "Outlook under Trump"]
    assert [s.kind for s in t.sections] == ["synthesis", "evidence", "evidence", "evidence", "evidence"]
    assert t.spec("bluf").max_words == 45
    # The lead line and background belong to Context by flag, not by being first.
    assert [s.key for s in t.sections if s.lead_line] == ["context"]
    assert [s.key for s in t.sections if s.accepts_background] == ["context"]
    assert t.spec("us_asks").party == "United States"
    # Evidence sections are placed by the classifier's labels; no topic words of any event.
    assert all(s.labels for s in t.sections if s.kind == "evidence")
    assert not any(s.cues for s in t.sections)
    # The four sections share one budget of 550 words; each also has its own cap.
    assert t.max_body_words == 550
    assert all(0 < s.max_words <= t.max_body_words for s in t.sections if s.kind == "evidence")


def test_synthesis_sections_run_after_the_sections_they_read():
    t = load_template()
    assert [s.key for s in t.run_order()] == ["context", "agenda", "us_asks", "outlook", "bluf"]


def test_a_template_without_kinds_keeps_its_documented_first_section_rules():
    # Templates written before section kinds: the first section opened with the lead line and
    # took background. They still load and behave so.
    t = parse_template({"section": [{"key": "a", "heading": "A"}, {"key": "b", "heading": "B", "cues": ["x"]}]})
    assert [(s.kind, s.lead_line, s.accepts_background) for s in t.sections] == [
        ("evidence", True, True), ("evidence", False, False)]
    assert t.spec("b").cues == ("x",)


def test_a_template_with_kinds_gets_nothing_by_position():
    t = parse_template({"section": [{"key": "a", "heading": "A", "kind": "evidence"}, {"key": "b", "heading": "B"}]})
    assert not any(s.lead_line or s.accepts_background for s in t.sections)


def test_an_unknown_section_kind_is_named():
    with pytest.raises(BrieferError, match="kind: expected one of"):
        parse_template({"section": [{"key": "a", "heading": "A", "kind": "poem"}]})


def test_user_can_copy_and_edit_a_template(tmp_path):
    text = (TEMPLATE_DIR / "leader-meeting.toml").read_text(encoding="utf-8")
    edited = tmp_path / "mine.toml"
    edited.write_text(text.replace('heading = "US asks"', 'heading = "What we want"'), encoding="utf-8")
    t = load_template(edited)
    assert t.spec("us_asks").heading == "What we want"


def test_broken_template_names_the_problem(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[section]]\nheading = 'x'\n", encoding="utf-8")
    with pytest.raises(BrieferError, match="needs a key and a heading"):
        load_template(bad)
    with pytest.raises(BrieferError, match="no template named"):
        load_template("nonexistent")


def test_a_general_meeting_template_ships_without_any_one_events_words():
    from briefer.template import builtin_templates

    assert {"leader-meeting", "meeting"} <= set(builtin_templates())
    t = load_template("meeting")
    assert [s.heading for s in t.sections] == ["Bottom line up front", "Context", "Agenda", "Positions and asks", "Outlook"]
    text = (TEMPLATE_DIR / "meeting.toml").read_text(encoding="utf-8")
    for word in ("US", "Trump", "Biden", "Xi", "China", "Taiwan", "APEC", "Lima", "president"):
        assert f" {word}" not in text and f'"{word}' not in text, word
    assert t.description


def test_variables_fill_exactly_the_known_names_and_nothing_else():
    from briefer.template import fill, header_lines

    values = {"author": "A. Analyst", "addressee": "", "date": "4 March 2031", "meeting": "M", "classification": "C"}
    assert fill("{meeting} for {addressee} by {author}", values) == "M for  by A. Analyst"
    assert fill("{0.__class__} {unknown} {{author}}", values) == "{0.__class__} {unknown} {A. Analyst}"
    assert header_lines(["For: {addressee}", "From: {author}", "{date}", "Plain line"], values) == [
        "From: A. Analyst", "4 March 2031", "Plain line"
    ]


def test_template_header_variables_come_from_the_brief():
    from briefer.brief import Brief
    from briefer.template import brief_variables

    b = Brief(title="Ministers meet", date="2031-03-04", author="A", addressee="B", classification="C")
    assert brief_variables(b) == {
        "date": "4 March 2031", "author": "A", "addressee": "B", "classification": "C", "meeting": "Ministers meet"
    }


def test_the_body_word_budget_is_a_whole_number_or_named_as_wrong():
    section = [{"key": "a", "heading": "A"}]
    assert parse_template({"section": section}).max_body_words == 0  # no budget
    assert parse_template({"section": section, "max_body_words": 300}).max_body_words == 300
    with pytest.raises(BrieferError, match="max_body_words"):
        parse_template({"section": section, "max_body_words": "many"})
