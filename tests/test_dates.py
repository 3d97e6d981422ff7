"""Publication dates read from the top of a page: stamps in page furniture, several stamps that
disagree, wire datelines, and day clues counted against the set's dated sources. Fixtures are
short texts written for these tests."""

from __future__ import annotations

import datetime as dt

from briefer.ingest import read_pasted, resolve_dates
from briefer.ingest.dates import find_date_clue, find_dateline

LATER = dt.date(2033, 1, 10)  # the clock when the texts are read: they are not from the future


def test_a_publication_stamp_inside_a_line_of_page_furniture_dates_the_page():
    text = ("Kalder Arrives in Lindau for Annual Summit\nWire Service Lindau\n"
            "3 min read Last Updated : Jul 08 2031 | 5:39 PM IST\nPiet Kalder arrived here on Monday.")
    iso, method = find_dateline(text)
    assert iso == "2031-07-08"
    assert method == "dateline 'Last Updated : Jul 08 2031'"
    assert find_dateline("World | Published: 7 July 2031\nThe leaders will meet.")[0] == "2031-07-07"


def test_a_date_in_prose_near_the_top_is_not_a_publication_stamp():
    text = "Maru and Kalder will meet.\nThe plan, published on March 3, 2029, was shelved.\nTalks follow."
    assert find_dateline(text) is None


def test_when_the_dates_at_the_top_disagree_the_timed_stamp_is_the_articles():
    # A site header's date above the article's own stamp (with its time of day).
    text = ("Lindau\nTuesday 20th March 2029\nMaru and Kalder to Meet Next Week\nWire Desk\n"
            "Wed, 19 Jun 2031 09:16 GMT\nThe two leaders said on Tuesday they will meet next week.")
    iso, method = find_dateline(text)
    assert iso == "2031-06-19"
    assert "timed stamp" in method


def test_when_the_dates_at_the_top_disagree_the_stamp_below_the_headline_is_the_articles():
    # The site's date of the day (the day the page was saved) above the headline.
    text = "Tuesday 20th March 2029\nMaru and Kalder to Meet Next Week\n19 June 2031\nThe leaders will meet."
    iso, method = find_dateline(text)
    assert iso == "2031-06-19"
    assert "below the headline" in method


def test_dates_at_the_top_that_disagree_with_nothing_to_choose_between_them_date_nothing():
    text = "Tuesday 20th March 2029\n19 June 2031\nMaru and Kalder to Meet Next Week\nThe leaders will meet."
    assert find_dateline(text) is None
    # When they agree, the first stands as before.
    assert find_dateline("19 June 2031\nMaru and Kalder to Meet\nJune 19, 2031\nThey will meet.")[0] == "2031-06-19"


def test_a_wire_dateline_with_only_the_day_and_the_service_takes_the_year_of_the_set():
    text = ("Advertisement\nMaru, Kalder to meet on Monday\nA caption about the two leaders.\n1 of 4 | Another caption.\n"
            "Nov. 10 (UPI) -- Anna Maru will meet Piet Kalder next week, officials confirmed Thursday.")
    clue = find_date_clue(text)
    assert (clue.kind, clue.month, clue.day, clue.quote) == ("dateline", 11, 10, "Nov. 10")
    doc = read_pasted(text, name="wire", today=LATER)
    ref = read_pasted("date 2031-11-12 Kalder will meet Maru in Lindau.", name="ref", today=LATER)
    doc, _ = resolve_dates([doc, ref], today=LATER)
    assert doc.date == "2031-11-10"
    assert doc.date_method.startswith("dateline 'Nov. 10', year taken from 2031-11-12")


def test_a_said_weekday_counted_back_from_an_event_weeks_after_the_dated_sources_is_not_a_date():
    # "announced Thursday" counted back from 16 July 2031 is 10 July, but the set's dated
    # source is from 26 June: the announcement may as well have been then. No date beats a wrong one.
    text = ("Maru-Kalder summit set for July 16\nMaru and Kalder will meet on July 16 in Lindau, both "
            "governments announced Thursday.")
    doc = read_pasted(text, name="rel", today=LATER)
    ref = read_pasted("date 2031-06-26 Kalder will meet Maru in Lindau.", name="ref", today=LATER)
    doc, _ = resolve_dates([doc, ref], today=LATER)
    assert doc.date is None
    # A dated source in the same week lets the count stand.
    near = read_pasted("date 2031-07-09 Kalder will meet Maru in Lindau.", name="near", today=LATER)
    doc, _ = resolve_dates([read_pasted(text, name="rel", today=LATER), near], today=LATER)
    assert doc.date == "2031-07-10"


