"""Sources about an earlier meeting of the same leaders: a report that never says where or when,
while the set itself recalls an earlier meeting of theirs. Fixtures are short articles about
invented leaders, written for these tests."""

from __future__ import annotations

import itertools

import pytest

from briefer.analyse import analyse
from briefer.brief import FLAG_STALE, Source


@pytest.fixture(scope="module")
def parser():
    from briefer.models import load_parser

    return load_parser()


def _src(i: int, text: str, pub: str | None = None, title: str = "") -> Source:
    return Source(id=i, title=title or f"Article {i}", text=text, date=pub,
                  date_method="dateline" if pub else "not found", words=len(text.split()))


# Three previews of a meeting in Lindau; the first recalls the leaders' earlier meeting in Brest.
PREVIEWS = [
    _src(1, "Veltrian President Anna Maru will meet Osterland Prime Minister Piet Kalder in Lindau, Osterland, "
            "on March 14, officials said on Monday. The two leaders are expected to discuss energy and trade. "
            "Maru and Kalder last met in Brest in November, when they agreed a fishing truce.", "2031-03-03"),
    _src(2, "Prime Minister Piet Kalder will host President Anna Maru in Lindau on Friday for talks on the border "
            "dispute. Kalder said the summit in Lindau would open a new chapter.", "2031-03-10"),
    _src(3, "Anna Maru travels to Lindau this week. Maru and Kalder will hold talks in Lindau on 14 March, "
            "the Veltrian foreign ministry said.", None),
]

# A report of a meeting of the two as it happens, with no place and no date of its own.
UNPLACED_REPORT = _src(
    4, "Maru voiced hope that the fishing truce would hold through the winter. Kalder was flanked by his "
       "foreign and trade ministers. Maru said the meeting with Kalder showed their personal friendship.",
    None, title="Maru, Kalder sit down to lunch to discuss fishing rights")


def _flags(sources, parser):
    a = analyse(sources, parser=parser)
    return {s.id: sorted(a.assessments[s.id].flags) if s.id in a.assessments else [] for s in sources}, a


def test_a_report_that_never_says_where_or_when_is_stale_when_the_set_recalls_an_earlier_meeting(parser):
    flags, a = _flags([*PREVIEWS, UNPLACED_REPORT], parser)
    assert FLAG_STALE in flags[4]
    note = " ".join(a.assessments[4].notes)
    assert "Brest" in note and "[1]" in note and "Lindau" in note  # the reason the user can check
    assert all(a.is_current(i) for i in (1, 2, 3))


def test_the_same_report_naming_the_meetings_place_is_current(parser):
    placed = _src(4, UNPLACED_REPORT.text + " The lunch in Lindau ran over by an hour.", None,
                  title=UNPLACED_REPORT.title)
    _, a = _flags([*PREVIEWS, placed], parser)
    assert a.is_current(4)


def test_the_same_report_dated_on_the_meeting_day_is_current(parser):
    dated = _src(4, UNPLACED_REPORT.text, "2031-03-14", title=UNPLACED_REPORT.title)
    _, a = _flags([*PREVIEWS, dated], parser)
    assert a.is_current(4)


def test_an_unplaced_report_is_current_when_no_source_recalls_an_earlier_meeting(parser):
    first = _src(1, PREVIEWS[0].text.replace(" Maru and Kalder last met in Brest in November, when they agreed "
                                             "a fishing truce.", ""), PREVIEWS[0].date)
    _, a = _flags([first, *PREVIEWS[1:], UNPLACED_REPORT], parser)
    assert a.is_current(4)


def test_a_preview_that_names_no_place_is_current(parser):
    preview = _src(4, "Maru will sit down with Kalder for lunch, officials said. The two leaders are expected "
                      "to discuss fishing rights.", None, title="Maru and Kalder to discuss fishing rights")
    _, a = _flags([*PREVIEWS, preview], parser)
    assert a.is_current(4)


