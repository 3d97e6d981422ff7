"""Sections by kind: the template says what each section is; one drafter per kind."""

from __future__ import annotations

import pytest

from briefer.brief import Source
from briefer.pipeline import draft_brief, load_sources
from briefer.sections import DraftContext, register
from briefer.template import load_template, parse_template
from briefer.textutil import words
from briefer.verify import verify_statement


@pytest.fixture(scope="module")
def parser():
    from briefer.models import load_parser

    return load_parser()


def _src(i: int, text: str, pub: str) -> Source:
    return Source(id=i, title=f"Article {i}", text=text, date=pub, date_method="dateline", words=len(text.split()))


# Two leaders, neither of them American.
NO_US = [
    _src(1, "Veltrian President Anna Maru will meet Osterland Prime Minister Piet Kalder in Lindau on March 14. "
            "Maru will press Kalder to reopen the border crossings.", "2031-03-03"),
    _src(2, "President Anna Maru and Prime Minister Piet Kalder will hold talks in Lindau on March 14. "
            "Kalder wants Maru to lower tariffs on Osterland grain.", "2031-03-05"),
]


def test_us_asks_says_plainly_when_the_us_is_not_a_party(parser):
    brief = draft_brief(NO_US, parser=parser)
    asks = brief.section("us_asks").statements
    assert len(asks) == 1
    assert asks[0].text == "The United States is not a party to this meeting between Maru and Kalder."
    assert "tariffs" not in asks[0].text and "border" not in asks[0].text


def _says_us_absent(brief) -> bool:
    return any("is not a party" in st.text for st in brief.section("us_asks").statements)


def test_a_president_the_sources_call_the_us_president_only_by_title_is_the_us_party(parser):
    # "President Tomas Varga" with no nationality; "the US president on Tuesday" says whose he is.
    sources = [
        _src(1, "President Tomas Varga will host Veltrian President Anna Maru at the White House on Tuesday. "
                "Maru will meet the US president on Tuesday to seek a tariff exemption.", "2031-10-10"),
        _src(2, "Anna Maru heads to Washington for talks with President Tomas Varga on Tuesday. "
                "Maru has praised the US president on social media for weeks.", "2031-10-12"),
    ]
    brief = draft_brief(sources, parser=parser)
    assert len(brief.event.who) == 2
    assert not _says_us_absent(brief)


def test_us_asks_is_not_declared_absent_when_only_one_side_is_known(parser):
    one_side = [
        _src(1, "Veltrian President Anna Maru will hold talks in Lindau on March 14. "
                "Maru will press for the border crossings to reopen.", "2031-03-03"),
        _src(2, "President Anna Maru travels to Lindau for talks on March 14. "
                "Maru wants lower tariffs on grain.", "2031-03-05"),
    ]
    brief = draft_brief(one_side, parser=parser)
    assert len(brief.event.who) == 1 and brief.event.who[0].endswith("Anna Maru")
    assert not _says_us_absent(brief)


def test_the_lead_line_opens_the_section_that_asks_for_it_wherever_it_is(parser):
    t = parse_template({"section": [
        {"key": "notes", "heading": "Notes", "kind": "evidence", "labels": ["agenda"]},
        {"key": "meeting", "heading": "The meeting", "kind": "evidence", "lead_line": True, "labels": ["context"]},
    ]})
    brief = draft_brief(NO_US, template=t, parser=parser)
    lead = brief.section("meeting").statements[0]
    assert lead.text.startswith("Veltrian President Anna Maru and ")
    assert "Lindau" in lead.text and "14 March 2031" in lead.text
    assert not any(st.text == lead.text for st in brief.section("notes").statements)


def test_a_lead_kind_section_holds_only_the_event_line(parser):
    t = parse_template({"section": [{"key": "m", "heading": "Meeting", "kind": "lead"}]})
    brief = draft_brief(NO_US, template=t, parser=parser)
    assert [st.note.startswith("assembled") for st in brief.section("m").statements] == [True]


def test_a_new_section_kind_is_one_registered_drafter(parser):
    from briefer.brief import Statement

    @register("count-sources")
    def count(spec, ctx: DraftContext):
        n = len(ctx.analysis.current_sources)
        return [Statement(f"{n} current sources were read.", citations=[s.id for s in ctx.analysis.current_sources])]

    t = parse_template({"section": [{"key": "n", "heading": "N", "kind": "count-sources"}]})
    brief = draft_brief(NO_US, template=t, parser=parser)
    assert brief.section("n").statements[0].text == "2 current sources were read."


def test_the_bottom_line_is_short_cited_verified_and_taken_from_the_sections_below(seed_paths, embedder, parser):
    sources, _ = load_sources(seed_paths)
    brief = draft_brief(sources, embedder=embedder, parser=parser)
    assert brief.sections[0].key == "bluf"
    bluf = brief.section("bluf").statements
    assert 1 <= len(bluf) <= 2
    assert sum(len(words(st.text)) for st in bluf) <= load_template().spec("bluf").max_words
    for st in bluf:
        assert st.citations and st.evidence
    # The meeting, shortened from the lead line by deletion.
    assert bluf[0].text.startswith("Biden and Xi meet in Lima")
    below = [st for sec in brief.sections[1:] for st in sec.statements]
    if len(bluf) == 2:
        # Taken from a statement below, perhaps shortened further by deleting an aside.
        source = next(st for st in below if (st.citations == bluf[1].citations
                                             and bluf[1].text.rstrip(".") in st.text) or st.text == bluf[1].text)
        assert verify_statement(bluf[1].text, [e for _, e in source.evidence]).supported


