"""Cross-source analysis: sentences, duplicates, the event, stale sources."""

from __future__ import annotations

from briefer.analyse import analyse, find_event, merge_duplicates
from briefer.brief import FLAG_STALE, Source, SourceAssessment
from briefer.pipeline import load_sources
from briefer.textutil import split_sentences


def test_split_sentences_respects_abbreviations_and_quotes():
    text = 'U.S. President Joe Biden met Gen. Brown on Nov. 16 in Lima. "We expect this," he said. Then it ended.'
    assert split_sentences(text) == [
        "U.S. President Joe Biden met Gen. Brown on Nov. 16 in Lima.",
        '"We expect this," he said.',
        "Then it ended.",
    ]


def test_a_name_with_several_initials_is_one_sentence():
    text = "The city hosted President George H.W. Bush in 1990. Then it ended."
    assert split_sentences(text) == ["The city hosted President George H.W. Bush in 1990.", "Then it ended."]


def test_an_abbreviation_at_the_end_of_a_compound_does_not_end_the_sentence():
    text = "Ishiba will seek to reaffirm that Article 5 of the Japan-U.S. Security Treaty applies. Then it ended."
    assert split_sentences(text) == [
        "Ishiba will seek to reaffirm that Article 5 of the Japan-U.S. Security Treaty applies.",
        "Then it ended.",
    ]


def test_paragraphs_always_end_a_sentence():
    assert split_sentences("Headline without stop\n\nBody starts here.") == ["Headline without stop", "Body starts here."]


def _src(i: int, text: str, date: str | None = None, title: str = "") -> Source:
    return Source(id=i, title=title or f"Source {i}", text=text, date=date, words=len(text.split()))


def test_near_duplicates_are_merged_keeping_every_source():
    a = _src(1, "Biden will meet Xi in Lima on Saturday at the summit of leaders.")
    b = _src(2, "Biden will meet Xi in Lima on Saturday at the leaders' summit.")
    c = _src(3, "Trade tensions between the two countries remain high this year.")
    sents = {s.id: split_sentences(s.text) for s in (a, b, c)}
    merged, _ = merge_duplicates([a, b, c], sents)
    assert len(merged) == 2
    lima = next(r for r in merged if "Lima" in r.text)
    assert sorted(lima.source_ids) == [1, 2]


def test_event_is_found_by_majority_across_sources():
    srcs = [
        _src(1, "U.S. President Joe Biden will meet Chinese President Xi Jinping in Lima, Peru, on Nov. 16 at the Asia-Pacific Economic Cooperation (APEC) summit.", "2024-11-13"),
        _src(2, "Biden and Xi will meet in Lima on November 16 on the sidelines of the APEC summit.", "2024-11-13"),
        _src(3, "Joe Biden is expected to meet Xi Jinping in Lima this week at the APEC summit.", "2024-11-14"),
    ]
    ev = find_event(srcs)
    assert ev.who == ["U.S. President Joe Biden", "Chinese President Xi Jinping"]
    assert ev.where == "Lima, Peru"
    assert ev.when == "2024-11-16"
    assert ev.occasion == "Asia-Pacific Economic Cooperation (APEC) summit"


def test_seed_set_flags_the_2023_san_francisco_preview(seed_paths):
    sources, warnings = load_sources(seed_paths)
    assert warnings == []
    analysis = analyse(sources)
    flagged = [s for s in sources if FLAG_STALE in analysis.assessments.get(s.id, SourceAssessment()).flags]
    assert [s.outlet for s in flagged] == ["Bloomberg"]
    # An older meeting of the same leaders: stale, for the reasons a reader can check.
    notes = analysis.assessments[flagged[0].id].notes
    assert any("San Francisco" in n for n in notes)
    assert any("past one" in n for n in notes)
    # Analysis judges the sources without changing them.
    assert sources == load_sources(seed_paths)[0]
    assert analysis.event.where == "Lima, Peru"
    assert analysis.event.when == "2024-11-16"
    # Nothing from the stale source counts as current evidence.
    assert all(r.source_id != flagged[0].id for r in analysis.current_sentences())


def test_conflicting_numbers_across_sources_are_warned(embedder):
    a = _src(1, "Officials said the two leaders will hold their third meeting in Lima on Saturday.", "2024-11-13")
    b = _src(2, "Officials said the two leaders will hold their fourth meeting in Lima on Saturday.", "2024-11-13")
    analysis = analyse([a, b], embedder)
    conflicts = [w for w in analysis.warnings if w.kind == "conflict"]
    assert len(conflicts) == 1
    assert conflicts[0].source_ids == [1, 2]
    assert "third" in conflicts[0].message and "fourth" in conflicts[0].message


def test_figures_of_different_things_are_no_conflict(embedder):
    # The filing date in a dateline, a year and a span of days count different things.
    a = _src(1, "Port Aldo, Mar 6: After a gap of over seven years, President Alma Reyes is expected to "
                "travel to Ostria later this month to attend the river states summit.", "2031-03-06")
    b = _src(2, "President Alma Reyes is likely to travel to Ostria at the end of March to attend the river "
                "states summit, her first trip to the country since 2024.", "2031-03-07")
    c = _src(3, "President Alma Reyes will travel to Ostria from March 30 to 31 to attend the river states "
                "summit, her first trip to the country since 2024.", "2031-03-08")
    analysis = analyse([a, b, c], embedder)
    assert [w for w in analysis.warnings if w.kind == "conflict"] == []


def test_a_different_day_for_the_same_meeting_is_a_conflict(embedder):
    a = _src(1, "President Alma Reyes will meet Prime Minister Ken Tamura in Port Aldo on 4 March to discuss "
                "the river treaty.", "2031-03-01")
    b = _src(2, "President Alma Reyes will meet Prime Minister Ken Tamura in Port Aldo on 8 March to discuss "
                "the river treaty.", "2031-03-01")
    conflicts = [w for w in analyse([a, b], embedder).warnings if w.kind == "conflict"]
    assert len(conflicts) == 1 and conflicts[0].source_ids == [1, 2]