def test_the_sets_own_meeting_told_after_the_fact_is_not_an_earlier_meeting(parser):
    # "met at the Grand Hotel" tells of this meeting in the past tense: it names no earlier one,
    # so a report without place or date has nothing else it could be about.
    after = _src(1, "Veltrian President Anna Maru will meet Osterland Prime Minister Piet Kalder in Lindau on "
                    "March 14. Maru and Kalder met at the Grand Hotel on Friday for two hours.", "2031-03-14")
    _, a = _flags([after, *PREVIEWS[1:], UNPLACED_REPORT], parser)
    assert a.is_current(4)


def test_the_flags_do_not_depend_on_the_order_of_the_sources(parser):
    sources = [*PREVIEWS, UNPLACED_REPORT]
    results = []
    for order in itertools.permutations(sources):
        flags, a = _flags(list(order), parser)
        results.append((flags, {i: a.assessments[i].notes for i in sorted(a.assessments)}))
    assert all(r == results[0] for r in results[1:])


def test_an_unplaced_report_naming_a_venue_the_previews_give_for_this_meeting_is_current(parser):
    venue = [
        _src(1, PREVIEWS[0].text, PREVIEWS[0].date),
        _src(2, "Prime Minister Piet Kalder will host President Anna Maru at Rosenhof Palace in Lindau on Friday "
                "for talks on the border dispute.", "2031-03-10"),
        PREVIEWS[2],
    ]
    report = _src(4, UNPLACED_REPORT.text + " The lunch at Rosenhof Palace ran over by an hour.", None,
                  title=UNPLACED_REPORT.title)
    _, a = _flags([*venue, report], parser)
    assert a.is_current(4)
    _, a = _flags([*venue, UNPLACED_REPORT], parser)
    assert not a.is_current(4)  # the same report without the venue is still stale


# The meeting is held at a recurring gathering, the Pacific Rim Forum (PRF) summit.
AT_FORUM = [
    _src(1, "Veltrian President Anna Maru will meet Osterland Prime Minister Piet Kalder on the sidelines of the "
            "PRF summit in Lindau, Osterland, on March 14, officials said. {recall}", "2031-03-03"),
    _src(2, "Prime Minister Piet Kalder will hold talks with President Anna Maru at the PRF summit in Lindau on "
            "Friday, his office said.", "2031-03-10"),
    _src(3, "Maru and Kalder will meet in Lindau on 14 March on the sidelines of the PRF summit, the Veltrian "
            "foreign ministry said.", None),
]
AT_FORUM_REPORT = _src(4, UNPLACED_REPORT.text, None, title="Maru, Kalder sit down to lunch at PRF summit")


def _at_forum(recall: str) -> list[Source]:
    first = AT_FORUM[0]
    return [_src(1, first.text.format(recall=recall), first.date), *AT_FORUM[1:], AT_FORUM_REPORT]


def test_a_report_at_the_sets_gathering_is_current_when_the_earlier_meeting_was_elsewhere(parser):
    _, a = _flags(_at_forum("Maru and Kalder last met in Brest in November."), parser)
    assert a.frame.occasion and "PRF" in a.frame.occasion
    assert a.is_current(4)


def test_a_report_at_a_recurring_gathering_is_stale_when_the_earlier_meeting_was_at_it_too(parser):
    _, a = _flags(_at_forum("Maru and Kalder last met in Brest in November on the sidelines of the PRF summit."),
                  parser)
    assert FLAG_STALE in a.assessments[4].flags
    assert any("Brest" in n for n in a.assessments[4].notes)


def test_without_a_date_for_the_set_a_source_whose_meeting_day_precedes_the_others_writing_is_stale(parser):
    srcs = [
        _src(1, "President Anna Maru will meet Prime Minister Piet Kalder in Lindau on September 21.", "2031-09-15"),
        _src(2, "Maru and Kalder will hold talks in Lindau on September 27, officials said.", "2031-09-20"),
        _src(3, "Maru and Kalder are expected to discuss the river treaty in Lindau.", "2031-09-19"),
        _src(4, "Maru will meet Kalder in Brest on July 13, when Kalder lands at the airport.", None),
    ]
    flags, a = _flags(srcs, parser)
    assert a.frame.when is None  # the sources disagree on the day
    assert FLAG_STALE in flags[4]
    assert flags[1] == flags[2] == flags[3] == []


