# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import random
import time
from datetime import timedelta

from odoo import Command, api, fields, models

_logger = logging.getLogger(__name__)

REF_PATTERN = "COLL-DEMO-%02d"
BATCH_SIZE = 100
DAY = timedelta(days=1)
PHONE_PREFIXES = {
    "us": "+1 555 01",
    "ca": "+1 416 555 01",
    "pl": "+48 22 555 01",
    "ru": "+7 495 555 01",
    "de": "+49 211 5550 1",
    "fr": "+33 4 72 55 01",
    "nl": "+31 40 555 01",
    "uk": "+44 20 7946 01",
    "ch": "+41 44 555 01",
    "hu": "+36 1 555 01",
}

BEHAVIOUR_NOTES = {
    "good": "Demo: good payer. Pays on time; only invoices that are not yet due "
    "are open.",
    "forgetful": "Demo: forgetful payer. Always pays, 2-8 days late, once "
    "reminded; one small invoice is a few days overdue now.",
    "involuntary": "Demo: involuntary debtor. A long record of on-time payments, "
    "then a sudden large overdue invoice (cash-flow trouble at their end).",
    "chronic": "Demo: chronic late payer. Pays 30-90 days late and only after "
    "several contacts; several invoices are overdue.",
    "irresponsible": "Demo: irresponsible debtor. Ignores reminders; several "
    "invoices 60-300 days overdue and no payment for more than six months.",
    "fraud": "Demo: fraud suspect. Never paid anything; large invoices 120-400 "
    "days overdue. A flag for a person to review, never set automatically.",
}

