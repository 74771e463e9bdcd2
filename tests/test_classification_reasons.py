# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Why a type was suggested: stored as codes, read in the reader's language."""

import json
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.translate import code_translations

from odoo.addons.collections_addon.lib import classification
from odoo.addons.collections_addon.models import lib_messages
from odoo.addons.collections_addon.models.collection_guard import system_env

from .common import CollectionsCommon

LANGS = ("en_US", "ru_RU", "pl_PL")
NEW_DELAY = (
    "No pattern of lateness: no payment history yet and %(unanswered)s of "
    "%(contacts)s contacts unanswered, so the delay of %(days)s days looks "
    "circumstantial."
)
FAKE = {
    "ru_RU": "Нет закономерности: просрочка %(days)s дн., без ответа "
    "%(unanswered)s из %(contacts)s.",
    "pl_PL": "Brak wzorca: zwłoka %(days)s dni, bez odpowiedzi %(unanswered)s "
    "z %(contacts)s.",
}


def _numbered(names, start):
    """Distinct figures per argument, so each can be found in the sentence."""
    return {name: start + index for index, name in enumerate(names)}


@tagged("post_install", "-at_install")
class TestClassificationReasons(CollectionsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("ru_RU", "pl_PL"):
            cls.env["res.lang"]._activate_lang(code)
        cls.make_invoice(90000.0, -300)

    def debtor(self):
        self.refresh()
        return self.debtor_of(self.customer)

    def reason_in(self, debtor, lang):
        return debtor.with_context(lang=lang).debtor_type_reason_auto

    def fake_translations(self):
        """Translations of one new sentence, as the lead's .po files will bring."""
        cache = dict(code_translations.python_translations)
        for lang, text in FAKE.items():
            known = code_translations.get_python_translations("collections_addon", lang)
            cache[("collections_addon", lang)] = {**known, NEW_DELAY: text}
        return patch.object(code_translations, "python_translations", cache)

    def test_refresh_stores_codes_and_figures_not_a_sentence(self):
        debtor = self.debtor()
        self.assertEqual(debtor.debtor_type_reason_code, "involuntary_new_delay")
        self.assertFalse(debtor.debtor_type_fraud_code)
        self.assertEqual(
            json.loads(debtor.debtor_type_reason_args),
            {"reason": {"unanswered": 0, "contacts": 0, "days": 300}, "fraud": {}},
        )
        self.assertFalse(self.Debtor._fields["debtor_type_reason_auto"].store)

    def test_reason_reads_as_the_english_sentence(self):
        self.assertEqual(
            self.reason_in(self.debtor(), "en_US"),
            "No pattern of lateness: no payment history yet and 0 of 0 contacts "
            "unanswered, so the delay of 300 days looks circumstantial.",
        )

    def test_reason_reads_in_each_readers_language(self):
        debtor = self.debtor()
        with self.fake_translations():
            texts = {lang: self.reason_in(debtor, lang) for lang in LANGS}
        self.assertEqual(texts["ru_RU"], FAKE["ru_RU"] % debtor_args(debtor))
        self.assertEqual(texts["pl_PL"], FAKE["pl_PL"] % debtor_args(debtor))
        self.assertEqual(len(set(texts.values())), 3)

    def test_reason_without_translation_keeps_the_figures(self):
        debtor = self.debtor()
        for lang in LANGS:
            with self.subTest(lang=lang):
                self.assertIn("300", self.reason_in(debtor, lang))

    def test_same_day_rerun_with_classification_writes_nothing(self):
        self.debtor()
        self.assertEqual(self.refresh(), 0)
        # Force phase 2 again: the stored codes and figures compare equal.
        self.env.cr.execute(
            "UPDATE res_company SET collection_classification_key = NULL"
        )
        self.env.company.invalidate_recordset(["collection_classification_key"])
        self.assertEqual(self.refresh(), 0)

    def test_fraud_flag_is_its_own_sentence_after_the_reason(self):
        debtor = self.debtor()
        system_env(debtor).write(
            {
                "debtor_type_reason_code": "ignores_contacts",
                "debtor_type_fraud_code": "fraud_contacts_disputes",
                "debtor_type_reason_args": json.dumps(
                    {
                        "reason": {"unanswered": 5, "contacts": 6},
                        "fraud": {
                            "days": 120,
                            "unanswered": 5,
                            "contacts": 6,
                            "disputes": 2,
                        },
                    }
                ),
            }
        )
        self.assertEqual(
            debtor.debtor_type_reason_auto,
            "Ignores contacts: 5 of 6 contacts unanswered. Flagged for a fraud "
            "review: nothing ever paid, 120 days overdue, 5 of 6 contacts "
            "unanswered and 2 dispute(s) raised.",
        )

    def test_no_or_unknown_code_reads_empty(self):
        debtor = self.debtor()
        system_env(debtor).write(
            {"debtor_type_reason_code": "retired_code", "debtor_type_fraud_code": False}
        )
        self.assertFalse(debtor.debtor_type_reason_auto)
        system_env(debtor).write(
            {"debtor_type_reason_code": False, "debtor_type_reason_args": False}
        )
        self.assertFalse(debtor.debtor_type_reason_auto)

    def test_users_cannot_write_the_codes(self):
        debtor = self.debtor().with_user(self.manager)
        for name in (
            "debtor_type_reason_code",
            "debtor_type_fraud_code",
            "debtor_type_reason_args",
        ):
            with self.subTest(field=name), self.assertRaises(AccessError):
                debtor.write({name: "chronic_late"})

    def test_every_reason_code_has_one_full_sentence_per_language(self):
        currency = self.env.company.currency_id
        for code in classification.REASON_CODES:
            args = _numbered(classification.REASON_ARGS[code], 101)
            for lang in LANGS:
                with self.subTest(code=code, lang=lang):
                    env = self.env(context=dict(self.env.context, lang=lang))
                    text = lib_messages.type_reason(env, code, args, currency)
                    self.assertOneSentenceWith(text, args, currency)

    def test_every_fraud_code_has_one_full_sentence_per_language(self):
        for code in classification.FRAUD_CODES:
            args = _numbered(classification.FRAUD_ARGS[code], 201)
            for lang in LANGS:
                with self.subTest(code=code, lang=lang):
                    env = self.env(context=dict(self.env.context, lang=lang))
                    text = lib_messages.fraud_flag(env, code, args)
                    self.assertOneSentenceWith(text, args)

    def assertOneSentenceWith(self, text, args, currency=None):
        self.assertTrue(text.endswith("."), text)
        self.assertNotIn(". ", text)
        self.assertNotIn("%(", text)
        for name, value in args.items():
            shown = currency.format(float(value)) if name == "amount" else str(value)
            self.assertIn(shown, text)


def debtor_args(debtor):
    return json.loads(debtor.debtor_type_reason_args)["reason"]
