"""Outlets read from the article's own text: wire datelines, credits and copyright lines."""

from __future__ import annotations

import pytest

from briefer.ingest.metadata import detect_outlet


def _outlet(text: str) -> str | None:
    found = detect_outlet(text)
    return found[0] if found else None


@pytest.mark.parametrize(("text", "outlet"), [
    ("SEOUL (Reuters) - The two leaders will meet on Friday.", "Reuters"),
    ("VLADIVOSTOK, Russia (Reuters) – The leader arrived by train.", "Reuters"),
    ("Headline\n\nPARIS (AP) — The president welcomed his guest.", "AP"),
    ("(MENAFN) On Sunday, the president embarked on a state visit.", "MENAFN"),
    ("The talks ended.\n© 2031 The Lindau Courier", "The Lindau Courier"),
    (" date 2031-11-14 LINDAU, Veltria (AP) — The prime minister said he would meet the president.", "AP"),
    ("Leaders Meet for Second Summit\n\nSource: AFP\n\nThe two leaders met for dinner.", "AFP"),
    ("The two leaders will meet on Friday in Lindau.\nThey last met in 2029.\n(Yonhap)", "Yonhap"),
    ("The talks ended.\nCopyright 2031 The Lindau Courier. All rights reserved.", "The Lindau Courier"),
    ("Leaders Meet for Second Summit\n\nSource: Wirenews/at\n\nThe two leaders met for dinner.", "Wirenews"),
])
def test_the_publisher_is_read_from_a_dateline_or_a_copyright_line(text, outlet):
    assert _outlet(text) == outlet


def test_a_photo_caption_or_an_aside_is_not_the_publisher():
    assert _outlet("Photo: AP\nThe leaders will meet on Friday.") is None
    assert _outlet("The leaders will meet on Friday.\n(Photo)\nSource: file") is None
    chart = "\n".join(["The leaders will meet on Friday."] * 16 + ["Source: Lindau Statistics Office"])
    assert _outlet(chart) is None
    assert _outlet("The leaders (both in their seventies) will meet.") is None


@pytest.mark.parametrize("credit", ["(WIRE File Photo)", "(Jo Lamb/WIRE PHOTOS)", "(File/WIRE)", "(WIRE Archive)",
                                    "(COMBO)", "(SOUNDBITE OF CROWD CHEERING)"])
def test_a_pictures_credit_or_a_transcripts_stage_note_is_not_the_publisher(credit):
    text = f"Reyes and Tamura shake hands in Lindau on May 2, 2031. {credit}\n\nThe leaders will meet again on Friday."
    assert _outlet(text) is None
    assert _outlet(f"The leaders will meet again on Friday.\n{credit}") is None


def test_a_wire_dateline_with_the_service_between_slashes_gives_outlet_and_day():
    from briefer.ingest.clean import clean_text
    from briefer.ingest.dates import describe_clue, find_date_clue

    text = ("LINDAU, March 3. /VNA/. The two presidents will meet in Lindau next week to discuss grain, "
            "a spokesman told reporters.\n\nThe talks follow months of disputes over border crossings.")
    assert detect_outlet(text)[0] == "VNA"
    assert clean_text(text).startswith("The two presidents will meet")
    clue = find_date_clue(text)
    assert (clue.kind, clue.month, clue.day) == ("dateline", 3, 3)
    assert describe_clue(clue) == "dateline 'LINDAU, March 3'"


@pytest.mark.parametrize(
    "text",
    [" date 2031-09 Photo: Example Wire\n\nThe leaders will meet.", "Published: September 2031\nThe leaders will meet."],
)
def test_a_dateline_that_gives_only_the_month_dates_the_page_to_that_month(text):
    from briefer.ingest.dates import find_dateline

    iso, method = find_dateline(text)
    assert iso == "2031-09"
    assert "month only" in method


def test_a_month_only_dateline_is_not_left_in_the_text():
    from briefer.ingest.dates import strip_leading_dateline

    assert strip_leading_dateline(" date 2031-09 The leaders will meet.") == "The leaders will meet."


def test_a_date_line_with_an_update_note_dates_the_page_and_leaves_the_text():
    from briefer.ingest.clean import clean_text
    from briefer.ingest.dates import find_dateline

    text = ("May 19, 2031; (This has been updated with quotes from a spokesperson)\n\n"
            "President Anna Maru will meet Piet Kalder in Lindau on Wednesday.")
    iso, _ = find_dateline(text)
    assert iso == "2031-05-19"
    assert clean_text(text).startswith("President Anna Maru will meet")


def test_a_capitals_dateline_with_a_full_stop_names_the_service():
    text = " date 2031-04-26 LINDAU. WIRENEWS - The summit between Reyes and Tamura will include a state dinner."
    assert detect_outlet(text)[0] == "WIRENEWS"


def test_a_byline_or_a_video_players_apology_is_not_the_headline():
    from briefer.ingest.metadata import detect_title

    assert detect_title("By Jo Smith\n\nReyes to meet Tamura in Lindau on Friday\n\nReyes will meet Tamura.") == (
        "Reyes to meet Tamura in Lindau on Friday")
    assert detect_title("We apologize, but this video has failed to load.\n\nReyes to meet Tamura in Lindau\n\n"
                        "Reyes will meet Tamura.") == "Reyes to meet Tamura in Lindau"


_STORY = ("Veltrian President Ana Reyes will host Prime Minister Jo Tamura in Lindau on Friday, her office "
          "said, for talks on the river treaty.")


@pytest.mark.parametrize("furniture", [
    "Politics & Government",  # the site's section
    "Lindau Evening Courier",  # the site's name
    "GET LIVE MARKET QUOTES & NEWS",
    "Thu | Jan 17, 2031",  # the page's date, as the site writes it
    "Updated 11:29 AM EDT, Tue, Jun 16, 2031",
    "Region / Across Osterland",  # a breadcrumb without "Home"
    "Tamura and Reyes. Picture: WIRE",  # a picture and its credit
    "OsterlandHuman Remains Found in Search for Missing Hikers",  # a link glued to a label
])
def test_furniture_that_reads_like_a_headline_is_passed_over_for_the_headline(furniture):
    from briefer.ingest.metadata import detect_title

    text = f"{furniture}\n\nReyes to host Tamura in Lindau for river treaty talks\n\n{_STORY}"
    assert detect_title(text) == "Reyes to host Tamura in Lindau for river treaty talks"


def test_a_line_that_shares_no_words_with_the_story_is_no_headline():
    from briefer.ingest.metadata import about_story, detect_title

    assert not about_story("Listen to the audio version of the article", _STORY)
    assert about_story("Stage set for landmark summit of Reyes and Tamura", _STORY)  # two of six words
    assert detect_title(f"Diplomatic Strokes and Other Notes\n\n{_STORY}") is None


def test_a_body_wrapped_at_a_width_has_no_headline():
    from briefer.ingest.metadata import detect_title

    text = ("LINDAU May 20 President Ana Reyes and\nPrime Minister Jo Tamura will hold their first meeting since\n"
            "Tamura took office when they sit down for a two-day\nsummit in Lindau, her office said.")
    assert detect_title(text) is None


def test_an_untitled_page_is_named_by_its_first_sentence_that_can_name_it():
    from briefer.ingest.read import read_pasted

    doc = read_pasted(f"LINDAU.\n\nLive\n\n(Adds the treaty's history in paragraph 3)\n\n{_STORY}")
    assert doc.title is None
    assert doc.display_title.startswith("Veltrian President Ana Reyes will host")
