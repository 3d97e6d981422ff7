"""Evidence selection: which sentences become bullets, on a made-up meeting.

Each test states one rule of `briefer.evidence` / `briefer.pipeline` that decides whether a
fact of the sources reaches the brief.
"""

from __future__ import annotations

from briefer.analyse import analyse
from briefer.brief import Source, Statement
from briefer.evidence import _DANGLING, evidence_specs, score_sentences
from briefer.pipeline import lead_restatements
from briefer.template import load_template

ARTICLES = [
    (
        "Reyes and Tamura to meet in Port Aldo",
        "PORT ALDO, March 3 (Wire) - President Alma Reyes of Veloria and Prime Minister Ken Tamura of Ostria "
        "will meet in Port Aldo on Friday, officials said.\n\n"
        "It will be the first meeting between Reyes and Tamura in Port Aldo since Ostria pulled out of the river water "
        "treaty in January, ending a decade of joint patrols.\n\n"
        "Reyes and Tamura will meet in Port Aldo on Friday for talks.\n\n"
        "The leaders are expected to discuss the river treaty, fishing quotas and a stalled rail link.\n\n"
        "But analysts predicted that Tamura is unlikely to emerge from the talks with any new treaty.\n\n"
        "They were partners in the old customs union, a period of open borders.",
        "2031-03-03",
    ),
    (
        "Port Aldo talks",
        "Reyes will press Tamura to restore the joint patrols on the river, an aide said.\n\n"
        "The summit will also touch on fishing quotas between two nations who have previously enjoyed "
        "closer ties.\n\n"
        "Tamura arrived in Port Aldo by train on Thursday.",
        "2031-03-02",
    ),
]


def _analysis(embedder):
    sources = [Source(id=i + 1, title=title, text=body, date=day, words=len(body.split()))
               for i, (title, body, day) in enumerate(ARTICLES)]
    return analyse(sources, embedder, None)


def _score_of(analysis, cands, scores, specs, key, start):
    i = [s.key for s in specs].index(key)
    j = next(j for j, c in enumerate(cands) if c.text.startswith(start))
    return float(scores[i, j])


def test_an_opening_but_does_not_make_a_sentence_lean_on_the_one_before():
    assert not _DANGLING.search("But analysts predicted that Tamura is unlikely to emerge with a treaty.")
    assert not _DANGLING.search("And the two sides will sign a rail accord.")
    assert _DANGLING.search("They were partners in the old customs union.")
    assert _DANGLING.search("But they remain divided over fishing quotas.")
    assert _DANGLING.search("He said the talks would go well.")
    assert _DANGLING.search("Even so, he called it a breakthrough agreement.")  # who is "he"?
    assert not _DANGLING.search("On Friday, Reyes will host Tamura for talks.")


def test_a_sentence_opening_on_otherwise_or_instead_leans_on_the_one_before():
    assert _DANGLING.search("Otherwise, the divergences could go out of control.")
    assert _DANGLING.search("Instead, Reyes will fly to Lindau.")
    assert not _DANGLING.search("In contrast to Reyes, Tamura will stay home.")


def test_a_sentence_that_announces_a_list_it_does_not_give_is_no_bullet():
    assert _DANGLING.search("Here are the main issues each leader will raise and what they hope to achieve.")
    assert _DANGLING.search("Here is what is expected to be on the agenda.")
    assert _DANGLING.search("Here’s what to expect.")
    assert not _DANGLING.search("Here in Lindau, Reyes will host Tamura on Friday.")
    assert not _DANGLING.search("Hereford officials will attend the talks.")


def test_a_sentence_about_the_meeting_ahead_that_recalls_the_past_is_still_agenda(embedder):
    analysis = _analysis(embedder)
    template = load_template()
    specs = [s for s in template.sections if s.key in ("context", "agenda", "outlook")]
    cands, scores = score_sentences(analysis, specs, embedder)
    # "will also touch on … who have previously enjoyed closer ties": ahead, not a recollection.
    assert _score_of(analysis, cands, scores, specs, "agenda", "The summit will also touch on") > -1.0
    # A bare recollection stays out of the sections about what happens next.
    assert _score_of(analysis, cands, scores, specs, "outlook", "They were partners") == -1.0


