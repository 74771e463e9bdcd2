# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one source of every selection list of the addon.

Labels are translated through the fields that use them (Odoo exports field
selections to the .pot); code never compares labels, only the keys.
"""

DEBTOR_TYPES = [
    ("forgetful", "Forgetful"),
    ("involuntary", "Involuntary"),
    ("chronic", "Chronic"),
    ("irresponsible", "Irresponsible"),
    ("fraudulent", "Fraudulent"),
]
ABC_CLASSES = [("a", "A"), ("b", "B"), ("c", "C")]
# How serious a collection is, mildest first (the codes of lib.standing).
SEVERITIES = [
    ("reminder", "Reminders"),
    ("firm", "Firm Steps"),
    ("formal", "Formal Demand"),
    ("handover", "Handed Over"),
]
DEBTOR_STAGES = [
    ("normal", "Normal"),
    ("legal", "Legal Action"),
    ("agency", "Collection Agency"),
]
LEVEL_ACTIONS = [
    ("email", "E-mail reminder"),
    ("call", "Phone call"),
    ("letter", "Letter"),
    ("demand", "Formal demand letter"),
    ("legal", "Legal action"),
    ("agency", "Collection agency"),
]
LEVEL_TONES = [
    ("friendly", "Friendly"),
    ("firm", "Firm"),
    ("formal", "Formal"),
    ("final", "Final"),
]
CONTACT_CHANNELS = [
    ("call", "Call"),
    ("email", "E-mail"),
    ("sms", "SMS"),
    ("letter", "Letter"),
    ("meeting", "Meeting"),
    ("portal", "Portal"),
]
# The channels a person logs a contact on; the others (the portal, the sales
# bridge's releases) are recorded by Collections itself.
MANUAL_CHANNELS = ("call", "email", "sms", "letter", "meeting")
CONTACT_OUTCOMES = [
    ("reached", "Reached"),
    ("no_answer", "No answer"),
    ("voicemail", "Voicemail"),
    ("wrong_number", "Wrong number"),
    ("promise", "Promise to pay"),
    ("dispute", "Dispute"),
    ("refused", "Refused to pay"),
    ("paid_claimed", "Paid (claimed)"),
    ("plan_requested", "Plan requested"),
]
# The role of a customer's contact: who gets the reminders and the letters.
CONTACT_ROLES = [("accountant", "Accountant"), ("decision_maker", "Decision Maker")]
CONTACT_DIRECTIONS = [("outbound", "Outbound"), ("inbound", "Inbound")]
UNANSWERED_OUTCOMES = ("no_answer", "voicemail", "wrong_number")
CONTACT_STATES = [
    ("done", "Done"),
    ("pending", "Pending"),
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("skipped", "Skipped"),
]
PROMISE_STATES = [
    ("open", "Open"),
    ("kept", "Kept"),
    ("broken", "Broken"),
    ("cancelled", "Cancelled"),
]
PLAN_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("active", "Active"),
    ("done", "Done"),
    ("defaulted", "Defaulted"),
    ("cancelled", "Cancelled"),
]
PLAN_INTERVALS = [
    ("weekly", "Weekly"),
    ("biweekly", "Every Two Weeks"),
    ("monthly", "Monthly"),
]
PLAN_LINE_STATES = [("pending", "Pending"), ("paid", "Paid"), ("overdue", "Overdue")]
RUN_STATES = [
    ("queued", "Queued"),
    ("running", "Running"),
    ("done", "Done"),
    ("partial", "Partly Done"),
]
RUN_TRIGGERS = [("cron", "Scheduled"), ("manual", "Run Now")]
# Keys are the regime codes of lib/statutory.py.
INTEREST_REGIMES = [
    ("ru_395", "Russia: art. 395 Civil Code (key rate of each period)"),
    ("pl_commercial", "Poland: commercial transactions (reference rate + 10)"),
    ("pl_civil", "Poland: civil, art. 481 Civil Code (reference rate + 5.5)"),
    ("eu_directive", "EU directive 2011/7 (ECB rate + margin)"),
    ("contractual_annual", "Contract: annual rate"),
    ("contractual_daily", "Contract: daily penalty"),
    ("flat", "Flat annual rate"),
]
INTEREST_RATE_TYPES = [
    ("ru_key", "Bank of Russia key rate"),
    ("pl_reference", "NBP reference rate"),
    ("ecb_mro", "ECB main refinancing rate"),
]
INTEREST_DAY_BASES = [
    ("actual", "Actual year (365 or 366 days)"),
    ("365", "365 days"),
    ("360", "360 days"),
]
# Who works the due debtors that have no collector.
UNASSIGNED_QUEUES = [("manager", "Managers' queue"), ("pool", "Shared pool")]
