"""Every generated statement is checked against the sentences it cites."""

from __future__ import annotations

from briefer.verify import verify_statement

EV = [
    "President Joe Biden is expected to use his final meeting with China's leader, Xi Jinping, "
    "to urge him to dissuade North Korea from further deepening its support for Russia's war on Ukraine."
]
NAMES = {"U.S. President Joe Biden", "Chinese President Xi Jinping", "Lima, Peru"}


def test_faithful_paraphrase_is_supported():
    v = verify_statement(
        "Biden is expected to urge Xi to dissuade North Korea from deepening its support for Russia's war.",
        EV,
        allowed_names=NAMES,
    )
    assert v.supported, v.reasons


def test_outcome_no_source_states_is_rejected():
    v = verify_statement("Biden and Xi agreed to curb North Korea's support for Russia.", EV, allowed_names=NAMES)
    assert not v.supported
    assert any("outcome" in r for r in v.reasons)


def test_expectation_turned_into_fact_is_rejected():
    v = verify_statement("Biden urged Xi to dissuade North Korea from supporting Russia's war.", EV, allowed_names=NAMES)
    assert not v.supported
    assert any("only expects" in r for r in v.reasons)


def test_invented_number_and_name_are_rejected():
    v = verify_statement("Biden will urge Xi in Rio to stop 3,000 North Korean troops.", EV, allowed_names=NAMES)
    assert not v.supported
    assert any("3000" in r for r in v.reasons)
    assert any("rio" in r for r in v.reasons)


def test_added_negation_is_rejected():
    v = verify_statement("Biden will not urge Xi to dissuade North Korea.", EV, allowed_names=NAMES)
    assert not v.supported


def test_model_chatter_is_rejected():
    v = verify_statement("Here is the bullet point you asked for about Biden and Xi.", EV, allowed_names=NAMES)
    assert not v.supported


def test_swapped_roles_are_rejected():
    # The source: Biden urges Xi to dissuade North Korea. Moving "Russia" makes Russia the target.
    v = verify_statement(
        "Biden is expected to urge Russia to dissuade North Korea from deepening its support.", EV, allowed_names=NAMES
    )
    assert not v.supported
    assert any("moves names" in r for r in v.reasons)


def test_will_for_expected_changes_certainty_and_is_rejected():
    v = verify_statement(
        "Biden will use his final meeting with Xi Jinping to urge him to dissuade North Korea.", EV, allowed_names=NAMES
    )
    assert not v.supported
    assert any("certain" in r for r in v.reasons)


def test_past_event_turned_future_is_rejected():
    src = ["Noting that the US and China also restarted the Defense Policy Coordination Talks in January, 2024."]
    v = verify_statement("The US and China will restart the Defense Policy Coordination Talks.", src)
    assert not v.supported


def test_dropped_negation_is_rejected():
    src = ["Officials suggested there will be no specific outcomes from the meeting between the two leaders."]
    v = verify_statement("Officials suggested there will be specific outcomes from the meeting.", src)
    assert not v.supported
    assert any("negation" in r for r in v.reasons)


def test_clean_deletion_is_supported_and_one_new_word_is_flagged():
    src = [
        "As U.S. officials have done in recent years, Biden is expected to express concerns about China's "
        "increased military activities around Taiwan and unfair trade practices."
    ]
    ok = verify_statement("Biden is expected to express concerns about China's military activities around Taiwan.", src)
    assert ok.supported and not ok.flag
    flagged = verify_statement("Biden is expected to raise concerns about China's military activities around Taiwan.", src)
    assert flagged.supported and flagged.flag


def test_trim_sentence_cuts_attribution_and_asides_only():
    from briefer.verify import order_support, trim_sentence

    s = ("It will be Maru's last meeting as president with Kalder, whom the veteran diplomat regards as his most "
         "important peer among the leaders of the region, the official said.")
    t = trim_sentence(s)
    assert t == "It will be Maru's last meeting as president with Kalder."
    assert order_support(t, [s]) == 1.0


def test_a_short_sentence_standing_in_for_a_bullet_keeps_its_aside_but_not_its_gloss():
    from briefer.verify import trim_sentence

    # The aside holds the fact ("whom he last met in June at the summit in Brest"); a sentence
    # short enough for a bullet keeps it. A gloss in parentheses goes whatever the length.
    s = "Maru has had a rocky relationship with Kalder, whom he last met in June on the sidelines of a summit in Brest."
    assert trim_sentence(s) == s
    assert trim_sentence("The deal goes to the Defence Council (DAC) in the coming days, the official said.") == (
        "The deal goes to the Defence Council in the coming days.")


def test_past_meeting_retold_as_upcoming_is_rejected():
    src = ["Their last meeting took place in 2023 during the APEC summit in San Francisco."]
    v = verify_statement("APEC summit in San Francisco will take place in 2023.", src)
    assert not v.supported


def test_trim_sentence_drops_framing_openers():
    from briefer.verify import order_support, trim_sentence

    s = (
        "In addition to discussing issues related to AI and climate change, President Biden will warn that "
        "cyber pre-positioning on critical infrastructure is unacceptable, the official said."
    )
    t = trim_sentence(s)
    assert t == "President Biden will warn that cyber pre-positioning on critical infrastructure is unacceptable."
    assert order_support(t, [s]) == 1.0


# -- deletions: checked where the words were ----------------------------------------------

SRC = [
    "Officials said the two leaders are not expected to sign a deal, and that more than 3,000 troops "
    "will stay near Lake Orm, where President Ana Vidal will meet Premier Olek Marr on Friday."
]


def test_deletion_that_keeps_every_claim_word_is_supported():
    v = verify_statement("The two leaders are not expected to sign a deal.", SRC)
    assert v.supported, v.reasons