def test_a_restatement_of_the_event_line_goes_but_one_with_a_fact_of_its_own_stays(embedder):
    analysis = _analysis(embedder)
    lead = Statement("President Alma Reyes and Prime Minister Ken Tamura meet in Port Aldo on Friday.", [1, 2])
    used = lead_restatements(analysis, lead, embedder)
    texts = {r.text for r in analysis.sentences if r.id in used}
    assert "Reyes and Tamura will meet in Port Aldo on Friday for talks." in texts
    assert not any(t.startswith("It will be the first meeting") for t in texts)


RIVAL = [
    ("Reyes to host Tamura", "President Alma Reyes will host Prime Minister Ken Tamura in Port Aldo on Friday, "
     "March 7, the palace said.\n\nThe leaders will meet on March 7 to discuss the river treaty.", "2031-03-03"),
    ("Tamura heads to Port Aldo", "Prime Minister Ken Tamura will travel to Port Aldo on March 7 for talks with "
     "President Alma Reyes.\n\nEarlier, a newspaper reported that Tamura will hold talks with Reyes in Port Aldo "
     "on March 12.\n\nTamura will meet Reyes after attending a March 5 summit of river states.", "2031-03-02"),
]


def test_an_overtaken_report_of_the_meeting_day_is_no_evidence(embedder):
    from briefer.evidence import rival_date

    sources = [Source(id=i + 1, title=t, text=b, date=d, words=len(b.split())) for i, (t, b, d) in enumerate(RIVAL)]
    analysis = analyse(sources, embedder, None)
    assert str(analysis.frame.when) == "2031-03-07"
    rivals = [c.text for c in analysis.current_sentences() if rival_date(c, analysis)]
    assert rivals == ["Earlier, a newspaper reported that Tamura will hold talks with Reyes in Port Aldo on March 12."]


def test_sentences_a_reader_cannot_place_are_no_bullets():
    from briefer.evidence import _DANGLING, _SPEAKER
    from briefer.textutil import FIRST_PERSON as _FIRST_PERSON

    # Who is "he"? Which "they"? The sentence before said; the brief does not show it.
    assert _DANGLING.search("We must find where the red lines are, he said in a statement.")
    assert _DANGLING.search("‘The river will be on every agenda in the coming weeks,’ he said.")
    assert _DANGLING.search("If they do, how to settle it and how to work it out.")
    assert not _DANGLING.search("If the treaty is signed, the river patrols will resume.")
    # Someone speaks, and the sentence does not say who.
    unplaced = "There is no misunderstanding between us on the river."
    assert _FIRST_PERSON.search(unplaced) and not _SPEAKER.search(unplaced)
    placed = "'We will restore the patrols,' Reyes told reporters."
    assert _SPEAKER.search(placed)
    assert not _FIRST_PERSON.search("The US will press Ostria on fishing quotas.")


def test_a_sentence_whose_news_is_that_there_is_none_ranks_below_one_with_news(embedder):
    text = ("President Alma Reyes and Prime Minister Ken Tamura will meet in Port Aldo on Friday.\n\n"
            "Tamura will travel to Port Aldo by train for a two-day visit, the palace said.\n\n"
            "Tamura will travel to Port Aldo by train, but the palace did not give further details.")
    analysis = analyse([Source(id=1, title="Port Aldo talks", text=text, date="2031-03-03", words=40)], embedder, None)
    specs = [s for s in load_template().sections if s.key == "context"]
    cands, scores = score_sentences(analysis, specs, embedder)
    none = _score_of(analysis, cands, scores, specs, "context", "Tamura will travel to Port Aldo by train, but")
    news = _score_of(analysis, cands, scores, specs, "context", "Tamura will travel to Port Aldo by train for")
    assert none < news - 0.1


