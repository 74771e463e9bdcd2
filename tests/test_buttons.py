# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every button of our views, pressed as the web client presses it.

The buttons (``type="object"`` and ``type="action"``) are read from the views
of ``collections_addon`` and ``collections_sale``, inherited views included. A
button is pressed by each persona whose screen shows it (the view as
``get_views`` gives it to that user: the button's groups, the view's, the
model's access), after logging in through ``/web/session/authenticate``, with
the request the web client sends: ``/web/dataset/call_button`` with
``args=[[id]]`` on a record, ``[[]]`` and ``[[id1, id2]]`` from a list's header;
``/web/action/load`` with ``active_model``/``active_id(s)`` for an action
button. What comes back is opened as the client would: a window action's
views and records are loaded, a wizard is created and its own buttons are
pressed, a report is rendered, a download is fetched.

A press is good when it gives an action, a notification or nothing, or when
it is refused with a ``UserError``, ``ValidationError`` or ``AccessError``
whose message is a sentence. Each press is rolled back, so every button meets
the same records. A new button in a view is pressed without editing this test.
"""

import json
import logging
import re
from datetime import timedelta

from lxml import etree

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import MANAGER, VIEWER, CollectionsCommon

_logger = logging.getLogger(__name__)

ADDONS = ("collections_addon", "collections_sale")
SALESMAN = "sales_team.group_sale_salesman"
SALES_ALL = "sales_team.group_sale_salesman_all_leads"
REFUSALS = {
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.RedirectWarning",
}
# A sentence: a capital (or a quote, a digit, a name), some words, an end mark.
SENTENCE = re.compile(r"^[\"'“«(A-ZА-ЯŁŚŻŹĆŃ0-9].*\s.*[.!?)»”]$", re.S)
FILLER = "Filled in by the button test: the customer disputes the quantity."
TIMEOUT = 120


def button_key(node):
    """What identifies a button across the stored and the rendered views."""
    return (
        node.get("name"),
        node.get("type"),
        (node.get("context") or "") + (node.get("args") or ""),
        node.get("string") or node.get("title") or "",
    )


def button_args(node):
    """The arguments a button adds after the ids, as the web client parses
    its ``args`` attribute (a JSON list, single quotes allowed)."""
    args = node.get("args")
    return json.loads(args.replace("'", '"')) if args else []


class Row(dict):
    """A record's values for a view expression: ``parent.x`` and ``x``."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(name) from error


@tagged("post_install", "-at_install")
class TestButtons(CollectionsCommon, HttpCase):
    """Every button of the addons' views, clicked by each persona who sees it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        company.write(
            {
                "collection_plan_approval_amount": 100.0,
                "collection_promise_horizon_days": 30,
            }
        )
        if "collection_hold_amount" in company._fields:
            company.collection_hold_amount = 100.0
        cls.sales_rep = cls.persona("btn_sales_rep", f"{VIEWER},{SALESMAN}")
        cls.sales_manager = cls.persona("btn_sales_manager", f"{MANAGER},{SALES_ALL}")
        cls.personas = (
            cls.viewer,
            cls.collector,
            cls.manager,
            cls.sales_rep,
            cls.sales_manager,
        )
        cls.build_records()

    @classmethod
    def persona(cls, login, groups):
        return new_test_user(
            cls.env,
            login=login,
            email=f"{login}@example.com",
            groups=f"base.group_user,{groups}",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
            tz="UTC",
        )

    @classmethod
    def customer_of(cls, name):
        return cls.env["res.partner"].create(
            {"name": name, "is_company": True, "email": "ap@example.com"}
        )

    @classmethod
    def build_records(cls):
        """Records in every state the buttons act on, in the test company."""
        env = cls.env
        held, planned, active = (
            cls.customer_of(name)
            for name in ("Held Ltd", "Planned Ltd", "Active Plan Ltd")
        )
        credit = cls.customer_of("Credit Balance Ltd")
        invoices = (
            cls.make_invoice(1200.0, -40)
            | cls.make_invoice(800.0, -10)
            | cls.make_invoice(500.0, -20, partner=cls.customer_b)
        )
        disputed = cls.make_invoice(450.0, -25, partner=cls.customer_b)
        plan_invoices = {
            partner: cls.make_invoice(900.0, -30, partner=partner)
            for partner in (planned, active)
        }
        cls.make_invoice(700.0, -50, partner=held)
        cls.make_invoice(300.0, -15, partner=credit)
        cls.unapplied_payment(credit, 1000.0)
        env["collection.ledger"]._refresh_company(env.company)
        Debtor = env["collection.debtor"]
        debtors = Debtor.search([("company_id", "=", env.company.id)])
        debtors.write({"user_id": cls.collector.id, "next_action_date": cls.today})
        debtor = cls.debtor_of_cls(cls.customer)
        cls.debtor_of_cls(held).write(
            {"hold_until": cls.today + timedelta(days=10), "hold_reason": "Audit"}
        )
        env["collection.escalation"]._run_company(env.company)
        env["collection.run"].with_user(cls.collector).action_run_now()
        # A dispute, a promise, calls with and without an outcome.
        disputed._collection_dispute(cls.debtor_of_cls(cls.customer_b), "Damaged goods")
        Contact = env["collection.contact"].with_user(cls.collector)
        calls = Contact.create(
            [
                {"debtor_id": debtor.id, "note": "Call under way"},
                {"debtor_id": debtor.id, "outcome": "reached", "note": "Reached"},
            ]
        )
        env["collection.promise"].with_user(cls.collector).create(
            {"debtor_id": debtor.id, "amount": 500.0, "date": cls.today + timedelta(3)}
        )
        # Plans: draft, waiting for approval, active.
        Plan = env["collection.plan"].with_user(cls.collector)
        plans = Plan.create(
            [
                {
                    "debtor_id": cls.debtor_of_cls(partner).id,
                    "invoice_ids": [Command.set(move.ids)],
                    "installment_count": 3,
                    "date_start": cls.today + timedelta(days=7),
                }
                for partner, move in plan_invoices.items()
            ]
            + [
                {
                    "debtor_id": debtor.id,
                    "invoice_ids": [Command.set(invoices[:1].ids)],
                    "installment_count": 2,
                    "date_start": cls.today + timedelta(days=7),
                }
            ]
        )
        plans[:2].action_submit()
        plans[1].with_user(cls.manager).action_approve()
        orders = env["sale.order"]
        if "sale.order" in env:
            orders = (
                env["sale.order"]
                .sudo()
                .create(
                    {
                        "partner_id": cls.customer.id,
                        "user_id": cls.sales_rep.id,
                        "order_line": [
                            Command.create(
                                {"product_id": cls.product_a.id, "product_uom_qty": 1}
                            )
                        ],
                    }
                )
            )
        receivable = env["collection.receivable"]
        cls.records = {
            "collection.debtor": debtors,
            "collection.contact": calls
            | env["collection.contact"].search([("debtor_id", "in", debtors.ids)]),
            "collection.promise": env["collection.promise"].search(
                [("debtor_id", "in", debtors.ids)]
            ),
            "collection.plan": plans,
            "collection.run": env["collection.run"].search(
                [("company_id", "=", env.company.id)]
            ),
            "account.move": invoices | disputed | plans.invoice_ids,
            "account.move.line": receivable._open_lines(debtor),
            "res.partner": cls.customer | cls.customer_b | held | credit,
            "sale.order": orders,
            "collection.level": env["collection.level"].search(
                [("company_id", "=", env.company.id)]
            ),
            "collection.policy": env["collection.policy"].search(
                [("company_id", "=", env.company.id)]
            ),
        }
        env.flush_all()

    @classmethod
    def debtor_of_cls(cls, partner):
        return cls.env["collection.debtor"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", cls.env.company.id)]
        )

    # --- the views and their buttons ----------------------------------------
    def our_views(self):
        data = self.env["ir.model.data"].search(
            [("module", "in", ADDONS), ("model", "=", "ir.ui.view")]
        )
        views = self.env["ir.ui.view"].browse(data.mapped("res_id")).exists()
        return views.filtered(lambda v: v.type in ("form", "list", "kanban"))

    def found_buttons(self, views):
        """The buttons written in our views (stored arch, inherited ones too)."""
        found = set()
        for view in views:
            for node in etree.fromstring(view.arch_db).iter("button"):
                if node.get("type") in ("object", "action"):
                    found.add(button_key(node))
        return found

    @staticmethod
    def root_of(view):
        while view.inherit_id and view.mode == "extension":
            view = view.inherit_id
        return view

    def rendered_buttons(self, root, persona, found):
        """Our buttons as ``persona`` sees them in ``root`` (combined, with
        groups applied), with their model and where they sit."""
        Model = self.env[root.model].with_user(persona)
        if not Model.has_access("read"):
            return []
        arch = Model.get_views([(root.id, root.type)])["views"][root.type]["arch"]
        tree = etree.fromstring(arch)
        buttons = []
        for node in tree.iter("button"):
            if button_key(node) not in found:
                continue
            model = root.model
            container = None
            in_header = False
            for ancestor in reversed(list(node.iterancestors())):
                if ancestor.tag == "field" and ancestor is not tree:
                    model = self.env[model]._fields[ancestor.get("name")].comodel_name
                if ancestor.tag in ("list", "form", "kanban"):
                    container = ancestor.tag
                    in_header = False
                if ancestor.tag == "header":
                    in_header = True
            buttons.append(
                {
                    "node": node,
                    "key": button_key(node),
                    "model": model,
                    "place": "list_header"
                    if container == "list" and in_header
                    else container,
                    "view": root,
                }
            )
        return buttons

    # --- the web client's requests --------------------------------------------
    def rpc(self, route, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        response = self.url_open(
            route,
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        body = response.json()
        return body.get("result"), body.get("error")

    def call_kw(self, model, method, args, kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def log_in(self, persona):
        self.opener.cookies.clear()
        result, error = self.rpc(
            "/web/session/authenticate",
            {
                "db": self.env.cr.dbname,
                "login": persona.login,
                "password": persona.login,
            },
        )
        self.assertFalse(error, error)
        self.assertEqual(result["uid"], persona.id)
        self.user_context = {
            "lang": "en_US",
            "tz": "UTC",
            "uid": persona.id,
            "allowed_company_ids": persona.company_ids.ids,
        }

    # --- the records a button is pressed on -----------------------------------
    def values_of(self, record, persona, expression):
        """The record's values an expression reads (many2one: the id)."""
        row = Row(id=record.id)
        record = record.with_user(persona)
        for name in set(re.findall(r"[A-Za-z_]\w*", expression or "")):
            field = record._fields.get(name)
            if not field:
                continue
            try:
                value = record[name]
            except Exception:  # noqa: BLE001 - a field the persona cannot read
                continue
            if field.type == "many2one":
                value = value.id
            elif field.type in ("one2many", "many2many"):
                value = value.ids
            elif field.type in ("date", "datetime"):
                value = fields.Date.to_string(value) if value else False
            row[name] = value
        return row

    def eval_expr(self, expression, row):
        today = fields.Date.context_today(self.env.user)
        return safe_eval(
            expression,
            {
                **row,
                "context": self.user_context,
                "uid": self.user_context["uid"],
                "current_date": fields.Date.to_string(today),
                "context_today": lambda: today,
                "parent": Row(),
                "True": True,
                "False": False,
                "None": None,
            },
        )

    def visible_on(self, button, persona, record):
        expression = button["node"].get("invisible")
        if not expression:
            return True
        try:
            row = self.values_of(record, persona, expression)
            return not self.eval_expr(expression, row)
        except Exception:  # noqa: BLE001 - the client would show it: press it
            return True

    def candidates(self, button, persona):
        records = self.records.get(button["model"])
        if records is None:
            return None
        records = records.with_user(persona)._filtered_access("read").sudo()
        visible = records.filtered(lambda r: self.visible_on(button, persona, r))
        return visible, records

    def button_context(self, button, persona, record=None):
        context = dict(self.user_context)
        expression = button["node"].get("context")
        if expression:
            row = self.values_of(record, persona, expression) if record else Row()
            context.update(self.eval_expr(expression, row))
        return context

    # --- pressing and following -------------------------------------------------
    def press(self, button, persona, ids):
        """One click: the request the client sends, then what it opens."""
        record = self.env[button["model"]].browse(ids[:1]) if ids else None
        context = self.button_context(button, persona, record)
        name = button["node"].get("name")
        savepoint = self.env.cr.savepoint()
        try:
            if button["node"].get("type") == "object":
                args = [ids] if button["place"] == "list_header" else [ids[:1]]
                args += button_args(button["node"])
                result, error = self.rpc(
                    f"/web/dataset/call_button/{button['model']}/{name}",
                    {
                        "model": button["model"],
                        "method": name,
                        "args": args,
                        "kwargs": {"context": context},
                    },
                )
            else:
                context.update(
                    active_model=button["model"],
                    active_id=ids[0]
                    if ids and button["place"] != "list_header"
                    else None,
                    active_ids=ids,
                )
                result, error = self.rpc(
                    "/web/action/load", {"action_id": int(name), "context": context}
                )
            problems = self.judge(result, error)
            if not problems and not error:
                problems = self.follow(result, persona, context, depth=0)
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()
        return problems, self.outcome(result, error)

    def judge(self, result, error):
        if error:
            data = error.get("data") or {}
            message = (data.get("message") or "").strip()
            if data.get("name") not in REFUSALS:
                return [
                    f"{data.get('name')}: {message}\n{data.get('debug', '')[-1500:]}"
                ]
            if not SENTENCE.match(message):
                return [f"{data.get('name')} without a sentence: {message!r}"]
            return []
        if result is False or result is None:
            return []
        if isinstance(result, dict) and result.get("type", "").startswith("ir.actions"):
            return []
        return [f"unexpected result {result!r}"]

    def follow(self, action, persona, context, depth):
        """Open what a button returned, as the web client would."""
        if not isinstance(action, dict) or depth > 2:
            return []
        kind = action.get("type")
        if kind == "ir.actions.client":
            params = action.get("params") or {}
            if action.get("tag") == "display_notification":
                if not (params.get("message") or "").strip():
                    return ["a notification without a message"]
                return self.follow(params.get("next"), persona, context, depth + 1)
            return []
        if kind == "ir.actions.report":
            ids = (action.get("context") or {}).get("active_ids") or []
            response = self.url_open(
                f"/report/html/{action['report_name']}/{','.join(map(str, ids))}",
                timeout=TIMEOUT,
            )
            return [] if response.ok else [f"report: HTTP {response.status_code}"]
        if kind == "ir.actions.act_url":
            response = self.url_open(action["url"], timeout=TIMEOUT)
            return [] if response.ok else [f"download: HTTP {response.status_code}"]
        if kind == "ir.actions.server":
            result, error = self.rpc(
                "/web/action/run", {"action_id": action["id"], "context": context}
            )
            return self.judge(result, error) or (
                [] if error else self.follow(result, persona, context, depth + 1)
            )
        if kind == "ir.actions.act_window":
            return self.open_window(action, persona, context, depth)
        return []

    def open_window(self, action, persona, context, depth):
        model = action["res_model"]
        action_context = action.get("context") or {}
        if isinstance(action_context, str):
            action_context = safe_eval(
                action_context,
                {
                    "uid": persona.id,
                    "active_id": context.get("active_id"),
                    "active_ids": context.get("active_ids"),
                    "context": context,
                },
            )
        context = {**context, **action_context}
        views = action.get("views") or [
            [False, mode] for mode in action.get("view_mode", "list").split(",")
        ]
        views = [
            [view_id, "list" if kind == "tree" else kind] for view_id, kind in views
        ]
        result, error = self.call_kw(
            model, "get_views", [], {"views": views, "context": context}
        )
        if error:
            return self.judge(None, error)
        first = views[0][1]
        if action.get("res_id"):
            _rows, error = self.call_kw(
                model,
                "web_read",
                [[action["res_id"]]],
                {"specification": {"display_name": {}}, "context": context},
            )
            return self.judge(None, error) if error else []
        if first != "form":
            domain = action.get("domain") or []
            if isinstance(domain, str):
                domain = safe_eval(
                    domain,
                    {
                        "uid": persona.id,
                        "active_id": context.get("active_id"),
                        "active_ids": context.get("active_ids"),
                        "context": context,
                    },
                )
            _rows, error = self.call_kw(
                model,
                "web_search_read",
                [],
                {
                    "domain": domain,
                    "specification": {"display_name": {}},
                    "limit": 5,
                    "context": context,
                },
            )
            return self.judge(None, error) if error else []
        arch = result["views"]["form"]["arch"]
        return self.fill_form(model, arch, persona, context, depth)

    def fill_form(self, model, arch, persona, context, depth):
        """A new record's form: its defaults; a wizard is saved with its
        required fields filled in, then each of its buttons is pressed."""
        tree = etree.fromstring(arch)
        names = {
            node.get("name")
            for node in tree.iter("field")
            if not any(a.tag == "field" for a in node.iterancestors())
        }
        spec = {name: {} for name in names}
        result, error = self.call_kw(
            model, "onchange", [[], {}, [], spec], {"context": context}
        )
        if error:
            return self.judge(None, error)
        if not self.env[model]._transient:
            return []
        values = {}
        defaults = result.get("value") or {}
        Model = self.env[model]
        for node in tree.iter("field"):
            name = node.get("name")
            field = Model._fields.get(name)
            if not field or defaults.get(name) or node.get("readonly") in ("1", "True"):
                continue
            if field.required or node.get("required") in ("1", "True"):
                values[name] = self.sample_value(field)
        # Our wizards' buttons are pressed; another addon's (the mail
        # composer) only opened.
        buttons = [
            node for node in tree.iter("button") if button_key(node) in self.found
        ]
        problems = []
        for node in buttons:
            problems += self.press_on_new(model, node, values, persona, context, depth)
        return problems

    def sample_value(self, field):
        if field.type in ("char", "text", "html"):
            return FILLER
        if field.type == "date":
            return fields.Date.to_string(self.today)
        if field.type in ("integer", "float", "monetary"):
            return 1
        if field.type == "selection":
            return field.get_description(self.env)["selection"][0][0]
        return False

    def press_on_new(self, model, node, values, persona, context, depth):
        saved, error = self.call_kw(
            model,
            "web_save",
            [[], values],
            {"specification": {"display_name": {}}, "context": context},
        )
        if error:
            return self.judge(None, error)
        wizard_id = saved[0]["id"]
        key = button_key(node)
        self.tested.add(key)
        if node.get("type") == "object":
            result, error = self.rpc(
                f"/web/dataset/call_button/{model}/{node.get('name')}",
                {
                    "model": model,
                    "method": node.get("name"),
                    "args": [[wizard_id], *button_args(node)],
                    "kwargs": {"context": context},
                },
            )
        else:
            result, error = self.rpc(
                "/web/action/load",
                {
                    "action_id": int(node.get("name")),
                    "context": {
                        **context,
                        "active_model": model,
                        "active_id": wizard_id,
                        "active_ids": [wizard_id],
                    },
                },
            )
        problems = self.judge(result, error)
        if not problems and not error:
            problems = self.follow(result, persona, context, depth + 1)
        self.log.append(
            f"{persona.login:18} {model}.{key[0]} {key[3]!r} [wizard, new record] "
            f"-> {self.outcome(result, error)}"
        )
        return [f"{model}.{key[0]} ({persona.login}): {p}" for p in problems]

    @staticmethod
    def outcome(result, error):
        if error:
            return (error.get("data") or {}).get("name")
        return result.get("type") if isinstance(result, dict) else result

    # --- the test ---------------------------------------------------------------
    def test_every_button_of_our_views_works_when_clicked(self):
        views = self.our_views()
        found = self.found = self.found_buttons(views)
        self.assertGreater(len(found), 40)
        roots = {self.root_of(view) for view in views}
        self.tested = set()
        self.log = []
        problems = []
        for persona in self.personas:
            self.log_in(persona)
            for root in sorted(roots, key=lambda v: v.id):
                for button in self.rendered_buttons(root, persona, found):
                    problems += self.press_everywhere(button, persona)
        summary = (
            f"{len(found)} buttons in the views of {', '.join(ADDONS)}, "
            f"{len(self.tested)} pressed, {len(self.log)} presses"
        )
        _logger.info("%s:\n%s", summary, "\n".join(self.log))
        print("\n".join([summary, *self.log]))
        missing = sorted(found - self.tested, key=str)
        self.assertFalse(problems, "\n\n".join(problems))
        self.assertFalse(missing, f"buttons no persona could press: {missing}")
        self.assertGreaterEqual(len(self.tested), len(found))

    def press_everywhere(self, button, persona):
        """Press the button the ways the client can on its screen."""
        pair = self.candidates(button, persona)
        if pair is None:
            if self.env[button["model"]]._transient:
                return []  # a wizard: pressed once opened by its button
            return [f"no test record of {button['model']} for {button['key']}"]
        visible, readable = pair
        if not readable:
            return []
        key = button["key"]
        presses = []
        if button["place"] == "list_header":
            if button["node"].get("display") == "always":
                presses.append([])
            presses.append(readable[:2].ids)
        else:
            presses.append((visible or readable)[:1].ids)
        problems = []
        for ids in presses:
            found, outcome = self.press(button, persona, ids)
            self.tested.add(key)
            self.log.append(
                f"{persona.login:18} {button['model']}.{key[0]} {key[3]!r} "
                f"[{button['place']}, ids={ids}] -> {outcome}"
            )
            problems += [
                f"{button['model']}.{key[0]} {key[3]!r} in {button['view'].xml_id} "
                f"as {persona.login}, ids {ids}: {problem}"
                for problem in found
            ]
        return problems