def test_deletion_that_drops_a_negation_is_rejected():
    v = verify_statement("The two leaders are expected to sign a deal.", SRC)
    assert not v.supported
    assert any("negation" in r for r in v.reasons)


def test_deletion_that_drops_a_hedge_is_rejected():
    v = verify_statement("The two leaders are not to sign a deal, and more than 3,000 troops will stay.", SRC)
    assert not v.supported
    assert any("certain" in r and "expected" in r for r in v.reasons)


def test_deletion_that_drops_a_modal_is_rejected():
    v = verify_statement("More than 3,000 troops stay near Lake Orm.", SRC)
    assert not v.supported
    assert any("“will”" in r for r in v.reasons)


def test_deletion_that_drops_the_bound_of_a_number_is_rejected():
    v = verify_statement("3,000 troops will stay near Lake Orm.", SRC)
    assert not v.supported
    assert any("more" in r for r in v.reasons)


def test_deletion_that_cuts_a_name_from_its_phrase_is_rejected():
    # "President Ana Vidal will meet Premier Olek Marr" → "President Vidal will meet Premier Marr" is fine,
    # but cutting the object's name makes the title stand for someone else.
    v = verify_statement("President Ana Vidal will meet Premier on Friday.", SRC)
    assert not v.supported


def test_deletion_of_a_whole_clause_with_its_negation_is_supported():
    v = verify_statement("More than 3,000 troops will stay near Lake Orm.", SRC)
    assert v.supported, v.reasons


def test_as_deletion_reads_the_fewest_gaps():
    from briefer.verify import as_deletion

    d = as_deletion("the talks will go ahead.", ["The meeting and the talks will go ahead."])
    assert d is not None
    assert sorted(d.kept) == [3, 4, 5, 6, 7]
    assert as_deletion("the talks will go ahead soon.", ["The meeting and the talks will go ahead."]) is None


def test_deletion_of_a_title_before_a_kept_name_is_supported():
    src = ["“We will talk tomorrow,” said President Ana Vidal, who hosted the dinner."]
    assert verify_statement("“We will talk tomorrow,” said Vidal.", src).supported


def test_deletion_of_one_of_two_names_is_rejected():
    src = ["President Ana Vidal will meet Premier Olek Marr and King Bo Tan on Friday."]
    v = verify_statement("President Ana Vidal will meet King Bo Tan on Friday.", src)
    assert not v.supported


def test_deletion_of_when_something_was_said_is_supported():
    src = ["Vidal and Marr said Tuesday they will meet next week at the summit in Orm."]
    assert verify_statement("Vidal and Marr said they will meet next week at the summit in Orm.", src).supported


def test_a_closing_single_quote_moved_before_the_full_stop_adds_no_word() -> None:
    src = "Reyes vowed to work with Tamura as both countries expand their 'many-sided partnership,' aides said."
    verdict = verify_statement("Reyes vowed to work with Tamura as both countries expand their ‘many-sided partnership’.", [src])
    assert verdict.supported and not verdict.flag, verdict.reasons


def test_a_source_sentence_used_as_a_bullet_loses_the_pages_list_marker():
    from briefer.verify import trim_sentence

    assert trim_sentence("- This will be the president's first visit to Ostria since taking office.") == \
        "This will be the president's first visit to Ostria since taking office."
    assert trim_sentence("• Trade will top the agenda of the two leaders in Port Aldo.").startswith("Trade will")


def test_trimming_a_relative_clause_takes_the_next_one_about_a_word_inside_it():
    from briefer.verify import trim_sentence

    s = ("The Veltrian delegation, which includes the minister's sister, who attended the opening ceremony of "
         "the games, will attend the welcoming ceremony on the lawn of the old palace near the river.")
    # Not "The Veltrian delegation who attended the opening ceremony …": that was the sister.
    assert trim_sentence(s) == ("The Veltrian delegation will attend the welcoming ceremony on the lawn of the "
                                "old palace near the river.")


def test_trimming_never_ends_a_relative_clause_inside_a_list():
    from briefer.verify import trim_sentence

    # The comma after "Veltria" is the list's, not the clause's end: cutting ", which … Veltria,"
    # would leave "in the south Osterland, and Tarnia meet".
    s = ("The force is expected to keep its base at the old fort in the south, which stands where the borders "
         "of Veltria, Osterland, and Tarnia meet.")
    assert "south Osterland" not in trim_sentence(s)
    s = s.replace("Osterland, and", "Osterland and")
    assert "south Osterland" not in trim_sentence(s)
    # A clause that closes at its own comma still goes.
    assert trim_sentence("The delegation, which includes his sister, will meet Reyes and Tamura in Port Aldo on "
                         "Tuesday for talks on the harbour, the fishing grounds and the new bridge.") == (
        "The delegation will meet Reyes and Tamura in Port Aldo on Tuesday for talks on the harbour, the fishing "
        "grounds and the new bridge.")


def test_a_quotation_keeps_its_named_speaker_when_trimmed():
    from briefer.verify import trim_sentence

    s = "“Relations between the two countries are key to peace in the region,” Tomas Varga said on Monday."
    assert trim_sentence(s) == s


def test_a_deletion_may_drop_the_office_before_a_name_it_keeps():
    src = ["The two leaders will discuss the river dam at length, said Palace spokesperson Ana Kovac."]
    ok = verify_statement("The two leaders will discuss the river dam at length, said Ana Kovac.", src)
    assert ok.supported, ok.reasons
    # ... but not a name between a kept word and a common word.
    src = ["Reyes will urge Varga to reopen the northern border crossings next month."]
    bad = verify_statement("Reyes will urge to reopen the northern border crossings next month.", src)
    assert not bad.supported