# One row per demo customer; "num" gives the stable ref COLL-DEMO-<num>.
# "amounts" is the usual invoice range in the partner's invoice currency,
# "extra" tunes the behaviour (see the _plan_* helpers).
# fmt: off
PARTNERS = [
    {
        "num": 1, "name": "Northwind Traders", "kind": "good",
        "country": "us", "city": "Seattle", "zip": "98104",
        "street": "1200 Western Ave", "domain": "northwind-traders.com",
        "goods": "Gourmet food wholesale", "amounts": (900, 5200),
        "contacts": ("Laura Callahan", "Andrew Fuller"),
    },
    {
        "num": 2, "name": "Baltic Timber Sp. z o.o.", "kind": "chronic",
        "country": "pl", "city": "Gdańsk", "zip": "80-958", "lang": "pl_PL",
        "street": "ul. Elbląska 54", "domain": "baltictimber.pl",
        "goods": "Sawn timber delivery", "amounts": (1500, 4800),
        "contacts": ("Katarzyna Nowak", "Tomasz Wiśniewski"),
        "extra": {"open": [(128, 3400)]},
    },
    {
        "num": 3, "name": "Volga Logistics LLC", "kind": "involuntary",
        "country": "ru", "city": "Samara", "zip": "443099",
        "street": "Volzhsky prospekt 12", "domain": "volga-logistics.com",
        "goods": "Fleet spare parts", "amounts": (6000, 14000),
        "contacts": ("Olga Morozova", "Dmitry Volkov"),
        "extra": {"overdue": 96, "big": 112000},
    },
    {
        "num": 4, "name": "Lyon Textiles SARL", "kind": "forgetful",
        "country": "fr", "city": "Lyon", "zip": "69002", "currency": "EUR",
        "street": "18 Rue de la République", "domain": "lyon-textiles.fr",
        "goods": "Cotton fabric rolls", "amounts": (400, 2200),
        "contacts": ("Sophie Martin", None),
    },
    {
        "num": 5, "name": "Rheinland Maschinenbau GmbH", "kind": "good",
        "country": "de", "city": "Düsseldorf", "zip": "40213", "currency": "EUR",
        "street": "Königsallee 92", "domain": "rheinland-mb.de",
        "goods": "Machine maintenance", "amounts": (1800, 7500),
        "contacts": ("Petra Schneider", "Klaus Becker"),
    },
    {
        "num": 6, "name": "Blue Ridge Furniture", "kind": "irresponsible",
        "country": "us", "city": "Asheville", "zip": "28801",
        "street": "45 Biltmore Ave", "domain": "blueridgefurniture.com",
        "goods": "Hardwood panels", "amounts": (2200, 5200),
        "contacts": (None, "Travis Boone"),
    },
    {
        "num": 7, "name": "Brabant Foods B.V.", "kind": "chronic",
        "country": "nl", "city": "Eindhoven", "zip": "5611 AZ", "currency": "EUR",
        "street": "Stratumseind 7", "domain": "brabantfoods.nl",
        "goods": "Packaging film", "amounts": (1200, 3600),
        "contacts": ("Anouk de Vries", "Pieter Jansen"),
        "extra": {"open": [(44, 2150)]},
    },
    {
        "num": 8, "name": "Quicksilver Imports Ltd.", "kind": "fraud",
        "country": "uk", "city": "London", "zip": "E14 5AB",
        "street": "Unit 4, 25 Canada Square", "domain": "quicksilver-imports.co.uk",
        "goods": "Consumer electronics lot", "amounts": (40000, 120000),
        "contacts": (None, "Gavin Hale"),
        "extra": {"overdue": (398, 262, 171), "amounts": (96000, 118000, 74000)},
    },
    {
        "num": 9, "name": "Pacific Rim Electronics Inc.", "kind": "good",
        "country": "us", "city": "San Jose", "zip": "95113",
        "street": "60 S Market St", "domain": "pacificrim-electronics.com",
        "goods": "Printed circuit boards", "amounts": (1500, 6800),
        "contacts": ("Grace Lin", None),
    },
    {
        "num": 10, "name": "Greenfield Office Supply", "kind": "forgetful",
        "country": "us", "city": "Columbus", "zip": "43215",
        "street": "250 N High St", "domain": "greenfield-office.com",
        "goods": "Office paper and toner", "amounts": (300, 1600),
        "contacts": ("Megan Price", None),
    },
    {
        "num": 11, "name": "Wrocławskie Zakłady Chemiczne Sp. z o.o.",
        "kind": "involuntary", "country": "pl", "city": "Wrocław",
        "zip": "50-077", "lang": "pl_PL", "street": "ul. Świdnicka 38",
        "domain": "wzch.pl", "goods": "Industrial solvents",
        "amounts": (2500, 7000),
        "contacts": ("Agnieszka Kamińska", "Marek Zieliński"),
        "extra": {"overdue": 48, "big": 16800, "partial": 0.35},
    },
    {
        "num": 12, "name": "Golden Gate Catering LLC", "kind": "irresponsible",
        "country": "us", "city": "San Francisco", "zip": "94103",
        "street": "901 Mission St", "domain": "goldengatecatering.com",
        "goods": "Catering equipment rental", "amounts": (1800, 4600),
        "contacts": (None, None),
        "extra": {"partial": True},
    },
    {
        "num": 13, "name": "ООО «Невские Машины»", "kind": "good",
        "country": "ru", "city": "Санкт-Петербург", "zip": "191186",
        "lang": "ru_RU", "street": "Невский проспект, 28",
        "domain": "nevmash.ru", "goods": "Hydraulic pumps",
        "amounts": (2000, 8000),
        "contacts": ("Ирина Соколова", "Сергей Павлов"),
    },
    {
        "num": 14, "name": "ООО «Уральский Металл»", "kind": "chronic",
        "country": "ru", "city": "Екатеринбург", "zip": "620014",
        "lang": "ru_RU", "street": "ул. Малышева, 51",
        "domain": "uralmetall.ru", "goods": "Steel sheet",
        "amounts": (1800, 5000),
        "contacts": ("Наталья Кузнецова", "Андрей Лебедев"),
        "extra": {"open": [(38, 1650)]},
    },
    {
        "num": 15, "name": "АО «СибирьТрансСервис»", "kind": "involuntary",
        "country": "ru", "city": "Новосибирск", "zip": "630099",
        "lang": "ru_RU", "street": "Красный проспект, 17",
        "domain": "sibts.ru", "goods": "Rail freight services",
        "amounts": (2400, 6500),
        "contacts": ("Елена Попова", "Виктор Новиков"),
        "extra": {"overdue": 73, "big": 14500},
    },
    {
        "num": 16, "name": "Alpine Sports AG", "kind": "good",
        "country": "ch", "city": "Zürich", "zip": "8001",
        "street": "Bahnhofstrasse 45", "domain": "alpinesports.ch",
        "goods": "Ski rental equipment", "amounts": (1200, 5400),
        "contacts": ("Lea Meier", None),
    },
    {
        "num": 17, "name": "Mazowiecka Hurtownia Spożywcza S.A.", "kind": "good",
        "country": "pl", "city": "Warszawa", "zip": "00-001", "lang": "pl_PL",
        "street": "ul. Marszałkowska 104", "domain": "mhs.com.pl",
        "goods": "Dry goods wholesale", "amounts": (1000, 4200),
        "contacts": ("Magdalena Lewandowska", "Piotr Wójcik"),
    },
    {
        "num": 18, "name": "Krakowska Drukarnia Sp. j.", "kind": "forgetful",
        "country": "pl", "city": "Kraków", "zip": "31-042", "lang": "pl_PL",
        "street": "ul. Floriańska 22", "domain": "drukarnia-krakow.pl",
        "goods": "Offset printing ink", "amounts": (300, 1800),
        "contacts": ("Joanna Mazur", None),
    },
    {
        "num": 19, "name": "Atlas Fitness Clubs", "kind": "irresponsible",
        "country": "us", "city": "Phoenix", "zip": "85004",
        "street": "2 N Central Ave", "domain": "atlasfitnessclubs.com",
        "goods": "Gym equipment servicing", "amounts": (1600, 4200),
        "contacts": (None, "Derek Stone"),
    },
    {
        "num": 20, "name": "Desert Sun Hospitality", "kind": "chronic",
        "country": "us", "city": "Las Vegas", "zip": "89109",
        "street": "3600 Las Vegas Blvd S", "domain": "desertsunhospitality.com",
        "goods": "Linen and amenities", "amounts": (900, 3200),
        "contacts": ("Rosa Alvarez", "Mark Jennings"),
    },
    {
        "num": 21, "name": "Phoenix Global Ventures Inc.", "kind": "fraud",
        "country": "us", "city": "Miami", "zip": "33131",
        "street": "1111 Brickell Ave, Suite 1100", "domain": "phoenixgv.com",
        "goods": "Solar panel shipment", "amounts": (40000, 120000),
        "contacts": (None, "Victor Crane"),
        "extra": {"overdue": (372, 233, 126), "amounts": (88000, 62000, 45000)},
    },
    {
        "num": 22, "name": "Maple Leaf Hardware Ltd.", "kind": "good",
        "country": "ca", "city": "Toronto", "zip": "M5H 2N2",
        "street": "100 King St W", "domain": "mapleleafhardware.ca",
        "goods": "Power tools", "amounts": (800, 3800),
        "contacts": ("Emily Tremblay", None),
    },
    {
        "num": 23, "name": "Cascade Builders Inc.", "kind": "involuntary",
        "country": "us", "city": "Portland", "zip": "97204",
        "street": "805 SW Broadway", "domain": "cascadebuilders.com",
        "goods": "Concrete formwork", "amounts": (2000, 6000),
        "contacts": ("Hannah Brooks", "Jeff Olsen"),
        "extra": {"overdue": 57, "big": 12800, "partial": 0.25},
    },
    {
        "num": 24, "name": "Danube Trading Kft.", "kind": "irresponsible",
        "country": "hu", "city": "Budapest", "zip": "1051",
        "street": "Váci utca 19", "domain": "danubetrading.hu",
        "goods": "Paprika and spices", "amounts": (1500, 3800),
        "contacts": ("Eszter Nagy", None),
    },
    {
        "num": 25, "name": "Harbor Point Marine", "kind": "forgetful",
        "country": "us", "city": "Baltimore", "zip": "21202",
        "street": "1 E Pratt St", "domain": "harborpointmarine.com",
        "goods": "Marine paint", "amounts": (400, 2000),
        "contacts": (None, None),
    },
    {
        "num": 26, "name": "Evergreen Landscaping", "kind": "forgetful",
        "country": "us", "city": "Olympia", "zip": "98501",
        "street": "420 Capitol Way S", "domain": "evergreenlandscaping.com",
        "goods": "Garden supplies", "amounts": (250, 1400),
        "contacts": (None, None),
    },
    {
        "num": 27, "name": "Sunrise Dental Supplies", "kind": "good",
        "country": "us", "city": "Orlando", "zip": "32801",
        "street": "55 W Church St", "domain": "sunrisedental.com",
        "goods": "Dental consumables", "amounts": (700, 3000),
        "contacts": ("Nicole Hart", None),
    },
    {
        "num": 28, "name": "ИП Смирнов Алексей Викторович", "kind": "irresponsible",
        "country": "ru", "city": "Казань", "zip": "420111", "lang": "ru_RU",
        "street": "ул. Баумана, 9", "domain": "smirnov-trade.ru",
        "goods": "Retail shop fittings", "amounts": (1200, 3200),
        "contacts": (None, None),
        "extra": {"partial": True},
    },
    {
        "num": 29, "name": "Midwest Agri Co-op", "kind": "chronic",
        "country": "us", "city": "Des Moines", "zip": "50309",
        "street": "400 Locust St", "domain": "midwestagri.coop",
        "goods": "Fertilizer", "amounts": (1000, 3400),
        "contacts": ("Karen Schultz", "Bill Harmon"),
        "extra": {"open": [(395, 860), (68, 1400)]},
    },
    {
        "num": 30, "name": "Redwood Analytics", "kind": "good",
        "country": "us", "city": "Sacramento", "zip": "95814",
        "street": "915 L St", "domain": "redwoodanalytics.io",
        "goods": "Data center hardware", "amounts": (1500, 6000),
        "contacts": (None, "Natalie Reed"),
    },
]
# fmt: on


