# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
from datetime import date

import collections_lib.standing as standing


def test_standing_doctests_pass():
    assert doctest.testmod(standing).failed == 0


def test_severity_legal_stage_is_a_handover_whatever_the_level():
    assert standing.severity("legal", "email", "friendly") == standing.HANDOVER


def test_severity_agency_level_is_a_handover():
    assert standing.severity("normal", "agency", None) == standing.HANDOVER


def test_severity_demand_letter_is_formal():
    assert standing.severity("normal", "demand", "friendly") == standing.FORMAL


def test_severity_final_tone_is_formal():
    assert standing.severity("normal", "email", "final") == standing.FORMAL


def test_severity_letter_is_firm():
    assert standing.severity("normal", "letter", "friendly") == standing.FIRM


def test_severity_friendly_email_is_a_reminder():
    assert standing.severity("normal", "email", "friendly") == standing.REMINDER


def test_severity_no_level_is_a_reminder():
    assert standing.severity("normal", None, None) == standing.REMINDER


def test_shown_type_sensitive_type_is_neutral_for_a_viewer():
    for kind in standing.SENSITIVE_TYPES:
        assert standing.shown_type(kind, False) == standing.NEUTRAL


def test_shown_type_sensitive_type_is_shown_to_a_collector():
    assert standing.shown_type("irresponsible", True) == "irresponsible"


def test_shown_type_mild_type_is_shown_to_a_viewer():
    assert standing.shown_type("chronic", False) == "chronic"


def test_shown_type_no_type_is_none():
    assert standing.shown_type(False, False) is None


def test_delivery_failed_entry_is_failed():
    assert standing.delivery("failed") == standing.FAILED


def test_delivery_pending_entry_is_queued():
    assert standing.delivery("pending") == standing.QUEUED


def test_delivery_failed_wins_over_a_letter_to_post():
    assert standing.delivery("failed", to_post=True) == standing.FAILED


def test_delivery_printed_letter_waiting_for_the_post_is_to_post():
    assert standing.delivery("done", to_post=True) == standing.TO_POST


def test_delivery_reminder_replaced_by_a_call_is_not_sent():
    assert standing.delivery("done", failure=True) == standing.NOT_SENT


def test_delivery_sent_mail_is_sent():
    assert standing.delivery("sent") == standing.SENT


def test_delivery_letter_e_mailed_and_still_to_post_is_sent():
    assert standing.delivery("sent", to_post=True) == standing.SENT


def test_delivery_without_entry_is_sent():
    assert standing.delivery(None) == standing.SENT


def test_headline_formal_demand_whose_mail_failed_is_prepared():
    code = standing.headline(standing.FORMAL, True, standing.FAILED)
    assert code == standing.HEADLINE_FORMAL_PREPARED


def test_headline_formal_demand_to_post_is_prepared():
    code = standing.headline(standing.FORMAL, True, standing.TO_POST)
    assert code == standing.HEADLINE_FORMAL_PREPARED


def test_headline_formal_demand_sent_is_formal():
    code = standing.headline(standing.FORMAL, True, standing.SENT)
    assert code == standing.HEADLINE_FORMAL


def test_headline_queued_reminder_is_prepared():
    code = standing.headline(standing.REMINDER, True, standing.QUEUED)
    assert code == standing.HEADLINE_REMINDER_PREPARED


def test_headline_sent_reminder_is_a_reminder():
    code = standing.headline(standing.REMINDER, True, standing.SENT)
    assert code == standing.HEADLINE_REMINDER


def test_headline_firm_step_stays_firm_whatever_its_mail():
    code = standing.headline(standing.FIRM, True, standing.FAILED)
    assert code == standing.HEADLINE_FIRM


def test_headline_handover_whatever_its_mail():
    code = standing.headline(standing.HANDOVER, False, standing.FAILED)
    assert code == standing.HEADLINE_HANDOVER


def test_headline_no_level_yet():
    code = standing.headline(standing.REMINDER, False, standing.SENT)
    assert code == standing.HEADLINE_NO_LEVEL


def test_paused_until_today_included():
    assert standing.paused(date(2026, 5, 1), date(2026, 5, 1))


def test_paused_hold_in_the_past_is_over():
    assert not standing.paused(date(2026, 4, 30), date(2026, 5, 1))


def test_paused_without_hold_is_false():
    assert not standing.paused(None, date(2026, 5, 1))


def test_has_news_collectible_debt():
    assert standing.has_news(True, 0.01, False, False)


def test_has_news_open_promise_without_collectible():
    assert standing.has_news(True, 0.0, True, False)


def test_has_news_active_plan_without_collectible():
    assert standing.has_news(True, 0.0, False, True)


def test_has_news_nothing_to_tell():
    assert not standing.has_news(True, 0.0, False, False)


def test_has_news_without_debtor_is_false():
    assert not standing.has_news(False, 100.0, True, True)