def test_an_ask_belongs_to_the_side_named_first():
    import numpy as np

    from briefer.analyse import SentenceRec
    from briefer.evidence import _side_first, _side_patterns, _split_asks, evidence_specs
    from briefer.models import load_parser

    sources = [
        Source(id=i, title=f"Article {i}", text=t, date="2031-03-03", date_method="dateline", words=len(t.split()))
        for i, t in enumerate([
            "US President Jon Brack will meet Ostrian Prime Minister Piet Kalder in Lindau on March 14.",
            "President Jon Brack and Prime Minister Piet Kalder will hold talks in Lindau on March 14.",
        ], start=1)
    ]
    a = analyse(sources, parser=load_parser())
    specs = evidence_specs(load_template(), a)
    names = ["context", "agenda", "us_asks", "other_asks", "outlook", "none"]
    texts = ["Kalder told Brack that Ostria wants the grain tariffs lifted.",  # Ostria's ask
             "Brack will press Kalder to reopen the border crossings.",  # the US side's
             "Ostria will press Brack to lift the grain tariffs.",  # its country ("Ostrian"), named first
             # Who reports it is not whose it is: the claim after "reported that" is Ostria's.
             "US officials have reported that Ostria has raised its grain tariffs again.",
             "US officials said that Brack will press Kalder to reopen the border crossings."]
    cands = [SentenceRec(id=100 + k, source_id=1, index=5 + k, text=t) for k, t in enumerate(texts)]
    probs = np.tile(np.array([0.1, 0.1, 0.3, 0.3, 0.1, 0.1]), (len(texts), 1))
    sides = _side_patterns(a, next(s for s in specs if s.key == "us_asks"))
    out = _split_asks(probs, names, cands, [_side_first(c.text, *sides) for c in cands])
    us, other = names.index("us_asks"), names.index("other_asks")
    assert out[0, us] == 0 and out[0, other] > 0
    assert out[1, us] > 0 and out[1, other] == 0
    assert out[2, us] == 0 and out[2, other] > 0
    assert out[3, us] == 0 and out[3, other] > 0
    assert out[4, us] > 0 and out[4, other] == 0


def test_the_other_sides_country_marks_its_ask_when_the_sources_give_its_leader_no_nationality():
    from briefer.evidence import _side_first, _side_patterns
    from briefer.models import load_parser

    texts = ["US President Jon Brack will meet Prime Minister Piet Kalder in Bergen on March 14.",
             "President Jon Brack and Prime Minister Piet Kalder will hold talks in Bergen on March 14."]
    a = analyse([Source(id=i, title=f"Article {i}", text=t, date="2031-03-03", date_method="dateline",
                        words=len(t.split())) for i, t in enumerate(texts, start=1)], parser=load_parser())
    assert [p.nationality for p in a.frame.people if p.name == "Piet Kalder"] == [""]
    # The countries the sources pair with a principal's (as the frame reads them from the texts).
    a.frame.countries = {"Norway", "U.S"}
    spec = next(s for s in evidence_specs(load_template(), a) if s.key == "us_asks")
    sides = _side_patterns(a, spec)
    assert not _side_first("For now, Norway aims to secure Washington's understanding of its tariffs.", *sides)
    assert _side_first("Washington will press Norway to lift its tariffs.", *sides)


def test_the_us_asks_take_only_sentences_that_name_the_us_side_first(embedder):
    from briefer.models import load_parser

    text = ("US President Jon Brack will meet Ostrian Prime Minister Piet Kalder in Lindau on March 14.\n\n"
            "Brack will press Kalder to reopen the border crossings closed since the floods.\n\n"
            "Kalder said Ostria is willing to talk to the United States about the border crossings.")
    a = analyse([Source(id=1, title="Lindau talks", text=text, date="2031-03-03", date_method="dateline",
                        words=len(text.split()))], embedder, load_parser())
    specs = evidence_specs(load_template(), a)
    cands, scores = score_sentences(a, specs, embedder)
    assert _score_of(a, cands, scores, specs, "us_asks", "Brack will press") > 0
    assert _score_of(a, cands, scores, specs, "us_asks", "Kalder said Ostria") == -1.0  # Ostria's offer, no US ask