def test_a_couple_travelling_together_is_not_another_meeting(parser):
    # "Anna and Jon Maru" are two people who share a family name; their trip is the set's.
    srcs = [
        *PREVIEWS,
        _src(4, "Anna Maru and her husband Jon Maru travel to Osterland this week for a three-day state visit. "
                "The visit of Anna Maru and Jon Maru will open with a dinner. Anna Maru and Jon Maru will "
                "then tour the harbour before the talks in Lindau with Piet Kalder.", None),
    ]
    flags, _ = _flags(srcs, parser)
    assert flags == {1: [], 2: [], 3: [], 4: []}


def test_a_place_and_day_given_for_one_principals_own_event_do_not_make_another_meeting(parser):
    # "Maru hosts a conference in Brest on 26 March": where and when Maru goes next, not where
    # the two meet.
    srcs = [
        *PREVIEWS,
        _src(4, "Maru and Kalder will hold talks on Friday on the border. Maru is hosting an international "
                "conference on the matter in Brest on March 26.", "2031-03-12"),
    ]
    flags, _ = _flags(srcs, parser)
    assert flags == {1: [], 2: [], 3: [], 4: []}


def test_two_dated_pages_a_year_apart_give_no_date_to_judge_the_others_by():
    from datetime import date

    from briefer.analyse import _agreed_date

    assert _agreed_date([date(2030, 11, 18), date(2032, 1, 28)]) is None
    assert _agreed_date([date(2030, 11, 17), date(2030, 11, 18), date(2032, 1, 28)]) == date(2030, 11, 18)


def test_of_two_dated_pages_a_year_apart_the_one_naming_the_set_s_place_gives_the_date():
    from datetime import date

    from briefer.analyse import _agreed_date

    assert _agreed_date([date(2030, 11, 18), date(2032, 1, 28)], on_place=[date(2030, 11, 18)]) == date(2030, 11, 18)


def _assert_flagged_alone(sources, reason, parser):
    """Source 4 is flagged, with `reason` in its notes; sources 1-3 stay current."""
    flags, a = _flags(sources, parser)
    assert flags[4], a.assessments.get(4)
    assert reason in " ".join(a.assessments[4].notes)
    assert all(a.is_current(i) for i in (1, 2, 3))


# Three previews of a meeting at a building only ("the White House"), none naming its city.
PALACE = [
    _src(1, "President Anna Maru will host Prime Minister Piet Kalder at the White House on Tuesday, "
            "her office said. The two leaders will discuss energy and trade.", "2031-10-09"),
    _src(2, "Kalder heads to the White House for talks with Maru on Tuesday. Maru and Kalder will also "
            "discuss the border.", "2031-10-13"),
    _src(3, "Maru will welcome Kalder at the White House on October 14, officials said. The talks are "
            "expected to focus on the fishing truce.", "2031-10-10"),
]


def test_a_preview_of_their_meeting_in_another_city_is_flagged_when_the_set_names_only_a_building(parser):
    elsewhere = _src(4, "Anna Maru and Piet Kalder will meet on Tuesday in Port Aldo, officials said. Maru "
                        "and Kalder are expected to discuss the fishing truce in Port Aldo.", "2031-09-22")
    _assert_flagged_alone([*PALACE, elsewhere], "Port Aldo", parser)


def test_a_page_written_after_the_meeting_that_looks_ahead_to_another_is_flagged(parser):
    # Dated three days after the talks, it previews another visit to Maru, which follows Varga's.
    after = _src(4, "Osterland Prime Minister Piet Kalder will make a brief working visit to Maru on Friday. "
                    "The brief trip follows President Tomas Varga's state visit earlier in the week.", "2031-10-17")
    _assert_flagged_alone([*PALACE, after], "after the meeting", parser)
    # The same page dated the day before the talks is a preview of them.
    before = _src(4, after.text, "2031-10-13")
    flags, _ = _flags([*PALACE, before], parser)
    assert flags[4] == []