class CollectionDemo(models.AbstractModel):
    _name = "collection.demo"
    _description = "Collections Demo Data Generator"

    # === BUSINESS === #

    @api.model
    def _generate_demo(self):
        """Create demo customers with 18-24 months of invoices and payments.

        Called by ``demo/collection_demo.xml``. Every date is relative to today
        and every random draw comes from ``random.Random(42)``, so two runs on
        the same day give the same data. Does nothing when the demo partner
        COLL-DEMO-01 already exists, or when the company has no chart.
        """
        partner_model = self.env["res.partner"].with_context(active_test=False)
        if partner_model.search_count([("ref", "=", REF_PATTERN % 1)], limit=1):
            return
        company = self.env.company
        journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(company),
                ("type", "=", "sale"),
            ],
            limit=1,
        )
        if not journal:
            _logger.info("Collections demo skipped: %s has no chart.", company.name)
            return
        # Chatter messages and tracking would only slow the install down.
        demo = self.with_company(company).with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
        )
        demo._demo_generate(company, journal)

    @api.model
    def _demo_generate(self, company, journal):
        started = time.monotonic()
        today = fields.Date.context_today(self)
        rng = random.Random(42)
        for code in ("ru_RU", "pl_PL"):
            self.env["res.lang"]._activate_lang(code)
        eur = self._demo_prepare_eur(company, today)
        partners = self._demo_create_partners()

        plans = []
        for row in PARTNERS:
            for inv in getattr(self, f"_plan_{row['kind']}")(rng, today, row):
                plans.append(dict(inv, row=row))
        plans += self._demo_special_invoices(today, self._demo_installment_term())
        # Chronological order keeps invoice and payment numbers in date order.
        plans.sort(key=lambda inv: (inv["date"], inv["row"]["num"]))
        moves = self._demo_create_invoices(plans, partners, journal, eur)
        special = {
            inv["special"]: move
            for inv, move in zip(plans, moves, strict=True)
            if inv.get("special") in ("draft", "cancel", "reverse")
        }
        (moves - special["draft"] - special["cancel"]).action_post()
        special["cancel"].button_cancel()
        reverse_date = special["reverse"].invoice_date + 3 * DAY
        reverse_vals = {
            "invoice_date": reverse_date,
            "date": reverse_date,
            "ref": "Invoiced by mistake: duplicate order",
        }
        special["reverse"]._reverse_moves([reverse_vals], cancel=True)
        payment_count = self._demo_register_payments(plans, moves)
        self._demo_unapplied_payment(today, partners)
        _logger.info(
            "Collections demo: %s partners, %s invoices and credit notes, "
            "%s payments created in %.1f s",
            len(partners),
            len(moves) + 1,
            payment_count + 1,
            time.monotonic() - started,
        )

    # === HELPERS: master data === #

    @api.model
    def _demo_prepare_eur(self, company, today):
        """Activate EUR and give it a rate if the company has none."""
        eur = self.env.ref("base.EUR")
        if not eur.active:
            eur.active = True
        rate_model = self.env["res.currency.rate"]
        domain = [
            ("currency_id", "=", eur.id),
            ("company_id", "in", [False, company.root_id.id]),
        ]
        if eur != company.currency_id and not rate_model.search_count(domain):
            rate_model.create(
                {
                    "currency_id": eur.id,
                    "company_id": company.root_id.id,
                    "name": today - 1100 * DAY,
                    "rate": 0.92,
                }
            )
        return eur

    @api.model
    def _demo_create_partners(self):
        """Create the 30 demo customers; return them keyed by their number."""
        vals_list = []
        for row in PARTNERS:
            lang = row.get("lang", "en_US")
            children = [
                Command.create(self._demo_contact_vals(row, person, function, index))
                for index, (person, function) in enumerate(
                    zip(row["contacts"], ("Accountant", "Director"), strict=True)
                )
                if person
            ]
            vals_list.append(
                {
                    "name": row["name"],
                    "is_company": True,
                    "ref": REF_PATTERN % row["num"],
                    "email": f"accounts@{row['domain']}",
                    "phone": self._demo_phone(row, 10),
                    "website": f"https://www.{row['domain']}",
                    "street": row["street"],
                    "city": row["city"],
                    "zip": row["zip"],
                    "country_id": self.env.ref(f"base.{row['country']}").id,
                    "lang": lang,
                    "customer_rank": 1,
                    "comment": BEHAVIOUR_NOTES[row["kind"]],
                    "child_ids": children,
                }
            )
        partners = self.env["res.partner"].create(vals_list)
        pairs = zip(PARTNERS, partners, strict=True)
        return {row["num"]: partner for row, partner in pairs}

    @api.model
    def _demo_contact_vals(self, row, person, function, index):
        vals = {
            "name": person,
            "function": function,
            "type": "contact",
            "email": f"{function.lower()}@{row['domain']}",
            "phone": self._demo_phone(row, 20 + index),
            "lang": row.get("lang", "en_US"),
        }
        # Reminders go to the accountant, demand letters to the decision maker.
        vals["collection_role"] = (
            "accountant" if function == "Accountant" else "decision_maker"
        )
        return vals

    @api.model
    def _demo_phone(self, row, suffix):
        return "%s%02d %02d" % (PHONE_PREFIXES[row["country"]], row["num"], suffix)

    @api.model
    def _demo_installment_term(self):
        def line(percent, days):
            return Command.create(
                {"value": "percent", "value_amount": percent, "nb_days": days}
            )

        return self.env["account.payment.term"].create(
            {
                "name": "30% now, balance 60 days",
                "note": "30% on the invoice date, the balance within 60 days.",
                "line_ids": [line(30.0, 0), line(70.0, 60)],
            }
        )

    # === HELPERS: invoice plans === #
    # A plan is a list of dicts: date, due, amount and payments, a list of
    # (date, amount) where the amount None pays the remaining balance.

    @api.model
    def _plan_invoice(self, day, due, amount, payments=()):
        return {"date": day, "due": due, "amount": amount, "payments": list(payments)}

    @api.model
    def _plan_dates(self, rng, start, end, gap):
        dates, day = [], start
        while day <= end:
            dates.append(day)
            day += rng.randint(*gap) * DAY
        return dates

    @api.model
    def _plan_history(self, rng, today, end, gap):
        """Invoice dates from 18-24 months ago until `end` days ago."""
        start = today - rng.randint(545, 725) * DAY
        return self._plan_dates(rng, start, today - end * DAY, gap)

    @api.model
    def _plan_amount(self, rng, row):
        low, high = row["amounts"]
        return round(rng.uniform(low, high), -1)

    @api.model
    def _plan_good(self, rng, today, row):
        """Paid on or before the due date; one or two invoices not yet due."""
        plan = []
        for day in self._plan_history(rng, today, 35, (80, 110)):
            due = day + 30 * DAY
            paid = max(day, due - rng.randint(0, 6) * DAY)
            amount = self._plan_amount(rng, row)
            plan.append(self._plan_invoice(day, due, amount, [(paid, None)]))
        for ago in sorted({rng.randint(2, 25) for _i in range(rng.randint(1, 2))}):
            day = today - ago * DAY
            amount = self._plan_amount(rng, row)
            plan.append(self._plan_invoice(day, day + 30 * DAY, amount))
        return plan

    @api.model
    def _plan_forgetful(self, rng, today, row):
        """Always paid 2-8 days late; one small invoice 5-10 days overdue."""
        plan = []
        for day in self._plan_history(rng, today, 45, (60, 85)):
            due = day + 30 * DAY
            paid = due + rng.randint(2, 8) * DAY
            amount = self._plan_amount(rng, row)
            plan.append(self._plan_invoice(day, due, amount, [(paid, None)]))
        due = today - rng.randint(5, 10) * DAY
        amount = round(rng.uniform(150, 450), -1)
        plan.append(self._plan_invoice(due - 30 * DAY, due, amount))
        if rng.random() < 0.6:
            day = today - rng.randint(3, 20) * DAY
            amount = self._plan_amount(rng, row)
            plan.append(self._plan_invoice(day, day + 30 * DAY, amount))
        return plan

    @api.model
    def _plan_involuntary(self, rng, today, row):
        """On time for years, then one big invoice 45-100 days overdue."""
        extra = row["extra"]
        plan = []
        for day in self._plan_history(rng, today, extra["overdue"] + 60, (60, 85)):
            due = day + 30 * DAY
            paid = max(day, due - rng.randint(0, 3) * DAY)
            amount = self._plan_amount(rng, row)
            plan.append(self._plan_invoice(day, due, amount, [(paid, None)]))
        due = today - extra["overdue"] * DAY
        payments = []
        if extra.get("partial"):
            paid = today - rng.randint(5, 15) * DAY
            payments.append((paid, round(extra["big"] * extra["partial"], -1)))
        plan.append(self._plan_invoice(due - 30 * DAY, due, extra["big"], payments))
        return plan

    @api.model
    def _plan_chronic(self, rng, today, row):
        """Paid 30-90 days late, often in parts; what fell due lately is open."""
        plan = []
        partial_done = False
        for day in self._plan_history(rng, today, 15, (55, 75)):
            due = day + 30 * DAY
            amount = self._plan_amount(rng, row)
            payments = []
            if due < today - 100 * DAY:
                paid = min(
                    due + rng.randint(30, 90) * DAY,
                    today - rng.randint(3, 20) * DAY,
                )
                if rng.random() < 0.3:
                    first = paid - rng.randint(10, 25) * DAY
                    payments.append((first, round(amount * 0.4, -1)))
                payments.append((paid, None))
            elif due < today and not partial_done:
                paid = today - rng.randint(2, 12) * DAY
                payments.append((paid, round(amount * 0.4, -1)))
                partial_done = True
            plan.append(self._plan_invoice(day, due, amount, payments))
        for overdue, amount in row.get("extra", {}).get("open", []):
            due = today - overdue * DAY
            plan.append(self._plan_invoice(due - 30 * DAY, due, amount))
        return plan

    @api.model
    def _plan_irresponsible(self, rng, today, row):
        """Paid late at first, then 60-300 days overdue and silent for 6+ months."""
        plan = []
        for day in self._plan_history(rng, today, 345, (50, 70)):
            due = day + 30 * DAY
            paid = due + rng.randint(10, 40) * DAY
            amount = self._plan_amount(rng, row)
            plan.append(self._plan_invoice(day, due, amount, [(paid, None)]))
        first_open = today - (330 - rng.randint(0, 15)) * DAY
        for index, day in enumerate(
            self._plan_dates(rng, first_open, today - 90 * DAY, (45, 75))
        ):
            amount = self._plan_amount(rng, row)
            payments = []
            if index == 0 and row.get("extra", {}).get("partial"):
                paid = today - rng.randint(200, 230) * DAY
                payments.append((paid, round(amount * 0.3, -1)))
            plan.append(self._plan_invoice(day, day + 30 * DAY, amount, payments))
        return plan

    @api.model
    def _plan_fraud(self, rng, today, row):
        """A few big invoices 120-400 days overdue and not a cent paid."""
        extra = row["extra"]
        plan = []
        for overdue, amount in zip(extra["overdue"], extra["amounts"], strict=True):
            due = today - overdue * DAY
            plan.append(self._plan_invoice(due - 30 * DAY, due, amount))
        return plan

    @api.model
    def _demo_special_invoices(self, today, term):
        """Documents that show edge cases of the ledger, tagged by "special"."""
        rows = {row["num"]: row for row in PARTNERS}

        def special(num, tag, ago, amount, **kw):
            day = today - ago * DAY
            inv = self._plan_invoice(day, day + 30 * DAY, amount)
            return dict(inv, row=rows[num], special=tag, **kw)

        return [
            # 30% due at once (20 days overdue), 70% due in 40 days.
            special(20, "installments", 20, 4600, term=term.id),
            special(9, "refund", 25, 850, label="Credit note: returned boards"),
            special(14, "refund", 40, 1200, label="Credit note: price dispute"),
            special(24, "refund", 210, 600, label="Credit note: damaged crates"),
            special(5, "reverse", 50, 2300),
            special(22, "draft", 1, 1250),
            special(27, "cancel", 30, 980),
        ]

    # === HELPERS: accounting documents === #

    @api.model
    def _demo_create_invoices(self, plans, partners, journal, eur):
        """Create all planned moves in batches, in plan order; not posted."""
        child_done = False
        vals_list = []
        for inv in plans:
            row = inv["row"]
            partner = partners[row["num"]]
            # One open invoice of Baltic Timber is made out to its accountant:
            # the ledger must roll it up to the company.
            if row["num"] == 2 and not inv["payments"] and not child_done:
                partner = partner.child_ids.filtered(
                    lambda c: c.function == "Accountant"
                )
                child_done = True
            is_refund = inv.get("special") == "refund"
            label = inv.get("label") or f"{row['goods']}, {inv['date']:%Y-%m}"
            line = {
                "name": label,
                "quantity": 1,
                "price_unit": inv["amount"],
                "tax_ids": [Command.clear()],
            }
            vals = {
                "move_type": "out_refund" if is_refund else "out_invoice",
                "journal_id": journal.id,
                "partner_id": partner.id,
                "invoice_date": inv["date"],
                "invoice_line_ids": [Command.create(line)],
            }
            if row.get("currency") == "EUR":
                vals["currency_id"] = eur.id
            if inv.get("term"):
                vals["invoice_payment_term_id"] = inv["term"]
            elif not is_refund:
                vals["invoice_date_due"] = inv["due"]
            vals_list.append(vals)
        moves = self.env["account.move"]
        for index in range(0, len(vals_list), BATCH_SIZE):
            moves += moves.create(vals_list[index : index + BATCH_SIZE])
        return moves

    @api.model
    def _demo_register_payments(self, plans, moves):
        """Register every planned payment with the payment wizard, by date."""
        todo = [
            (pay_date, amount, move)
            for inv, move in zip(plans, moves, strict=True)
            for pay_date, amount in inv["payments"]
        ]
        todo.sort(key=lambda item: (item[0], item[2].id))
        for pay_date, amount, move in todo:
            vals = {"payment_date": pay_date}
            if amount:
                vals["amount"] = amount
            self.env["account.payment.register"].with_context(
                active_model="account.move",
                active_ids=move.ids,
            ).create(vals).action_create_payments()
        return len(todo)

    @api.model
    def _demo_unapplied_payment(self, today, partners):
        """A customer payment received without an invoice reference."""
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partners[1].id,
                "amount": 1500.0,
                "date": today - 12 * DAY,
                "memo": "Wire transfer without invoice reference",
            }
        )
        payment.action_post()
        return payment