def test_a_sentence_the_page_cut_off_keeps_what_it_said_before_the_cut_marked_as_cut():
    from briefer.evidence import complete_part, cut_off

    text = "Reyes arrives on Friday. The leaders may also discuss the rail link and the fishing quotas in Po"
    last = "The leaders may also discuss the rail link and the fishing quotas in Po"
    assert cut_off(last, text)
    assert not cut_off("Reyes arrives on Friday.", text)  # not the end of the source
    assert not cut_off("The leaders will meet on Friday.", text + " The leaders will meet on Friday.")
    assert complete_part(last) == "The leaders may also discuss the rail link and the fishing quotas…"


def test_a_cut_off_figure_or_negation_is_not_kept_as_if_whole():
    from briefer.evidence import complete_part

    # "$66 bil[lion]": the figure without its unit would be wrong.
    assert complete_part("The accord would serve as repayment for the aid of nearly $66 bil") == \
        "The accord would serve as repayment for the aid…"
    # Ending on "would not" would say the opposite of what was cut.
    assert complete_part("Reyes insisted that the summit would “not be just a phot") is None
    # Only a stray word after a whole sentence: the sentence stands as it is.
    assert complete_part("Tamura will leave the session early to make the meeting. block") == \
        "Tamura will leave the session early to make the meeting."


def test_a_cut_off_clause_without_its_main_clause_is_no_bullet():
    from briefer.evidence import complete_part

    assert complete_part("Since the first informal meeting between the leaders of both countries in Po") is None
    # The main clause came before the cut: it stands.
    assert complete_part("Since their first meeting in Brest, the two leaders have met four times in Po") == \
        "Since their first meeting in Brest, the two leaders have met four times…"


def _antecedents_of(text: str) -> list[str]:
    """The "They" sentences of `text` (one source beside a short second one) with who is meant."""
    from briefer.evidence import _their_antecedents
    from briefer.models import load_parser

    sources = [Source(id=1, title="Reyes and Tamura to meet", text=text, date="2031-03-03", date_method="dateline",
                      words=len(text.split())),
               Source(id=2, title="Port Aldo talks", text="Reyes will meet Tamura in Port Aldo on Friday.",
                      date="2031-03-02", date_method="dateline", words=9)]
    return sorted(_their_antecedents(analyse(sources, parser=load_parser())).values())


def test_they_after_a_sentence_about_the_two_leaders_names_them_in_brackets():
    text = ("President Alma Reyes of Veloria will meet Prime Minister Ken Tamura of Ostria in Port Aldo on Friday.\n\n"
            "Reyes and Tamura last met in 2029.\n\n"
            "They are expected to discuss the river treaty and fishing quotas.\n\n"
            "Aides to Reyes confirmed the trip on Monday.\n\n"
            "They say she will also visit a rail depot.\n\n"
            "The summit will touch on issues between two nations who have drifted apart.\n\n"
            "They were partners in the old customs union.")
    resolved = _antecedents_of(text)
    assert any(t.startswith("[") and "Reyes" in t and "Tamura" in t and t.endswith("] are expected to discuss the river "
               "treaty and fishing quotas.") for t in resolved)
    assert "[The two countries] were partners in the old customs union." in resolved
    assert not any("rail depot" in t for t in resolved)  # "they" are the aides: left alone


