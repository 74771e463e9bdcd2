# Copyright 2026 Collections Addon Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MANAGER, USER, VIEWER, CollectionsCommon


@tagged("post_install", "-at_install")
class TestViews(CollectionsCommon):
    """Every view of the addon renders for a user of each of its groups."""

    def _addon_views(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "collections_addon"), ("model", "=", "ir.ui.view")]
        )
        views = self.env["ir.ui.view"].browse(data.mapped("res_id"))
        return views.filtered(lambda v: v.type != "qweb")  # reports: rendered elsewhere

    def test_every_view_renders_for_every_group(self):
        views = self._addon_views()
        self.assertTrue(views)
        users = {
            group: self.env["res.users"].search([("login", "=", login)])
            for group, login in (
                (VIEWER, "coll_viewer"),
                (USER, "coll_user"),
                (MANAGER, "coll_manager"),
            )
        }
        for group, user in users.items():
            self.assertTrue(user.has_group(group))
            for view in views:
                model = view.model
                with self.subTest(group=group, view=view.xml_id):
                    env_model = self.env[model].with_user(user)
                    if model == "res.config.settings":
                        # Settings need Administration rights on top of ours.
                        env_model = env_model.sudo()
                    if not env_model.has_access("read"):
                        # e.g. sales reps (Viewer) have no access to invoices.
                        with self.assertRaises(AccessError):
                            env_model.get_views([(view.id, view.type)])
                        continue
                    result = env_model.get_views([(view.id, view.type)])
                    self.assertIn(view.type, result["views"])
                    self.assertTrue(result["views"][view.type]["arch"])

    def test_default_views_of_each_type(self):
        for view_type in (
            "kanban",
            "list",
            "form",
            "pivot",
            "graph",
            "search",
            "activity",
        ):
            for login in ("coll_viewer", "coll_user", "coll_manager"):
                user = self.env["res.users"].search([("login", "=", login)])
                with self.subTest(view_type=view_type, login=login):
                    result = (
                        self.env["collection.debtor"]
                        .with_user(user)
                        .get_views([(False, view_type)])
                    )
                    self.assertIn(view_type, result["views"])

    def test_partner_form_shows_debt_panel_to_viewer(self):
        arch = (
            self.env["res.partner"]
            .with_user(self.viewer)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("collection_amount_overdue", arch)
        self.assertIn("o_collection_overdue_banner", arch)

    def test_partner_form_hides_debt_panel_without_group(self):
        plain = self.env["res.users"].create(
            {
                "name": "Plain",
                "login": "plain_user",
                "groups_id": [(6, 0, self.env.ref("base.group_user").ids)],
            }
        )
        arch = (
            self.env["res.partner"]
            .with_user(plain)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("collection_amount_overdue", arch)

    def test_debtor_form_hides_what_the_server_refuses_to_a_viewer(self):
        """Letter, statement and export are refused to Viewers by the server;
        the form does not offer them either."""
        buttons = ("action_print_letter", "action_print_statement")
        for user, shown in ((self.viewer, False), (self.collector, True)):
            arch = (
                self.env["collection.debtor"]
                .with_user(user)
                .get_views([(False, "form")])["views"]["form"]["arch"]
            )
            with self.subTest(user=user.login):
                for button in buttons:
                    self.assertEqual(f'name="{button}"' in arch, shown)
        list_arch = (
            self.env["collection.debtor"]
            .with_user(self.viewer)
            .get_views([(False, "list")])["views"]["list"]["arch"]
        )
        self.assertNotIn("action_export_aging_xlsx", list_arch)
