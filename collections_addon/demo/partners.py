# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The 30 demo customers: one row each, with the behaviour they show."""

REF_PATTERN = "COLL-DEMO-%02d"
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
# "extra" tunes the behaviour (see plans.py).
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