def test_a_weaker_sentence_fills_a_body_with_words_to_spare_but_not_a_weak_one(embedder, monkeypatch):
    import numpy as np

    from briefer import evidence

    analysis = _analysis(embedder)
    template = load_template()
    specs = evidence.evidence_specs(template, analysis)
    cands, _ = score_sentences(analysis, specs, embedder)
    strong = next(c for c in cands if c.text.startswith("The leaders are expected"))
    fair = next(c for c in cands if c.text.startswith("Reyes will press"))
    weak = next(c for c in cands if c.text.startswith("But analysts"))
    mine = [strong, fair, weak]
    i = [s.key for s in specs].index("agenda")
    scores = np.zeros((len(specs), 3))
    scores[i] = [1.0, 0.42, 0.2]  # best, between the two floors, below both
    monkeypatch.setattr(evidence, "score_sentences", lambda *a, **k: (mine, scores))
    texts = [e.sentence.text for e in evidence.select_evidence(analysis, template, None)["agenda"]]
    assert texts == [strong.text, fair.text]


class _FixedPlacement:
    """A placement that gives every sentence the same probabilities."""

    labels = ("context", "agenda", "us_asks", "other_asks", "outlook", "none")

    def __init__(self, row):
        self.row = row

    def predict(self, analysis, cands):
        import numpy as np

        return np.tile(np.array(self.row, dtype=float), (len(cands), 1))


def test_a_sentence_is_placed_nowhere_only_when_none_is_the_majority(embedder):
    analysis = _analysis(embedder)
    specs = evidence_specs(load_template(), analysis)
    # "none" leads but is no majority: the sentence is still a candidate.
    _, scores = score_sentences(analysis, specs, embedder, _FixedPlacement([0.05, 0.2, 0.31, 0.04, 0.04, 0.36]))
    assert (scores > -1.0).any()
    # "none" is the majority: nowhere.
    _, scores = score_sentences(analysis, specs, embedder, _FixedPlacement([0.05, 0.1, 0.2, 0.04, 0.01, 0.6]))
    assert (scores <= -1.0).all()


def test_a_sentence_whose_only_pronoun_is_its_speaker_is_evidence_without_the_attribution():
    from briefer.evidence import _speaker_only

    # The bullet drops "He said": what is left needs no sentence before it.
    assert _speaker_only("He said the date for the visit to Ostria had not been set yet, but it could be "
                         "discussed during Friday's meeting.")
    assert _speaker_only("The meeting in Port Aldo is really overdue, and both capitals understand it, he said.")
    # "they" still asks "who?"; and a second verb of the speaker's would pass to someone else.
    assert not _speaker_only("Naturally, they will give a positive assessment of the partnership, he added.")
    assert not _speaker_only("He said Ostria should forget about the treaty and repeated Veloria's claims "
                             "about the river.")
    # Without its speaker, "us" is no one.
    assert not _speaker_only("“The entire place is locked down for us,” he said.")
    # A pronoun that is not the speaker leans on the sentence before as before.
    assert not _speaker_only("He will travel to Port Aldo on Friday for the talks.")


def test_a_quotation_whose_speaker_is_a_pronoun_is_no_evidence():
    from briefer.evidence import leans_on_context

    # The quotation keeps its speaker in the bullet, and "he" is nobody without the sentence before.
    assert leans_on_context("“As neighbours and partners, the ties between our countries have never been closer,” "
                            "he further said.")
    assert leans_on_context("“The talks in Port Aldo will be frank,” she said.")
    # Named, the speaker says who "our" is.
    assert not leans_on_context("“As neighbours and partners, the ties between our countries have never been "
                                "closer,” Reyes said.")
    # "I … say" is the first person speaking, not someone saying who "I" is.
    assert leans_on_context("\"I'm only going to say that President Reyes is going to make statements in "
                            "principle on this front.\"")


def test_a_sentence_whose_subject_is_a_pronoun_after_a_time_is_no_evidence():
    from briefer.evidence import leans_on_context

    assert leans_on_context("On Tuesday he hoped the trade talks with Ostria would be completed this year.")
    assert leans_on_context("Last week they said the summit in Port Aldo would be difficult.")
    assert not leans_on_context("On Tuesday the two leaders will meet in Port Aldo to discuss trade.")


