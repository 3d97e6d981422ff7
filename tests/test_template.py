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
