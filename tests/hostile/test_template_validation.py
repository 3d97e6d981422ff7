"""Hostile templates (issue 7, item 13): one clear error naming the template file and the field."""

from __future__ import annotations

import pytest

from briefer.errors import BrieferError
from briefer.template import load_template

GOOD = """
name = "t"
title = "T"
[[section]]
key = "context"
heading = "Context"
{extra}
"""


def _error(tmp_path, extra: str, top: str = "") -> str:
    p = tmp_path / "mine.toml"
    p.write_text(top + GOOD.format(extra=extra), encoding="utf-8")
    with pytest.raises(BrieferError) as info:
        load_template(p)
    msg = str(info.value)
    assert msg.startswith(f"{p}: ") and "\n" not in msg
    return msg[len(str(p)) + 2 :]


@pytest.mark.parametrize(
    "extra, expected",
    [
        ("max_statements = inf", "section 1 (context): max_statements: expected a whole number from 1 to 16, not inf"),
        ("max_statements = nan", "section 1 (context): max_statements: expected a whole number from 1 to 16, not nan"),
        ("max_statements = 2.5", "section 1 (context): max_statements: expected a whole number from 1 to 16, not the number 2.5"),
        ("max_statements = 0", "section 1 (context): max_statements: expected a whole number from 1 to 16, not the number 0"),
        ('max_statements = "4"', "section 1 (context): max_statements: expected a whole number from 1 to 16, not text"),
        ("max_statements = true", "section 1 (context): max_statements: expected a whole number from 1 to 16, not true/false"),
        ("cues = 5", 'section 1 (context): cues: expected a list such as ["summit", "talks"], not the number 5'),
        ('cues = "summit"', 'section 1 (context): cues: expected a list such as ["summit", "talks"], not text'),
        ('cues = ["summit", 3]', "section 1 (context): cues[1]: expected text in quotes, not the number 3"),
        ("guidance = 7", "section 1 (context): guidance: expected text in quotes, not the number 7"),
        ("query = []", "section 1 (context): query: expected text in quotes, not a list"),
    ],
)
def test_bad_section_fields_name_the_file_and_field(tmp_path, extra, expected):
    assert _error(tmp_path, extra) == expected


def test_a_string_of_cues_is_never_split_into_letters(tmp_path):
    assert "cues" in _error(tmp_path, 'cues = "abc"')


def test_bad_top_level_fields_name_the_file_and_field(tmp_path):
    p = tmp_path / "top.toml"
    p.write_text('header = "For: {addressee}"\n' + GOOD.format(extra=""), encoding="utf-8")
    with pytest.raises(BrieferError, match=r"top\.toml: header: expected a list"):
        load_template(p)
    p.write_text(GOOD.format(extra="").replace('title = "T"', "title = 3"), encoding="utf-8")
    with pytest.raises(BrieferError, match=r"top\.toml: title: expected text in quotes, not the number 3"):
        load_template(p)


def test_unknown_keys_are_left_for_newer_versions(tmp_path):
    p = tmp_path / "newer.toml"
    p.write_text('future_option = 1\n' + GOOD.format(extra='kind = "lead"\naccepts_background = true'), encoding="utf-8")
    t = load_template(p)
    assert t.sections[0].key == "context"


def test_a_template_that_is_not_a_file_or_too_large_is_one_error(tmp_path):
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(BrieferError, match="no such template file"):
        load_template(folder)
    big = tmp_path / "big.toml"
    with big.open("wb") as f:
        f.truncate(2 * 1024 * 1024)
    with pytest.raises(BrieferError, match=r"big\.toml: not a template \(over 1024 KB\)"):
        load_template(big)
