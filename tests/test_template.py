"""Templates are data a user can copy and edit."""

from __future__ import annotations

import pytest

from briefer.errors import BrieferError
from briefer.template import TEMPLATE_DIR, load_template


def test_default_template_is_the_leader_meeting_brief():
    t = load_template()
    assert [s.heading for s in t.sections] == ["Context", "Agenda", "US asks", "Outlook under Trump"]
    assert all(s.cues and s.query for s in t.sections)


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
    assert [s.heading for s in t.sections] == ["Context", "Agenda", "Positions and asks", "Outlook"]
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