def test_an_if_clause_after_and_whose_subject_is_a_pronoun_is_no_evidence():
    from briefer.evidence import leans_on_context

    # "And if they do, …": the bullet drops the "And", and "they" is still no one.
    assert leans_on_context("“And if they do, how to resolve it and how to work it out.”")
    assert not leans_on_context("And when the leaders meet in Port Aldo, the levy will top the agenda.")


def test_a_sentence_the_page_cut_before_its_subject_is_no_evidence():
    from briefer.evidence import leans_on_context

    assert leans_on_context("Will visit Ostria for three days starting January 8, the ministry said today.")
    assert leans_on_context("Has also held talks with Tamura on the levy.")
    assert not leans_on_context("Will Reyes press Tamura on the levy? Officials would not say.")
    # A line break in the page split the sentence from its subject.
    assert leans_on_context("will visit Ostria for three days starting January 8, the ministry said today.")


def _agenda_of(embedder, monkeypatch, first: str, second: str) -> list[str]:
    """The agenda section selected from two sentences that both score at the top."""
    import numpy as np

    from briefer import evidence

    texts = [first, second]
    sources = [Source(id=i + 1, title="", text=t, date="2031-03-02", words=len(t.split())) for i, t in enumerate(texts)]
    analysis = analyse(sources, embedder, None)
    template = load_template()
    specs = evidence.evidence_specs(template, analysis)
    cands = [next(c for c in analysis.sentences if c.text == t) for t in texts]
    scores = np.zeros((len(specs), 2))
    scores[[s.key for s in specs].index("agenda")] = [1.0, 0.95]
    monkeypatch.setattr(evidence, "score_sentences", lambda *a, **k: (cands, scores))
    return [e.sentence.text for e in evidence.select_evidence(analysis, template, None)["agenda"]]


def test_two_sentences_that_name_the_same_topic_but_say_different_things_both_stay(embedder, monkeypatch):
    ask = "Reyes will press Tamura to lift the levy on Veloria's grain exports, an aide said."
    background = "Grain prices in Ostria rose after the levy was doubled in a dispute over fishing boats."
    assert _agenda_of(embedder, monkeypatch, ask, background) == [ask, background]


def test_a_restatement_in_other_words_is_left_out_although_the_embeddings_differ(embedder, monkeypatch):
    ask = "Reyes will press Tamura to restore the joint patrols on the river, an aide said."
    again = "Veloria wants Ostria to restore the joint river patrols."
    assert _agenda_of(embedder, monkeypatch, ask, again) == [ask]


def test_a_demonstrative_after_an_opening_word_leans_on_the_sentence_before():
    from briefer.evidence import leans_on_context

    # "that" is whatever the sentence before named; read alone, the bullet says nothing.
    assert leans_on_context("‘Certainly, that will come up,’ one official said.")
    assert leans_on_context("In the end, those talks in Port Aldo collapsed over fishing quotas.")
    assert not leans_on_context("In the end, the talks in Port Aldo collapsed over fishing quotas.")


def test_a_suggestion_in_the_first_person_plural_without_a_speaker_is_no_evidence():
    from briefer.evidence import leans_on_context

    assert leans_on_context("Let’s see how things unfold in Port Aldo in the coming hours.")
    # Said by someone named, it is that person's view.
    assert not leans_on_context("“Let’s see how things unfold,” Reyes told reporters in Port Aldo.")