def test_a_preview_of_the_two_leaders_meeting_at_a_summit_elsewhere_is_flagged_without_their_names(parser):
    # "The leaders of X and Y" pair the place as the leaders' names would.
    other = _src(4, "The leaders of Veltria and Osterland plan to meet on the sidelines of the G20 summit in "
                    "Port Aldo on Monday, at a time of tension over fishing rights. Maru and Kalder have not "
                    "held talks since Brest.", None, title="Maru and Kalder to meet at the G20")
    _assert_flagged_alone([*PREVIEWS, other], "Port Aldo", parser)


# Three previews of a bilateral on the sidelines of a summit in Lindau, in a third country.
FORUM = [
    _src(1, "Veltrian President Anna Maru will meet Osterland Prime Minister Piet Kalder on the sidelines of the Harbour "
            "Forum summit in Lindau, Austria, on Wednesday, officials said. The two leaders are expected to discuss "
            "energy.", "2031-07-01"),
    _src(2, "Maru and Kalder will hold talks at the Harbour Forum summit in Lindau, Austria, on July 3. Kalder said "
            "the talks would open a new chapter.", "2031-06-28"),
    _src(3, "Kalder travels to Lindau in Austria for the Harbour Forum summit, where he will meet Maru on Wednesday.",
         None),
]


def test_a_preview_of_the_same_summit_held_elsewhere_is_flagged_though_it_names_the_sets_country(parser):
    # Another year's edition: Austria only for Maru's state visit before it, the two paired in Port Aldo.
    other_year = _src(4, "Anna Maru will leave Veltria for the first time in two years for a trip this week, where "
                         "she will meet Kalder, officials said. Maru is due on a state visit to Austria on Wednesday. "
                         "Maru will then meet Kalder at the Harbour Forum summit in Port Aldo in Velmark, the "
                         "ministry said.", None)
    _assert_flagged_alone([*FORUM, other_year], "Harbour Forum in Port Aldo", parser)


def test_a_building_that_speaks_is_not_the_sets_venue_named(parser):
    # "the White House said" does not put the preview at the White House: it pairs them in Port Aldo,
    # and source 5 recalls that meeting as past.
    other = _src(4, "President Anna Maru is planning to meet Prime Minister Piet Kalder in Port Aldo on Wednesday, "
                    "a landmark engagement. Maru has agreed to say hello to Kalder in Port Aldo, the White House "
                    "said in a statement.", None)
    recall = _src(5, "Maru will welcome Kalder at the White House on Tuesday. They first met in Port Aldo in May.",
                  "2031-10-12")
    flags, a = _flags([*PALACE, other, recall], parser)
    assert flags[4], a.assessments.get(4)
    assert all(a.is_current(i) for i in (1, 2, 3, 5))


def test_a_page_written_months_before_the_meeting_is_stale_on_its_date_alone(parser):
    # Previews come within weeks of their meeting: a page dated five months before it previews an
    # earlier one, though it names no place or day of its own.
    srcs = [
        _src(1, "President Anna Maru will meet Prime Minister Piet Kalder in Lindau on September 21.", "2031-09-15"),
        _src(2, "Maru and Kalder will hold talks in Lindau on September 21, officials said.", "2031-09-17"),
        _src(3, "Maru and Kalder are expected to discuss the river treaty in Lindau.", "2031-09-19"),
        _src(4, "Maru and Kalder will hold talks on the fishing truce, their aides said.", "2031-04-20"),
    ]
    flags, _ = _flags(srcs, parser)
    assert flags == {1: [], 2: [], 3: [], 4: [FLAG_STALE]}
    # Three months before is within the weeks an announcement may come: one sign, no flag.
    srcs[3] = _src(4, srcs[3].text, "2031-06-25")
    flags, _ = _flags(srcs, parser)
    assert flags[4] == []