def test_a_published_and_an_updated_stamp_days_apart_date_the_page_by_the_first():
    assert find_dateline("June 3, 2031\nMaru and Kalder to Meet\nJune 5, 2031\nThe leaders will meet.")[0] == "2031-06-03"


def test_a_date_line_at_the_top_comes_before_an_updated_stamp_in_the_furniture():
    text = "June 3, 2031\nMaru and Kalder to Meet\nWorld | Updated: June 20, 2031\nThe leaders will meet."
    assert find_dateline(text)[0] == "2031-06-03"


def test_the_date_of_an_earlier_meeting_is_no_anchor_for_counting_back_a_said_weekday():
    # The only month/days are of earlier events: counting "announced on Friday" back
    # from it, on the "Monday" of the meeting ahead, would date the page to another year.
    text = ("Maru and Kalder will meet in Lindau on Monday, the government announced on Friday.\n"
            "The talks will take place on Monday at noon.\n"
            "The previous meeting between the two leaders took place on October 13 last year in Brest.\n"
            "This year the two spoke by phone on August 2.")
    assert find_date_clue(text) is None
    # A month/day given for the meeting ahead is still the anchor.
    ahead = text.replace("on Monday, the government", "on Monday, September 4, the government")
    clue = find_date_clue(ahead)
    assert clue is not None and (clue.kind, clue.month, clue.day) == ("relative", 9, 4)


def test_a_sites_date_of_the_day_under_its_today_widget_is_not_the_articles():
    text = ("Maru to host Kalder for March 14 talks | world | The Daily\nToday in Lindau, Osterland\n"
            "Mar 30, 2034-Thursday\nLindau\nMaru to host Kalder for March 14 talks\n"
            "world Updated: Mar 03, 2031 09:15 IST\nAnna Maru will host Piet Kalder on March 14.")
    iso, method = find_dateline(text)
    assert iso == "2031-03-03"
    assert "Updated" in method


def test_a_stamp_after_a_time_of_day_at_the_top_dates_the_page():
    text = ("Go to Contents\nMaru, Kalder set for talks on trade\nAll News 08:00 May 21, 2031\n"
            "LINDAU/BREST, May 20 (Wire) -- Anna Maru will hold talks with Piet Kalder on Friday.")
    assert find_dateline(text)[0] == "2031-05-21"


def test_a_joint_dateline_of_two_places_gives_the_day_the_story_was_filed():
    text = ("Maru, Kalder set for talks on trade\n"
            "LINDAU/BREST, May 20 (Wire) -- Anna Maru will hold talks with Piet Kalder on Friday.")
    clue = find_date_clue(text)
    assert (clue.kind, clue.month, clue.day) == ("dateline", 5, 20)


def test_the_date_that_opens_a_story_is_not_a_day_of_the_meeting():
    from briefer.ingest.dates import dates_in

    ref = dt.date(2031, 5, 22)
    s = "22nd May 2031 – (Lindau) Anna Maru is scheduled to meet Piet Kalder in Brest in July."
    assert dates_in(s, ref) == []
    s = "Lindau, May 20 (Wire) – Anna Maru will meet Piet Kalder on 3 July."
    assert [d for d, _, _ in dates_in(s, ref)] == [dt.date(2031, 7, 3)]


def test_a_weekday_inside_a_name_is_no_day():
    from briefer.ingest.dates import dates_in, weekdays_in

    # "Good Friday Agreement" names an accord; "on Thursday" is the meeting's day.
    s = "Reyes will warn Tamura on Thursday to protect the Good Friday Agreement and skip Black Friday sales."
    assert [wd for wd, _ in weekdays_in(s)] == [3]
    assert [d for d, _, _ in dates_in(s, dt.date(2031, 6, 9))] == [dt.date(2031, 6, 12)]


def test_skip_links_above_a_page_do_not_hide_its_date_stamp():
    text = ("1. Skip to content\n  2. Skip to main menu\n  3. Skip to more Wire sites\n\n"
            "Reyes to meet Tamura at the summit's sidelines\n\nSeptember 24, 2031\n\n"
            "Reyes and Tamura are expected to meet on the sidelines of the summit on Monday.")
    assert find_dateline(text) == ("2031-09-24", "dateline 'September 24, 2031'")


def test_a_title_line_ending_on_a_dotted_day_gives_the_pages_date() -> None:
    text = "Maru heads to Lindau for talks | Osterland | News | 23.04.2031\nMaru will meet Kalder on Sunday."
    assert find_dateline(text)[0] == "2031-04-23"
    # (A dotted figure inside prose is no stamp.)
    assert find_dateline("Maru heads to Lindau\nTurnout rose to 23.04.2031 levels, officials said.") is None