def test_a_near_best_sentence_of_any_section_comes_before_a_weak_one_of_another(embedder, monkeypatch):
    # The body has words for three bullets. Agenda is filled before Context, but Context's
    # near-best sentence is worth more than Agenda's weak one, so it takes the last words.
    import dataclasses

    import numpy as np

    from briefer import evidence
    from briefer.sections.evidence import absent_party_statement
    from briefer.template import KIND_EVIDENCE
    from briefer.textutil import words

    analysis = _analysis(embedder)
    template = load_template()
    specs = evidence.evidence_specs(template, analysis)
    pick = {start: next(c for c in analysis.sentences if c.text.startswith(start)) for start in (
        "The leaders are expected", "It will be the first meeting", "They were partners", "Reyes will press")}
    agenda_best, context_best, context_near, agenda_weak = pick.values()
    cands = [agenda_best, context_best, context_near, agenda_weak]
    scores = np.zeros((len(specs), 4))
    keys = [s.key for s in specs]
    scores[keys.index("agenda")] = [1.0, 0.0, 0.0, 0.40]  # above the last floor (0.35) only
    scores[keys.index("context")] = [0.0, 1.0, 0.48, 0.0]  # near its best
    n = [len(words(c.text)) for c in cands]
    absent = sum(len(words(absent_party_statement(sp, analysis).text)) for sp in template.sections
                 if sp.kind == KIND_EVIDENCE and sp not in specs)
    template = dataclasses.replace(template, max_body_words=absent + n[0] + n[1] + max(n[2], n[3]))
    monkeypatch.setattr(evidence, "score_sentences", lambda *a, **k: (cands, scores))
    chosen = evidence.select_evidence(analysis, template, None, placement=object())
    assert [e.sentence.text for e in chosen["context"]] == [context_best.text, context_near.text]
    assert [e.sentence.text for e in chosen["agenda"]] == [agenda_best.text]


def test_a_sentence_opening_on_after_that_leans_on_the_one_before():
    from briefer.evidence import leans_on_context

    assert leans_on_context("After that, Reyes and Tamura will give a press briefing.")
    assert leans_on_context("From there, Tamura will travel on to the river ports.")
    assert leans_on_context("Despite this, Veloria wants the patrols restored.")
    # A demonstrative that points into its own sentence is no reference to the one before.
    assert not leans_on_context("After that meeting, Reyes and Tamura will give a press briefing.")
    assert not leans_on_context("Despite this week's talks, Veloria wants the patrols restored.")


def test_they_after_a_sentence_about_officials_of_both_sides_names_them_in_brackets():
    text = ("President Alma Reyes of Veloria will meet Prime Minister Ken Tamura of Ostria in Port Aldo on Friday.\n\n"
            "Veloran and Ostrian officials resumed talks on the river treaty last week.\n\n"
            "But they remain divided over fishing quotas and the rail link.\n\n"
            "Veloran and Ostrian officials of the river board met on Monday.\n\n"
            "They agreed on nothing.")
    resolved = _antecedents_of(text)
    assert "But [Veloran and Ostrian officials] remain divided over fishing quotas and the rail link." in resolved
    # Officials "of the river board" are some of them, not both sides: left alone.
    assert not any("agreed on nothing" in t for t in resolved)


def test_an_exclaimed_or_asked_quotation_whose_speaker_is_a_pronoun_is_no_evidence():
    from briefer.evidence import leans_on_context

    assert leans_on_context('"I look forward to seeing him on the 25th!" he said.')
    assert leans_on_context("“Who could object to talks in Lindau?” she said.")


def test_an_example_or_an_inclusion_leans_on_the_sentence_before():
    assert _DANGLING.search("For example, over the last year the two sides have resumed military talks.")
    assert _DANGLING.search("At the same time, the president has shown the two can manage differences.")
    assert _DANGLING.search("This includes Ostria's support for the rebels.")
    assert not _DANGLING.search("This will be their third meeting.")


def test_what_this_comes_after_or_follows_is_the_sentence_before():
    assert _DANGLING.search("This comes in the backdrop of Ostria's made-at-home push.")
    assert _DANGLING.search("This follows their cooperation in similar situations last year.")
    assert not _DANGLING.search("It comes weeks after Maru secured a third term.")  # "it": the meeting


def test_an_official_who_refused_to_comment_is_no_news():
    from briefer.evidence import _NO_NEWS

    assert _NO_NEWS.search("Asked whether Reyes would raise the treaty, the official refused to comment.")