def test_a_place_they_met_at_before_is_past_though_the_sentence_looks_ahead(parser):
    # "… when they met in Brest, a talk to be deepened when they meet in Lindau": Brest is an
    # earlier meeting's place, so a preview of a meeting in Brest is stale.
    srcs = [
        _src(1, "President Anna Maru will meet Prime Minister Piet Kalder in Lindau on March 14, officials said.",
             "2031-03-03"),
        _src(2, "Kalder will host Maru in Lindau on Friday for talks on the border.", "2031-03-10"),
        _src(3, "An aide said the two leaders touched briefly on trade when they met in Brest, a talk that will "
                "be deepened when they meet in Lindau.", None),
        _src(4, "Anna Maru and Piet Kalder will meet in Brest on Sunday for the harbour summit. Maru and Kalder "
                "will sign the harbour pact in Brest.", None),
    ]
    flags, a = _flags(srcs, parser)
    assert flags[4] == [FLAG_STALE], a.assessments.get(4)
    assert flags[1] == flags[2] == flags[3] == []


_LINDAU = [
    _src(1, "Veltrian President Anna Maru will meet Osterland Prime Minister Piet Kalder in Lindau, Osterland, "
            "on March 14, officials said on Monday. The two leaders are expected to discuss energy and trade.",
            "2031-03-03"),
    _src(2, "Prime Minister Piet Kalder will host President Anna Maru in Lindau on Friday for talks on the border "
            "dispute. Kalder said the summit in Lindau would open a new chapter.", "2031-03-10"),
    _src(3, "Anna Maru travels to Lindau this week. Maru and Kalder will hold talks in Lindau on 14 March, "
            "the Veltrian foreign ministry said.", None),
]


def _flagged_ids(sources, parser) -> set[int]:
    a = analyse(sources, parser=parser)
    return {sid for sid, x in a.assessments.items() if not x.current}


def test_an_early_announcement_naming_the_meetings_month_is_no_stale_source(parser):
    announced = _src(4, "Anna Maru is expected to visit Osterland in March for talks with Piet Kalder, "
                        "officials said.", "2030-10-02")
    assert 4 not in _flagged_ids([*_LINDAU, announced], parser)
    # The same words a year before: a preview of another March.
    older = _src(4, announced.text, "2029-10-02")
    assert 4 in _flagged_ids([*_LINDAU, older], parser)


def test_a_past_event_written_with_its_year_is_no_date_of_the_sources_meeting(parser):
    recalls = _src(4, "Asked about the dispute, the killing of a fisherman off Brest on June 18, 2029, Kalder said "
                      "the talks with Maru in Lindau will not compromise the investigation.", "2031-03-11")
    assert 4 not in _flagged_ids([*_LINDAU, recalls], parser)


def test_the_visitors_call_on_the_hosts_president_is_no_other_meeting(parser):
    visit = _src(4, "During her visit, Anna Maru will call on Osterland President Jan Vos and hold talks with "
                    "Prime Minister Piet Kalder. Vos will host Maru at a state banquet. Maru will meet Vos "
                    "at the presidential palace on Friday.", "2031-03-12")
    assert 4 not in _flagged_ids([*_LINDAU, visit], parser)


_SUMMIT = [
    _src(1, "Veltrian President Anna Maru will meet Osterland Prime Minister Piet Kalder in Lindau on Monday at the "
            "Four Nations summit, their first talks in a year.", "2031-03-07"),
    _src(2, "Maru and Kalder will hold talks in Lindau on Monday on the sidelines of the Four Nations summit, "
            "officials said.", "2031-03-08"),
    _src(3, "Maru and Kalder are expected to discuss the ceasefire at the Four Nations summit in Lindau on Monday. "
            "Brestian Chancellor Jan Vos will meet Maru in Lindau too.", "2031-03-09"),
]


def test_a_third_leaders_own_talks_with_a_principal_at_the_same_summit_are_another_meeting(parser):
    own_talks = _src(4, "Brestian Chancellor Jan Vos is to hold one-to-one talks with Anna Maru in Lindau on Monday, "
                        "ahead of the summit. Vos and Maru will discuss the gas dispute. At the same summit, Vos also "
                        "plans to hold talks with Piet Kalder.", "2031-03-08",
                     title="Vos to meet Maru amid gas dispute")
    assert 4 in _flagged_ids([*_SUMMIT, own_talks], parser)