def test_the_bottom_lines_point_is_what_a_principal_will_do_not_the_most_average_bullet(embedder, parser):
    from briefer.analyse import looks_ahead

    sources = [
        _src(1, "Veltrian President Anna Maru will meet Osterland Prime Minister Piet Kalder in Lindau on March 14. "
                "Maru will press Kalder to reopen the border crossings closed since the autumn floods. "
                "Analysts said trade between the neighbours has fallen for three years.", "2031-03-03"),
        _src(2, "President Anna Maru and Prime Minister Piet Kalder will hold talks in Lindau on March 14. "
                "Trade between the two neighbours fell by a fifth last year, customs data showed. "
                "Exporters on both sides said falling trade had cost thousands of jobs.", "2031-03-05"),
    ]
    brief = draft_brief(sources, embedder=embedder, parser=parser)
    bluf = brief.section("bluf").statements
    assert len(bluf) == 2
    opening = " ".join(bluf[1].text.split()[:8])
    assert ("Maru" in opening or "Kalder" in opening) and looks_ahead(bluf[1].text)


def test_no_bullet_of_the_sample_brief_is_longer_than_the_maximum(seed_paths, embedder, parser):
    from briefer.compress import MAX_WORDS

    sources, _ = load_sources(seed_paths)
    brief = draft_brief(sources, embedder=embedder, parser=parser)
    lengths = [len(words(st.text)) for sec in brief.sections for st in sec.statements
               if "assembled from the event" not in st.note]
    assert lengths and max(lengths) <= MAX_WORDS


def test_a_sentence_whose_bullet_stays_too_long_is_left_for_a_shorter_one(embedder, parser, monkeypatch):
    from briefer import pipeline

    def texts(brief):
        return [st.text for sec in brief.sections for st in sec.statements]

    assert any("grain" in t for t in texts(draft_brief(NO_US, embedder=embedder, parser=parser)))
    real = pipeline.bullet_text
    monkeypatch.setattr(pipeline, "bullet_text", lambda s: " ".join(["grain"] * 99) if "grain" in s else real(s))
    brief = draft_brief(NO_US, embedder=embedder, parser=parser)
    assert not any("grain" in t for t in texts(brief))
    assert any("border crossings" in t for t in texts(brief))


def test_a_us_ask_whose_bullet_loses_the_us_side_to_the_deletion_is_no_us_ask(seed_paths, embedder, parser, monkeypatch):
    from briefer import pipeline

    def asks(brief):
        return [st.text for st in brief.section("us_asks").statements]

    sources, _ = load_sources(seed_paths)
    assert any("reckless attacks" in t for t in asks(draft_brief(sources, embedder=embedder, parser=parser)))
    # Were the deletion to cut "Biden will warn Xi Jinping that" and the US networks, the bullet
    # would say nothing of whose warning it is.
    real = pipeline.bullet_text
    monkeypatch.setattr(pipeline, "bullet_text", lambda s: "Reckless attacks will only lead to further decoupling."
                        if "reckless attacks" in s else real(s))
    assert not any("reckless attacks" in t for t in asks(draft_brief(sources, embedder=embedder, parser=parser)))


def test_the_word_budget_is_spent_on_bullets_not_on_the_sentences_they_are_cut_from():
    from briefer.generate import bullet_text

    sentence = ("President Alma Reyes, who took office in May after a disputed election, will press Prime Minister "
                "Tomas Varga to reopen the northern border crossings, a senior government official said on Tuesday.")
    assert len(words(bullet_text(sentence))) < len(words(sentence))


def test_the_sections_together_keep_to_the_body_word_budget(seed_paths, embedder, parser):
    import dataclasses

    sources, _ = load_sources(seed_paths)
    t = dataclasses.replace(load_template(), max_body_words=120)
    brief = draft_brief(sources, template=t, embedder=embedder, parser=parser)
    body = [st for sec in brief.sections if t.spec(sec.key).kind == "evidence" for st in sec.statements]
    assert body and sum(len(words(st.text)) for st in body) <= 120
    # The section that takes background is the one that gives way.
    full = draft_brief(sources, embedder=embedder, parser=parser)
    assert len(brief.section("context").statements) < len(full.section("context").statements)


def test_the_absent_side_statement_counts_against_the_body_word_budget(embedder, parser):
    import dataclasses

    t = dataclasses.replace(load_template(), max_body_words=45)
    brief = draft_brief(NO_US, template=t, embedder=embedder, parser=parser)
    body = [st for sec in brief.sections if t.spec(sec.key).kind == "evidence" for st in sec.statements]
    assert any("is not a party" in st.text for st in body)
    assert len(body) >= 3  # the event line, the absent side and at least one bullet
    assert sum(len(words(st.text)) for st in body) <= 45


def test_a_place_named_with_the_keeps_its_article_in_the_lead():
    from briefer.sections.lead import _with_article

    assert _with_article("United States") == "the United States"
    assert _with_article("Netherlands") == "the Netherlands"
    assert _with_article("Lindau, Osterland") == "Lindau, Osterland"