def test_a_discussion_that_took_place_is_background_not_agenda(embedder):
    text = ("President Alma Reyes and Prime Minister Ken Tamura will meet in Port Aldo on Friday.\n\n"
            "Reyes, Tamura and Lee spent most of their 50-minute discussion on the river treaty, agreeing it "
            "should not be in Ostria's interest.\n\n"
            "Reyes and Tamura will discuss the river treaty and fishing quotas.")
    analysis = analyse([Source(id=1, title="Port Aldo talks", text=text, date="2031-03-03", words=45)], embedder, None)
    specs = [s for s in load_template().sections if s.key in ("context", "agenda")]
    cands, scores = score_sentences(analysis, specs, embedder)
    assert _score_of(analysis, cands, scores, specs, "agenda", "Reyes, Tamura and Lee spent") == -1.0
    assert _score_of(analysis, cands, scores, specs, "agenda", "Reyes and Tamura will discuss") > -1.0
    assert _score_of(analysis, cands, scores, specs, "context", "Reyes, Tamura and Lee spent") > -1.0


def test_what_other_sources_report_in_their_own_words_is_counted_as_an_echo(embedder):
    from briefer.evidence import _echoes, _without_instructions

    texts = [
        "Anna Maru and Piet Kalder will discuss a new gas pipeline across their border in Lindau on Friday. "
        "Maru will also open a trade fair.",
        "The two leaders are expected to talk about building a cross-border gas pipeline when they meet in Lindau.",
        "Talks on a gas pipeline across the border will top the agenda when Maru meets Kalder, officials said. "
        "Kalder will visit a car factory on Saturday.",
    ]
    sources = [Source(id=i + 1, title=f"Article {i + 1}", text=t, date="2031-03-10", words=len(t.split()))
               for i, t in enumerate(texts)]
    analysis = analyse(sources, embedder, None)
    cands = _without_instructions(analysis)
    echoes = {c.text: n for c, n in zip(cands, _echoes(analysis.embeddings[[c.id for c in cands]], cands))}
    # The first and the third source report the pipeline talks in other words: each echoes the other.
    assert echoes["Anna Maru and Piet Kalder will discuss a new gas pipeline across their border in Lindau on "
                  "Friday."] == 1
    assert echoes["Talks on a gas pipeline across the border will top the agenda when Maru meets Kalder, officials "
                  "said."] == 1
    assert echoes["Kalder will visit a car factory on Saturday."] == 0
    assert echoes["Maru will also open a trade fair."] == 0


def test_a_sentence_close_to_the_event_line_is_a_bullet_when_it_says_what_the_line_cannot(embedder, monkeypatch):
    import numpy as np

    from briefer import evidence

    lead = Statement("President Alma Reyes and Prime Minister Ken Tamura meet in Port Aldo on Friday.", [1])
    plain = "President Alma Reyes and Prime Minister Ken Tamura will meet in Port Aldo on Friday."
    more = ("Tamura will meet Reyes in Port Aldo on Friday, his inaugural summit abroad, seeking a deal on "
            "river tolls and the stalled rail link.")
    body = f"{plain}\n\n{more}"
    analysis = analyse([Source(id=1, title="Reyes and Tamura", text=body, date="2031-03-03",
                               words=len(body.split()))], embedder, None)
    template = load_template()
    specs = evidence.evidence_specs(template, analysis)
    cands = [s for s in analysis.sentences if s.text in (plain, more)]
    assert len(cands) == 2
    i = [s.key for s in specs].index("context")
    scores = np.zeros((len(specs), 2))
    scores[i] = [1.0, 1.0]
    monkeypatch.setattr(evidence, "score_sentences", lambda *a, **k: (cands, scores))
    texts = [e.sentence.text for e in evidence.select_evidence(analysis, template, embedder, lead=lead)["context"]]
    assert texts == [more]
